"""Machine-readable résumé data, from the same front matter as the pages.

- every HTML page gets a meta description (and Open Graph description): its
  front matter ``summary``, or else its first paragraph;
- the landing page's head gets a schema.org ``Person``, and a ``ScholarlyArticle``
  for each of his papers, as JSON-LD, and a link to ``resume.json``;
- ``resume.json`` (https://jsonresume.org/schema) is written at the site root
  once an HTML build has finished.

Open Graph titles, URLs and images come from sphinxext-opengraph (see conf.py);
this module only hands it the description, by the ``og:description`` override
that extension reads from the page's metadata.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from .catalog import Catalogue, author_index, catalogue_of, tenures
from .frontmatter import Page, declared, fields, leaves
from .model import SECTIONS, Date, Entry, Person, Publication, Role, Section, Span
from .variants import public

logger = logging.getLogger(__name__)

#: The JSON Resume schema version that ``resume.json`` declares and the tests validate.
JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
RESUME_FILE = "resume.json"
#: Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 200


# -- Descriptions -------------------------------------------------------------


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the page's first paragraph (the title is not one)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if text := paragraph.astext().strip():
            return text
    return ""


def description(catalogue: Catalogue, docname: str, doctree: nodes.document) -> str:
    page = catalogue.pages.get(docname)
    return shorten(page.summary if page and page.summary else first_paragraph(doctree))


# -- JSON-LD ------------------------------------------------------------------


def organisation(entry: dict[str, Any], kind: str = "Organization") -> dict[str, Any]:
    """An employer, from its role's entry in the résumé's facts."""
    return {"@type": kind, "name": entry["name"]} | (
        {"url": entry["url"]} if "url" in entry else {}
    )


def person_json_ld(facts: dict[str, Any]) -> dict[str, Any]:
    """A schema.org Person (https://schema.org/Person), from the résumé's facts
    (:func:`resume_facts`): the roles that go on, the schools, the skills, and what
    each section of entries declares (awards, credentials, languages…)."""
    basics = facts["basics"]
    current = [entry for entry in facts["work"] if "endDate" not in entry]
    employers = list({entry["page"]: entry for entry in current}.values())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": person_id(basics.get("url", "")),
        "name": basics["name"],
        **({"description": basics["summary"]} if "summary" in basics else {}),
        "email": f"mailto:{basics['email']}",
        **({"url": basics["url"]} if "url" in basics else {}),
        **({"telephone": basics["phone"]} if "phone" in basics else {}),
        **({"image": basics["image"]} if "image" in basics else {}),
    }
    if city := basics["location"].get("city"):
        data["homeLocation"] = {"@type": "Place", "name": city}
    if current:
        data["jobTitle"] = current[0]["position"]
        data["worksFor"] = [organisation(entry) for entry in employers]
    data["alumniOf"] = [
        {"@type": "CollegeOrUniversity", "name": degree["institution"]}
        | ({"url": degree["url"]} if "url" in degree else {})
        for degree in facts["education"]
    ]
    data["knowsAbout"] = [name for group in facts["skills"] for name in group["keywords"]]
    data["sameAs"] = [profile["url"] for profile in basics["profiles"]]
    data["sameAs"] += [basics["url"]] if "url" in basics else []
    for section in SECTIONS:
        if section.json_ld and (found := [e["ld"] for e in facts[section.name] if e["ld"]]):
            data[section.json_ld[0]] = found
    return data


def person_id(website: str) -> str:
    """The JSON-LD node id that ties a paper's author to the Person on the same page."""
    return f"{website}#person"


def article_json_ld(paper: Publication, person: Person) -> dict[str, Any]:
    """A schema.org ScholarlyArticle (https://schema.org/ScholarlyArticle) by the person."""
    me = author_index(paper, person.name)
    authors: list[dict[str, str]] = [{"@type": "Person", "name": name} for name in paper.authors]
    if me is not None:
        authors[me]["@id"] = person_id(person.website)
    return {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": paper.title,
        "author": authors,
        "datePublished": paper.published.iso,
        **({"url": paper.url} if paper.url else {}),
        **({"abstract": paper.summary} if paper.summary else {}),
        "publication": {"@type": "PublicationEvent", "name": paper.venue}
        | ({"location": {"@type": "Place", "name": paper.place}} if paper.place else {}),
    }


def script_tag(data: dict[str, Any]) -> str:
    # "</" would end the script element early; JSON allows "<\/" for it.
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


# -- JSON Resume ----------------------------------------------------------------


def iso_dates(span: Span | Date | None, end: Date | None = None) -> dict[str, str]:
    """``startDate`` and ``endDate`` as JSON Resume gives them; an ongoing span has no end."""
    if isinstance(span, Span):
        span, end = span.start, span.end
    dates = {"startDate": span.iso} if span else {}
    return dates | ({"endDate": end.iso} if end else {})


def by_id(
    doctree: nodes.Node, node_id: str, kind: type[nodes.Element] = nodes.Element
) -> nodes.Element | None:
    """The node of ``kind`` in ``doctree`` with the id ``node_id``: a label's, or a role's."""
    return next((node for node in doctree.findall(kind) if node_id in node["ids"]), None)


def highlights(section: nodes.Element) -> list[nodes.Element]:
    """The paragraphs and list items directly in ``section`` (a role's, or one
    labelled paragraph): its highlights, not its dates."""
    if isinstance(section, nodes.paragraph):
        return [section]
    found: list[nodes.Element] = []
    for child in section.children:
        if isinstance(child, nodes.bullet_list):
            found += child.children
        elif isinstance(child, nodes.paragraph) and "portfolio-dates" not in child["classes"]:
            found.append(child)
    return found


def words(node: nodes.Node) -> str:
    """A highlight's text on one line, as resume.json holds it."""
    return " ".join(node.astext().split())


def skill_groups(catalogue: Catalogue) -> list[dict[str, Any]]:
    """Each group of the skills catalogue, named as the skills page names it, else by
    its id capitalised."""
    groups = []
    for group, skills in catalogue.skill_groups.items():
        named = catalogue.groups.get(group)
        groups.append(
            {
                "name": named.name if named else group.replace("-", " ").capitalize(),
                **({"level": named.level} if named and named.level else {}),
                "keywords": [s.name for s in skills],
                "id": group,
            }
        )
    return groups


def entry_facts(section: Section, entry: Entry) -> dict[str, Any]:
    """An entry of a section as resume.json holds it (its fields, by their names there,
    dates in ISO 8601), and as every output draws it: ``head``, ``href``, ``detail``,
    ``dates``, ``body``, ``items`` and ``links`` (:class:`.model.Section`), and ``ld``,
    its JSON-LD."""
    values: dict[str, Any] = {}
    for field in fields(type(entry)):
        value = getattr(entry, field.name)
        if field.name in ("id", "tags") or value in ("", None, [], ()):
            continue
        if int in leaves(field.type):  # a date
            if value == "present":
                continue
            value = Date.of(value).iso  # type: ignore[union-attr]
        name = declared(field.type, "resume") or field.encode_name
        values[name] = list(value) if isinstance(value, tuple | list) else value
    dates = [Date.of(getattr(entry, field)) for field in section.dates]
    shown = ""
    if len(dates) == 2 and dates[0] is not None:
        shown = str(Span(dates[0], dates[1]))
    elif dates and dates[0] is not None:
        shown = str(dates[0])
    return values | {
        "id": entry.id,
        "tags": list(entry.tags),
        "head": said(entry, section.head),
        "href": getattr(entry, section.url) if section.url else "",
        "detail": said(entry, section.detail),
        "dates": shown,
        "body": getattr(entry, section.body) if section.body else "",
        "items": list(getattr(entry, section.items)) if section.items else [],
        "links": [
            {"title": label, "url": getattr(entry, field)}
            for field, label in section.links
            if getattr(entry, field)
        ],
        "ld": linked_data(section.json_ld[1], entry) if section.json_ld else None,
    }


def said(entry: Entry, fields: tuple[str, ...]) -> str:
    """The entry's ``fields`` in words, joined by commas: a list's items too, and an
    empty field left out."""
    words = []
    for field in fields:
        value = getattr(entry, field)
        words += list(value) if isinstance(value, tuple | list) else [str(value or "")]
    return ", ".join(filter(None, words))


def linked_data(template: dict[str, Any], entry: Entry) -> Any:
    """``template`` (a section's JSON-LD) filled from ``entry``: "{field}" is its value
    (a date as the front matter holds it, 2019 or "2019-04", is ISO 8601 already), and
    what is left empty goes, as does "present" and an object left with only its
    ``@type``. ``{"@value": …}`` is a plain value."""

    def filled(value: Any) -> Any:
        if isinstance(value, dict):
            kept = {key: v for key, v in ((k, filled(v)) for k, v in value.items()) if v}
            if set(kept) == {"@value"}:
                return kept["@value"]
            return kept if set(kept) - {"@type"} else None
        field = value.removeprefix("{").removesuffix("}")
        if field == value:
            return value
        found = getattr(entry, field)
        return "" if found in (None, "present") else str(found)

    return filled(template)


def keywords(catalogue: Catalogue, page: Page) -> list[str]:
    """A write-up's keywords: those it names, then its skills' names not among them."""
    named = list(page.keywords)
    said = {word.casefold() for word in named}
    return named + [n for n in catalogue.skill_names(page.skills) if n.casefold() not in said]


def resume_facts(catalogue: Catalogue, person_page: Page, release: str) -> dict[str, Any]:
    """The résumé's facts, from the front matter alone, built once for every form of it.

    resume.json's shape (https://jsonresume.org/schema), with what the résumé page and
    the printed résumé show besides: each entry's id and tags (what a tailored résumé
    keeps it by), its dates as written, an employer's whole tenure above roles that
    share it, a role's skills, a paper's authors. :func:`portfolio.variants.public`
    leaves those out of resume.json. The résumé page reads this while pages are
    still being read; the prose (:func:`json_resume`, and the PDF's runs) comes later.
    """
    person = person_page.person
    assert person is not None
    location = {
        name: value
        for name, value in (
            ("city", person.location),
            ("address", person.address),
            ("postalCode", person.postal_code),
            ("region", person.region),
            ("countryCode", person.country_code),
        )
        if value
    }
    basics = {
        "name": person.name,
        **({"label": person.headline} if person.headline else {}),
        "email": person.email,
        **({"url": person.website} if person.website else {}),
        **({"summary": person_page.summary} if person_page.summary else {}),
        "location": location,
        "profiles": [
            {"network": p.network, **({"username": p.username} if p.username else {}), "url": p.url}
            for p in person.accounts
        ],
        **{
            key: value for key, value in (("phone", person.phone), ("image", person.image)) if value
        },
    }
    roles = catalogue.roles()
    work = [
        {
            "name": page.title,
            "position": role.title,
            **({"url": page.own_url} if page.own_url else {}),
            **{key: value for key in ("location", "description") if (value := getattr(page, key))},
            **iso_dates(role.span),
            "id": role.id,
            "tags": list(role.tags),
            "dates": str(role.span),
            "page": page.docname,
            "skills": catalogue.skill_names(role.skills),
        }
        for page, role in roles
    ]
    for entry, span in zip(work, tenures(roles), strict=True):
        if span is not None:
            entry["tenure"] = str(span)
    education = [
        {
            "institution": degree.institution,
            **({"url": degree.url} if degree.url else {}),
            **({"area": degree.area} if degree.area else {}),
            "studyType": degree.degree,
            **iso_dates(degree.began, degree.earned),
            **({"score": degree.score} if degree.score else {}),
            **({"courses": list(degree.courses)} if degree.courses else {}),
            "dates": str(degree.earned or "present"),
        }
        for degree in catalogue.education()
    ]
    publications = [
        {
            "name": paper.title,
            "publisher": ", ".join(filter(None, (paper.venue, paper.place))),
            "releaseDate": paper.published.iso,
            **({"url": paper.url} if paper.url else {}),
            **({"summary": paper.summary} if paper.summary else {}),
            "id": paper.id,
            "authors": list(paper.authors),
            "me": author_index(paper, person.name),
            "venue": paper.venue,
            "place": paper.place,
            "date": paper.published.long,
        }
        for _, paper in catalogue.publications()
    ]
    projects = [
        {
            "name": page.title,
            "description": page.summary,
            **({"url": page.own_url} if page.own_url else {}),
            **iso_dates(page.span),
            "keywords": keywords(catalogue, page),
            **{
                resume: list(value) if isinstance(value, tuple) else value
                for field, resume in (("parts", "roles"), ("entity", "entity"), ("type", "type"))
                if (value := getattr(page, field))
            },
            "id": page.docname,
            "tags": list(page.tags),
            "dates": str(page.span),
            "links": [{"title": link.title, "url": link.url} for link in page.links],
        }
        for page in catalogue.projects()
    ]
    sections = {
        section.name: [entry_facts(section, entry) for _, entry in catalogue.entries(section.name)]
        for section in SECTIONS
    }
    return {
        "$schema": JSON_RESUME_SCHEMA,
        "basics": basics,
        "work": work,
        "education": education,
        "skills": skill_groups(catalogue),
        "publications": publications,
        "projects": projects,
        **sections,
        "meta": {"lastModified": f"{release}T00:00:00"},
    }


def summary_and_items(
    found: list[nodes.Element],
) -> tuple[list[nodes.Element], list[nodes.Element]]:
    """A role's prose (:func:`highlights`) as resume.json parts it: with a list, the
    paragraphs are its summary and the list items its highlights; prose with no list
    (a résumé written in paragraphs) is all highlights."""
    paragraphs = [node for node in found if isinstance(node, nodes.paragraph)]
    items = [node for node in found if not isinstance(node, nodes.paragraph)]
    return (paragraphs, items) if paragraphs and items else ([], found)


def summary_and_highlights(
    summary: list[nodes.Element], items: list[nodes.Element]
) -> dict[str, Any]:
    """A role's ``summary`` (if any) and ``highlights`` in resume.json, in words."""
    said: dict[str, Any] = {"summary": " ".join(map(words, summary))} if summary else {}
    return said | {"highlights": [words(node) for node in items]}


def role_prose(app: Sphinx, page: Page, role: Role) -> dict[str, Any]:
    """The role's summary and highlights (:func:`summary_and_items`) from its section
    (or the one paragraph its label names), as its write-up says them."""
    found = by_id(app.env.get_doctree(page.docname), role.id)
    return summary_and_highlights(
        *summary_and_items(highlights(found) if found is not None else [])
    )


def project_highlights(doctree: nodes.document) -> list[str]:
    """A write-up's highlights: the items of its lists that stand in its text, not
    within another block."""
    return [
        words(item)
        for found in doctree.findall(nodes.bullet_list)
        if isinstance(found.parent, nodes.section | nodes.document)
        for item in found.children
    ]


class WriteUpHighlights(EnvironmentCollector):
    """Each page's :func:`project_highlights`, noted as the page is read: resume.json,
    written after every build, then loads no write-up's doctree (with 400 write-ups,
    loading them all cost a touched rebuild 4%)."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        highlights_of(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = highlights_of(other)
        highlights_of(env).update({d: theirs[d] for d in docnames if d in theirs})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if found := project_highlights(doctree):
            highlights_of(app.env)[app.env.docname] = found


def highlights_of(env: BuildEnvironment) -> dict[str, list[str]]:
    """The highlights :class:`WriteUpHighlights` noted, by page."""
    if not hasattr(env, "portfolio_highlights"):
        env.portfolio_highlights = {}  # type: ignore[attr-defined]
    return env.portfolio_highlights  # type: ignore[attr-defined,no-any-return]


def with_project_highlights(data: dict[str, Any], env: BuildEnvironment) -> None:
    """Give each project of ``data`` (:func:`resume_facts`) its write-up's highlights."""
    noted = highlights_of(env)
    for project in data["projects"]:
        if project["id"] in noted:
            project["highlights"] = noted[project["id"]]


def json_resume(app: Sphinx, catalogue: Catalogue, person_page: Page) -> dict[str, Any]:
    """:func:`resume_facts` with each role's highlights, as its employer's page words them,
    and each write-up's."""
    data = resume_facts(catalogue, person_page, app.config.release)
    for entry, (page, role) in zip(data["work"], catalogue.roles(), strict=True):
        entry |= role_prose(app, page, role)
    with_project_highlights(data, app.env)
    return data


# -- Sphinx events --------------------------------------------------------------


def is_web_build(app: Sphinx) -> bool:
    """HTML, dirhtml or singlehtml: a site with a root. EPUB packs its folder into a book."""
    return isinstance(app.builder, StandaloneHTMLBuilder) and not isinstance(
        app.builder, Epub3Builder
    )


def address(app: Sphinx, path: str) -> str:
    """``path`` (from the site root) absolute if the site's address is known, else as is."""
    base = app.config.html_baseurl
    return posixpath.join(base.rstrip("/"), path) if base else path


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the description, and on the landing page the JSON-LD; before sphinxext-opengraph."""
    catalogue = catalogue_of(app)
    if doctree is not None:
        text = description(catalogue, pagename, doctree)
        # sphinxext-opengraph takes og:* overrides from the page's metadata.
        context["meta"] = {**(context.get("meta") or {}), "og:description": text}
    else:  # generated pages: search, index
        text = f"{context.get('title', '')} \u00b7 {app.config.project}"
    # Pages Sphinx generates (search, index) have no metatags until one is added.
    metatags = context.get("metatags", "")
    context["metatags"] = metatags + f'<meta name="description" content="{html.escape(text)}" />\n'
    person_page = catalogue.person
    if pagename == app.config.root_doc and person_page is not None:
        facts = resume_facts(catalogue, person_page, app.config.release)
        context["metatags"] += script_tag(person_json_ld(facts))
        assert person_page.person is not None
        for _, paper in catalogue.publications():
            context["metatags"] += script_tag(article_json_ld(paper, person_page.person))
        if is_web_build(app):
            href = context["pathto"](RESUME_FILE, 1)
            context["metatags"] += (
                f'<link rel="alternate" type="application/json" title="JSON Resume" href="{href}" />\n'
            )


#: A tag as sphinxext-opengraph writes it: its content escapes only double quotes.
_OPEN_GRAPH_TAG = re.compile(r'<meta property="(og:[a-z:_]+)" content="([^"]*)" />')


def on_html_page_context_escape(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Escape ``&`` and ``<`` in sphinxext-opengraph's tags, after it has written them.

    It writes the title as plain text with only ``"`` escaped, so a title that
    holds ``&amp;`` reaches a link preview as ``&``.
    """

    def escaped(match: re.Match[str]) -> str:
        text = match[2].replace("&quot;", '"')
        return f'<meta property="{match[1]}" content="{html.escape(text)}" />'

    context["metatags"] = _OPEN_GRAPH_TAG.sub(escaped, context.get("metatags", ""))


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web_build(app):
        return
    catalogue = catalogue_of(app)
    person_page = catalogue.person
    if person_page is None:
        logger.warning(
            "no page has 'kind: person' in its front matter, so there is no %s; give the"
            " landing page one",
            RESUME_FILE,
            type="portfolio",
            subtype="structured_data",
        )
        return
    resume = public(json_resume(app, catalogue, person_page))
    path = Path(app.outdir) / RESUME_FILE
    path.write_text(json.dumps(resume, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    # Before sphinxext-opengraph (priority 500), which reads the og:description override.
    app.connect("html-page-context", on_html_page_context, priority=400)
    app.connect("html-page-context", on_html_page_context_escape, priority=600)
    app.connect("build-finished", on_build_finished)
    app.add_env_collector(WriteUpHighlights)
