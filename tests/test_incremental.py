"""Editing one page re-reads only the pages that show its facts, and nothing goes stale."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import STRICT
from portfolio.writeup import create


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
    # The page itself, the Play listing and the skills page: 3 of the site's pages.
    assert build(built_copy) == {"play/weatherdash", "play/index", "skills/index"}


def test_editing_a_page_without_facts_rereads_only_it(built_copy: Path) -> None:
    touch(built_copy / "play" / "index.md")
    assert build(built_copy) == {"play/index"}


def skill_names(outdir: Path) -> dict[str, list[str]]:
    """Every place the built site shows a skill's name, file by file, in order:
    badges (linked or not), the catalogue's cards, JSON-LD and ``resume.json``."""
    shown = {}
    for page in sorted(outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup.select(".visually-hidden"):
            hidden.decompose()  # a badge's " (skill)" for screen readers
        names = [badge.get_text(strip=True) for badge in soup.select(".sd-badge")]
        names += [
            title.get_text(strip=True) for title in soup.select('[id^="skill-"] .sd-card-title')
        ]
        for script in soup.select('script[type="application/ld+json"]'):
            names += json.loads(script.get_text()).get("knowsAbout", [])
        shown[page.relative_to(outdir).as_posix()] = names
    resume = json.loads((outdir / "resume.json").read_text(encoding="utf-8"))
    shown["resume.json"] = [name for group in resume["skills"] for name in group["keywords"]]
    return shown


def test_renaming_a_skill_updates_every_page(built_copy: Path) -> None:
    outdir = built_copy / "_build"
    before = skill_names(outdir)
    showing_go = sorted(page for page, names in before.items() if "Go" in names)
    assert showing_go == [
        "index.html",
        "play/index.html",
        "play/open-source.html",
        "play/weatherdash.html",
        "resume.json",
        "skills/index.html",
    ]
    skills = built_copy / "skills" / "index.md"
    skills.write_text(skills.read_text(encoding="utf-8").replace("name: Go,", "name: Golang,"))
    os.utime(skills, (time.time() + 2, time.time() + 2))
    build(built_copy)
    # Every page says Golang wherever it said Go, and nowhere Go.
    renamed = {
        page: ["Golang" if n == "Go" else n for n in names] for page, names in before.items()
    }
    assert skill_names(outdir) == renamed


def test_a_new_writeup_joins_the_listing_incrementally(built_copy: Path) -> None:
    create(built_copy, "Tide clock", skills="python")
    reread = build(built_copy)
    assert {"play/tide-clock", "play/index", "skills/index"} <= reread
    listing = (built_copy / "_build" / "play" / "index.html").read_text(encoding="utf-8")
    assert 'href="tide-clock.html"' in listing
