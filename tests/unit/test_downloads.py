"""The résumé's words, without a build or Typst: runs of text from docutils nodes, the
data the PDF and text are made from, the plain-text layout, and the messages and
small rules around typesetting (where an error is, how far past the limit, the date).

The files themselves (Typst, the cache, variants, the builder and the role) are
tested in test_downloads_files.py.
"""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.utils import new_document

from portfolio.catalog import Catalogue
from portfolio.downloads import (
    Overflow,
    ResumeError,
    heading,
    labelled,
    overflow_message,
    plain,
    plain_text,
    prose,
    publication_lines,
    quoted,
    resume_data,
    runs,
    squeezed,
    template_location,
    timestamp,
    with_tenures,
    without,
    wrapped,
)
from portfolio.frontmatter import Page
from portfolio.model import LEGACY_ORDER, SECTIONS, Date, Person
from portfolio.resume import excerpt
from portfolio.variants import public, select

from .helpers import PAPER, changed, employer, role
from .test_variants import variant

URL = "https://fleet.example.org/"


def paragraph(*children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


# -- Runs ---------------------------------------------------------------------------------


def test_runs_keep_an_outside_links_address_and_bold() -> None:
    node = paragraph(
        nodes.Text("Ran "),
        nodes.reference("", "", nodes.Text("the "), nodes.strong("", "fleet"), refuri=URL),
        nodes.Text(" at "),
        nodes.strong("", "", nodes.Text("Meta "), nodes.reference("", "HQ", refuri="http://m.co")),
        nodes.reference("", "mail", refuri="mailto:jo@example.org"),
        nodes.emphasis("", "fast"),
    )
    assert runs(node) == [
        {"text": "Ran "},
        {"text": "the ", "url": URL},
        {"text": "fleet", "url": URL, "strong": True},
        {"text": " at "},
        {"text": "Meta ", "strong": True},
        {"text": "HQ", "url": "http://m.co", "strong": True},
        {"text": "mail", "url": "mailto:jo@example.org"},
        {"text": "fast"},
    ]


def test_a_link_within_the_site_is_words_only_inside_an_outside_link_its_address() -> None:
    internal = nodes.reference("", "a page", refuri="../work/meta.html")
    anchor = nodes.reference("", "a label", refid="meta-pe")  # no refuri at all
    # Only a reference is a link: another node's refuri is not an address to print.
    inline = nodes.inline("", "an inline", refuri=URL)
    assert runs(paragraph(internal, anchor, inline)) == [
        {"text": "a page"},
        {"text": "a label"},
        {"text": "an inline"},
    ]
    outer = nodes.reference("", "", nodes.reference("", "inner", refuri="page.html"), refuri=URL)
    assert runs(paragraph(outer)) == [{"text": "inner", "url": URL}]


def test_runs_start_from_the_link_and_bold_they_are_given() -> None:
    assert runs(paragraph(nodes.Text("x")), URL, True) == [
        {"text": "x", "url": URL, "strong": True}
    ]
    assert runs(paragraph(nodes.Text("x")), "", False) == [{"text": "x"}]


def test_squeezed_runs_are_one_line_with_alike_neighbours_merged() -> None:
    given = [
        {"text": "  Ran\n the  "},
        {"text": "   "},  # nothing but space after a space: gone
        {"text": " fleet", "url": URL},
        {"text": " at ", "url": URL},
        {"text": "scale", "url": URL, "strong": True},
        {"text": "Meta\t"},
        {"text": "and more"},  # merged into the run before, the last of four
        {"text": "\n"},
    ]
    before = copy.deepcopy(given)
    assert squeezed(given) == [
        {"text": "Ran the "},
        {"text": "fleet at ", "url": URL},
        {"text": "scale", "url": URL, "strong": True},
        {"text": "Meta and more"},
    ]
    assert given == before  # the runs merged are copies


def test_a_space_between_runs_is_kept_once() -> None:
    assert squeezed([{"text": "a"}, {"text": " b", "strong": True}]) == [
        {"text": "a"},
        {"text": " b", "strong": True},
    ]
    assert squeezed([{"text": "a "}, {"text": " b", "strong": True}]) == [
        {"text": "a "},
        {"text": "b", "strong": True},
    ]
    assert squeezed([{"text": " "}, {"text": "b "}]) == [{"text": "b"}]
    assert squeezed([]) == []


def test_prose_is_a_sections_paragraphs_and_items_not_its_dates() -> None:
    section = nodes.section()
    section += nodes.title("Radio", "Radio")
    section += nodes.paragraph("2006", "2006", classes=["portfolio-dates"])
    section += nodes.paragraph("", "", nodes.Text(" DJ\n on air. "))
    section += nodes.bullet_list("", nodes.list_item("", nodes.paragraph("Ran it.", "Ran it.")))
    assert prose(section) == [[{"text": "DJ on air."}], [{"text": "Ran it."}]]


# -- Tenures ------------------------------------------------------------------------------


META = employer("work/meta", "Meta", role("meta-pe", "PE", Date(2019, 5), None))
VIMEO = employer(
    "work/vimeo",
    "Vimeo",
    role("vimeo-sre", "Lead SRE", Date(2016), Date(2019)),
    role("vimeo-dev", "Developer", Date(2014, 2), Date(2015, 12)),
    url="https://vimeo.com/",
)
ROLES = [(META, META.roles[0]), (VIMEO, VIMEO.roles[0]), (VIMEO, VIMEO.roles[1])]


def test_roles_standing_together_get_their_employers_tenure_and_others_lose_theirs() -> None:
    work: list[dict[str, Any]] = [{"tenure": "stale"}, {}, {"tenure": "stale"}]
    with_tenures(work, ROLES)
    assert work == [{}, {"tenure": "Feb 2014–2019"}, {"tenure": "Feb 2014–2019"}]


def test_tenures_need_one_entry_per_role() -> None:
    with pytest.raises(ValueError, match="zip"):
        with_tenures([{}], ROLES)


# -- The data -----------------------------------------------------------------------------


def section(ids: list[str], title: str | None, *texts: str) -> nodes.section:
    node = nodes.section(ids=ids)
    if title is not None:
        node += nodes.title(title, title)
    node += [nodes.paragraph(text, text) for text in texts]
    return node


def document(docname: str, *children: nodes.Node) -> nodes.document:
    doc = new_document(docname)
    doc += list(children)
    return doc


def placeholder(mode: str, **attributes: str) -> excerpt:
    return excerpt(mode=mode, **attributes)


TREES = {
    "resume": document(
        "resume",
        placeholder("body", label="meta-pe"),
        placeholder("section", label="radio"),
        placeholder("section", label="club"),
        placeholder("section", label="missing"),
        placeholder("lead", label="skills-languages", fallback="Go, Python"),
        placeholder("lead", label="skills-practices", fallback="On-call"),
        placeholder("lead", label="skills-stores"),
        placeholder("lead", label="said"),
        placeholder("first-paragraph", docname="play/index"),
        placeholder("first-paragraph", docname="empty"),
    ),
    "school/index": document(
        "school/index",
        section(["radio"], "KSDT student radio, 2006–2009", "DJ  on\nair."),
        section(["club"], "Chess club", "Played."),
    ),
    "skills/index": document(
        "skills/index",
        section(["skills-languages"], "Languages", "What I write."),
        section(["skills-practices"], "Practices"),
        section(["skills-stores"], "Stores"),
        nodes.paragraph("Said.", "Said.", ids=["said"]),
    ),
    "play/index": document(
        "play/index", section(["play"], "Play", "Side projects.", "Not this one.")
    ),
    "empty": document("empty"),
}
LABELS = {
    "radio": ("school/index", "radio"),
    "club": ("school/index", "club"),
    "skills-languages": ("skills/index", "skills-languages"),
    "skills-practices": ("skills/index", "skills-practices"),
    "skills-stores": ("skills/index", "skills-stores"),
    "said": ("skills/index", "said"),
    "meta-pe": ("work/meta", "meta-pe"),
    "meta-messenger": ("work/meta", "meta-messenger"),
}


def app_with(trees: dict[str, nodes.document], **config: Any) -> SimpleNamespace:
    domains = SimpleNamespace(standard_domain=SimpleNamespace(anonlabels=LABELS))
    env = SimpleNamespace(domains=domains, all_docs=dict.fromkeys(trees), get_doctree=trees.get)
    settings = {"portfolio_resume": "resume", "release": "2024-06-08", "language": "de"}
    return SimpleNamespace(env=env, config=SimpleNamespace(**settings | config))


def test_a_label_names_a_node_on_its_page() -> None:
    app = app_with(TREES)
    assert labelled(app, "club", TREES.get) is TREES["school/index"][1]
    assert labelled(app, "said", TREES.get) is TREES["skills/index"][3]
    assert labelled(app, "nothing", TREES.get) is None


def test_the_prose_quoted_is_what_each_excerpt_on_the_resume_page_shows() -> None:
    assert quoted(app_with(TREES), TREES.get) == {
        "activities": [
            {
                "id": "radio",
                "title": "KSDT student radio",
                "dates": "2006–2009",
                "paragraphs": [[{"text": "DJ on air."}]],
            },
            {
                "id": "club",
                "title": "Chess club",
                "dates": "",
                "paragraphs": [[{"text": "Played."}]],
            },
        ],
        "skills": [
            {
                "id": "languages",
                "title": "Languages",
                "dates": "",
                "paragraphs": [[{"text": "What I write."}]],
            },
            # A group with no sentence of its own lists its skills' names.
            {
                "id": "practices",
                "title": "Practices",
                "dates": "",
                "paragraphs": [[{"text": "On-call"}]],
            },
            {"id": "stores", "title": "Stores", "dates": "", "paragraphs": [[{"text": ""}]]},
            # A labelled paragraph has no title.
            {"id": "said", "title": "", "dates": "", "paragraphs": [[{"text": "Said."}]]},
        ],
        "projects": [
            {"id": "", "title": "", "dates": "", "paragraphs": [[{"text": "Side projects."}]]}
        ],
    }


def test_nothing_is_quoted_from_a_resume_page_the_site_does_not_have() -> None:
    app = app_with(TREES, portfolio_resume="cv")
    assert quoted(app, TREES.get) == {"activities": [], "skills": [], "projects": []}


def test_a_title_ending_in_a_year_or_an_open_span_gives_its_dates() -> None:
    titles = {
        "Radio, 2006": ("Radio", "2006"),
        "Radio, 2006–present": ("Radio", "2006–present"),
        "Radio 2006": ("Radio 2006", ""),
        "Radio, 2006-2009": ("Radio, 2006-2009", ""),  # a hyphen is not a span
    }
    for title, (words, dates) in titles.items():
        trees = TREES | {
            "resume": document("resume", placeholder("section", label="radio")),
            "school/index": document("school/index", section(["radio"], title, "On air.")),
        }
        (activity,) = quoted(app_with(trees), trees.get)["activities"]
        assert (activity["title"], activity["dates"]) == (words, dates)


PERSON = Person(
    title="Jo Bloggs",
    summary="Keeps sites up.",
    headline="Production engineer",
    location="Springfield",
    email="jo@example.org",
    website="https://jo.example.org/",
    github="https://github.com/jo",
)
ME = Page("index", PERSON)


def write_up() -> nodes.document:
    role_section = nodes.section(ids=["meta-pe"])
    role_section += nodes.title("PE", "PE")
    role_section += nodes.paragraph("May 2019", "May 2019", classes=["portfolio-dates"])
    role_section += nodes.paragraph("", "", nodes.Text("Ran "), nodes.strong("", "the  fleet"))
    labelled_item = nodes.list_item("", nodes.paragraph("Wrote it.", "Wrote it."))
    labelled_item["ids"] = ["meta-messenger", "messenger"]
    role_section += nodes.bullet_list("", labelled_item)
    return document("work/meta", role_section)


def test_the_resume_data_holds_each_roles_runs_the_quoted_prose_and_the_settings() -> None:
    trees = TREES | {"work/meta": write_up(), "work/vimeo": document("work/vimeo")}
    fetched: list[str] = []

    def get_doctree(docname: str) -> nodes.document:
        fetched.append(docname)
        return trees[docname]

    app = app_with(trees)
    app.env.get_doctree = get_doctree
    # Vimeo's roles have no section: no highlight to show.
    app.portfolio_catalogue = Catalogue(pages={p.docname: p for p in (ME, META, VIMEO)})
    data = resume_data(app)
    assert data is not None
    # The paragraph before the list is the summary, set as text; the list items are the
    # highlights, as runs, words and labels that a tailored résumé picks by index alike.
    assert [(w["id"], w["runs"], w["highlight_ids"]) for w in data["work"]] == [
        ("meta-pe", [[{"text": "Wrote it."}]], ["meta-messenger"]),
        ("vimeo-sre", [], []),
        ("vimeo-dev", [], []),
    ]
    assert data["work"][0]["summary_runs"] == [
        [{"text": "Ran "}, {"text": "the fleet", "strong": True}]
    ]
    assert [w["highlights"] for w in data["work"]] == [["Wrote it."], [], []]
    assert data["work"][0]["summary"] == "Ran the fleet"
    assert "summary" not in data["work"][1] and "summary_runs" not in data["work"][1]
    assert "summary_runs" not in public(data)["work"][0]
    text = plain_text(data)
    assert "\n  Ran the fleet\n- Wrote it.\n" in text
    dropped = select(data, variant(drop=("meta-messenger",)))["work"][0]
    assert (dropped["runs"], dropped["highlights"], dropped["summary"]) == ([], [], "Ran the fleet")
    assert data["prose"] == quoted(app_with(TREES), TREES.get)
    assert data["meta"] == {
        "lastModified": "2024-06-08T00:00:00",
        "revision": "2024-06-08",
        "language": "de",
        "pages": 2,
        # No paper, so no publications section.
        "sections": ["experience", "education", "skills", "projects"],
        "titles": {section.name: section.title for section in SECTIONS},
    }
    # The skills page, which only the quoted prose reads, is read once for its four labels.
    assert fetched.count("skills/index") == 1


def test_a_site_with_a_paper_has_every_section() -> None:
    writer = changed(META, publications=(PAPER,))
    app = app_with(TREES | {"work/meta": write_up()})
    app.portfolio_catalogue = Catalogue(pages={p.docname: p for p in (ME, writer)})
    data = resume_data(app)
    assert data is not None
    assert [p["id"] for p in data["publications"]] == ["paper"]
    assert data["meta"]["sections"] == list(LEGACY_ORDER)


def test_the_resume_is_in_english_unless_the_site_says_otherwise() -> None:
    trees = TREES | {"index": document("index")}
    app = app_with(trees, language=None)
    app.portfolio_catalogue = Catalogue(pages={"index": ME})
    data = resume_data(app)
    assert data is not None and data["meta"]["language"] == "en"


def test_no_person_page_no_resume_data() -> None:
    app = app_with(TREES)
    app.portfolio_catalogue = Catalogue(pages={"work/meta": META})
    assert resume_data(app) is None


# -- Plain text ---------------------------------------------------------------------------


def test_a_links_address_follows_its_words_unless_they_say_it() -> None:
    paragraph_runs = [
        {"text": "Ran "},
        {"text": "the fleet", "url": URL},
        {"text": ", see "},
        {"text": "fleet.example.org", "url": URL},
        {"text": " or "},
        {"text": "mail me", "url": "mailto:jo@example.org"},
        {"text": "."},
    ]
    assert plain(paragraph_runs) == (
        "Ran the fleet <https://fleet.example.org/>, see fleet.example.org or mail me"
        " <jo@example.org>."
    )
    assert plain([]) == ""


def test_wrapped_text_fits_78_columns_breaking_neither_words_nor_hyphens() -> None:
    text = "word " * 14 + "well-known " + "x" * 90
    assert wrapped(text) == "word " * 13 + "word\nwell-known\n" + "x" * 90
    assert wrapped(text, "  ", "- ") == ("- " + "word " * 13 + "word\n  well-known\n  " + "x" * 90)
    assert wrapped("a b", "> ") == "> a b"
    assert wrapped("word " * 16, "  ", "") == "word " * 14 + "word\n  word"


def test_a_heading_is_underlined_as_long_as_its_title() -> None:
    assert heading("SKILLS") == "\nSKILLS\n======\n"


def person_data() -> dict[str, Any]:
    return {
        "basics": {
            "name": "Jo Bloggs",
            "label": "Production engineer",
            "location": {"city": "Springfield"},
            "email": "jo@example.org",
            "url": "https://jo.example.org/",
            "profiles": [{"url": "https://github.com/jo"}, {"url": "https://blog.example.org/"}],
            "summary": "Keeps sites up. " * 6,
        },
        "work": [
            {
                "name": "Meta",
                "position": "Production Engineer",
                "dates": "May 2019–present",
                "url": "https://meta.com/",
                "runs": [
                    [{"text": "Ran "}, {"text": "the fleet", "url": URL}],
                    [{"text": "Wrote. " * 12}],
                ],
            },
            {
                "name": "Vimeo",
                "position": "Lead SRE",
                "dates": "2016–2019",
                "url": "https://vimeo.com/",
                "tenure": "2014–2019",
                "runs": [],
            },
            {
                "name": "Vimeo",
                "position": "Developer",
                "dates": "2014–2015",
                "url": "https://vimeo.com/",
                "tenure": "2014–2019",
                "runs": [[{"text": "Built."}]],
            },
            {
                "name": "Other",
                "position": "Intern",
                "dates": "2013",
                "url": "https://other.org/",
                "tenure": "2012–2013",
                "runs": [],
            },
        ],
        "education": [
            {
                "studyType": "BSc",
                "area": "Physics",
                "institution": "Old U",
                "dates": "2001",
                "url": "https://old.edu/",
            }
        ],
        "publications": [
            {
                "authors": ["Ann Other", "Bo Else", "Jo Bloggs"],
                "name": "A paper",
                "venue": "SIGCSE '07",
                "place": "Covington, Kentucky",
                "date": "March 2007",
                "url": "https://doi.org/10.1145/1",
                "summary": "What it found.",
            }
        ],
        "projects": [
            {
                "name": "Tool",
                "dates": "2020–2021",
                "description": "A tool.",
                "links": [{"title": "Source", "url": "https://example.org/tool"}],
            }
        ],
        "prose": {
            "activities": [
                {"title": "Radio", "dates": "2006–2009", "paragraphs": [[{"text": "DJ."}]]},
                {
                    "title": "Chess",
                    "dates": "",
                    "paragraphs": [[{"text": "Played."}], [{"text": "Won."}]],
                },
            ],
            "skills": [
                {"title": "Languages", "paragraphs": [[{"text": "Go"}], [{"text": "Python"}]]},
                {
                    "title": "Practices",
                    "paragraphs": [
                        [{"text": "On-call for a fleet of thousands; its runbooks, alerts"}],
                        [{"text": "and reviews."}],
                    ],
                },
            ],
            "projects": [{"paragraphs": [[{"text": "Side projects."}], [{"text": "Fun."}]]}],
        },
        "meta": {
            "revision": "2024-06-08",
            "sections": ["experience", "education", "publications", "skills", "projects"],
        },
    }


RESUME_TEXT = """\
Jo Bloggs
Production engineer in Springfield
jo@example.org | https://jo.example.org/
https://github.com/jo | https://blog.example.org/
Last updated 2024-06-08.

Keeps sites up. Keeps sites up. Keeps sites up. Keeps sites up. Keeps sites
up. Keeps sites up.

EXPERIENCE
==========

Production Engineer, Meta (May 2019–present) <https://meta.com/>
- Ran the fleet <https://fleet.example.org/>
- Wrote. Wrote. Wrote. Wrote. Wrote. Wrote. Wrote. Wrote. Wrote. Wrote. Wrote.
  Wrote.

Vimeo, 2014–2019
Lead SRE, Vimeo (2016–2019) <https://vimeo.com/>

Developer, Vimeo (2014–2015) <https://vimeo.com/>
- Built.

Other, 2012–2013
Intern, Other (2013) <https://other.org/>


EDUCATION
=========

BSc, Physics, Old U, 2001 <https://old.edu/>

Radio, 2006–2009
DJ.

Chess
Played.
Won.

PUBLICATION
===========

Ann Other, Bo Else and Jo Bloggs. \u201cA paper.\u201d SIGCSE '07, Covington, Kentucky,
March 2007. <https://doi.org/10.1145/1>

What it found.

SKILLS
======

- Languages: Go Python
- Practices: On-call for a fleet of thousands; its runbooks, alerts and
  reviews.

PROJECTS
========

Side projects.
Fun.

Tool (2020–2021)
  A tool.
  Source: <https://example.org/tool>
"""


def test_the_plain_text_resume_has_every_section_in_order() -> None:
    assert plain_text(person_data()) == RESUME_TEXT


def test_the_text_has_the_sections_a_variant_orders() -> None:
    data = person_data()
    data["meta"]["sections"] = ["skills", "experience"]
    text = plain_text(data)
    assert text.index("SKILLS") < text.index("EXPERIENCE")
    assert "EDUCATION" not in text and "PROJECTS" not in text and "PUBLICATION" not in text


def test_authors_are_listed_with_and_before_the_last_and_papers_are_counted() -> None:
    data = person_data()
    paper = data["publications"][0]
    data["publications"] = [paper | {"authors": ["Jo Bloggs"]}, paper | {"authors": ["A", "B"]}]
    lines = list(publication_lines(data))
    assert lines[0] == "\nPUBLICATIONS\n============\n"
    assert lines[1].startswith("Jo Bloggs. \u201cA paper.\u201d")
    assert lines[4].startswith("A and B. \u201cA paper.\u201d")


# -- Typesetting's messages -----------------------------------------------------------------


def test_a_typst_diagnostic_gives_the_templates_line() -> None:
    template = Path("/site/resume.typ")
    diagnostic = "error: unknown variable: y\n  ┌─ resume.typ:12:7\n  │\n"
    assert template_location(template, diagnostic) == "/site/resume.typ:12"
    assert template_location(template, "error: missing document title\n = hint: x") is None


def test_without_takes_text_out_of_every_string_in_the_data() -> None:
    data = {"a": ["x😀y", {"b": "😀"}, 3, None], "c": ("😀",)}
    assert without(data, "😀") == {"a": ["xy", {"b": ""}, 3, None], "c": ("😀",)}


def test_the_pdfs_date_is_the_revisions_day_else_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert timestamp("2024-06-08") == 1717804800
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert timestamp("2024-06-08") == 1717804800
    assert timestamp("unreleased") == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert timestamp("unreleased") is None
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert timestamp("unreleased") is None


def test_a_resume_error_says_where_if_it_knows() -> None:
    error = Overflow("too long", "/site/resume.typ:3")
    assert isinstance(error, ResumeError)
    assert (str(error), error.location) == ("too long", "/site/resume.typ:3")
    assert ResumeError("broken").location is None


def end(page: int, y: float) -> dict[str, Any]:
    return {"page": page, "y": f"{y}pt", "top": "43.2pt", "line": "15.75pt"}


def test_an_overflow_says_how_far_past_the_limit_in_centimetres_and_lines() -> None:
    # 57.3pt past the top of the third page: 2.0 cm, four lines of 15.75pt.
    assert overflow_message(end(3, 100.5), "letter") == (
        "the résumé runs 3 pages at letter paper: 2.0 cm (about 4 lines) past the 2-page"
        " limit. Shorten the facts it shows (roles' write-ups, project summaries) rather"
        " than the type; it is never shrunk to fit"
    )
    # Ten inches past: 25.4 cm, as 72 points make an inch.
    assert overflow_message(end(3, 763.2), "letter").startswith(
        "the résumé runs 3 pages at letter paper: 25.4 cm (about 46 lines) past"
    )
    assert overflow_message(end(2, 51.3), "a4", 1).startswith(
        "the résumé runs 2 pages at a4 paper: 0.3 cm (about 1 lines) past the 1-page limit."
    )


def test_an_overflow_of_whole_pages_counts_them_first() -> None:
    assert overflow_message(end(4, 43.2), "a4").startswith(
        "the résumé runs 4 pages at a4 paper: 1 page and 0.0 cm (about 0 lines more) past"
    )
    assert overflow_message(end(5, 74.7), "a4").startswith(
        "the résumé runs 5 pages at a4 paper: 2 pages and 1.1 cm (about 2 lines more) past"
    )
