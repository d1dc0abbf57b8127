"""`make serve` shows front matter errors on the page they concern, as well as in the terminal."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, sphinx_build
from portfolio import drafts
from test_frontmatter import plant

PREVIEW = ("-D", "portfolio_preview=1")
DUPLICATE = (
    "play/nato-alpha.md:7: front matter is not valid YAML: key 'summary' is written twice, "
    "on lines 4 and 7; keep one, or the other's value is lost"
)


def error_box(out: Path, page: str) -> list[str] | None:
    """The lines of the page's error box, or ``None`` when it has none."""
    soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
    box = soup.find("article").find(class_="portfolio-problems")
    if box is None:
        return None
    assert box.find(class_="admonition-title").get_text() == "Front matter errors"
    return [p.get_text() for p in box.find_all("p") if "admonition-title" not in p.get("class", [])]


def test_an_error_shows_on_its_page_and_in_the_terminal(site_copy: Path, tmp_path: Path) -> None:
    plant(site_copy, "play/nato-alpha.md", "end: 2022\n", "end: 2022\nsummary: Twice.\n")
    summary = (site_copy / "play" / "campusmap.md").read_text(encoding="utf-8").splitlines()[3]
    plant(site_copy, "play/campusmap.md", summary, f"summary: {drafts.PROJECT_SUMMARY}")
    out = tmp_path / "serve"

    # As `make serve` builds: warnings do not stop it, so the page is there to show.
    build = sphinx_build(site_copy, out, *PREVIEW, strict=False)

    assert build.returncode == 0, build.output
    assert DUPLICATE.replace(":7: ", ":7: ERROR: ") in build.output
    assert error_box(out, "play/nato-alpha.html") == [DUPLICATE]
    assert error_box(out, "play/passphraser.html") is None
    placeholder = error_box(out, "play/campusmap.html")
    assert placeholder is not None and len(placeholder) == 1
    assert placeholder[0].startswith(
        f"play/campusmap.md:4: '{drafts.PROJECT_SUMMARY}' is a placeholder from `make writeup`"
    )

    # The strict build still fails, and draws no box.
    strict = sphinx_build(site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert strict.returncode != 0
    assert DUPLICATE.replace(":7: ", ":7: ERROR: ") in strict.output
    assert error_box(tmp_path / "html", "play/nato-alpha.html") is None


def test_the_box_follows_errors_from_other_pages(site_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "serve"
    assert sphinx_build(site_copy, out, *PREVIEW, strict=False).returncode == 0
    assert error_box(out, "play/passphraser.html") is None

    # A title taken twice is reported on the later page, whose file did not change.
    plant(site_copy, "play/campusmap.md", "title: CampusMap", "title: Passphraser")
    sphinx_build(site_copy, out, *PREVIEW, strict=False)
    assert error_box(out, "play/passphraser.html") == [
        "play/passphraser.md:3: front matter field 'title': 'Passphraser' is already the title "
        "of play/campusmap; give each page its own title"
    ]

    # Fixed in the other page, the box goes away on the next rebuild.
    plant(site_copy, "play/campusmap.md", "title: Passphraser", "title: CampusMap")
    sphinx_build(site_copy, out, *PREVIEW, strict=False)
    assert error_box(out, "play/passphraser.html") is None


def test_make_serve_previews() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = makefile.partition("\nserve:")[2].partition("\n\n")[0]
    assert "-D portfolio_preview=1" in serve
