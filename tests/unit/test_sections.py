"""Sections of entries (portfolio.model.SECTIONS): read, catalogued and drawn for every
output from their one declaration."""

from __future__ import annotations

import pickle
from pathlib import Path

from tests.unit.test_variants import variant

from conftest import front_matter_problems
from portfolio import model
from portfolio.catalog import Catalogue
from portfolio.downloads import entry_lines
from portfolio.frontmatter import SECTIONS, Page, read_page
from portfolio.structured_data import entry_facts, linked_data, person_json_ld
from portfolio.variants import public, select

AWARDS = """\
---
kind: awards
title: Awards
awards:
  - title: Pioneer Award
    date: 2014-11
    awarder: Techcrunch
    summary: There is no spoon.
    id: pioneer
    tags: [press]
  - title: Older prize
    date: 2010
---
"""


def page(text: str, docname: str = "awards") -> Page:
    found, problems = read_page(Path(f"/site/{docname}.md"), docname, text)
    assert problems == [] and found is not None
    return found


def test_an_entry_is_the_models_struct_with_its_line() -> None:
    awards = page(AWARDS)
    assert awards.entries == (
        model.Award(
            title="Pioneer Award",
            date="2014-11",
            awarder="Techcrunch",
            summary="There is no spoon.",
            id="pioneer",
            tags=("press",),
        ),
        model.Award(title="Older prize", date=2010),
    )
    assert (awards.line("awards", 0), awards.line("awards", 1)) == (5, 11)


def test_a_page_of_every_kind_survives_the_pickling_of_sphinxs_environment() -> None:
    for kind, cls in model.KINDS.items():
        assert pickle.loads(pickle.dumps(cls)) is cls, kind
    awards = page(AWARDS)
    assert pickle.loads(pickle.dumps(awards)) == awards
    assert pickle.loads(pickle.dumps(awards)).line("awards", 1) == 11


def test_every_mistake_in_entries_is_said_at_once(tmp_path: Path) -> None:
    text = AWARDS.replace("date: 2014-11", "date: 2014-13").replace(
        "    date: 2010\n", "    colour: red\n    url: http://x.org/\n"
    )
    assert front_matter_problems(tmp_path, text) == [
        "6: front matter field 'awards[0].date': month 13 does not exist; use 01 to 12",
        "12: front matter field 'awards[1].colour': is not a known field; allowed here:"
        " awarder, date, id, summary, tags, title",
        "13: front matter field 'awards[1].url': is not a known field; allowed here:"
        " awarder, date, id, summary, tags, title",
    ]


def test_a_volunteer_end_before_its_start_is_said(tmp_path: Path) -> None:
    text = (
        "---\nkind: volunteer\ntitle: Volunteering\nvolunteer:\n  - organization: Dojo\n"
        "    position: Teacher\n    start: 2012\n    end: 2011\n---\n"
    )
    assert front_matter_problems(tmp_path, text) == [
        "8: front matter field 'volunteer[0].end': 2011 is before start 2012; end must be on or"
        " after start"
    ]


def test_an_empty_section_is_a_mistake_not_an_empty_heading(tmp_path: Path) -> None:
    text = "---\nkind: languages\ntitle: Languages\nlanguages: []\n---\n"
    assert front_matter_problems(tmp_path, text) == [
        "4: front matter field 'languages': must list at least one entry; a page with none"
        " would show an empty section, so delete the page instead"
    ]


def catalogue(*pages: Page) -> Catalogue:
    return Catalogue(pages={p.docname: p for p in pages})


REFERENCES = """\
---
kind: references
title: References
references:
  - name: Erlich Bachman
    reference: A pleasure to recommend.
---
"""


def test_entries_come_newest_first_and_references_only_when_published() -> None:
    awards = page(AWARDS)
    refs = page(REFERENCES, "references")
    found = catalogue(awards, refs)
    assert [entry.title for _, entry in found.entries("awards")] == ["Pioneer Award", "Older prize"]
    assert found.entries("references") == []
    published = page(REFERENCES.replace("references:\n", "publish: true\nreferences:\n", 1))
    assert [e.name for _, e in catalogue(published).entries("references")] == ["Erlich Bachman"]


def test_an_entry_as_every_output_draws_it() -> None:
    award = page(AWARDS).entries[0]
    facts = entry_facts(SECTIONS["awards"], award)
    assert facts == {
        "title": "Pioneer Award",
        "date": "2014-11",
        "awarder": "Techcrunch",
        "summary": "There is no spoon.",
        "id": "pioneer",
        "tags": ["press"],
        "head": "Pioneer Award",
        "href": "",
        "detail": "Techcrunch",
        "dates": "Nov 2014",
        "body": "There is no spoon.",
        "items": [],
        "links": [],
        "ld": "Pioneer Award",
    }
    volunteer = model.Volunteering(
        organization="Dojo", position="Teacher", start=2012, highlights=("Taught",)
    )
    facts = entry_facts(SECTIONS["volunteer"], volunteer)
    # An ongoing entry has no endDate; resume.json names the dates its own way.
    assert {k: facts[k] for k in ("organization", "position", "startDate", "highlights")} == {
        "organization": "Dojo",
        "position": "Teacher",
        "startDate": "2012",
        "highlights": ["Taught"],
    }
    assert "endDate" not in facts and facts["dates"] == "2012\u2013present"
    assert facts["items"] == ["Taught"]


def test_json_ld_leaves_out_what_is_empty() -> None:
    certificate = model.Certificate(name="CKA", date="2020-03")
    assert linked_data(SECTIONS["certificates"].json_ld[1], certificate) == {  # type: ignore[index]
        "@type": "EducationalOccupationalCredential",
        "name": "CKA",
        "dateCreated": "2020-03",
    }
    facts = {
        "basics": {"name": "Jo", "email": "jo@example.org", "location": {}, "profiles": []},
        "work": [],
        "education": [],
        "skills": [],
        **{name: [] for name in SECTIONS},
    }
    facts["certificates"] = [entry_facts(SECTIONS["certificates"], certificate)]
    facts["interests"] = [entry_facts(SECTIONS["interests"], model.Interest(name="Radio"))]
    data = person_json_ld(facts)
    assert data["hasCredential"][0]["name"] == "CKA"
    # Interests have no schema.org property: declared without one, they are not there.
    assert "award" not in data and not any("Radio" in str(v) for v in data.values())
    assert "homeLocation" not in data and "url" not in data


def resume_data() -> dict:
    awards = page(AWARDS)
    return {
        "work": [],
        "projects": [],
        "skills": [],
        "publications": [],
        "education": [],
        "prose": {"skills": [], "activities": [], "projects": []},
        "meta": {"lastModified": "2024-06-08T00:00:00", "titles": {"awards": "Awards"}},
        **{name: [] for name in SECTIONS},
        "awards": [
            entry_facts(SECTIONS["awards"], e) for _, e in catalogue(awards).entries("awards")
        ],
    }


def test_a_variant_keeps_entries_by_id_or_tag_and_drops_an_emptied_section() -> None:
    data = resume_data()
    kept = select(data, variant(drop=("press",)))
    assert [a["title"] for a in kept["awards"]] == ["Older prize"]
    assert "awards" in kept["meta"]["sections"]
    none = select(data, variant(drop=("pioneer",), sections=("experience",)))
    assert none["awards"] == [] and none["meta"]["sections"] == []


def test_resume_json_holds_a_section_only_when_it_has_entries() -> None:
    data = resume_data()
    data["basics"] = {"name": "Jo"}
    shown = public(data)
    assert shown["awards"][1] == {"title": "Older prize", "date": "2010"}
    assert not {"volunteer", "references", "languages"} & shown.keys()
    # A planted leak: an empty section written anyway would be caught here.
    assert all(shown[key] for key in SECTIONS if key in shown)


def test_the_text_draws_each_entry_and_skips_an_empty_section() -> None:
    data = resume_data()
    assert list(entry_lines(data, "awards")) == [
        "\nAWARDS\n======\n",
        "Pioneer Award, Techcrunch (Nov 2014)",
        "  There is no spoon.",
        "Older prize (2010)",
    ]
    assert list(entry_lines(data | {"awards": []}, "awards")) == []


def test_every_section_is_a_kind_a_resume_section_and_a_schema_definition() -> None:
    for section in model.SECTIONS:
        assert section.name in model.KINDS and section.name in model.resume_order()
        assert all(f in section.entry.__struct_fields__ for f in section.head + section.detail)
