"""Shared fixtures: real Sphinx builds of the real site, or of a copy to break."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from bench import synthetic_write_up
from portfolio.frontmatter import read_page
from sitecopy import ROOT, SITE_FILES, STRICT, copy_site

__all__ = ["ROOT", "SITE_FILES", "STRICT", "copy_site"]  # for the tests, from tools/

#: Debian's Chromium: never a browser that Playwright downloads.
CHROMIUM = Path("/usr/bin/chromium")
#: Headless, and quiet: without the networking flags Chromium phones Google at start.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# Sphinx colours its messages when CI is set (sphinx/_cli/util/colour.py), as CI is;
# the tests read what every build and `make` prints as plain text.
os.environ["NO_COLOR"] = "1"


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    outdir: Path


def sphinx_build(
    srcdir: Path,
    outdir: Path,
    *extra: str,
    builder: str = "html",
    env: dict[str, str] | None = None,
    strict: bool = True,
) -> Build:
    """Run the real ``sphinx-build`` in a fresh process, as `make` does.

    ``strict=False`` builds as `make serve` does: warnings do not fail the build.
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            *(STRICT if strict else ("-n", "--keep-going")),
            "-q",
            *extra,
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, outdir)


def run_folder(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The folder of this whole test run, which every pytest-xdist worker shares.
    ``worker_id`` is pytest-xdist's fixture: "master" when the run is not split."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent  # above each worker's own


def once_per_run(base: Path, name: str, make: Callable[[Path], None]) -> Path:
    """``base / name``, filled by ``make`` once however many workers ask for it: the
    first builds it, the others wait on the lock and reuse it."""
    folder = base / name
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / ".done").is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            make(folder)
            (folder / ".done").touch()
    return folder


def _build_site(folder: Path) -> None:
    build = sphinx_build(ROOT, folder / "html", "-d", str(folder / "doctrees"))
    assert build.returncode == 0, f"the strict build failed:\n{build.output}"
    (folder / "output.txt").write_text(build.output, encoding="utf-8")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Build:
    """The real site, built strictly once per test run (and worker), and what the build
    printed. Shared by every test: change a copy (``site_to_break``), never this."""
    folder = once_per_run(run_folder(tmp_path_factory, worker_id), "site", _build_site)
    return Build(0, (folder / "output.txt").read_text(encoding="utf-8"), folder / "html")


@pytest.fixture(scope="session")
def site(site_build: Build) -> Path:
    """The real site's HTML folder."""
    return site_build.outdir


#: How many write-ups ``grown`` adds to the site, and its draft.
GROWN = 150
DRAFT = "play/unfinished-idea"


def _grow(folder: Path) -> None:
    source = copy_site(folder / "src")
    for n in range(GROWN):
        (source / "play" / f"synthetic-{n:04d}.md").write_text(
            synthetic_write_up(n), encoding="utf-8"
        )
    # A draft, newer than everything: it would lead every list it wrongly joined.
    draft = synthetic_write_up(GROWN).replace("\nend: ", "\ndraft: true\nend: ", 1)
    (source / f"{DRAFT}.md").write_text(re.sub(r"end: \d+", "end: 2030", draft), encoding="utf-8")
    build = sphinx_build(source, folder / "html", "-d", str(folder / "doctrees"))
    assert build.returncode == 0, f"the strict build failed:\n{build.output}"


@pytest.fixture(scope="session")
def grown(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site with 150 more write-ups, as `make bench` grows it, and a draft, built
    strictly once per run; its folder (``src``, ``html``)."""
    return once_per_run(run_folder(tmp_path_factory, worker_id), "grown", _grow)


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[Path]:
    yield copy_site(tmp_path / "src")


def run_make(site: Path, target: str, *variables: str) -> subprocess.CompletedProcess[str]:
    """The real ``make target``, run in a copy of the site with the project's .venv.

    ``-o`` keeps make from re-installing that shared environment from the copy.
    """
    venv = ROOT / ".venv"
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(site),
            "-o",
            f"{venv}/.site",
            "-o",
            f"{venv}/.dev",
            target,
            f"VENV={venv}",
            *variables,
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MAKEFLAGS": ""},
    )


@pytest.fixture
def site_with_make(tmp_path: Path) -> Path:
    """A copy of the site that `make` can run in."""
    site = copy_site(tmp_path / "src")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "tools"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, site / name, ignore=shutil.ignore_patterns("node_modules"))
        else:
            shutil.copy2(source, site / name)
    return site


@pytest.fixture
def site_to_break(site: Path, tmp_path: Path) -> Path:
    """A throwaway copy of the built site, to plant faults in."""
    return Path(shutil.copytree(site, tmp_path / "html"))


def plant_in_article(page: Path, html: str) -> None:
    """Add raw HTML at the end of a built page's content: a fault for a check to catch."""
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", f"{html}</article>", 1), encoding="utf-8")


def plant_role(page: Path, role: str, body: str, *, start: str = "2019", end: str = "2019") -> None:
    """Add a role to an employer page: its front matter and its {position} write-up."""
    text = page.read_text(encoding="utf-8")
    front = f"roles:\n  - id: {role}\n    title: Planted Role\n    start: {start}\n    end: {end}\n"
    page.write_text(
        text.replace("roles:\n", front + "    skills: [go]\n", 1)
        + f"\n```{{position}} {role}\n{body}\n```\n",
        encoding="utf-8",
    )


def front_matter_problems(folder: Path, text: str, docname: str = "play/sample") -> list[str]:
    """``line: message`` for each problem in a page made of ``text``."""
    path = folder / "sample.md"
    path.write_text(text, encoding="utf-8")
    page, problems = read_page(path, docname)
    assert (page is None) == bool(problems)
    return [f"{p.line}: {p.message}" for p in problems]


def missing(what: str, how: str) -> None:
    """Skip a test whose tool is missing, saying how to install it (a failure in CI)."""
    pytest.skip(f"{what} is missing: {how}")


#: Set by .ci/run: there every skip is a failure, so a tool that went missing (a
#: renamed Debian package, a moved jar) cannot pass for a green run.
NO_SKIPS = "PORTFOLIO_NO_SKIPS"


def fail_a_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Turn a skipped report into a failure that gives the skip's reason."""
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get(NO_SKIPS) == "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{reason} ({NO_SKIPS}=1 makes a skip a failure)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport() -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    fail_a_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report() -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    fail_a_skip(report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run: Playwright's sync API allows one instance a process."""
    if not CHROMIUM.is_file():
        missing(f"Chromium ({CHROMIUM})", "apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        yield chromium
        chromium.close()
