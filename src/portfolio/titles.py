"""A title is text: ``<``, ``&`` and quotes show as typed, wherever it appears.

MyST makes the front matter ``title`` the page's heading by parsing
``# <title>`` as Markdown (``myst_title_to_header``), so ``<friends>`` became a
raw HTML element and ``&`` began an entity; the heading feeds the ``<title>``,
the navigation, ``{doc}`` links and the meta tags. :class:`LiteralTitle` puts
the title back as plain text before anything reads the heading.

The directives write MyST for listings and facts; :func:`markdown_text` escapes
a title, or any other front matter text, so that it stays text there too, and
:func:`keep_quotes` keeps Sphinx's smart quotes from curling what was typed.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

#: CommonMark lets a backslash escape any ASCII punctuation character.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """``text`` as Markdown that renders exactly ``text``."""
    return _PUNCTUATION.sub(r"\\\1", text)


def keep_quotes(node: nodes.Element) -> None:
    """Leave the quotes inside ``node`` as typed (Sphinx's smartquotes reads this)."""
    node["support_smartquotes"] = False


class LiteralTitle(SphinxTransform):
    """Make the heading MyST built from the front matter title that title, verbatim."""

    # Before smart quotes (750) and the doctree-read event that records titles.
    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        if not self.config.myst_title_to_header:
            return
        title = self.env.metadata.get(self.env.docname, {}).get("title")
        heading = next(iter(self.document.findall(nodes.title)), None)
        if not isinstance(title, str) or not title.strip() or heading is None:
            return
        heading.children = []
        heading += nodes.Text(title)
        keep_quotes(heading)


def setup(app: Sphinx) -> None:
    app.add_transform(LiteralTitle)
