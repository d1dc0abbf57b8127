"""sphinxext-opengraph, loaded without the line it prints on import.

Version 0.13.0 (the latest) prints "matplotlib is not installed, social cards
will not be generated" to stdout when it is imported without matplotlib, on
every build and even under ``-q``, though ``ogp_social_cards`` turns the cards
off here. A build should print only progress and problems, so that one line is
swallowed; anything else the import prints still goes through.
"""

from __future__ import annotations

import contextlib
import io
import sys

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

#: What the extension prints when matplotlib, needed only for drawn cards, is absent.
NO_MATPLOTLIB = "matplotlib is not installed, social cards will not be generated\n"


def setup(app: Sphinx) -> ExtensionMetadata:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        import sphinxext.opengraph  # noqa: F401  imported here for the print alone
    sys.stdout.write(printed.getvalue().replace(NO_MATPLOTLIB, ""))
    app.setup_extension("sphinxext.opengraph")
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
