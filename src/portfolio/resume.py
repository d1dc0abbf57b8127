"""The résumé page: the whole résumé on one page, from the facts and the pages' prose.

``{resume} <part>`` draws one part of it. The facts (name, contact, roles'
titles and dates, degrees, the paper, skills, projects) are the résumé's own
(:func:`portfolio.structured_data.resume_facts`), which the PDF, the text file
and resume.json are made from too; the prose of each role (and of an activity such as student radio,
or a skill group's sentence) is the employer's or school's own, copied from
that page. Nothing is written twice.

That prose lives in other pages' doctrees, which may not be read yet when this
page is. So the directive leaves an :class:`excerpt` placeholder naming the
label of what to copy, and :class:`FillExcerpts` replaces it at write time with
copies of the labelled nodes, before cross-references are resolved (priority
10), so the links inside the copies resolve from this page. The page notes the
pages it copies from as dependencies, and is a view of every section's facts,
so an incremental build re-reads it whenever what it shows changes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .catalog import catalogue_of
from .directives import FactsDirective, PortfolioDirective, bare, citation, entry_nodes
from .frontmatter import SECTIONS
from .model import Section
from .structured_data import by_id, resume_facts
from .titles import markdown_text

logger = logging.getLogger(__name__)

PARTS = (
    "heading",
    "variants",
    "experience",
    "education",
    "publications",
    "skills",
    "projects",
    *SECTIONS,
)

#: The class of a section of entries that ``{resume} <section>`` drew, heading and all.
PART_CLASS = "portfolio-resume-part"

#: What a role's section holds besides its prose: the résumé draws these from the facts.
NOT_PROSE = frozenset({"portfolio-dates", "portfolio-skills", "portfolio-publication"})


class excerpt(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lowercase
    """Placeholder for the nodes labelled ``label`` (in ``docname``, if given).

    ``mode`` says what to copy: ``body`` (a section's prose, without its title),
    ``section`` (its title too, as a sub-heading here), ``first-paragraph`` (the
    first paragraph of the document ``docname``) or ``lead`` (a section's prose
    as one paragraph led by its title; ``fallback`` if it has none).
    """


class ResumeDirective(PortfolioDirective):
    """One part of the résumé page; see :data:`PARTS`."""

    is_view = True
    required_arguments = 1
    #: The résumé's facts, as :func:`render` found them for this part.
    facts: dict[str, Any]
    option_spec = {
        # Labels of school-page sections shown after the degrees (an activity).
        "with": directives.unchanged,
        # The document whose first paragraph introduces the projects.
        "lead": directives.unchanged,
    }

    def render(self) -> list[nodes.Node]:
        part = self.arguments[0]
        if part not in PARTS:
            logger.error(
                "{resume} %r is not a part of the résumé; parts: %s",
                part,
                ", ".join(PARTS),
                location=self.get_location(),
            )
            return []
        person = self.catalogue.person
        if person is None or person.person is None:
            logger.error(
                "{resume} %s needs the page of 'kind: person' (the landing page)",
                part,
                location=self.get_location(),
            )
            return []
        self.facts = resume_facts(self.catalogue, person, self.config.release)
        if part in SECTIONS:
            return self.entries(SECTIONS[part])
        return getattr(self, part)()

    def excerpt(self, **attributes: Any) -> excerpt:
        node = excerpt(**attributes)
        self.set_source_info(node)
        return node

    def depend_on(self, docname: str) -> None:
        """Re-read this page when ``docname``'s source changes (its prose is copied here)."""
        self.env.note_dependency(self.env.doc2path(docname))

    def entry(self, entry_id: str, title: str, subtitle: list[nodes.Node]) -> nodes.section:
        """A sub-section: a heading and the line under it (employer or school, and dates)."""
        section = nodes.section(ids=[f"resume-{entry_id}"], classes=["portfolio-resume-entry"])
        self.set_source_info(section)
        text, messages = self.state.inline_text(title, self.lineno)
        section += nodes.title(title, "", *text)
        section += messages
        section += nodes.paragraph("", "", *subtitle, classes=["portfolio-dates"])
        return section

    def ref(self, text: str, label: str) -> addnodes.pending_xref:
        xref = addnodes.pending_xref(
            "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True
        )
        xref += nodes.inline(text, text)
        return xref

    # -- The parts ---------------------------------------------------------------

    def heading(self) -> list[nodes.Node]:
        page = self.catalogue.person
        assert page is not None and page.person is not None  # render() saw to it
        name = nodes.paragraph(page.title, page.title, classes=["portfolio-resume-name"])
        lines = FactsDirective.person_lines(page.person, page.summary)
        return [nodes.container("", name, *self.parse(lines), classes=["portfolio-resume-head"])]

    def variants(self) -> list[nodes.Node]:
        """A line offering the published variants' files, if the page declares any."""
        page = self.catalogue.pages.get(self.env.docname)
        published = [variant for variant in page.variants if variant.publish] if page else []
        if not published:
            return []
        line = nodes.paragraph("", "Tailored from the same facts: ")
        for index, variant in enumerate(published):
            line += nodes.Text("; " * bool(index) + f"{variant.title} (")
            for kind, title in (("pdf", "PDF"), ("txt", "text")):
                line += nodes.reference(
                    "",
                    title,
                    internal=False,
                    portfolio_resume_file=kind,
                    portfolio_resume_variant=variant.name,
                )
                line += nodes.Text(", " if kind == "pdf" else ")")
        line += nodes.Text(".")
        return [line]

    def experience(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for role in self.facts["work"]:
            self.depend_on(role["page"])
            employer = nodes.strong("", "", self.ref(role["name"], role["id"]))
            # A role among others at one employer shows the employer's whole tenure too.
            tenure = f" ({role['tenure']})" if "tenure" in role else ""
            dates = f"{tenure} · {role['dates']}"
            section = self.entry(role["id"], role["position"], [employer, nodes.Text(dates)])
            section += self.excerpt(docname=role["page"], label=role["id"], mode="body")
            if role["skills"]:
                section += nodes.paragraph(
                    "", " · ".join(role["skills"]), classes=["portfolio-resume-keywords"]
                )
            result.append(section)
        return result

    def education(self) -> list[nodes.Node]:
        schools = [p for p in self.catalogue.pages.values() if p.education]
        for page in schools:
            self.depend_on(page.docname)
        result: list[nodes.Node] = []
        for degree in self.facts["education"]:
            school = degree["institution"]
            result.append(
                self.entry(
                    f"degree-{degree.get('endDate', 'present')}",
                    ", ".join(filter(None, (degree["studyType"], degree.get("area")))),
                    [
                        nodes.strong(
                            "",
                            "",
                            nodes.reference(school, school, refuri=degree["url"])
                            if "url" in degree
                            else nodes.Text(school),
                        ),
                        nodes.Text(f" · {degree['dates']}"),
                    ],
                )
            )
        result += [
            self.excerpt(label=label, mode="section")
            for label in self.options.get("with", "").split()
        ]
        return result

    def publications(self) -> list[nodes.Node]:
        name = self.facts["basics"]["name"]
        found = (self.catalogue.publication(paper["id"]) for paper in self.facts["publications"])
        return [citation(paper, name) for _, paper in filter(None, found)]

    def skills(self) -> list[nodes.Node]:
        owner = next((p for p in self.catalogue.pages.values() if p.catalogue), None)
        if owner is None:
            return []
        self.depend_on(owner.docname)
        return [
            self.excerpt(
                docname=owner.docname,
                label=f"skills-{group['id']}",
                mode="lead",
                fallback=", ".join(group["keywords"]) + ".",
                classes=["portfolio-resume-skills"],
            )
            for group in self.facts["skills"]
        ]

    def entries(self, section: Section) -> list[nodes.Node]:
        """A section of entries under its own heading, a part of the page wherever it is
        written (:class:`PartsAside`); nothing at all when it has none."""
        found = self.facts[section.name]
        if not found:
            return []
        heading = nodes.section(
            ids=[f"resume-{section.name}"],
            names=[f"resume-{section.name}"],
            classes=[PART_CLASS],
        )
        self.set_source_info(heading)
        heading += nodes.title(section.title, section.title)
        heading += [entry_nodes(entry) for entry in found]
        return [heading]

    def projects(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        if lead := self.options.get("lead"):
            docname = lead.lstrip("/")
            if docname not in self.env.found_docs:
                logger.error(
                    "{resume} projects: :lead: %r is not a page", lead, location=self.get_location()
                )
            else:
                self.depend_on(docname)
                result.append(self.excerpt(docname=docname, mode="first-paragraph"))
        items = []
        for project in self.facts["projects"]:
            # The address itself, which paper and a pasted copy keep.
            links = " · ".join(f"[{bare(link['url'])}]({link['url']})" for link in project["links"])
            # The page's own title, which stays text whatever it holds (portfolio.titles).
            summary = markdown_text(project["description"])
            items.append(f"- {{doc}}`/{project['id']}`, {project['dates']}: {summary}")
            items.append(f"  {links}")
        return result + self.parse([":::{div} portfolio-resume-projects", *items, ":::"])


class PartsAside(SphinxTransform):
    """Make each section a ``{resume} <section>`` drew a part of the page, beside the
    part it was written in ("## Skills", then ``{resume} languages``), not a sub-section
    of it, where docutils puts whatever follows a heading: the page's outline, headings
    and styles then treat it as every other part."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        parts = [s for s in self.document.findall(nodes.section) if PART_CLASS in s["classes"]]
        # From the last, so parts written one after another keep their order.
        for part in reversed(parts):
            parent = part.parent
            if isinstance(parent, nodes.section) and isinstance(parent.parent, nodes.section):
                parent.remove(part)
                parent.parent.insert(parent.parent.index(parent) + 1, part)


# -- Filling the excerpts ---------------------------------------------------------


class FillExcerpts(SphinxPostTransform):
    """Replace each :class:`excerpt` with copies of what it names, from its page's doctree."""

    default_priority = 5  # before cross-references are resolved (10): the copies' resolve too

    def run(self, **kwargs: Any) -> None:
        doctrees: dict[str, nodes.document] = {}
        labels = self.env.domains.standard_domain.anonlabels
        for placeholder in list(self.document.findall(excerpt)):
            docname = placeholder.get("docname") or labels.get(placeholder.get("label"), ("",))[0]
            if docname not in self.env.all_docs:
                logger.error(
                    "{resume} cannot find %r: no page has that label",
                    placeholder.get("label"),
                    location=placeholder,
                )
                placeholder.replace_self([])
                continue
            if docname not in doctrees:
                doctrees[docname] = self.env.get_doctree(docname)
            copies = self.copies(placeholder, doctrees[docname])
            for copy in copies:
                self.adopt(copy)
            placeholder.replace_self(copies)

    def copies(self, placeholder: excerpt, doctree: nodes.document) -> list[nodes.Node]:
        mode = placeholder["mode"]
        if mode == "first-paragraph":
            first = next(iter(doctree.findall(nodes.paragraph)), None)
            return [first.deepcopy()] if first else []
        label = placeholder["label"]
        source = by_id(doctree, label)
        if source is None:
            if mode == "lead" and placeholder.get("fallback"):
                title = label.partition("-")[2].replace("-", " ").capitalize()
                return [self.lead(placeholder, title, [nodes.Text(placeholder["fallback"])])]
            logger.error(
                "{resume} cannot find %r in %s",
                label,
                placeholder.get("docname"),
                location=placeholder,
            )
            return []
        if not isinstance(source, nodes.section):
            return [source.deepcopy()]
        prose = [
            child.deepcopy()
            for child in source.children
            if isinstance(child, nodes.Body)
            and not isinstance(child, nodes.target | nodes.system_message)
            and not NOT_PROSE & set(child.get("classes", ()))
            and not (mode == "lead" and not isinstance(child, nodes.paragraph))
        ]
        title = source.next_node(nodes.title)
        if mode == "section":
            section = nodes.section(ids=[f"resume-{label}"], classes=["portfolio-resume-entry"])
            section += title.deepcopy()
            section += prose
            return [section]
        if mode == "lead":
            words: list[nodes.Node] = []
            for paragraph in prose:
                words += [nodes.Text(" ")] * bool(words) + [
                    c.deepcopy() for c in paragraph.children
                ]
            fallback = [nodes.Text(placeholder.get("fallback", ""))]
            return [self.lead(placeholder, title.astext(), words or fallback)]
        return prose

    @staticmethod
    def lead(placeholder: excerpt, title: str, words: list[nodes.Node]) -> nodes.paragraph:
        """One paragraph led by ``title`` in bold: a skill group in a line."""
        head = nodes.strong(f"{title}: ", f"{title}: ")
        return nodes.paragraph("", "", head, *words, classes=placeholder.get("classes", []))

    def adopt(self, copy: nodes.Node) -> None:
        """Make a copied node this page's: its labels stay on their own page, and its
        cross-references resolve relative to this one."""
        if not isinstance(copy, nodes.Element):
            return
        for node in copy.findall(nodes.Element):
            if not (isinstance(node, nodes.section) and node is copy):
                node["ids"] = []
                node["names"] = []
            if isinstance(node, addnodes.pending_xref):
                node["refdoc"] = self.env.docname


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Every page's sidebar says how to reach him (_templates/sidebar/contact.html)."""
    person = catalogue_of(app).person
    context["portfolio_person"] = person.person if person else None


def setup(app: Sphinx) -> None:
    # The page that {facts} links from the landing page's contact line.
    app.add_config_value("portfolio_resume", "resume", "env", str)
    app.connect("html-page-context", on_html_page_context)
    app.add_node(excerpt)
    app.add_directive("resume", ResumeDirective)
    app.add_transform(PartsAside)
    app.add_post_transform(FillExcerpts)
