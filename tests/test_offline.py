"""`make offline`: one zip that a reader unzips into any folder and opens from
``file://`` with a double-click, search included; and the site on paper.

The general browser checks of the built site (load errors, other hosts, colour
modes, phones, accessibility) are in tests/browser/; these open the unzipped
copy and print. Chromium is Debian's (`apt-get install chromium`); without it
the browser tests skip, unless PORTFOLIO_NO_SKIPS=1 (CI) makes it a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from sitecheck import internal_link_problems

# The module-scoped offline zip is made once: under `make test`'s two processes
# (pytest-xdist), every test of this file runs in the same one.
pytestmark = pytest.mark.xdist_group("offline")

ZIP_NAME = "michael-j-kelly-html.zip"


def make_offline(builddir: Path, epoch: str = "1700000000") -> Path:
    result = subprocess.run(
        ["make", "-C", str(ROOT), "offline", f"BUILDDIR={builddir}"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "SOURCE_DATE_EPOCH": epoch,
            "READTHEDOCS_CANONICAL_URL": "https://x.invalid/",
        },
        check=False,
    )
    assert result.returncode == 0, f"make offline failed:\n{result.stdout}{result.stderr}"
    return builddir / ZIP_NAME


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="module")
def unzipped(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip, unzipped into a fresh folder as a reader would."""
    folder = tmp_path_factory.mktemp("reader")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder)
    return folder / ZIP_NAME.removesuffix(".zip")


def test_zip_holds_one_folder_with_the_front_page_on_top(archive: Path, unzipped: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        tops = {name.split("/")[0] for name in zipped.namelist()}
    assert tops == {unzipped.name}
    assert (unzipped / "index.html").is_file() and (unzipped / "search.html").is_file()


def test_zip_holds_the_whole_site_and_nothing_of_the_build(unzipped: Path) -> None:
    assert internal_link_problems(unzipped) == []
    assert (unzipped / "searchindex.js").is_file()
    # The résumé to take away, as the landing page links it.
    assert (unzipped / "michael-j-kelly-resume.pdf").is_file()
    assert (unzipped / "michael-j-kelly-resume.txt").is_file()
    # Made with READTHEDOCS_CANONICAL_URL set, which must not leak into the zip:
    # absolute 404 links and a sitemap of another address are useless offline.
    leftovers = [
        name
        for name in (".buildinfo", ".doctrees", "404.html", "sitemap.xml")
        if (unzipped / name).exists()
    ]
    assert leftovers == []


def test_link_check_catches_a_file_missing_from_the_zip(unzipped: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copytree(unzipped, tmp_path / "copy"))
    (copy / "work" / "meta.html").unlink()
    assert any(
        "points to a missing file" in p and "work/meta.html" in p
        for p in internal_link_problems(copy)
    )


def test_zip_is_the_same_bytes_every_time(archive: Path, tmp_path: Path) -> None:
    assert make_offline(tmp_path).read_bytes() == archive.read_bytes()


# -- in the browser -------------------------------------------------------------


def load_problems(browser: object, folder: Path) -> list[str]:
    """Open every page of the unzipped site; what failed to load or to show."""
    problems = []
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    for html in sorted(folder.rglob("*.html")):
        name = html.relative_to(folder).as_posix()
        failed.clear()
        page.goto(html.as_uri(), wait_until="load")
        problems += [
            f"{name}: {url.removeprefix(folder.as_uri()).split('?')[0]} failed to load"
            for url in failed
        ]
        broken = page.eval_on_selector_all(
            "img", "imgs => imgs.filter(i => !i.naturalWidth).map(i => i.src)"
        )
        problems += [f"{name}: image {src} does not show" for src in broken]
        if not page.locator(".sidebar-tree a").count():
            problems.append(f"{name}: no navigation")
    context.close()
    return problems


@pytest.mark.browser
def test_every_unzipped_page_opens_with_everything_it_uses(browser: object, unzipped: Path) -> None:
    assert load_problems(browser, unzipped) == []


@pytest.mark.browser
def test_load_check_catches_a_missing_stylesheet(
    browser: object, unzipped: Path, tmp_path: Path
) -> None:
    copy = Path(shutil.copytree(unzipped, tmp_path / "copy"))
    (copy / "_static" / "portfolio.css").unlink()
    problems = load_problems(browser, copy)
    assert "index.html: /_static/portfolio.css failed to load" in problems


def search_problems(browser: object, folder: Path, query: str, expected: str) -> list[str]:
    """Search from the unzipped site's search box; the result must open."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((folder / "work" / "index.html").as_uri())
    page.fill("input.sidebar-search", query)
    page.press("input.sidebar-search", "Enter")
    try:
        page.wait_for_selector("#search-results ul.search li a", timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout: reported as a problem
        status = (
            page.locator("#search-results").inner_text()
            if page.locator("#search-results").count()
            else ""
        )
        context.close()
        return [f"searching {query!r} found nothing: {status.strip()!r}"]
    links = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
    context.close()
    if not any(link.split("#")[0].endswith(expected) for link in links):
        return [f"searching {query!r} did not find {expected}: {links}"]
    target = folder / expected
    return [] if target.is_file() else [f"the result {expected} is not in the zip"]


@pytest.mark.browser
def test_search_works_in_the_unzipped_site(browser: object, unzipped: Path) -> None:
    assert search_problems(browser, unzipped, "Ubiquitous Presenter", "work/ucsd.html") == []


@pytest.mark.browser
def test_search_check_catches_a_missing_index(
    browser: object, unzipped: Path, tmp_path: Path
) -> None:
    copy = Path(shutil.copytree(unzipped, tmp_path / "copy"))
    (copy / "searchindex.js").unlink()
    problems = search_problems(browser, copy, "Ubiquitous Presenter", "work/ucsd.html")
    assert len(problems) == 1 and problems[0].startswith(
        "searching 'Ubiquitous Presenter' found nothing"
    )


# -- on paper -------------------------------------------------------------------

#: Theme chrome that has no place on paper.
CHROME = (
    ".sidebar-drawer",
    ".toc-drawer",
    ".mobile-header",
    ".theme-toggle-container",
    ".related-pages",
)


def print_problems(browser: object, page_file: Path) -> list[str]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.emulate_media(media="print")
    problems = []
    for selector in CHROME:
        shown = page.eval_on_selector_all(
            selector, "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        if shown:
            problems.append(f"{selector} is printed")
    unshown = page.eval_on_selector_all(
        "article a[href^='https://']",
        """as => as.filter(a => !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))
                  .map(a => a.getAttribute('href'))""",
    )
    problems += [f"the link to {href} prints without its address" for href in unshown]
    width = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
    body = page.evaluate("document.body.getBoundingClientRect().width")
    if width < 0.8 * body:
        problems.append(f"the article prints {width:.0f}px wide of {body:.0f}px")
    pdf = page.pdf()  # the browser's own print: it must lay the page out
    context.close()
    if not pdf.startswith(b"%PDF"):
        problems.append("printing gave no PDF")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("name", ["index.html", "work/google.html", "play/open-source.html"])
def test_printed_pages_are_clean_paper(browser: object, unzipped: Path, name: str) -> None:
    assert print_problems(browser, unzipped / name) == []


@pytest.mark.browser
def test_print_check_catches_a_page_without_print_styles(
    browser: object, unzipped: Path, tmp_path: Path
) -> None:
    copy = Path(shutil.copytree(unzipped, tmp_path / "copy"))
    (copy / "_static" / "print.css").write_text("", encoding="utf-8")
    problems = print_problems(browser, copy / "work" / "google.html")
    assert ".sidebar-drawer is printed" in problems
    assert "the link to https://about.google/ prints without its address" in problems
