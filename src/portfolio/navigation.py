"""The sidebar's navigation: the same size however many write-ups the site holds.

furo draws its sidebar from the whole toctree, so every page of a site of 400
write-ups would list all 400, and a phone's drawer would hold 400 links before
the Skills page. Sphinx resolves that tree again for every page and furo parses
it again: work that grows as pages times pages.

A section's listing marks the toctree of its pages as bounded (:data:`BOUNDED`;
directives.py). In the sidebar such a toctree shows its first
``portfolio_sidebar_newest`` pages (the listing orders them newest first), and
the page being read, or the page that holds it, when that is further down;
the section's archive, in a toctree of its own, lists them all. Everything
else that reads the toctree still reads the whole of it: the previous and next
links, the EPUB's and the PDF's contents, and Sphinx's check that every page
is in a toctree.

furo asks Sphinx for the tree through the page context's ``toctree`` function.
This module's handler runs before furo's and puts in its place one that
resolves the tree through Sphinx's own ``global_toctree_for_doc``, over a view
of the environment in which each bounded toctree holds only what this page
shows. Nothing of furo's is copied or overridden; tests/unit/test_navigation.py
fails, saying so, if furo stops drawing its sidebar that way.

What the sidebar shows changes every page. Sphinx writes again only the pages
it read and their toctree parents, so when a build changes the sidebar (a new
newest write-up, a section's title) every page is written again
(:func:`on_env_updated`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc

#: The attribute a listing sets on the toctree of its pages.
BOUNDED = "portfolio_bounded"

#: The builders whose pages carry furo's sidebar.
BUILDERS = frozenset({"html", "dirhtml"})

#: How furo asks for its tree (furo.__init__._compute_navigation_tree): the whole
#: tree, every branch, hidden toctrees included, titles only.
FURO_TOCTREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}

#: Beside the doctrees: what the sidebar showed at the last build, for each builder.
RECORD = "portfolio-sidebar-{builder}.json"


def shown(entries: list[tuple[str | None, str]], newest: int, keep: set[str]) -> list:
    """A bounded toctree's ``entries`` as the sidebar shows them: the first
    ``newest``, and any later one that ``keep`` names."""
    return [entry for index, entry in enumerate(entries) if index < newest or entry[1] in keep]


def ancestors(toctree_includes: Mapping[str, list[str]], docname: str) -> set[str]:
    """``docname`` and every page whose toctree holds it, or holds one that does."""
    parents: dict[str, set[str]] = {}
    for parent, children in toctree_includes.items():
        for child in children:
            parents.setdefault(child, set()).add(parent)
    found: set[str] = set()
    pending = [docname]
    while pending:
        page = pending.pop()
        if page not in found:
            found.add(page)
            pending += parents.get(page, ())
    return found


class Tocs(Mapping[str, nodes.bullet_list]):
    """``env.tocs`` as one page's sidebar reads it: each bounded toctree cut down."""

    def __init__(self, tocs: Mapping[str, nodes.bullet_list], newest: int, keep: set[str]):
        self.tocs = tocs
        self.newest = newest
        self.keep = keep

    def __getitem__(self, docname: str) -> nodes.bullet_list:
        toc = self.tocs[docname]
        if not any(BOUNDED in node for node in toc.findall(addnodes.toctree)):
            return toc
        toc = toc.deepcopy()
        for node in toc.findall(addnodes.toctree):
            if BOUNDED in node:
                node["entries"] = shown(node["entries"], self.newest, self.keep)
        return toc

    def __iter__(self) -> Iterator[str]:
        return iter(self.tocs)

    def __len__(self) -> int:
        return len(self.tocs)


class PageView:
    """The build environment as one page's sidebar sees it (:class:`Tocs`)."""

    def __init__(self, env: BuildEnvironment, docname: str, newest: int) -> None:
        self.env = env
        self.tocs = Tocs(env.tocs, newest, ancestors(env.toctree_includes, docname))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.env, name)


def resolved(builder: Builder, docname: str, **options: Any) -> nodes.Element | None:
    """The global toctree as ``docname``'s sidebar shows it, resolved by Sphinx."""
    view = PageView(builder.env, docname, builder.config.portfolio_sidebar_newest)
    return global_toctree_for_doc(view, docname, builder, tags=builder.tags, **options)  # type: ignore[arg-type]


def sidebar_toctree(builder: Builder, docname: str) -> Callable[..., str]:
    """The page context's ``toctree()``, drawing the bounded tree; its defaults are
    those of Sphinx's own (StandaloneHTMLBuilder._get_local_toctree)."""

    def toctree(collapse: bool = True, includehidden: bool = False, **options: Any) -> str:
        if options.get("maxdepth") == "":
            del options["maxdepth"]
        tree = resolved(builder, docname, collapse=collapse, includehidden=includehidden, **options)
        return builder.render_partial(tree)["fragment"]  # type: ignore[attr-defined,no-any-return]

    return toctree


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.name in BUILDERS and "toctree" in context:
        context["toctree"] = sidebar_toctree(app.builder, pagename)


def signature(builder: Builder) -> list[list[str]]:
    """What every page's sidebar shows but the page itself: each link's address
    (from the root page) and text."""
    tree = resolved(builder, builder.config.root_doc, **FURO_TOCTREE)
    if tree is None:
        return []
    return [[ref["refuri"], ref.astext()] for ref in tree.findall(nodes.reference)]


def _record(app: Sphinx) -> Path:
    return Path(app.doctreedir) / RECORD.format(builder=app.builder.name)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, when the sidebar shows something other than it did last build."""
    if app.builder.name not in BUILDERS:
        return []
    app.portfolio_sidebar = signature(app.builder)  # type: ignore[attr-defined]
    try:
        before = json.loads(_record(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # a first build writes every page anyway
    return [] if before == app.portfolio_sidebar else sorted(env.found_docs)  # type: ignore[attr-defined]


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Record what the sidebar shows, once every page shows it."""
    if exception is None and hasattr(app, "portfolio_sidebar"):
        _record(app).write_text(json.dumps(app.portfolio_sidebar), encoding="utf-8")


def setup(app: Sphinx) -> None:
    # Five, as WordPress's "Recent Posts" and ABlog's recent posts show: README,
    # "Adding a write-up", says why.
    app.add_config_value("portfolio_sidebar_newest", 5, "html", types=frozenset({int}))
    # Before furo's handler (500), which asks for the tree.
    app.connect("html-page-context", on_html_page_context, priority=300)
    app.connect("env-updated", on_env_updated)
    app.connect("build-finished", on_build_finished)
