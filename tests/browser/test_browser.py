"""The built site in a real browser: Debian's Chromium from file://, as a reader opens it.

Each check runs on the real site (no problems) and on a copy with its fault planted
(the problem is named: page, mode or viewport, and what is wrong).
"""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup

from conftest import missing, plant_in_article

from .browsercheck import (
    Browsing,
    axe_problems,
    keyboard_problems,
    load_problems,
    phone_problems,
    search_problems,
    theme_switch_problems,
)

pytestmark = pytest.mark.browser


def timed(label: str, check, *args: object) -> list[str]:  # noqa: ANN001 - any check
    start = time.perf_counter()
    problems = check(*args)
    print(f"{label}: {time.perf_counter() - start:.1f} s")
    return problems


# -- Every page loads, offline --------------------------------------------------


def test_every_page_loads_without_errors_or_other_hosts(browsing: Browsing) -> None:
    problems = timed("load every page", load_problems, browsing)
    assert not problems, "\n".join(problems)


def test_load_check_catches_another_host_and_a_script_error(broken_browsing: Browsing) -> None:
    page = broken_browsing.root / "school" / "index.html"
    plant_in_article(
        page, '<img src="https://cdn.example.net/pixel.png" alt=""><script>notDefined()</script>'
    )
    assert load_problems(broken_browsing, [page]) == [
        "school/index.html: asks another host for https://cdn.example.net/pixel.png; "
        "ship it in _static/ instead",
        # Chromium's own report of the request the check refused:
        "school/index.html: console error: Failed to load resource: net::ERR_BLOCKED_BY_CLIENT.Inspector",
        "school/index.html: console error: ReferenceError: notDefined is not defined",
    ]


def test_load_check_catches_a_stylesheet_from_another_host(broken_browsing: Browsing) -> None:
    page = broken_browsing.root / "play" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</head>",
            '<link rel="stylesheet" href="https://fonts.example.com/inter.css"></head>',
            1,
        ),
        encoding="utf-8",
    )
    assert (
        "play/index.html: asks another host for https://fonts.example.com/inter.css; "
        "ship it in _static/ instead"
    ) in load_problems(broken_browsing, [page])


# -- Search ---------------------------------------------------------------------


def test_search_finds_chubby_from_file_urls(browsing: Browsing) -> None:
    problems = search_problems(browsing, "Chubby", "work/google.html")
    assert not problems, "\n".join(problems)


def test_search_check_catches_a_missing_index(broken_browsing: Browsing) -> None:
    (broken_browsing.root / "searchindex.js").unlink()
    assert search_problems(broken_browsing, "Chubby", "work/google.html") == [
        "search.html?q=Chubby: the search did not finish within 10 s",
        "search.html: console error: Failed to load resource: net::ERR_FILE_NOT_FOUND",
        "search.html?q=Chubby lists nothing; expected work/google.html",
    ]


# -- Light and dark -------------------------------------------------------------


def test_theme_switch_reaches_light_and_dark_and_both_render(browsing: Browsing) -> None:
    problems = theme_switch_problems(browsing)
    assert not problems, "\n".join(problems)


def test_theme_check_catches_a_dark_mode_that_does_not_render(broken_browsing: Browsing) -> None:
    stylesheet = broken_browsing.root / "_static" / "portfolio.css"
    stylesheet.write_text(
        stylesheet.read_text(encoding="utf-8") + "\nbody { background: #fff !important; }\n",
        encoding="utf-8",
    )
    assert theme_switch_problems(broken_browsing) == [
        "index.html: light and dark mode have the same background colour "
        "(rgb(255, 255, 255)); dark mode does not render"
    ]


# -- Phone ------------------------------------------------------------------------


def test_phone_width_does_not_scroll_sideways_and_navigation_opens(browsing: Browsing) -> None:
    problems = timed("phone check", phone_problems, browsing)
    assert not problems, "\n".join(problems)


def test_phone_check_catches_a_page_wider_than_the_phone(broken_browsing: Browsing) -> None:
    page = broken_browsing.root / "skills" / "index.html"
    banner = '<div style="position: absolute; top: 0; left: 0; width: 600px">A wide banner</div>'
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"{banner}</body>"))
    assert phone_problems(broken_browsing, [page]) == [
        "skills/index.html: at 375 px the page is 600 px wide and scrolls sideways "
        f"(widest: {banner[:80]})"
    ]


# -- Accessibility ----------------------------------------------------------------


def test_every_page_passes_axe_in_light_and_dark_mode(browsing: Browsing) -> None:
    problems = timed("axe, every page, both modes", axe_problems, browsing)
    assert not problems, "\n".join(problems)


def test_axe_check_catches_an_image_without_alt_text(broken_browsing: Browsing) -> None:
    page = broken_browsing.root / "work" / "index.html"
    plant_in_article(page, '<img src="../_static/favicon.svg">')
    problems = axe_problems(broken_browsing, [page])
    assert [problem.split(" — ")[0] for problem in problems] == [
        "work/index.html (light): image-alt (critical): Images must have alternative text",
        "work/index.html (dark): image-alt (critical): Images must have alternative text",
    ]
    assert "1 element(s), e.g. img — https://dequeuniversity.com/rules/axe/" in problems[0]


def test_axe_check_catches_text_unreadable_in_dark_mode_only(broken_browsing: Browsing) -> None:
    page = broken_browsing.root / "play" / "index.html"
    plant_in_article(page, '<p style="color: #202020">Dark grey text</p>')
    assert [problem.split(" — ")[0] for problem in axe_problems(broken_browsing, [page])] == [
        "play/index.html (dark): color-contrast (serious): "
        "Elements must meet minimum color contrast ratio thresholds"
    ]


# -- Keyboard ---------------------------------------------------------------------


def test_keyboard_reaches_every_navigation_link(browsing: Browsing) -> None:
    problems = keyboard_problems(browsing)
    assert not problems, "\n".join(problems)


def test_keyboard_check_catches_a_link_taken_out_of_the_tab_order(
    broken_browsing: Browsing,
) -> None:
    page = broken_browsing.root / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    soup.select_one('.sidebar-tree a[href="play/campusmap.html"]')["tabindex"] = "-1"
    page.write_text(str(soup), encoding="utf-8")
    assert keyboard_problems(broken_browsing) == [
        "index.html: the keyboard never reaches the navigation link to play/campusmap.html"
    ]


# -- Without a browser --------------------------------------------------------------


def test_a_missing_browser_skips_with_how_to_install_it() -> None:
    # In CI the skip becomes a failure, as every skip does: tests/test_skips.py.
    with pytest.raises(
        pytest.skip.Exception,
        match=r"^Chromium \(/usr/bin/chromium\) is missing: apt-get install chromium$",
    ):
        missing("Chromium (/usr/bin/chromium)", "apt-get install chromium")
