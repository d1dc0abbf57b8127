"""The navigation of a site with many write-ups, in Debian's Chromium: the phone's drawer,
the keyboard and axe-core, on ``grown`` (conftest.py: 150 more write-ups)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator

from .browsercheck import PHONE, Browsing, axe_problems, keyboard_problems

pytestmark = pytest.mark.browser

#: The oldest write-up: beyond the sidebar's newest, so listed only on its own page.
OLD = "play/synthetic-0000.html"


@pytest.fixture
def grown_browsing(browser: Browser, grown: Path) -> Browsing:
    return Browsing(browser, grown / "html")


def in_view(locator: Locator) -> bool:
    """On the phone's screen, whole: not hidden, and not slid off it as a closed drawer is."""
    box = locator.bounding_box() if locator.is_visible() else None
    return (
        box is not None
        and 0 <= box["x"]
        and box["x"] + box["width"] <= PHONE["width"]
        and 0 <= box["y"]
        and box["y"] + box["height"] <= PHONE["height"]
    )


def drawer_problems(browsing: Browsing, name: str) -> list[str]:
    """At phone width the menu opens the drawer, which shows the page itself and the archive."""
    problems = []
    with browsing.open(browsing.root / name, viewport=PHONE) as opened:
        page = opened.page
        current = page.locator(".sidebar-tree li.current-page > a")
        archive = page.locator('.sidebar-tree a:text-is("All write-ups")')
        if in_view(current):
            problems.append(f"{name}: at phone width the navigation shows before it is asked")
        page.locator(".nav-overlay-icon").click()
        page.wait_for_timeout(400)  # furo slides the drawer in over .25 s
        if not in_view(current):
            problems.append(f"{name}: the phone's drawer does not show the page itself")
        if not in_view(archive):
            problems.append(f"{name}: the phone's drawer does not show the archive")
        links = page.locator(".sidebar-tree a").count()
        if links > 16:
            problems.append(f"{name}: the phone's drawer holds {links} links")
    return problems


def test_the_phone_drawer_shows_the_page_and_the_archive(grown_browsing: Browsing) -> None:
    assert drawer_problems(grown_browsing, OLD) == []
    assert drawer_problems(grown_browsing, "archive.html") == []


def test_drawer_check_catches_a_page_missing_from_its_drawer(
    browser: Browser, grown: Path, tmp_path: Path
) -> None:
    site = Path(shutil.copytree(grown / "html", tmp_path / "html"))
    page = site / OLD
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    soup.select_one(".sidebar-tree li.current-page").decompose()
    page.write_text(str(soup), encoding="utf-8")
    assert drawer_problems(Browsing(browser, site), OLD) == [
        f"{OLD}: the phone's drawer does not show the page itself"
    ]


def test_the_keyboard_reaches_every_link_of_an_old_writeups_navigation(
    grown_browsing: Browsing,
) -> None:
    assert keyboard_problems(grown_browsing, OLD) == []


def test_the_grown_sites_navigation_passes_axe(grown_browsing: Browsing) -> None:
    root = grown_browsing.root
    pages = [root / OLD, root / "archive.html", root / "play" / "index.html"]
    assert axe_problems(grown_browsing, pages) == []
