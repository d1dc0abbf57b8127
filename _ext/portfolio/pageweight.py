"""What a browser fetches to show one built page: requests and bytes, raw and gzip.

Read from the built files rather than a browser, so it is exact and the same on
every machine: the page, its stylesheets (print ones too: browsers fetch them at
low priority), scripts, images, icon, and what the CSS pulls in with ``url()``
and ``@import``. Links a browser does not fetch (``next``, ``search``,
``canonical``) and ``data:`` URLs are not requests. Used by the build to find
unused assets (:mod:`.assets`), by ``make bench`` and by the page-weight budget in
tests/test_budgets.py.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import tinycss2

#: ``<link rel>`` values that make a browser fetch the target.
FETCHED_RELS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "manifest"})

SOURCE_MAP = re.compile(r"sourceMappingURL=(\S+?)\s*(?:\*/)?\s*$", re.MULTILINE)

KINDS = {".html": "html", ".css": "css", ".js": "js"}
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico"})


def stylesheet_references(css: str) -> Iterator[tuple[int, str]]:
    """Every (line, URL) of a stylesheet's ``url()`` and ``@import``, ``data:`` ones too.

    tinycss2 tokenizes as a browser does, so a ``)`` or ``;`` inside a quoted
    data: URL does not end the reference early. A stylesheet with neither ``url(``
    nor ``@import`` in any case, and no escape that could spell them, references
    nothing: it is not tokenized (sphinx-design's 55 kB, on every cold build).
    """
    lowered = css.lower()
    if "url(" not in lowered and "@import" not in lowered and "\\" not in css:
        return
    yield from _references(tinycss2.parse_component_value_list(css))


def _references(tokens: Iterable[tinycss2.ast.Node]) -> Iterator[tuple[int, str]]:
    after_import = False  # @import "file.css" names its file as a bare string
    for token in tokens:
        if token.type == "url" or (after_import and token.type == "string"):
            yield token.source_line, token.value
        elif token.type == "function" and token.lower_name == "url":
            strings = [argument for argument in token.arguments if argument.type == "string"]
            yield from ((argument.source_line, argument.value) for argument in strings)
        else:
            for nested in (getattr(token, "content", None), getattr(token, "arguments", None)):
                yield from _references(nested or ())
        if token.type not in ("whitespace", "comment"):
            after_import = token.type == "at-keyword" and token.lower_value == "import"


def stylesheet_urls(css: str) -> list[str]:
    """What a stylesheet makes the browser fetch: ``url()`` and ``@import`` but ``data:``."""
    return [url for _, url in stylesheet_references(css) if not url.startswith("data:")]


def source_map_urls(code: str) -> list[str]:
    """Source maps a script or stylesheet names; only developer tools fetch them."""
    return SOURCE_MAP.findall(code)


def kind_of(path: Path) -> str:
    if path.suffix in IMAGE_SUFFIXES:
        return "image"
    return KINDS.get(path.suffix, "other")


def gzip_size(data: bytes) -> int:
    """What a server compressing at the common default level (6) sends."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and FETCHED_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "img" and a.get("srcset"):
            self.urls.append(a["srcset"].split(",")[0].split()[0])


def fetched_by(path: Path, text: str) -> list[str]:
    """The URLs a browser fetches next because of ``path``, a page or a stylesheet."""
    if path.suffix == ".html":
        parser = _Fetches()
        parser.feed(text)
        return parser.urls
    if path.suffix == ".css":
        return stylesheet_urls(text)
    return []


@dataclass(frozen=True)
class Fetch:
    """One file a browser fetches, measured when it was found, and what it fetches next."""

    kind: str
    raw: int
    gzip: int
    urls: tuple[str, ...] = ()


@dataclass
class Weight:
    """One page's fetches, by resolved path."""

    page: Path
    files: dict[Path, Fetch] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.files)

    def raw(self, kind: str | None = None) -> int:
        return sum(f.raw for f in self.files.values() if kind in (None, f.kind))

    def gzip(self, kind: str | None = None) -> int:
        return sum(f.gzip for f in self.files.values() if kind in (None, f.kind))

    def largest(self) -> tuple[Path, int]:
        path = max(self.files, key=lambda p: self.files[p].raw)
        return path, self.files[path].raw


def resolve(base: Path, url: str) -> Path | None:
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (base / unquote(parts.path)).resolve()


def page_weight(page: Path, measured: dict[Path, Fetch] | None = None) -> Weight:
    """Every file a browser fetches to show ``page``, each counted once.

    ``measured`` carries files already read for other pages of the same site: each
    stylesheet every page shares is read and tokenized once.
    """
    measured = {} if measured is None else measured
    weight = Weight(page)
    pending = [page.resolve()]
    while pending:
        path = pending.pop(0)
        if path in weight.files:
            continue
        if not path.is_file():
            weight.missing.append(str(path))
            continue
        if path not in measured:
            data = path.read_bytes()
            urls = fetched_by(path, data.decode("utf-8", errors="replace"))
            measured[path] = Fetch(kind_of(path), len(data), gzip_size(data), tuple(urls))
        weight.files[path] = measured[path]
        pending += [p for url in measured[path].urls if (p := resolve(path.parent, url))]
    return weight


def site_weights(html_root: Path) -> dict[str, Weight]:
    """Every built page's weight, by its path relative to the site."""
    measured: dict[Path, Fetch] = {}
    return {
        page.relative_to(html_root).as_posix(): page_weight(page, measured)
        for page in sorted(html_root.rglob("*.html"))
    }
