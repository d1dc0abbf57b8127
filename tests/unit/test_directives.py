"""The house directives (portfolio.directives): the MyST each writes from the facts, the
nodes they label, and each mistake an author can make, on small catalogues with a stand-in
docutils state that records the MyST it is asked to parse."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import msgspec
from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes

from portfolio import directives as d
from portfolio.catalog import Catalogue, Use
from portfolio.frontmatter import Page
from portfolio.model import Date, Link, Skill
from portfolio.navigation import BOUNDED

from . import helpers
from .helpers import ME, PERSON, SOURCE, changed, directive, employer, environment, page, role

SKILLS = page(
    "skills/index",
    "skills",
    title="Skills",
    catalogue=(
        Skill(id="go", name="Go", group="languages", note="Since 2012."),
        Skill(id="python", name="Python <3>", group="languages"),
        Skill(id="mysql", name="MySQL", group="data-stores"),
    ),
)
PAPER = msgspec.structs.replace(helpers.PAPER, authors=("Ann Other", "Jo Bloggs", "Sam Third"))
META = employer(
    "work/meta",
    "Meta",
    role("meta-pe", "Production Engineer", Date(2019, 5), None, "python", "go"),
    url="https://meta.com/",
)
WRITER = changed(META, publications=(PAPER,))
TOOL = page(
    "play/tool",
    "project",
    title="Tool <b>",
    summary="Does *one* thing.",
    links=(Link(title="Source", url="https://github.com/jo/tool"),),
    start=2020,
    end=2021,
    skills=("go", "unknown"),
)


def catalogue(*pages: Page) -> Catalogue:
    return Catalogue(pages={page.docname: page for page in pages})


class State:
    """docutils' state as the directives use it: MyST to parse, recorded; each
    ``:class-card:`` line parsed into a container of that class, so labels have
    a card to go on; anything else into one paragraph."""

    def __init__(self, document: nodes.document) -> None:
        self.document = document
        self.parsed: list[list[str]] = []
        #: Where each parse says its lines come from, and its offset.
        self.where: list[tuple[Any, int]] = []

    def nested_parse(self, content: Any, offset: int, container: nodes.Element) -> None:
        lines = list(content)
        self.parsed.append(lines)
        self.where.append((getattr(content, "items", None), offset))
        for line in lines:
            if line.startswith(":class-card: "):
                container += nodes.container(classes=[line.split()[1]])
            if line == "```{toctree}":
                container += addnodes.toctree()
        xref = addnodes.pending_xref("", reftype="ref", reftarget="meta-pe", classes=["sd-badge"])
        container += nodes.paragraph("", "parsed", xref)


def make(cls: type, *pages: Page, docname: str = "work/meta", **options: Any) -> Any:
    env = environment(
        catalogue(*pages),
        docname=docname,
        found_docs={"resume", "work/meta"},
        app={"config": SimpleNamespace(portfolio_resume="resume")},
    )
    env.config = env.app.config
    instance = directive(cls, env, *options.pop("arguments", ()), **options)
    instance.state = State(instance.state.document)
    instance.content = []
    instance.content_offset = 0
    return instance


# -- Helpers ---------------------------------------------------------------------------


def test_skill_badges_link_to_the_skills_page_or_stay_plain() -> None:
    site = catalogue(SKILLS)
    assert d.skill_badges(site, ["python", "gone", "go"]) == (
        "{bdg-ref-primary-line}`Python <3> <skill-python>` {bdg-ref-primary-line}`Go <skill-go>`"
    )
    assert d.skill_badges(site, ["go", "mysql"], linked=False) == (
        "{bdg-secondary-line}`Go` {bdg-secondary-line}`MySQL`"
    )
    assert d.skill_badges(site, []) == ""


def test_an_address_is_said_without_its_scheme_or_slash() -> None:
    assert d.bare("https://github.com/jo/") == "github.com/jo"
    assert d.bare("https://example.org/X/") == "example.org/X"
    assert d.bare("mailto:jo@example.org") == "jo@example.org"
    assert d.bare("http://old.example.org") == "http://old.example.org"


def test_a_roles_links_read_title_comma_employer_verbatim() -> None:
    assert d.role_link_text(META, META.roles[0]) == "Production Engineer, Meta"
    root = nodes.paragraph()
    mine = addnodes.pending_xref("", reftype="ref", reftarget="meta-pe")
    other = addnodes.pending_xref("", reftype="ref", reftarget="elsewhere")
    doc = addnodes.pending_xref("", reftype="doc", reftarget="meta-pe")
    root += [mine, other, doc]
    d.name_role_links([root], {"meta-pe": "A <b> title, Meta"})
    assert mine["refexplicit"] is True
    (text,) = mine.children
    assert (text.astext(), text["classes"]) == ("A <b> title, Meta", ["xref", "std", "std-ref"])
    assert "refexplicit" not in other and "refexplicit" not in doc


def test_a_citation_names_him_in_bold_among_the_authors() -> None:
    cited = d.citation(PAPER, "Jo Bloggs")
    line, summary = cited.children
    assert cited["classes"] == ["portfolio-publication"]
    assert line["classes"] == ["portfolio-citation"]
    assert line.astext() == (
        "Ann Other, Jo Bloggs and Sam Third. \u201cTeaching well.\u201d SIGCSE '07,"
        " Covington, Kentucky, March 2007."
    )
    assert [n.astext() for n in line.findall(nodes.strong)] == ["Jo Bloggs"]
    assert line.next_node(nodes.reference)["refuri"] == "https://doi.org/10.1145/1"
    assert line.next_node(nodes.emphasis).astext() == "SIGCSE '07"
    assert (summary.astext(), summary["classes"]) == ("What it found.", ["portfolio-abstract"])
    # Not among the authors: nobody in bold. Two authors: joined by "and" alone.
    two = msgspec.structs.replace(PAPER, authors=("Ann Other", "Sam Third"))
    assert list(d.citation(two, "Jo Bloggs")[0].findall(nodes.strong)) == []
    assert d.citation(two, "Jo Bloggs")[0].astext().startswith("Ann Other and Sam Third. ")


def test_a_persons_lines_are_headline_contact_and_statement() -> None:
    assert d.FactsDirective.person_lines(PERSON, "Keeps sites up.", ["{doc}`CV </resume>`"]) == [
        ":::{div} portfolio-headline",
        "Production engineer in Springfield",
        ":::",
        ":::{div} portfolio-contact",
        # What the front matter says stays text: escaped, each address in <>.
        "[jo@example.org](mailto:jo@example.org) ·\n[jo\\.example\\.org](<https://jo.example.org/>)"
        " ·\n[github\\.com\\/jo](<https://github.com/jo>)"
        " ·\n[blog\\.example\\.org](<https://blog.example.org/>) ·\n{doc}`CV </resume>`",
        ":::",
        ":::{div} portfolio-statement",
        "Keeps sites up\\.",
        ":::",
    ]
    assert d.FactsDirective.person_lines(PERSON, "")[4].endswith("(<https://blog.example.org/>)")


# -- The base directive --------------------------------------------------------------------


def test_a_view_notes_its_sources_and_a_plain_directive_does_not() -> None:
    listing = make(d.ListingDirective, SKILLS, TOOL, arguments=("play",), docname="play/index")
    listing.run()
    assert listing.env.portfolio_views == {"play/index": {"play", "skills"}}
    facts = make(d.FactsDirective, SKILLS, TOOL, docname="play/tool")
    facts.run()
    assert facts.env.portfolio_views == {"play/tool": {"skills"}}
    position = make(d.PositionDirective, META, arguments=("meta-pe",))
    assert position.sources() == {"skills"}
    assert d.PortfolioDirective.sources(position) == {"*"}
    assert d.PortfolioDirective.is_view is False


def test_a_directive_that_needs_its_pages_facts_says_so(logged: list) -> None:
    facts = make(d.FactsDirective, SKILLS, docname="about")
    assert facts.render() == []
    assert logged == [
        (
            "ERROR",
            "{facts} needs this page's front matter, which is missing or has errors (see the"
            " messages above)",
            f"{SOURCE}:7",
            None,
            None,
        )
    ]


def test_a_label_makes_the_node_a_target_as_an_explicit_label_would() -> None:
    position = make(d.PositionDirective, META, arguments=("meta-pe",))
    node = nodes.section(ids=["auto"])
    position.label(node, "meta-pe")
    assert (node["ids"], node["names"]) == (["meta-pe", "auto"], ["meta-pe"])
    assert position.state.document.ids["meta-pe"] is node
    # A label used twice is reported on the node that uses it again.
    again = nodes.section(ids=[])
    position.label(again, "meta-pe")
    assert [type(child) for child in again.children] == [nodes.system_message]


def test_badges_that_link_are_marked_to_be_named_as_skills() -> None:
    position = make(d.PositionDirective, META, SKILLS, arguments=("meta-pe",))
    (paragraph,) = position.parse(["x"])
    assert paragraph[1]["classes"] == ["sd-badge", d.SKILL_LINK]
    plain = make(d.PublicationDirective, WRITER, arguments=("paper",))
    (paragraph,) = plain.parse(["x"])
    assert paragraph[1]["classes"] == ["sd-badge"]


def test_a_skill_links_name_says_it_is_a_skill() -> None:
    document = new_document(SOURCE)
    badge = nodes.reference("", "Go", classes=[d.SKILL_LINK])
    other = nodes.reference("", "Go")
    document += nodes.paragraph("", "", badge, other)
    d.SkillLinkNames(document).run()
    assert badge.astext() == "Go (skill)"
    assert badge[-1]["classes"] == ["visually-hidden"]
    assert other.astext() == "Go"
    assert d.SkillLinkNames.default_priority == 20
    assert d.SkillLinkNames.builders == ("html", "dirhtml", "singlehtml")


# -- {position}, {publication}, {facts} -----------------------------------------------------


def test_a_position_is_a_labelled_section_of_title_dates_prose_and_skills() -> None:
    position = make(d.PositionDirective, META, SKILLS, arguments=("meta-pe",))
    position.content = ["Ran the fleet."]
    position.content_offset = 12
    (section,) = position.render()
    # The prose parsed from where it stands; the badges as from the directive's line.
    assert [offset for _, offset in position.state.where] == [12, 0]
    assert position.state.where[1][0] == [(SOURCE, 7)] * 3
    assert section["classes"] == ["portfolio-role"]
    assert section["ids"] == ["meta-pe"]
    assert section[0].astext() == "Production Engineer"
    assert section[0]["support_smartquotes"] is False
    dates = section[1]
    assert (dates.astext(), dates["classes"]) == ("May 2019–present", ["portfolio-dates"])
    assert position.state.parsed == [
        ["Ran the fleet."],
        [
            ":::{div} portfolio-skills",
            "{bdg-ref-primary-line}`Python <3> <skill-python>`"
            " {bdg-ref-primary-line}`Go <skill-go>`",
            ":::",
        ],
    ]


def test_a_position_without_skills_has_no_badges() -> None:
    quiet = employer("work/meta", "Meta", role("meta-pe", "PE", Date(2019), None))
    position = make(d.PositionDirective, quiet, arguments=("meta-pe",))
    position.render()
    assert len(position.state.parsed) == 1


def test_a_position_that_is_not_a_role_is_an_error(logged: list) -> None:
    two = employer("work/meta", "Meta", *META.roles, role("meta-sre", "SRE", Date(2010), None))
    assert make(d.PositionDirective, two, arguments=("meta-lead",)).render() == []
    assert logged[0][1:3] == (
        "{position} 'meta-lead' is not a role in this page's front matter; ids there:"
        " meta-pe, meta-sre",
        f"{SOURCE}:7",
    )
    assert make(d.PositionDirective, SKILLS, arguments=("x",)).render() == []
    assert "needs this page's front matter" in logged[1][1]


def test_a_paper_is_labelled_on_its_own_page_and_a_view_elsewhere(logged: list) -> None:
    here = make(d.PublicationDirective, ME, WRITER, arguments=("paper",))
    (cited,) = here.render()
    assert cited["ids"] == ["paper"]
    assert cited.next_node(nodes.strong).astext() == "Jo Bloggs"
    assert here.env.portfolio_views == {}
    elsewhere = make(d.PublicationDirective, WRITER, arguments=("paper",), docname="index")
    (cited,) = elsewhere.render()
    assert cited["ids"] == []
    assert list(cited.findall(nodes.strong)) == []  # no person page: nobody to embolden
    assert elsewhere.env.portfolio_views == {"index": {"work"}}
    more = msgspec.structs.replace(PAPER, id="more")
    both = changed(WRITER, publications=(PAPER, more))
    assert make(d.PublicationDirective, both, arguments=("lost",)).render() == []
    assert logged[0][1:3] == (
        "{publication} 'lost' is not in any page's 'publications'; ids there: paper, more",
        f"{SOURCE}:7",
    )
    assert make(d.PublicationDirective, META, arguments=("lost",)).render() == []
    assert logged[1][1].endswith("ids there: none")


def test_the_landing_pages_facts_offer_the_resume_and_its_files() -> None:
    facts = make(d.FactsDirective, ME, docname="index")
    facts.render()
    (lines,) = facts.state.parsed
    assert lines == d.FactsDirective.person_lines(
        PERSON,
        "Keeps sites up.",
        ["{doc}`Résumé </resume>`", "{resume-file}`PDF <pdf>`", "{resume-file}`plain text <txt>`"],
    )
    facts.env.found_docs = set()
    facts.render()
    assert "{doc}`Résumé </resume>`" not in facts.state.parsed[1][4]


def test_a_write_ups_facts_are_dates_links_and_skills() -> None:
    facts = make(d.FactsDirective, TOOL, SKILLS, docname="play/tool")
    facts.render()
    assert facts.state.parsed == [
        [
            ":::{div} portfolio-facts",
            "**2020–2021** · [Source](<https://github.com/jo/tool>)",
            "",
            "{bdg-ref-primary-line}`Go <skill-go>`",
            ":::",
        ]
    ]
    two = changed(TOOL, links=(*TOOL.links, Link(title="Site", url="https://tool.org/")))
    facts = make(d.FactsDirective, two, SKILLS, docname="play/tool")
    facts.render()
    assert facts.state.parsed[0][1] == (
        "**2020–2021** · [Source](<https://github.com/jo/tool>) · [Site](<https://tool.org/>)"
    )
    # An employer: its roles' dates, no skills of its own.
    facts = make(d.FactsDirective, META, SKILLS)
    facts.render()
    assert facts.state.parsed == [
        [":::{div} portfolio-facts", "**May 2019–present** · [Meta](<https://meta.com/>)", ":::"]
    ]
    # Without links: its dates alone, and what only an imported résumé tends to say.
    bare = changed(TOOL, links=(), entity="A club", parts=("Author", "Maintainer"))
    facts = make(d.FactsDirective, bare, SKILLS, docname="play/tool")
    facts.render()
    assert facts.state.parsed[0][1:4] == ["**2020–2021**", "", "Author\\, Maintainer · A club"]


# -- {listing} and {skills} ---------------------------------------------------------------


def test_a_listing_is_a_grid_of_cards_newest_first_and_the_hidden_toctree() -> None:
    old = Page("play/old", msgspec.structs.replace(TOOL.facts, title="Old", start=2001, end=2001))
    draft = Page(
        "play/new",
        msgspec.structs.replace(
            TOOL.facts, title="New", draft=True, skills=(), start=2024, end="present"
        ),
    )
    listing = make(d.ListingDirective, SKILLS, TOOL, old, draft, arguments=("play",))
    listing.env.docname = "play/index"
    listing.catalogue.broken.add("play/broken")
    result = listing.render()
    (lines,) = listing.state.parsed
    assert lines == [
        "::::{grid} 1 1 2 2",
        ":gutter: 3",
        "",
        ":::{grid-item-card} New",
        ":link: /play/new",
        ":link-type: doc",
        ":class-card: portfolio-card",
        "",
        "{bdg-warning}`Draft`",
        "",
        "*2024–present*",
        "",
        "Does \\*one\\* thing\\.",
        ":::",
        "",
        ":::{grid-item-card} Tool \\<b\\>",
        ":link: /play/tool",
        ":link-type: doc",
        ":class-card: portfolio-card",
        "",
        "*2020–2021*",
        "",
        "Does \\*one\\* thing\\.",
        "```{card-footer}",
        "{bdg-secondary-line}`Go`",
        "```",
        ":::",
        "",
        ":::{grid-item-card} Old",
        ":link: /play/old",
        ":link-type: doc",
        ":class-card: portfolio-card",
        "",
        "*2001*",
        "",
        "Does \\*one\\* thing\\.",
        "```{card-footer}",
        "{bdg-secondary-line}`Go`",
        "```",
        ":::",
        "",
        "::::",
        "",
        "```{toctree}",
        ":hidden:",
        "/play/new",
        "/play/tool",
        "/play/old",
        "/play/broken",
        "```",
    ]
    cards = [n for root in result for n in root.findall(nodes.container)]
    assert [card["support_smartquotes"] for card in cards] == [False, False, False]
    # The sidebar shows only the newest of the toctree's pages.
    [toctree] = [n for root in result for n in root.findall(addnodes.toctree)]
    assert toctree[BOUNDED] is True


def test_a_listing_links_its_archive_and_puts_it_in_the_navigation_after_its_pages() -> None:
    listing = make(d.ListingDirective, SKILLS, TOOL, arguments=("play",), archive="/archive")
    listing.env.docname = "play/index"
    result = listing.render()
    (lines,) = listing.state.parsed
    assert lines[-14:] == [
        "::::",
        "",
        "```{toctree}",
        ":hidden:",
        "/play/tool",
        "```",
        "",
        "{doc}`Every one, by year </archive>`",
        "",
        "```{toctree}",
        ":hidden:",
        "",
        "/archive",
        "```",
    ]
    # The archive's toctree is not bounded: the sidebar always shows it.
    toctrees = [n for root in result for n in root.findall(addnodes.toctree)]
    assert [BOUNDED in toctree for toctree in toctrees] == [True, False]
    assert d.ListingDirective.option_spec["archive"]("/archive") == "/archive"


def test_the_archive_files_a_sections_pages_under_the_year_each_ended() -> None:
    ongoing = dataclasses.replace(changed(TOOL, start=2019, end="present"), docname="play/on")
    draft = dataclasses.replace(changed(TOOL, draft=True), docname="play/new")
    old = dataclasses.replace(changed(TOOL, start=1999, end=2001), docname="play/old")
    other = dataclasses.replace(changed(TOOL, start=2030, end="present"), docname="work/x")
    archive = make(d.ArchiveDirective, TOOL, ongoing, draft, old, other, arguments=("play",))
    archive.env.docname = "archive"
    result = archive.run()
    assert archive.env.portfolio_views == {"archive": {"play"}}
    assert archive.state.parsed == [
        ["- {doc}`/play/on` · 2019–present"],
        ["- {doc}`/play/tool` · 2020–2021", "- {doc}`/play/new` · 2020–2021 {bdg-warning}`Draft`"],
        ["- {doc}`/play/old` · 1999–2001"],
    ]
    assert [(section["ids"], section["classes"]) for section in result] == [
        (["play-ongoing"], ["portfolio-archive"]),
        (["play-2021"], ["portfolio-archive"]),
        (["play-2001"], ["portfolio-archive"]),
    ]
    assert [section[0].astext() for section in result] == ["Ongoing", "2021", "2001"]
    assert [section[1].astext() for section in result] == ["parsed"] * 3
    assert {(section.source, section.line) for section in result} == {(SOURCE, 7)}


def test_an_empty_archive_has_no_years() -> None:
    archive = make(d.ArchiveDirective, META, arguments=("play",))
    assert archive.render() == []
    assert archive.state.parsed == []


def test_a_listing_of_roles_links_each_role() -> None:
    listing = make(d.ListingDirective, META, SKILLS, arguments=("work",), of="roles")
    listing.env.docname = "work/index"
    listing.render()
    lines = listing.state.parsed[0]
    assert lines[3:14] == [
        ":::{grid-item-card} Production Engineer",
        ":link: meta-pe",
        ":link-type: ref",
        ":class-card: portfolio-card",
        "",
        "Meta · May 2019–present",
        "```{card-footer}",
        "{bdg-secondary-line}`Python <3>` {bdg-secondary-line}`Go`",
        "```",
        ":::",
        "",
    ]
    # An employer page in the toctree, from the site's root.
    assert lines[-3:] == [":hidden:", "/work/meta", "```"]


def test_a_skill_card_lists_each_use_newest_first() -> None:
    uses = [Use(META, META.roles[0]), Use(TOOL)]
    assert d.SkillsDirective.card(SKILLS.catalogue[0], uses) == [
        ":::{grid-item-card} Go",
        ":class-card: portfolio-skill",
        "",
        "Since 2012.",
        "",
        "- {ref}`meta-pe` (May 2019–present)",
        "- {doc}`/play/tool` (2020–2021)",
        ":::",
        "",
    ]


def test_a_skill_group_is_a_grid_of_labelled_cards(logged: list) -> None:
    skills = make(d.SkillsDirective, SKILLS, META, TOOL, arguments=("languages",))
    skills.env.docname = "skills/index"
    result = skills.render()
    (lines,) = skills.state.parsed
    assert lines[:3] == ["::::{grid} 1 1 2 3", ":gutter: 2", ""]
    assert lines[3:12] == d.SkillsDirective.card(SKILLS.catalogue[0], skills.catalogue.uses("go"))
    assert "- {ref}`meta-pe` (May 2019–present)" in lines
    assert lines[-1] == "::::"
    cards = [n for n in result if "portfolio-skill" in n.get("classes", ())]
    assert [card["ids"] for card in cards] == [["skill-go"], ["skill-python"]]
    # Each role's link reads "title, employer".
    xref = next(result[-1].findall(addnodes.pending_xref))
    assert xref.astext() == "Production Engineer, Meta"
    assert logged == []


def test_a_skill_group_that_has_no_skills_is_an_error(logged: list) -> None:
    assert make(d.SkillsDirective, SKILLS, arguments=("hobbies",)).render() == []
    assert logged[0][1:3] == (
        "{skills} group 'hobbies' has no skills; groups in the skills front matter:"
        " data-stores, languages",
        f"{SOURCE}:7",
    )
