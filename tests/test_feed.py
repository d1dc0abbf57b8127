"""The Atom feed of the write-ups (portfolio.feed), read as a feed reader reads it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import feedparser
from bs4 import BeautifulSoup

from conftest import ROOT, copy_site, sphinx_build
from portfolio.frontmatter import read_page

CANONICAL = "https://example.readthedocs.io/en/stable/"
DRAFT = """\
---
kind: project
title: Planted Draft
summary: A write-up not finished yet.
start: 2026
end: present
skills: [go]
links:
  - title: Source
    url: https://github.com/mjkelly
draft: true
---

Not done.
"""


def write_ups(source: Path = ROOT) -> list[str]:
    """The project pages' titles, newest first, read from their front matter."""
    pages = [read_page(path, f"play/{path.stem}")[0] for path in (source / "play").glob("*.md")]
    projects = [p for p in pages if p and p.kind == "project" and not p.draft]
    return [p.title for p in sorted(projects, key=lambda p: (p.span.sort_key, p.title))][::-1]


def feed_problems(outdir: Path, base: str, expected: list[str]) -> list[str]:
    """What a feed reader would stumble on in ``outdir/atom.xml``, its addresses resolved
    against ``base``, where the feed is served."""
    feed = feedparser.parse((outdir / "atom.xml").read_bytes(), response_headers={})
    if feed.bozo:
        return [f"atom.xml is not a valid feed: {feed.bozo_exception}"]
    problems = []
    titles = [entry.title for entry in feed.entries]
    if titles != expected:
        problems.append(f"entries {titles}, expected {expected}")
    for entry in feed.entries:
        href = urljoin(base + "atom.xml", entry.link)
        if not href.startswith(base):
            problems.append(f"{entry.title}: link {entry.link!r} leaves the site {base}")
        elif not (outdir / href.removeprefix(base)).is_file():
            problems.append(f"{entry.title}: link {entry.link!r} names no page")
        if not entry.id.startswith("tag:"):
            problems.append(f"{entry.title}: id {entry.id!r} is not a tag URI")
        if not entry.get("updated_parsed") or not entry.get("summary"):
            problems.append(f"{entry.title}: no date or summary")
    for page in sorted(outdir.rglob("*.html")):
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        links = head.find_all("link", rel="alternate", type="application/atom+xml")
        page_url = base + page.relative_to(outdir).as_posix()
        if [urljoin(page_url, link["href"]) for link in links] != [base + "atom.xml"]:
            problems.append(f"{page.relative_to(outdir)}: head does not link the feed once")
    return problems


def test_the_feed_lists_every_write_up_newest_first(site: Path) -> None:
    expected = write_ups()
    assert expected[:2] == ["Passphraser", "experiments"]
    assert feed_problems(site, "file:///site/", expected) == []
    feed = feedparser.parse((site / "atom.xml").read_bytes())
    assert feed.feed.title == "Michael J Kelly: write-ups"
    assert feed.feed.author == "Michael J Kelly"
    entry = feed.entries[0]
    assert entry.id == "tag:michaelkelly.org,2024:play/passphraser"
    assert [tag.label for tag in entry.tags] == ["JavaScript", "Python"]
    # A local build has no address: links are relative to the feed, and no rel=self.
    assert entry.link == "play/passphraser.html"
    assert not [link for link in feed.feed.links if link.rel == "self"]


def test_feed_check_catches_a_broken_feed(site_to_break: Path) -> None:
    feed = site_to_break / "atom.xml"
    text = feed.read_text(encoding="utf-8")
    feed.write_text(text.replace("play/weatherdash.html", "play/gone.html"), "utf-8")
    (site_to_break / "school" / "index.html").write_text("<html><head></head></html>")
    problems = feed_problems(site_to_break, "file:///site/", list(reversed(write_ups())))
    assert problems == [
        f"entries {write_ups()}, expected {list(reversed(write_ups()))}",
        "Weatherdash: link 'play/gone.html' names no page",
        "school/index.html: head does not link the feed once",
    ]
    feed.write_text(text.replace("</feed>", ""), "utf-8")
    assert feed_problems(site_to_break, "file:///site/", write_ups())[0].startswith(
        "atom.xml is not a valid feed: "
    )


def test_hosted_feed_has_absolute_versioned_addresses_and_no_drafts(tmp_path: Path) -> None:
    """On Read the Docs (here a versioned path, /en/stable/) every address is absolute,
    and a draft stays out of the feed as it stays out of the site."""
    source = copy_site(tmp_path / "src")
    (source / "play" / "planted-draft.md").write_text(DRAFT, encoding="utf-8")
    env = {"READTHEDOCS_CANONICAL_URL": CANONICAL}
    build = sphinx_build(source, tmp_path / "html", env=env)
    assert build.returncode == 0, build.output
    assert feed_problems(build.outdir, CANONICAL, write_ups()) == []
    feed = feedparser.parse((build.outdir / "atom.xml").read_bytes())
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [CANONICAL + "atom.xml"]
    assert feed.entries[0].link == CANONICAL + "play/passphraser.html"
    assert "Planted Draft" not in (build.outdir / "atom.xml").read_text(encoding="utf-8")
    # The preview builds drafts, marked as such; its feed still leaves them out.
    preview = sphinx_build(
        source, tmp_path / "preview", "-D", "portfolio_preview=1", env=env, strict=False
    )
    assert (preview.outdir / "play" / "planted-draft.html").is_file(), preview.output
    assert "Planted Draft" not in (preview.outdir / "atom.xml").read_text(encoding="utf-8")
