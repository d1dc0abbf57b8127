"""Editing one page re-reads only the pages that show its facts, and nothing goes stale."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import STRICT
from offline_zip import write_zip
from portfolio.writeup import create
from test_writeup import publish


def build_and_write(
    src: Path, builder: str = "html", out: str = "_build", *extra: str
) -> tuple[set[str], set[str]]:
    """Build incrementally (the same output and doctree folders): what was re-read, and
    what was written."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, *extra, str(src), str(src / out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    read = set(re.findall(r"reading sources\.\.\. \[ *\d+%\] (\S+)", result.stdout))
    return read, set(re.findall(r"writing output\.\.\. \[ *\d+%\] (\S+)", result.stdout))


def build(src: Path, builder: str = "html", out: str = "_build", *extra: str) -> set[str]:
    """Build incrementally and return what was re-read."""
    return build_and_write(src, builder, out, *extra)[0]


def touch(path: Path, old: str = "", new: str = "\n") -> None:
    """Save ``path`` again: ``old`` replaced by ``new``, or without ``old``, ``new`` added."""
    time.sleep(0.01)  # a later mtime than the last build's
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


def pages_without(site: Path, text: str) -> list[str]:
    """The built pages (of more than ten) that do not hold ``text``."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    return [
        page.relative_to(site).as_posix()
        for page in pages
        if text not in page.read_text(encoding="utf-8")
    ]


@pytest.fixture
def built_copy(site_copy: Path) -> Path:
    build(site_copy)
    return site_copy


def test_editing_a_writeups_facts_rereads_only_its_views(built_copy: Path) -> None:
    touch(built_copy / "play" / "weatherdash.md", "in Python and then Go.", "in Python, then Go.")
    read, written = build_and_write(built_copy)
    # The page itself, the Play listing and archive, the skills page and the résumé's projects.
    assert read == {"play/weatherdash", "play/index", "archive", "skills/index", "resume"}
    # And the landing page, whose toctree holds the listing's page.
    assert written == read | {"index"}
    listing = (built_copy / "_build" / "play" / "index.html").read_text(encoding="utf-8")
    assert "in Python, then Go." in listing


def test_editing_a_writeups_prose_rereads_and_writes_only_it(built_copy: Path) -> None:
    listing = built_copy / "_build" / "play" / "index.html"
    before = listing.stat().st_mtime_ns
    # Its facts unchanged, no listing or back-link has anything new to show; nor
    # has the listing's page, whose toctree holding it would have Sphinx write it.
    touch(built_copy / "play" / "weatherdash.md", "OpenWeatherMap data", "OpenWeatherMap's data")
    assert build_and_write(built_copy) == ({"play/weatherdash"}, {"play/weatherdash"})
    assert listing.stat().st_mtime_ns == before


def test_a_writeup_that_becomes_one_of_the_newest_joins_every_sidebar(built_copy: Path) -> None:
    # The sidebar lists the five newest write-ups: the oldest, made ongoing, leads them,
    # on every page, the pages not re-read too.
    site = built_copy / "_build"
    assert "open-source.html" not in (site / "work" / "meta.html").read_text(encoding="utf-8")
    touch(built_copy / "play" / "open-source.md", "end: 2014\n", "end: present\n")
    read, written = build_and_write(built_copy)
    assert "work/meta" not in read
    assert "work/meta" in written
    assert pages_without(site, "open-source.html") == []
    # A touch that changes nothing the sidebar shows writes only what it read.
    touch(built_copy / "play" / "open-source.md", "Minor contributions", "Small contributions")
    read, written = build_and_write(built_copy)
    assert written == read | {"index"}


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
    publish(create(built_copy, "Tide clock", skills="python"))
    reread = build(built_copy)
    assert {"play/tide-clock", "play/index", "skills/index"} <= reread
    listing = (built_copy / "_build" / "play" / "index.html").read_text(encoding="utf-8")
    assert 'href="tide-clock.html"' in listing


# -- Nothing outlives its source ------------------------------------------------

GONE = "play/weatherdash"


def naming(folder: Path, name: str) -> list[str]:
    """Every built file (Sphinx's cache aside) named after ``name`` or holding it."""
    found = []
    for path in sorted(folder.rglob("*")):
        where = path.relative_to(folder).as_posix()
        if ".doctrees" in path.relative_to(folder).parts or not path.is_file():
            continue
        if name in where:
            found.append(f"{where} is left over")
        elif name.encode() in path.read_bytes():
            found.append(f"{where} names {name}")
    return found


def unzipped(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(into)
    return into


def test_a_deleted_page_leaves_no_file_or_link(built_copy: Path, tmp_path: Path) -> None:
    (built_copy / f"{GONE}.md").unlink()
    build(built_copy)
    site = built_copy / "_build"
    write_zip(site, tmp_path / "site.zip")
    reader = unzipped(tmp_path / "site.zip", tmp_path / "reader")
    # Its page, every sidebar, listing and badge, and the search index; in the
    # folder and in the offline zip made of it.
    for folder in (site, reader):
        assert len(list(folder.rglob("*.html"))) > 10
        assert naming(folder, GONE) == []
        assert naming(folder, "weatherdash.html") == []


def test_a_renamed_page_is_linked_from_every_page_by_its_new_name(built_copy: Path) -> None:
    (built_copy / f"{GONE}.md").rename(built_copy / "play" / "weather-dash.md")
    build(built_copy)
    site = built_copy / "_build"
    assert naming(site, "weatherdash.html") == []
    # The renamed page is one of the newest: every page's sidebar lists it, the pages
    # not re-read too.
    assert pages_without(site, "weather-dash.html") == []


def test_a_deleted_page_leaves_the_epub(site_copy: Path, tmp_path: Path) -> None:
    # The doctrees outside the book's folder, as `make epub` keeps them.
    doctrees = ("-d", str(site_copy / "_build" / "doctrees"))
    build(site_copy, "epub", "_build/epub", *doctrees)
    (site_copy / f"{GONE}.md").unlink()
    build(site_copy, "epub", "_build/epub", *doctrees)
    book = unzipped(site_copy / "_build" / "epub" / "michael-j-kelly.epub", tmp_path / "book")
    assert naming(book, GONE) == []
    assert naming(book, "weatherdash.xhtml") == []


def test_an_asset_comes_and_goes_with_its_only_use(built_copy: Path) -> None:
    # The build keeps what each built page links between builds: a page that
    # gains or loses code must still bring or drop the highlighting CSS.
    highlighting = built_copy / "_build" / "_static" / "pygments.css"
    page = built_copy / "play" / "nato-alpha.md"
    code = "\n```python\nprint('alpha')\n```\n"
    assert not highlighting.exists()
    touch(page, new=code)
    build(built_copy)
    assert highlighting.is_file()
    touch(page, code, "")
    build(built_copy)
    assert not highlighting.exists()
