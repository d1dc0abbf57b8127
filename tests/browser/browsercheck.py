"""What a reader's browser does with the built site, as human-readable problems.

Each check opens pages from ``file://`` in Debian's Chromium and returns a list
of problems naming the page (and mode or viewport) and what went wrong, so a
test asserts ``== []`` and a failure reads as a to-do list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
#: axe-core as package-lock.json pins it; `npm ci` puts it here.
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
#: Schemes a page may use without reaching another machine.
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})


@dataclass
class Opened:
    """One page in a fresh browser context, and what it did while loading."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


class Browsing:
    """The built site at ``root``, opened page by page in Chromium."""

    def __init__(self, browser: Browser, root: Path) -> None:
        self.browser = browser
        self.root = root

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def name(self, page: Path) -> str:
        return page.relative_to(self.root).as_posix()

    @contextmanager
    def open(
        self,
        page: Path,
        *,
        viewport: dict[str, int] = DESKTOP,
        theme: str | None = None,
        query: str = "",
    ) -> Iterator[Opened]:
        """Load ``page``; every request to another host is recorded and refused.

        ``theme`` is stored as furo stores a reader's choice, before the page loads.
        """
        context = self.browser.new_context(viewport=viewport, color_scheme="light")
        if theme:
            context.add_init_script(f"localStorage.setItem('theme', {json.dumps(theme)})")
        opened = Opened(context.new_page())

        def guard(route: Route, request: Request) -> None:
            if urlsplit(request.url).scheme in LOCAL_SCHEMES:
                route.continue_()
            else:
                opened.foreign_requests.append(request.url)
                route.abort("blockedbyclient")

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                opened.console_errors.append(message.text)

        context.route("**/*", guard)
        opened.page.on("console", console)
        opened.page.on(
            "pageerror",
            lambda error: opened.console_errors.append(f"{error.name}: {error.message}"),
        )
        try:
            opened.page.goto(page.as_uri() + query, wait_until="load")
            yield opened
        finally:
            context.close()


# -- Loading ------------------------------------------------------------------


def load_problems(browsing: Browsing, pages: list[Path] | None = None) -> list[str]:
    """Pages (``pages``, or all) that log an error or ask another host for anything."""
    problems = []
    for page in pages or browsing.pages():
        name = browsing.name(page)
        with browsing.open(page) as opened:  # open() waits for the load event
            # Sorted: a page's events arrive in no fixed order.
            problems += sorted(
                [f"{name}: console error: {error}" for error in opened.console_errors]
                + [
                    f"{name}: asks another host for {url}; ship it in _static/ instead"
                    for url in opened.foreign_requests
                ]
            )
    return problems


# -- Search -------------------------------------------------------------------


FINISHED = (
    "(document.querySelector('.search-summary')?.textContent || '').startsWith('Search finished')"
)


def search_problems(browsing: Browsing, word: str, expected: str) -> list[str]:
    """Searching for ``word`` from file:// must list the page ``expected``."""
    with browsing.open(browsing.root / "search.html", query=f"?q={word}") as opened:
        problems = []
        try:
            opened.page.wait_for_function(FINISHED, timeout=10_000)
        except PlaywrightTimeoutError:
            problems.append(f"search.html?q={word}: the search did not finish within 10 s")
        hrefs = opened.page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(link => link.href)"
        )
        problems += [f"search.html: console error: {error}" for error in opened.console_errors]
    found = [unquote(urlsplit(href).path) for href in hrefs]
    target = (browsing.root / expected).as_posix()
    if not any(path == target for path in found):
        listed = (
            ", ".join(Path(path).relative_to(browsing.root).as_posix() for path in found)
            or "nothing"
        )
        problems.append(f"search.html?q={word} lists {listed}; expected {expected}")
    return problems


# -- Light and dark -------------------------------------------------------------

COLOURS = """() => {
  const style = getComputedStyle(document.body);
  return {theme: document.body.dataset.theme, background: style.backgroundColor, text: style.color};
}"""


def theme_switch_problems(browsing: Browsing) -> list[str]:
    """furo's button cycles auto/dark/light; light and dark must look different."""
    seen: dict[str, dict[str, str]] = {}
    with browsing.open(browsing.root / "index.html") as opened:
        button = opened.page.locator(".theme-toggle").filter(visible=True).first
        for _ in range(3):
            button.click()
            colours = opened.page.evaluate(COLOURS)
            seen[colours["theme"]] = colours
        problems = [f"index.html: console error: {error}" for error in opened.console_errors]
    for mode in ("light", "dark"):
        if mode not in seen:
            problems.append(
                f"index.html: three presses of the theme button never chose {mode} "
                f"(saw {', '.join(seen) or 'no theme'})"
            )
    if "light" in seen and "dark" in seen:
        for part in ("background", "text"):
            if seen["light"][part] == seen["dark"][part]:
                problems.append(
                    f"index.html: light and dark mode have the same {part} colour "
                    f"({seen['light'][part]}); dark mode does not render"
                )
    return problems


# -- Phone --------------------------------------------------------------------

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.sidebar-drawer, .toc-drawer'));
  return {scroll: document.documentElement.scrollWidth, width,
          culprit: wide.length ? wide[wide.length - 1].outerHTML.slice(0, 80) : ''};
}"""


def phone_problems(browsing: Browsing, pages: list[Path] | None = None) -> list[str]:
    """At 375 px nothing scrolls sideways (on ``pages``, or all), and the navigation opens."""
    problems = []
    for page in pages or browsing.pages():
        with browsing.open(page, viewport=PHONE) as opened:
            size = opened.page.evaluate(OVERFLOW)
        if size["scroll"] > size["width"]:
            problems.append(
                f"{browsing.name(page)}: at {PHONE['width']} px the page is {size['scroll']} px "
                f"wide and scrolls sideways (widest: {size['culprit']})"
            )
    with browsing.open(browsing.root / "index.html", viewport=PHONE) as opened:
        drawer = opened.page.locator(".sidebar-drawer")
        if _on_screen(drawer):
            problems.append("index.html: at phone width the navigation is open before it is asked")
        opened.page.locator(".nav-overlay-icon").click()
        opened.page.wait_for_timeout(400)  # furo slides the drawer in over .25 s
        if not _on_screen(drawer):
            problems.append(
                "index.html: at phone width the menu button does not open the navigation"
            )
        elif not opened.page.locator(".sidebar-tree a").first.is_visible():
            problems.append("index.html: the phone navigation opens but shows no links")
    return problems


def _on_screen(locator: Locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] + box["width"] > 1 and box["x"] < PHONE["width"]


# -- Accessibility --------------------------------------------------------------

#: preload off: axe would re-fetch each stylesheet with XHR, which file:// refuses.
AXE_RUN = "async () => (await axe.run(document, {preload: false})).violations"


def axe_problems(browsing: Browsing, pages: list[Path] | None = None) -> list[str]:
    """Every axe-core violation on ``pages`` (or all), in light and in dark mode."""
    problems = []
    for page in pages or browsing.pages():
        for theme in ("light", "dark"):
            with browsing.open(page, theme=theme) as opened:
                shown = opened.page.evaluate("document.body.dataset.theme")
                opened.page.add_script_tag(path=str(AXE_SCRIPT))
                violations = opened.page.evaluate(AXE_RUN)
            where = f"{browsing.name(page)} ({theme})"
            if shown != theme:
                problems.append(f"{where}: the page shows theme {shown!r}, so it was not checked")
            for violation in violations:
                targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                problems.append(
                    f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} "
                    f"— {len(violation['nodes'])} element(s), e.g. {targets} — {violation['helpUrl']}"
                )
    return problems


# -- Keyboard -----------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  return {href: el && el.href || '',
          closedSection: !!el && el.matches('.toctree-checkbox') && !el.checked};
}"""


def keyboard_problems(browsing: Browsing, page_name: str = "index.html") -> list[str]:
    """Tab alone must reach every link in the navigation, opening closed sections with Space."""
    with browsing.open(browsing.root / page_name) as opened:
        page = opened.page
        wanted = page.eval_on_selector_all(
            ".sidebar-tree a", "links => links.map(link => link.href)"
        )
        stops = page.eval_on_selector_all("a[href], button, input", "els => els.length")
        reached: set[str] = set()
        for _ in range(stops + 5):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            reached.add(focused["href"])
            if focused["closedSection"]:
                page.keyboard.press("Space")
    problems = [] if wanted else [f"{page_name}: the navigation has no links"]
    for href in wanted:
        if href not in reached:
            target = Path(unquote(urlsplit(href).path)).relative_to(browsing.root).as_posix()
            problems.append(
                f"{page_name}: the keyboard never reaches the navigation link to {target}"
            )
    return problems
