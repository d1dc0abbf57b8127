"""`make writeup`: one command adds a page that the site then lists, links and navigates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_make, sphinx_build
from portfolio import drafts
from portfolio.frontmatter import read_page
from portfolio.writeup import MAX_SLUG, WriteupError, create, slugify

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@given(st.text())
def test_any_title_gives_a_safe_file_name(title: str) -> None:
    slug = slugify(title)
    assert SLUG.match(slug)
    assert len(slug) <= MAX_SLUG
    assert slug != "index"


@given(st.text(min_size=1, max_size=300))
@settings(max_examples=60, deadline=None)
def test_any_title_is_written_safely_or_refused(title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "play").mkdir()
        (root / "skills").mkdir()
        shutil.copy(ROOT / "skills" / "index.md", root / "skills" / "index.md")
        try:
            path = create(root, title)
        except WriteupError as error:
            assert str(error)  # a refusal says why
            assert list((root / "play").iterdir()) == []
            return
        assert path.parent == (root / "play").resolve()
        page, problems = read_page(path, f"play/{path.stem}")
        assert problems == []
        assert page is not None and page.title == title.strip()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Passphraser", "passphraser"),
        ("Crème brûlée: a recipe/site", "creme-brulee-a-recipe-site"),
        ("../../etc/passwd", "etc-passwd"),
        ("word " * 40, "-".join(["word"] * 12)),
        ("日本語のタイトル", "ri-ben-yu-notaitoru"),
    ],
)
def test_slugs(title: str, expected: str) -> None:
    assert slugify(title) == expected


def test_titles_without_words_get_distinct_stable_names() -> None:
    names = {slugify(title) for title in ("index", "🚀", "🚀🚀", "???")}
    assert len(names) == 4
    assert all(re.fullmatch(r"writeup-[0-9a-f]{8}", name) for name in names)
    assert slugify("🚀") == slugify("🚀")


#: What an author writes in place of each of the template's placeholders.
FILLED_IN = {
    drafts.PROJECT_SUMMARY: "A cluster of Raspberry Pis at home.",
    drafts.PROJECT_PROSE: "It runs my home services.",
    drafts.PROJECT_SOURCE: "https://github.com/mjkelly/homelab",
    drafts.EMPLOYER_SUMMARY: "One engineering role.",
    drafts.EMPLOYER_WEBSITE: "https://corp.example.net/",
    f"title: {drafts.ROLE_TITLE}": "title: Engineer",
    drafts.ROLE_PROSE: "Kept the servers running.",
}


def publish(page: Path) -> None:
    """What an author does before publishing: replace every placeholder, drop the draft line."""
    text = page.read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text
    text = text.replace("\ndraft: true\n", "\n")
    for placeholder, own in FILLED_IN.items():
        text = text.replace(placeholder, own)
    page.write_text(text, encoding="utf-8")


def test_a_new_writeup_is_listed_navigated_and_back_linked(
    site_with_make: Path, tmp_path: Path
) -> None:
    # A symbol the link-preview card's fonts draw: an emoji they cannot draw fails the
    # strict build, naming it (tests/test_cards.py).
    result = run_make(
        site_with_make, "writeup", "TITLE=Home lab: “$HOME” on a Pi ☀", "SKILLS=go ansible"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote play/home-lab-home-on-a-pi.md\nNext:")
    page = site_with_make / "play" / "home-lab-home-on-a-pi.md"
    assert "title: 'Home lab: “$HOME” on a Pi ☀'" in page.read_text(encoding="utf-8")
    publish(page)

    build = sphinx_build(site_with_make, tmp_path / "out")
    assert build.returncode == 0, build.output

    def soup(name: str) -> BeautifulSoup:
        return BeautifulSoup((tmp_path / "out" / name).read_text(encoding="utf-8"), "html.parser")

    listing = soup("play/index.html").find("article")
    assert listing.find("a", href="home-lab-home-on-a-pi.html"), "not in the Play listing"
    navigation = soup("play/passphraser.html").find(class_="sidebar-tree")
    assert navigation.find("a", href="home-lab-home-on-a-pi.html"), "not in the navigation"
    skills = soup("skills/index.html")
    for skill in ("skill-go", "skill-ansible"):
        card = skills.find(id=skill)
        assert card.find("a", href="../play/home-lab-home-on-a-pi.html"), f"no back-link on {skill}"
    new_page = soup("play/home-lab-home-on-a-pi.html")
    assert new_page.find("h1").get_text().startswith("Home lab: “$HOME” on a Pi ☀")
    assert new_page.find("a", href="../skills/index.html#skill-go"), "no link back to the skill"


def test_running_twice_refuses_and_loses_nothing(site_with_make: Path) -> None:
    assert run_make(site_with_make, "writeup", "TITLE=Garden sensors").returncode == 0
    page = site_with_make / "play" / "garden-sensors.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nMy notes, not to be lost.\n", encoding="utf-8"
    )
    before = page.read_bytes()

    again = run_make(site_with_make, "writeup", "TITLE=Garden sensors")

    assert again.returncode != 0
    assert "play/garden-sensors.md already exists; nothing was changed" in again.stderr
    assert page.read_bytes() == before


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (("TITLE=",), 'give the page a title: make writeup TITLE="My project"'),
        (("TITLE=X", "SECTION=../etc"), "SECTION='../etc' is not a section for write-ups"),
        (("TITLE=X", "SECTION=skills"), "SECTION='skills' is not a section for write-ups"),
        (("TITLE=X", "SKILLS=go cobol"), "unknown skill id(s): cobol; known ids: python, go,"),
    ],
)
def test_refusals_are_explained(
    site_with_make: Path, variables: tuple[str, ...], message: str
) -> None:
    result = run_make(site_with_make, "writeup", *variables)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_employer_page_builds(site_with_make: Path, tmp_path: Path) -> None:
    assert (
        run_make(
            site_with_make, "writeup", "TITLE=Example Corp", "SECTION=work", "SKILLS=python"
        ).returncode
        == 0
    )
    publish(site_with_make / "work" / "example-corp.md")
    build = sphinx_build(site_with_make, tmp_path / "out")
    assert build.returncode == 0, build.output
    work = (tmp_path / "out" / "work" / "index.html").read_text(encoding="utf-8")
    assert 'href="example-corp.html#example-corp-role"' in work


def test_make_writeup_installs_only_the_site_dependencies(tmp_path: Path) -> None:
    """On a fresh machine, `make writeup` sets up the site's environment, not the test tools."""
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "-C", str(ROOT), "writeup", "TITLE=X"]
        + [f"VENV={tmp_path / 'fresh'}"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MAKEFLAGS": ""},
    ).stdout
    assert "--require-hashes -r requirements.txt" in plan
    assert "requirements-dev.txt" not in plan
    assert "python -m portfolio.writeup" in plan
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^python-slugify==[\d.]+ \\$", pins, re.MULTILINE)
