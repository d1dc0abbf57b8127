"""What the other output formats need beyond the HTML site.

* On paper (LaTeX), sphinx-design cards and grids have no drawing: they would
  come out as run-together text, with a card's title glued to its body and a
  row of skill badges read as one phrase. They become ordinary paragraphs: the
  title in bold (and a link, where the card was one), the body, then the badges
  as a comma-separated list. Labels on cards stay link targets.
* The single-page HTML (Read the Docs' "htmlzip") has no search or index page,
  so it must not offer them: ``hasdoc('search')`` is false there, and the
  sidebar search box (``_templates/sidebar/search.html``) asks it. Its links to
  labels on other sections get one anchor, not two.
* The EPUB is written whole, beside its name and then renamed onto it, so a build
  stopped while zipping never leaves half a book under the book's name; and each
  entry is stamped with the site's date, not its file's, so the same sources give
  the same bytes, as the site and the offline zip do.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata
from sphinx_design.badges_buttons import sd_badge

from .recovery import written_whole

logger = logging.getLogger(__name__)

#: sphinx-design layout containers that only arrange their children.
LAYOUT = {"grid-container", "grid-row", "grid-item"}


def _component(node: nodes.Node) -> str | None:
    return node.get("design_component") if isinstance(node, nodes.container) else None


def _is_badge(node: nodes.Node) -> bool:
    """A badge, or a link holding one (``bdg-ref-*`` badges are links)."""
    return isinstance(node, nodes.Element) and any(
        isinstance(n, sd_badge) or "sd-badge" in n["classes"] for n in node.findall(nodes.Element)
    )


class PlainComponents(SphinxPostTransform):
    """Cards, grids and badges as plain paragraphs, for LaTeX."""

    # After cross-references are resolved (priority 10), so a card's link is a
    # finished reference that can be moved onto its title.
    default_priority = 50
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            self.list_badges(paragraph)
        for card in list(self.document.findall(lambda n: _component(n) == "card")):
            card.replace_self(self.plain_card(card))
        # Innermost first, so each container is unwrapped once.
        layout = list(self.document.findall(lambda n: _component(n) in LAYOUT))
        for container in reversed(layout):
            container.replace_self(container.children)

    @staticmethod
    def list_badges(paragraph: nodes.paragraph) -> None:
        """``A B C`` badges, space-separated in HTML, become ``A, B, C``."""
        items = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
        if len(items) < 2 or not all(_is_badge(item) for item in items):
            return
        joined: list[nodes.Node] = []
        for item in items:
            joined += [nodes.Text(", "), item] if joined else [item]
        paragraph.children = []
        paragraph.extend(joined)

    @staticmethod
    def plain_card(card: nodes.container) -> nodes.container:
        """The card's title (a link if the card was one), then its body and footer."""
        plain = nodes.container()
        if card["ids"]:
            plain += nodes.target(ids=card["ids"])
        title: nodes.Element | None = None
        link: nodes.reference | None = None
        body: list[nodes.Node] = []
        for child in card.children:
            if _component(child) is None:
                # The stretched link that made the whole card clickable.
                link = next(child.findall(nodes.reference), None)
                continue
            for part in child.children:  # header, body or footer
                if _component(part) == "card-title":
                    title = nodes.strong()
                    title += part.deepcopy().children
                else:
                    body.append(part)
        if title is not None:
            if link is not None:
                target = {key: link[key] for key in ("refuri", "refid", "internal") if key in link}
                reference = nodes.reference(**target)
                reference += title
                title = reference
            heading = nodes.paragraph()
            heading += title
            plain += heading
        plain.extend(body)
        return plain


class SinglePageAnchors(SphinxPostTransform):
    """``#document-work/meta#label`` becomes ``#label`` on the single page.

    Sphinx 9's singlehtml builder writes a link to a label in another document
    as that document's anchor followed by the label's, which no browser follows
    (Sphinx 9 dropped the fix-up it used to apply, ``fix_refuris``).
    """

    default_priority = 50
    builders = ("singlehtml",)

    def run(self, **kwargs: Any) -> None:
        for reference in self.document.findall(nodes.reference):
            uri = reference.get("refuri", "")
            second = uri.find("#", 1) if uri.startswith("#") else -1
            if second > 0:
                reference["refuri"] = uri[second:]


#: Pages the single-page build does not write, though ``hasdoc`` says it does.
NOT_ON_THE_SINGLE_PAGE = frozenset({"search", "genindex"})


def hide_search_without_a_search_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name != "singlehtml":
        return
    hasdoc = context["hasdoc"]
    context["hasdoc"] = lambda name: name not in NOT_ON_THE_SINGLE_PAGE and hasdoc(name)


#: The earliest time a zip entry can record: 1980-01-01T00:00:00Z.
EARLIEST_ZIP_TIME = 315532800


def zip_time() -> tuple[int, int, int, int, int, int]:
    """When every entry of a book says it was made: SOURCE_DATE_EPOCH (which `make`
    sets to the last commit's time), as tools/offline_zip.py stamps the offline zip."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", EARLIEST_ZIP_TIME)), EARLIEST_ZIP_TIME)
    return time.gmtime(epoch)[:6]


class EpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, its book written whole and the same for the same sources.

    Sphinx zips the book straight under its final name, and stamps each entry with
    its file's modification time, so no two builds give the same bytes.
    """

    def build_epub(self) -> None:
        # As Sphinx's own (sphinx/builders/_epub_base.py): the mimetype first, stored.
        name = f"{self.config.epub_basename}.epub"
        logger.info("writing %s file...", name)
        stamp = zip_time()
        outdir = Path(self.outdir)
        files = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with written_whole(outdir / name) as partial, ZipFile(partial, "w") as book:
            for filename in files:
                entry = ZipInfo(filename, stamp)
                entry.compress_type = ZIP_STORED if filename == "mimetype" else ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                book.writestr(entry, (outdir / filename).read_bytes())


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_builder(EpubBuilder, override=True)
    app.add_post_transform(PlainComponents)
    app.add_post_transform(SinglePageAnchors)
    app.connect("html-page-context", hide_search_without_a_search_page)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
