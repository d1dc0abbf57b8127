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
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from .catalog import Catalogue, author_index, catalogue_of, tenures
from .frontmatter import Date, Page, Person, Publication, Role, Span
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
    return {"@type": kind, "name": entry["name"], "url": entry["url"]}


def person_json_ld(facts: dict[str, Any]) -> dict[str, Any]:
    """A schema.org Person (https://schema.org/Person), from the résumé's facts
    (:func:`resume_facts`): the roles that go on, the schools, the skills."""
    basics = facts["basics"]
    current = [entry for entry in facts["work"] if "endDate" not in entry]
    employers = list({entry["page"]: entry for entry in current}.values())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": person_id(basics["url"]),
        "name": basics["name"],
        "description": basics["summary"],
        "email": f"mailto:{basics['email']}",
        "url": basics["url"],
        "homeLocation": {"@type": "Place", "name": basics["location"]["city"]},
    }
    if current:
        data["jobTitle"] = current[0]["position"]
        data["worksFor"] = [organisation(entry) for entry in employers]
    data["alumniOf"] = [
        {"@type": "CollegeOrUniversity", "name": degree["institution"], "url": degree["url"]}
        for degree in facts["education"]
    ]
    data["knowsAbout"] = [name for group in facts["skills"] for name in group["keywords"]]
    data["sameAs"] = [profile["url"] for profile in basics["profiles"]] + [basics["url"]]
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
        "datePublished": paper.date.iso,
        "url": paper.url,
        "abstract": paper.summary,
        "publication": {
            "@type": "PublicationEvent",
            "name": paper.venue,
            "location": {"@type": "Place", "name": paper.place},
        },
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


def role_highlights(app: Sphinx, page: Page, role: Role) -> list[str]:
    """The paragraphs and list items of the role's section (or the one paragraph its
    label names), as its write-up says them: what the PDF quotes of it, in words."""
    found = by_id(app.env.get_doctree(page.docname), role.id)
    return [words(node) for node in highlights(found)] if found is not None else []


def words(node: nodes.Node) -> str:
    """A highlight's text on one line, as resume.json holds it."""
    return " ".join(node.astext().split())


def skill_groups(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "name": group.replace("-", " ").capitalize(),
            "keywords": [s.name for s in skills],
            "id": group,
        }
        for group, skills in catalogue.skill_groups.items()
    ]


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
    basics = {
        "name": person.name,
        "label": person.headline,
        "email": person.email,
        "url": person.website,
        "summary": person_page.summary,
        "location": {"city": person.location},
        "profiles": [
            {"network": "GitHub", "username": person.github_user, "url": person.github},
            {"network": "Blog", "url": person.blog},
        ],
    }
    roles = catalogue.roles()
    work = [
        {
            "name": page.title,
            "position": role.title,
            "url": page.address,
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
            "url": degree.url,
            "area": degree.area,
            "studyType": degree.degree,
            **iso_dates(degree.start, degree.end),
            "dates": str(degree.end),
        }
        for degree in catalogue.education()
    ]
    publications = [
        {
            "name": paper.title,
            "publisher": f"{paper.venue}, {paper.place}",
            "releaseDate": paper.date.iso,
            "url": paper.url,
            "summary": paper.summary,
            "id": paper.id,
            "authors": list(paper.authors),
            "me": author_index(paper, person.name),
            "venue": paper.venue,
            "place": paper.place,
            "date": paper.date.long,
        }
        for _, paper in catalogue.publications()
    ]
    projects = [
        {
            "name": page.title,
            "description": page.summary,
            "url": page.address,
            **iso_dates(page.span),
            "keywords": catalogue.skill_names(page.skills),
            "id": page.docname,
            "tags": list(page.tags),
            "dates": str(page.span),
            "links": [{"title": link.title, "url": link.url} for link in page.links],
        }
        for page in catalogue.projects()
    ]
    return {
        "$schema": JSON_RESUME_SCHEMA,
        "basics": basics,
        "work": work,
        "education": education,
        "skills": skill_groups(catalogue),
        "publications": publications,
        "projects": projects,
        "meta": {"lastModified": f"{release}T00:00:00"},
    }


def json_resume(app: Sphinx, catalogue: Catalogue, person_page: Page) -> dict[str, Any]:
    """:func:`resume_facts` with each role's highlights, as its employer's page words them."""
    data = resume_facts(catalogue, person_page, app.config.release)
    for entry, (page, role) in zip(data["work"], catalogue.roles(), strict=True):
        entry["highlights"] = role_highlights(app, page, role)
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
