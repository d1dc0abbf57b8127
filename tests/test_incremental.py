"""Editing one page re-reads only the pages that show its facts, and nothing goes stale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import STRICT
from portfolio.writeup import create
from test_writeup import publish


def build(src: Path) -> set[str]:
    """Build incrementally (the same output and doctree folders) and return what was re-read."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", *STRICT, str(src), str(src / "_build")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return set(re.findall(r"reading sources\.\.\. \[ *\d+%\] (\S+)", result.stdout))


def touch(path: Path) -> None:
    time.sleep(0.01)  # a later mtime than the last build's
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


@pytest.fixture
def built_copy(site_copy: Path) -> Path:
    build(site_copy)
    return site_copy


def test_editing_a_writeup_rereads_only_its_views(built_copy: Path) -> None:
    touch(built_copy / "play" / "weatherdash.md")
    # The page itself, the Play listing, the skills page and the résumé's projects.
    assert build(built_copy) == {"play/weatherdash", "play/index", "skills/index", "resume"}


def test_editing_a_page_without_facts_rereads_only_it(built_copy: Path) -> None:
    touch(built_copy / "work" / "index.md")
    assert build(built_copy) == {"work/index"}


def test_editing_a_page_the_resume_quotes_rereads_the_resume(built_copy: Path) -> None:
    # The résumé opens its projects with the Play page's first paragraph.
    touch(built_copy / "play" / "index.md")
    assert build(built_copy) == {"play/index", "resume"}


def test_editing_a_roles_prose_updates_the_resume_page(built_copy: Path) -> None:
    page = built_copy / "work" / "google.md"
    text = page.read_text(encoding="utf-8")
    old = "ran a real-life large-scale power failure exercise."
    assert old in text
    page.write_text(text.replace(old, old + " Planted sentence."), encoding="utf-8")
    os.utime(page, (time.time() + 2, time.time() + 2))
    assert "resume" in build(built_copy)
    resume = (built_copy / "_build" / "resume.html").read_text(encoding="utf-8")
    assert "failure exercise. Planted sentence." in resume


def test_renaming_a_skill_updates_every_badge(built_copy: Path) -> None:
    skills = built_copy / "skills" / "index.md"
    skills.write_text(skills.read_text(encoding="utf-8").replace("name: Go,", "name: Golang,"))
    os.utime(skills, (time.time() + 2, time.time() + 2))
    build(built_copy)
    page = (built_copy / "_build" / "play" / "weatherdash.html").read_text(encoding="utf-8")
    assert "Golang" in page


def test_a_new_writeup_joins_the_listing_incrementally(built_copy: Path) -> None:
    publish(create(built_copy, "Tide clock", skills="python"))
    reread = build(built_copy)
    assert {"play/tide-clock", "play/index", "skills/index"} <= reread
    listing = (built_copy / "_build" / "play" / "index.html").read_text(encoding="utf-8")
    assert 'href="tide-clock.html"' in listing
