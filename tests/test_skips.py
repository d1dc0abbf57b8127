"""In CI every skip is a failure (PORTFOLIO_NO_SKIPS=1, set by .ci/run); elsewhere a
missing tool skips, saying how to install it.

Each test runs pytest in a fresh process, so the setting is read as CI reads it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NO_SKIPS, ROOT
from test_ebook import INSTALL, need

#: The PDF tests need latexmk, pdflatex, pdftotext and pdfinfo, found on PATH.
PDF_TEST = "tests/test_ebook.py::test_pdf_is_a_short_paper_document"
PDF_TOOLS = f"latexmk, pdflatex, pdftotext, pdfinfo not installed: {INSTALL}"


def pytest_run(
    *args: str, cwd: Path = ROOT, no_skips: bool, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != NO_SKIPS} | env
    if no_skips:
        environment[NO_SKIPS] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_a_missing_tool_skips_on_a_developers_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An empty PATH: as if Debian had renamed every package the PDF needs.
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match=f"^{re.escape(PDF_TOOLS)}$"):
        need("latexmk", "pdflatex", "pdftotext", "pdfinfo")


def test_a_missing_tool_fails_in_ci(tmp_path: Path) -> None:
    result = pytest_run(PDF_TEST, no_skips=True, PATH=str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Skipped: {PDF_TOOLS} ({NO_SKIPS}=1 makes a skip a failure)" in result.stdout
    assert re.match(r"1 error in [\d.]+s$", last_line(result))


SKIPPING = {
    "test_skips.py": """
import pytest

def test_skipped_inside():
    pytest.skip("no such tool")

@pytest.mark.skipif(True, reason="marked to skip")
def test_marked():
    pass

@pytest.mark.xfail(reason="a known failure", strict=True)
def test_expected_to_fail():
    assert False

def test_passes():
    pass
""",
    "test_module_skip.py": """
import pytest

pytest.skip("the whole module", allow_module_level=True)
""",
}


def skipping_suite(folder: Path) -> Path:
    for name, code in SKIPPING.items():
        (folder / name).write_text(code, encoding="utf-8")
    return folder


def run_with_the_hooks(folder: Path, *, no_skips: bool) -> subprocess.CompletedProcess[str]:
    """The suite in ``folder`` under tests/conftest.py's hooks, copied in as its own."""
    shutil.copy2(ROOT / "tests" / "conftest.py", folder / "conftest.py")
    return pytest_run(
        "--continue-on-collection-errors",
        "-c",
        os.devnull,
        # What pyproject.toml tells pytest, which -c os.devnull leaves unread.
        "-o",
        f"pythonpath={ROOT / 'tools'}",
        "--rootdir",
        str(folder),
        str(folder),
        cwd=folder,
        no_skips=no_skips,
    )


def test_every_kind_of_skip_is_a_skip_outside_ci(tmp_path: Path) -> None:
    result = run_with_the_hooks(skipping_suite(tmp_path), no_skips=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.match(r"1 passed, 3 skipped, 1 xfailed in [\d.]+s$", last_line(result))


def test_every_kind_of_skip_fails_in_ci(tmp_path: Path) -> None:
    result = run_with_the_hooks(skipping_suite(tmp_path), no_skips=True)
    assert result.returncode == 1, result.stdout + result.stderr
    # A skip in the test is a failure; one in its setup (skipif) or collection, an error.
    assert re.match(r"1 failed, 1 passed, 1 xfailed, 2 errors in [\d.]+s$", last_line(result))
    for reason in ("no such tool", "marked to skip", "the whole module"):
        assert f"Skipped: {reason} ({NO_SKIPS}=1 makes a skip a failure)" in result.stdout
