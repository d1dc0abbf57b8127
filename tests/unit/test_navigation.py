"""The sidebar's bound (portfolio.navigation): which entries a page shows, the view of the
environment Sphinx resolves them through, the record that rewrites every page when the
sidebar changes, and the part of furo it relies on."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import furo
import pytest
from docutils import nodes
from sphinx import addnodes

from portfolio import navigation

from .helpers import Calls

ENTRIES = [(None, f"play/p{n}") for n in range(8)]


def toc(*toctrees: addnodes.toctree) -> nodes.bullet_list:
    """A page's table of contents as Sphinx keeps it: its title, and its toctrees."""
    item = nodes.list_item("", addnodes.compact_paragraph("", "", nodes.reference("", "Play")))
    item += toctrees
    return nodes.bullet_list("", item)


def toctree(entries: list[tuple[str | None, str]], *, bounded: bool) -> addnodes.toctree:
    node = addnodes.toctree(entries=list(entries), includefiles=[e[1] for e in entries])
    if bounded:
        node[navigation.BOUNDED] = True
    return node


# -- What a page shows -------------------------------------------------------------------


def test_a_bounded_toctree_shows_the_newest_and_what_the_page_keeps() -> None:
    assert navigation.shown(ENTRIES, 3, set()) == ENTRIES[:3]
    assert navigation.shown(ENTRIES, 3, {"play/p6", "play/p1", "work/x"}) == [
        *ENTRIES[:3],
        ENTRIES[6],
    ]
    assert navigation.shown(ENTRIES, 0, {"play/p7"}) == [ENTRIES[7]]
    assert navigation.shown(ENTRIES, 20, set()) == ENTRIES


def test_a_page_keeps_itself_and_every_page_above_it() -> None:
    includes = {"index": ["play/index", "work/index"], "play/index": ["play/a", "archive"]}
    assert navigation.ancestors(includes, "play/a") == {"play/a", "play/index", "index"}
    assert navigation.ancestors(includes, "index") == {"index"}
    assert navigation.ancestors(includes, "lost") == {"lost"}
    # A page in two toctrees keeps both; a loop ends.
    includes = {"a": ["b"], "b": ["a", "c"], "d": ["c"]}
    assert navigation.ancestors(includes, "c") == {"a", "b", "c", "d"}


# -- The environment as a page sees it ---------------------------------------------------


def test_tocs_cut_each_bounded_toctree_in_a_copy() -> None:
    bounded, whole = toctree(ENTRIES, bounded=True), toctree(ENTRIES[:2], bounded=False)
    tocs = {"play/index": toc(bounded, whole), "work/index": toc(toctree(ENTRIES, bounded=False))}
    view = navigation.Tocs(tocs, 2, {"play/p5"})
    cut = view["play/index"]
    assert [node["entries"] for node in cut.findall(addnodes.toctree)] == [
        [ENTRIES[0], ENTRIES[1], ENTRIES[5]],
        ENTRIES[:2],
    ]
    # The environment's own is untouched; a table without a bounded toctree is its own.
    assert bounded["entries"] == ENTRIES
    assert cut is not tocs["play/index"]
    assert view["work/index"] is tocs["work/index"]
    assert list(view) == ["play/index", "work/index"]
    assert len(view) == 2
    with pytest.raises(KeyError):
        view["gone"]


def test_a_page_view_is_the_environment_but_for_its_tocs() -> None:
    env = SimpleNamespace(
        tocs={"play/index": toc(toctree(ENTRIES, bounded=True))},
        toctree_includes={"index": ["play/index"], "play/index": [e[1] for e in ENTRIES]},
        titles={"index": "Home"},
    )
    view = navigation.PageView(env, "play/p7", 1)  # type: ignore[arg-type]
    assert view.titles is env.titles
    assert view.toctree_includes is env.toctree_includes
    shown = next(view.tocs["play/index"].findall(addnodes.toctree))["entries"]
    assert shown == [ENTRIES[0], ENTRIES[7]]


def builder(name: str = "html", newest: int = 5) -> SimpleNamespace:
    return SimpleNamespace(
        name=name,
        env=SimpleNamespace(tocs={}, toctree_includes={}),
        config=SimpleNamespace(portfolio_sidebar_newest=newest, root_doc="index"),
        tags="the tags",
        render_partial=lambda tree: {"fragment": f"<rendered {tree}>"},
    )


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Sphinx's global_toctree_for_doc, recording what it is asked."""
    calls: list[tuple[Any, ...]] = []

    def resolve(env: Any, docname: str, builder: Any, **options: Any) -> str:
        calls.append((env, docname, builder, options))
        return "tree"

    monkeypatch.setattr(navigation, "global_toctree_for_doc", resolve)
    return calls


def test_the_tree_is_sphinxs_own_resolved_over_the_page_view(resolver: list) -> None:
    site = builder(newest=3)
    assert navigation.resolved(site, "play/p1", collapse=False) == "tree"  # type: ignore[arg-type]
    [(env, docname, used, options)] = resolver
    assert isinstance(env, navigation.PageView)
    assert env.env is site.env
    assert env.tocs.newest == 3
    assert env.tocs.keep == {"play/p1"}
    assert (docname, used, options) == ("play/p1", site, {"tags": "the tags", "collapse": False})


def test_toctree_takes_sphinxs_defaults_and_renders_the_tree(resolver: list) -> None:
    site = builder()
    toctree = navigation.sidebar_toctree(site, "work/meta")  # type: ignore[arg-type]
    assert toctree() == "<rendered tree>"
    assert toctree(maxdepth="", titles_only=True, collapse=False, includehidden=True)
    assert toctree(maxdepth=2) == "<rendered tree>"
    assert [call[3] for call in resolver] == [
        {"tags": "the tags", "collapse": True, "includehidden": False},
        {"tags": "the tags", "collapse": False, "includehidden": True, "titles_only": True},
        {"tags": "the tags", "collapse": True, "includehidden": False, "maxdepth": 2},
    ]
    assert {call[1] for call in resolver} == {"work/meta"}


def test_only_web_pages_get_the_bounded_tree(resolver: list) -> None:
    for name, replaced in (("html", True), ("dirhtml", True), ("epub", False)):
        app = SimpleNamespace(builder=builder(name))
        context: dict[str, Any] = {"toctree": "Sphinx's"}
        navigation.on_html_page_context(app, "work/meta", "page.html", context, None)  # type: ignore[arg-type]
        assert (context["toctree"] != "Sphinx's") is replaced, name
        if replaced:
            assert context["toctree"]() == "<rendered tree>"
            assert resolver.pop()[1:3] == ("work/meta", app.builder)
    # A page without a toctree function (none that furo would call) gets none.
    context = {}
    navigation.on_html_page_context(app, "search", "search.html", context, None)  # type: ignore[arg-type]
    assert context == {}


# -- furo, as this module relies on it ----------------------------------------------------


def test_furo_draws_its_sidebar_from_the_contexts_toctree() -> None:
    asked: list[dict[str, Any]] = []

    def toctree(**options: Any) -> str:
        asked.append(options)
        return (
            '<ul><li class="toctree-l1 current"><a class="current" href="#">Bounded</a></li></ul>'
        )

    drawn = furo._compute_navigation_tree({"toctree": toctree})
    assert asked == [navigation.FURO_TOCTREE], (
        f"furo {furo.__version__} asks the page context's toctree() for {asked}, not "
        f"{navigation.FURO_TOCTREE}: update FURO_TOCTREE in portfolio/navigation.py"
    )
    assert "Bounded" in drawn and "current-page" in drawn, (
        f"furo {furo.__version__} no longer draws its sidebar from the page context's "
        "toctree(): portfolio/navigation.py's bound no longer reaches the sidebar"
    )


def test_furo_asks_for_the_tree_after_this_module_hands_it_over() -> None:
    theme, ours = Calls(), Calls()
    furo.setup(theme)  # type: ignore[arg-type]
    navigation.setup(ours)  # type: ignore[arg-type]
    [furos] = [c for c in theme.calls if c[0] == "connect" and c[1][0] == "html-page-context"]
    [mine] = [c for c in ours.calls if c[0] == "connect" and c[1][0] == "html-page-context"]
    # Sphinx calls handlers in order of priority, 500 when none is given.
    assert mine[2]["priority"] < furos[2].get("priority", 500), (
        "furo's html-page-context handler now runs before portfolio.navigation's: "
        "it would draw the whole tree"
    )


# -- Every page written again when the sidebar changes -------------------------------------


def app(tmp_path: Path, name: str = "html") -> SimpleNamespace:
    return SimpleNamespace(
        builder=builder(name), doctreedir=str(tmp_path), env=SimpleNamespace(found_docs={"b", "a"})
    )


def shows(monkeypatch: pytest.MonkeyPatch, *links: tuple[str, str]) -> None:
    tree = nodes.bullet_list("", *(nodes.reference("", text, refuri=uri) for uri, text in links))
    monkeypatch.setattr(navigation, "resolved", lambda builder, docname, **options: tree)


def test_the_signature_is_every_link_of_the_roots_sidebar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = []

    def resolved(builder: Any, docname: str, **options: Any) -> nodes.Element | None:
        asked.append((builder, docname, options))
        return None

    monkeypatch.setattr(navigation, "resolved", resolved)
    site = builder()
    assert navigation.signature(site) == []  # type: ignore[arg-type]
    assert asked == [(site, "index", navigation.FURO_TOCTREE)]
    shows(monkeypatch, ("work/index.html", "Work"), ("play/p1.html", "One <1>"))
    assert navigation.signature(builder()) == [  # type: ignore[arg-type]
        ["work/index.html", "Work"],
        ["play/p1.html", "One <1>"],
    ]


def test_a_changed_sidebar_writes_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = app(tmp_path)
    record = tmp_path / "portfolio-sidebar-html.json"
    shows(monkeypatch, ("play/p1.html", "One"))
    # A first build writes every page anyway; so does one after an unreadable record.
    assert navigation.on_env_updated(site, site.env) == []  # type: ignore[arg-type]
    record.write_text("not json", encoding="utf-8")
    assert navigation.on_env_updated(site, site.env) == []  # type: ignore[arg-type]
    navigation.on_build_finished(site, None)  # type: ignore[arg-type]
    assert json.loads(record.read_text(encoding="utf-8")) == [["play/p1.html", "One"]]
    assert navigation.on_env_updated(site, site.env) == []  # type: ignore[arg-type]
    shows(monkeypatch, ("play/p2.html", "Two"))
    assert navigation.on_env_updated(site, site.env) == ["a", "b"]  # type: ignore[arg-type]
    # Recorded only once the pages show it: not after a failed build.
    navigation.on_build_finished(site, RuntimeError("failed"))  # type: ignore[arg-type]
    assert json.loads(record.read_text(encoding="utf-8")) == [["play/p1.html", "One"]]
    navigation.on_build_finished(site, None)  # type: ignore[arg-type]
    assert navigation.on_env_updated(site, site.env) == []  # type: ignore[arg-type]


def test_builders_without_the_sidebar_record_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shows(monkeypatch, ("play/p1.html", "One"))
    site = app(tmp_path, "epub")
    assert navigation.on_env_updated(site, site.env) == []  # type: ignore[arg-type]
    navigation.on_build_finished(site, None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_setup_declares_the_bound_and_its_handlers() -> None:
    app = Calls()
    navigation.setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("add_config_value", ("portfolio_sidebar_newest", 5, "html"), {"types": frozenset({int})}),
        ("connect", ("html-page-context", navigation.on_html_page_context), {"priority": 300}),
        ("connect", ("env-updated", navigation.on_env_updated), {}),
        ("connect", ("build-finished", navigation.on_build_finished), {}),
    ]
