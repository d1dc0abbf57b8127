"""The link checks of tests/sitecheck.py on small hand-made sites: every fault named exactly.

No Sphinx build: each test writes a few pages into a temporary folder. The
checks on the real built site, and on copies of it with faults planted, are in
test_site.py and test_links.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck import (
    css_url_problems,
    external_link_problems,
    internal_link_problems,
    is_external,
    is_placeholder_host,
    placeholder_link_problems,
)

#: A small site whose every link lands: the base the faults are planted in.
CLEAN = {
    "index.html": '<h1 id="top">Home</h1><a href="work/index.html#meta">Work</a>',
    "work/index.html": '<h2 id="meta">Meta</h2><p id="two words"><a href="../index.html">home</a>',
    "work/meta.html": '<a name="old-anchor"></a><a href="index.html">work</a>',
    "_static/a.png": "",
    "_static/b.png": "",
    "_static/s.css": "",
    "_static/clip.mp4": "",
    "_static/a b.png": "",
}


def site(folder: Path, extra: str = "", page: str = "work/meta.html") -> Path:
    """The clean site with ``extra`` HTML added at the end of ``page``."""
    for name, content in CLEAN.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content + (extra if name == page else ""), encoding="utf-8")
    return folder


def test_a_clean_site_has_no_problems(tmp_path: Path) -> None:
    assert internal_link_problems(site(tmp_path)) == []


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<a href="nowhere.html">x</a>', "href='nowhere.html' points to a missing file"),
        ('<area href="map.html">', "href='map.html' points to a missing file"),
        (
            '<a href="index.html#no-such-role">x</a>',
            "href='index.html#no-such-role' names an anchor that work/index.html does not have",
        ),
        (
            '<a href="#nowhere">x</a>',
            "href='#nowhere' names an anchor that work/meta.html does not have",
        ),
        (
            '<a href="">x</a><a href="#old-anchor">x</a><a href="#bad%20one">x</a>',
            "href='#bad%20one' names an anchor that work/meta.html does not have",
        ),
        (
            '<a href="../work/">x</a>',
            "href='../work/' points to a folder, which file:// shows as a file listing; "
            "link '../work/index.html'",
        ),
        (
            '<a href="../work#meta">x</a>',
            "href='../work#meta' points to a folder, which file:// shows as a file listing; "
            "link '../work/index.html#meta'",
        ),
        (
            '<a href="../_static/">x</a>',
            "href='../_static/' points to a folder that has no index.html",
        ),
        (
            '<img src="../_static/a.png" srcset="../_static/a.png 1x, ../_static/gone-2x.png 2x">',
            "srcset candidate '../_static/gone-2x.png' points to a missing file",
        ),
        (
            '<picture><source srcset="../_static/gone.avif" type="image/avif">'
            '<img src="../_static/a.png"></picture>',
            "srcset candidate '../_static/gone.avif' points to a missing file",
        ),
        ('<iframe src="demo.html"></iframe>', "src='demo.html' points to a missing file"),
        (
            '<video src="../_static/clip.mp4" poster="../_static/poster.jpg"></video>',
            "poster='../_static/poster.jpg' points to a missing file",
        ),
        (
            '<video><source src="../_static/gone.webm"></video>',
            "src='../_static/gone.webm' points to a missing file",
        ),
        ('<audio src="song.ogg"></audio>', "src='song.ogg' points to a missing file"),
        ('<track src="subs.vtt">', "src='subs.vtt' points to a missing file"),
        ('<embed src="e.svg">', "src='e.svg' points to a missing file"),
        ('<input type="image" src="go.png">', "src='go.png' points to a missing file"),
        ('<object data="diagram.svg"></object>', "data='diagram.svg' points to a missing file"),
        (
            "<div style=\"background: url('../_static/gone-bg.png')\"></div>",
            "style url('../_static/gone-bg.png') points to a missing file",
        ),
        (
            "<style>.hero { background: url(hero.png) }</style>",
            "<style> url('hero.png') points to a missing file",
        ),
        (
            '<style>@import "print.css";</style>',
            "<style> url('print.css') points to a missing file",
        ),
        (
            '<meta http-equiv="refresh" content="0; url=moved.html">',
            "refresh URL 'moved.html' points to a missing file",
        ),
        ('<form action="send.html"></form>', "action='send.html' points to a missing file"),
        ('<link rel="next" href="next.html">', "href='next.html' points to a missing file"),
        (
            '<link rel="stylesheet" href="../_static/gone.css">',
            "href='../_static/gone.css' points to a missing file",
        ),
        (
            '<svg><use href="#svg-sun"></use></svg>',
            "href='#svg-sun' names an anchor that work/meta.html does not have",
        ),
    ],
    ids=[
        "missing-page",
        "area",
        "missing-anchor",
        "missing-anchor-on-the-page",
        "percent-encoded-anchor",
        "folder",
        "folder-without-slash",
        "folder-without-index",
        "srcset-later-candidate",
        "picture-source",
        "iframe",
        "video-poster",
        "video-source",
        "audio",
        "track",
        "embed",
        "input-image",
        "object-data",
        "inline-style",
        "style-element",
        "style-import",
        "meta-refresh",
        "form-action",
        "link-next",
        "link-stylesheet",
        "svg-use",
    ],
)
def test_link_check_catches(tmp_path: Path, html: str, problem: str) -> None:
    assert internal_link_problems(site(tmp_path, html)) == [f"work/meta.html: {problem}"]


def test_link_check_accepts_what_lands(tmp_path: Path) -> None:
    html = (
        '<a href="../work/index.html#meta">x</a><a href="#old-anchor">x</a><a href="#">top</a>'
        '<a href="index.html#two%20words">x</a>'
        '<a href="../index.html?x=1#top">x</a><img src="../_static/a%20b.png">'
        '<img srcset="../_static/a.png 1x, ../_static/b.png 2x">'
        '<a href="../_static/a.png#not-checked">x</a>'
        '<div style="background: url(data:image/png;base64,AAAA)"></div>'
        '<a href="https://example.org/nowhere.html">x</a><a href="mailto:m@michaelkelly.org">m</a>'
        '<meta http-equiv="refresh" content="60">'
    )
    assert internal_link_problems(site(tmp_path, html)) == []


def test_link_check_names_every_page_and_fault_in_order(tmp_path: Path) -> None:
    site(tmp_path, '<a href="gone.html">x</a><img src="gone.png">', page="work/meta.html")
    (tmp_path / "index.html").write_text('<a href="nope.html">x</a>', encoding="utf-8")
    assert internal_link_problems(tmp_path) == [
        "index.html: href='nope.html' points to a missing file",
        "work/meta.html: href='gone.html' points to a missing file",
        "work/meta.html: src='gone.png' points to a missing file",
    ]


def test_link_check_catches_a_link_out_of_the_site(tmp_path: Path) -> None:
    (tmp_path / "outside.html").write_text('<p id="here">', encoding="utf-8")
    html = '<a href="../../outside.html#here">x</a><img src="../../outside.html">'
    assert internal_link_problems(site(tmp_path / "html", html)) == [
        "work/meta.html: href='../../outside.html#here' points outside the site's folder; "
        "link a file inside it",
        "work/meta.html: src='../../outside.html' points outside the site's folder; "
        "link a file inside it",
    ]


def test_link_check_reads_a_relative_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site(tmp_path / "html", '<a href="../index.html#gone">x</a>')
    monkeypatch.chdir(tmp_path)
    assert internal_link_problems(Path("html")) == [
        "work/meta.html: href='../index.html#gone' names an anchor that index.html does not have"
    ]


# -- Placeholders ---------------------------------------------------------------


def test_placeholder_check(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="#">outside the article</a><article><a href="#">Chubby</a><a href="">hterm</a>'
        '<a> #  </a><a href=" # ">spaces</a><a href="#top">fine</a></article>',
        encoding="utf-8",
    )
    (tmp_path / "bare.html").write_text('<a href="#">no article</a>', encoding="utf-8")
    assert placeholder_link_problems(tmp_path) == [
        "index.html: the link 'Chubby' has href='#'; give it its real target",
        "index.html: the link 'hterm' has href=''; give it its real target",
        "index.html: the link '#' has href=None; give it its real target",
        "index.html: the link 'spaces' has href=' # '; give it its real target",
    ]


# -- Stylesheets ----------------------------------------------------------------


def test_css_check(tmp_path: Path) -> None:
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "here.png").write_text("", encoding="utf-8")
    (tmp_path / "_static" / "site.css").write_text(
        "\n".join(
            [
                ".a { background: url(here.png) }",
                ".b { background: url('gone.png') }",
                '@import "gone.css";',
                "@font-face { src: url(https://fonts.test/f.woff2) }",
                '.c { mask: url("data:image/svg+xml,<svg/>") }',
                ".d { behavior: url(#fragment-only) }",
                ".e { background: url(here%2Epng) }",
            ]
        ),
        encoding="utf-8",
    )
    assert css_url_problems(tmp_path) == [
        "_static/site.css:2: url('gone.png') points to a missing file",
        "_static/site.css:3: url('gone.css') points to a missing file",
        "_static/site.css:4: url('https://fonts.test/f.woff2') loads from another host; "
        "copy the file into _static/ so the site works offline",
    ]


# -- External links -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            '<a href="http://up.ucsd.edu/">x</a>',
            "href='http://up.ucsd.edu/' is not encrypted; use https://up.ucsd.edu/ if the site serves it",
        ),
        ('<a href="https://">x</a>', "href='https://' has no host name"),
        (
            '<a href="https://www.example.com/a">x</a>',
            "href='https://www.example.com/a' is a placeholder (www.example.com); "
            "give it its real target",
        ),
        (
            '<img srcset="local.png 1x, https://cdn.test/a.png 2x">',
            "srcset candidate 'https://cdn.test/a.png' is a placeholder (cdn.test); "
            "give it its real target",
        ),
        (
            '<iframe src="//player.vimeo.com/video/1"></iframe>',
            "src='//player.vimeo.com/video/1' has no scheme; write https://player.vimeo.com/video/1",
        ),
        (
            "<p style=\"background: url('http://cdn.test/bg.png')\"></p>",
            "style url('http://cdn.test/bg.png') is not encrypted; "
            "use https://cdn.test/bg.png if the site serves it",
        ),
        (
            '<a href="javascript:void(0)">x</a>',
            "href='javascript:void(0)' uses javascript:, but only https:// and mailto: links are allowed",
        ),
        ('<a href="mailto:">x</a>', "href='mailto:' names no e-mail address"),
        (
            '<a href="mailto:m@michaelkelly.org,you@example.com">x</a>',
            "href='mailto:m@michaelkelly.org,you@example.com' is a placeholder address "
            "(example.com); give it the real one",
        ),
        (
            '<a href="mailto:m@michaelkelly">x</a>',
            "href='mailto:m@michaelkelly' is not a well-formed e-mail address: "
            "The part after the @-sign is not valid. It should have a period.",
        ),
    ],
    ids=[
        "http",
        "no-host",
        "placeholder",
        "srcset",
        "no-scheme",
        "inline-style",
        "javascript",
        "mailto-empty",
        "mailto-second-is-placeholder",
        "mailto-malformed",
    ],
)
def test_policy_catches(tmp_path: Path, html: str, problem: str) -> None:
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    assert external_link_problems(tmp_path) == [f"index.html: {problem}"]


def test_policy_accepts_https_mailto_and_data(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="https://github.com/mjkelly">x</a><img src="data:image/png;base64,AAAA">'
        '<a href="mailto:m@michaelkelly.org?subject=Hi%20there">m</a>'
        '<a href="mailto:m%40michaelkelly.org">m</a><a href="local.html">local</a>',
        encoding="utf-8",
    )
    assert external_link_problems(tmp_path) == []


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("https://a.test/", True),
        ("//a.test/x", True),
        ("mailto:m@a.test", True),
        ("data:,x", True),
        ("a.html", False),
        ("../a.html#b", False),
        ("#b", False),
        ("", False),
    ],
)
def test_is_external(url: str, external: bool) -> None:
    assert is_external(url) is external


@pytest.mark.parametrize(
    ("host", "placeholder"),
    [
        ("example.com", True),
        ("EXAMPLE.COM.", True),
        ("docs.example.net", True),
        ("example.org", True),
        ("example", True),
        ("site.invalid", True),
        ("test", True),
        ("localhost", True),
        ("127.0.0.1", True),
        ("::1", True),
        ("myexample.com", False),
        ("example.com.au", False),
        ("github.com", False),
        ("127.0.0.2", False),
        ("testing.dev", False),
    ],
)
def test_is_placeholder_host(host: str, placeholder: bool) -> None:
    assert is_placeholder_host(host) is placeholder
