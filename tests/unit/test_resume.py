"""The résumé page's parts (portfolio.resume): each {resume} part drawn from the résumé's
facts, with the prose left as excerpts, and FillExcerpts copying that prose in from the
pages it belongs to."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes

from portfolio import resume
from portfolio.catalog import Catalogue
from portfolio.frontmatter import Page
from portfolio.model import Date, Link, Skill, Variant
from portfolio.resume import PART_CLASS, FillExcerpts, PartsAside, ResumeDirective, excerpt

from .helpers import (
    ME,
    PAPER,
    PERSON,
    SCHOOL,
    SOURCE,
    Calls,
    changed,
    directive,
    employer,
    environment,
    page,
    role,
)

META = employer(
    "work/meta",
    "Meta",
    role("meta-pe", "Production Engineer", Date(2019, 5), None, "python", "go"),
    url="https://meta.com/",
)
VIMEO = employer(
    "work/vimeo",
    "Vimeo",
    role("vimeo-sre", "Lead SRE", Date(2016), Date(2019)),
    role("vimeo-dev", "Developer", Date(2014, 2), Date(2015, 12), "unknown"),
    url="https://vimeo.com/",
)
SKILLS = page(
    "skills/index",
    "skills",
    title="Skills",
    catalogue=(
        Skill(id="go", name="Go", group="languages"),
        Skill(id="python", name="Python", group="languages"),
        Skill(id="mysql", name="MySQL", group="data-stores"),
    ),
)
TOOL = page(
    "play/tool",
    "project",
    title="Tool <b>",
    summary="Does *one* thing.",
    links=(
        Link(title="Source", url="https://github.com/jo/tool"),
        Link(title="Site", url="https://tool.org/"),
    ),
    start=2020,
    end=2021,
    skills=(),
)
RESUME = page(
    "resume",
    "resume",
    title="Résumé",
    variants=(
        Variant(name="short", title="One page", pages=1, publish=True),
        Variant(name="hidden", title="Kept back", pages=1),
        Variant(name="ops", title="For operations", pages=2, publish=True),
    ),
)
SITE = (ME, META, VIMEO, SCHOOL, SKILLS, TOOL, RESUME)


def catalogue(*pages: Page) -> Catalogue:
    return Catalogue(pages={page.docname: page for page in pages})


class State:
    """What the parts ask of docutils' state: inline text, and MyST to parse (recorded)."""

    def __init__(self, document: nodes.document) -> None:
        self.document = document
        self.parsed: list[list[str]] = []
        #: The line each inline text is parsed at, for its messages.
        self.lines: list[int] = []

    def inline_text(self, text: str, lineno: int) -> tuple[list[nodes.Node], list[Any]]:
        self.lines.append(lineno)
        return [nodes.Text(text)], []

    def nested_parse(self, content: Any, offset: int, container: nodes.Element) -> None:
        self.parsed.append(list(content))
        container += nodes.paragraph("", "parsed")


def part(name: str, *pages: Page, **options: str) -> tuple[Any, list[str]]:
    """The {resume} ``name`` directive on a site of ``pages``; its output and dependencies."""
    dependencies: list[str] = []
    env = environment(
        catalogue(*(pages or SITE)),
        docname="resume",
        found_docs={"play/index", "resume"},
        doc2path=lambda docname: f"/site/{docname}.md",
        note_dependency=dependencies.append,
        app={"config": SimpleNamespace(release="2024-06-08")},
    )
    env.config = env.app.config
    instance = directive(ResumeDirective, env, name, **options)
    instance.state = State(instance.state.document)
    instance.content_offset = 0
    return instance, dependencies


def render(name: str, *pages: Page, **options: str) -> tuple[list[nodes.Node], Any, list[str]]:
    instance, dependencies = part(name, *pages, **options)
    return instance.render(), instance, dependencies


# -- The parts ------------------------------------------------------------------------


def test_a_part_that_is_not_one_is_an_error(logged: list) -> None:
    assert render("hobbies")[0] == []
    assert logged == [
        (
            "ERROR",
            f"{{resume}} 'hobbies' is not a part of the résumé; parts: {', '.join(resume.PARTS)}",
            f"{SOURCE}:7",
            None,
            None,
        )
    ]


def test_every_part_needs_the_person(logged: list) -> None:
    assert render("experience", META)[0] == []
    assert logged[0][1] == (
        "{resume} experience needs the page of 'kind: person' (the landing page)"
    )
    assert logged[0][2] == f"{SOURCE}:7"
    assert len(logged) == 1


def test_the_heading_is_the_name_and_the_contact_lines(logged: list) -> None:
    (head,), instance, _ = render("heading")
    assert head["classes"] == ["portfolio-resume-head"]
    name = head[0]
    assert (name.astext(), name["classes"], name.rawsource) == (
        "Jo Bloggs",
        ["portfolio-resume-name"],
        "Jo Bloggs",
    )
    assert instance.state.parsed == [resume.FactsDirective.person_lines(PERSON, "Keeps sites up.")]
    assert head[1].astext() == "parsed"


def test_each_role_is_an_entry_with_its_employer_dates_prose_and_skills() -> None:
    entries, instance, dependencies = render("experience")
    assert instance.state.lines == [7, 7, 7]
    assert [entry["ids"] for entry in entries] == [
        ["resume-meta-pe"],
        ["resume-vimeo-sre"],
        ["resume-vimeo-dev"],
    ]
    meta, lead, developer = entries
    assert meta["classes"] == ["portfolio-resume-entry"]
    title, line, body, skills = meta.children
    assert title.astext() == "Production Engineer"
    assert line["classes"] == ["portfolio-dates"]
    employer_link = line[0][0]
    assert isinstance(employer_link, addnodes.pending_xref)
    assert {k: employer_link[k] for k in ("refdomain", "reftype", "reftarget", "refexplicit")} == {
        "refdomain": "std",
        "reftype": "ref",
        "reftarget": "meta-pe",
        "refexplicit": True,
    }
    assert line.astext() == "Meta · May 2019–present"
    assert isinstance(body, excerpt)
    assert (body["docname"], body["label"], body["mode"]) == ("work/meta", "meta-pe", "body")
    assert (skills.astext(), skills["classes"]) == ("Python · Go", ["portfolio-resume-keywords"])
    # Two roles at one employer: its whole tenure beside its name. No skills, no line.
    assert lead[1].astext() == "Vimeo (Feb 2014–2019) · 2016–2019"
    assert [type(child) for child in developer.children] == [
        nodes.title,
        nodes.paragraph,
        excerpt,
    ]
    # The page is read again when a page whose prose it copies changes.
    assert dependencies == ["/site/work/meta.md", "/site/work/vimeo.md", "/site/work/vimeo.md"]


def test_each_degree_is_an_entry_newest_first_then_the_activities() -> None:
    result, _, dependencies = render("education")
    entries, _, _ = render("education", **{"with": "ksdt radio"})
    new, old, ksdt, radio = entries
    assert new["ids"] == ["resume-degree-2004-06"]
    assert [new[0].astext(), new[1].astext()] == ["MSc, Maths", "New U · Jun 2004"]
    school = new[1][0][0]
    assert isinstance(school, nodes.reference) and school["refuri"] == "https://new.edu/"
    assert old["ids"] == ["resume-degree-2001"]
    assert [(e["label"], e["mode"], e.get("docname")) for e in (ksdt, radio)] == [
        ("ksdt", "section", None),
        ("radio", "section", None),
    ]
    assert len(result) == 2  # no :with:, no activities
    assert dependencies == ["/site/school/index.md"]


def test_the_papers_are_cited_with_him_in_bold() -> None:
    writer = employer("work/meta", "Meta", *META.roles, url="https://meta.com/")
    writer = changed(writer, publications=(PAPER,))
    (citation,), _, _ = render("publications", ME, writer)
    assert citation["classes"] == ["portfolio-publication"]
    assert citation.next_node(nodes.strong).astext() == "Jo Bloggs"
    assert render("publications", ME, META)[0] == []


def test_each_skill_group_is_a_lead_excerpt_with_its_names_to_fall_back_on() -> None:
    groups, _, dependencies = render("skills")
    assert [(g["docname"], g["label"], g["mode"], g["fallback"], g["classes"]) for g in groups] == [
        ("skills/index", "skills-languages", "lead", "Go, Python.", ["portfolio-resume-skills"]),
        ("skills/index", "skills-data-stores", "lead", "MySQL.", ["portfolio-resume-skills"]),
    ]
    assert dependencies == ["/site/skills/index.md"]
    # Without a skills page there is nothing to show.
    assert render("skills", ME, META)[0] == []


def test_the_projects_are_a_list_after_the_play_pages_first_paragraph(logged: list) -> None:
    result, instance, dependencies = render("projects", lead="/play/index")
    lead, parsed = result
    assert (lead["docname"], lead["mode"]) == ("play/index", "first-paragraph")
    assert instance.state.parsed == [
        [
            ":::{div} portfolio-resume-projects",
            "- {doc}`/play/tool`, 2020–2021: Does \\*one\\* thing\\.",
            "  [github.com/jo/tool](https://github.com/jo/tool) · [tool.org](https://tool.org/)",
            ":::",
        ]
    ]
    assert dependencies == ["/site/play/index.md"]
    assert logged == []


def test_a_lead_is_a_page_from_the_sites_root() -> None:
    instance, dependencies = part("projects", lead="/Xfiles/index")
    instance.env.found_docs = {"Xfiles/index"}
    lead, _ = instance.render()
    assert lead["docname"] == "Xfiles/index"


def test_a_lead_that_is_not_a_page_is_an_error(logged: list) -> None:
    result, _, dependencies = render("projects", lead="play/gone")
    assert len(result) == 1  # the list alone
    assert logged[0][:3] == (
        "ERROR",
        "{resume} projects: :lead: 'play/gone' is not a page",
        f"{SOURCE}:7",
    )
    assert dependencies == []
    # Without :lead:, the list alone, and nothing said.
    assert len(render("projects")[0]) == 1


def test_published_variants_are_offered_in_one_line() -> None:
    (line,), _, _ = render("variants")
    assert line.astext() == (
        "Tailored from the same facts: One page (PDF, text); For operations (PDF, text)."
    )
    links = list(line.findall(nodes.reference))
    assert [
        (link["portfolio_resume_file"], link["portfolio_resume_variant"], link["internal"])
        for link in links
    ] == [("pdf", "short", False), ("txt", "short", False), ("pdf", "ops", False)] + [
        ("txt", "ops", False)
    ]
    # No page of its own, or none published: no line.
    assert render("variants", *[p for p in SITE if p is not RESUME])[0] == []
    quiet = changed(RESUME, variants=RESUME.variants[1:2])
    assert render("variants", ME, quiet)[0] == []


# -- Filling the excerpts -----------------------------------------------------------------


def role_section(label: str) -> nodes.section:
    section = nodes.section(ids=[label], names=[label])
    section += nodes.title("Lead SRE, 2016–2019", "Lead SRE, 2016–2019")
    section += nodes.target("", "", ids=["anchor"])
    section += nodes.paragraph(
        "", "", nodes.Text("Ran "), addnodes.pending_xref("", refdoc="work/vimeo")
    )
    section += nodes.paragraph("", "2016–2019", classes=["portfolio-dates"])
    section += nodes.paragraph("", "Go", classes=["portfolio-skills"])
    section += nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", "Cut costs.")))
    section += nodes.system_message("", nodes.paragraph("", "a warning"))
    # A highlight with a label of its own, and words inside an element.
    section += nodes.paragraph(
        "",
        "",
        nodes.Text("Led "),
        nodes.emphasis("", "ops"),
        ids=["vimeo-ops"],
        names=["vimeo-ops"],
    )
    return section


def filled(*placeholders: excerpt, trees: dict[str, nodes.document] | None = None) -> Any:
    """The résumé page with ``placeholders``, after FillExcerpts; and its doctree reads."""
    vimeo = new_document("work/vimeo")
    vimeo += nodes.paragraph("", "First words.", ids=["vimeo-intro"])
    vimeo += role_section("vimeo-sre")
    trees = trees or {"work/vimeo": vimeo}
    reads: list[str] = []

    def get_doctree(docname: str) -> nodes.document:
        reads.append(docname)
        return trees[docname]

    labels = {"vimeo-sre": ("work/vimeo", "vimeo-sre"), "vimeo-intro": ("work/vimeo", "x")}
    env = SimpleNamespace(
        all_docs={**dict.fromkeys(trees, 1), "resume": 1},
        docname="resume",
        get_doctree=get_doctree,
        domains=SimpleNamespace(standard_domain=SimpleNamespace(anonlabels=labels)),
    )
    page = new_document(SOURCE)
    page.settings.env = env
    page += list(placeholders)
    FillExcerpts(page).run()
    return page, reads


def test_a_roles_body_is_its_prose_without_its_dates_skills_targets_or_warnings() -> None:
    page, reads = filled(excerpt(docname="work/vimeo", label="vimeo-sre", mode="body"))
    assert [type(child) for child in page.children] == [
        nodes.paragraph,
        nodes.bullet_list,
        nodes.paragraph,
    ]
    assert page.astext() == "Ran \n\nCut costs.\n\nLed ops"
    # The copies are this page's: no labels of their own, references resolved from here.
    xref = next(page.findall(addnodes.pending_xref))
    assert xref["refdoc"] == "resume"
    assert all(not node["ids"] and not node["names"] for node in page.findall(nodes.Element))
    assert reads == ["work/vimeo"]


def test_a_section_is_copied_with_its_title_under_a_label_of_this_page() -> None:
    page, _ = filled(excerpt(label="vimeo-sre", mode="section"))
    (section,) = page.children
    assert section["ids"] == ["resume-vimeo-sre"]
    assert section["classes"] == ["portfolio-resume-entry"]
    assert [type(child) for child in section.children] == [
        nodes.title,
        nodes.paragraph,
        nodes.bullet_list,
        nodes.paragraph,
    ]
    assert section[0].astext() == "Lead SRE, 2016–2019"
    # Only the copy is labelled here; a highlight's own label stays on its page.
    assert section[-1]["ids"] == [] and section[-1]["names"] == []


def test_a_lead_is_one_paragraph_led_by_the_title_in_bold() -> None:
    page, _ = filled(
        excerpt(label="vimeo-sre", mode="lead", fallback="Go.", classes=["portfolio-resume-skills"])
    )
    (lead,) = page.children
    assert lead["classes"] == ["portfolio-resume-skills"]
    assert isinstance(lead[0], nodes.strong)
    assert lead[0].astext() == "Lead SRE, 2016–2019: "
    # The paragraphs only (not the list), run together with a space, words whole.
    assert lead.astext() == "Lead SRE, 2016–2019: Ran  Led ops"
    assert lead.next_node(nodes.emphasis).astext() == "ops"


def test_a_lead_without_prose_or_fallback_is_its_title_alone() -> None:
    empty = nodes.section(ids=["skills-other"])
    empty += nodes.title("Other", "Other")
    skills = new_document("skills/index")
    skills += empty
    page, _ = filled(
        excerpt(docname="skills/index", label="skills-other", mode="lead"),
        trees={"skills/index": skills},
    )
    assert [p.astext() for p in page.children] == ["Other: "]
    assert page[0]["classes"] == []


def test_a_body_whose_label_is_missing_is_an_error_even_with_a_fallback(logged: list) -> None:
    page, _ = filled(excerpt(docname="work/vimeo", label="vimeo-x", mode="body", fallback="F."))
    assert page.children == []
    assert logged[0][1] == "{resume} cannot find 'vimeo-x' in work/vimeo"


def test_a_lead_without_prose_or_a_section_falls_back_on_the_names() -> None:
    empty = nodes.section(ids=["skills-data-stores"])
    empty += nodes.title("Data stores", "Data stores")
    skills = new_document("skills/index")
    skills += empty
    page, _ = filled(
        excerpt(docname="skills/index", label="skills-data-stores", mode="lead", fallback="MySQL."),
        excerpt(docname="skills/index", label="skills-web-tools", mode="lead", fallback="Vite."),
        trees={"skills/index": skills},
    )
    assert [p.astext() for p in page.children] == ["Data stores: MySQL.", "Web tools: Vite."]


def test_a_labelled_paragraph_is_copied_whole_and_a_first_paragraph_is_the_pages() -> None:
    page, _ = filled(
        excerpt(docname="work/vimeo", label="vimeo-intro", mode="body"),
        excerpt(docname="work/vimeo", mode="first-paragraph"),
    )
    assert [child.astext() for child in page.children] == ["First words.", "First words."]
    empty = new_document("play/index")
    page, _ = filled(
        excerpt(docname="play/index", mode="first-paragraph"), trees={"play/index": empty}
    )
    assert page.children == []


def test_each_page_is_read_once_however_many_excerpts_it_fills() -> None:
    _, reads = filled(
        excerpt(docname="work/vimeo", label="vimeo-sre", mode="body"),
        excerpt(docname="work/vimeo", label="vimeo-intro", mode="body"),
    )
    assert reads == ["work/vimeo"]


def test_a_label_no_page_has_or_a_page_lacks_is_an_error(logged: list) -> None:
    lost = excerpt(label="nowhere", mode="section")
    missing = excerpt(docname="work/vimeo", label="vimeo-lead", mode="body")
    lost.source, lost.line = SOURCE, 12
    page, _ = filled(lost, missing)
    assert page.children == []
    assert [entry[:2] for entry in logged] == [
        ("ERROR", "{resume} cannot find 'nowhere': no page has that label"),
        ("ERROR", "{resume} cannot find 'vimeo-lead' in work/vimeo"),
    ]
    assert logged[0][2] is lost
    assert logged[1][2] is missing


def test_the_fill_runs_before_references_are_resolved() -> None:
    assert FillExcerpts.default_priority == 5


# -- The sidebar, and setup -----------------------------------------------------------------


def test_every_page_carries_the_person_for_the_sidebar() -> None:
    app = SimpleNamespace(portfolio_catalogue=catalogue(ME, META))
    context: dict[str, Any] = {}
    resume.on_html_page_context(app, "work/meta", "page.html", context, None)
    assert context == {"portfolio_person": PERSON}
    resume.on_html_page_context(
        SimpleNamespace(portfolio_catalogue=catalogue(META)), "x", "page.html", context, None
    )
    assert context == {"portfolio_person": None}


def test_setup_registers_the_directive_the_node_and_the_fill() -> None:
    app = Calls()
    resume.setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("add_config_value", ("portfolio_resume", "resume", "env", str), {}),
        ("connect", ("html-page-context", resume.on_html_page_context), {}),
        ("add_node", (excerpt,), {}),
        ("add_directive", ("resume", ResumeDirective), {}),
        ("add_transform", (PartsAside,), {}),
        ("add_post_transform", (FillExcerpts,), {}),
    ]


def test_a_section_of_entries_becomes_a_part_beside_the_one_it_was_written_in() -> None:
    def section(name: str, *children: nodes.Node, part: bool = False) -> nodes.section:
        classes = [PART_CLASS] if part else []
        return nodes.section("", nodes.title(name, name), *children, ids=[name], classes=classes)

    page = new_document("resume")
    skills = section("skills", nodes.paragraph("", "Go."))
    skills += [section("languages", part=True), section("interests", part=True)]
    # A part written under the page's title alone is a part already.
    page += section("resume", section("talks", part=True), skills, section("projects"))
    PartsAside(page).apply()
    (top,) = page.children
    assert [child["ids"][0] for child in top.children[1:]] == [
        "talks",
        "skills",
        "languages",
        "interests",
        "projects",
    ]
    assert [type(child) for child in skills.children] == [nodes.title, nodes.paragraph]
