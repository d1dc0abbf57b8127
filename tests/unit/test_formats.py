"""portfolio.formats: sphinx-design components as plain paragraphs on paper, one anchor per
link on the single page, no search box where there is no search page, and the EPUB written
whole and the same every time."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.utils import new_document
from sphinx_design.badges_buttons import sd_badge

from portfolio import formats
from portfolio.formats import EpubBuilder, PlainComponents, SinglePageAnchors, zip_time

from .helpers import write


def component(kind: str, *children: nodes.Node, **attributes: Any) -> nodes.container:
    return nodes.container("", *children, design_component=kind, **attributes)


def badge(text: str) -> sd_badge:
    return sd_badge(text, text, classes=["sd-badge"])


def texts(paragraph: nodes.Element) -> list[str]:
    return [child.astext() for child in paragraph.children]


# -- Badges ---------------------------------------------------------------------------


def test_badges_in_a_row_become_a_comma_separated_list() -> None:
    paragraph = nodes.paragraph("", "", badge("Go"), nodes.Text(" "), badge("Python"))
    paragraph += nodes.Text("  ")
    paragraph += nodes.reference("", "", nodes.inline("", "MySQL", classes=["sd-badge"]))
    PlainComponents.list_badges(paragraph)
    assert texts(paragraph) == ["Go", ", ", "Python", ", ", "MySQL"]


def test_a_lone_badge_or_a_row_with_words_is_left_as_it_is() -> None:
    alone = nodes.paragraph("", "", badge("Go"), nodes.Text(" "))
    PlainComponents.list_badges(alone)
    assert texts(alone) == ["Go", " "]
    mixed = nodes.paragraph("", "", badge("Go"), nodes.Text(" and "), badge("Python"))
    PlainComponents.list_badges(mixed)
    assert texts(mixed) == ["Go", " and ", "Python"]
    # Words in an element are no badge either.
    words = nodes.paragraph("", "", badge("Go"), nodes.emphasis("", "Python"))
    PlainComponents.list_badges(words)
    assert texts(words) == ["Go", "Python"]


# -- Cards ----------------------------------------------------------------------------


def card(*, ids: list[str] | None = None, link: bool = True) -> nodes.container:
    title = component("card-title", nodes.Text("Weather"), nodes.emphasis("", "dash"))
    body = component("card-body", title, nodes.paragraph("", "A dashboard."))
    footer = component("card-footer", nodes.paragraph("", "Go"))
    parts: list[nodes.Node] = [body, footer]
    if link:
        reference = nodes.reference("", "", refuri="weather.html", internal=True, name="x")
        parts.append(nodes.paragraph("", "", reference))
    return component("card", *parts, ids=ids or [])


def test_a_card_becomes_its_title_as_a_link_then_its_body_and_footer() -> None:
    plain = PlainComponents.plain_card(card(ids=["weather"]))
    target, title, body, footer = plain.children
    assert isinstance(target, nodes.target) and target["ids"] == ["weather"]
    assert target.children == []  # a label's anchor, with no words of its own
    assert isinstance(title, nodes.paragraph)
    (link,) = title.children
    assert isinstance(link, nodes.reference)
    assert {k: link[k] for k in ("refuri", "internal")} == {
        "refuri": "weather.html",
        "internal": True,
    }
    assert "name" not in link
    (strong,) = link.children
    assert isinstance(strong, nodes.strong) and strong.astext() == "Weatherdash"
    assert body.astext() == "A dashboard."
    assert footer.astext() == "Go"


def test_a_card_without_a_link_or_label_keeps_its_title_in_bold() -> None:
    plain = PlainComponents.plain_card(card(link=False))
    title, body, footer = plain.children
    assert isinstance(title[0], nodes.strong) and title.astext() == "Weatherdash"
    assert [body.astext(), footer.astext()] == ["A dashboard.", "Go"]


def test_a_link_to_a_label_keeps_its_refid() -> None:
    linked = card()
    linked[-1][0] = nodes.reference("", "", refid="skill-go")
    title = PlainComponents.plain_card(linked)[0]
    assert dict(title[0].attributes, ids=[], classes=[], names=[], dupnames=[], backrefs=[]) == {
        "refid": "skill-go",
        "ids": [],
        "classes": [],
        "names": [],
        "dupnames": [],
        "backrefs": [],
    }


def test_a_card_whose_link_comes_first_keeps_all_of_its_parts() -> None:
    reference = nodes.reference("", "", refuri="weather.html")
    linked_first = component("card", nodes.paragraph("", "", reference), *card().children[:2])
    title, body, footer = PlainComponents.plain_card(linked_first).children
    assert title[0]["refuri"] == "weather.html"
    assert [body.astext(), footer.astext()] == ["A dashboard.", "Go"]


def test_a_loose_line_without_a_link_leaves_the_title_unlinked() -> None:
    loose = component("card", *card().children[:2], nodes.paragraph("", "No link here."))
    title, body, footer = PlainComponents.plain_card(loose).children
    assert isinstance(title[0], nodes.strong)
    assert [body.astext(), footer.astext()] == ["A dashboard.", "Go"]


def test_a_card_without_a_title_has_only_its_body() -> None:
    untitled = component("card", component("card-body", nodes.paragraph("", "Text.")))
    plain = PlainComponents.plain_card(untitled)
    assert [child.astext() for child in plain.children] == ["Text."]


def test_on_paper_the_grid_unwraps_to_plain_cards() -> None:
    document = new_document("page")
    badges = nodes.paragraph("", "", badge("Go"), nodes.Text(" "), badge("Python"))
    grid = component("grid-container", component("grid-row", component("grid-item", card())))
    inline = nodes.inline("", "", badge("A"), badge("B"))
    document += [grid, badges, nodes.container("", nodes.paragraph("", "Kept.", inline))]
    PlainComponents(document).run()
    assert [type(child) for child in document.children] == [
        nodes.container,
        nodes.paragraph,
        nodes.container,
    ]
    plain = document[0]
    assert formats._component(plain) is None
    assert [child.astext() for child in plain.children] == ["Weatherdash", "A dashboard.", "Go"]
    assert texts(document[1]) == ["Go", ", ", "Python"]
    # Only paragraphs hold a row of badges; badges inside anything else stay as they are.
    assert document[2].astext() == "Kept.AB"
    assert texts(inline) == ["A", "B"]
    assert PlainComponents.formats == ("latex",)
    assert PlainComponents.default_priority == 50


def test_only_containers_are_components() -> None:
    assert formats._component(nodes.paragraph("", "", design_component="card")) is None
    assert formats._component(component("card")) == "card"
    assert formats._component(nodes.container()) is None
    assert not formats._is_badge(nodes.Text("Go"))
    assert formats._is_badge(nodes.inline("", "", badge("Go")))


# -- The single page --------------------------------------------------------------------


def test_a_link_to_a_label_elsewhere_on_the_single_page_has_one_anchor() -> None:
    document = new_document("page")
    uris = ["#document-work/meta#meta-pe", "#local", "https://x.org/#a#b", "page.html#a", ""]
    # Only the document's own anchor goes; what follows it stays whole.
    uris.append("#document-a#b#c")
    document += nodes.paragraph(
        "", "", *[nodes.reference("", "link", refuri=uri) for uri in uris], nodes.reference()
    )
    SinglePageAnchors(document).run()
    found = [reference.get("refuri") for reference in document.findall(nodes.reference)]
    assert found == ["#meta-pe", "#local", "https://x.org/#a#b", "page.html#a", "", "#b#c", None]
    assert SinglePageAnchors.builders == ("singlehtml",)
    assert SinglePageAnchors.default_priority == 50


def context_for(builder: str) -> dict[str, Any]:
    context: dict[str, Any] = {"hasdoc": lambda name: name in {"search", "genindex", "about"}}
    formats.hide_search_without_a_search_page(
        SimpleNamespace(builder=SimpleNamespace(name=builder)), "index", "page.html", context, None
    )
    return context


def test_the_single_page_offers_no_search_or_index() -> None:
    hasdoc = context_for("singlehtml")["hasdoc"]
    assert [hasdoc(name) for name in ("search", "genindex", "about", "missing")] == [
        False,
        False,
        True,
        False,
    ]
    # The site itself has both.
    assert context_for("html")["hasdoc"]("search")


# -- The EPUB ---------------------------------------------------------------------------


def test_book_entries_are_stamped_with_the_sites_date_never_before_1980(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717804800")
    assert zip_time() == (2024, 6, 8, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532799")
    assert zip_time() == (1980, 1, 1, 0, 0, 0)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert zip_time() == (1980, 1, 1, 0, 0, 0)


def epub_builder(outdir: Path) -> EpubBuilder:
    builder = object.__new__(EpubBuilder)
    builder.outdir = outdir  # type: ignore[misc]
    builder.config = SimpleNamespace(epub_basename="book")  # type: ignore[assignment]
    builder.files = ["index.xhtml", "_static/a.css"]
    for name in ("mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *builder.files):
        write(outdir, name, f"{name} bytes")
    return builder


def test_the_book_is_zipped_as_sphinx_does_with_one_date_and_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, informed: list[Any]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717804800")
    builder = epub_builder(tmp_path)
    builder.build_epub()
    with zipfile.ZipFile(tmp_path / "book.epub") as book:
        entries = book.infolist()
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx"]
        assert [e.filename for e in entries] == [*names, "index.xhtml", "_static/a.css"]
        assert [e.compress_type for e in entries] == [zipfile.ZIP_STORED] + [
            zipfile.ZIP_DEFLATED
        ] * 5
        assert {(e.date_time, e.external_attr) for e in entries} == {
            ((2024, 6, 8, 0, 0, 0), 0o644 << 16)
        }
        assert book.read("toc.ncx") == b"toc.ncx bytes"
    assert informed == [("INFO", "writing book.epub file...", None, None, None)]
    # The same files give the same bytes, whenever they were written.
    first = (tmp_path / "book.epub").read_bytes()
    epub_builder(tmp_path).build_epub()
    assert (tmp_path / "book.epub").read_bytes() == first
    assert list(tmp_path.rglob("*.tmp")) == []


def test_a_book_stopped_part_way_leaves_the_last_whole_one(tmp_path: Path) -> None:
    builder = epub_builder(tmp_path)
    write(tmp_path, "book.epub", "the last whole book")
    (tmp_path / "_static" / "a.css").unlink()
    with pytest.raises(FileNotFoundError):
        builder.build_epub()
    assert (tmp_path / "book.epub").read_text(encoding="utf-8") == "the last whole book"
    assert list(tmp_path.rglob("*.tmp")) == []


def test_setup_adds_the_builder_both_transforms_and_the_hook() -> None:
    calls: list[tuple[str, Any]] = []
    app = SimpleNamespace(
        add_builder=lambda builder, override: calls.append(("builder", (builder, override))),
        add_post_transform=lambda transform: calls.append(("transform", transform)),
        connect=lambda event, handler: calls.append((event, handler)),
    )
    assert formats.setup(app) == {
        "version": "1.0.0",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
    assert calls == [
        ("builder", (EpubBuilder, True)),
        ("transform", PlainComponents),
        ("transform", SinglePageAnchors),
        ("html-page-context", formats.hide_search_without_a_search_page),
    ]
