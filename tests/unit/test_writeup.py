"""``make writeup``: the file name a title gets, the titles and requests it refuses, the
page it writes from its template, and what it tells the author. Real files in a
temporary folder; no build and no ``make``."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from portfolio import writeup
from portfolio.writeup import WriteupError, check_title, create, render, skill_ids, slugify

from .helpers import write

SKILLS = """\
---
kind: skills
title: Skills
skills:
  - {id: python, name: Python, group: languages}
  - {id: go, name: Go, group: languages}
  - {id: ansible, name: Ansible, group: infrastructure}
---
"""
KNOWN = ["python", "go", "ansible"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A site with the two sections and a skills catalogue, as ``make writeup`` finds it."""
    write(tmp_path, "skills/index.md", SKILLS)
    (tmp_path / "play").mkdir()
    (tmp_path / "work").mkdir()
    return tmp_path


def pages(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.glob("*/*.md"))


# -- slugify -----------------------------------------------------------------------


def test_a_long_title_is_cut_at_the_last_whole_word_that_fits() -> None:
    # Neither mid-word, nor with a later short word that happens to fit.
    assert slugify("a" * 50 + " bbbbbbbbbbbbbb cc") == "a" * 50


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("🚀", "writeup-ebbc0b28"),
        # Named like a section's index, in any case: the page would hide the listing.
        ("index", "writeup-1bc04b52"),
        ("Index", "writeup-39c3be11"),
    ],
)
def test_a_title_without_a_usable_slug_is_named_by_its_hash(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_a_title_that_merely_contains_index_keeps_its_words() -> None:
    assert slugify("Index cards") == "index-cards"


# -- check_title -------------------------------------------------------------------


def test_a_title_is_stripped_of_surrounding_space_and_line_ends() -> None:
    assert check_title("  \tTide clock\n") == "Tide clock"


@pytest.mark.parametrize("title", ["", " \n\t "])
def test_a_blank_title_is_refused_with_how_to_give_one(title: str) -> None:
    with pytest.raises(WriteupError) as refusal:
        check_title(title)
    assert str(refusal.value) == 'give the page a title: make writeup TITLE="My project"'


@pytest.mark.parametrize("title", ["Tide\nclock", "Tide\tclock", "Tide\u200bclock", "\x1b[1mTide"])
def test_a_title_with_control_or_format_characters_is_refused(title: str) -> None:
    with pytest.raises(WriteupError) as refusal:
        check_title(title)
    assert str(refusal.value) == "the title must be one line of printable text"


# -- skill_ids ---------------------------------------------------------------------


def test_the_known_skills_are_the_catalogue_s_ids_in_its_order(root: Path) -> None:
    assert skill_ids(root) == KNOWN


@pytest.mark.parametrize(
    "catalogue",
    [
        "No front matter, so no catalogue.\n",
        SKILLS.replace("name: Go, ", ""),
        SKILLS.replace("title: Skills", "title: [Skills"),
    ],
)
def test_a_catalogue_that_cannot_be_read_is_refused(root: Path, catalogue: str) -> None:
    write(root, "skills/index.md", catalogue)
    with pytest.raises(WriteupError) as refusal:
        skill_ids(root)
    assert str(refusal.value) == (
        "skills/index.md has front matter errors; run `make html` to see them"
    )


# -- render ------------------------------------------------------------------------

#: Ids whose list wraps at exactly 76 characters, to show where the lines break.
MANY = [
    *("python3", "ruby", "rust", "typescript", "kubernetes", "terraform", "ansible"),
    *("postgresql", "linux", "docker", "nginx", "prometheus", "loki", "capacity-planning"),
    *("on-calls", "ci-cd", "c"),
]

PROJECT = """\
---
# Facts about this write-up, written once: the Play listing, the navigation and
# the skills page are built from them, and `make html` checks every field.
kind: project
title: Crème brûlée timer, a kitchen clock that tells you when the sugar on top is ready to crack with a spoon
# A draft: `make serve` shows it, marked "Draft"; `make html`, Read the Docs,
# the EPUB and the PDF leave it out. Delete the next line to publish the page.
draft: true
# One sentence: the listing's card and the page description show it.
summary: What it is, in one sentence.
# A year (2024) or a year and month (2024-03); end may also be "present".
start: 2026
end: present
# Skill ids from skills/index.md:
#   python3, ruby, rust, typescript, kubernetes, terraform, ansible, postgresql,
#   linux, docker, nginx, prometheus, loki, capacity-planning, on-calls, ci-cd,
#   c
skills: [rust, c]
# At least one https:// link, the source first.
links:
  - title: Source
    url: https://github.com/mjkelly/
---

```{facts}
```

What it is, why it exists and what it does. State only what is true.
"""


def test_a_project_page_is_the_template_with_its_facts_filled_in() -> None:
    # A title longer than YAML's usual line, and not ASCII, stays one readable line.
    title = (
        "Crème brûlée timer, a kitchen clock that tells you when the sugar on top is ready "
        "to crack with a spoon"
    )
    assert render(title, "play", ["rust", "c"], MANY, 2026) == PROJECT


EMPLOYER = """\
---
# Facts about this employer, written once: the Work listing, the timeline and
# the skills page are built from them, and `make html` checks every field.
kind: employer
title: 'Acme: “Widgets” & Co.'
# A draft: `make serve` shows it, marked "Draft"; `make html`, Read the Docs,
# the EPUB and the PDF leave it out. Delete the next line to publish the page.
draft: true
summary: The roles held here, in one sentence.
links:
  - title: Website
    url: https://example.org/
roles:
  # id: the role's anchor, unique across the site. Dates: a year (2024) or a
  # year and month (2024-03); end may also be "present".
  - id: acme-widgets-co-role
    title: Job title
    start: 2025
    end: present
    # Skill ids from skills/index.md:
    #   python, go, ansible
    skills: []
---

```{facts}
```

```{position} acme-widgets-co-role
What I did in this role.
```
"""


def test_an_employer_page_is_the_template_with_one_role_named_for_the_title() -> None:
    # A title YAML must quote is written quoted, and read back as written.
    assert render("Acme: “Widgets” & Co.", "work", [], KNOWN, 2025) == EMPLOYER


# -- create ------------------------------------------------------------------------


def test_create_writes_a_draft_project_page_by_default(root: Path) -> None:
    path = create(root, "  Tide clock ")
    assert path == (root / "play").resolve() / "tide-clock.md"
    year = datetime.date.today().year
    assert path.read_text(encoding="utf-8") == render("Tide clock", "play", [], KNOWN, year)


def test_create_takes_skills_apart_at_commas_and_spaces(root: Path) -> None:
    path = create(root, "Acme", "work", "ansible,python go")
    assert path == (root / "work").resolve() / "acme.md"
    year = datetime.date.today().year
    expected = render("Acme", "work", ["ansible", "python", "go"], KNOWN, year)
    assert path.read_text(encoding="utf-8") == expected


def test_an_existing_page_is_never_overwritten(root: Path) -> None:
    page = write(root, "play/tide-clock.md", "My notes, not to be lost.\n")
    with pytest.raises(WriteupError) as refusal:
        create(root, "Tide clock")
    assert str(refusal.value) == (
        "play/tide-clock.md already exists; nothing was changed. "
        "Edit that page, or choose another title."
    )
    assert page.read_text(encoding="utf-8") == "My notes, not to be lost.\n"


@pytest.mark.parametrize(
    ("title", "section", "skills", "message"),
    [
        ("", "play", "", 'give the page a title: make writeup TITLE="My project"'),
        (
            "Tide clock",
            "skills",
            "",
            "SECTION='skills' is not a section for write-ups; use one of: play, work",
        ),
        (
            "Tide clock",
            "play",
            "cobol go rust",
            "unknown skill id(s): cobol, rust; known ids: python, go, ansible",
        ),
    ],
)
def test_a_refused_request_writes_nothing(
    root: Path, title: str, section: str, skills: str, message: str
) -> None:
    with pytest.raises(WriteupError) as refusal:
        create(root, title, section, skills)
    assert str(refusal.value) == message
    assert pages(root) == ["skills/index.md"]


# -- main --------------------------------------------------------------------------


@pytest.fixture
def site(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site as the current folder, with none of make's variables set."""
    monkeypatch.chdir(root)
    for name in ("WRITEUP_TITLE", "WRITEUP_SECTION", "WRITEUP_SKILLS"):
        monkeypatch.delenv(name, raising=False)
    return root


def next_steps(name: str, section: str) -> str:
    return (
        f"Wrote {name}\n"
        "Next:\n"
        "  1. Fill in its front matter: summary, dates, skills and links.\n"
        "  2. Write the page below the front matter.\n"
        "  3. Run `make serve` to watch it live, marked as a draft.\n"
        "  4. Delete its 'draft: true' line to publish it: `make html`, the\n"
        f"     {section} listing, the navigation and the skills page pick it up.\n"
    )


@pytest.mark.parametrize("section", [None, ""])
def test_main_writes_a_project_when_only_a_title_is_given(
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    section: str | None,
) -> None:
    monkeypatch.setenv("WRITEUP_TITLE", "Tide clock")
    if section is not None:  # make passes SECTION= as an empty variable
        monkeypatch.setenv("WRITEUP_SECTION", section)
    assert writeup.main() == 0
    assert capsys.readouterr() == (next_steps("play/tide-clock.md", "play"), "")
    year = datetime.date.today().year
    expected = render("Tide clock", "play", [], KNOWN, year)
    assert (site / "play" / "tide-clock.md").read_text(encoding="utf-8") == expected


def test_main_passes_the_section_and_skills_on(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WRITEUP_TITLE", "Acme")
    monkeypatch.setenv("WRITEUP_SECTION", "work")
    monkeypatch.setenv("WRITEUP_SKILLS", "go")
    assert writeup.main() == 0
    assert capsys.readouterr() == (next_steps("work/acme.md", "work"), "")
    year = datetime.date.today().year
    expected = render("Acme", "work", ["go"], KNOWN, year)
    assert (site / "work" / "acme.md").read_text(encoding="utf-8") == expected


def test_main_explains_a_refusal_on_stderr_with_status_2(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert writeup.main() == 2
    message = 'make writeup: give the page a title: make writeup TITLE="My project"\n'
    assert capsys.readouterr() == ("", message)
    assert pages(site) == ["skills/index.md"]


def test_known_ids_are_listed_within_80_columns_at_their_indent_never_split() -> None:
    ids = [f"capacity-planning-{n}" for n in range(8)]
    for indent in ("", "    "):
        lines = writeup.listed(ids, indent).splitlines()
        assert all(line.startswith(f"{indent}#   ") for line in lines)
        assert max(len(line) for line in lines) <= 80
        # Each id whole on one line, however the hyphens fall.
        words = ", ".join(line.removeprefix(f"{indent}#   ") for line in lines).split(", ")
        assert [word.strip(",") for word in words] == ids
    assert writeup.listed(["go", "python"], "    ") == "    #   go, python"
    assert writeup.listed([]) == ""
