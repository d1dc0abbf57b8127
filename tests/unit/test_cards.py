"""Link-preview cards, without a build: the words a card says, its cache by content, its
copy into the site, the og:image tags that name it, and the clean-up of deleted pages'
cards. Typst is replaced by a stand-in that records what it was asked to draw, except
in the one test that checks the picture Typst draws."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import typst
from docutils.utils import new_document
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder

from portfolio import cards
from portfolio.cards import (
    FONT,
    TEMPLATE,
    draw,
    drawable,
    install,
    on_build_finished,
    on_html_page_context,
    setup,
    shown,
    undrawable,
    words,
)
from portfolio.catalog import Catalogue
from portfolio.frontmatter import Page
from portfolio.model import Person

from .helpers import JOSE, Calls

BASE = "https://example.org/en/"
INPUTS = {
    "title": "Tool",
    "summary": "What it does.",
    "name": "José Núñez",
    "headline": "SRE · Earth",
    "site": "jose.example",
}


def app_for(tmp_path: Path, *pages: Page, builder: Any = None, **config: Any) -> SimpleNamespace:
    return SimpleNamespace(
        builder=object.__new__(builder or StandaloneHTMLBuilder),
        portfolio_catalogue=Catalogue(pages={page.docname: page for page in pages}),
        config=SimpleNamespace(**{"project": "Config Project", "html_baseurl": BASE} | config),
        doctreedir=str(tmp_path / "doctrees"),
        outdir=str(tmp_path / "html"),
        env=SimpleNamespace(found_docs={"index", "play/tool"}),
    )


@pytest.fixture
def typeset(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Typst's calls; each "card" is the words it was given, so a test can read them."""
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def typeset(*args: Any, **kwargs: Any) -> bytes:
        calls.append((args, kwargs))
        return json.dumps(kwargs["sys_inputs"], sort_keys=True).encode()

    monkeypatch.setattr(typst, "compile", typeset)
    return calls


def key(inputs: dict[str, str], template: Path = TEMPLATE) -> str:
    text = json.dumps(inputs, sort_keys=True).encode()
    return hashlib.sha256(template.read_bytes() + text).hexdigest()[:24]


# -- What a card says --------------------------------------------------------------------


def test_a_card_says_the_pages_title_and_summary_and_whose_site_it_is(tmp_path: Path) -> None:
    app = app_for(tmp_path, JOSE)
    assert words(app, "Tool", "What it\n  does.") == INPUTS  # type: ignore[arg-type]


def test_a_cards_summary_is_cut_at_a_word_to_about_three_lines(tmp_path: Path) -> None:
    # 191 characters: over the card's 170, under the meta description's 200.
    summary = " ".join(["alpha"] * 32)
    said = words(app_for(tmp_path, JOSE), "Tool", summary)  # type: ignore[arg-type]
    assert said["summary"] == " ".join(["alpha"] * 28) + "\u2026"


def test_without_a_person_page_the_card_names_the_project(tmp_path: Path) -> None:
    assert words(app_for(tmp_path), "Tool", "") == {  # type: ignore[arg-type]
        "title": "Tool",
        "summary": "",
        "name": "Config Project",
        "headline": "",
        "site": "",
    }


def test_a_headline_or_location_left_unsaid_leaves_no_separator(tmp_path: Path) -> None:
    for headline, location, said in (("", "", ""), ("SRE", "", "SRE"), ("", "Earth", "Earth")):
        person = Person(title="Jo", headline=headline, location=location, email="jo@example.org")
        page = Page("index", person)
        assert words(app_for(tmp_path, page), "Tool", "")["headline"] == said  # type: ignore[arg-type]


# -- What the card's fonts can draw --------------------------------------------------------

TITLE = "Capacity planning \U0001f680 \u6771\u4eac"  # … 🚀 東京


def test_the_cards_fonts_draw_latin_greek_cyrillic_and_typography_but_no_emoji_or_cjk() -> None:
    drawn = "Aéüßñ Ωλ Жд – — “” ‘’ … · © ° € ½ ﬁ"
    assert undrawable(drawn) == [] and undrawable(drawn, "bold") == []
    assert undrawable(TITLE, "bold") == ["\U0001f680", "\u6771", "\u4eac"]
    # Each once, in order of appearance; a combining accent is drawn on its letter.
    assert undrawable("\u4eac e\u0301 \U0001f680\u4eac\U0001f680") == ["\u4eac", "\U0001f680"]
    # A joined emoji is its emoji; the joiner and the variation selector draw nothing.
    assert undrawable("\U0001f469\u200d\U0001f4bb \u2764\ufe0f") == ["\U0001f469", "\U0001f4bb"]


def test_each_character_is_asked_of_typst_once(monkeypatch: pytest.MonkeyPatch) -> None:
    undrawable("Tool \u6771", "bold")
    monkeypatch.setattr(typst, "Compiler", None)  # asked again, this would fail
    assert undrawable("Tool \u6771 Tool", "bold") == ["\u6771"]


def test_only_characters_with_a_glyph_are_asked_about() -> None:
    assert [
        shown(c) for c in "a\u6771 \t\u00a0\u200d\u2028\ufe0e\ufe0f\U000e0100\U000e01ef\u0301"
    ] == ([True, True] + [False] * 9 + [True])
    assert [shown(c) for c in "\ufdff\ufe10"] == [True] * 2


def test_a_cards_words_lose_what_its_fonts_cannot_draw() -> None:
    words_ = INPUTS | {
        "title": TITLE,
        "summary": "Plans \u6771 ahead.",
        "headline": "SRE \U0001f680",
    }
    cleaned, missing = drawable(words_)
    assert missing == ["\U0001f680", "\u6771", "\u4eac"]
    assert cleaned == INPUTS | {
        "title": "Capacity planning",
        "summary": "Plans ahead.",
        "headline": "SRE",
    }
    # Words it can draw are handed on as they are, spaces and all.
    spaced = INPUTS | {"summary": "Two  spaces."}
    assert drawable(spaced) == (spaced, [])


def test_the_check_sets_the_cards_font() -> None:
    assert f'#set text(font: "{FONT}"' in TEMPLATE.read_text(encoding="utf-8")


def test_a_page_whose_card_cannot_draw_its_title_is_named_with_the_characters(
    tmp_path: Path, typeset: list, logged: list
) -> None:
    app = app_for(tmp_path, JOSE)
    context = page_context(title=TITLE)
    render(app, "play/tool", context)
    assert logged == [
        (
            "WARNING",
            "the link-preview card cannot draw '\U0001f680' (U+1F680), '\u6771' (U+6771),"
            " '\u4eac' (U+4EAC) of the page's title or summary: Typst's fonts have no glyph for"
            " them, so the card leaves them out; write the title and summary without them (the"
            " page itself still shows them)",
            "play/tool",
            "portfolio",
            "card",
        )
    ]
    # No empty boxes: the card is drawn without them, and its alt text says so too.
    assert [call[1]["sys_inputs"]["title"] for call in typeset] == ["Capacity planning"]
    assert context["meta"]["og:image:alt"].startswith("Capacity planning, by")


# -- Drawing, once per content -----------------------------------------------------------


def test_typst_draws_a_1200_by_630_png_from_the_words(tmp_path: Path) -> None:
    png = draw(INPUTS, tmp_path).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)


def test_a_card_is_drawn_by_typst_with_its_own_fonts_into_the_cache(
    tmp_path: Path, typeset: list
) -> None:
    cache = tmp_path / "doctrees" / "portfolio-cards"
    png = draw(INPUTS, cache)
    assert png == cache / f"{key(INPUTS)}.png"
    assert typeset == [
        (
            (TEMPLATE,),
            {"format": "png", "ppi": 144, "ignore_system_fonts": True, "sys_inputs": INPUTS},
        )
    ]
    assert json.loads(png.read_bytes()) == INPUTS
    # Written whole into place: nothing partial is left beside it.
    assert list(cache.iterdir()) == [png]


def test_the_same_words_are_drawn_once_whatever_their_order(tmp_path: Path, typeset: list) -> None:
    first = draw(INPUTS, tmp_path)
    again = draw(dict(reversed(INPUTS.items())), tmp_path)
    assert again == first
    assert len(typeset) == 1


def test_other_words_or_another_template_draw_another_card(
    tmp_path: Path, typeset: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = draw(INPUTS, tmp_path / "cache")
    other = INPUTS | {"title": "Other"}
    assert draw(other, tmp_path / "cache") == tmp_path / "cache" / f"{key(other)}.png"
    template = tmp_path / "card.typ"
    template.write_bytes(TEMPLATE.read_bytes() + b"\n")
    monkeypatch.setattr(cards, "TEMPLATE", template)
    redrawn = draw(INPUTS, tmp_path / "cache")
    assert redrawn == tmp_path / "cache" / f"{key(INPUTS, template)}.png"
    assert redrawn != first
    assert [call[0] for call in typeset] == [(TEMPLATE,), (TEMPLATE,), (template,)]


def test_install_copies_the_card_into_the_site(tmp_path: Path) -> None:
    drawn = tmp_path / "drawn.png"
    drawn.write_bytes(b"card")
    target = tmp_path / "html" / "_cards" / "play" / "tool.png"
    install(drawn, target)
    assert target.read_bytes() == b"card"
    drawn.write_bytes(b"new card")
    install(drawn, target)
    assert target.read_bytes() == b"new card"


def test_install_leaves_the_same_card_untouched(tmp_path: Path) -> None:
    # An unchanged file keeps its time, so a sync of the site does not send it again.
    drawn = tmp_path / "drawn.png"
    drawn.write_bytes(b"card")
    target = tmp_path / "tool.png"
    target.write_bytes(b"card")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    install(drawn, target)
    assert target.stat().st_mtime_ns == 1_000_000_000


# -- The page's og:image -----------------------------------------------------------------


def pathto(target: str, resource: bool = False) -> str:
    """Sphinx's, from a page one folder down: a file, or a page by its docname."""
    return f"../{target}" if resource else f"../{target}.html"


def render(app: SimpleNamespace, pagename: str, context: dict[str, Any]) -> None:
    """The page-context event for a page built from a source."""
    on_html_page_context(app, pagename, "page.html", context, new_document(pagename))  # type: ignore[arg-type]


def page_context(**extra: Any) -> dict[str, Any]:
    return {"title": "Tool", "meta": {"og:description": "What it does."}, "pathto": pathto} | extra


def og_image(url: str, alt: str = "Tool, by José Núñez: What it does.") -> dict[str, str]:
    return {
        "og:image": url,
        "og:image:alt": alt,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:type": "image/png",
    }


def test_a_page_names_its_own_card_at_the_sites_address(tmp_path: Path, typeset: list) -> None:
    app = app_for(tmp_path, JOSE)
    context = page_context(meta={"og:description": "What it does.", "og:type": "article"})
    render(app, "play/tool", context)
    assert context["meta"] == {
        "og:description": "What it does.",
        "og:type": "article",
        **og_image(f"{BASE}_cards/play/tool.png"),
    }
    drawn = tmp_path / "doctrees" / "portfolio-cards" / f"{key(INPUTS)}.png"
    assert (tmp_path / "html" / "_cards" / "play" / "tool.png").read_bytes() == drawn.read_bytes()
    assert json.loads(drawn.read_bytes()) == INPUTS


def test_the_cards_address_has_one_slash_after_the_sites(tmp_path: Path, typeset: list) -> None:
    # Only slashes are trimmed: a folder's last letter stays, whichever it is.
    addresses = {}
    for base in ("https://example.org/en//", "https://example.org/X/", "https://example.org/X"):
        context = page_context()
        app = app_for(tmp_path, JOSE, html_baseurl=base)
        render(app, "index", context)
        addresses[base] = context["meta"]["og:image"]
    assert addresses == {
        "https://example.org/en//": "https://example.org/en/_cards/index.png",
        "https://example.org/X/": "https://example.org/X/_cards/index.png",
        "https://example.org/X": "https://example.org/X/_cards/index.png",
    }


def test_without_the_sites_address_the_card_is_named_relative_to_the_page(
    tmp_path: Path, typeset: list
) -> None:
    context = page_context()
    app = app_for(tmp_path, JOSE, html_baseurl="")
    render(app, "play/tool", context)
    assert context["meta"]["og:image"] == "../_cards/play/tool.png"


def test_a_page_without_a_summary_has_a_card_of_its_title(tmp_path: Path, typeset: list) -> None:
    app = app_for(tmp_path, JOSE)
    card = tmp_path / "html" / "_cards" / "play" / "tool.png"
    context = {"title": "Tool", "meta": None, "pathto": pathto}
    render(app, "play/tool", context)
    assert context["meta"] == og_image(f"{BASE}_cards/play/tool.png", "Tool, by José Núñez")
    assert json.loads(card.read_bytes()) == INPUTS | {"summary": ""}
    # Nor a title: the card still says whose site it is.
    untitled: dict[str, Any] = {"pathto": pathto}
    render(app, "play/tool", untitled)
    assert untitled["meta"] == og_image(f"{BASE}_cards/play/tool.png", ", by José Núñez")
    assert json.loads(card.read_bytes()) == INPUTS | {"title": "", "summary": ""}


def test_generated_pages_and_books_keep_the_site_wide_card(tmp_path: Path, typeset: list) -> None:
    for app, doctree in (
        (app_for(tmp_path, JOSE), None),  # search, the index: no source
        (app_for(tmp_path, JOSE, builder=Epub3Builder), new_document("play/tool")),
    ):
        context = page_context()
        on_html_page_context(app, "play/tool", "page.html", context, doctree)  # type: ignore[arg-type]
        assert context == page_context()
    assert typeset == [] and not (tmp_path / "html").exists()


# -- Deleted pages' cards ---------------------------------------------------------------


def built_cards(tmp_path: Path) -> Path:
    folder = tmp_path / "html" / "_cards"
    for name in ("index.png", "play/tool.png", "play/gone.png", "work/old.png", "notes.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"card")
    return folder


def remaining(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.*"))


def test_the_cards_of_deleted_pages_are_removed(tmp_path: Path) -> None:
    folder = built_cards(tmp_path)
    on_build_finished(app_for(tmp_path), None)  # type: ignore[arg-type]
    assert remaining(folder) == ["index.png", "notes.txt", "play/tool.png"]


def test_no_card_is_removed_after_a_failed_build_or_from_a_book(tmp_path: Path) -> None:
    folder = built_cards(tmp_path)
    everything = remaining(folder)
    on_build_finished(app_for(tmp_path), RuntimeError("failed"))  # type: ignore[arg-type]
    on_build_finished(app_for(tmp_path, builder=Epub3Builder), None)  # type: ignore[arg-type]
    assert remaining(folder) == everything


def test_a_site_without_cards_needs_no_clean_up(tmp_path: Path) -> None:
    on_build_finished(app_for(tmp_path), None)  # type: ignore[arg-type]
    assert not (tmp_path / "html").exists()


def test_cards_are_drawn_between_the_description_and_opengraph() -> None:
    app = Calls()
    setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("connect", ("build-finished", on_build_finished), {}),
        ("connect", ("html-page-context", on_html_page_context), {"priority": 450}),
    ]
