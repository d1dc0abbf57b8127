"""Drafts: `make writeup` starts one; only the preview shows it, and nothing published names it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import run_make, sphinx_build
from portfolio import drafts
from portfolio.frontmatter import read_page

TITLE = "Quokka garden"
SLUG = "quokka-garden"
#: What would betray the draft: its file name and its title, in any case.
TRACES = re.compile(rb"quokka", re.IGNORECASE)
#: A published write-up: every output below must name it, or the search proves nothing.
PUBLISHED = re.compile(rb"passphraser", re.IGNORECASE)


def files_naming(folder: Path, pattern: re.Pattern[bytes]) -> list[str]:
    """Every file under ``folder`` (and inside each zip) whose name or bytes match."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            continue
        name = path.relative_to(folder).as_posix()
        if pattern.search(name.encode()) or pattern.search(path.read_bytes()):
            found.append(name)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                found += [
                    f"{name}!{member}"
                    for member in archive.namelist()
                    if pattern.search(member.encode()) or pattern.search(archive.read(member))
                ]
    return found


def test_make_writeup_starts_a_draft(site_with_make: Path) -> None:
    assert run_make(site_with_make, "writeup", f"TITLE={TITLE}").returncode == 0
    path = site_with_make / "play" / f"{SLUG}.md"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\n# A draft: `make serve` shows it.*\n.*\ndraft: true\n", text)
    page, problems = read_page(path, f"play/{SLUG}")
    assert problems == [] and page is not None and page.draft
    assert drafts.is_draft(text)


def test_nothing_published_names_a_draft(site_with_make: Path, tmp_path: Path) -> None:
    assert run_make(site_with_make, "writeup", f"TITLE={TITLE}", "SKILLS=go").returncode == 0
    hosted = {"READTHEDOCS_CANONICAL_URL": "https://mjkelly.readthedocs.io/en/latest/"}

    # `make html` and `make offline` themselves, as an author runs them.
    for target in ("html", "offline"):
        result = run_make(site_with_make, target)
        assert result.returncode == 0, result.stdout + result.stderr
    # As Read the Docs builds: the sitemap and 404 page too; and the EPUB and the PDF's LaTeX.
    builds = [
        sphinx_build(site_with_make, tmp_path / "rtd", "-d", str(tmp_path / "d1"), env=hosted),
        sphinx_build(site_with_make, tmp_path / "epub", "-d", str(tmp_path / "d2"), builder="epub"),
        sphinx_build(
            site_with_make, tmp_path / "latex", "-d", str(tmp_path / "d3"), builder="latex"
        ),
    ]
    for build in builds:
        assert build.returncode == 0, build.output

    outputs = {
        "make html": site_with_make / "_build" / "html",
        "make offline": site_with_make / "_build" / "michael-j-kelly-html.zip",
        "Read the Docs": tmp_path / "rtd",
        "EPUB": tmp_path / "epub",
        "LaTeX": tmp_path / "latex",
    }
    assert (tmp_path / "rtd" / "sitemap.xml").is_file()
    for folder in ("rtd", "latex"):  # the sitemap, resume.json, search index and PDF source
        for name in ("sitemap.xml", "resume.json", "searchindex.js", "michael-j-kelly.tex"):
            if (path := tmp_path / folder / name).is_file():
                assert PUBLISHED.search(path.read_bytes()), f"{name} lists no write-up at all"
    for what, output in outputs.items():
        folder = output if output.is_dir() else output.parent
        if output.is_file():  # the zip alone, not the rest of _build
            folder = tmp_path / "zip"
            folder.mkdir()
            (folder / output.name).write_bytes(output.read_bytes())
        assert files_naming(folder, PUBLISHED), f"{what}: the search finds nothing at all"
        assert files_naming(folder, TRACES) == [], f"{what} names the draft"


def test_the_preview_shows_a_draft_marked(site_with_make: Path, tmp_path: Path) -> None:
    assert run_make(site_with_make, "writeup", f"TITLE={TITLE}").returncode == 0

    build = sphinx_build(site_with_make, tmp_path / "out", "-D", "portfolio_preview=1")

    # A draft may keep its placeholders: the preview builds strictly clean.
    assert build.returncode == 0, build.output
    page = BeautifulSoup(
        (tmp_path / "out" / "play" / f"{SLUG}.html").read_text(encoding="utf-8"), "html.parser"
    )
    banner = page.find("article").find(class_="portfolio-draft")
    assert banner is not None and banner.find(class_="admonition-title").get_text() == "Draft"
    assert "Delete 'draft: true' from its front matter to publish it." in banner.get_text()
    listing = BeautifulSoup(
        (tmp_path / "out" / "play" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    card = next(
        card
        for card in listing.find_all(class_="portfolio-card")
        if card.find("a", href=f"{SLUG}.html")
    )
    assert card.find(class_="sd-badge", string="Draft")
    others = [c for c in listing.find_all(class_="portfolio-card") if c is not card]
    assert others and not any(c.find(string="Draft") for c in others)


def placeholder_lines(path: Path) -> list[tuple[int, str]]:
    """Where each placeholder stands in a page, as the author would find it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        (number, placeholder)
        for number, line in enumerate(lines, start=1)
        for placeholder in [*drafts.PLACEHOLDERS, drafts.PROJECT_SOURCE]
        if placeholder in line
    ]


@pytest.mark.parametrize(
    ("section", "page", "expected"),
    [
        ("play", f"play/{SLUG}.md", 3),
        ("work", f"work/{SLUG}.md", 4),
    ],
)
def test_placeholders_fail_a_page_that_is_not_a_draft(
    site_with_make: Path, tmp_path: Path, section: str, page: str, expected: int
) -> None:
    assert (
        run_make(site_with_make, "writeup", f"TITLE={TITLE}", f"SECTION={section}").returncode == 0
    )
    path = site_with_make / page
    path.write_text(
        path.read_text(encoding="utf-8").replace("\ndraft: true\n", "\n"), encoding="utf-8"
    )
    where = placeholder_lines(path)
    assert len(where) == expected, where  # every placeholder the template writes, once

    build = sphinx_build(site_with_make, tmp_path / "out")

    assert build.returncode != 0
    assert "Traceback" not in build.output
    for line, placeholder in where:
        if placeholder == drafts.PROJECT_SOURCE:
            message = (
                f"{placeholder} is a GitHub profile, the placeholder source from `make writeup`"
            )
        else:
            message = f"'{placeholder}' is a placeholder from `make writeup`: "
        pattern = f"{re.escape(page)}:{line}: ERROR: {re.escape(message)}.*" + re.escape(
            "(or keep the page out of the site with 'draft: true')"
        )
        assert re.search(pattern, build.output), f"not reported: {pattern}\n{build.output}"
