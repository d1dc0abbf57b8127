"""Ship only the CSS and JavaScript that pages use.

Sphinx, furo and sphinx-design link their assets from every page and copy their
whole static folders, whether or not a page needs them. Here most are dead weight:
few pages have highlighted code (``pygments.css``, 20 kB, and
sphinx-copybutton's script and style) or tab sets
(``design-tabs.js``), and the basic theme's ``basic.css``, ``debug.css`` and
stand-alone stemmers (``language_data.js`` already inlines them) are linked from
nowhere. So:

* each page links a conditional asset only when its body holds what the asset
  serves (``html-page-context``), so a page that gains code or tabs gets it back;
* after the build, theme and extension CSS/JS that no built page reaches (through
  ``<link>``, ``<script>``, CSS ``url()``/``@import`` or a source map) is removed
  from ``_static`` (``build-finished``). Files from the project's own
  ``html_static_path`` are never touched: an author's file is theirs. What each
  built file links is kept between builds beside the doctrees, by size and
  modification time, so a build reads only the files it wrote, not the site.

Search keeps ``documentation_options.js``, ``searchtools.js`` and
``language_data.js`` (search.html links them) and the theme switch keeps
``furo.js`` (every page links it). Events:
https://www.sphinx-doc.org/en/master/extdev/event_callbacks.html
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .pageweight import fetched_by, resolve, source_map_urls

#: Assets a page needs only when its rendered body contains the marker.
CONDITIONAL = {
    "pygments.css": 'class="highlight',  # Pygments-highlighted code
    # sphinx-copybutton's button on every code block
    "copybutton.css": 'class="highlight',
    "copybutton.js": 'class="highlight',
    "clipboard.min.js": 'class="highlight',
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


#: Where a page can name CSS or JavaScript: ``<link>`` tags, and ``<script>`` and
#: ``<style>`` (``@import``) elements, whole; a quoted attribute value may hold ">".
_TAG = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
_ASSET_TAGS = re.compile(
    rf"<link\b{_TAG}|<(script|style)\b{_TAG}.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


def asset_tags(page: str) -> str:
    """The parts of a page that can link CSS or JavaScript, for the page reader.

    Reading every new page whole for them was most of a cold build's clean-up;
    a page's images, links and text cannot name a file the clean-up removes.
    """
    return "\n".join(match.group() for match in _ASSET_TAGS.finditer(page))


#: Beside the doctrees: what each built file links, by its size and modification time.
LINKS_CACHE = "portfolio-links.json"


class Links:
    """What each built file makes a browser fetch, and the source maps it names.

    Read only when the file changed since the last build (its size or
    modification time differ): Sphinx rewrites only the pages it rebuilds and
    copies a static file only when its content changed.
    """

    def __init__(self, store: Path) -> None:
        self.store = store
        try:
            self.known: dict[str, dict[str, list]] = json.loads(store.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict[str, dict[str, list]] = {}

    def of(self, path: Path) -> tuple[list[str], list[str]]:
        stat = path.stat()
        stamp = [stat.st_mtime_ns, stat.st_size]
        entry = self.known.get(str(path))
        if entry is None or entry["stamp"] != stamp:
            text = (
                path.read_text(encoding="utf-8", errors="replace")
                if path.suffix in (".html", ".css", ".js")
                else ""
            )
            maps = source_map_urls(text) if path.suffix in (".css", ".js") else []
            read = asset_tags(text) if path.suffix == ".html" else text
            entry = {"stamp": stamp, "fetches": fetched_by(path, read), "maps": maps}
        self.seen[str(path)] = entry
        return entry["fetches"], entry["maps"]

    def save(self) -> None:
        """Keep what this build saw; files gone from the site drop out."""
        self.store.write_text(json.dumps(self.seen, sort_keys=True), encoding="utf-8")


def reachable(outdir: Path, links: Links) -> set[Path]:
    """Every file the built pages make a browser fetch, and those files' source maps."""
    found: set[Path] = set()
    # Pages in one folder share most of what they fetch (the theme's files): each
    # address is resolved, a walk of the file system, once per folder.
    resolved = functools.cache(resolve)
    pending = sorted(outdir.rglob("*.html"))
    while pending:
        path = pending.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        fetches, maps = links.of(path)
        pending += [p for url in fetches if (p := resolved(path.parent, url))]
        found |= {m for url in maps if (m := resolved(path.parent, url))}
    return found


def authored(app: Sphinx) -> set[Path]:
    """Files the project itself puts in ``_static``: never removed.

    The project names its folders relative to conf.py; extensions (sphinx-design)
    append absolute paths to their installed package, which may sit inside the
    project too (``.venv``).
    """
    files: set[Path] = set()
    for entry in app.config.html_static_path:
        path = Path(app.confdir, entry)
        if Path(entry).is_absolute():
            continue
        if path.is_dir():
            files |= {p.relative_to(path) for p in path.rglob("*") if p.is_file()}
        elif path.is_file():  # a file named alone is copied to _static by its name
            files.add(Path(path.name))
    return files


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in BUILDERS:
        return
    outdir = Path(app.outdir).resolve()
    static = outdir / "_static"
    links = Links(Path(app.doctreedir) / LINKS_CACHE)
    keep = reachable(outdir, links)
    links.save()
    mine = authored(app)
    for path in sorted(static.rglob("*")):
        if path.suffix in TRIMMABLE and path not in keep and path.relative_to(static) not in mine:
            path.unlink()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", on_html_page_context)
    # After furo, which writes its own pygments.css at build-finished.
    app.connect("build-finished", on_build_finished, priority=900)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
