"""`make import` without a build: each of JSON Resume's samples, and RenderCV's, made into
pages whose front matter the site reads without a problem and whose facts give the résumé
back, every text of it written on a page; what cannot be placed, listed; the engine
written in the new owner's name; a folder that holds files, refused. tests/test_import.py
builds the same sites strictly; these run in a second, so each mutant of the importer
meets them."""

from __future__ import annotations

import copy
import datetime
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


#: A résumé with every field the importer reads, and entries it cannot place or must
#: change (a role without a name, an address without https, a key it does not know).
EVERY_FIELD = ROOT / "tests" / "data" / "every-field.resume.json"
#: The pages it makes, as an author reads and edits them.
EVERY_FIELD_SITE = ROOT / "tests" / "data" / "every-field-site"


def test_every_field_goes_where_the_site_reads_it(tmp_path: Path) -> None:
    made, catalogue = imported(tmp_path, json.loads(EVERY_FIELD.read_text(encoding="utf-8")))
    assert catalogue.problems == []
    expected = {
        path.relative_to(EVERY_FIELD_SITE).as_posix(): path.read_text(encoding="utf-8")
        for path in EVERY_FIELD_SITE.rglob("*.md")
    }
    assert made.files == expected
    assert made.reader.unplaced == [
        'meta.version: "v1"',
        "work[0]: a role needs name, position and startDate",
        "work[2].url: differs from work[1]",
        'work[4].team: "Nächte"',
        "education[0]: a degree needs its institution",
        "education[2]: no studyType; the page calls it 'Studies'",
        'education[3].minor: "Art"',
        'publications[0]: a paper needs name, publisher, releaseDate: {"name": "Ünfinished",'
        ' "publisher": "Nobody"}',
        'publications[1].pages: "1-2"',
        "skills[0]: a skill group needs its name",
        "skills[3].years: 3",
        'projects[0]: a write-up needs name and startDate: {"name": "Café plan"}',
        'projects[1].budget: "none"',
        "volunteer[0]: needs organization, position, startDate",
        "awards[0]: needs title",
        'awards[2].medal: "bronze"',
        'awards[2].id: "bronze-award"',
        'basics.location.planet: "Earth"',
        "basics.profiles[0]: a profile without a network and address",
        "basics.profiles[1].followers: 12",
    ]
    assert made.reader.normalised == [
        "education[3].url: http://night.example is linked as https://",
        "publications[1].url: http://nt.example/p is linked as https://",
        "projects[1].url: http://rota.example is linked as https://",
        "projects[2]: no description; its summary is its name",
        "certificates[0].url: http://board.example/jo is linked as https://",
        "references: written with 'publish: false', shown nowhere until they agree to it",
        "basics.url: jo.example is linked as https://jo.example",
        "basics.image: http://jo.example/me.jpg is linked as https://",
        "basics.profiles[2].url: http://blog.jo.example/ is linked as https://",
    ]
    # Roles of one employer, however its name is capitalised, on one page; a role with
    # neither summary nor highlights still has its block, on lines of its own.
    assert [role.title for role in catalogue.pages["work/ward"].roles] == [
        "Nurse",
        "Student Nurse",
        "Porter",
    ]
    assert "\n````{position} ward-porter\n\n````\n" in made.files["work/ward.md"]
    assert catalogue.pages["work/ward-2"].title == "Ward!"


def test_the_older_schemas_names_are_read_as_what_they_mean(tmp_path: Path) -> None:
    older = {
        "basics": {"name": "Jo", "email": "jo@example.org", "website": "https://jo.example/"},
        "work": [
            {"company": "Old Co", "website": "http://old.example/", "position": "Dev"}
            | {"startDate": "2010-01-05", "endDate": "2011"},
        ],
        "education": [{"institution": "U", "studyType": "BSc", "gpa": "3.9", "endDate": "2009"}],
        "languages": [{"name": "Welsh", "level": "Fluent"}],
        "projects": [{"name": "Tool", "startDate": "2012", "website": "https://tool.example/"}],
        "publications": [
            {"name": "Paper", "publisher": "Press", "releaseDate": "2013"}
            | {"website": "https://paper.example/"},
        ],
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
    assert catalogue.pages["play/tool"].own_url == "https://tool.example/"
    assert catalogue.publications()[0][1].url == "https://paper.example/"
    # An address without https is linked with it, and the import says so.
    assert made.reader.normalised == [
        "work[0].url: http://old.example/ is linked as https://",
        "projects[0]: no description; its summary is its name",
    ]


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


#: A RenderCV ``cv`` with each entry type and field the importer reads, and some it cannot.
EVERY_ENTRY = {
    "name": "Jo Bloggs",
    "email": "jo@bloggs.example",
    "phone": "+44 1",
    "website": "https://jo.example",
    "location": "Leeds",
    "headline": "Nurse",
    "photo": "jo.jpg",
    "social_networks": [
        {"username": "nobody"},
        {"network": "GitHub", "username": "jo"},
        {"network": "GitHub"},
        {"network": "Mastodon", "username": "@jo@social.example"},
        {"network": "Mastodon", "username": "jo"},
    ],
    "sections": {
        "summary": ["Para one.", "Para two."],
        "more_text": ["Extra.", "More."],
        "experience": [
            {"company": "Ward", "position": "Nurse", "start_date": "2019-03"}
            | {"end_date": "present", "location": "Leeds", "summary": "Nights."}
            | {"highlights": ["Cut waits", "Trained staff"]},
            {"company": "Clinic", "position": "Volunteer", "start_date": "2015"},
        ],
        "education": [
            {"institution": "Uni", "area": "Nursing", "degree": "BSc", "start_date": "2014-09"}
            | {"end_date": "2017-06", "summary": "Honours.", "highlights": ["Anatomy"]},
            {"institution": "College", "area": "Care"},
            {"institution": "Evening class"},
        ],
        "publications": [
            {"title": "On nights", "authors": ["Ann Other", "***Jo Bloggs***"]}
            | {
                "doi": "10.1/x",
                "url": "https://ignored.example",
                "journal": "NT",
                "date": "2020-05",
            },
            {"title": "Preprint", "authors": ["Jo Bloggs"], "url": "https://p.example"}
            | {"journal": "arXiv", "date": "2021"},
            {"title": "Draft", "authors": ["Jo Bloggs"], "start_date": "2019"},
            {"title": "Undated", "authors": ["Jo Bloggs"]},
        ],
        "skills": [{"label": "Clinical", "details": "Triage, Care"}],
        "projects": [
            {"name": "Rota", "date": "2021", "summary": "Plans.", "highlights": ["Used"]}
            | {"location": "Leeds"},
            {"name": "Garden", "start_date": "2020", "end_date": "2022"},
            {"name": "Talk", "date": "Fall 2023"},
            {"name": "Someday", "start_date": "Spring 2020", "end_date": "never"},
            {"name": "Both", "date": "2018", "start_date": "2016", "end_date": "2017"},
        ],
        "bullets": [{"bullet": "A bullet."}],
        "numbers": [{"number": "One."}, {"reversed_number": "Two."}],
        "odd": [{"foo": "bar"}, "loose", {"position": "Alone"}, {"title": "No authors"}]
        + [{"authors": ["No title"]}, {"label": "No details"}, {"details": "No label"}],
    },
}


def test_each_rendercv_entry_goes_where_json_resume_puts_it() -> None:
    reader = importer.Reader()
    assert importer.from_rendercv(EVERY_ENTRY, reader) == {
        "basics": {
            "name": "Jo Bloggs",
            "email": "jo@bloggs.example",
            "phone": "+44 1",
            "url": "https://jo.example",
            "location": {"city": "Leeds"},
            "label": "Nurse",
            "profiles": [
                {"network": "GitHub", "username": "jo", "url": "https://github.com/jo"},
                {"network": "Mastodon", "username": "jo", "url": "https://social.example/@jo"},
            ],
            "summary": "Para one. Para two.",
        },
        "work": [
            {"name": "Ward", "position": "Nurse", "startDate": "2019-03", "location": "Leeds"}
            | {"summary": "Nights.", "highlights": ["Cut waits", "Trained staff"]},
            {"name": "Clinic", "position": "Volunteer", "startDate": "2015"},
        ],
        "education": [
            {"institution": "Uni", "area": "Nursing", "studyType": "BSc"}
            | {"startDate": "2014-09", "endDate": "2017-06", "courses": ["Anatomy"]},
            {"institution": "College", "area": "Care"},
            {"institution": "Evening class", "area": ""},
        ],
        "publications": [
            {"name": "On nights", "publisher": "NT", "releaseDate": "2020-05"}
            | {"url": "https://doi.org/10.1/x", "summary": "Ann Other, ***Jo Bloggs***"},
            {"name": "Preprint", "publisher": "arXiv", "releaseDate": "2021"}
            | {"url": "https://p.example", "summary": "Jo Bloggs"},
            {"name": "Draft", "publisher": "", "releaseDate": "2019", "summary": "Jo Bloggs"},
            {"name": "Undated", "publisher": "", "releaseDate": "", "summary": "Jo Bloggs"},
        ],
        "skills": [{"name": "Clinical", "keywords": ["Triage", "Care"]}],
        "projects": [
            {"name": "Rota", "startDate": "2021", "endDate": "2021"}
            | {"description": "Plans.", "highlights": ["Used"]},
            {"name": "Garden", "startDate": "2020", "endDate": "2022"},
            {"name": "Talk"},
            {"name": "Someday"},
            {"name": "Both", "startDate": "2016", "endDate": "2017"},
        ],
    }
    assert reader.unplaced == [
        "cv.social_networks[0]:  nobody",
        "cv.social_networks[2]: GitHub ",
        "cv.social_networks[4]: Mastodon jo",
        "cv.photo",
        "cv.sections.more_text: Extra. More.",
        "cv.sections.education[0].summary: Honours.",
        "cv.sections.projects[0].location: Leeds",
        "cv.sections.projects[2].date: Fall 2023",
        "cv.sections.projects[3].start_date: Spring 2020",
        "cv.sections.projects[3].end_date: never",
        "cv.sections.bullets[0]: A bullet.",
        "cv.sections.numbers[0]: One.",
        "cv.sections.numbers[1]: Two.",
        "cv.sections.odd[0]: {'foo': 'bar'}",
        "cv.sections.odd[1]: loose",
        "cv.sections.odd[2]: {'position': 'Alone'}",
        "cv.sections.odd[3]: {'title': 'No authors'}",
        "cv.sections.odd[4]: {'authors': ['No title']}",
        "cv.sections.odd[5]: {'label': 'No details'}",
        "cv.sections.odd[6]: {'details': 'No label'}",
    ]
    assert reader.normalised == ["cv.sections.summary: its text is the person's summary"]


def test_a_file_is_read_as_json_resume_or_rendercv(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump({"cv": {"name": "Jo"}}), encoding="utf-8")
    resume, reader = importer.read(tmp_path / "cv.yaml")
    assert (resume["basics"]["name"], reader.normalised, reader.unplaced) == ("Jo", [], [])
    settings = {"cv": {"name": "Jo"}, "design": {}, "locale": {}}
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    assert importer.read(tmp_path / "cv.yaml")[1].normalised == [
        "design: RenderCV's settings; this site has its own",
        "locale: RenderCV's settings; this site has its own",
    ]
    (tmp_path / "r.json").write_text('{"basics": {"name": "Jö"}}', encoding="utf-8")
    assert importer.read(tmp_path / "r.json")[0] == {"basics": {"name": "Jö"}}


@pytest.mark.parametrize(
    ("network", "address"),
    [
        ("LinkedIn", "https://linkedin.com/in/jo"),
        ("GitLab", "https://gitlab.com/jo"),
        ("X", "https://x.com/jo"),
        ("Twitter", "https://twitter.com/jo"),
        ("ORCID", "https://orcid.org/jo"),
        ("StackOverflow", "https://stackoverflow.com/users/jo"),
        ("ResearchGate", "https://www.researchgate.net/profile/jo"),
        ("YouTube", "https://youtube.com/@jo"),
        ("Google Scholar", "https://scholar.google.com/citations?user=jo"),
        ("IMDB", "https://imdb.com/name/jo"),
        ("Telegram", "https://t.me/jo"),
        ("WhatsApp", "https://wa.me/jo"),
        ("Leetcode", "https://leetcode.com/u/jo"),
    ],
)
def test_a_rendercv_account_is_linked_where_its_network_keeps_it(
    network: str, address: str
) -> None:
    cv = {"name": "Jo", "social_networks": [{"network": network, "username": "jo"}]}
    profiles = importer.from_rendercv(cv, importer.Reader())["basics"]["profiles"]
    assert profiles == [{"network": network, "username": "jo", "url": address}]


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
    "basics": {"name": "Jo Bloggs", "email": "jo@bloggs.example", "label": "Nurse"},
    "work": [{"name": "Acme", "position": "Dev", "startDate": "2020-02"}],
    "meta": {"lastModified": "2025-03-02T10:00:00"},
}


@pytest.fixture
def engine(tmp_path: Path) -> Path:
    """An engine as :data:`importer.ENGINE` copies one, its owner named as this site's is."""
    root = tmp_path / "engine"
    files = {
        "conf.py": 'project = "Michael J Kelly"\nrelease = "2024-06-08"\n'
        'feed = "tag:michaelkelly.org,2024:"\n'
        'epub_description = "The résumé and portfolio of Michael J Kelly, software engineer."\n'
        'include_patterns = ["index.md"]\nogp_image = "_static/og-card.png"\n',
        "Makefile": "zip: michael-j-kelly-html.zip\n",
        ".readthedocs.yaml": "pdf: michael-j-kelly-resume.pdf\n",
        "requirements.txt": "pins\n",
        "_static/og-card.png": "his name, drawn\n",
        "_static/portfolio.css": "css\n",
        "src/portfolio/model.py": "model\n",
        "src/portfolio/__pycache__/model.cpython-311.pyc": "cache\n",
        "src/mjk_portfolio.egg-info/PKG-INFO": "egg\n",
        "tools/audit/node_modules/lighthouse/index.js": "installed\n",
        "tools/audit/package.json": "pins\n",
        "resume.md": "his résumé page\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_engine_is_written_in_the_new_owners_name(tmp_path: Path, engine: Path) -> None:
    into = tmp_path / "site"
    made = importer.write(SMALL, into, engine)
    assert (into / "requirements.txt").read_text(encoding="utf-8") == "pins\n"
    assert (into / "src/portfolio/model.py").is_file() and (
        into / "_static/portfolio.css"
    ).is_file()
    # Neither the build's leftovers nor his picture; his pages are not the engine.
    assert not (into / "src/portfolio/__pycache__").exists()
    assert not (into / "src/mjk_portfolio.egg-info").exists()
    assert not (into / "tools/audit/node_modules").exists()
    assert (into / "tools/audit/package.json").is_file()
    assert not (into / importer.OWNERS_CARD).exists()
    assert (into / "resume.md").read_text(encoding="utf-8") == made.files["resume.md"]
    assert (into / "conf.py").read_text(encoding="utf-8") == (
        'project = "Jo Bloggs"\nrelease = "2025-03-02"\nfeed = "tag:bloggs.example,2024:"\n'
        'epub_description = "The résumé and portfolio of Jo Bloggs, Nurse."\n'
        "include_patterns = ['index.md', 'resume.md', 'work/**']\nogp_image = None\n"
        "\n# Imported: the résumé's own quotes and dashes, as written.\nsmartquotes = False\n"
    )
    assert (into / "Makefile").read_text(encoding="utf-8") == "zip: jo-bloggs-html.zip\n"
    assert (into / ".readthedocs.yaml").read_text(encoding="utf-8") == "pdf: jo-bloggs-resume.pdf\n"
    for name, text in made.files.items():
        assert (into / name).read_text(encoding="utf-8") == text


def test_a_site_may_be_started_from_a_site_started_so(tmp_path: Path, engine: Path) -> None:
    importer.write(SMALL, tmp_path / "first", engine)
    importer.write(SMALL, tmp_path / "second", tmp_path / "first")
    conf = (tmp_path / "second" / "conf.py").read_text(encoding="utf-8")
    assert conf.count("smartquotes = False") == 1 and 'project = "Jo Bloggs"' in conf


def test_a_site_without_a_headline_or_date_says_neither(tmp_path: Path, engine: Path) -> None:
    resume = {"basics": {"name": "Jo", "email": "jo@example.org"}}
    importer.write(resume, tmp_path / "site", engine)
    conf = (tmp_path / "site" / "conf.py").read_text(encoding="utf-8")
    assert 'portfolio of Jo."' in conf
    assert f'release = "{datetime.date.today().isoformat()}"' in conf


def test_an_import_never_writes_into_a_folder_that_holds_files(
    tmp_path: Path, engine: Path
) -> None:
    (tmp_path / "index.md").write_text("mine", encoding="utf-8")
    with pytest.raises(importer.ImportError_, match="already holds files; nothing was written"):
        importer.write({"basics": {"name": "Jo", "email": "jo@example.org"}}, tmp_path, engine)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["engine", "index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "mine"
    # Nor in place of a file.
    with pytest.raises(importer.ImportError_, match="already holds files"):
        importer.write(SMALL, tmp_path / "index.md", engine)


def test_a_resume_without_a_name_or_address_is_refused(tmp_path: Path, engine: Path) -> None:
    with pytest.raises(importer.ImportError_) as refused:
        importer.write({"basics": {"name": "Jo"}}, tmp_path / "site", engine)
    assert str(refused.value) == "the résumé gives no basics.name or basics.email: add them"
    assert not (tmp_path / "site").exists()


def test_a_site_goes_into_an_empty_folder_or_a_new_one_at_any_depth(
    tmp_path: Path, engine: Path
) -> None:
    (tmp_path / "empty").mkdir()
    importer.write(SMALL, tmp_path / "empty", engine)
    importer.write(SMALL, tmp_path / "a" / "b" / "site", engine)
    for into in (tmp_path / "empty", tmp_path / "a" / "b" / "site"):
        assert (into / "work" / "acme.md").is_file() and (into / "conf.py").is_file()


def test_the_command_says_what_it_did_and_what_to_fix(
    tmp_path: Path,
    engine: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert importer.main([]) == 2
    assert importer.main(["only-one"]) == 2
    assert importer.main(["", "x"]) == 2
    usage = "make import: give FROM=path/to/resume.json (or .yaml) INTO=new-folder\n"
    assert capsys.readouterr().err == usage * 3
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(SMALL | {"hobbies": ["chess"]}), encoding="utf-8")
    monkeypatch.chdir(engine)
    into = tmp_path / "site"
    # As `make import` runs it: the command line's words.
    monkeypatch.setattr("sys.argv", ["portfolio.importer", str(source), str(into)])
    assert importer.main() == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Wrote 4 pages and this site's engine into {into}",
        '  not placed (add it by hand): .hobbies: ["chess"]',
        f"Next: cd {into} && make html",
    ]
    assert importer.main([str(source), str(into)]) == 2
    assert capsys.readouterr().err.startswith(f"make import: {into} already holds files")
    (tmp_path / "cv.yaml").write_text("design: {}\n", encoding="utf-8")
    assert importer.main([str(tmp_path / "cv.yaml"), str(tmp_path / "other")]) == 2
    assert "neither a JSON Resume file (.json) nor a RenderCV file" in capsys.readouterr().err
    assert importer.main([str(tmp_path / "missing.json"), str(tmp_path / "other")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert importer.main([str(tmp_path / "bad.json"), str(tmp_path / "other")]) == 2
    assert capsys.readouterr().err.startswith("make import: Expecting property name")
    # A RenderCV file: its settings are not this site's, and the import says so.
    cv = tmp_path / "cv2.yaml"
    cv.write_text(yaml.safe_dump({"cv": SMALL["basics"], "design": {}}), encoding="utf-8")
    assert importer.main([str(cv), str(tmp_path / "rendered")]) == 0
    said = capsys.readouterr().out
    assert "  changed: design: RenderCV's settings; this site has its own\n" in said
    assert "  not placed (add it by hand): cv.label\n" in said
