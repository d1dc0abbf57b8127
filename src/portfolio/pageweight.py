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
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import tinycss2.ast

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
    # Imported here: a rebuild reads no stylesheet unless one changed, and the
    # import is a hundredth of a second of every build.
    import tinycss2

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


#: Attributes whose whole value is one URL a browser fetches to show the page,
#: on any element (``src``) or on the elements named. ``<link href>`` depends on
#: its ``rel``; ``srcset``, ``style`` and ``<meta http-equiv=refresh>`` hold URLs
#: inside other text.
FETCHED_ATTRIBUTES = {
    "src": None,  # img, script, iframe, frame, embed, video, audio, source, track, input
    "poster": {"video"},
    "data": {"object"},
    "background": {"body", "table", "td", "th"},  # still fetched, though obsolete
    "href": {"image", "use"},  # inline SVG; "#id" ones point into the page
    "xlink:href": {"image", "use"},
}
#: Attributes whose URL a browser follows when a reader clicks or submits.
FOLLOWED_ATTRIBUTES = {
    "href": {"a", "area"},
    "action": {"form"},
    "formaction": {"button", "input"},
}
#: Elements among whose URLs a browser picks one to fetch: an ``<img>``'s ``src``
#: and ``srcset`` candidates, a ``<picture>``'s sources and image, a
#: ``<video>``'s or ``<audio>``'s ``src`` and sources.
CHOOSERS = frozenset({"picture", "video", "audio"})

_SRCSET_URL = re.compile(r"[\s,]*(\S*)")
#: A candidate's descriptors ("2x", "480w") run to a comma outside parentheses.
_SRCSET_DESCRIPTORS = re.compile(r"(?:[^,(]|\([^)]*\)?)*,?")
_REFRESH = re.compile(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?", re.IGNORECASE)


def srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """Every candidate of a ``srcset`` as (URL, descriptors), split as WHATWG HTML says.

    A URL may hold commas ("a.png,b.png 2x" is one candidate); commas that end
    a URL separate candidates ("a.png,b.png" without descriptors is not two).
    https://html.spec.whatwg.org/multipage/images.html#parsing-a-srcset-attribute
    """
    candidates = []
    position = 0
    while url := (match := _SRCSET_URL.match(srcset, position))[1]:
        position = match.end()
        descriptors = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = _SRCSET_DESCRIPTORS.match(srcset, position).end()
            descriptors = srcset[position:end].rstrip(",").strip()
            position = end
        candidates.append((url, descriptors))
    return candidates


def srcset_urls(srcset: str) -> list[str]:
    """The URL of every candidate of a ``srcset``."""
    return [url for url, _ in srcset_candidates(srcset)]


#: The phone a budget is for: 375 CSS pixels wide at 3 device pixels each, 16px type.
PHONE_WIDTH, PHONE_DPR, EM = 375, 3, 16
_MEDIA = re.compile(r"^\(\s*(min|max)-width\s*:\s*([\d.]+)(px|em|rem)\s*\)\s*(.*)$")
_LENGTH = re.compile(r"^([\d.]+)(px|em|rem|vw)$")


def _pixels(number: str, unit: str) -> float:
    return float(number) * {"px": 1, "em": EM, "rem": EM, "vw": PHONE_WIDTH / 100}[unit]


def slot_width(sizes: str) -> float:
    """The CSS pixels ``sizes`` gives an image on the phone; 100vw where it says nothing
    this reads (the HTML default)."""
    for entry in sizes.split(","):
        entry = entry.strip()
        media = _MEDIA.match(entry)
        if media:
            limit = _pixels(media[2], media[3])
            # Both bounds are inclusive: a 375px screen meets min-width and max-width 375px.
            met = PHONE_WIDTH <= limit if media[1] == "max" else PHONE_WIDTH >= limit
            if not met:
                continue
            entry = media[4].strip()
        if length := _LENGTH.match(entry):
            return _pixels(length[1], length[2])
    return PHONE_WIDTH


def phone_candidate(srcset: str, sizes: str) -> str | None:
    """The candidate the phone fetches from a ``srcset`` of widths ("480w"): the
    narrowest as wide as the slot in device pixels, else the widest; None when the
    candidates give no widths."""
    widths = []
    for url, descriptors in srcset_candidates(srcset):
        if not descriptors.endswith("w") or not descriptors[:-1].isdigit():
            return None
        widths.append((int(descriptors[:-1]), url))
    if not widths:
        return None
    need = slot_width(sizes) * PHONE_DPR
    wide_enough = [candidate for candidate in sorted(widths) if candidate[0] >= need]
    return (wide_enough or sorted(widths)[-1:])[0][1]


def refresh_url(content: str) -> str | None:
    """Where ``<meta http-equiv=refresh content=...>`` sends the browser; None: reload.

    https://html.spec.whatwg.org/multipage/semantics.html#shared-declarative-refresh-steps
    """
    rest = content[_REFRESH.match(content).end() :]
    if rest[:1] in ("'", '"'):
        rest = rest[1:].partition(rest[0])[0]
    return rest.strip() or None


@dataclass(frozen=True)
class Reference:
    """One URL in a page that a browser fetches to show it, or follows on a click."""

    #: How a message names it: ``href='a.html'``, ``srcset candidate 'b.png'``.
    label: str
    url: str
    fetched: bool
    #: References sharing a non-zero choice are alternatives: a browser fetches one.
    choice: int


@dataclass(frozen=True)
class PageReferences:
    references: list[Reference]
    #: What a ``#fragment`` can name: every ``id``, and ``<a name>``.
    anchors: frozenset[str]
    #: For a choice whose ``srcset`` gives widths: the URL a phone fetches.
    phone: dict[int, str]


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []
        self.anchors: set[str] = set()
        self.phone: dict[int, str] = {}
        self._choices = 0
        self._chooser = 0  # the open <picture>, <video> or <audio>
        self._style: list[str] | None = None  # the open <style> element's text

    def _add(self, label: str, url: str, fetched: bool, choice: int = 0) -> None:
        self.references.append(Reference(label, url, fetched, choice))

    def _new_choice(self) -> int:
        self._choices += 1
        return self._choices

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a: dict[str, str] = {}
        for name, value in attrs:
            a.setdefault(name, value or "")  # the first of a repeated attribute wins
        if "id" in a:
            self.anchors.add(a["id"])
        if tag == "a" and "name" in a:
            self.anchors.add(a["name"])
        if tag in CHOOSERS:
            self._chooser = self._new_choice()
        choice = 0
        if tag == "img" or (tag == "source" and self._chooser):
            choice = self._chooser or self._new_choice()
        elif tag in ("video", "audio"):
            choice = self._chooser
        for name, value in a.items():
            elements = FETCHED_ATTRIBUTES.get(name, set())
            if elements is None or tag in elements:
                self._add(f"{name}={value!r}", value, True, choice if name == "src" else 0)
            elif tag in FOLLOWED_ATTRIBUTES.get(name, ()):
                self._add(f"{name}={value!r}", value, False)
        if tag == "link" and "href" in a:
            fetched = bool(FETCHED_RELS & set(a.get("rel", "").lower().split()))
            self._add(f"href={a['href']!r}", a["href"], fetched)
        if tag in ("img", "source"):
            for url in srcset_urls(a.get("srcset", "")):
                self._add(f"srcset candidate {url!r}", url, True, choice)
            # A <picture>'s first source with widths is the one this budget reads.
            phone = phone_candidate(a.get("srcset", ""), a.get("sizes", ""))
            if phone is not None:
                self.phone.setdefault(choice, phone)
        if "style" in a:
            for _, url in stylesheet_references(a["style"]):
                self._add(f"style url({url!r})", url, True)
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            url = refresh_url(a.get("content", ""))
            if url is not None:
                self._add(f"refresh URL {url!r}", url, False)
        if tag == "style":
            self._style = []

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in CHOOSERS:
            self._chooser = 0
        if tag == "style" and self._style is not None:
            for _, url in stylesheet_references("".join(self._style)):
                self._add(f"<style> url({url!r})", url, True)
            self._style = None


def page_references(html: str) -> PageReferences:
    """Every URL a page makes a browser fetch or follow, in document order, and its anchors."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return PageReferences(parser.references, frozenset(parser.anchors), parser.phone)


def fetched_urls(html: str, base: Path) -> list[str]:
    """What a browser fetches to show a page whose folder is ``base``.

    Of alternatives (``srcset`` candidates, a ``<picture>``'s or ``<video>``'s
    sources) a browser fetches one, chosen by screen and format. Where the
    ``srcset`` gives widths, the budget counts the candidate the phone fetches
    (:func:`phone_candidate`), which the pages are made for; elsewhere the
    largest file, the worst case, and a missing one before that.
    """
    urls: list[str] = []
    chosen: dict[int, tuple[float, str]] = {}
    references = page_references(html)
    for reference in references.references:
        if not reference.fetched:
            continue
        if not reference.choice:
            urls.append(reference.url)
            continue
        path = resolve(base, reference.url)
        size = -1.0 if path is None else path.stat().st_size if path.is_file() else math.inf
        if reference.choice not in chosen or size > chosen[reference.choice][0]:
            chosen[reference.choice] = (size, reference.url)
    return urls + [references.phone.get(choice, url) for choice, (_, url) in chosen.items()]


def fetched_by(path: Path, text: str) -> list[str]:
    """The URLs a browser fetches next because of ``path``, a page or a stylesheet."""
    if path.suffix == ".html":
        return fetched_urls(text, path.parent)
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
