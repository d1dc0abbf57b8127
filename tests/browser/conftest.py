"""Debian's Chromium, driven by Playwright, for tests against the built site.

Chromium is the system package (`apt-get install chromium`), never a browser
Playwright downloads. Without it the browser tests skip, saying how to install
it, except where PORTFOLIO_NO_SKIPS=1 (CI): there a missing browser or a
missing axe-core is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import missing

from .browsercheck import AXE_SCRIPT, Browsing


@pytest.fixture(autouse=True)
def axe_core() -> None:
    if not AXE_SCRIPT.is_file():
        missing(
            f"axe-core ({AXE_SCRIPT})", "run `npm ci` at the repository root (`make test` does)"
        )


@pytest.fixture
def browsing(browser: Browser, site: Path) -> Browsing:
    """The real built site, in Chromium."""
    return Browsing(browser, site)


@pytest.fixture
def broken_browsing(browser: Browser, site_to_break: Path) -> Browsing:
    """A throwaway copy of the built site, in Chromium, to plant faults in."""
    return Browsing(browser, site_to_break)
