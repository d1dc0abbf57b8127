"""A title is text: what an author types shows as typed, wherever the site shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_site, sphinx_build
from test_frontmatter import plant

#: Markup characters, an entity-like ampersand and straight quotes, as the issue typed them.
PROJECT = 'Home lab: "Pi" cluster & <friends> &amp; co'
#: An employer with a current role, so that its name reaches the JSON-LD.
EMPLOYER = "Meta & <Facebook> 'Platforms'"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = copy_site(tmp_path_factory.mktemp("titles") / "src")
    quoted = PROJECT.replace('"', '\\"')
    plant(source, "play/weatherdash.md", "title: Weatherdash", f'title: "{quoted}"')
    plant(source, "work/meta.md", "title: Meta\n", f'title: "{EMPLOYER}"\n')
    out = source.parent / "out"
    build = sphinx_build(source, out, "-d", str(source.parent / "doctrees"))
    assert build.returncode == 0, build.output
    return out


def soup(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def text(node: object) -> str:
    return node.get_text().removesuffix("¶").strip()  # type: ignore[attr-defined]


def test_the_heading_and_head_show_the_title_as_typed(built: Path) -> None:
    page = soup(built, "play/weatherdash.html")
    assert text(page.find("h1")) == PROJECT
    assert page.title.get_text() == f"{PROJECT} - Michael J Kelly"
    assert page.find("meta", property="og:title")["content"] == PROJECT
    assert page.find("friends") is None, "the title became markup"


def test_navigation_listings_and_links_show_the_title_as_typed(built: Path) -> None:
    play = soup(built, "play/index.html")
    nav = play.find(class_="sidebar-tree").find("a", href="weatherdash.html")
    assert text(nav) == PROJECT
    card = next(
        card
        for card in play.find_all(class_="portfolio-card")
        if card.find("a", href="weatherdash.html")
    )
    assert text(card.find(class_="sd-card-title")) == PROJECT
    skills = soup(built, "skills/index.html")
    assert {text(a) for a in skills.find_all("a", href="../play/weatherdash.html")} == {PROJECT}
    work = soup(built, "work/index.html")
    role_cards = [c.get_text(" ", strip=True) for c in work.find_all(class_="portfolio-card")]
    assert any(f"{EMPLOYER} · " in card for card in role_cards), role_cards
    for page in (play, skills, work):
        assert page.find("friends") is None and page.find("facebook") is None


def test_structured_data_holds_the_title_as_typed(built: Path) -> None:
    landing = soup(built, "index.html")
    person = json.loads(landing.find("script", type="application/ld+json").string)
    assert {"@type": "Organization", "name": EMPLOYER, "url": "https://about.meta.com/"} in person[
        "worksFor"
    ]
    resume = json.loads((built / "resume.json").read_text(encoding="utf-8"))
    assert PROJECT in [project["name"] for project in resume["projects"]]
    assert EMPLOYER in [work["name"] for work in resume["work"]]
