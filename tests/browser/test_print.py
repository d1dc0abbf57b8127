"""Printing from the browser: the résumé page on two sheets, and paper always light.

Each check runs on the real site and on a copy with its fault planted.
"""

from __future__ import annotations

import re

import pytest

from .browsercheck import Browsing
from .printcheck import print_colour_problems, print_problems

pytestmark = pytest.mark.browser

PAPERS = ("Letter", "A4")
#: A timeline bar in its plain colour (not hatched, not fading out).
TIMELINE_BAR = ".tl-bar:not(.tl-ongoing):not(.tl-intern)"
#: What the dark theme colours: text, the page, a card, a link, a timeline bar.
LANDING = [
    "body",
    "article p",
    ".portfolio-statement",
    ".sd-card",
    "article a.reference",
    TIMELINE_BAR,
]


def test_the_resume_prints_on_two_light_sheets_of_letter_and_a4(browsing: Browsing) -> None:
    assert print_problems(browsing, "resume.html", PAPERS, max_sheets=2) == []


def test_the_print_check_catches_a_long_resume_and_dark_paper(
    broken_browsing: Browsing,
) -> None:
    page = broken_browsing.root / "resume.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<section id="resume-experience">')
    end = html.index('<section id="resume-education">')
    page.write_text(html[:end] + html[start:end] + html[end:], encoding="utf-8")  # twice as long
    stylesheet = broken_browsing.root / "_static" / "print.css"
    dark_paper = "body { --color-background-primary: #131416; }"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + dark_paper, encoding="utf-8")
    problems = print_problems(broken_browsing, "resume.html", ("Letter",), max_sheets=2)
    assert len(problems) == 2, problems
    assert re.fullmatch(
        r"resume\.html: prints on [3-5] Letter pages; at most 2 fit a résumé", problems[0]
    )
    assert problems[1].startswith(
        "resume.html: printed from dark mode on Letter, sheets are dark (mean grey of sheet 1: "
    )


def test_printing_from_dark_mode_gives_light_mode_colours(browsing: Browsing) -> None:
    assert print_colour_problems(browsing, "index.html", LANDING) == []


def test_the_colour_check_catches_a_pale_timeline_on_paper(broken_browsing: Browsing) -> None:
    """The timeline's dark-mode bars, as they were before: not scoped to the screen."""
    stylesheet = broken_browsing.root / "_static" / "portfolio.css"
    css = stylesheet.read_text(encoding="utf-8")
    screen_only = '@media screen {\n  body[data-theme="dark"] .portfolio-timeline {'
    assert screen_only in css
    stylesheet.write_text(
        css.replace(screen_only, '@media all {\n  body[data-theme="dark"] .portfolio-timeline {'),
        encoding="utf-8",
    )
    assert print_colour_problems(broken_browsing, "index.html", [TIMELINE_BAR]) == [
        f"index.html: printed from dark mode, {TIMELINE_BAR} is rgb(0, 0, 0) on "
        "rgb(74, 222, 128), border rgb(74, 222, 128), not rgb(0, 0, 0) on "
        "rgb(21, 128, 61), border rgb(21, 128, 61) as from light mode"
    ]
