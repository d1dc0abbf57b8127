"""Front matter, read from small YAML strings: every rule, its exact message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import front_matter_problems
from portfolio import model
from portfolio.frontmatter import Page, Problem, read_page, split_front_matter
from portfolio.model import Date, Degree, Link, Person, Publication, Role, Skill, Span

EMPLOYER = """\
---
kind: employer
title: Example Systems
summary: A planted page.
skills: [go]
links:
  - title: example.org
    url: https://example.org/
roles:
  - id: lead
    title: Lead Engineer
    start: 2019-05
    end: present
    skills: [go, python]
  - id: junior
    title: Junior Engineer
    start: 2017
    end: 2019-04
    skills: [python]
---
Text.
"""

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
"""

PERSON = """\
---
kind: person
title: Jo Bloggs
headline: Engineer
location: Springfield
summary: Builds things.
email: jo@example.org
website: https://example.org/
github: https://github.com/jo/
blog: https://blog.example.org/
---
"""

SCHOOL = """\
---
kind: school
title: School
education:
  - institution: Example University
    url: https://example.edu/
    degree: BSc
    area: Physics
    start: 2001
    end: 2005-06
  - institution: Example College
    url: https://example.ac/
    degree: MSc
    area: Maths
    end: 2007
---
"""

SKILLS = """\
---
kind: skills
title: Skills
skills:
  - id: go
    name: Go
    group: languages
    note: "  Since 2015.  "
  - id: sql
    name: SQL
    group: data-stores
---
"""

#: Every kind, as a mistake lists them: the model's, sections of entries last.
KINDS = ", ".join(model.KINDS)


def parse(folder: Path, text: str, docname: str = "work/example") -> Page:
    path = folder / "page.md"
    path.write_text(text, encoding="utf-8")
    page, problems = read_page(path, docname)
    assert problems == [] and page is not None
    return page


def in_order(problems: list[str]) -> list[str]:
    """``line: message`` problems in the order of the file, as the reader gives them."""
    return sorted(problems, key=lambda problem: int(problem.partition(":")[0]))


def problems_of(folder: Path, text: str, old: str, new: str) -> list[str]:
    assert old in text, old
    return front_matter_problems(folder, text.replace(old, new, 1))


# -- What a good page gives ---------------------------------------------------------


def test_an_employer_page(tmp_path: Path) -> None:
    page = parse(tmp_path, EMPLOYER)
    lead = Role(
        id="lead", title="Lead Engineer", start="2019-05", end="present", skills=("go", "python")
    )
    junior = Role(
        id="junior", title="Junior Engineer", start=2017, end="2019-04", skills=("python",)
    )
    assert page == Page(
        "work/example",
        model.Employer(
            title="Example Systems",
            summary="A planted page.",
            links=(Link(title="example.org", url="https://example.org/"),),
            skills=("go",),
            roles=(lead, junior),
        ),
    )
    assert (lead.span, junior.span) == (Span(Date(2019, 5), None), Span(Date(2017), Date(2019, 4)))
    assert page.span == Span(Date(2017), None)
    # Where each field and entry was written.
    assert {key: line for key, line in page.lines.items() if key.isalpha()} == {
        "kind": 2,
        "title": 3,
        "summary": 4,
        "skills": 5,
        "links": 6,
        "roles": 9,
    }
    assert [page.line("roles", 0), page.line("roles", 1), page.line("roles", 1, "end")] == [
        10,
        15,
        18,
    ]
    assert page.line("links", 0, "url") == 8 and page.line("nowhere") is None
    assert page.section == "work"
    assert page.all_skills == ("go", "python")


def test_an_employer_whose_roles_all_ended_ends_with_the_last(tmp_path: Path) -> None:
    text = EMPLOYER.replace("end: present", "end: 2021-02")
    assert parse(tmp_path, text).span == Span(Date(2017), Date(2021, 2))


def test_a_project_page(tmp_path: Path) -> None:
    page = parse(tmp_path, PROJECT, "play/sample")
    assert page == Page(
        "play/sample",
        model.Project(
            title="Sample",
            summary="A sample write-up.",
            links=(Link(title="Source", url="https://github.com/mjkelly/sample"),),
            start=2020,
            end=2021,
            skills=("go",),
        ),
    )
    assert page.span == Span(Date(2020), Date(2021))
    assert page.section == "play"
    assert page.all_skills == ("go",)
    assert page.roles == () and page.person is None and page.kind == "project"


def test_a_person_page(tmp_path: Path) -> None:
    page = parse(tmp_path, PERSON, "index")
    person = Person(
        title="Jo Bloggs",
        summary="Builds things.",
        headline="Engineer",
        location="Springfield",
        email="jo@example.org",
        website="https://example.org/",
        github="https://github.com/jo/",
        blog="https://blog.example.org/",
    )
    assert page == Page("index", person)
    assert page.person is page.facts and page.person.name == "Jo Bloggs"
    assert page.person.github_user == "jo"
    assert [account.url for account in page.person.accounts] == [
        "https://github.com/jo/",
        "https://blog.example.org/",
    ]
    assert page.section == "index"


def test_a_school_page(tmp_path: Path) -> None:
    page = parse(tmp_path, SCHOOL, "school/index")
    assert page.education == (
        Degree(
            institution="Example University", url="https://example.edu/", degree="BSc",
            area="Physics", start=2001, end="2005-06",
        ),
        Degree(
            institution="Example College", url="https://example.ac/", degree="MSc",
            area="Maths", end=2007,
        ),
    )  # fmt: skip
    assert [(d.began, d.earned) for d in page.education] == [
        (Date(2001), Date(2005, 6)),
        (None, Date(2007)),
    ]
    assert page.summary == ""


def test_a_skills_page(tmp_path: Path) -> None:
    page = parse(tmp_path, SKILLS, "skills/index")
    assert page.catalogue == (
        Skill(id="go", name="Go", group="languages", note="Since 2015."),
        Skill(id="sql", name="SQL", group="data-stores"),
    )
    assert page.catalogue[1].label == "skill-sql"
    assert page.skills == ()


def test_sphinx_and_myst_keys_pass_through(tmp_path: Path) -> None:
    text = PROJECT.replace("kind: project", "kind: project\norphan: true\nhide-toc: true")
    assert parse(tmp_path, text).title == "Sample"


def test_text_is_stripped(tmp_path: Path) -> None:
    page = parse(tmp_path, PROJECT.replace("title: Sample", "title: '  Sample  '"))
    assert page.title == "Sample"


# -- Pages that are not facts ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# Prose\n",
        "---\ntitle: Prose\n---\n",  # no kind: ordinary prose
        "--- \n- a list\n---\n",  # YAML, but not a mapping
        "---\nkind: project\n",  # never closed
        "---\n",
    ],
)
def test_prose_is_not_read_as_facts(tmp_path: Path, text: str) -> None:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    assert read_page(path, "play/page") == (None, [])


def test_split_front_matter() -> None:
    assert (
        split_front_matter("---  \nkind: x\ntitle: y\n---   \nText\n---\n") == "kind: x\ntitle: y"
    )
    assert split_front_matter("---\n---\n") == ""
    assert split_front_matter("Text\n---\nkind: x\n---\n") is None
    assert split_front_matter("") is None
    assert split_front_matter("---\nkind: x\n") is None


# -- Each mistake, named --------------------------------------------------------------


def stray(new: str) -> list[str]:
    """The problem with the key ("x:") that soaks up what a replaced list left behind."""
    if "\nx:" not in new:
        return []
    line = {"roles": 10, "links": 7, "education": 5}[new.partition(":")[0]]
    allowed = {"education": "education, kind, summary, title"}.get(
        new.partition(":")[0],
        "description, draft, kind, links, location, publications, roles, skills, summary, title",
    )
    return [f"{line}: front matter field 'x': is not a known field; allowed here: {allowed}"]


ALLOWED = "a year (2019) or a year and month (2019-04)"
ID_RULE = "use lowercase letters, digits and single hyphens"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # blank or missing text
        ("title: Example Systems", "title: '  '", "3: front matter field 'title': must be non-empty text"),
        ("title: Example Systems", "title: 5", "3: front matter field 'title': must be non-empty text"),
        ("summary: A planted page.", "summary: ''", "4: front matter field 'summary': must be non-empty text"),
        (
            "    title: Lead Engineer",
            "    title: ''",
            "11: front matter field 'roles[0].title': must be non-empty text",
        ),
        ("  - title: example.org", "  - title: ' '", "7: front matter field 'links[0].title': must be non-empty text"),
        # ids
        ("id: lead", "id: Lead", f"10: front matter field 'roles[0].id': 'Lead' is not an id; {ID_RULE}"),
        ("id: lead", "id: lead--x", f"10: front matter field 'roles[0].id': 'lead--x' is not an id; {ID_RULE}"),
        ("id: lead", "id: -lead", f"10: front matter field 'roles[0].id': '-lead' is not an id; {ID_RULE}"),
        ("id: lead", "id: lead-", f"10: front matter field 'roles[0].id': 'lead-' is not an id; {ID_RULE}"),
        ("id: lead", "id: 7", f"10: front matter field 'roles[0].id': 7 is not an id; {ID_RULE}"),
        # lists and mappings
        ("roles:\n", "roles: lead\nx:\n", "9: front matter field 'roles': must be a list"),
        ("links:\n", "links: https://example.org/\nx:\n", "6: front matter field 'links': must be a list"),
        ("skills: [go]", "skills: go", "5: front matter field 'skills': must be a list"),
        ("skills: [go, python]", "skills: python", "14: front matter field 'roles[0].skills': must be a list"),
        # not a skill id: reported, and the page is not catalogued
        ("skills: [go]", "skills: [5]", "5: front matter field 'skills': 5 is not a skill id; use the ids of the skills page"),
        (
            "skills: [go, python]",
            "skills: [go, Py]",
            "14: front matter field 'roles[0].skills': 'Py' is not a skill id; use the ids of the skills page",
        ),
        # links
        ("url: https://example.org/", "url: http://example.org/", "8: front matter field 'links[0].url': 'http://example.org/' must start with https://"),
        ("    url: https://example.org/\n", "", "7: front matter field 'links[0].url': is required but missing"),
        ("  - title: example.org\n    url:", "  - url:", "7: front matter field 'links[0].title': is required but missing"),
        ("url: https://example.org/", 'url: ""', "8: front matter field 'links[0].url': must be non-empty text"),
        (
            "    url: https://example.org/\n",
            "    url: https://example.org/\n    rel: me\n",
            "9: front matter field 'links[0].rel': is not a known field; allowed here: title, url",
        ),
        # role fields
        (
            "    end: present\n",
            "",
            "10: front matter field 'roles[0].end': is required but missing",
        ),
        (
            "    end: present\n",
            "    end: present\n    team: infra\n",
            "14: front matter field 'roles[0].team': is not a known field; allowed here: "
            "end, id, skills, start, tags, title",
        ),
        # dates
        ("start: 2019-05", "start: present", f"12: front matter field 'roles[0].start': 'present' is not a date; give {ALLOWED}"),
        ("start: 2019-05", "start: 2019-00", "12: front matter field 'roles[0].start': month 0 does not exist; use 01 to 12"),
        ("start: 2019-05", "start: 2019-13", "12: front matter field 'roles[0].start': month 13 does not exist; use 01 to 12"),
        ("start: 2019-05", "start: true", f"12: front matter field 'roles[0].start': True is not a date; give {ALLOWED}"),
        ("start: 2019-05", "start: 19", f"12: front matter field 'roles[0].start': 19 is not a date; give {ALLOWED}"),
        ("start: 2019-05", "start: 2019-123", f"12: front matter field 'roles[0].start': '2019-123' is not a date; give {ALLOWED}"),
        ("start: 2019-05", "start: 2019-05-02", f"12: front matter field 'roles[0].start': 2019-05-02 has a day; give {ALLOWED}"),
        ("end: present", "end: now", f"13: front matter field 'roles[0].end': 'now' is not a date; give {ALLOWED}, or 'present'"),
        ("end: present", "end: 2020-05-02", f"13: front matter field 'roles[0].end': 2020-05-02 has a day; give {ALLOWED}, or 'present'"),
        # month-level date order
        ("end: 2019-04", "end: 2016-12", "18: front matter field 'roles[1].end': Dec 2016 is before start 2017; end must be on or after start"),
        (
            "start: 2019-05\n    end: present",
            "start: 2019-05\n    end: 2019-03",
            "13: front matter field 'roles[0].end': Mar 2019 is before start May 2019; end must be on or after start",
        ),
        (
            "start: 2019-05\n    end: present",
            "start: 2019-05\n    end: 2018",
            "13: front matter field 'roles[0].end': 2018 is before start May 2019; end must be on or after start",
        ),
        (
            "start: 2019-05\n    end: present",
            "start: 2020\n    end: 2019-12",
            "13: front matter field 'roles[0].end': Dec 2019 is before start 2020; end must be on or after start",
        ),
        # at least one
        ("roles:\n  - id: lead", "roles: []\nx:\n  - id: lead", "9: front matter field 'roles': must list at least one role"),
        # a page-level rule
        ("kind: employer", "kind: employer\nwebsite: x", "3: front matter field 'website': is not a known field; allowed here: description, draft, kind, links, location, publications, roles, skills, summary, title"),
        ("kind: employer", "kind: ~", f"2: front matter field 'kind': None is not a kind; allowed: {KINDS}"),
        ("kind: employer", "kind: [employer]", f"2: front matter field 'kind': ['employer'] is not a kind; allowed: {KINDS}"),
        ("title: Example Systems\n", "", "2: front matter field 'title': is required but missing"),
    ],
)  # fmt: skip
def test_each_employer_mistake_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = EMPLOYER.replace(old, new, 1)
    assert text != EMPLOYER, old
    assert front_matter_problems(tmp_path, text) == in_order(stray(new) + expected.split("\n"))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2019", "2019-03"),  # a year starts in January
        ("2019-05", "2019"),  # and ends in December
        ("2019-05", "2019-05"),
        ("2019", "2019-01"),
        ("2019-12", "2019"),
        ("2019", "2019"),
    ],
)
def test_a_span_may_end_in_its_first_month_or_year(tmp_path: Path, start: str, end: str) -> None:
    text = EMPLOYER.replace("start: 2019-05\n    end: present", f"start: {start}\n    end: {end}")
    lead = parse(tmp_path, text).roles[0]
    assert (lead.span.start.iso, lead.span.end and lead.span.end.iso) == (start, end)


def test_a_mapping_is_required_where_one_is_expected(tmp_path: Path) -> None:
    text = EMPLOYER.replace("links:\n  - title", "links:\n  - example.org\n  - title")
    assert front_matter_problems(tmp_path, text) == [
        "6: front matter field 'links[0]': must be a mapping",
    ]
    text = EMPLOYER.replace("roles:\n  - id: lead", "roles:\n  - lead\n  - id: lead")
    assert front_matter_problems(tmp_path, text) == [
        "9: front matter field 'roles[0]': must be a mapping",
    ]


def test_an_employer_needs_a_link(tmp_path: Path) -> None:
    text = EMPLOYER.replace("  - title: example.org\n    url: https://example.org/\n", "")
    assert front_matter_problems(tmp_path, text.replace("links:\n", "links: []\n")) == [
        "6: front matter field 'links': must list at least one link",
    ]
    assert front_matter_problems(tmp_path, text.replace("links:\n", "links:\n  - 5\n")) == [
        "6: front matter field 'links[0]': must be a mapping",
    ]


def test_a_link_may_be_mailto(tmp_path: Path) -> None:
    text = EMPLOYER.replace("url: https://example.org/", "url: mailto:jo@example.org")
    assert parse(tmp_path, text).links == (Link(title="example.org", url="mailto:jo@example.org"),)


def test_a_role_with_a_bad_date_is_left_out_but_its_other_fields_are_checked(
    tmp_path: Path,
) -> None:
    text = EMPLOYER.replace("start: 2019-05", "start: 2019-13").replace("id: lead", "id: Lead")
    assert front_matter_problems(tmp_path, text) == [
        f"10: front matter field 'roles[0].id': 'Lead' is not an id; {ID_RULE}",
        "12: front matter field 'roles[0].start': month 13 does not exist; use 01 to 12",
    ]


def test_a_role_missing_a_field_is_not_checked_further(tmp_path: Path) -> None:
    text = EMPLOYER.replace("    title: Lead Engineer\n", "").replace("id: lead", "id: Lead")
    assert front_matter_problems(tmp_path, text) == [
        "10: front matter field 'roles[0].title': is required but missing",
    ]


def test_missing_fields_are_reported_in_order(tmp_path: Path) -> None:
    text = "---\nkind: project\ntitle: Sample\n---\n"
    assert front_matter_problems(tmp_path, text) == [
        f"2: front matter field '{field}': is required but missing"
        for field in ("end", "skills", "start", "summary")
    ]


def test_a_project_with_one_date_missing_gives_no_span(tmp_path: Path) -> None:
    text = PROJECT.replace("end: 2021\n", "")
    assert front_matter_problems(tmp_path, text) == [
        "2: front matter field 'end': is required but missing"
    ]


def test_a_project_dated_backwards(tmp_path: Path) -> None:
    assert problems_of(tmp_path, PROJECT, "end: 2021", "end: 2019-12") == [
        "6: front matter field 'end': Dec 2019 is before start 2020; end must be on or after start"
    ]


def test_a_missing_date_is_not_a_date(tmp_path: Path) -> None:
    text = PROJECT.replace("start: 2020", "start:")
    assert front_matter_problems(tmp_path, text) == [
        f"5: front matter field 'start': None is not a date; give {ALLOWED}"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("email: jo@example.org", "email: mailto:jo@example.org", "7: front matter field 'email': 'mailto:jo@example.org' is not an e-mail address; write it bare, like name@example.org"),
        ("email: jo@example.org", "email: jo@example.o", "7: front matter field 'email': 'jo@example.o' is not an e-mail address; write it bare, like name@example.org"),
        ("email: jo@example.org", "email: jo@@example.org", "7: front matter field 'email': 'jo@@example.org' is not an e-mail address; write it bare, like name@example.org"),
        ("email: jo@example.org", "email: ' '", "7: front matter field 'email': must be non-empty text"),
        ("github: https://github.com/jo/", "github: https://github.com/jo/repo", "9: front matter field 'github': 'https://github.com/jo/repo' is not a GitHub profile; give https://github.com/<user>"),
        ("github: https://github.com/jo/", "github: https://gitlab.com/jo", "9: front matter field 'github': 'https://gitlab.com/jo' is not a GitHub profile; give https://github.com/<user>"),
        ("github: https://github.com/jo/", "github: https://github.com/jo_x", "9: front matter field 'github': 'https://github.com/jo_x' is not a GitHub profile; give https://github.com/<user>"),
        ("github: https://github.com/jo/", "github: http://github.com/jo", "9: front matter field 'github': 'http://github.com/jo' must start with https://"),
        ("website: https://example.org/", "website: http://example.org/", "8: front matter field 'website': 'http://example.org/' must start with https://"),
        ("blog: https://blog.example.org/", "blog: ftp://blog", "10: front matter field 'blog': 'ftp://blog' must start with https://"),
        ("headline: Engineer", "headline: ''", "4: front matter field 'headline': must be non-empty text"),
        ("location: Springfield", "location: ''", "5: front matter field 'location': must be non-empty text"),
        ("email: jo@example.org\n", "", "2: front matter field 'email': is required but missing"),
    ],
)  # fmt: skip
def test_each_person_mistake_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems_of(tmp_path, PERSON, old, new) == [expected]


def test_a_person_page_missing_fields_reports_only_that(tmp_path: Path) -> None:
    text = "---\nkind: person\ntitle: Jo\n---\n"
    assert front_matter_problems(tmp_path, text) == [
        f"2: front matter field '{field}': is required but missing" for field in ("email",)
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("education:\n", "education: []\nx:\n", "4: front matter field 'education': must list at least one degree"),
        ("    end: 2005-06", "    end: 2005-13", "10: front matter field 'education[0].end': month 13 does not exist; use 01 to 12"),
        ("    start: 2001", "    start: 2001-13", "9: front matter field 'education[0].start': month 13 does not exist; use 01 to 12"),
        ("    end: 2005-06", "    end: now", f"10: front matter field 'education[0].end': 'now' is not a date; give {ALLOWED}, or 'present'"),
        ("    degree: BSc\n", "", "5: front matter field 'education[0].degree': is required but missing"),
        ("    url: https://example.edu/", "    url: http://example.edu/", "6: front matter field 'education[0].url': 'http://example.edu/' must start with https://"),
        ("    area: Physics", "    area: ''", "8: front matter field 'education[0].area': must be non-empty text"),
        ("    degree: BSc", "    degree: ''", "7: front matter field 'education[0].degree': must be non-empty text"),
        ("  - institution: Example University", "  - institution: ''", "5: front matter field 'education[0].institution': must be non-empty text"),
        ("  - institution: Example University", "  - 5\n  - institution: Example University", "4: front matter field 'education[0]': must be a mapping"),
    ],
)  # fmt: skip
def test_each_school_mistake_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems_of(tmp_path, SCHOOL, old, new) == in_order(stray(new) + [expected])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    group: languages\n", "", "5: front matter field 'skills[0].group': is required but missing"),
        ("    group: languages", "    group: Languages", f"7: front matter field 'skills[0].group': 'Languages' is not an id; {ID_RULE}"),
        ("  - id: go", "  - id: Go", f"5: front matter field 'skills[0].id': 'Go' is not an id; {ID_RULE}"),
        ("    name: Go", "    name: ''", "6: front matter field 'skills[0].name': must be non-empty text"),
        ("    name: Go", "    name: Go\n    since: 2015", "7: front matter field 'skills[0].since': is not a known field; allowed here: group, id, name, note"),
        # An empty note showed as "None" on the skills page, a list as "['a']".
        ('    note: "  Since 2015.  "', "    note:", "8: front matter field 'skills[0].note': must be non-empty text"),
        ('    note: "  Since 2015.  "', "    note: [a]", "8: front matter field 'skills[0].note': must be non-empty text"),
    ],
)  # fmt: skip
def test_each_skills_mistake_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems_of(tmp_path, SKILLS, old, new) == [expected]


def test_bad_yaml_names_its_line(tmp_path: Path) -> None:
    assert problems_of(tmp_path, PROJECT, "title: Sample", "title: [Sample") == [
        "4: front matter is not valid YAML: expected ',' or ']', but got ':'"
    ]


def test_yaml_that_cannot_be_read_at_all(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(PROJECT.replace("Sample", "Sam\x07ple", 1), encoding="utf-8")
    page, problems = read_page(path, "play/sample")
    assert page is None
    assert problems == [
        Problem(
            path,
            None,
            "front matter is not valid YAML: unacceptable character #x0007: special characters"
            ' are not allowed\n  in "<unicode string>", position 24',
        )
    ]


def test_problems_name_their_file(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(PROJECT.replace("title: Sample", "title: ''"), encoding="utf-8")
    assert read_page(path, "play/sample") == (
        None,
        [Problem(path, 3, "front matter field 'title': must be non-empty text")],
    )


# -- Dates and spans ---------------------------------------------------------------


def test_dates() -> None:
    assert [str(Date(2019)), str(Date(2019, 1)), str(Date(2019, 12))] == [
        "2019",
        "Jan 2019",
        "Dec 2019",
    ]
    assert [Date(2019).iso, Date(2019, 3).iso, Date(987, 11).iso] == ["2019", "2019-03", "0987-11"]
    assert Date(2019) < Date(2019, 1) < Date(2019, 12) < Date(2020)


def test_spans() -> None:
    assert str(Span(Date(2019, 5), Date(2019, 5))) == "May 2019"
    assert str(Span(Date(2019), Date(2019))) == "2019"
    assert str(Span(Date(2017), Date(2019, 4))) == "2017\u2013Apr 2019"
    assert str(Span(Date(2019, 5), None)) == "May 2019\u2013present"
    assert Span(Date(2019, 5), None).sort_key == (Date(9999), Date(2019, 5))
    assert Span(Date(2017), Date(2019, 4)).sort_key == (Date(2019, 4), Date(2017))


def test_github_user() -> None:
    person = Person(title="Jo", email="jo@example.org", github="https://github.com/jo")
    assert person.github_user == "jo"


# -- Mutants that the rules above let live ------------------------------------------


def test_a_key_that_is_not_text_is_reported_at_its_mapping(tmp_path: Path) -> None:
    text = PROJECT.replace("summary:", "2019: x\nsummary:")
    assert front_matter_problems(tmp_path, text) == [
        "2: front matter field '2019': is not a known field; allowed here: "
        "draft, end, entity, keywords, kind, links, parts, skills, start, summary, tags,"
        " title, type"
    ]


def test_a_bad_kind_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = "---\ntitle: Sample\nkind: blog\n---\n"
    assert front_matter_problems(tmp_path, text) == [
        f"3: front matter field 'kind': 'blog' is not a kind; allowed: {KINDS}"
    ]


def test_every_role_and_degree_is_checked_after_a_bad_one(tmp_path: Path) -> None:
    text = EMPLOYER.replace("    title: Lead Engineer\n", "").replace("id: junior", "id: Junior")
    assert front_matter_problems(tmp_path, text) == [
        "10: front matter field 'roles[0].title': is required but missing",
        f"14: front matter field 'roles[1].id': 'Junior' is not an id; {ID_RULE}",
    ]
    text = SCHOOL.replace("    degree: BSc\n", "").replace("area: Maths", "area: ''")
    assert front_matter_problems(tmp_path, text) == [
        "5: front matter field 'education[0].degree': is required but missing",
        "13: front matter field 'education[1].area': must be non-empty text",
    ]
    text = SCHOOL.replace("end: 2005-06", "end: 2005-13").replace("area: Maths", "area: ''")
    assert front_matter_problems(tmp_path, text) == [
        "10: front matter field 'education[0].end': month 13 does not exist; use 01 to 12",
        "14: front matter field 'education[1].area': must be non-empty text",
    ]


def test_a_degree_cannot_start_at_present(tmp_path: Path) -> None:
    assert problems_of(tmp_path, SCHOOL, "start: 2001", "start: spring") == [
        f"9: front matter field 'education[0].start': 'spring' is not a date; give {ALLOWED}"
    ]


def test_a_blank_degree_url(tmp_path: Path) -> None:
    assert problems_of(tmp_path, SCHOOL, "url: https://example.edu/", "url: ''") == [
        "6: front matter field 'education[0].url': must be non-empty text"
    ]


def test_fields_of_another_kind_are_not_read(tmp_path: Path) -> None:
    # Undated, so that no other kind's branch takes the page first.
    text = PROJECT.replace("kind: project", "kind: project\neducation: []").replace(
        "end: 2021\n", ""
    )
    assert front_matter_problems(tmp_path, text) == [
        "2: front matter field 'end': is required but missing",
        "3: front matter field 'education': is not a known field; allowed here: "
        "draft, end, entity, keywords, kind, links, parts, skills, start, summary, tags,"
        " title, type",
    ]


def test_an_employer_without_roles_or_links(tmp_path: Path) -> None:
    # Not every employer has an address to give; every one has a role.
    text = "---\nkind: employer\ntitle: Example\n---\n"
    assert front_matter_problems(tmp_path, text) == [
        "2: front matter field 'roles': is required but missing",
    ]


# -- Publications ---------------------------------------------------------------------

PAPER = """\
publications:
  - id: paper-2007
    title: A Paper
    authors: [Jo Bloggs, Ann Other]
    venue: SIGCSE '07
    place: Covington, Kentucky
    date: 2007-03
    url: https://doi.org/10.1145/1
    role: lead
    summary: What it found.
"""


def with_paper(old: str = "", new: str = "", extra: str = "") -> str:
    paper = PAPER.replace(old, new, 1) + extra
    return EMPLOYER.replace("roles:\n", paper + "roles:\n", 1)


def test_a_publication(tmp_path: Path) -> None:
    page = parse(tmp_path, with_paper())
    assert page.publications == (
        Publication(
            id="paper-2007",
            title="A Paper",
            authors=("Jo Bloggs", "Ann Other"),
            venue="SIGCSE '07",
            place="Covington, Kentucky",
            date="2007-03",
            url="https://doi.org/10.1145/1",
            role="lead",
            summary="What it found.",
        ),
    )
    assert page.publications[0].published == Date(2007, 3)
    assert page.line("publications", 0) == 10
    assert [Date(2007, 3).long, Date(2007).long, Date(2007, 12).long] == [
        "March 2007",
        "2007",
        "December 2007",
    ]
    assert parse(tmp_path, EMPLOYER).publications == ()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("authors: [Jo Bloggs, Ann Other]", "authors: []", "12: front matter field 'publications[0].authors': must list each author's name, as the paper credits them"),
        ("authors: [Jo Bloggs, Ann Other]", "authors: [Jo Bloggs, ' ']", "12: front matter field 'publications[0].authors': must list each author's name, as the paper credits them"),
        ("authors: [Jo Bloggs, Ann Other]", "authors: [Jo Bloggs, 5]", "12: front matter field 'publications[0].authors': must list each author's name, as the paper credits them"),
        ("role: lead", "role: junior-x", "17: front matter field 'publications[0].role': 'junior-x' is not a role on this page; ids here: lead, junior"),
        ("role: lead", "role: Lead", f"17: front matter field 'publications[0].role': 'Lead' is not an id; {ID_RULE}"),
        ("url: https://doi.org/10.1145/1", "url: http://doi.org/1", "16: front matter field 'publications[0].url': 'http://doi.org/1' must start with https://"),
        ("date: 2007-03", "date: 2007-03-01", f"15: front matter field 'publications[0].date': 2007-03-01 has a day; give {ALLOWED}"),
        ("date: 2007-03", "date: present", f"15: front matter field 'publications[0].date': 'present' is not a date; give {ALLOWED}"),
        ("    venue: SIGCSE '07\n", "", "10: front matter field 'publications[0].venue': is required but missing"),
        ("    venue: SIGCSE '07", "    venue: ''", "13: front matter field 'publications[0].venue': must be non-empty text"),
        ("    place: Covington, Kentucky", "    place: ''", "14: front matter field 'publications[0].place': must be non-empty text"),
        ("    title: A Paper", "    title: ''", "11: front matter field 'publications[0].title': must be non-empty text"),
        ("    summary: What it found.", "    summary: ''", "18: front matter field 'publications[0].summary': must be non-empty text"),
        ("  - id: paper-2007", "  - id: Paper", f"10: front matter field 'publications[0].id': 'Paper' is not an id; {ID_RULE}"),
    ],
)  # fmt: skip
def test_each_publication_mistake_is_named(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert front_matter_problems(tmp_path, with_paper(old, new)) == [expected]


def test_authors_must_be_a_list(tmp_path: Path) -> None:
    text = with_paper("authors: [Jo Bloggs, Ann Other]", "authors: Jo Bloggs")
    assert front_matter_problems(tmp_path, text) == [
        "12: front matter field 'publications[0].authors': must be a list",
    ]


def test_a_paper_on_a_page_whose_roles_are_all_bad(tmp_path: Path) -> None:
    # Its role is on the page, wrong dates and all: only the dates are said.
    text = (
        with_paper().replace("start: 2019-05", "start: 2019-13").replace("start: 2017", "start: x")
    )
    assert [
        problem.partition(": front matter field ")[2]
        for problem in front_matter_problems(tmp_path, text)
    ] == [
        "'roles[0].start': month 13 does not exist; use 01 to 12",
        f"'roles[1].start': 'x' is not a date; give {ALLOWED}",
    ]


def test_every_paper_is_checked_after_a_bad_one(tmp_path: Path) -> None:
    second = PAPER.replace("publications:\n", "").replace("paper-2007", "paper-2008")
    text = with_paper(
        "    venue: SIGCSE '07\n", "", second.replace("place: Covington, Kentucky", "place: ''")
    )
    assert front_matter_problems(tmp_path, text) == [
        "10: front matter field 'publications[0].venue': is required but missing",
        "22: front matter field 'publications[1].place': must be non-empty text",
    ]
    text = with_paper(
        "date: 2007-03", "date: 2007-13", second.replace("place: Covington, Kentucky", "place: ''")
    )
    assert front_matter_problems(tmp_path, text) == [
        "15: front matter field 'publications[0].date': month 13 does not exist; use 01 to 12",
        "23: front matter field 'publications[1].place': must be non-empty text",
    ]


# -- Drafts, repeated keys and prose titles -----------------------------------------------


def test_a_draft(tmp_path: Path) -> None:
    text = PROJECT.replace("kind: project", "kind: project\ndraft: true")
    assert parse(tmp_path, text).draft is True
    assert parse(tmp_path, text.replace("draft: true", "draft: false")).draft is False
    assert parse(tmp_path, PROJECT).draft is False
    assert problems_of(tmp_path, text, "draft: true", "draft: yes please") == [
        "3: front matter field 'draft': 'yes please' is not true or false; write 'draft: true'"
        " to keep the page out of the site, or delete the line to publish it"
    ]
    # YAML 1.1 reads yes, no, on and off as booleans; a draft must say true or false.
    for word in ("yes", "no", "on", "off"):
        assert problems_of(tmp_path, text, "draft: true", f"draft: {word}") == [
            f"3: front matter field 'draft': '{word}' is not true or false; write 'draft: true'"
            " to keep the page out of the site, or delete the line to publish it"
        ]


def test_only_write_ups_can_be_drafts(tmp_path: Path) -> None:
    text = SKILLS.replace("kind: skills", "kind: skills\ndraft: true")
    assert front_matter_problems(tmp_path, text) == [
        "3: front matter field 'draft': is not a known field; allowed here: groups, kind, skills,"
        " summary, title"
    ]


def test_a_key_written_twice(tmp_path: Path) -> None:
    text = PROJECT.replace("summary: A sample write-up.", "summary: One.\nsummary: Two.")
    assert front_matter_problems(tmp_path, text) == [
        "5: front matter is not valid YAML: key 'summary' is written twice, on lines 4 and 5;"
        " keep one, or the other's value is lost"
    ]
    nested = EMPLOYER.replace(
        "    title: Lead Engineer\n", "    title: Lead Engineer\n    title: Lead\n"
    )
    assert front_matter_problems(tmp_path, nested) == [
        "12: front matter is not valid YAML: key 'title' is written twice, on lines 11 and 12;"
        " keep one, or the other's value is lost"
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Prose", []),
        ("~", ["2: front matter field 'title': must be non-empty text"]),
        ("'  '", ["2: front matter field 'title': must be non-empty text"]),
    ],
)
def test_a_prose_pages_title_must_be_text(tmp_path: Path, title: str, expected: list[str]) -> None:
    path = tmp_path / "page.md"
    path.write_text(f"---\ntitle: {title}\n---\n# Heading\n", encoding="utf-8")
    page, problems = read_page(path, "about")
    assert page is None
    assert [f"{p.line}: {p.message}" for p in problems] == expected
