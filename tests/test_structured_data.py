"""Machine-readable résumé data: JSON-LD, resume.json, link previews and descriptions.

Every value is checked against the front matter it comes from, read here
independently of the extension. ``data/jsonresume-schema.json`` is the
official JSON Resume schema, ``schema.json`` of the npm package
``@jsonresume/schema`` 1.3.1 (MIT, see ``data/jsonresume-schema.LICENSE``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator, FormatChecker

from conftest import ROOT, front_matter_problems, plant_role, sphinx_build
from portfolio.frontmatter import Page, read_page

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "jsonresume-schema.json").read_text(encoding="utf-8")
)


def front_matter(docname: str, root: Path = ROOT) -> Page:
    page, problems = read_page(root / f"{docname}.md", docname)
    assert page is not None and not problems, problems
    return page


def pages_of(root: Path = ROOT) -> dict[str, Page]:
    pages = {}
    for path in sorted(root.glob("**/*.md")):
        docname = path.relative_to(root).with_suffix("").as_posix()
        if docname.split("/")[0] in {"index", "work", "skills", "school", "play"}:
            page, _ = read_page(path, docname)
            if page is not None:
                pages[docname] = page
    return pages


def soup(html: Path) -> BeautifulSoup:
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def json_ld(html: Path) -> list[dict[str, Any]]:
    return [
        json.loads(tag.string) for tag in soup(html).find_all("script", type="application/ld+json")
    ]


def schema_problems(resume: dict[str, Any]) -> list[str]:
    validator = Draft7Validator(SCHEMA, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in sorted(
            validator.iter_errors(resume), key=lambda e: list(map(str, e.absolute_path))
        )
    ]


# -- JSON-LD ----------------------------------------------------------------------


def test_the_landing_page_describes_the_person(site: Path) -> None:
    person, *_ = json_ld(site / "index.html")
    me = front_matter("index")
    assert me.person is not None
    pages = pages_of()
    current = [(p, r) for p in pages.values() for r in p.roles if r.span.end is None]
    assert [r.title for _, r in current] == ["Production Engineer"]
    [(employer, role)] = current
    school = front_matter("school/index")
    skills = front_matter("skills/index")

    assert person["@context"] == "https://schema.org" and person["@type"] == "Person"
    assert person["@id"] == f"{me.person.website}#person"
    assert person["name"] == me.title == "Michael J Kelly"
    assert person["jobTitle"] == role.title
    assert person["worksFor"] == [
        {"@type": "Organization", "name": "Meta", "url": employer.links[0].url}
    ]
    assert employer.title == "Meta"
    assert [org["name"] for org in person["alumniOf"]] == [d.institution for d in school.education]
    assert person["alumniOf"][0]["name"] == "University of California, San Diego"
    assert person["knowsAbout"] == [skill.name for skill in skills.catalogue]
    assert person["sameAs"] == [me.person.github, me.person.blog, me.person.website]
    assert person["email"] == f"mailto:{me.person.email}"
    assert person["description"] == me.summary


def test_the_landing_page_lists_his_papers_as_scholarly_articles(site: Path) -> None:
    _, *articles = json_ld(site / "index.html")
    me = front_matter("index")
    assert me.person is not None
    papers = front_matter("work/ucsd").publications
    assert [paper.id for paper in papers] == ["sigcse-2007"]
    expected = []
    for paper in papers:
        authors = [{"@type": "Person", "name": name} for name in paper.authors]
        authors[paper.authors.index("Michael Kelly")]["@id"] = f"{me.person.website}#person"
        expected.append(
            {
                "@context": "https://schema.org",
                "@type": "ScholarlyArticle",
                "name": paper.title,
                "author": authors,
                "datePublished": paper.published.iso,
                "url": paper.url,
                "abstract": paper.summary,
                "publication": {
                    "@type": "PublicationEvent",
                    "name": paper.venue,
                    "location": {"@type": "Place", "name": paper.place},
                },
            }
        )
    assert articles == expected
    assert articles[0]["publication"]["name"] == "SIGCSE \u201907"
    assert articles[0]["datePublished"] == "2007-03"


def test_only_the_landing_page_has_json_ld(site: Path) -> None:
    with_ld = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html")) if json_ld(p)]
    assert with_ld == ["index.html"]


def test_the_front_matter_matches_what_the_landing_page_says(site: Path) -> None:
    """The person front matter and the landing page's prose cannot drift apart."""
    me = front_matter("index")
    assert me.person is not None
    article = soup(site / "index.html").find("article")
    headline = article.select_one(".portfolio-headline").get_text(" ", strip=True)
    assert headline == f"{me.person.headline} in {me.person.location}"
    hrefs = {a["href"] for a in article.select(".portfolio-contact a")}
    assert hrefs == {
        f"mailto:{me.person.email}",
        me.person.website,
        me.person.github,
        me.person.blog,
        "resume.html",  # the whole résumé, on the site
        # The résumé to take away, beside the page (portfolio.downloads).
        "michael-j-kelly-resume.pdf",
        "michael-j-kelly-resume.txt",
    }
    statement = article.select_one(".portfolio-statement").get_text(" ", strip=True)
    assert " ".join(statement.split()) == me.summary


def test_json_ld_cannot_close_its_script_element() -> None:
    from portfolio.structured_data import script_tag

    tag = script_tag({"name": "</script><script>alert(1)</script>"})
    assert tag.count("</script>") == 1
    assert json.loads(tag.split(">", 1)[1].rsplit("<", 1)[0]) == {
        "name": "</script><script>alert(1)</script>"
    }


# -- resume.json ------------------------------------------------------------------


@pytest.fixture(scope="module")
def resume(site: Path) -> dict[str, Any]:
    return json.loads((site / "resume.json").read_text(encoding="utf-8"))


def test_resume_json_is_valid_json_resume(resume: dict[str, Any]) -> None:
    assert schema_problems(resume) == []


def test_the_schema_check_catches_a_bad_resume(resume: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(resume))
    broken["work"][0]["startDate"] = "June 2019"
    broken["basics"]["email"] = "m at michaelkelly.org"
    broken["skills"] = {"python": True}
    problems = schema_problems(broken)
    assert problems == [
        "basics/email: 'm at michaelkelly.org' is not a 'email'",
        "skills: {'python': True} is not of type 'array'",
        (
            "work/0/startDate: 'June 2019' does not match "
            "'^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$'"
        ),
    ]


def test_resume_json_says_what_the_front_matter_says(resume: dict[str, Any]) -> None:
    me = front_matter("index")
    assert me.person is not None
    pages = pages_of()
    basics = resume["basics"]
    assert (basics["name"], basics["label"], basics["email"], basics["url"], basics["summary"]) == (
        me.title,
        me.person.headline,
        me.person.email,
        me.person.website,
        me.summary,
    )
    assert basics["location"] == {"city": me.person.location}
    assert [p["url"] for p in basics["profiles"]] == [me.person.github, me.person.blog]

    roles = sorted(
        (
            (
                page.title,
                role.title,
                role.span.start.iso,
                role.span.end.iso if role.span.end else None,
            )
            for page in pages.values()
            for role in page.roles
        ),
        key=lambda r: (r[3] or "9999", r[2]),
        reverse=True,
    )
    work = [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in resume["work"]]
    assert sorted(work, key=lambda r: (r[3] or "9999", r[2]), reverse=True) == roles
    assert len(work) == 8

    degrees = front_matter("school/index").education
    assert [
        (e["institution"], e["studyType"], e["area"], e["endDate"]) for e in resume["education"]
    ] == [(d.institution, d.degree, d.area, str(d.end)) for d in degrees]
    assert resume["education"][0]["endDate"] == "2009"

    catalogue = front_matter("skills/index").catalogue
    assert sorted(k for group in resume["skills"] for k in group["keywords"]) == sorted(
        skill.name for skill in catalogue
    )
    papers = [paper for page in pages.values() for paper in page.publications]
    assert resume["publications"] == [
        {
            "name": paper.title,
            "publisher": f"{paper.venue}, {paper.place}",
            "releaseDate": paper.published.iso,
            "url": paper.url,
            "summary": paper.summary,
        }
        for paper in sorted(papers, key=lambda paper: paper.published, reverse=True)
    ]
    assert len(resume["publications"]) == 1

    projects = {p.title: p for p in pages.values() if p.kind == "project"}
    assert {p["name"] for p in resume["projects"]} == set(projects)
    for project in resume["projects"]:
        page = projects[project["name"]]
        assert project["description"] == page.summary
        assert project["url"] == page.links[0].url
        assert project["startDate"] == page.span.start.iso  # type: ignore[union-attr]


def test_resume_json_carries_each_roles_write_up(resume: dict[str, Any]) -> None:
    google = next(
        w
        for w in resume["work"]
        if w["position"] == "Site Reliability Engineer" and w["name"] == "Google"
    )
    assert google["highlights"][0] == (
        "I co-designed and built a framework for automated testing of data recovery."
    )
    assert all(w["highlights"] for w in resume["work"])


def test_resume_json_is_linked_from_the_landing_page(site: Path) -> None:
    link = soup(site / "index.html").find("link", rel="alternate", type="application/json")
    assert link is not None and link["href"] == "resume.json"


def test_a_new_role_reaches_resume_json(site_copy: Path, tmp_path: Path) -> None:
    plant_role(
        site_copy / "work" / "vimeo.md", "vimeo-planted", "Planted.", start="2019-02", end="2019-03"
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    resume = json.loads((build.outdir / "resume.json").read_text(encoding="utf-8"))
    planted = [w for w in resume["work"] if w["position"] == "Planted Role"]
    assert planted == [
        {
            "name": "Vimeo",
            "position": "Planted Role",
            "url": "https://vimeo.com/",
            "startDate": "2019-02",
            "endDate": "2019-03",
            "highlights": ["Planted."],
        }
    ]
    assert schema_problems(resume) == []


def test_only_web_builds_write_resume_json(tmp_path: Path) -> None:
    build = sphinx_build(ROOT, tmp_path / "epub", "-d", str(tmp_path / "doctrees"), builder="epub")
    assert build.returncode == 0, build.output
    assert not (build.outdir / "resume.json").exists()


# -- Descriptions and link previews -------------------------------------------------


def test_every_page_has_a_description(site: Path) -> None:
    missing = []
    for html in sorted(site.rglob("*.html")):
        tags = soup(html).find_all("meta", attrs={"name": "description"})
        if len(tags) != 1 or len(tags[0]["content"].strip()) < 10:
            missing.append(f"{html.relative_to(site)}: {[t.get('content') for t in tags]}")
    assert missing == []


def test_descriptions_come_from_the_summary_or_the_first_paragraph(site: Path) -> None:
    def description(page: str) -> str:
        return soup(site / page).find("meta", attrs={"name": "description"})["content"]

    for docname, page in pages_of().items():
        if page.summary:
            assert description(f"{docname}.html") == page.summary, docname
    first = soup(site / "work" / "index.html").find("article").find("p").get_text(" ", strip=True)
    assert description("work/index.html") == " ".join(first.split())


def test_a_changed_summary_changes_the_description(site_copy: Path, tmp_path: Path) -> None:
    page = site_copy / "play" / "passphraser.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "summary: A self-contained passphrase generator",
            "summary: A planted summary. A self-contained passphrase generator",
        ),
        encoding="utf-8",
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    html = soup(build.outdir / "play" / "passphraser.html")
    for tag in (
        html.find("meta", attrs={"name": "description"}),
        html.find("meta", property="og:description"),
    ):
        assert tag["content"].startswith("A planted summary.")


def test_link_previews_on_every_page(tmp_path: Path) -> None:
    """On Read the Docs the address is known, so previews carry absolute URLs."""
    base = "https://example.readthedocs.io/en/latest/"
    build = sphinx_build(
        ROOT,
        tmp_path / "html",
        "-d",
        str(tmp_path / "doctrees"),
        env={"READTHEDOCS_CANONICAL_URL": base},
    )
    assert build.returncode == 0, build.output
    problems = []
    for page in [
        "index",
        "work/index",
        "work/google",
        "skills/index",
        "school/index",
        "play/passphraser",
    ]:
        head = soup(build.outdir / f"{page}.html").head
        tags = {
            t.get("property") or t.get("name"): t["content"]
            for t in head.find_all("meta")
            if t.get("content")
        }
        expected = {
            "og:url": f"{base}{page}.html",
            # Its own card (portfolio.cards), absolute as Open Graph wants.
            "og:image": f"{base}_cards/{page}.png",
            "twitter:card": "summary_large_image",
            "og:description": tags.get("description"),
        }
        problems += [
            f"{page}: {key}={tags.get(key)!r}"
            for key, value in expected.items()
            if tags.get(key) != value
        ]
        if not tags.get("og:title"):
            problems.append(f"{page}: no og:title")
    assert problems == []
    assert (build.outdir / "_static" / "og-card.png").stat().st_size < 50_000


# -- Bad person and school front matter ------------------------------------------------

PERSON = """\
---
kind: person
title: Michael J Kelly
headline: Software Engineer
location: New York City
summary: I love building great software.
email: m@michaelkelly.org
website: https://www.michaelkelly.org/
github: https://github.com/mjkelly
blog: https://blog.michaelkelly.org/
---
"""

SCHOOL = """\
---
kind: school
title: School
education:
  - institution: University of California, San Diego
    url: https://ucsd.edu/
    degree: Bachelor of Science
    area: Computer Science
    end: 2009
---
"""


@pytest.mark.parametrize("text", [PERSON, SCHOOL])
def test_good_person_and_school_pages_have_no_problems(tmp_path: Path, text: str) -> None:
    assert front_matter_problems(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        (
            PERSON,
            "email: m@michaelkelly.org",
            "email: mailto:m@michaelkelly.org",
            (
                "7: front matter field 'email': 'mailto:m@michaelkelly.org' is not an e-mail address; "
                "write it bare, like name@example.org"
            ),
        ),
        (
            PERSON,
            "github: https://github.com/mjkelly",
            "github: https://gitlab.com/mjkelly",
            (
                "9: front matter field 'github': 'https://gitlab.com/mjkelly' is not a GitHub profile; "
                "give https://github.com/<user>"
            ),
        ),
        (
            PERSON,
            "blog: https://blog.michaelkelly.org/",
            "blog: http://blog.michaelkelly.org/",
            "10: front matter field 'blog': 'http://blog.michaelkelly.org/' must start with https://",
        ),
        (
            PERSON,
            "email: m@michaelkelly.org\n",
            "",
            "2: front matter field 'email': is required but missing",
        ),
        (
            PERSON,
            "location: New York City",
            "city: New York City",
            (
                "5: front matter field 'city': is not a known field; allowed here: address,"
                " blog, country_code, email, github, headline, image, kind, location, phone,"
                " postal_code, profiles, region, summary, title, website"
            ),
        ),
        (
            SCHOOL,
            "    end: 2009",
            "    end: now",
            (
                "9: front matter field 'education[0].end': 'now' is not a date; "
                "give a year (2019) or a year and month (2019-04), or 'present'"
            ),
        ),
        (
            SCHOOL,
            "    degree: Bachelor of Science\n",
            "    degee: Bachelor of Science\n",
            (
                "5: front matter field 'education[0].degree': is required but missing\n"
                "7: front matter field 'education[0].degee': is not a known field; "
                "allowed here: area, courses, degree, end, institution, score, start, url"
            ),
        ),
        (
            SCHOOL,
            "    url: https://ucsd.edu/",
            "    url: ucsd.edu",
            "6: front matter field 'education[0].url': 'ucsd.edu' must start with https://",
        ),
        (
            SCHOOL,
            SCHOOL[SCHOOL.index("education:") : SCHOOL.rindex("---")],
            "education: []\n",
            "4: front matter field 'education': must list at least one degree",
        ),
    ],
)
def test_each_person_or_school_mistake_is_named(
    tmp_path: Path, text: str, old: str, new: str, expected: str
) -> None:
    assert old in text
    assert front_matter_problems(tmp_path, text.replace(old, new, 1)) == expected.split("\n")


def test_a_malformed_person_page_fails_the_build_by_name(site_copy: Path, tmp_path: Path) -> None:
    page = site_copy / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "email: m@michaelkelly.org", "email: m(at)michaelkelly.org"
        ),
        encoding="utf-8",
    )
    school = site_copy / "school" / "index.md"
    school.write_text(
        school.read_text(encoding="utf-8").replace("    end: 2009", "    end: 2009-13"),
        encoding="utf-8",
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert re.search(
        r"index\.md:\d+: ERROR: front matter field 'email': 'm\(at\)michaelkelly\.org' is not an e-mail",
        build.output,
    ), build.output
    assert re.search(
        r"school/index\.md:\d+: ERROR: front matter field 'education\[0\]\.end': month 13 does not exist",
        build.output,
    ), build.output


def test_two_person_pages_are_an_error(site_copy: Path, tmp_path: Path) -> None:
    page = site_copy / "play" / "index.md"
    page.write_text(
        PERSON.replace("title: Michael J Kelly", "title: Someone Else")
        + page.read_text(encoding="utf-8").split("---", 2)[2],
        encoding="utf-8",
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert re.search(
        r"play/index\.md:2: ERROR: front matter field 'kind': index is already the person page",
        build.output,
    ), build.output
