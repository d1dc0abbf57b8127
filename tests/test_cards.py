"""A social card per page (portfolio.cards): its own PNG, named in og:image with its alt."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, copy_site, sphinx_build

#: Pages built from a source; generated pages (search) keep the site-wide card.
GENERATED = {"search.html", "404.html"}


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG's header, or None if it is not a PNG."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def meta(page: Path) -> dict[str, str]:
    head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
    return {t["property"]: t["content"] for t in head.find_all("meta", property=True)}


def card_problems(outdir: Path) -> list[str]:
    """Each page whose og:image is not a 1200×630 card of its own, or whose alt does not
    say what it shows."""
    problems = []
    seen: dict[bytes, str] = {}
    for page in sorted(outdir.rglob("*.html")):
        name = page.relative_to(outdir).as_posix()
        if name in GENERATED:
            continue
        tags = meta(page)
        image = tags.get("og:image", "")
        expected = "../" * name.count("/") + "_cards/" + name.removesuffix(".html") + ".png"
        if image != expected:
            problems.append(f"{name}: og:image {image!r}, expected {expected!r}")
            continue
        card = page.parent / image
        size = png_size(card) if card.is_file() else None
        if size != (1200, 630):
            problems.append(f"{name}: {image} is {size or 'missing'}, not a 1200x630 PNG")
            continue
        if (other := seen.setdefault(card.read_bytes(), name)) != name:
            problems.append(f"{name}: its card is the same picture as {other}'s")
        alt = tags.get("og:image:alt", "")
        if not alt.startswith(f"{tags.get('og:title')}, by Michael J Kelly"):
            problems.append(f"{name}: og:image:alt {alt!r} does not say what the card shows")
        if (tags.get("og:image:width"), tags.get("og:image:height")) != ("1200", "630"):
            problems.append(f"{name}: og:image:width/height missing")
    return problems


def test_every_page_has_its_own_card(site: Path) -> None:
    assert card_problems(site) == []
    assert len(list((site / "_cards").rglob("*.png"))) > 15
    tags = meta(site / "play" / "passphraser.html")
    assert tags["og:image:alt"] == (
        "Passphraser, by Michael J Kelly: "
        "A self-contained passphrase generator that runs offline in the browser."
    )


def test_card_check_catches_a_missing_shared_or_unnamed_card(site_to_break: Path) -> None:
    cards = site_to_break / "_cards"
    (cards / "work" / "meta.png").unlink()
    shutil.copy(cards / "work" / "google.png", cards / "work" / "vimeo.png")
    page = site_to_break / "play" / "campusmap.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("_cards/play/campusmap.png", "_static/og-card.png"), "utf-8")
    page = site_to_break / "play" / "weatherdash.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('content="Weatherdash, by', 'content="A picture, by'), "utf-8")
    assert card_problems(site_to_break) == [
        "play/campusmap.html: og:image '../_static/og-card.png', expected "
        "'../_cards/play/campusmap.png'",
        "play/weatherdash.html: og:image:alt 'A picture, by Michael J Kelly: A home weather"
        " dashboard for a Raspberry Pi with a small screen, in Python and then Go.' does not"
        " say what the card shows",
        "work/meta.html: ../_cards/work/meta.png is missing, not a 1200x630 PNG",
        "work/vimeo.html: its card is the same picture as work/google.html's",
    ]


def test_cards_are_drawn_once_and_again_only_when_their_words_change(tmp_path: Path) -> None:
    source = copy_site(tmp_path / "src")
    doctrees = tmp_path / "doctrees"
    cache = doctrees / "portfolio-cards"

    def build() -> dict[str, float]:
        result = sphinx_build(source, tmp_path / "html", "-d", str(doctrees))
        assert result.returncode == 0, result.output
        return {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}

    first = build()
    (source / "_static" / "portfolio.css").write_text(  # every page is written again
        (ROOT / "_static" / "portfolio.css").read_text(encoding="utf-8") + "\n", "utf-8"
    )
    assert build() == first, "a rebuild drew cards whose words had not changed"
    page = source / "play" / "weatherdash.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "summary: A home weather dashboard", "summary: A weather dashboard"
        ),
        "utf-8",
    )
    third = build()
    assert set(third) - set(first) and len(set(third) - set(first)) == 1
    assert {k: v for k, v in third.items() if k in first} == first
    card = tmp_path / "html" / "_cards" / "play" / "weatherdash.png"
    assert card.read_bytes() == (cache / (set(third) - set(first)).pop()).read_bytes()


def test_a_title_the_cards_fonts_cannot_draw_fails_the_build_naming_page_and_characters(
    tmp_path: Path,
) -> None:
    source = copy_site(tmp_path / "src")
    page = source / "play" / "weatherdash.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("title: Weatherdash\n", "title: Weatherdash … capacity planning 🚀 東京\n", 1),
        encoding="utf-8",
    )
    build = sphinx_build(source, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert build.returncode != 0
    assert (
        f"{page}: WARNING: the link-preview card cannot draw '🚀' (U+1F680), '東' (U+6771),"
        " '京' (U+4EAC) of the page's title or summary: Typst's fonts have no glyph for them,"
        " so the card leaves them out; write the title and summary without them (the page"
        " itself still shows them) [portfolio.card]"
    ) in build.output, build.output
    # The card is the one drawn without them: no empty boxes.
    html = (tmp_path / "html" / "play" / "weatherdash.html").read_text(encoding="utf-8")
    assert 'content="Weatherdash … capacity planning, by Michael J Kelly' in html
