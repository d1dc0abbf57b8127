"""Tailored résumés, without a build: what a variant keeps, and what is wrong with one.

The data is the shape :func:`portfolio.downloads.resume_data` gives, cut down to what
a variant reads; the rules are the module's docstring's, each with the fault it
exists for planted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import front_matter_problems
from portfolio.frontmatter import RESUME_SECTIONS, read_page
from portfolio.model import LEGACY_ORDER, Variant
from portfolio.variants import kept, problems, public, select


def variant(**fields: Any) -> Variant:
    return Variant(**{"name": "tailored", "title": "Tailored", "pages": 1} | fields)


def role(role_id: str, tags: list[str], highlights: list[str]) -> dict[str, Any]:
    return {
        "id": role_id,
        "tags": tags,
        "name": "Employer",
        "position": role_id.title(),
        "dates": "2019",
        "highlights": [f"Words of {h or 'the unlabelled'}." for h in highlights],
        "runs": [[{"text": f"Words of {h or 'the unlabelled'}."}] for h in highlights],
        "highlight_ids": highlights,
    }


@pytest.fixture
def data() -> dict[str, Any]:
    return {
        "basics": {"name": "Someone"},
        "work": [
            role("sre", [], ["messenger", ""]),
            role("intern", ["internship"], [""]),
            role("tutor", ["teaching"], [""]),
        ],
        "education": [{"institution": "A school", "dates": "2009"}],
        "publications": [{"id": "paper", "name": "A paper", "venue": "SIGCSE"}],
        "skills": [
            {"id": "languages", "name": "Languages", "keywords": ["Go"]},
            {"id": "practices", "name": "Practices", "keywords": ["On-call"]},
        ],
        "projects": [
            {"id": "play/tool", "name": "Tool", "tags": ["infrastructure"], "links": []},
            {"id": "play/game", "name": "Game", "tags": [], "links": []},
        ],
        "prose": {
            "activities": [{"id": "radio", "title": "Radio", "paragraphs": []}],
            "skills": [{"id": "languages", "title": "Languages"}, {"id": "practices"}],
            "projects": [{"id": "", "title": "", "paragraphs": [[{"text": "Side projects."}]]}],
        },
        "meta": {"lastModified": "2024-06-08T00:00:00", "revision": "2024-06-08"},
    }


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


# -- What is kept -------------------------------------------------------------------------


def test_what_carries_no_tag_is_kept_and_a_tagged_thing_only_when_named() -> None:
    assert kept(variant(), "sre", [])
    assert not kept(variant(), "intern", ["internship"])
    assert kept(variant(keep=("internship",)), "intern", ["internship"])
    assert kept(variant(keep=("intern",)), "intern", ["internship"])  # by id
    # Drop wins, by id or by tag, over keep and over carrying no tag.
    assert not kept(variant(drop=("sre",)), "sre", [])
    both = variant(keep=("internship",), drop=("internship",))
    assert not kept(both, "intern", ["internship"])


def test_a_variant_selects_roles_highlights_and_projects(data: dict[str, Any]) -> None:
    chosen = select(data, variant(keep=("teaching",), drop=("messenger",)))
    assert ids(chosen["work"]) == ["sre", "tutor"]
    # The labelled highlight goes with its JSON Resume words; the unlabelled one stays.
    sre = chosen["work"][0]
    assert sre["highlight_ids"] == [""]
    assert sre["highlights"] == ["Words of the unlabelled."]
    assert sre["runs"] == [[{"text": "Words of the unlabelled."}]]
    assert ids(chosen["projects"]) == ["play/game"]
    # The facts it was given are untouched: every variant starts from all of them.
    assert ids(data["work"]) == ["sre", "intern", "tutor"]
    assert data["work"][0]["highlight_ids"] == ["messenger", ""]


def test_skill_groups_activities_and_the_paper_go_by_id(data: dict[str, Any]) -> None:
    chosen = select(
        data,
        variant(
            drop=(
                "languages",
                "radio",
                "paper",
            )
        ),
    )
    assert ids(chosen["skills"]) == ids(chosen["prose"]["skills"]) == ["practices"]
    assert chosen["prose"]["activities"] == []
    assert "publications" not in chosen["meta"]["sections"]
    # The keywords of the PDF are its own skill groups' only.
    assert [k for group in chosen["skills"] for k in group["keywords"]] == ["On-call"]


def test_sections_come_in_the_variants_order_and_an_empty_one_goes(
    data: dict[str, Any],
) -> None:
    chosen = select(data, variant(sections=("skills", "experience", "projects")))
    assert chosen["meta"]["sections"] == ["skills", "experience", "projects"]
    assert chosen["education"] == [] and chosen["publications"] == []
    # Without a project, the projects' introduction has nothing to introduce.
    no_projects = select(
        data,
        variant(
            drop=(
                "play/game",
                "play/tool",
            )
        ),
    )
    assert "projects" not in no_projects["meta"]["sections"]
    assert no_projects["prose"]["projects"] == []


def test_the_full_order_is_kept_when_a_variant_names_none(data: dict[str, Any]) -> None:
    # The fixture's data has no section of entries: those are left empty, and go.
    assert select(data, variant())["meta"]["sections"] == list(LEGACY_ORDER)


def test_resume_json_leaves_out_what_only_print_needs(data: dict[str, Any]) -> None:
    data["$schema"] = "https://example.org/schema.json"
    shown = public(select(data, variant()))
    assert "prose" not in shown
    assert shown["basics"] == {"name": "Someone"} and shown["$schema"] == data["$schema"]
    assert shown["work"][0] == {
        "name": "Employer",
        "position": "Sre",
        "highlights": ["Words of messenger.", "Words of the unlabelled."],
    }
    assert shown["meta"] == {"lastModified": "2024-06-08T00:00:00"}


# -- What is wrong with one ---------------------------------------------------------------


def test_a_name_that_is_nothing_is_said_with_its_line_and_the_near_ones(
    data: dict[str, Any],
) -> None:
    found = list(problems(variant(keep=("interns",), drop=("zzz",)), data))
    assert found == [
        (
            "keep",
            "variant 'tailored': keep names 'interns', which no role, highlight, project, skill"
            " group, activity, publication or tag is; did you mean intern, internship?",
        ),
        (
            "drop",
            "variant 'tailored': drop names 'zzz', which no role, highlight, project, skill"
            " group, activity, publication or tag is; name a role, highlight label, project"
            " page, skill group, activity, publication or tag",
        ),
    ]


def test_a_variant_that_keeps_nothing_is_said(data: dict[str, Any]) -> None:
    nothing = variant(sections=("experience",), drop=("sre",))
    assert list(problems(nothing, data)) == [
        (
            "",
            "variant 'tailored' keeps nothing: every section it lists is empty after 'keep'"
            " and 'drop'; list a section in 'sections', or keep something in it",
        )
    ]
    assert list(problems(variant(), data)) == []


RESUME_PAGE = """\
---
kind: resume
title: Résumé
variants:
  - name: screen
    title: One page
    pages: 1
  - name: screen
    title: Again
    pages: 3
    publish: yes
    sections: [experience, hobbies]
    keep: [Go]
    colour: blue
  - title: No name
    pages: two
---
"""


def test_every_mistake_in_the_declaration_is_said_at_once(tmp_path: Path) -> None:
    # In the order of the file.
    assert front_matter_problems(tmp_path, RESUME_PAGE, "resume") == [
        "8: front matter field 'variants[1].name': 'screen' is already the name of the variant"
        " on line 5; give each variant its own name",
        "10: front matter field 'variants[1].pages': 3 is not a page limit; a résumé runs 1 or 2"
        " pages",
        # YAML 1.1 would read "yes" as true: here only true and false are.
        "11: front matter field 'variants[1].publish': 'yes' is not true or false; 'publish:"
        " true' links it from the résumé page, or delete the line to keep it to yourself",
        "12: front matter field 'variants[1].sections': 'hobbies' is not a section of the"
        f" résumé; sections: {', '.join(RESUME_SECTIONS)}",
        "13: front matter field 'variants[1].keep': 'Go' is not an id or tag; use lowercase"
        " letters, digits and single hyphens",
        "14: front matter field 'variants[1].colour': is not a known field; allowed here: drop,"
        " keep, name, pages, publish, sections, title",
        "15: front matter field 'variants[2].name': is required but missing",
    ]


def test_tags_are_read_where_the_thing_is_written(tmp_path: Path) -> None:
    project = (
        "---\nkind: project\ntitle: Tool\nsummary: A tool.\nstart: 2020\nend: 2021\n"
        "skills: [go]\ntags: [infrastructure, Infra, infrastructure]\nlinks:\n"
        "  - title: Source\n    url: https://github.com/someone/tool\n---\n"
    )
    assert front_matter_problems(tmp_path, project) == [
        "8: front matter field 'tags': 'Infra' is not an id or tag; use lowercase letters,"
        " digits and single hyphens",
        "8: front matter field 'tags': 'infrastructure' is listed twice; keep one",
    ]


def read_resume(tmp_path: Path, variants: str) -> Any:
    path = tmp_path / "resume.md"
    path.write_text(
        f"---\nkind: resume\ntitle: Résumé\nvariants:\n{variants}---\n", encoding="utf-8"
    )
    page, problems = read_page(path, "resume")
    return page if page is not None else [f"{p.line}: {p.message}" for p in problems]


def test_a_declared_variant_is_read_with_its_defaults(tmp_path: Path) -> None:
    page = read_resume(
        tmp_path,
        "  - name: short\n    title: Short\n    pages: 2\n"
        "  - name: sre\n    title: SRE\n    pages: 1\n    publish: true\n"
        "    sections: [skills, experience]\n    keep: [reliability]\n    drop: [ksdt, languages]\n",
    )
    short, sre = page.variants
    assert short == Variant(name="short", title="Short", pages=2)
    # Unsaid: unpublished, every section in the full résumé's order, nothing kept or dropped.
    assert (short.publish, short.order, short.keep, short.drop) == (False, RESUME_SECTIONS, (), ())
    assert [page.line("variants", 0, field) for field in ("name", "title", "pages")] == [5, 6, 7]
    assert sre == Variant(
        name="sre",
        title="SRE",
        pages=1,
        publish=True,
        sections=("skills", "experience"),
        keep=("reliability",),
        drop=("ksdt", "languages"),
    )
    assert sre.order == ("skills", "experience")
    assert (page.line("variants", 1), page.line("variants", 1, "drop")) == (8, 14)


def test_each_field_of_a_variant_names_itself_in_a_mistake(tmp_path: Path) -> None:
    assert read_resume(
        tmp_path,
        "  - title: No name\n"  # the next variant is still read
        "  - name: Screen\n    title: ' '\n    pages: 1\n    sections: [Skills]\n"
        "    keep: [ok]\n    drop: [Bad]\n",
    ) == [
        "5: front matter field 'variants[0].name': is required but missing",
        "5: front matter field 'variants[0].pages': is required but missing",
        "6: front matter field 'variants[1].name': 'Screen' is not an id; use lowercase letters,"
        " digits and single hyphens",
        "7: front matter field 'variants[1].title': must be non-empty text",
        # Not a section, and so not an id either: said once.
        "9: front matter field 'variants[1].sections': 'Skills' is not a section of the"
        f" résumé; sections: {', '.join(RESUME_SECTIONS)}",
        "11: front matter field 'variants[1].drop': 'Bad' is not an id or tag; use lowercase"
        " letters, digits and single hyphens",
    ]


def test_only_the_resume_page_declares_variants(tmp_path: Path) -> None:
    # Said once, as a key that does not belong, and not read as variants.
    page = "---\nkind: school\ntitle: School\nvariants: [first-screen]\n---\n"
    assert front_matter_problems(tmp_path, page, "school/index") == [
        "2: front matter field 'education': is required but missing",
        "4: front matter field 'variants': is not a known field; allowed here: education, kind,"
        " summary, title",
    ]


EMPLOYER = """\
---
kind: employer
title: Acme
links:
  - title: acme.example
    url: https://acme.example/
roles:
  - id: acme-intern
    title: Intern
    start: 2008
    end: 2008
    skills: []
    tags: [internship, reliability]
---
"""


def test_a_roles_tags_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "acme.md"
    path.write_text(EMPLOYER, encoding="utf-8")
    page, problems = read_page(path, "work/acme")
    assert problems == [] and page is not None
    assert page.roles[0].tags == ("internship", "reliability")
    assert page.line("roles", 0) == 8
    untagged = EMPLOYER.replace("    tags: [internship, reliability]\n", "")
    assert front_matter_problems(tmp_path, untagged, "work/acme") == []
    for tags, said in (
        ("tags: internship", "must be a list"),
        (
            "tags: [Internship]",
            "'Internship' is not an id or tag; use lowercase letters, digits and single hyphens",
        ),
    ):
        broken = EMPLOYER.replace("tags: [internship, reliability]", tags)
        assert front_matter_problems(tmp_path, broken, "work/acme") == [
            f"13: front matter field 'roles[0].tags': {said}"
        ]
