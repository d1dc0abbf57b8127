"""A social card per page: the picture a chat or social site shows for its address.

sphinxext-opengraph gives every page the site-wide card (``ogp_image``: the name
and headline). A write-up or section page pasted into a chat should show what it
is about, so each page built from a source gets its own 1200×630 PNG: its title,
its summary (the front matter's, or the first paragraph, as the meta description
has it) and the name. Typst draws it (``card.typ`` beside this file, its own
fonts, no network), not matplotlib, which sphinxext-opengraph's own cards need.

Cards are cached by content beside the doctrees, so a rebuild draws only the
cards whose words or template changed, and copied into ``_cards/`` of the site.
The page's ``og:image`` is absolute when the site's address is known (Read the
Docs), as Open Graph wants, and relative to the page otherwise; ``og:image:alt``
says what the card shows. A deleted page's card goes with it. Generated pages
(search) keep the site-wide card; builds that are not web sites (EPUB) get none.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx.application import Sphinx

from .catalog import catalogue_of
from .directives import bare
from .structured_data import address, is_web_build, shorten

TEMPLATE = Path(__file__).with_name("card.typ")
#: The site folder the cards are copied into, and the cache's beside the doctrees.
FOLDER = "_cards"
CACHE = "portfolio-cards"
#: Open Graph's preferred size: 600×315 pt at 144 ppi.
WIDTH, HEIGHT, PPI = 1200, 630, 144
#: About three lines of the card's summary.
SUMMARY_LENGTH = 170


def words(app: Sphinx, title: str, summary: str) -> dict[str, str]:
    """What the card says: the page's title and summary, and whose site it is."""
    person_page = catalogue_of(app).person
    person = person_page.person if person_page else None
    return {
        "title": title,
        "summary": shorten(summary, SUMMARY_LENGTH),
        "name": person.name if person else app.config.project,
        # A person may state neither: then no lone separator.
        "headline": " · ".join(filter(None, (person.headline, person.location))) if person else "",
        "site": bare(person.website) if person else "",
    }


def draw(inputs: dict[str, str], cache: Path) -> Path:
    """The card's PNG in the cache, drawn only if these words were never drawn."""
    key = hashlib.sha256(
        TEMPLATE.read_bytes() + json.dumps(inputs, sort_keys=True).encode()
    ).hexdigest()[:24]
    png = cache / f"{key}.png"
    if not png.is_file():
        image = typst.compile(
            TEMPLATE, format="png", ppi=PPI, ignore_system_fonts=True, sys_inputs=inputs
        )
        assert isinstance(image, bytes)
        cache.mkdir(parents=True, exist_ok=True)
        # Parallel writers may draw the same card: each renames a whole file into place.
        partial = png.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(image)
        partial.replace(png)
    return png


def install(drawn: Path, target: Path) -> None:
    """Copy the card into the site unless the same bytes are already there."""
    image = drawn.read_bytes()
    if target.is_file() and target.read_bytes() == image:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(image)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Draw the page's card and hand it to sphinxext-opengraph as the page's og:image."""
    if doctree is None or not is_web_build(app):
        return
    meta = context.get("meta") or {}
    # structured_data (priority 400) has put the page's description there.
    inputs = words(app, context.get("title", ""), meta.get("og:description", ""))
    name = f"{FOLDER}/{pagename}.png"
    install(draw(inputs, Path(app.doctreedir) / CACHE), Path(app.outdir) / name)
    url = address(app, name) if app.config.html_baseurl else context["pathto"](name, 1)
    alt = f"{inputs['title']}, by {inputs['name']}" + (
        f": {inputs['summary']}" if inputs["summary"] else ""
    )
    # sphinxext-opengraph (priority 500) takes og:* overrides from the page's metadata
    # and writes og:image as given, so it must already be absolute when it can be.
    context["meta"] = {
        **meta,
        "og:image": url,
        "og:image:alt": alt,
        "og:image:width": str(WIDTH),
        "og:image:height": str(HEIGHT),
        "og:image:type": "image/png",
    }


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Remove the cards of pages gone, so nothing in the site names a deleted page."""
    folder = Path(app.outdir) / FOLDER
    if exception is not None or not is_web_build(app) or not folder.is_dir():
        return
    for card in folder.rglob("*.png"):
        if card.relative_to(folder).with_suffix("").as_posix() not in app.env.found_docs:
            card.unlink()


def setup(app: Sphinx) -> None:
    app.connect("build-finished", on_build_finished)
    # After structured_data (400), whose description the card repeats; before
    # sphinxext-opengraph (500), which reads the overrides.
    app.connect("html-page-context", on_html_page_context, priority=450)
