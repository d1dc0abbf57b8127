"""The sidebar stays the same size as the site grows, and the archive lists every write-up.

Run on the real site and on ``grown`` (conftest.py: 150 more write-ups and a
draft). Each check returns problems naming the page; each is run on those
sites (no problems) and on a copy with its fault planted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import DRAFT, GROWN, ROOT
from portfolio.frontmatter import read_page

#: conf.py's portfolio_sidebar_newest, the default.
NEWEST = 5
#: How much heavier a page's HTML may grow with the site.
GROWTH = 1.2
#: Pages in no toctree: the landing page is the root, search is generated.
UNLISTED = {"index.html", "search.html"}


def published(source: Path) -> list[str]:
    """The write-ups a published build shows, newest first, as the listings order them."""
    pages = []
    for path in sorted((source / "play").glob("*.md")):
        page, problems = read_page(path, f"play/{path.stem}")
        assert not problems, problems
        if page is not None and page.kind == "project" and not page.draft:
            pages.append(page)
    pages.sort(key=lambda p: (p.span.sort_key, p.title), reverse=True)
    return [f"{page.docname}.html" for page in pages]


def sidebar_links(site: Path, page: Path) -> list[str]:
    """Where each link of a page's sidebar leads, from the site's root; the page itself is "#"."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = []
    for link in soup.select(".sidebar-tree a[href]"):
        href = link["href"]
        links.append(
            href if href == "#" else (page.parent / href).resolve().relative_to(site).as_posix()
        )
    return links


def navigation_problems(site: Path, write_ups: list[str], newest: int = NEWEST) -> list[str]:
    """Every page's sidebar lists the ``newest`` write-ups, the page itself, and no others."""
    problems = []
    allowed = set(write_ups[:newest])
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        links = sidebar_links(site, page)
        listed = {name if link == "#" else link for link in links} & set(write_ups)
        if extra := sorted(listed - allowed - {name}):
            problems.append(
                f"{name}: the sidebar lists {len(listed)} write-ups; beyond the {newest} newest "
                f"it may list only the page itself, not {', '.join(extra[:3])}"
                + (f" and {len(extra) - 3} more" if len(extra) > 3 else "")
            )
        if missing := sorted(allowed - listed):
            problems.append(f"{name}: the sidebar lacks the newest write-ups {', '.join(missing)}")
        if name not in UNLISTED and "#" not in links:
            problems.append(f"{name}: the sidebar has no link to the page itself")
    return problems


def archive_problems(site: Path, write_ups: list[str], drafts: list[str]) -> list[str]:
    """The archive links every published write-up once, newest first, and no draft."""
    soup = BeautifulSoup((site / "archive.html").read_text(encoding="utf-8"), "html.parser")
    listed = [
        (site / link["href"]).resolve().relative_to(site).as_posix()
        for link in soup.select("article .portfolio-archive a.reference.internal")
    ]
    problems = [f"archive.html lists the draft {d}" for d in drafts if d in listed]
    problems += [f"archive.html does not list {w}" for w in write_ups if w not in listed]
    problems += [
        f"archive.html lists {name} {listed.count(name)} times"
        for name in sorted(set(listed))
        if listed.count(name) > 1
    ]
    kept = [name for name in listed if name in write_ups]
    if not problems and kept != write_ups:
        problems.append("archive.html does not list the write-ups newest first")
    return problems


# -- The bound ------------------------------------------------------------------------


def test_the_sidebar_lists_the_newest_writeups_and_the_page_itself(grown: Path) -> None:
    write_ups = published(grown / "src")
    assert len(write_ups) > GROWN
    assert navigation_problems(grown / "html", write_ups) == []


def test_the_real_sites_sidebar_holds_the_same_bound(site: Path) -> None:
    assert navigation_problems(site, published(ROOT)) == []


def test_a_page_weighs_no_more_as_the_site_grows(grown: Path, site: Path) -> None:
    # Pages whose content does not list write-ups (the skills page lists each
    # skill's uses, which grow with the site by design).
    for name in ("index.html", "work/meta.html", "school/index.html", "play/nato-alpha.html"):
        before, after = (site / name).stat().st_size, (grown / "html" / name).stat().st_size
        assert after <= GROWTH * before, f"{name}: {after:,} bytes with {GROWN} more write-ups"


def test_an_old_writeup_has_previous_and_next_links(grown: Path) -> None:
    # Beyond the sidebar's newest, a write-up is still in the toctree's order.
    oldest = published(grown / "src")[-1]
    soup = BeautifulSoup((grown / "html" / oldest).read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("a.prev-page") is not None
    assert soup.select_one("a.next-page .title").get_text(strip=True) == "All write-ups"


def test_bound_check_catches_a_sidebar_of_every_writeup(grown: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(grown / "html", tmp_path / "html"))
    write_ups = published(grown / "src")
    page = site / "work" / "meta.html"
    links = "".join(f'<li><a href="../{name}">{name}</a></li>' for name in write_ups)
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace('<div class="sidebar-tree">', f'<div class="sidebar-tree"><ul>{links}</ul>', 1)
    )
    assert navigation_problems(site, write_ups) == [
        f"work/meta.html: the sidebar lists {len(write_ups)} write-ups; beyond the {NEWEST} "
        f"newest it may list only the page itself, not {', '.join(sorted(write_ups[NEWEST:])[:3])}"
        f" and {len(write_ups) - NEWEST - 3} more"
    ]


def test_bound_check_catches_a_page_missing_from_its_own_sidebar(
    grown: Path, tmp_path: Path
) -> None:
    site = Path(shutil.copytree(grown / "html", tmp_path / "html"))
    oldest = published(grown / "src")[-1]
    page = site / oldest
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    soup.select_one(".sidebar-tree li.current-page").decompose()
    page.write_text(str(soup), encoding="utf-8")
    assert navigation_problems(site, published(grown / "src")) == [
        f"{oldest}: the sidebar has no link to the page itself"
    ]


# -- The archive ------------------------------------------------------------------------


def test_the_archive_lists_every_published_writeup_and_no_draft(grown: Path) -> None:
    assert (grown / "src" / f"{DRAFT}.md").is_file()
    problems = archive_problems(grown / "html", published(grown / "src"), [f"{DRAFT}.html"])
    assert problems == []
    assert not (grown / "html" / f"{DRAFT}.html").exists()


def test_the_archive_files_writeups_under_the_year_they_ended(grown: Path) -> None:
    soup = BeautifulSoup(
        (grown / "html" / "archive.html").read_text(encoding="utf-8"), "html.parser"
    )
    years = [section["id"] for section in soup.select("section.portfolio-archive")]
    assert years[:3] == ["play-2026", "play-2023", "play-2022"]
    assert years == sorted(years, reverse=True)
    year_2005 = soup.select_one("section#play-2005")
    assert "Synthetic 0004" in year_2005.get_text()
    assert "2004\u20132005" in year_2005.get_text()


def test_archive_check_catches_a_draft_and_a_missing_writeup(grown: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(grown / "html", tmp_path / "html"))
    page = site / "archive.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one("article .portfolio-archive a.reference.internal")
    missing = first["href"]
    first["href"] = f"{DRAFT}.html"
    page.write_text(str(soup), encoding="utf-8")
    assert archive_problems(site, published(grown / "src"), [f"{DRAFT}.html"]) == [
        f"archive.html lists the draft {DRAFT}.html",
        f"archive.html does not list {missing}",
    ]
