"""The live preview (``make serve``, which sets ``portfolio_preview``).

An author watching the browser should see there what the terminal says: each
draft carries a "Draft" banner, and a page whose front matter has errors shows
them in a box at its top, ``file:line: message``, while the terminal shows the
same errors as ever. The strict build never draws either: it has no drafts
and fails on the first error.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .catalog import catalogue_of

#: Classes of the two boxes; furo styles ``warning`` and ``error`` admonitions.
DRAFT_CLASSES = ["portfolio-draft", "warning"]
PROBLEMS_CLASSES = ["portfolio-problems", "error"]


def box(title: str, paragraphs: list[str], classes: list[str]) -> nodes.admonition:
    admonition = nodes.admonition("", nodes.title(title, title), classes=classes)
    for text in paragraphs:
        admonition += nodes.paragraph(text, text)
    return admonition


def insert_at_top(doctree: nodes.document, node: nodes.Element) -> None:
    """Put ``node`` under the page's heading, or first when the page has none."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, node)
    else:
        doctree.insert(0, node)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if not app.config.portfolio_preview:
        return
    env = app.env
    path = Path(env.doc2path(env.docname))
    problems = [p for p in catalogue_of(app).problems if p.path == path]
    if problems:
        where = path.relative_to(app.srcdir).as_posix()
        lines = [
            f"{where}:{p.line}: {p.message}" if p.line else f"{where}: {p.message}"
            for p in problems
        ]
        insert_at_top(doctree, box("Front matter errors", lines, PROBLEMS_CLASSES))
    # What the catalogue read of the page, before any page was.
    if env.portfolio_front_matter[env.docname].draft:  # type: ignore[attr-defined]
        message = (
            "Only the preview (make serve) shows this page: make html, Read the Docs, the "
            "EPUB and the PDF leave it out. Delete 'draft: true' from its front matter to "
            "publish it."
        )
        insert_at_top(doctree, box("Draft", [message], DRAFT_CLASSES))


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Re-read pages whose errors appeared or went away, though their file did not change.

    An error can come from another page (a title used twice), and a page shows
    its box only when it is read.
    """
    if not app.config.portfolio_preview:
        return []
    now = {env.path2doc(str(p.path)) for p in catalogue_of(app).problems} - {None}
    before: set[str] = getattr(env, "portfolio_problem_docs", set())
    env.portfolio_problem_docs = now  # type: ignore[attr-defined]
    return sorted((now | before) & env.found_docs)  # type: ignore[operator]


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", on_doctree_read)
    # After the catalogue is built (catalog.on_env_get_outdated, priority 500).
    app.connect("env-get-outdated", on_env_get_outdated, priority=600)
