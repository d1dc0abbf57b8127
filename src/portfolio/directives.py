"""Directives that render front-matter facts as MyST, parsed in place.

Each directive writes ordinary MyST (sphinx-design cards and badges, ``{ref}``
and ``{doc}`` roles) and parses it where it stands, so every generated link is
resolved, and checked under ``nitpicky``, by Sphinx itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .catalog import ALL_SECTIONS, Catalogue, Use, author_index, catalogue_of, note_view
from .frontmatter import SECTIONS, Page
from .model import Person, Publication, Role, Skill
from .navigation import BOUNDED
from .structured_data import entry_facts
from .titles import keep_quotes, markdown_text

logger = logging.getLogger(__name__)

#: The class that marks a skill badge linking to the skills page.
SKILL_LINK = "portfolio-skill-link"


def skill_badges(catalogue: Catalogue, ids: Iterable[str], *, linked: bool = True) -> str:
    """Badges for skills; linked ones lead to the skill on the skills page."""
    skills = catalogue.skills
    known = [skills[skill_id] for skill_id in ids if skill_id in skills]
    if linked:
        return " ".join(f"{{bdg-ref-primary-line}}`{s.name} <{s.label}>`" for s in known)
    return " ".join(f"{{bdg-secondary-line}}`{s.name}`" for s in known)


def bare(url: str) -> str:
    """An address as a reader says it: no scheme, no trailing slash."""
    return url.removeprefix("mailto:").removeprefix("https://").rstrip("/")


def role_link_text(page: Page, role: Role) -> str:
    return f"{role.title}, {page.title}"


def name_role_links(result: list[nodes.Node], names: dict[str, str]) -> None:
    """Give each ``{ref}`` to a role in ``names`` that text, verbatim.

    A role's link reads "title, employer". Written as the ref's explicit title it
    would be parsed: a ``<`` in a title would be taken for the start of the target.
    """
    for root in result:
        for xref in root.findall(addnodes.pending_xref):
            if xref["reftype"] == "ref" and (text := names.get(xref["reftarget"])):
                xref["refexplicit"] = True
                xref.children = [nodes.inline(text, text, classes=["xref", "std", "std-ref"])]


class PortfolioDirective(SphinxDirective):
    """A directive that parses generated MyST and may show other pages' facts."""

    #: Whether the output depends on other pages' front matter.
    is_view = False

    @property
    def catalogue(self) -> Catalogue:
        return catalogue_of(self.env.app)

    def sources(self) -> set[str]:
        """The sections whose facts a view shows; the page is re-read when they change."""
        return {ALL_SECTIONS}

    def run(self) -> list[nodes.Node]:
        if self.is_view:
            note_view(self.env, self.sources())
        return self.render()

    def render(self) -> list[nodes.Node]:
        raise NotImplementedError

    def page(self) -> Page | None:
        """This page's facts, or ``None`` after reporting why there are none."""
        page = self.catalogue.pages.get(self.env.docname)
        if page is None:
            logger.error(
                "{%s} needs this page's front matter, which is missing or has errors "
                "(see the messages above)",
                self.name,
                location=self.get_location(),
            )
        return page

    def parse(self, lines: list[str]) -> list[nodes.Node]:
        source, line = self.get_source_info()
        content = StringList()
        for text in lines:
            content.append(text, source, line)
        container = nodes.Element()
        self.state.nested_parse(content, 0, container)
        return container.children

    def label(self, node: nodes.Element, label: str) -> None:
        """Make ``node`` the target of ``label``, as ``(label)=`` would."""
        node["ids"].insert(0, label)
        node["names"].append(label)
        self.state.document.note_explicit_target(node, node)


class BadgesDirective(PortfolioDirective):
    """A directive whose skill badges show names from the skills page."""

    is_view = True

    def sources(self) -> set[str]:
        return {"skills"}

    def parse(self, lines: list[str]) -> list[nodes.Node]:
        result = super().parse(lines)
        for root in result:
            for xref in root.findall(addnodes.pending_xref):
                if "sd-badge" in xref["classes"]:
                    xref["classes"].append(SKILL_LINK)
        return result


class SkillLinkNames(SphinxPostTransform):
    """Say what a linked skill badge is to those who hear it rather than see it.

    A badge shows "Go"; as a link it should say where it leads. The suffix is
    visually hidden (furo's class), so screen readers and search engines get
    "Go (skill)" while the page shows the badge alone. Other formats have no
    such class, and their badges need no suffix.
    """

    default_priority = 20  # once cross-references are resolved (10)
    builders = ("html", "dirhtml", "singlehtml")

    def run(self, **kwargs: Any) -> None:
        for link in self.document.findall(nodes.reference):
            if SKILL_LINK in link["classes"]:
                link += nodes.inline(" (skill)", " (skill)", classes=["visually-hidden"])


class PositionDirective(BadgesDirective):
    """One role on an employer page: heading, dates, what he did, skills.

    The title, dates and skills come from the role of that ``id`` in the page's
    front matter; the directive's content is the prose.
    """

    required_arguments = 1
    has_content = True

    def render(self) -> list[nodes.Node]:
        page = self.page()
        if page is None:
            return []
        role = next((r for r in page.roles if r.id == self.arguments[0]), None)
        if role is None:
            logger.error(
                "{position} %r is not a role in this page's front matter; ids there: %s",
                self.arguments[0],
                ", ".join(r.id for r in page.roles),
                location=self.get_location(),
            )
            return []
        # A section built here, not parsed from "## title": MyST would attach a
        # parsed heading to the enclosing section instead of returning it.
        section = nodes.section(classes=["portfolio-role"])
        self.set_source_info(section)
        section += nodes.title(role.title, role.title)
        keep_quotes(section[-1])
        self.label(section, role.id)
        section += nodes.paragraph("", str(role.span), classes=["portfolio-dates"])
        self.state.nested_parse(self.content, self.content_offset, section)
        if role.skills:
            section += self.parse(
                [":::{div} portfolio-skills", skill_badges(self.catalogue, role.skills), ":::"]
            )
        return [section]


def citation(paper: Publication, person: str) -> nodes.container:
    """The paper as a reference list gives it, with ``person`` in bold among its authors.

    Built as nodes, not MyST: a title or an author's name is text, never markup.
    """
    me = author_index(paper, person)
    line = nodes.paragraph(classes=["portfolio-citation"])
    for index, author in enumerate(paper.authors):
        if index:
            line += nodes.Text(" and " if index == len(paper.authors) - 1 else ", ")
        line += nodes.strong(author, author) if index == me else nodes.Text(author)
    line += nodes.Text(". \u201c" if paper.authors else "\u201c")
    if paper.url:
        line += nodes.reference(paper.title, paper.title, refuri=paper.url)
    else:
        line += nodes.Text(paper.title)
    line += nodes.Text(".\u201d ")
    line += nodes.emphasis(paper.venue, paper.venue)
    line += nodes.Text(", ".join(["", *filter(None, (paper.place, paper.published.long))]) + ".")
    box = nodes.container("", line, classes=["portfolio-publication"])
    if paper.summary:
        box += nodes.paragraph(paper.summary, paper.summary, classes=["portfolio-abstract"])
    return box


class PublicationDirective(PortfolioDirective):
    """A paper from the front matter's ``publications``, cited in full.

    On the employer page that lists it, the citation is the target of the
    paper's ``id``, so ``{ref}`` reaches it from any page.
    """

    required_arguments = 1

    def render(self) -> list[nodes.Node]:
        found = self.catalogue.publication(self.arguments[0])
        if found is None:
            logger.error(
                "{publication} %r is not in any page's 'publications'; ids there: %s",
                self.arguments[0],
                ", ".join(p.id for _, p in self.catalogue.publications()) or "none",
                location=self.get_location(),
            )
            return []
        page, paper = found
        person = self.catalogue.person
        node = citation(paper, person.title if person else "")
        self.set_source_info(node)
        if page.docname == self.env.docname:
            self.label(node, paper.id)
        else:  # another page's facts: re-read this one when they change
            note_view(self.env, {page.section})
        return [node]


class FactsDirective(BadgesDirective):
    """The facts at the top of a page: who he is on the landing page, and the
    dates, links and skills of a write-up or employer page."""

    def render(self) -> list[nodes.Node]:
        page = self.page()
        if page is None:
            return []
        if page.person is not None:
            resume = self.config.portfolio_resume
            extra = [f"{{doc}}`Résumé </{resume}>`"] if resume in self.env.found_docs else []
            # The résumé to take away: portfolio.downloads resolves these to the files.
            extra += ["{resume-file}`PDF <pdf>`", "{resume-file}`plain text <txt>`"]
            return self.parse(self.person_lines(page.person, page.summary, extra))
        links = " · ".join(f"[{markdown_text(link.title)}](<{link.url}>)" for link in page.links)
        dates = f"**{page.span}**" if page.span else ""
        lines = [":::{div} portfolio-facts", " · ".join(filter(None, (dates, links)))]
        # What only an imported résumé tends to say: where, what the employer does,
        # for whom a project was and the parts played in it.
        if page.details:
            lines += ["", markdown_text(" · ".join(page.details))]
        if page.skills:
            lines += ["", skill_badges(self.catalogue, page.skills)]
        return self.parse([*lines, ":::"])

    @staticmethod
    def person_lines(person: Person, statement: str, extra: list[str] | None = None) -> list[str]:
        contact = [f"[{person.email}](mailto:{person.email})"]
        contact += [markdown_text(person.phone)] if person.phone else []
        urls = [person.website] * bool(person.website) + [p.url for p in person.accounts]
        contact += [f"[{markdown_text(bare(url))}](<{url}>)" for url in urls]
        contact += extra or []
        return [
            ":::{div} portfolio-headline",
            markdown_text(" in ".join(filter(None, (person.headline, person.location)))),
            ":::",
            ":::{div} portfolio-contact",
            " ·\n".join(contact),
            ":::",
            ":::{div} portfolio-statement",
            markdown_text(statement),
            ":::",
        ]


def entry_nodes(entry: dict[str, Any]) -> nodes.container:
    """An entry of a section of entries, as every output draws it (its facts from
    :func:`.structured_data.entry_facts`): head, detail and dates, then its body,
    items and links. Built as nodes: what the front matter says is text, never markup."""
    head: nodes.Element = nodes.strong(entry["head"], entry["head"])
    if entry["href"]:
        head = nodes.strong(
            "", "", nodes.reference(entry["head"], entry["head"], refuri=entry["href"])
        )
    line = nodes.paragraph("", "", head, classes=["portfolio-entry-head"])
    if entry["detail"]:
        line += [nodes.Text(" · "), nodes.emphasis(entry["detail"], entry["detail"])]
    if entry["dates"]:
        line += nodes.Text(f" · {entry['dates']}")
    box = nodes.container("", line, classes=["portfolio-entry"])
    if entry["body"]:
        box += nodes.paragraph(entry["body"], entry["body"])
    if entry["items"]:
        box += nodes.bullet_list(
            "", *(nodes.list_item("", nodes.paragraph(i, i)) for i in entry["items"])
        )
    if entry["links"]:
        links = nodes.paragraph(classes=["portfolio-entry-links"])
        for index, link in enumerate(entry["links"]):
            links += nodes.Text(" · " * bool(index) + f"{link['title']}: ")
            links += nodes.reference(bare(link["url"]), bare(link["url"]), refuri=link["url"])
        box += links
    for node in box.findall(nodes.Element):
        keep_quotes(node)
    return box


class EntriesDirective(PortfolioDirective):
    """The entries of this page's section (``kind: awards``: its ``awards``), each as
    :func:`entry_nodes` draws it, in the résumé's order (:meth:`.Catalogue.entries`:
    newest first if dated); a private section's only once the page publishes them."""

    def render(self) -> list[nodes.Node]:
        page = self.page()
        if page is None:
            return []
        if page.kind not in SECTIONS:
            logger.error(
                "{entries} shows a section's entries, on a page of one of the kinds %s; this"
                " page is of kind %r",
                ", ".join(SECTIONS),
                page.kind,
                location=self.get_location(),
            )
            return []
        section = SECTIONS[page.kind]
        result = []
        for owner, entry in self.catalogue.entries(page.kind):
            if owner is not page:
                continue
            node = entry_nodes(entry_facts(section, entry))
            self.set_source_info(node)
            if entry.id:
                self.label(node, entry.id)
            result.append(node)
        return result


class ListingDirective(PortfolioDirective):
    """A section's pages (or, with ``:of: roles``, its roles) as cards, newest first.

    It also writes the section's hidden toctree, so a new page joins the
    navigation without anyone editing a toctree. The sidebar shows only the
    newest of its pages (:mod:`.navigation`); ``:archive:`` names the page that
    lists them all (:class:`ArchiveDirective`), which joins the navigation after them.
    """

    is_view = True
    required_arguments = 1
    option_spec = {
        "of": lambda arg: directives.choice(arg, ("pages", "roles")),
        "archive": directives.unchanged_required,
    }

    def sources(self) -> set[str]:
        return {self.arguments[0], "skills"}

    def render(self) -> list[nodes.Node]:
        section = self.arguments[0]
        pages = self.catalogue.pages_in(section)
        if self.options.get("of") == "roles":
            cards = [self.role_card(page, role) for page, role in self.catalogue.roles()]
        else:
            cards = [self.page_card(page) for page in pages]
        broken = sorted(d for d in self.catalogue.broken if d.startswith(f"{section}/"))
        # From the site's root, so a listing may stand in any folder.
        toctree = ["```{toctree}", ":hidden:"]
        toctree += [f"/{docname}" for docname in [p.docname for p in pages] + broken]
        lines = ["::::{grid} 1 1 2 2", ":gutter: 3", ""]
        lines += [line for card in cards for line in card]
        lines += ["::::", "", *toctree, "```"]
        if archive := self.options.get("archive"):
            lines += ["", f"{{doc}}`Every one, by year <{archive}>`", ""]
            lines += ["```{toctree}", ":hidden:", "", archive, "```"]
        result = self.parse(lines)
        for root in result:
            for card in root.findall(nodes.Element):
                if "portfolio-card" in card.get("classes", ()):
                    keep_quotes(card)
        # The first toctree holds the section's pages: the sidebar shows the newest.
        next(node for root in result for node in root.findall(addnodes.toctree))[BOUNDED] = True
        return result

    def page_card(self, page: Page) -> list[str]:
        # A draft is listed only in the preview, where it is marked as one.
        draft = ["{bdg-warning}`Draft`", ""] if page.draft else []
        return [
            f":::{{grid-item-card}} {markdown_text(page.title)}",
            f":link: /{page.docname}",
            ":link-type: doc",
            ":class-card: portfolio-card",
            "",
            *draft,
            f"*{page.span}*",
            "",
            markdown_text(page.summary),
            *self.footer(page.all_skills),
        ]

    def role_card(self, page: Page, role: Role) -> list[str]:
        return [
            f":::{{grid-item-card}} {markdown_text(role.title)}",
            f":link: {role.id}",
            ":link-type: ref",
            ":class-card: portfolio-card",
            "",
            f"{markdown_text(page.title)} · {role.span}",
            *self.footer(role.skills),
        ]

    def footer(self, skills: tuple[str, ...]) -> list[str]:
        badges = skill_badges(self.catalogue, skills, linked=False)
        return ["```{card-footer}", badges, "```", ":::", ""] if badges else [":::", ""]


def archive_year(page: Page) -> str:
    """The year a page is filed under in the archive: the year it ended, as the
    listings sort it; ongoing work first."""
    return str(page.span.end.year) if page.span and page.span.end else "Ongoing"


class ArchiveDirective(PortfolioDirective):
    """Every dated page of a section, under the year each ended, newest first.

    The sidebar shows a section's newest pages alone; this page, which its
    listing names with ``:archive:``, lists all of them, one line each, with a
    heading a year so that a reader can go to one.
    """

    is_view = True
    required_arguments = 1

    def sources(self) -> set[str]:
        return {self.arguments[0]}

    def render(self) -> list[nodes.Node]:
        section = self.arguments[0]
        years: dict[str, list[Page]] = {}
        for page in self.catalogue.pages_in(section):
            years.setdefault(archive_year(page), []).append(page)
        result: list[nodes.Node] = []
        for year, pages in years.items():
            node = nodes.section(ids=[f"{section}-{year.lower()}"], classes=["portfolio-archive"])
            self.set_source_info(node)
            node += nodes.title(year, year)
            node += self.parse([self.line(page) for page in pages])
            result.append(node)
        return result

    @staticmethod
    def line(page: Page) -> str:
        # A draft is listed only in the preview, where it is marked as one.
        draft = " {bdg-warning}`Draft`" if page.draft else ""
        return f"- {{doc}}`/{page.docname}` · {page.span}{draft}"


class SkillsDirective(PortfolioDirective):
    """One group of the skills catalogue, each skill with where it was used."""

    is_view = True
    required_arguments = 1

    def render(self) -> list[nodes.Node]:
        group = [s for s in self.catalogue.skills.values() if s.group == self.arguments[0]]
        if not group:
            logger.error(
                "{skills} group %r has no skills; groups in the skills front matter: %s",
                self.arguments[0],
                ", ".join(sorted({s.group for s in self.catalogue.skills.values()})),
                location=self.get_location(),
            )
            return []
        lines = ["::::{grid} 1 1 2 3", ":gutter: 2", ""]
        for skill in group:
            lines += self.card(skill, self.catalogue.uses(skill.id))
        result = self.parse([*lines, "::::"])
        name_role_links(
            result, {role.id: role_link_text(page, role) for page, role in self.catalogue.roles()}
        )
        cards = (
            node
            for root in result
            for node in root.findall(nodes.Element)
            if "portfolio-skill" in node.get("classes", ())
        )
        for skill, card in zip(group, cards, strict=True):
            self.label(card, skill.label)
        return result

    @staticmethod
    def card(skill: Skill, uses: list[Use]) -> list[str]:
        lines = [
            f":::{{grid-item-card}} {markdown_text(skill.name)}",
            ":class-card: portfolio-skill",
            "",
            skill.note,
            "",
        ]
        for use in uses:
            if use.role is not None:
                lines.append(f"- {{ref}}`{use.role.id}` ({use.role.span})")
            else:
                lines.append(f"- {{doc}}`/{use.page.docname}` ({use.page.span})")
        return [*lines, ":::", ""]
