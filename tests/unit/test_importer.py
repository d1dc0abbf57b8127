"""`make import` without a build: each of JSON Resume's samples, and RenderCV's, made into
pages whose front matter the site reads without a problem and whose facts give the résumé
back, every text of it written on a page; what cannot be placed, listed; the engine
written in the new owner's name; a folder that holds files, refused. tests/test_import.py
builds the same sites strictly; these run in a second, so each mutant of the importer
meets them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import roundtrip
from portfolio import catalog, importer
from portfolio.structured_data import resume_facts
from portfolio.titles import markdown_text
from portfolio.variants import public

from .test_catalog import site

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "node_modules" / "@jsonresume" / "schema"
JSON_RESUMES = [
    "sample.resume.json",
    *(f"examples/{p.name}" for p in sorted((SAMPLES / "examples").glob("*.json"))),
]
RENDERCV = ROOT / "tests" / "data" / "rendercv-2.3-sample.yaml"


def imported(folder: Path, resume: dict[str, Any]) -> tuple[importer.Site, catalog.Catalogue]:
    """The pages made of ``resume``, written into ``folder`` and catalogued as a build would."""
    made = importer.Site(resume)
    made.build()
    env = site(folder, {name.removesuffix(".md"): text for name, text in made.files.items()})
    return made, catalog.build(env)  # type: ignore[arg-type]


def without_prose(resume: dict[str, Any]) -> dict[str, Any]:
    """The résumé less what becomes prose on a page, which only a build reads back."""
    resume = copy.deepcopy(resume)
    for entry in resume.get("work", []):
        entry.pop("highlights", None)
        entry.pop("summary", None)
    for entry in resume.get("projects", []):
        entry.pop("highlights", None)
    return resume


@pytest.mark.parametrize("name", JSON_RESUMES)
def test_a_json_resume_sample_becomes_pages_that_give_it_back(tmp_path: Path, name: str) -> None:
    given = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    made, catalogue = imported(tmp_path, given)
    assert catalogue.problems == []
    assert catalogue.person is not None
    facts = public(resume_facts(catalogue, catalogue.person, "2025-01-01"))
    equal, defined, differs = roundtrip.compare(without_prose(given), facts)
    assert (equal, differs) == (defined, [])
    # What becomes prose is on its page, as MyST writes it.
    pages = "".join(made.files.values())
    for entry in given.get("work", []) + given.get("projects", []):
        for text in [entry.get("summary", ""), *entry.get("highlights", [])]:
            assert markdown_text(" ".join(text.split())) in pages
    # Every page is in the navigation, the résumé first; a section holding nothing has none.
    index = made.files["index.md"]
    assert index.index("All on one page <resume>") < index.index(made.toc[1])
    assert all(f"\n{entry}\n" in index for entry in made.toc[1:])
    for section in ("awards", "volunteer", "talks"):
        assert (f"{section}.md" in made.files) == bool(given.get(section))
    # References are kept, and published nowhere until their page says so.
    if given.get("references"):
        assert "publish: false" in made.files["references.md"]
        assert "{resume} references" not in made.files["resume.md"]


def test_the_older_schemas_names_are_read_as_what_they_mean(tmp_path: Path) -> None:
    older = {
        "basics": {"name": "Jo", "email": "jo@example.org", "website": "https://jo.example/"},
        "work": [
            {"company": "Old Co", "website": "http://old.example/", "position": "Dev"}
            | {"startDate": "2010-01-05", "endDate": "2011"},
        ],
        "education": [{"institution": "U", "studyType": "BSc", "gpa": "3.9", "endDate": "2009"}],
        "languages": [{"name": "Welsh", "level": "Fluent"}],
    }
    made, catalogue = imported(tmp_path, older)
    assert catalogue.problems == []
    employer = catalogue.pages["work/old-co"]
    assert (employer.title, employer.own_url, employer.roles[0].span.start.iso) == (
        "Old Co",
        "https://old.example/",
        "2010-01",
    )
    assert catalogue.pages["school/index"].education[0].score == "3.9"
    assert [(e.language, e.fluency) for e in catalogue.pages["languages"].entries] == [
        ("Welsh", "Fluent")
    ]
    assert catalogue.person is not None and catalogue.person.website == "https://jo.example/"
    # An address without https is linked with it, and the import says so.
    assert made.reader.normalised == ["work[0].url: http://old.example/ is linked as https://"]


def test_what_cannot_be_placed_is_listed() -> None:
    made = importer.Site(
        {
            "basics": {"name": "Jo", "email": "jo@example.org", "mood": "sunny"},
            "work": [
                {"company": "Old Co", "position": "Dev", "startDate": "2010-01-05"},
                {"position": "Nameless"},
            ],
            "publications": [{"name": "A paper"}],
            "projects": [{"name": "Undated"}],
            "awards": [{"awarder": "Nobody"}],
            "hobbies": ["chess"],
        }
    )
    made.build()
    assert made.reader.unplaced == [
        '.hobbies: ["chess"]',
        "work[1]: a role needs name, position and startDate",
        'publications[0]: a paper needs name, publisher, releaseDate: {"name": "A paper"}',
        'projects[0]: a write-up needs name and startDate: {"name": "Undated"}',
        "awards[0]: needs title",
        'basics.mood: "sunny"',
    ]
    assert "title: Old Co" in made.files["work/old-co.md"]
    assert "start: 2010-01" in made.files["work/old-co.md"]
    assert "awards.md" not in made.files and "publications.md" not in made.files


@pytest.mark.parametrize(
    ("given", "held"),
    [("2014", 2014), (2014, 2014), ("2014-06-29", "2014-06"), ("2014-6", "2014-06")],
)
def test_a_date_is_held_at_the_precision_a_resume_states(given: Any, held: Any) -> None:
    assert importer.when(given) == held


def test_a_date_that_is_none_is_refused() -> None:
    with pytest.raises(ValueError, match="Fall 2023"):
        importer.when("Fall 2023")


def test_an_address_is_linked_as_https() -> None:
    reader = importer.Reader()
    assert reader.url("https://a.example/", "x") == "https://a.example/"
    assert reader.url("http://a.example/", "y") == "https://a.example/"
    assert reader.url("a.example", "z") == "https://a.example"
    assert reader.normalised == [
        "y: http://a.example/ is linked as https://",
        "z: a.example is linked as https://a.example",
    ]


# -- RenderCV ------------------------------------------------------------------------------


def test_rendercvs_sample_becomes_pages(tmp_path: Path) -> None:
    cv = yaml.safe_load(RENDERCV.read_text(encoding="utf-8"))["cv"]
    reader = importer.Reader()
    resume = importer.from_rendercv(cv, reader)
    sections = cv["sections"]
    assert [w["name"] for w in resume["work"]] == [e["company"] for e in sections["experience"]]
    assert [e["institution"] for e in resume["education"]] == [
        e["institution"] for e in sections["education"]
    ]
    assert [g["name"] for g in resume["skills"]] == [e["label"] for e in sections["skills"]]
    assert resume["basics"]["summary"] == " ".join(sections["welcome_to_RenderCV!"])
    assert [p["network"] for p in resume["basics"]["profiles"]] == [
        n["network"] for n in cv["social_networks"]
    ]
    # Bullet and numbered entries have no place: each is listed, with its words.
    for title in ("extracurricular_activities", "numbered_entries", "reversed_numbered_entries"):
        for entry in sections[title]:
            words = next(iter(entry.values()))
            assert any(note.endswith(words) for note in reader.unplaced), words
    made, catalogue = imported(tmp_path, resume)
    assert catalogue.problems == []
    assert len(catalogue.roles()) == len(sections["experience"])


def test_a_rendercv_profile_on_an_unknown_network_is_listed() -> None:
    reader = importer.Reader()
    cv = {
        "name": "Jo",
        "social_networks": [
            {"network": "Mastodon", "username": "@jo@social.example"},
            {"network": "Myspace", "username": "jo"},
        ],
    }
    resume = importer.from_rendercv(cv, reader)
    assert resume["basics"]["profiles"] == [
        {"network": "Mastodon", "username": "jo", "url": "https://social.example/@jo"}
    ]
    assert reader.unplaced == ["cv.social_networks[1]: Myspace jo"]


# -- Writing the site ------------------------------------------------------------------------

SMALL = {
    "basics": {"name": "Jo Bloggs", "email": "jo@bloggs.example"},
    "work": [{"name": "Acme", "position": "Dev", "startDate": "2020-02"}],
    "meta": {"lastModified": "2025-03-02T10:00:00"},
}


def test_the_engine_is_written_in_the_new_owners_name(tmp_path: Path) -> None:
    made = importer.write(SMALL, tmp_path / "site", ROOT)
    into = tmp_path / "site"
    for name in ("Makefile", "requirements.txt", "src/portfolio/model.py", "_static/portfolio.css"):
        assert (into / name).is_file(), name
    assert not (into / importer.OWNERS_CARD).exists()
    conf = (into / "conf.py").read_text(encoding="utf-8")
    assert "Michael" not in conf and "michaelkelly" not in conf and "2024-06-08" not in conf
    assert "Jo Bloggs" in conf and "2025-03-02" in conf and "bloggs.example" in conf
    assert "ogp_image = None" in conf and conf.rstrip().endswith("smartquotes = False")
    assert "include_patterns = ['index.md', 'resume.md', 'work/**']" in conf
    assert "jo-bloggs" in (into / "Makefile").read_text(encoding="utf-8")
    for name, text in made.files.items():
        assert (into / name).read_text(encoding="utf-8") == text


def test_an_import_never_writes_into_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("mine", encoding="utf-8")
    with pytest.raises(importer.ImportError_, match="already holds files; nothing was written"):
        importer.write({"basics": {"name": "Jo", "email": "jo@example.org"}}, tmp_path, ROOT)
    assert [p.name for p in tmp_path.iterdir()] == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "mine"


def test_a_resume_without_a_name_or_address_is_refused(tmp_path: Path) -> None:
    with pytest.raises(importer.ImportError_, match="no basics.name or basics.email"):
        importer.write({"basics": {"name": "Jo"}}, tmp_path / "site", ROOT)


def test_the_command_says_what_it_did_and_what_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert importer.main([]) == 2
    assert "give FROM=path/to/resume.json (or .yaml) INTO=new-folder" in capsys.readouterr().err
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(SMALL | {"hobbies": ["chess"]}), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert importer.main([str(source), str(tmp_path / "site")]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == f"Wrote 4 pages and this site's engine into {tmp_path / 'site'}"
    assert '  not placed (add it by hand): .hobbies: ["chess"]' in said
    assert said[-1] == f"Next: cd {tmp_path / 'site'} && make html"
    assert importer.main([str(source), str(tmp_path / "site")]) == 2
    assert "already holds files" in capsys.readouterr().err
    (tmp_path / "cv.yaml").write_text("design: {}\n", encoding="utf-8")
    assert importer.main([str(tmp_path / "cv.yaml"), str(tmp_path / "other")]) == 2
    assert "neither a JSON Resume file (.json) nor a RenderCV file" in capsys.readouterr().err
