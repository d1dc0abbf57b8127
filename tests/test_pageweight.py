"""The page-weight reader on small hand-made pages: what a browser fetches, and what it follows.

No Sphinx build: each test writes a few files into a temporary folder, so the
budgets (tests/test_budgets.py) and the asset pruning can trust what it counts.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from portfolio.pageweight import (
    Fetch,
    Reference,
    fetched_urls,
    gzip_size,
    kind_of,
    page_references,
    page_weight,
    refresh_url,
    resolve,
    site_weights,
    source_map_urls,
    srcset_urls,
    stylesheet_references,
    stylesheet_urls,
)


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def fetched(folder: Path, page: str = "index.html") -> set[str]:
    """What a browser fetches for ``page``, as paths relative to ``folder``."""
    weight = page_weight(folder / page)
    return {p.relative_to(folder.resolve()).as_posix() for p in weight.files}


# -- srcset and refresh -------------------------------------------------------


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("small.png 480w,large.png 1080w", ["small.png", "large.png"]),
        ("a.png, b.png", ["a.png", "b.png"]),
        ("a.png,, ,b.png", ["a.png", "b.png"]),
        ("a.png,b.png 2x", ["a.png,b.png"]),  # no space: one URL with a comma in it
        (" ,\n a.png  (x, y) 2x , b.png", ["a.png", "b.png"]),
        ("data:image/png;base64,AAA= 1x, b.png 2x", ["data:image/png;base64,AAA=", "b.png"]),
        ("", []),
        (" , ", []),
    ],
)
def test_srcset_urls(srcset: str, urls: list[str]) -> None:
    assert srcset_urls(srcset) == urls


@pytest.mark.parametrize(
    ("content", "url"),
    [
        ("0; url=next.html", "next.html"),
        ("0;URL='next page.html'", "next page.html"),
        ('5, url = "q.html" ', "q.html"),
        ("3.5 ; Url=a.html#b", "a.html#b"),
        ("0; next.html", "next.html"),
        ("'unclosed.html", "unclosed.html"),
        ("5", None),
        ("0; url=", None),
        ("", None),
    ],
)
def test_refresh_url(content: str, url: str | None) -> None:
    assert refresh_url(content) == url


# -- What a page references ---------------------------------------------------


def references(html: str) -> list[tuple[str, bool, int]]:
    return [(r.label, r.fetched, r.choice) for r in page_references(html).references]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="a.html">a</a>', [("href='a.html'", False, 0)]),
        ("<a href>empty</a>", [("href=''", False, 0)]),
        ('<area href="map.html">', [("href='map.html'", False, 0)]),
        ('<form action="go.html"></form>', [("action='go.html'", False, 0)]),
        ('<button formaction="b.html">', [("formaction='b.html'", False, 0)]),
        ('<input type=submit formaction="i.html">', [("formaction='i.html'", False, 0)]),
        ('<link rel="next" href="n.html">', [("href='n.html'", False, 0)]),
        ('<link href="r.html">', [("href='r.html'", False, 0)]),
        ('<link rel="StyleSheet" href="s.css">', [("href='s.css'", True, 0)]),
        ('<link rel="icon" href="i.svg">', [("href='i.svg'", True, 0)]),
        ('<link rel="preload" href="p.woff2">', [("href='p.woff2'", True, 0)]),
        ('<link rel="modulepreload" href="m.js">', [("href='m.js'", True, 0)]),
        ('<link rel="manifest" href="m.json">', [("href='m.json'", True, 0)]),
        ('<link rel="alternate stylesheet" href="a.css">', [("href='a.css'", True, 0)]),
        ('<script src="s.js"></script>', [("src='s.js'", True, 0)]),
        ('<iframe src="f.html"></iframe>', [("src='f.html'", True, 0)]),
        ('<frame src="fr.html">', [("src='fr.html'", True, 0)]),
        ('<embed src="e.svg">', [("src='e.svg'", True, 0)]),
        ('<input type="image" src="go.png">', [("src='go.png'", True, 0)]),
        ('<track src="t.vtt">', [("src='t.vtt'", True, 0)]),
        ('<object data="o.svg"></object>', [("data='o.svg'", True, 0)]),
        ('<div data="not-a-url"></div>', []),
        ('<video poster="p.jpg"></video>', [("poster='p.jpg'", True, 0)]),
        ('<img poster="p.jpg">', []),
        ('<div srcset="x.png 2x">', []),
        ('<body background="bg.png">', [("background='bg.png'", True, 0)]),
        ('<table background="t.png">', [("background='t.png'", True, 0)]),
        ('<td background="d.png">', [("background='d.png'", True, 0)]),
        ('<th background="h.png">', [("background='h.png'", True, 0)]),
        ('<div background="x.png">', []),
        ('<svg><use href="#icon"></use></svg>', [("href='#icon'", True, 0)]),
        ('<svg><image href="i.png"></image></svg>', [("href='i.png'", True, 0)]),
        ('<svg><use xlink:href="s.svg#i"></use></svg>', [("xlink:href='s.svg#i'", True, 0)]),
        ('<svg><image xlink:href="x.png"></image></svg>', [("xlink:href='x.png'", True, 0)]),
        ('<a xlink:href="x.html">', []),
        ('<div href="x.html" action="y.html" formaction="z.html">', []),
        ('<p style="background: url(bg.png)">', [("style url('bg.png')", True, 0)]),
        (
            "<p style=\"mask: url('a.svg'), url(b.svg)\">",
            [("style url('a.svg')", True, 0), ("style url('b.svg')", True, 0)],
        ),
        (
            '<style>@import "i.css"; .x { background: url(x.png) }</style>',
            [("<style> url('i.css')", True, 0), ("<style> url('x.png')", True, 0)],
        ),
        ("<style></style><p>url(not-css.png)</p>", []),
        (
            '<meta http-equiv="Refresh" content="0; url=new.html">',
            [("refresh URL 'new.html'", False, 0)],
        ),
        ('<meta http-equiv="refresh" content="30">', []),
        ('<meta name="refresh" content="0; url=new.html">', []),
        ('<meta http-equiv="refresh">', []),
    ],
)
def test_page_references(html: str, expected: list[tuple[str, bool, int]]) -> None:
    assert references(html) == expected


def test_references_keep_the_first_of_a_repeated_attribute() -> None:
    # As browsers do: the parser drops the second "src".
    assert references('<img src="first.png" src="second.png">') == [("src='first.png'", True, 1)]


def test_reference_holds_its_url_apart_from_its_label() -> None:
    assert page_references('<img srcset="a b.png 2x">').references == [
        Reference("srcset candidate 'a'", "a", True, 1),
    ]
    assert page_references('<a href="x.html">').references == [
        Reference("href='x.html'", "x.html", False, 0)
    ]


def test_alternatives_share_a_choice() -> None:
    html = """
        <img src="one.png" srcset="one.png 1x, one@2x.png 2x">
        <img src="two.png">
        <picture>
          <source srcset="p.avif" type="image/avif">
          <source src="p.webp">
          <img src="p.png" srcset="p@2x.png 2x">
        </picture>
        <img srcset="after.png">
        <video src="v.webm" poster="v.jpg"><source src="v.mp4"><track src="v.vtt"></video>
        <audio><source src="a.ogg"><source srcset="a.mp3"></audio>
        <source src="stray.png">
    """
    assert references(html) == [
        ("src='one.png'", True, 1),
        ("srcset candidate 'one.png'", True, 1),
        ("srcset candidate 'one@2x.png'", True, 1),
        ("src='two.png'", True, 2),
        ("srcset candidate 'p.avif'", True, 3),
        ("src='p.webp'", True, 3),
        ("src='p.png'", True, 3),
        ("srcset candidate 'p@2x.png'", True, 3),
        ("srcset candidate 'after.png'", True, 4),
        ("src='v.webm'", True, 5),
        ("poster='v.jpg'", True, 0),
        ("src='v.mp4'", True, 5),
        ("src='v.vtt'", True, 0),
        ("src='a.ogg'", True, 6),
        ("srcset candidate 'a.mp3'", True, 6),
        ("src='stray.png'", True, 0),
    ]


def test_anchors_are_ids_and_link_names() -> None:
    page = page_references(
        '<h1 id="top">T</h1><a name="old-style">x</a><div name="not-an-anchor"></div>'
        '<section id="a b"></section><p id="">'
    )
    assert page.anchors == frozenset({"top", "old-style", "a b", ""})


# -- What a browser fetches: one of each choice, the largest ------------------


def test_fetched_urls_take_the_largest_alternative(tmp_path: Path) -> None:
    write(tmp_path, {"small.png": b"s" * 10, "large.png": b"l" * 30, "mid.png": b"m" * 20})
    html = (
        '<img src="small.png" srcset="large.png 2x, mid.png 3x">'
        '<img src="mid.png" srcset="small.png 1x">'
        '<a href="large.png">not fetched</a><script src="s.js"></script>'
    )
    assert fetched_urls(html, tmp_path) == ["s.js", "large.png", "mid.png"]


def test_fetched_urls_take_a_missing_alternative_before_any_size(tmp_path: Path) -> None:
    write(tmp_path, {"large.png": b"l" * 30})
    html = '<img src="large.png" srcset="gone.png 2x">'
    assert fetched_urls(html, tmp_path) == ["gone.png"]


def test_fetched_urls_take_a_local_file_over_one_from_another_host(tmp_path: Path) -> None:
    write(tmp_path, {"empty.png": b""})
    assert fetched_urls(
        '<img src="https://cdn.test/a.png" srcset="empty.png 2x, data:x 3x">', tmp_path
    ) == ["empty.png"]
    # Alone, the other host's file is what the browser fetches.
    assert fetched_urls('<img src="https://cdn.test/a.png">', tmp_path) == [
        "https://cdn.test/a.png"
    ]


def test_fetched_urls_keep_the_first_of_equal_alternatives(tmp_path: Path) -> None:
    write(tmp_path, {"a.png": b"12", "b.png": b"34"})
    assert fetched_urls('<img src="a.png" srcset="b.png 2x">', tmp_path) == ["a.png"]


# -- Page weight --------------------------------------------------------------


def test_page_weight_follows_every_kind_of_fetch(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": """<!doctype html>
<link rel="stylesheet" href="css/site.css?v=1">
<link rel="next" href="next.html">
<style>.hero { background: url(img/hero.png) }</style>
<div style="background-image: url('img/inline.png')"></div>
<img src="img/small.png" srcset="img/small.png 1x, img/large.png 2x" alt="">
<video src="media/clip.webm" poster="img/poster.jpg"></video>
<audio><source src="media/sound.ogg"></audio>
<object data="img/diagram.svg"></object>
<embed src="img/embed.svg">
<iframe src="frame.html"></iframe>
<a href="next.html">next</a>
<img src="data:image/png;base64,AAAA" alt="">
<img src="https://cdn.test/x.png" alt="">
""",
            "css/site.css": '@import "extra.css";\nbody { background: url("../img/body.png"); }',
            "css/extra.css": "@font-face { src: url(../fonts/f.woff2) }",
            "frame.html": '<img src="img/in-frame.png">',
            "next.html": "<p>next</p>",
            "img/hero.png": b"h",
            "img/inline.png": b"i",
            "img/small.png": b"s",
            "img/large.png": b"L" * 100,
            "img/poster.jpg": b"p",
            "img/diagram.svg": "<svg/>",
            "img/embed.svg": "<svg/>",
            "img/in-frame.png": b"f",
            "img/body.png": b"b",
            "fonts/f.woff2": b"w",
            "media/clip.webm": b"c",
            "media/sound.ogg": b"o",
        },
    )
    assert fetched(tmp_path) == {
        "index.html",
        "css/site.css",
        "css/extra.css",
        "fonts/f.woff2",
        "img/body.png",
        "img/hero.png",
        "img/inline.png",
        "img/large.png",
        "img/poster.jpg",
        "img/diagram.svg",
        "img/embed.svg",
        "frame.html",
        "img/in-frame.png",
        "media/clip.webm",
        "media/sound.ogg",
    }
    assert page_weight(tmp_path / "index.html").missing == []


def test_page_weight_follows_css_url(tmp_path: Path) -> None:
    # With stylesheets' url() not followed, the background image goes uncounted.
    write(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="s.css">',
            "s.css": ".a { background: url(bg.png) }",
            "bg.png": b"x" * 5000,
        },
    )
    weight = page_weight(tmp_path / "index.html")
    assert weight.raw("image") == 5000
    assert weight.requests == 3


def test_page_weight_counts_the_largest_srcset_candidate(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": '<img src="a.png" srcset="a.png 1x, b.png 2x, c.png 3x">',
            "a.png": b"a" * 10,
            "b.png": b"b" * 300,
            "c.png": b"c" * 20,
        },
    )
    weight = page_weight(tmp_path / "index.html")
    assert fetched(tmp_path) == {"index.html", "b.png"}
    assert weight.raw("image") == 300


def test_page_weight_counts_each_file_once_and_names_the_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": (
                '<link rel="stylesheet" href="s.css"><link rel="stylesheet" href="./s.css">'
                '<img src="gone.png"><p style="background: url(also-gone.png)">'
            ),
            "s.css": "a { background: url(s.css) }",
        },
    )
    weight = page_weight(tmp_path / "index.html")
    assert fetched(tmp_path) == {"index.html", "s.css"}
    # Single fetches first, then one of each choice (the image).
    assert weight.missing == [
        str(tmp_path.resolve() / "also-gone.png"),
        str(tmp_path.resolve() / "gone.png"),
    ]


def test_page_weight_measures_raw_and_gzip_by_kind(tmp_path: Path) -> None:
    page = "<p>" + "hello " * 200 + "</p>" + '<script src="a.js"></script><img src="i.svg">'
    write(tmp_path, {"index.html": page, "a.js": "x" * 1000, "i.svg": "<svg/>"})
    weight = page_weight(tmp_path / "index.html")
    index, script, image = tmp_path.resolve() / "index.html", tmp_path / "a.js", tmp_path / "i.svg"
    assert weight.files[index] == Fetch(
        "html", len(page), gzip_size(page.encode()), ("a.js", "i.svg")
    )
    assert weight.requests == 3
    assert weight.raw() == len(page) + 1000 + 6
    assert weight.raw("js") == 1000
    assert weight.raw("image") == 6
    assert weight.raw("css") == 0
    assert weight.gzip() == sum(gzip_size(p.read_bytes()) for p in (index, script, image))
    assert weight.gzip("js") == gzip_size(b"x" * 1000)
    assert weight.largest() == (index, len(page))


def test_page_weight_reuses_what_other_pages_measured(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": '<script src="a.js"></script>', "a.js": "x"})
    script = (tmp_path / "a.js").resolve()
    measured = {script: Fetch("js", 123, 45)}
    assert page_weight(tmp_path / "index.html", measured).files[script] == Fetch("js", 123, 45)
    assert set(measured) == {script, (tmp_path / "index.html").resolve()}


def test_site_weights_weigh_every_page_by_its_path(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": '<script src="a.js"></script>',
            "work/meta.html": '<script src="../a.js"></script>',
            "a.js": "x",
        },
    )
    weights = site_weights(tmp_path)
    assert list(weights) == ["index.html", "work/meta.html"]
    assert weights["work/meta.html"].requests == 2
    assert weights["work/meta.html"].page == tmp_path / "work/meta.html"


# -- Small pieces -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.html", "html"),
        ("a.css", "css"),
        ("a.js", "js"),
        ("a.png", "image"),
        ("a.jpg", "image"),
        ("a.jpeg", "image"),
        ("a.gif", "image"),
        ("a.svg", "image"),
        ("a.webp", "image"),
        ("a.avif", "image"),
        ("a.ico", "image"),
        ("a.woff2", "other"),
        ("a.json", "other"),
    ],
)
def test_kind_of(name: str, kind: str) -> None:
    assert kind_of(Path(name)) == kind


def test_gzip_size_is_level_six_without_a_timestamp() -> None:
    data = b"portfolio " * 500
    assert gzip_size(data) == len(gzip.compress(data, compresslevel=6, mtime=0))
    assert gzip_size(data) < len(gzip.compress(data, compresslevel=1, mtime=0))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("a.png", "base/a.png"),
        (" a%20b.png?v=1#x ", "base/a b.png"),
        ("../up.css", "up.css"),
        ("https://cdn.test/a.png", None),
        ("//cdn.test/a.png", None),
        ("data:image/png;base64,AAAA", None),
        ("#only-a-fragment", None),
        ("", None),
    ],
)
def test_resolve(tmp_path: Path, url: str, expected: str | None) -> None:
    base = tmp_path / "base"
    assert resolve(base, url) == (None if expected is None else (tmp_path / expected).resolve())


def test_stylesheet_references_name_their_lines() -> None:
    css = '@import "a.css";\n@import url(b.css);\n.x {\n  background: url("c.png");\n}\n'
    css += '@media print { .y { mask: url(d.svg) } }\n.z { content: "url(e.png)" }\n'
    css += '.d { background: url("data:image/svg+xml,<svg>)</svg>") }\n'
    assert list(stylesheet_references(css)) == [
        (1, "a.css"),
        (2, "b.css"),
        (4, "c.png"),
        (6, "d.svg"),
        (8, "data:image/svg+xml,<svg>)</svg>"),
    ]
    assert stylesheet_urls(css) == ["a.css", "b.css", "c.png", "d.svg"]


def test_an_import_names_only_the_string_right_after_it() -> None:
    css = '@import /* why */ "a.css" screen;\n.q { quotes: "b.css" }\n@media "c.css" {}'
    assert stylesheet_urls(css) == ["a.css"]


def test_source_map_urls() -> None:
    code = "x=1;\n//# sourceMappingURL=a.js.map\n/*# sourceMappingURL=b.css.map */\n"
    assert source_map_urls(code) == ["a.js.map", "b.css.map"]
    assert source_map_urls("// no map here") == []
