"""The site as a whole: it builds strictly, every page exists, every link lands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, plant_in_article, sphinx_build
from portfolio.frontmatter import read_page
from sitecheck import internal_link_problems, placeholder_link_problems

PAGE_FOLDERS = ("work", "skills", "school", "play")


def source_pages() -> list[str]:
    """Docnames of every page in the page folders, plus the landing and résumé pages."""
    names = ["index", "resume"]
    for folder in PAGE_FOLDERS:
        names += [
            p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / folder).glob("*.md")
        ]
    return sorted(names)


def text_of(html: Path) -> str:
    article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find("article")
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("docname", source_pages())
def test_every_page_is_built(site: Path, docname: str) -> None:
    assert (site / f"{docname}.html").is_file()


def test_every_section_and_role_page_exists(site: Path) -> None:
    for section in PAGE_FOLDERS:
        assert (site / section / "index.html").is_file(), f"{section}/ has no index page"
    for employer in ("meta", "vimeo", "google", "ucsd"):
        assert (site / "work" / f"{employer}.html").is_file()


def test_every_role_has_its_anchor(site: Path) -> None:
    roles = 0
    for path in sorted((ROOT / "work").glob("*.md")):
        page, problems = read_page(path, f"work/{path.stem}")
        assert not problems
        if page is None:
            continue
        html = (site / "work" / f"{path.stem}.html").read_text(encoding="utf-8")
        for role in page.roles:
            roles += 1
            assert f'id="{role.id}"' in html, f"work/{path.stem}.html lacks the role {role.id}"
    assert roles == 8, "the résumé lists eight roles"


def test_internal_links_resolve(site: Path) -> None:
    assert internal_link_problems(site) == []


def test_no_placeholder_links(site: Path) -> None:
    assert placeholder_link_problems(site) == []


def test_link_check_catches_a_missing_page(site_to_break: Path) -> None:
    plant_in_article(
        site_to_break / "play" / "index.html", '<a href="../work/nowhere.html">gone</a>'
    )
    assert internal_link_problems(site_to_break) == [
        "play/index.html: href='../work/nowhere.html' points to a missing file"
    ]


def test_link_check_catches_a_missing_anchor(site_to_break: Path) -> None:
    plant_in_article(
        site_to_break / "index.html", '<a href="work/google.html#no-such-role">bad</a>'
    )
    assert internal_link_problems(site_to_break) == [
        "index.html: href='work/google.html#no-such-role' names an anchor "
        "that work/google.html does not have"
    ]


def test_link_check_catches_a_missing_image(site_to_break: Path) -> None:
    plant_in_article(
        site_to_break / "school" / "index.html", '<img src="../_static/missing.png" alt="">'
    )
    assert internal_link_problems(site_to_break) == [
        "school/index.html: src='../_static/missing.png' points to a missing file"
    ]


def test_placeholder_check_catches_hash_and_empty_links(site_to_break: Path) -> None:
    plant_in_article(site_to_break / "index.html", '<a href="#">Chubby</a><a href="">hterm</a>')
    assert placeholder_link_problems(site_to_break) == [
        "index.html: the link 'Chubby' has href='#'; give it its real target",
        "index.html: the link 'hterm' has href=''; give it its real target",
    ]


def test_strict_build_rejects_a_placeholder_in_a_page(site_copy: Path, tmp_path: Path) -> None:
    page = site_copy / "play" / "nato-alpha.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the demo](#).\n", encoding="utf-8")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "nato-alpha.md" in build.output


def test_strict_build_rejects_a_reference_to_a_missing_label(
    site_copy: Path, tmp_path: Path
) -> None:
    page = site_copy / "school" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee {ref}`my thesis <no-such-label>`.\n",
        encoding="utf-8",
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert re.search(
        r"school/index\.md:\d+: WARNING: undefined label: 'no-such-label'", build.output
    )


def test_skill_badges_say_where_they_lead(site: Path) -> None:
    """A badge shows "Go"; heard, or read by a search engine, it is "Go (skill)"."""
    badges = 0
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a.portfolio-skill-link"):
            badges += 1
            assert link["href"].split("#")[1].startswith("skill-")
            hidden = link.select_one(".visually-hidden")
            assert hidden is not None and hidden.get_text() == " (skill)", f"{page.name}: {link}"
    assert badges > 50


def test_a_quiet_strict_build_prints_nothing(site_build: Build) -> None:
    # Under -q Sphinx prints only warnings and errors: any line is noise an author
    # learns to ignore, and a real problem then goes unread.
    assert site_build.output == ""
