"""Output that matches the sources: no page outlives its source, no link to it either.

Sphinx writes only the pages whose sources changed. A deleted or renamed page's
old output file stays in the output folder, so it is served, zipped for offline
reading and (EPUB) listed in the book; and every page not written again keeps it
in its navigation, since furo's sidebar lists every page of the site.

So each builder records, beside the doctrees, the documents its output folder
holds. When a build finds that set changed (``env-updated``), it removes the
output of each document gone and writes every page again, so that no navigation
names a page that is gone or misses a new one. The search index needs nothing:
Sphinx drops the documents gone from it. Events:
https://www.sphinx-doc.org/en/master/extdev/event_callbacks.html
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .recovery import write_whole

logger = logging.getLogger(__name__)

#: Beside the doctrees: for each builder and output folder, the documents it holds.
RECORD = "portfolio-pages.json"


def _record(app: Sphinx) -> Path:
    return Path(app.doctreedir) / RECORD


def _key(app: Sphinx) -> str:
    return f"{app.builder.name} {Path(app.outdir).resolve()}"


def _load(app: Sphinx) -> dict[str, list[str]]:
    try:
        return json.loads(_record(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Remove the pages of documents gone; write every page if the set of documents changed."""
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return []
    before = _load(app).get(_key(app))
    current = sorted(env.found_docs)
    if before is None or before == current:
        return []  # a first build writes every page anyway
    for docname in sorted(set(before) - set(current)):
        output = Path(app.builder.get_outfilename(docname))
        if output.is_file():
            logger.info("removing %s: its source is gone", output.relative_to(app.outdir))
            output.unlink()
    return current


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Record the documents the output folder now holds, once it holds them all."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    record = _load(app)
    record[_key(app)] = sorted(app.env.found_docs)
    # Whole: a record cut short would be read as none, and a page deleted before the
    # next build would keep its output.
    write_whole(_record(app), json.dumps(record, indent=1, sort_keys=True).encode())
