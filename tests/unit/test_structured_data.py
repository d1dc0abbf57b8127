"""Descriptions, JSON-LD and resume.json from a hand-made catalogue; no build."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import msgspec
import pytest
from docutils import nodes
from docutils.utils import new_document
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.builders.text import TextBuilder

from portfolio import structured_data as sd
from portfolio.catalog import Catalogue
from portfolio.frontmatter import Page
from portfolio.model import Date, Link, Skill, Span
from portfolio.variants import PRINT_ONLY, public

from . import helpers
from .helpers import ME, PERSON, SCHOOL, Calls, changed, employer, page, role

META = employer(
    "work/meta",
    "Meta",
    role("meta-pe", "Production Engineer", Date(2019, 5), None, "python"),
    url="https://meta.com/",
)
VIMEO = employer(
    "work/vimeo",
    "Vimeo",
    role("vimeo-sre", "Lead SRE", Date(2016), None, "go"),
    role("vimeo-dev", "Developer", Date(2014, 2), Date(2015, 12)),
    url="https://vimeo.com/",
)
SKILLS = page(
    "skills/index",
    "skills",
    title="Skills",
    catalogue=(
        Skill(id="go", name="Go", group="languages"),
        Skill(id="mysql", name="MySQL", group="data-stores"),
        Skill(id="python", name="Python", group="languages"),
    ),
)


def project(docname: str, title: str, span: Span, *skills: str) -> Page:
    return page(
        docname,
        "project",
        title=title,
        summary=f"{title}, in short.",
        links=(Link(title="Source", url=f"https://example.org/{title}"),),
        start=span.start.value,
        end=span.end.value if span.end else "present",
        skills=skills,
    )


TOOL = project("play/tool", "Tool", Span(Date(2020), Date(2021)), "go", "unknown")
APP = project("play/app", "App", Span(Date(2022, 3), None), "python")


def catalogue(*pages: Page) -> Catalogue:
    return Catalogue(pages={page.docname: page for page in pages})


SITE = catalogue(ME, META, VIMEO, SCHOOL, SKILLS, TOOL, APP)


def doctree(*paragraphs: str) -> nodes.document:
    document = new_document("page")
    section = nodes.section()
    section += nodes.title("Title", "Title")
    section += [nodes.paragraph(text, text) for text in paragraphs]
    document += section
    return document


# -- Descriptions --------------------------------------------------------------------------


def test_shorten() -> None:
    assert sd.shorten("  a\n b\tc  ") == "a b c"
    assert sd.shorten("x" * 200) == "x" * 200
    # Cut at the last space that leaves room for the ellipsis, without trailing punctuation.
    assert sd.shorten("aaa bbb, ccc", limit=11) == "aaa bbb\u2026"
    assert sd.shorten("aaa bbb; ccc", limit=10) == "aaa bbb\u2026"
    assert sd.shorten("aaa: bb ccc", limit=8) == "aaa\u2026"
    assert sd.shorten("aaa bbb ccc", limit=9) == "aaa bbb\u2026"
    # A word that reaches the cut may go on past it: it is dropped.
    assert sd.shorten("aaa bbb ccc", limit=8) == "aaa\u2026"
    assert sd.shorten("aaa bbb ccc", limit=7) == "aaa\u2026"
    assert sd.shorten("aaa bbX ccc", limit=10) == "aaa bbX\u2026"
    # At most 200 characters: 39 words and the ellipsis, as the 40th reaches the cut.
    assert sd.shorten("word " * 100) == "word " * 38 + "word\u2026"
    assert sd.DESCRIPTION_LENGTH == 200


def test_first_paragraph() -> None:
    assert sd.first_paragraph(doctree("", "  First.  ", "Second.")) == "First."
    assert sd.first_paragraph(doctree()) == ""


def test_a_description_is_the_summary_or_else_the_first_paragraph() -> None:
    tree = doctree("From the page.")
    assert sd.description(SITE, "work/meta", tree) == "Meta summary."
    assert sd.description(SITE, "school/index", tree) == "From the page."  # no summary
    assert sd.description(SITE, "about", tree) == "From the page."  # no front matter
    assert sd.description(SITE, "about", doctree("word " * 100)) == sd.shorten("word " * 100)


# -- JSON-LD -------------------------------------------------------------------------------

PERSON_LD = {
    "@context": "https://schema.org",
    "@type": "Person",
    "@id": "https://jo.example.org/#person",
    "name": "Jo Bloggs",
    "description": "Keeps sites up.",
    "email": "mailto:jo@example.org",
    "url": "https://jo.example.org/",
    "homeLocation": {"@type": "Place", "name": "Springfield"},
    "jobTitle": "Production Engineer",
    "worksFor": [
        {"@type": "Organization", "name": "Meta", "url": "https://meta.com/"},
        {"@type": "Organization", "name": "Vimeo", "url": "https://vimeo.com/"},
    ],
    "alumniOf": [
        {"@type": "CollegeOrUniversity", "name": "New U", "url": "https://new.edu/"},
        {"@type": "CollegeOrUniversity", "name": "Old U", "url": "https://old.edu/"},
    ],
    # As the résumé shows them: by group, each group in the order written.
    "knowsAbout": ["Go", "Python", "MySQL"],
    "sameAs": ["https://github.com/jo", "https://blog.example.org/", "https://jo.example.org/"],
}


def facts_of(site: Catalogue) -> dict[str, Any]:
    return sd.resume_facts(site, ME, "2024-06-08")


def test_the_person_as_json_ld() -> None:
    data = sd.person_json_ld(facts_of(SITE))
    assert data == PERSON_LD
    assert list(data) == list(PERSON_LD)


def test_a_person_between_jobs_has_no_job_title() -> None:
    ended = employer("work/a", "A", role("a", "Engineer", Date(2001), Date(2002)))
    data = sd.person_json_ld(facts_of(catalogue(ME, ended)))
    assert "jobTitle" not in data and "worksFor" not in data
    assert (data["alumniOf"], data["knowsAbout"]) == ([], [])


def test_an_employer_with_two_current_roles_is_named_once() -> None:
    two = employer(
        "work/a",
        "A",
        role("a1", "Lead", Date(2010), None),
        role("a2", "Advisor", Date(2009), None),
    )
    data = sd.person_json_ld(facts_of(catalogue(ME, two)))
    assert (data["jobTitle"], data["worksFor"]) == (
        "Lead",
        [{"@type": "Organization", "name": "A", "url": "https://example.org/"}],
    )
    assert sd.organisation({"name": "A", "url": "https://example.org/"}, "Corporation") == {
        "@type": "Corporation",
        "name": "A",
        "url": "https://example.org/",
    }


def test_the_script_element_cannot_be_closed_early() -> None:
    assert sd.script_tag({"name": "</script><b>é"}) == (
        '<script type="application/ld+json">\n{\n "name": "<\\/script><b>é"\n}\n</script>\n'
    )


# -- JSON Resume -----------------------------------------------------------------------------


def test_iso_dates() -> None:
    assert sd.iso_dates(Span(Date(2019, 5), None)) == {"startDate": "2019-05"}
    assert sd.iso_dates(Span(Date(2019), Date(2020, 1))) == {
        "startDate": "2019",
        "endDate": "2020-01",
    }
    assert sd.iso_dates(None, Date(2001)) == {"endDate": "2001"}
    assert sd.iso_dates(Date(2000), Date(2001)) == {"startDate": "2000", "endDate": "2001"}
    assert sd.iso_dates(None) == {}


def write_up() -> nodes.document:
    document = new_document("work/meta")
    other = nodes.section(ids=["elsewhere"])
    other += nodes.paragraph("Not this.", "Not this.")
    section = nodes.section(ids=["meta-pe", "production-engineer"])
    section += nodes.title("Production Engineer", "Production Engineer")
    section += nodes.paragraph("May 2019–present", "May 2019–present", classes=["portfolio-dates"])
    section += nodes.paragraph("Ran   the\nfleet.", "Ran   the\nfleet.")
    items = nodes.bullet_list()
    items += [nodes.list_item("", nodes.paragraph(t, t)) for t in ("Cut  costs.", "Wrote tools.")]
    section += items
    section += nodes.container("", nodes.paragraph("Badges", "Badges"))
    document += [other, section]
    return document


def app_for(tmp_path: Path, builder: Any = None) -> SimpleNamespace:
    trees = {"work/meta": write_up()}
    env = SimpleNamespace(get_doctree=lambda docname: trees.get(docname, new_document(docname)))
    config = SimpleNamespace(release="2024-06-08", project="Jo Bloggs", root_doc="index")
    return SimpleNamespace(env=env, config=config, builder=builder, outdir=str(tmp_path))


def test_a_roles_highlights_are_its_sections_paragraphs_and_items(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    # Paragraphs before a list are its summary; the list items its highlights.
    assert sd.role_prose(app, META, META.roles[0]) == {
        "summary": "Ran the fleet.",
        "highlights": ["Cut costs.", "Wrote tools."],
    }
    assert sd.role_prose(app, VIMEO, VIMEO.roles[0]) == {"highlights": []}


def test_a_role_labelled_on_one_paragraph_has_that_paragraph(tmp_path: Path) -> None:
    # As the PDF quotes it (downloads.labelled): whatever node the label names.
    app = app_for(tmp_path)
    tree = new_document("work/vimeo")
    tree += nodes.paragraph("", "Other words.")
    tree += nodes.paragraph("", "Kept  the\nsite up.", ids=["vimeo-sre"])
    app.env.get_doctree = lambda docname: tree
    assert sd.role_prose(app, VIMEO, VIMEO.roles[0]) == {"highlights": ["Kept the site up."]}


def test_skill_groups() -> None:
    assert sd.skill_groups(SITE) == [
        {"name": "Languages", "keywords": ["Go", "Python"], "id": "languages"},
        {"name": "Data stores", "keywords": ["MySQL"], "id": "data-stores"},
    ]


#: resume.json: the facts as JSON Resume holds them, without what only the résumé shows.
RESUME = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Jo Bloggs",
        "label": "Production engineer",
        "email": "jo@example.org",
        "url": "https://jo.example.org/",
        "summary": "Keeps sites up.",
        "location": {"city": "Springfield"},
        "profiles": [
            {"network": "GitHub", "username": "jo", "url": "https://github.com/jo"},
            {"network": "Blog", "url": "https://blog.example.org/"},
        ],
    },
    "work": [
        {
            "name": "Meta",
            "position": "Production Engineer",
            "url": "https://meta.com/",
            "startDate": "2019-05",
            "summary": "Ran the fleet.",
            "highlights": ["Cut costs.", "Wrote tools."],
        },
        {
            "name": "Vimeo",
            "position": "Lead SRE",
            "url": "https://vimeo.com/",
            "startDate": "2016",
            "highlights": [],
        },
        {
            "name": "Vimeo",
            "position": "Developer",
            "url": "https://vimeo.com/",
            "startDate": "2014-02",
            "endDate": "2015-12",
            "highlights": [],
        },
    ],
    "education": [
        {
            "institution": "New U",
            "url": "https://new.edu/",
            "area": "Maths",
            "studyType": "MSc",
            "startDate": "2002-09",
            "endDate": "2004-06",
        },
        {
            "institution": "Old U",
            "url": "https://old.edu/",
            "area": "Physics",
            "studyType": "BSc",
            "endDate": "2001",
        },
    ],
    "skills": [
        {"name": "Languages", "keywords": ["Go", "Python"]},
        {"name": "Data stores", "keywords": ["MySQL"]},
    ],
    "publications": [],
    "projects": [
        {
            "name": "App",
            "description": "App, in short.",
            "url": "https://example.org/App",
            "startDate": "2022-03",
            "keywords": ["Python"],
        },
        {
            "name": "Tool",
            "description": "Tool, in short.",
            "url": "https://example.org/Tool",
            "startDate": "2020",
            "endDate": "2021",
            "keywords": ["Go"],
        },
    ],
    "meta": {"lastModified": "2024-06-08T00:00:00"},
}


def test_the_resume(tmp_path: Path) -> None:
    # A page in play/ that is no write-up is no project.
    undated = page("play/undated", "resume", title="Undated")
    pages = catalogue(ME, META, VIMEO, SCHOOL, SKILLS, TOOL, APP, undated)
    assert public(sd.json_resume(app_for(tmp_path), pages, ME)) == RESUME


def test_the_facts_carry_what_the_resume_page_and_the_pdf_show(tmp_path: Path) -> None:
    facts = sd.resume_facts(catalogue(ME, META, VIMEO, SCHOOL, SKILLS, TOOL, APP), ME, "2024")
    extras = {
        part: [{k: v for k, v in entry.items() if k in PRINT_ONLY} for entry in facts[part]]
        for part in ("work", "education", "skills", "projects")
    }
    assert extras == {
        "work": [
            {
                "id": "meta-pe",
                "tags": [],
                "dates": "May 2019–present",
                "page": "work/meta",
                "skills": ["Python"],
            },
            # Two roles at one employer stand under its whole tenure.
            {
                "id": "vimeo-sre",
                "tags": [],
                "dates": "2016–present",
                "page": "work/vimeo",
                "skills": ["Go"],
                "tenure": "Feb 2014–present",
            },
            {
                "id": "vimeo-dev",
                "tags": [],
                "dates": "Feb 2014–Dec 2015",
                "page": "work/vimeo",
                "skills": [],
                "tenure": "Feb 2014–present",
            },
        ],
        "education": [{"dates": "Jun 2004"}, {"dates": "2001"}],
        "skills": [{"id": "languages"}, {"id": "data-stores"}],
        "projects": [
            {
                "id": "play/app",
                "tags": [],
                "dates": "Mar 2022–present",
                "links": [{"title": "Source", "url": "https://example.org/App"}],
            },
            {
                "id": "play/tool",
                "tags": [],
                "dates": "2020–2021",
                "links": [{"title": "Source", "url": "https://example.org/Tool"}],
            },
        ],
    }
    # Without the prose, which is not read yet when the résumé page is.
    assert all("highlights" not in role for role in facts["work"])
    assert facts["meta"] == {"lastModified": "2024T00:00:00"}


# -- Addresses on the site --------------------------------------------------------------------


def site_at(base: str) -> Any:
    return SimpleNamespace(config=SimpleNamespace(html_baseurl=base))


def test_an_address_is_made_absolute_with_one_slash_when_the_site_has_one() -> None:
    base = "https://example.org/en/latest/"
    for given in (base, base.rstrip("/"), base + "/"):
        assert sd.address(site_at(given), "play/tool.html") == base + "play/tool.html"
    # Only slashes are trimmed: a folder's last letter stays, whichever it is.
    assert sd.address(site_at("https://example.org/X/"), "atom.xml") == (
        "https://example.org/X/atom.xml"
    )
    assert sd.address(site_at(""), "play/tool.html") == "play/tool.html"


# -- Sphinx events ----------------------------------------------------------------------------


def builder(cls: type) -> Any:
    return object.__new__(cls)


@pytest.mark.parametrize(
    ("cls", "web"),
    [
        (StandaloneHTMLBuilder, True),
        (SingleFileHTMLBuilder, True),
        (Epub3Builder, False),
        (TextBuilder, False),
    ],
)
def test_web_builds(tmp_path: Path, cls: type, web: bool) -> None:
    assert sd.is_web_build(app_for(tmp_path, builder(cls))) is web


def page_context(
    app: Any, pagename: str, tree: nodes.document | None, **context: Any
) -> dict[str, Any]:
    app.portfolio_catalogue = SITE
    context = {"pathto": lambda name, resource: f"../{name}?{resource}", **context}
    sd.on_html_page_context(app, pagename, "page.html", context, tree)
    context.pop("pathto")
    return context


def test_a_page_gets_its_description(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    context = page_context(
        app, "play/tool", doctree("x"), meta={"author": "Jo"}, metatags='<meta name="x" />\n'
    )
    assert context == {
        "meta": {"author": "Jo", "og:description": "Tool, in short."},
        "metatags": '<meta name="x" />\n<meta name="description" content="Tool, in short." />\n',
    }
    context = page_context(app, "about", doctree('Say "hi" & <go>.'), meta=None)
    assert context == {
        "meta": {"og:description": 'Say "hi" & <go>.'},
        "metatags": '<meta name="description" content="Say &quot;hi&quot; &amp; &lt;go&gt;." />\n',
    }


def test_a_generated_page_is_described_by_its_title(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    assert page_context(app, "search", None, title="Search") == {
        "title": "Search",
        "metatags": '<meta name="description" content="Search \u00b7 Jo Bloggs" />\n',
    }
    assert page_context(app, "genindex", None) == {
        "metatags": '<meta name="description" content=" \u00b7 Jo Bloggs" />\n',
    }


def test_the_landing_page_gets_json_ld_and_the_resume_link(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    tags = page_context(app, "index", doctree("x"))["metatags"]
    assert tags == (
        '<meta name="description" content="Keeps sites up." />\n'
        + sd.script_tag(PERSON_LD)
        + '<link rel="alternate" type="application/json" title="JSON Resume"'
        ' href="../resume.json?1" />\n'
    )
    # An EPUB has no site root to hold resume.json.
    app = app_for(tmp_path, builder(Epub3Builder))
    tags = page_context(app, "index", doctree("x"))["metatags"]
    assert tags == '<meta name="description" content="Keeps sites up." />\n' + sd.script_tag(
        PERSON_LD
    )


def test_without_a_person_the_landing_page_has_no_json_ld(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    app.portfolio_catalogue = catalogue(META)
    context = {"pathto": None}
    sd.on_html_page_context(app, "index", "page.html", context, doctree("Hello."))
    assert context["metatags"] == '<meta name="description" content="Hello." />\n'


def test_resume_json_is_written_after_a_web_build(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    me = changed(ME, summary="Café owner — keeps sites up.")
    app.portfolio_catalogue = catalogue(me, META)
    sd.on_build_finished(app, None)
    text = (tmp_path / "resume.json").read_text(encoding="utf-8")
    resume = public(sd.json_resume(app, app.portfolio_catalogue, me))
    assert text == json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
    assert '"id"' not in text  # what only the résumé shows stays out
    # Written as UTF-8 text, not as \\u escapes: readable, and what a reader's tools expect.
    assert '"summary": "Café owner — keeps sites up."' in text


def test_resume_json_is_not_written_after_a_failed_or_other_build(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    app.portfolio_catalogue = SITE
    sd.on_build_finished(app, RuntimeError("failed"))
    app.builder = builder(Epub3Builder)
    sd.on_build_finished(app, None)
    assert not (tmp_path / "resume.json").exists()


def test_no_person_no_resume(tmp_path: Path, logged: list[Any]) -> None:
    app = app_for(tmp_path, builder(StandaloneHTMLBuilder))
    app.portfolio_catalogue = catalogue(META)
    sd.on_build_finished(app, None)
    assert not (tmp_path / "resume.json").exists()
    assert logged == [
        (
            "WARNING",
            "no page has 'kind: person' in its front matter, so there is no resume.json; give"
            " the landing page one",
            None,
            "portfolio",
            "structured_data",
        )
    ]


def test_setup() -> None:
    app = Calls()
    sd.setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("connect", ("html-page-context", sd.on_html_page_context), {"priority": 400}),
        ("connect", ("html-page-context", sd.on_html_page_context_escape), {"priority": 600}),
        ("connect", ("build-finished", sd.on_build_finished), {}),
        ("add_env_collector", (sd.WriteUpHighlights,), {}),
    ]


# -- Publications ------------------------------------------------------------------------------

# A title that would end a <script> element, and his name as the paper credits it.
PAPER = msgspec.structs.replace(
    helpers.PAPER, title="Teaching </script> well", authors=("Ann Other", "Jo Q Bloggs")
)
OLDER = msgspec.structs.replace(PAPER, id="older", title="Older", authors=("Ann Other",), date=2001)
AUTHOR = {"@type": "Person", "name": "Ann Other"}
ARTICLE = {
    "@context": "https://schema.org",
    "@type": "ScholarlyArticle",
    "name": "Teaching </script> well",
    "author": [
        AUTHOR,
        {"@type": "Person", "name": "Jo Q Bloggs", "@id": "https://jo.example.org/#person"},
    ],
    "datePublished": "2007-03",
    "url": "https://doi.org/10.1145/1",
    "abstract": "What it found.",
    "publication": {
        "@type": "PublicationEvent",
        "name": "SIGCSE '07",
        "location": {"@type": "Place", "name": "Covington, Kentucky"},
    },
}
WRITER = changed(META, publications=(OLDER, PAPER))


def test_a_paper_as_json_ld() -> None:
    assert sd.person_id(PERSON.website) == "https://jo.example.org/#person"
    assert sd.article_json_ld(PAPER, PERSON) == ARTICLE
    # A paper that does not credit him names no one as him.
    assert sd.article_json_ld(OLDER, PERSON)["author"] == [AUTHOR]


def test_the_landing_page_carries_each_paper_newest_first(tmp_path: Path) -> None:
    app = app_for(tmp_path, builder(Epub3Builder))
    app.portfolio_catalogue = catalogue(ME, WRITER)
    context: dict[str, Any] = {}
    sd.on_html_page_context(app, "index", "page.html", context, doctree("x"))
    assert context["metatags"] == (
        '<meta name="description" content="Keeps sites up." />\n'
        + sd.script_tag(sd.person_json_ld(facts_of(app.portfolio_catalogue)))
        + sd.script_tag(ARTICLE)
        + sd.script_tag(sd.article_json_ld(OLDER, PERSON))
    )
    assert "Teaching <\\/script> well" in context["metatags"]


def test_the_resume_lists_each_paper(tmp_path: Path) -> None:
    resume = sd.json_resume(app_for(tmp_path), catalogue(ME, WRITER), ME)
    assert resume["publications"] == [
        {
            "name": "Teaching </script> well",
            "publisher": "SIGCSE '07, Covington, Kentucky",
            "releaseDate": "2007-03",
            "url": "https://doi.org/10.1145/1",
            "summary": "What it found.",
            "id": "paper",
            "authors": ["Ann Other", "Jo Q Bloggs"],
            "me": 1,
            "venue": "SIGCSE '07",
            "place": "Covington, Kentucky",
            "date": "March 2007",
        },
        {
            "name": "Older",
            "publisher": "SIGCSE '07, Covington, Kentucky",
            "releaseDate": "2001",
            "url": "https://doi.org/10.1145/1",
            "summary": "What it found.",
            "id": "older",
            "authors": ["Ann Other"],
            "me": None,
            "venue": "SIGCSE '07",
            "place": "Covington, Kentucky",
            "date": "2001",
        },
    ]


# -- Open Graph tags, escaped ---------------------------------------------------------------


def test_open_graph_content_is_escaped() -> None:
    context = {
        "metatags": '<meta property="og:title" content="Pi &quot;cluster&quot; & <friends>" />\n'
        '<meta property="og:site_name" content="A &amp; B" />\n'
        '<meta name="description" content="x & y" />\n'
    }
    sd.on_html_page_context_escape(None, "p", "page.html", context, None)  # type: ignore[arg-type]
    assert context["metatags"] == (
        '<meta property="og:title" content="Pi &quot;cluster&quot; &amp; &lt;friends&gt;" />\n'
        '<meta property="og:site_name" content="A &amp;amp; B" />\n'
        '<meta name="description" content="x & y" />\n'
    )
    empty: dict[str, Any] = {}
    sd.on_html_page_context_escape(None, "p", "page.html", empty, None)  # type: ignore[arg-type]
    assert empty == {"metatags": ""}


# -- Write-ups' highlights, noted as each page is read ---------------------------------------


def test_a_write_ups_highlights_are_noted_when_it_is_read_and_forgotten_with_it() -> None:
    doctree = new_document("play/tool")
    section = nodes.section()
    section += nodes.bullet_list(
        "", *(nodes.list_item("", nodes.paragraph(t, t)) for t in ("Fast.", "Small."))
    )
    # A list inside another block (a note, a table) is no highlight.
    section += nodes.note("", nodes.bullet_list("", nodes.list_item("", nodes.paragraph("x", "x"))))
    doctree += section
    env = SimpleNamespace(docname="play/tool")
    app = SimpleNamespace(env=env)
    collector = sd.WriteUpHighlights()
    collector.process_doc(app, doctree)  # type: ignore[arg-type]
    assert env.portfolio_highlights == {"play/tool": ["Fast.", "Small."]}
    data = {"projects": [{"id": "play/tool"}, {"id": "play/game"}]}
    sd.with_project_highlights(data, env)  # type: ignore[arg-type]
    assert data["projects"] == [
        {"id": "play/tool", "highlights": ["Fast.", "Small."]},
        {"id": "play/game"},
    ]
    # A parallel reader's notes join the main one's; a page read again starts afresh.
    other = SimpleNamespace(portfolio_highlights={"play/game": ["Fun."], "play/old": ["Gone."]})
    collector.merge_other(app, env, {"play/game"}, other)  # type: ignore[arg-type]
    assert env.portfolio_highlights == {"play/tool": ["Fast.", "Small."], "play/game": ["Fun."]}
    collector.clear_doc(app, env, "play/tool")  # type: ignore[arg-type]
    assert env.portfolio_highlights == {"play/game": ["Fun."]}
