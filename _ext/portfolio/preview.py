"""The live preview (``make serve``, which sets ``portfolio_preview``).

Each draft carries a "Draft" banner. The strict build has no drafts.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .drafts import is_draft

#: furo styles ``warning`` admonitions.
DRAFT_CLASSES = ["portfolio-draft", "warning"]


def box(title: str, paragraphs: list[str], classes: list[str]) -> nodes.admonition:
    admonition = nodes.admonition("", nodes.title(title, title), classes=classes)
    for text in paragraphs:
        admonition += nodes.paragraph(text, text)
    return admonition


def insert_at_top(doctree: nodes.document, node: nodes.Element) -> None:
    """Put ``node`` under the page's heading, or first when the page has none."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, node)
    else:
        doctree.insert(0, node)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if not app.config.portfolio_preview:
        return
    env = app.env
    path = Path(env.doc2path(env.docname))
    if is_draft(path.read_text(encoding="utf-8")):
        message = (
            "Only the preview (make serve) shows this page: make html, Read the Docs, the "
            "EPUB and the PDF leave it out. Delete 'draft: true' from its front matter to "
            "publish it."
        )
        insert_at_top(doctree, box("Draft", [message], DRAFT_CLASSES))


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", on_doctree_read)
