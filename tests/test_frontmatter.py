"""Bad front matter is an error that names the file, the line, the field and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import front_matter_problems, sphinx_build
from portfolio import model
from portfolio.frontmatter import read_page

PROJECT = """\
---
kind: project
title: Sample
summary: A sample write-up.
start: 2020
end: 2021
skills: [go]
links:
  - title: Source
    url: https://github.com/mjkelly/sample
---
Text.
"""


def test_a_good_page_has_no_problems(tmp_path: Path) -> None:
    assert front_matter_problems(tmp_path, PROJECT) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "end: 2021",
            "end: 2019",
            "6: front matter field 'end': 2019 is before start 2020; end must be on or after start",
        ),
        (
            "start: 2020",
            "start: 2020-13",
            "5: front matter field 'start': month 13 does not exist; use 01 to 12",
        ),
        (
            "start: 2020",
            "start: spring 2020",
            "5: front matter field 'start': 'spring 2020' is not a date; "
            "give a year (2019) or a year and month (2019-04)",
        ),
        (
            "end: 2021",
            "end: 2021-03-04",
            "6: front matter field 'end': 2021-03-04 has a day; "
            "give a year (2019) or a year and month (2019-04), or 'present'",
        ),
        (
            "summary: A sample write-up.\n",
            "",
            "2: front matter field 'summary': is required but missing",
        ),
        (
            "kind: project",
            "kind: project\nwebsite: https://example.org/",
            "3: front matter field 'website': is not a known field; allowed here: "
            "draft, end, entity, keywords, kind, links, parts, skills, start, summary, tags, title,"
            " type",
        ),
        (
            "kind: project",
            "kind: blog",
            f"2: front matter field 'kind': 'blog' is not a kind; allowed: {', '.join(model.KINDS)}",
        ),
        (
            "url: https://github.com/mjkelly/sample",
            "url: http://github.com/mjkelly/sample",
            "10: front matter field 'links[0].url': 'http://github.com/mjkelly/sample' "
            "must start with https://",
        ),
        (
            "skills: [go]",
            "skills: [Go Lang]",
            "7: front matter field 'skills': 'Go Lang' is not a skill id; use the ids of the skills page",
        ),
        (
            "title: Sample",
            "title: [Sample",
            "4: front matter is not valid YAML: expected ',' or ']', but got ':'",
        ),
    ],
)
def test_each_mistake_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in PROJECT
    assert front_matter_problems(tmp_path, PROJECT.replace(old, new)) == [expected]


def test_every_mistake_in_a_page_is_reported_at_once(tmp_path: Path) -> None:
    text = PROJECT.replace("start: 2020", "strat: 2020").replace("url: https", "url: http")
    assert front_matter_problems(tmp_path, text) == [
        "2: front matter field 'start': is required but missing",
        "5: front matter field 'strat': is not a known field; allowed here: "
        "draft, end, entity, keywords, kind, links, parts, skills, start, summary, tags, title,"
        " type",
        "10: front matter field 'links[0].url': 'http://github.com/mjkelly/sample' "
        "must start with https://",
    ]


def plant(site: Path, page: str, old: str, new: str) -> None:
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_build_reports_every_error_across_pages(site_copy: Path, tmp_path: Path) -> None:
    plant(site_copy, "play/weatherdash.md", "skills: [python, go]", "skills: [python, golang]")
    plant(site_copy, "play/nato-alpha.md", "end: 2022", "end: 2012")
    plant(site_copy, "work/google.md", "    start: 2008\n", "    start: 2008-13\n")
    plant(site_copy, "play/campusmap.md", "title: CampusMap", "title: Passphraser")
    plant(site_copy, "play/experiments.md", "summary: A monorepo", "sumary: A monorepo")
    (site_copy / "play" / "untyped.md").write_text("---\ntitle: Untyped\n---\nText.\n")

    build = sphinx_build(site_copy, tmp_path / "out")

    assert build.returncode != 0
    assert "Traceback" not in build.output
    expected = [
        r"play/weatherdash\.md:7: ERROR: front matter field 'skills': unknown skill id 'golang'; "
        r"use an id from the skills page \(.*\) or add it there",
        r"play/nato-alpha\.md:6: ERROR: front matter field 'end': 2012 is before start 2013",
        r"work/google\.md:16: ERROR: front matter field 'roles\[1\]\.start': month 13 does not exist",
        r"play/passphraser\.md:3: ERROR: front matter field 'title': 'Passphraser' is already the "
        r"title of play/campusmap; give each page its own title"
        r"|play/campusmap\.md:3: ERROR: front matter field 'title': 'Passphraser' is already the "
        r"title of play/passphraser",
        r"play/experiments\.md:4: ERROR: front matter field 'sumary': is not a known field",
        r"play/untyped\.md:1: ERROR: front matter field 'kind': is required but missing; "
        r"pages in play/ start with front matter giving 'kind: project'",
    ]
    for pattern in expected:
        assert re.search(pattern, build.output), f"not reported: {pattern}\n{build.output}"
    # A page with broken front matter stays in the navigation: no cascade of toctree warnings.
    assert "isn't included in any toctree" not in build.output


EMPLOYER = """\
---
kind: employer
title: Sample University
links:
  - title: Home
    url: https://example.edu/
roles:
  - id: sample-programmer
    title: Programmer
    start: 2006
    end: 2009
    skills: [php]
publications:
  - id: sample-paper
    title: A Sample Paper
    authors: [Ada Lovelace, Michael Kelly]
    venue: SAMPLE ’07
    place: Covington, Kentucky
    date: 2007-03
    url: https://example.edu/paper.pdf
    role: sample-programmer
    summary: Describes a sample.
---
"""


def test_a_good_publication_has_no_problems(tmp_path: Path) -> None:
    assert front_matter_problems(tmp_path, EMPLOYER, "work/sample") == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    role: sample-programmer",
            "    role: sample-tutor",
            "21: front matter field 'publications[0].role': 'sample-tutor' is not a role on this "
            "page; ids here: sample-programmer",
        ),
        (
            "    date: 2007-03",
            "    date: March 2007",
            "19: front matter field 'publications[0].date': 'March 2007' is not a date; "
            "give a year (2019) or a year and month (2019-04)",
        ),
        (
            "    authors: [Ada Lovelace, Michael Kelly]",
            "    authors: []",
            "16: front matter field 'publications[0].authors': must list each author's name, "
            "as the paper credits them",
        ),
        (
            "    url: https://example.edu/paper.pdf",
            "    url: http://example.edu/paper.pdf",
            "20: front matter field 'publications[0].url': 'http://example.edu/paper.pdf' "
            "must start with https://",
        ),
        (
            "    venue: SAMPLE ’07\n",
            "    journal: SAMPLE ’07\n",
            "14: front matter field 'publications[0].venue': is required but missing\n"
            "17: front matter field 'publications[0].journal': is not a known field; allowed here: "
            "authors, date, id, place, role, summary, title, url, venue",
        ),
    ],
)
def test_each_publication_mistake_is_named(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in EMPLOYER
    problems = front_matter_problems(tmp_path, EMPLOYER.replace(old, new), "work/sample")
    assert problems == expected.split("\n")


def test_a_paper_he_did_not_write_and_an_unknown_citation_fail_the_build(
    site_copy: Path, tmp_path: Path
) -> None:
    plant(site_copy, "work/ucsd.md", "      - Michael Kelly\n", "")
    plant(site_copy, "school/index.md", "(ksdt)=", "```{publication} sigcse-2008\n```\n\n(ksdt)=")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert re.search(
        r"work/ucsd\.md:2\d: ERROR: front matter field 'publications': 'sigcse-2007' does not "
        r"list Michael J Kelly among its authors \(matched by first and last name\)",
        build.output,
    ), build.output
    assert re.search(
        r"school/index\.md:\d+: ERROR: \{publication\} 'sigcse-2008' is not in any page's "
        r"'publications'; ids there: sigcse-2007",
        build.output,
    ), build.output


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "end: 2021\n",
            "end: 2021\nsummary: Another sentence.\n",
            "7: front matter is not valid YAML: key 'summary' is written twice, "
            "on lines 4 and 7; keep one, or the other's value is lost",
        ),
        (
            "    url: https://github.com/mjkelly/sample\n",
            "    url: https://github.com/mjkelly/sample\n    title: Code\n",
            "11: front matter is not valid YAML: key 'title' is written twice, "
            "on lines 9 and 11; keep one, or the other's value is lost",
        ),
        ("title: Sample", "title: ~", "3: front matter field 'title': must be non-empty text"),
        ("title: Sample", 'title: ""', "3: front matter field 'title': must be non-empty text"),
        ("title: Sample", "title:", "3: front matter field 'title': must be non-empty text"),
        (
            "kind: project",
            "kind: project\ndraft: yes please",
            "3: front matter field 'draft': 'yes please' is not true or false; write "
            "'draft: true' to keep the page out of the site, or delete the line to publish it",
        ),
    ],
)
def test_what_yaml_would_lose_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in PROJECT
    assert front_matter_problems(tmp_path, PROJECT.replace(old, new)) == [expected]


def test_a_blank_title_is_named_on_a_page_without_facts(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    for title in ("~", '""', "' '"):
        path.write_text(f"---\ntitle: {title}\n---\nText.\n", encoding="utf-8")
        page, problems = read_page(path, "play/index")
        assert page is None
        assert [(p.line, p.message) for p in problems] == [
            (2, "front matter field 'title': must be non-empty text")
        ]


def test_one_build_reports_lost_keys_and_blank_titles(site_copy: Path, tmp_path: Path) -> None:
    plant(site_copy, "play/nato-alpha.md", "end: 2022\n", "end: 2022\nsummary: Twice.\n")
    plant(site_copy, "work/google.md", "    start: 2008\n", "    start: 2008\n    start: 2009\n")
    plant(site_copy, "play/index.md", "title: Play", "title: ~")
    plant(site_copy, "play/campusmap.md", "title: CampusMap", 'title: ""')

    build = sphinx_build(site_copy, tmp_path / "out")

    assert build.returncode != 0
    assert "Traceback" not in build.output
    expected = [
        r"play/nato-alpha\.md:7: ERROR: front matter is not valid YAML: key 'summary' is "
        r"written twice, on lines 4 and 7; keep one",
        r"work/google\.md:17: ERROR: front matter is not valid YAML: key 'start' is written "
        r"twice, on lines 16 and 17; keep one",
        r"play/index\.md:2: ERROR: front matter field 'title': must be non-empty text",
        r"play/campusmap\.md:3: ERROR: front matter field 'title': must be non-empty text",
    ]
    for pattern in expected:
        assert re.search(pattern, build.output), f"not reported: {pattern}\n{build.output}"


def test_a_broken_skill_entry_is_named_not_a_traceback(site_copy: Path, tmp_path: Path) -> None:
    """Found by fuzzing: with the skills page's front matter broken, the résumé page's
    roles named skills the catalogue no longer had, and the build died in a KeyError."""
    page = site_copy / "skills" / "index.md"
    entry = '{id: ci-cd, name: CI/CD, group: practices, note: "Pipelines for AI training tools."}'
    text = page.read_text(encoding="utf-8")
    assert entry in text
    page.write_text(text.replace(entry, "{id: ci-cd, name: CI/CD, group: practices, note: }"))
    line = text[: text.index(entry)].count("\n") + 1
    build = sphinx_build(site_copy, tmp_path / "html")
    assert build.returncode != 0
    assert "Traceback" not in build.output and "KeyError" not in build.output, build.output
    assert (
        f"{page}:{line}: ERROR: front matter field 'skills[26].note': must be non-empty text"
        in build.output
    )
