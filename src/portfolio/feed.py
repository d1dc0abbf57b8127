"""An Atom feed of the write-ups, for readers who follow the site for new ones.

``atom.xml`` at the site root (RFC 4287: https://www.rfc-editor.org/rfc/rfc4287)
lists every project write-up, newest first as the listings order them, with its
title, summary, skills and address; every page's head links it. Drafts never
reach it: a published build never reads them, and a preview leaves them out.

Addresses are absolute when the site's address is known (Read the Docs sets
``READTHEDOCS_CANONICAL_URL``, versioned path included, which conf.py makes
``html_baseurl``), so the feed works wherever a reader's program fetched it
from; a local build has no address, and its links are relative to the feed,
which Atom resolves against the feed's own location. An entry's id is a tag
URI (RFC 4151) made of ``portfolio_feed_id`` and the page's name: it never
changes with the host or version, so a feed reader never shows an entry twice.

The write-ups carry years, not days, so every entry's ``updated`` is the site's
date: ``SOURCE_DATE_EPOCH`` (``make`` sets it to the last commit's time), else
the résumé's revision day. The XML is written with the standard library: an
Atom feed is a dozen elements, and feedgen would bring lxml for them.
"""

from __future__ import annotations

import datetime
import html
import os
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .catalog import Catalogue, catalogue_of
from .frontmatter import Page
from .structured_data import address, is_web_build

logger = logging.getLogger(__name__)

FEED_FILE = "atom.xml"
ATOM = "http://www.w3.org/2005/Atom"


def updated(release: str) -> str:
    """The site's date, as Atom writes it (RFC 3339)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    else:
        day = datetime.date.fromisoformat(release)
        moment = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_ups(catalogue: Catalogue) -> list[Page]:
    """The published project pages, newest first (ongoing ones lead)."""
    pages = [p for p in catalogue.pages.values() if p.kind == "project" and p.span and not p.draft]
    return sorted(pages, key=lambda p: (p.span.sort_key, p.title), reverse=True)  # type: ignore[union-attr]


def feed(app: Sphinx, catalogue: Catalogue) -> ElementTree.ElementTree:
    """The Atom document."""
    person_page = catalogue.person
    name = person_page.title if person_page else app.config.author
    when = updated(app.config.release)
    prefix = app.config.portfolio_feed_id
    ElementTree.register_namespace("", ATOM)

    def add(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text or None
        return element

    root = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": app.config.language or "en"})
    add(root, "title", f"{name}: write-ups")
    if person_page and person_page.summary:
        add(root, "subtitle", person_page.summary)
    add(root, "id", f"{prefix}write-ups")
    add(root, "updated", when)
    author = add(root, "author")
    add(author, "name", name)
    if person_page and person_page.person and person_page.person.website:
        add(author, "uri", person_page.person.website)
    if app.config.html_baseurl:
        add(root, "link", rel="self", type="application/atom+xml", href=address(app, FEED_FILE))
    add(root, "link", rel="alternate", type="text/html", href=address(app, "index.html"))
    skills = catalogue.skills
    for page in write_ups(catalogue):
        entry = add(root, "entry")
        add(entry, "title", page.title)
        uri = app.builder.get_target_uri(page.docname)
        add(entry, "link", rel="alternate", type="text/html", href=address(app, uri))
        add(entry, "id", prefix + page.docname)
        add(entry, "updated", when)
        add(entry, "summary", page.summary)
        for skill_id in page.skills:
            if skill := skills.get(skill_id):
                add(entry, "category", term=skill.id, label=skill.name)
    ElementTree.indent(root)
    return ElementTree.ElementTree(root)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Link the feed from every page's head, where browsers and feed readers look."""
    if not is_web_build(app) or not app.config.portfolio_feed_id:
        return
    href = address(app, FEED_FILE) if app.config.html_baseurl else context["pathto"](FEED_FILE, 1)
    title = html.escape(f"{app.config.project}: write-ups")
    context["metatags"] = context.get("metatags", "") + (
        f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'
    )


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web_build(app):
        return
    if not app.config.portfolio_feed_id:
        logger.warning(
            "no %s: set portfolio_feed_id in conf.py to a tag URI prefix that never changes,"
            " like 'tag:example.org,2024:'",
            FEED_FILE,
            type="portfolio",
            subtype="feed",
        )
        return
    path = Path(app.outdir) / FEED_FILE
    feed(app, catalogue_of(app)).write(path, encoding="utf-8", xml_declaration=True)


def setup(app: Sphinx) -> None:
    app.add_config_value("portfolio_feed_id", "", "html", types=frozenset({str}))
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
