"""The catalogue: every page's facts read at once, checked across pages, and what a
change makes Sphinx read again. Real files in a temporary folder; no build."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from sphinx import addnodes

from portfolio import catalog
from portfolio.catalog import Catalogue, Use
from portfolio.frontmatter import Page, Problem
from portfolio.model import Date, Degree, Person, Publication, Skill, Span

from .helpers import changed, employer, page, role, write

SKILLS = """\
---
kind: skills
title: Skills
skills:
  - id: go
    name: Go
    group: languages
  - id: python
    name: Python
    group: languages
---
"""

META = """\
---
kind: employer
title: Meta
summary: Production engineering.
links:
  - title: meta.com
    url: https://meta.com/
roles:
  - id: meta-pe
    title: Production Engineer
    start: 2019
    end: present
    skills: [python]
---
"""

PROJECT = """\
---
kind: project
title: {title}
summary: A project.
start: {start}
end: {end}
skills: [{skills}]
links:
  - title: Source
    url: https://example.com/
---
"""


def site(folder: Path, pages: dict[str, str]) -> SimpleNamespace:
    """An environment that found ``pages`` (docname: text) in ``folder``."""
    for docname, text in pages.items():
        write(folder, f"{docname}.md", text)
    return SimpleNamespace(
        found_docs=set(pages),
        doc2path=lambda docname: folder / f"{docname}.md",
        path2doc=lambda path: (
            str(Path(path).relative_to(folder).with_suffix(""))
            if Path(path).is_relative_to(folder)
            else None
        ),
        portfolio_views={},
        portfolio_facts={},
        portfolio_front_matter={},
    )


def messages(catalogue: Catalogue, folder: Path) -> list[str]:
    return [f"{p.path.relative_to(folder)}:{p.line}: {p.message}" for p in catalogue.problems]


def project(title: str, start: str = "2020", end: str = "2021", skills: str = "go") -> str:
    return PROJECT.format(title=title, start=start, end=end, skills=skills)


# -- Reading every page ----------------------------------------------------------------


def test_a_good_site(tmp_path: Path) -> None:
    env = site(
        tmp_path,
        {
            "index": "# Home\n",
            "skills/index": SKILLS,
            "work/index": "# Work\n",
            "work/meta": META,
            "play/index": "# Play\n",
            "play/tool": project("Tool"),
        },
    )
    catalogue = catalog.build(env)
    assert catalogue.problems == [] and catalogue.broken == set()
    assert sorted(catalogue.pages) == ["play/tool", "skills/index", "work/meta"]
    assert list(catalogue.skills) == ["go", "python"]
    assert catalogue.skills["go"] == Skill(id="go", name="Go", group="languages")


def test_a_page_in_work_or_play_must_say_its_kind(tmp_path: Path) -> None:
    env = site(
        tmp_path,
        {
            "skills/index": SKILLS,
            "play/untyped": "# Untyped\n",
            "work/untyped": "---\ntitle: Untyped\n---\n",
            "play/index": "# Play\n",
            "school/index": "# School\n",
            "play": "# A page named like a section\n",
            "play/more/untyped": "# Deeper, and still in play/\n",
        },
    )
    catalogue = catalog.build(env)
    assert messages(catalogue, tmp_path) == [
        "play/more/untyped.md:1: front matter field 'kind': is required but missing; pages in"
        " play/ start with front matter giving 'kind: project' (`make writeup` writes one for you)",
        "play/untyped.md:1: front matter field 'kind': is required but missing; pages in play/"
        " start with front matter giving 'kind: project' (`make writeup` writes one for you)",
        "work/untyped.md:1: front matter field 'kind': is required but missing; pages in work/"
        " start with front matter giving 'kind: employer' (`make writeup` writes one for you)",
    ]
    assert catalogue.broken == {"play/more/untyped", "play/untyped", "work/untyped"}
    assert sorted(catalogue.pages) == ["skills/index"]


def test_a_page_with_errors_is_broken_not_catalogued(tmp_path: Path) -> None:
    env = site(tmp_path, {"skills/index": SKILLS, "play/bad": project("Bad", end="2019")})
    catalogue = catalog.build(env)
    assert messages(catalogue, tmp_path) == [
        "play/bad.md:6: front matter field 'end': 2019 is before start 2020; end must be on or"
        " after start"
    ]
    assert catalogue.broken == {"play/bad"}
    assert "play/bad" not in catalogue.pages


# -- Across pages ------------------------------------------------------------------------


def test_role_ids_are_unique_across_pages(tmp_path: Path) -> None:
    other = META.replace("title: Meta", "title: Facebook").replace("start: 2019", "start: 2012")
    third = META.replace("title: Meta", "title: Vimeo").replace("meta-pe", "vimeo-sre")
    env = site(
        tmp_path,
        {"skills/index": SKILLS, "work/meta": META, "work/facebook": other, "work/vimeo": third},
    )
    assert messages(catalog.build(env), tmp_path) == [
        "work/meta.md:9: front matter field 'roles': id 'meta-pe' is already used in"
        " work/facebook; role ids label sections and must be unique"
    ]


def test_titles_are_unique_whatever_their_case(tmp_path: Path) -> None:
    env = site(
        tmp_path,
        {"skills/index": SKILLS, "play/a": project("Tool"), "play/b": project("TOOL")},
    )
    assert messages(catalog.build(env), tmp_path) == [
        "play/b.md:3: front matter field 'title': 'TOOL' is already the title of play/a; give"
        " each page its own title"
    ]


def test_skills_must_be_in_the_catalogue(tmp_path: Path) -> None:
    meta = META.replace("skills: [python]", "skills: [python, rust]")
    env = site(
        tmp_path,
        {"skills/index": SKILLS, "work/meta": meta, "play/a": project("A", skills="go, cobol")},
    )
    known = "use an id from the skills page (go, python) or add it there"
    assert messages(catalog.build(env), tmp_path) == [
        f"play/a.md:7: front matter field 'skills': unknown skill id 'cobol'; {known}",
        f"work/meta.md:9: front matter field 'skills': unknown skill id 'rust'; {known}",
    ]


def test_without_a_skills_page_no_skill_is_known(tmp_path: Path) -> None:
    env = site(tmp_path, {"play/a": project("A")})
    assert messages(catalog.build(env), tmp_path) == [
        "play/a.md:7: front matter field 'skills': unknown skill id 'go'; use an id from the"
        " skills page (none defined) or add it there"
    ]


PERSON = """\
---
kind: person
title: {name}
headline: Engineer
location: Springfield
summary: Builds things.
email: jo@example.org
website: https://example.com/
github: https://github.com/jo
blog: https://blog.example.org/
---
"""


def test_only_one_page_is_the_person(tmp_path: Path) -> None:
    env = site(
        tmp_path,
        {
            "index": PERSON.format(name="Jo"),
            "about": PERSON.format(name="Jo B"),
            "me": PERSON.format(name="Jo C"),
        },
    )
    catalogue = catalog.build(env)
    assert messages(catalogue, tmp_path) == [
        f"{name}.md:2: front matter field 'kind': about is already the person page; the site is"
        " about one person, so only one page has 'kind: person'"
        for name in ("index", "me")
    ]
    assert catalogue.person is catalogue.pages["about"]


def test_problems_are_reported_where_they_are(tmp_path: Path, logged: list[Any]) -> None:
    env = site(tmp_path, {"play/a": "# A\n"})
    catalogue = Catalogue(
        problems=[
            Problem(tmp_path / "play" / "a.md", 3, "on a line"),
            Problem(tmp_path / "play" / "a.md", None, "nowhere in particular"),
            Problem(Path("/elsewhere/b.md"), 2, "outside the site"),
        ]
    )
    catalog.report(catalogue.problems, env)  # type: ignore[arg-type]
    assert logged == [
        ("ERROR", "on a line", ("play/a", 3), "portfolio", "frontmatter"),
        ("ERROR", "nowhere in particular", "play/a", "portfolio", "frontmatter"),
        ("ERROR", "outside the site", ("/elsewhere/b.md", 2), "portfolio", "frontmatter"),
    ]


# -- Views of the catalogue ---------------------------------------------------------------


def dated(docname: str, title: str, start: Date, end: Date | None, *skills: str) -> Page:
    end_value = end.value if end else "present"
    return page(
        docname,
        "project",
        title=title,
        summary=".",
        start=start.value,
        end=end_value,
        skills=skills,
    )


#: A page in play/ with no dates: not a project.
UNDATED = page("play/undated", "resume", title="Undated")


def test_pages_in_a_section_newest_first() -> None:
    pages = [
        dated("play/old", "Old", Date(2010), Date(2011)),
        dated("play/b", "B", Date(2015), None),
        dated("play/a", "A", Date(2016), None),
        dated("play/z", "Z", Date(2012), Date(2014)),
        dated("play/y", "Y", Date(2013), Date(2014)),
        UNDATED,
        dated("work/x", "X", Date(2020), None),
    ]
    catalogue = Catalogue(pages={page.docname: page for page in pages})
    # Ongoing first (the later start first), then by end; a tie goes by start, then title.
    assert [page.title for page in catalogue.pages_in("play")] == ["A", "B", "Y", "Z", "Old"]
    assert catalogue.pages_in("school") == []


def test_roles_newest_first() -> None:
    a = employer("work/a", "A", role("a1", "Engineer", Date(2001), Date(2003)))
    b = employer(
        "work/b",
        "B",
        role("b1", "Alpha", Date(2002), Date(2003)),
        role("b2", "Beta", Date(2002), Date(2003)),
        role("b3", "Lead", Date(2004), None),
    )
    catalogue = Catalogue(pages={"work/a": a, "work/b": b})
    assert [r.id for _, r in catalogue.roles()] == ["b3", "b2", "b1", "a1"]
    assert [p.docname for p, _ in catalogue.roles()] == ["work/b", "work/b", "work/b", "work/a"]


def test_where_a_skill_was_used() -> None:
    a = employer(
        "work/a",
        "A",
        role("a1", "Engineer", Date(2001), Date(2003), "go"),
        role("a2", "Lead", Date(2004), Date(2006), "go", "sql"),
    )
    a = changed(a, skills=("go",))
    tool = dated("play/tool", "Tool", Date(2005), None, "go")
    other = dated("play/other", "Other", Date(2002), Date(2002), "sql")
    catalogue = Catalogue(pages={p.docname: p for p in (a, tool, other)})
    # The page that names go beside its roles is not listed again.
    assert catalogue.uses("go") == [Use(tool), Use(a, a.roles[1]), Use(a, a.roles[0])]
    assert catalogue.uses("sql") == [Use(a, a.roles[1]), Use(other)]
    assert catalogue.uses("cobol") == []


def test_the_person_and_education() -> None:
    def school(docname: str, *ends: int) -> Page:
        degrees = tuple(Degree(institution=f"U{end}", degree="BSc", end=end) for end in ends)
        return page(docname, "school", title=docname, education=degrees)

    me = Page("index", Person(title="Jo", email="jo@example.org"))
    catalogue = Catalogue(pages={"a": school("a", 2001, 2009), "index": me, "b": school("b", 2005)})
    assert [d.institution for d in catalogue.education()] == ["U2009", "U2005", "U2001"]
    assert catalogue.person is me
    assert Catalogue(pages={"a": school("a")}).person is None


# -- What a change makes Sphinx read again ---------------------------------------------------


def outdated(
    env: SimpleNamespace,
    *,
    added: frozenset[str] = frozenset(),
    changed: frozenset[str] = frozenset(),
    removed: frozenset[str] = frozenset(),
) -> list[str]:
    app = SimpleNamespace()
    result = catalog.on_env_get_outdated(app, env, added, changed, removed)  # type: ignore[arg-type]
    assert app.portfolio_catalogue.pages == env.portfolio_facts
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changed_facts_reread_the_pages_that_show_their_section(tmp_path: Path) -> None:
    env = site(tmp_path, {"skills/index": SKILLS, "work/meta": META, "play/a": project("A")})
    env.portfolio_views = {
        "index": {"*"},
        "work/index": {"work"},
        "play/index": {"play", "skills"},
        "skills/index": {"skills"},
        "work/meta": {"skills"},
    }
    # The first build has no facts from before: every view is read, but those read anyway.
    assert outdated(env, added=frozenset(env.found_docs)) == ["index", "play/index", "work/index"]
    # An edit to the prose alone changes no other page.
    assert outdated(env, changed=frozenset({"work/meta"})) == []
    edit(tmp_path / "work" / "meta.md", "start: 2019", "start: 2018")
    assert outdated(env, changed=frozenset({"work/meta"})) == ["index", "work/index"]
    edit(tmp_path / "skills" / "index.md", "name: Go", "name: Golang")
    assert outdated(env, changed=frozenset({"skills/index"})) == [
        "index",
        "play/index",
        "work/meta",
    ]
    # A page that is itself being read is not asked for again.
    edit(tmp_path / "work" / "meta.md", "start: 2018", "start: 2017")
    assert outdated(env, changed=frozenset({"work/meta", "work/index"})) == ["index"]


def test_a_fact_page_in_a_subfolder_counts_for_its_section(tmp_path: Path) -> None:
    env = site(tmp_path, {"skills/index": SKILLS, "play/more/a": project("A")})
    env.portfolio_views = {"play/index": {"play"}, "work/index": {"work"}}
    assert outdated(env, changed=frozenset({"play/more/a"})) == ["play/index"]


def test_the_catalogues_problems_are_reported_as_it_is_built(
    tmp_path: Path, logged: list[Any]
) -> None:
    env = site(tmp_path, {"skills/index": SKILLS, "play/a": project("A", end="2019")})
    assert outdated(env, changed=frozenset({"play/a"})) == []
    assert logged == [
        (
            "ERROR",
            "front matter field 'end': 2019 is before start 2020; end must be on or after start",
            ("play/a", 6),
            "portfolio",
            "frontmatter",
        )
    ]


def test_a_removed_fact_page_rereads_its_views(tmp_path: Path) -> None:
    env = site(tmp_path, {"skills/index": SKILLS, "work/meta": META})
    env.portfolio_views = {"work/index": {"work"}, "play/index": {"play"}}
    assert outdated(env) == ["work/index"]
    assert outdated(env) == []
    # The page is gone from disk and from found_docs: the facts it had are what count.
    (tmp_path / "work" / "meta.md").unlink()
    env.found_docs = {"skills/index"}
    assert outdated(env, removed=frozenset({"work/meta"})) == ["work/index"]
    assert env.portfolio_facts.keys() == {"skills/index"}
    assert env.portfolio_front_matter.keys() == {"skills/index"}


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path) -> None:
    env = site(tmp_path, {"play/a": project("A")})
    path = tmp_path / "play" / "a.md"
    first = catalog.build(env).pages["play/a"]
    stamp = path.stat().st_mtime_ns
    # The same size and time: taken for unchanged, so the old facts stand.
    edit(path, "title: A", "title: B")
    os.utime(path, ns=(stamp, stamp))
    assert catalog.build(env).pages["play/a"] is first
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert catalog.build(env).pages["play/a"].title == "B"
    # A new size is a change even at the same time.
    edit(path, "title: B", "title: Bee")
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert catalog.build(env).pages["play/a"].title == "Bee"


def test_views_are_recorded_per_page_and_survive_parallel_reads() -> None:
    env = SimpleNamespace(docname="play/index", portfolio_views={})
    catalog.note_view(env, ["play"])  # type: ignore[arg-type]
    catalog.note_view(env, {"skills"})  # type: ignore[arg-type]
    assert env.portfolio_views == {"play/index": {"play", "skills"}}

    app = SimpleNamespace(env=SimpleNamespace())
    catalog.on_builder_inited(app)  # type: ignore[arg-type]
    state = lambda: (  # noqa: E731
        app.env.portfolio_views,
        app.env.portfolio_facts,
        app.env.portfolio_front_matter,
    )
    assert state() == ({}, {}, {})
    app.env.portfolio_views["x"] = {"play"}
    app.env.portfolio_facts["y"] = "facts"
    app.env.portfolio_front_matter["z"] = "front matter"
    catalog.on_builder_inited(app)  # type: ignore[arg-type]  # a second build keeps them
    assert state() == ({"x": {"play"}}, {"y": "facts"}, {"z": "front matter"})

    catalog.on_env_purge_doc(None, env, "play/index")  # type: ignore[arg-type]
    catalog.on_env_purge_doc(None, env, "never-seen")  # type: ignore[arg-type]
    assert env.portfolio_views == {}

    main = SimpleNamespace(portfolio_views={"a": {"play"}})
    other = SimpleNamespace(portfolio_views={"b": {"work"}, "c": {"skills"}})
    catalog.on_env_merge_info(None, main, {"b", "d"}, other)  # type: ignore[arg-type]
    assert main.portfolio_views == {"a": {"play"}, "b": {"work"}}


def test_the_catalogue_is_the_apps() -> None:
    catalogue = Catalogue()
    assert catalog.catalogue_of(SimpleNamespace(portfolio_catalogue=catalogue)) is catalogue  # type: ignore[arg-type]


# -- Publications -----------------------------------------------------------------------


def paper(paper_id: str, date: Date, *authors: str, title: str = "A Paper") -> Publication:
    return Publication(
        id=paper_id,
        title=title,
        venue="Venue",
        date=date.value,
        authors=authors,
        place="Place",
        url="https://doi.org/1",
        role="a1",
        summary="S.",
    )


def test_publications_newest_first() -> None:
    old = paper("old", Date(2001), "Jo")
    new = paper("new", Date(2003, 2), "Jo")
    twin = paper("twin", Date(2003, 2), "Jo", title="B Paper")
    a = changed(employer("work/a", "A"), publications=(old, new))
    b = changed(employer("work/b", "B"), publications=(twin,))
    catalogue = Catalogue(pages={"work/a": a, "work/b": b})
    assert catalogue.publications() == [(b, twin), (a, new), (a, old)]
    assert catalogue.publication("new") == (a, new)
    assert catalogue.publication("gone") is None


@pytest.mark.parametrize(
    ("authors", "index"),
    [
        (("Jo Bloggs", "Ann Other"), 0),
        (("Ann Other", "Jo Q Bloggs"), 1),  # a middle initial the paper adds
        (("Ann Other", "Jo Bloggs", "Jo Bloggs"), 1),
        (("Ann Other", "Jo Bloggs-Smith"), None),
        (("Jo", "Bloggs"), None),
        (("Bloggs Jo",), None),
        ((), None),
    ],
)
def test_author_index(authors: tuple[str, ...], index: int | None) -> None:
    assert catalog.author_index(paper("p", Date(2001), *authors), "Jo Bloggs") == index
    # A name given in full matches itself, however many words; a middle initial the
    # paper drops still matches.
    assert catalog.author_index(paper("p", Date(2001), "Jo A B Bloggs"), "Jo A B Bloggs") == 0
    assert catalog.author_index(paper("p", Date(2001), "Ann", "Jo Bloggs"), "Jo Q Bloggs") == 1


def test_a_paper_must_credit_the_person(tmp_path: Path) -> None:
    me = PERSON.format(name="Jo Bloggs")
    mine = changed(employer("work/a", "A"), publications=(paper("p", Date(2001), "Jo Q Bloggs"),))
    theirs = changed(employer("work/b", "B"), publications=(paper("q", Date(2001), "Ann Other"),))
    # The line the paper was written on, as the reader keeps it.
    theirs = Page(theirs.docname, theirs.facts, {"publications[0]": 12})
    env = site(tmp_path, {"index": me})
    catalogue = catalog.build(env)
    catalogue.pages |= {"work/a": mine, "work/b": theirs}
    assert [
        (p.path.relative_to(tmp_path).as_posix(), p.line, p.message)
        for p in catalog._cross_page_problems(env, catalogue)  # type: ignore[arg-type]
    ] == [
        (
            "work/b.md",
            12,
            "front matter field 'publications': 'q' does not list Jo Bloggs among its authors"
            " (matched by first and last name); list only papers the person wrote, with the name"
            " as the paper credits it",
        )
    ]
    # Without a person page there is no one to match.
    catalogue = Catalogue(pages={"work/b": theirs})
    assert list(catalog._cross_page_problems(env, catalogue)) == []  # type: ignore[arg-type]


def test_one_reading_serves_the_catalogue_the_placeholders_and_the_draft_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = project("Stub").replace("https://example.com/", "https://example.org/")
    draft = stub.replace("kind: project", "kind: project\ndraft: true").replace("Stub", "Draft")
    env = site(tmp_path, {"skills/index": SKILLS, "play/stub": stub, "play/draft": draft})
    problems = [(p.path.name, p.line, p.message[:40]) for p in catalog.build(env).problems]
    # The published page's placeholder is said with the front matter's problems; the draft's is not.
    assert problems == [("stub.md", 10, "'https://example.org/' is a placeholder ")]
    assert env.portfolio_front_matter["play/draft"].draft
    assert not env.portfolio_front_matter["play/stub"].draft
    # An unchanged file is not read again, for any of them.
    reads: list[Path] = []
    read_text = Path.read_text
    monkeypatch.setattr(
        Path, "read_text", lambda p, *a, **k: reads.append(p) or read_text(p, *a, **k)
    )
    catalog.build(env)
    assert reads == []
    edit(tmp_path / "play" / "stub.md", "https://example.org/", "https://example.com/stub")
    reads.clear()
    assert catalog.build(env).problems == [] and reads == [tmp_path / "play" / "stub.md"]


def test_consecutive_roles_at_one_employer_stand_under_its_name_with_its_tenure() -> None:
    vimeo = employer(
        "work/vimeo",
        "Vimeo",
        role("lead", "Lead", Date(2017), Date(2019)),
        role("sre", "SRE", Date(2015), Date(2017)),
    )
    google = employer(
        "work/google",
        "Google",
        role("g-sre", "SRE", Date(2009, 4), Date(2015)),
        role("g-intern", "Intern", Date(2007), Date(2007)),
    )
    meta = employer("work/meta", "Meta", role("pe", "PE", Date(2019), None))
    ucsd = employer("work/ucsd", "UCSD", role("tutor", "Tutor", Date(2006), Date(2008)))
    roles = [(meta, meta.roles[0]), (vimeo, vimeo.roles[0]), (vimeo, vimeo.roles[1])]
    roles += [(google, google.roles[0]), (ucsd, ucsd.roles[0]), (google, google.roles[1])]
    # Google's roles are apart: another employer's stands between them.
    assert catalog.employer_groups(roles) == [[0], [1, 2], [3], [4], [5]]
    assert catalog.employer_groups([]) == []
    later = [(meta, meta.roles[0]), (ucsd, ucsd.roles[0]), *roles[1:3]]
    assert catalog.employer_groups(later) == [[0], [1], [2, 3]]
    assert str(catalog.tenure(roles, [1, 2])) == "2015\u20132019"
    # From the earliest start to the latest end, whatever the order given.
    assert catalog.tenure(roles, [5, 3]) == Span(Date(2007), Date(2015))
    # A role that goes on makes the tenure go on.
    both = [(meta, meta.roles[0]), (google, google.roles[0])]
    assert catalog.tenure(both, [0, 1]) == Span(Date(2009, 4), None)
    # Each role's tenure, where it stands among others: the résumé's one reading of it.
    vimeo_years = Span(Date(2015), Date(2019))
    assert catalog.tenures(roles) == [None, vimeo_years, vimeo_years, None, None, None]
    assert catalog.tenures([]) == []


def test_write_ups_newest_first_whatever_their_folder() -> None:
    pages = [
        dated("play/b", "B", Date(2015), None),
        dated("play/a", "A", Date(2015), None),
        dated("work/side", "Side", Date(2016), Date(2017)),
        UNDATED,
        employer("work/x", "X", role("x", "X", Date(2020), None)),
    ]
    # A write-up filed outside play/ is one too; an employer's page with dates is not.
    catalogue = Catalogue(pages={page.docname: page for page in pages})
    # Only projects with dates; a tie goes by title, as the Play listing orders them.
    assert [page.title for page in catalogue.projects()] == ["B", "A", "Side"]


def test_skill_names_as_the_catalogue_spells_them() -> None:
    skills = page(
        "skills/index",
        "skills",
        title="Skills",
        catalogue=(
            Skill(id="go", name="Go", group="languages"),
            Skill(id="k8s", name="Kubernetes", group="infrastructure"),
        ),
    )
    catalogue = Catalogue(pages={"skills/index": skills})
    # In the order asked; an id the catalogue lacks is its problem, not a crash here.
    assert catalogue.skill_names(["k8s", "nope", "go"]) == ["Kubernetes", "Go"]
    assert catalogue.skill_names([]) == []


def test_a_listing_is_not_written_again_for_a_page_whose_facts_it_reads_again_for() -> None:
    files_to_rebuild = {
        "play/tool": {"play/index", "play/notes"},
        "work/meta": {"work/index", "play/index"},
        "play/index": {"index"},
        # A page in a subfolder belongs to its top folder's section.
        "play/2020/game": {"play/index"},
    }
    views = {"play/index": {"play", "skills"}, "work/index": {catalog.ALL_SECTIONS}}
    hidden_only = {"play/index", "work/index", "index"}
    assert catalog.spared_parents(files_to_rebuild, views, hidden_only) == {
        # play/notes is no view, and play/index shows nothing of work/.
        "play/tool": {"play/notes"},
        "work/meta": {"play/index"},
        # The landing page is no view: Sphinx's rule stands.
        "play/index": {"index"},
        "play/2020/game": set(),
    }
    # A view with a toctree on show keeps Sphinx's rule: it shows its pages' headings.
    assert catalog.spared_parents(files_to_rebuild, views, set()) == files_to_rebuild


def test_writing_starts_with_the_views_spared() -> None:
    def toc(*hidden: bool) -> nodes.bullet_list:
        tree = nodes.bullet_list()
        for flag in hidden:
            tree += addnodes.toctree(hidden=flag)
        return tree

    env = SimpleNamespace(
        portfolio_views={"play/index": {"play"}, "work/index": {"work"}, "skills/index": {"play"}},
        tocs={"play/index": toc(True), "work/index": toc(True, False)},
        files_to_rebuild={"play/tool": {"play/index"}, "work/meta": {"work/index"}},
    )
    catalog.on_write_started(SimpleNamespace(), SimpleNamespace(env=env))
    # work/index has a toctree on show; skills/index has no toctree (no entry in tocs).
    assert env.files_to_rebuild == {"play/tool": set(), "work/meta": {"work/index"}}
