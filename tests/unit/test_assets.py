"""Only the CSS and JavaScript pages use: which assets a page links, what the clean-up
after a build keeps, and the cache of what each built file links. Real files in a
temporary folder and a stand-in app; no build."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.util.typing import ExtensionMetadata

from portfolio.assets import (
    LINKS_CACHE,
    Links,
    asset_tags,
    authored,
    needed,
    on_build_finished,
    on_html_page_context,
    reachable,
    setup,
)
from portfolio.pageweight import fetched_by

from .helpers import Calls, write

CODE = '<div class="highlight-python notranslate">'
TABS = '<div class="sd-tab-set docutils">'

#: Every asset furo and the extensions link from a page, as Sphinx's context has them.
CSS = ("_static/styles/furo.css", "_static/pygments.css", "_static/copybutton.css")
SCRIPTS = (
    "_static/documentation_options.js",
    "_static/clipboard.min.js",
    "_static/copybutton.js",
    "_static/design-tabs.js",
    "_static/scripts/furo.js",
)


# -- What a page links -----------------------------------------------------------------


def test_each_conditional_asset_is_needed_only_where_its_marker_is() -> None:
    code = ("pygments.css", "copybutton.css", "copybutton.js", "clipboard.min.js")
    assert [needed(name, CODE) for name in code] == [True] * 4
    assert [needed(name, TABS) for name in code] == [False] * 4
    assert needed("design-tabs.js", TABS) is True
    assert needed("design-tabs.js", CODE) is False
    # The asset is known by its file name, wherever it sits and however it is given.
    assert needed("_static/design-tabs.js", "") is False
    assert needed(Path("_static/pygments.css"), "") is False
    assert needed(Path("_static/pygments.css"), CODE) is True


def test_every_other_asset_is_always_needed() -> None:
    for name in ("furo.css", "_static/scripts/furo.js", Path("searchtools.js"), "basic.css"):
        assert needed(name, "") is True


def context(body: str | None, css: tuple[str, ...] = CSS, scripts: tuple[str, ...] = SCRIPTS):
    page = {
        "css_files": [SimpleNamespace(filename=name) for name in css],
        "script_files": [SimpleNamespace(filename=name) for name in scripts],
    }
    return page if body is None else page | {"body": body}


def filenames(page: dict) -> tuple[list[str], list[str]]:
    return (
        [asset.filename for asset in page["css_files"]],
        [asset.filename for asset in page["script_files"]],
    )


def html_app(name: str = "html", **extra: object) -> SimpleNamespace:
    return SimpleNamespace(builder=SimpleNamespace(name=name), **extra)


def test_a_page_without_code_or_tabs_links_neither_assets() -> None:
    for builder in ("html", "dirhtml"):
        page = context("<p>Words.</p>")
        on_html_page_context(html_app(builder), "index", "page.html", page, None)
        assert filenames(page) == (
            ["_static/styles/furo.css"],
            ["_static/documentation_options.js", "_static/scripts/furo.js"],
        )


def test_a_page_gets_back_what_its_code_and_tabs_need() -> None:
    page = context(f"{CODE}{TABS}")
    on_html_page_context(html_app(), "play/tool", "page.html", page, None)
    assert filenames(page) == (list(CSS), list(SCRIPTS))
    page = context(TABS)
    on_html_page_context(html_app(), "play/tool", "page.html", page, None)
    assert filenames(page) == (
        ["_static/styles/furo.css"],
        [
            "_static/documentation_options.js",
            "_static/design-tabs.js",
            "_static/scripts/furo.js",
        ],
    )


def test_a_page_with_no_body_or_no_asset_lists_links_only_what_every_page_needs() -> None:
    # Sphinx's own templates (search.html, genindex.html) have no "body".
    page = context(None)
    on_html_page_context(html_app(), "search", "search.html", page, None)
    assert filenames(page) == (
        ["_static/styles/furo.css"],
        ["_static/documentation_options.js", "_static/scripts/furo.js"],
    )
    bare: dict = {"body": CODE}
    on_html_page_context(html_app(), "index", "page.html", bare, None)
    assert bare == {"body": CODE, "css_files": [], "script_files": []}


def test_the_lists_are_new_so_the_next_page_starts_from_sphinxs_own() -> None:
    page = context("")
    original = page["css_files"]
    on_html_page_context(html_app(), "index", "page.html", page, None)
    assert len(original) == 3 and len(page["css_files"]) == 1


def test_other_builders_link_every_asset() -> None:
    # EPUB lists its files in a manifest before the pages are written.
    page = context("")
    on_html_page_context(html_app("epub"), "index", "page.html", page, None)
    assert filenames(page) == (list(CSS), list(SCRIPTS))


# -- What each built file links --------------------------------------------------------

PAGE = """\
<link rel="stylesheet" href="_static/site.css">
<script src="_static/app.js"></script>
<img src="https://example.org/remote.png">
<pre>
//# sourceMappingURL=page.html.map
</pre>
"""
#: What the page fetches that can be CSS or JavaScript: its images are not read.
PAGE_FETCHES = ["_static/site.css", "_static/app.js"]


def site(folder: Path) -> Path:
    """A built site: a page, its stylesheet (which imports another and names a source
    map), a script naming its source map, and files that nothing links."""
    out = folder / "out"
    # Not all UTF-8: a page is read whatever bytes it holds.
    (out / "index.html").parent.mkdir(parents=True)
    (out / "index.html").write_bytes(PAGE.encode() + b"<p>\xff</p>\n")
    write(out, "_static/site.css", '@import "base.css";\n/*# sourceMappingURL=site.css.map */\n')
    write(out, "_static/base.css", "body { background: url(bg.png) }\n")
    write(out, "_static/app.js", "run();\n//# sourceMappingURL=app.js.map\n")
    for name in ("site.css.map", "app.js.map", "bg.png", "unused.css", "unused.js.map"):
        write(out, f"_static/{name}", "x")
    return out


def test_a_file_is_read_for_what_it_fetches_and_the_source_maps_it_names(
    tmp_path: Path,
) -> None:
    out = site(tmp_path)
    links = Links(tmp_path / LINKS_CACHE)
    assert links.of(out / "index.html") == (PAGE_FETCHES, [])
    assert links.of(out / "_static/site.css") == (["base.css"], ["site.css.map"])
    assert links.of(out / "_static/base.css") == (["bg.png"], [])
    # A script fetches nothing, but names its map; an image is not read at all.
    assert links.of(out / "_static/app.js") == ([], ["app.js.map"])
    (out / "_static/bg.png").write_bytes(b"\x89PNG\xff sourceMappingURL=x.map")
    assert links.of(out / "_static/bg.png") == ([], [])


def test_only_pages_stylesheets_and_scripts_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Images and fonts link nothing: reading them would only cost the build time.
    out = site(tmp_path)
    read: list[str] = []
    read_text = Path.read_text

    def spy(path: Path, *args: Any, **kwargs: Any) -> str:
        read.append(path.name)
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", spy)
    links = Links(tmp_path / LINKS_CACHE)
    for name in ("index.html", "_static/bg.png", "_static/site.css.map", "_static/app.js"):
        links.of(out / name)
    assert read == [LINKS_CACHE, "index.html", "app.js"]


def test_only_a_pages_link_script_and_style_elements_are_read_for_assets() -> None:
    page = (
        '<html><head><LINK rel="stylesheet" href="a>b.css" data-x=\'>\'>\n'
        "<script\nsrc=app.js defer></script><title>x</title></head>\n"
        '<body><p style="background: url(bg.png)">text</p><img src="i.png">\n'
        '<style media="print">@import "print.css";\np { color: red }\n</Style>\n'
        "<a href=other.html>link</a><scripted>no</scripted><linker></body></html>"
    )
    assert asset_tags(page) == (
        '<LINK rel="stylesheet" href="a>b.css" data-x=\'>\'>\n'
        "<script\nsrc=app.js defer></script>\n"
        '<style media="print">@import "print.css";\np { color: red }\n</Style>'
    )
    assert fetched_by(Path("/site/index.html"), asset_tags(page)) == [
        "a>b.css",
        "app.js",
        "print.css",
    ]
    assert asset_tags("<p>No assets.</p>") == ""
    # A script's text is its own: a "<link" in it is not read as a tag.
    inline = '<script>const tag = "<link href=x.css>";</script >'
    assert asset_tags(inline + "<link href=y.css>") == inline + "\n<link href=y.css>"


def stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_mtime_ns, stat.st_size]


def test_what_a_build_saw_is_kept_sorted_and_files_gone_drop_out(tmp_path: Path) -> None:
    out = site(tmp_path)
    store = tmp_path / LINKS_CACHE
    store.write_text(json.dumps({"/gone.html": {"stamp": [1, 2], "fetches": [], "maps": []}}))
    links = Links(store)
    links.of(out / "_static/site.css")
    links.of(out / "_static/app.js")
    links.save()
    css, js = str(out / "_static/site.css"), str(out / "_static/app.js")
    expected = {
        js: {"stamp": stamp(out / "_static/app.js"), "fetches": [], "maps": ["app.js.map"]},
        css: {
            "stamp": stamp(out / "_static/site.css"),
            "fetches": ["base.css"],
            "maps": ["site.css.map"],
        },
    }
    assert store.read_text(encoding="utf-8") == json.dumps(expected, sort_keys=True)


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    out = site(tmp_path)
    page = out / "index.html"
    store = tmp_path / LINKS_CACHE
    remembered = {"stamp": stamp(page), "fetches": ["_static/old.css"], "maps": ["old.map"]}
    store.write_text(json.dumps({str(page): remembered}), encoding="utf-8")
    assert Links(store).of(page) == (["_static/old.css"], ["old.map"])
    # A rebuilt page differs in size or modification time: read again.
    os.utime(page, ns=(1, 1))
    assert Links(store).of(page) == (PAGE_FETCHES, [])


def test_a_cache_saved_by_one_build_is_read_by_the_next(tmp_path: Path) -> None:
    out = site(tmp_path)
    css = out / "_static/site.css"
    first = Links(tmp_path / LINKS_CACHE)
    first.of(css)
    first.save()
    # Same size and time, other text: only the saved cache can give the old answer.
    before = stamp(css)
    css.write_text('@import "BASE.css";\n/*# sourceMappingURL=SITE.css.map */\n')
    os.utime(css, ns=(before[0], before[0]))
    assert Links(tmp_path / LINKS_CACHE).of(css) == (["base.css"], ["site.css.map"])
    assert Links(tmp_path / "other.json").of(css) == (["BASE.css"], ["SITE.css.map"])


def test_a_missing_or_unreadable_cache_is_an_empty_one(tmp_path: Path) -> None:
    assert Links(tmp_path / LINKS_CACHE).known == {}
    (tmp_path / LINKS_CACHE).write_text("{not json", encoding="utf-8")
    assert Links(tmp_path / LINKS_CACHE).known == {}
    (tmp_path / "folder").mkdir()
    assert Links(tmp_path / "folder").known == {}


# -- What the built pages reach --------------------------------------------------------


def test_reachable_follows_pages_stylesheets_and_source_maps(tmp_path: Path) -> None:
    out = site(tmp_path).resolve()
    # A page in a subfolder linking a file that is not there, and another page.
    write(out, "play/tool.html", '<script src="../_static/missing.js"></script>')
    write(out, "play/demo.html", '<iframe src="../index.html"></iframe>')
    found = reachable(out, Links(tmp_path / LINKS_CACHE))
    assert found == {
        out / "index.html",
        out / "play/tool.html",
        out / "play/demo.html",
        out / "_static/site.css",
        out / "_static/base.css",
        out / "_static/bg.png",
        out / "_static/app.js",
        out / "_static/site.css.map",
        out / "_static/app.js.map",
    }


def test_a_page_that_links_itself_is_read_once(tmp_path: Path) -> None:
    out = tmp_path.resolve()
    write(out, "a.html", '<iframe src="a.html"></iframe><iframe src="b.html"></iframe>')
    write(out, "b.html", '<iframe src="a.html"></iframe>')
    links = Links(tmp_path / "cache.json")
    read: list[Path] = []
    of = links.of
    links.of = lambda path: read.append(path) or of(path)  # type: ignore[method-assign]
    assert reachable(out, links) == {out / "a.html", out / "b.html"}
    assert sorted(read) == [out / "a.html", out / "b.html"]


# -- The clean-up after the build ------------------------------------------------------


def test_authored_lists_the_projects_own_static_files_only(tmp_path: Path) -> None:
    write(tmp_path, "_static/custom.css", "")
    write(tmp_path, "_static/fonts/face.woff2", "")
    write(tmp_path, "brand/logo.js", "")
    write(tmp_path, "vendor/extension/design.css", "")
    # An extension's absolute folder (here inside the project), and a folder named
    # but not made.
    write(tmp_path, "theme/extra.css", "")
    extension = str(tmp_path / "vendor/extension")
    # Sphinx takes a file as well as a folder, and copies it to _static by its name.
    folders = ["_static", "brand", extension, "missing", "theme/extra.css"]
    app = SimpleNamespace(confdir=str(tmp_path), config=SimpleNamespace(html_static_path=folders))
    assert authored(app) == {
        Path("custom.css"),
        Path("fonts/face.woff2"),
        Path("logo.js"),
        Path("extra.css"),
    }


def built(tmp_path: Path, builder: str = "html") -> SimpleNamespace:
    write(tmp_path, "source/_static/mine.js", "")
    write(tmp_path, "source/_static/nested/mine.css", "")
    return html_app(
        builder,
        outdir=str(tmp_path / "out"),
        doctreedir=str(tmp_path / "doctrees"),
        confdir=str(tmp_path / "source"),
        config=SimpleNamespace(html_static_path=["_static"]),
    )


def static_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_the_build_ends_by_removing_the_css_and_js_no_page_reaches(tmp_path: Path) -> None:
    out = site(tmp_path)
    (tmp_path / "doctrees").mkdir()
    for name in ("_static/mine.js", "_static/nested/mine.css", "_static/theme.js"):
        write(out, name, "")
    on_build_finished(built(tmp_path), None)
    assert static_files(out) == [
        "_static/app.js",
        "_static/app.js.map",
        "_static/base.css",
        "_static/bg.png",
        "_static/mine.js",
        "_static/nested/mine.css",
        "_static/site.css",
        "_static/site.css.map",
        "index.html",
    ]
    cache = json.loads((tmp_path / "doctrees" / LINKS_CACHE).read_text(encoding="utf-8"))
    read = (
        "index.html",
        "_static/site.css",
        "_static/base.css",
        "_static/app.js",
        "_static/bg.png",
    )
    assert sorted(cache) == sorted(str(out.resolve() / name) for name in read)


def test_a_failed_build_or_another_builder_removes_nothing(tmp_path: Path) -> None:
    out = site(tmp_path)
    (tmp_path / "doctrees").mkdir()
    before = static_files(out)
    on_build_finished(built(tmp_path), RuntimeError("failed"))
    on_build_finished(built(tmp_path, "epub"), None)
    on_build_finished(built(tmp_path, "latex"), None)
    assert static_files(out) == before
    assert not (tmp_path / "doctrees" / LINKS_CACHE).exists()


def test_the_handlers_are_connected_and_the_extension_is_parallel_safe() -> None:
    app = Calls()
    metadata: ExtensionMetadata = setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("connect", ("html-page-context", on_html_page_context), {}),
        ("connect", ("build-finished", on_build_finished), {"priority": 900}),
    ]
    assert metadata == {
        "version": "1.0.0",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
