"""Ship only the CSS and JavaScript that pages use.

Sphinx, furo and sphinx-design link their assets from every page and copy their
whole static folders, whether or not a page needs them. Here most are dead weight:
no page has highlighted code (``pygments.css``, 20 kB) or tab sets
(``design-tabs.js``), and the basic theme's ``basic.css``, ``debug.css`` and
stand-alone stemmers (``language_data.js`` already inlines them) are linked from
nowhere. So:

* each page links a conditional asset only when its body holds what the asset
  serves (``html-page-context``), so a page that gains code or tabs gets it back;
* after the build, theme and extension CSS/JS that no built page reaches (through
  ``<link>``, ``<script>``, CSS ``url()``/``@import`` or a source map) is removed
  from ``_static`` (``build-finished``). Files from the project's own
  ``html_static_path`` are never touched: an author's file is theirs.

Search keeps ``documentation_options.js``, ``searchtools.js`` and
``language_data.js`` (search.html links them) and the theme switch keeps
``furo.js`` (every page links it). Events:
https://www.sphinx-doc.org/en/master/extdev/event_callbacks.html
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .pageweight import resolve, site_weights, source_map_urls

#: Assets a page needs only when its rendered body contains the marker.
CONDITIONAL = {
    "pygments.css": 'class="highlight',  # Pygments-highlighted code
    "design-tabs.js": "sd-tab-set",  # sphinx-design tab sets
}

#: What the clean-up may remove; anything else (images, licences, fonts) stays.
TRIMMABLE = (".css", ".js", ".map")

#: The builders whose output is a folder of pages served as they are. EPUB lists
#: its files in a manifest before ``build-finished``, so it is left alone.
BUILDERS = frozenset({"html", "dirhtml"})


def needed(filename: str | os.PathLike[str], body: str) -> bool:
    marker = CONDITIONAL.get(Path(os.fspath(filename)).name)
    return marker is None or marker in body


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.name not in BUILDERS:
        return
    body = context.get("body", "")
    # New lists: Sphinx restores its own for the next page.
    for key in ("css_files", "script_files"):
        context[key] = [asset for asset in context.get(key, []) if needed(asset.filename, body)]


def reachable(outdir: Path) -> set[Path]:
    """Every file the built pages make a browser fetch, and those files' source maps."""
    found: set[Path] = set()
    for weight in site_weights(outdir).values():
        found |= set(weight.files)
    for path in [p for p in found if p.suffix in (".css", ".js")]:
        code = path.read_text(encoding="utf-8", errors="replace")
        found |= {m for url in source_map_urls(code) if (m := resolve(path.parent, url))}
    return found


def authored(app: Sphinx) -> set[Path]:
    """Files the project itself puts in ``_static``: never removed.

    The project names its folders relative to conf.py; extensions (sphinx-design)
    append absolute paths to their installed package, which may sit inside the
    project too (``.venv``).
    """
    files: set[Path] = set()
    for entry in app.config.html_static_path:
        folder = Path(app.confdir, entry)
        if not Path(entry).is_absolute() and folder.is_dir():
            files |= {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}
    return files


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in BUILDERS:
        return
    outdir = Path(app.outdir).resolve()
    static = outdir / "_static"
    keep = reachable(outdir)
    mine = authored(app)
    for path in sorted(static.rglob("*")):
        if path.suffix in TRIMMABLE and path not in keep and path.relative_to(static) not in mine:
            path.unlink()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", on_html_page_context)
    # After furo, which writes its own pygments.css at build-finished.
    app.connect("build-finished", on_build_finished, priority=900)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
