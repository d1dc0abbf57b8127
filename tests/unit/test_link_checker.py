"""The link checker's corners that tests/test_sitecheck.py leaves open: mutants that
survived it, each killed here by the input that tells them apart."""

from __future__ import annotations

from pathlib import Path

from sitecheck import css_url_problems, internal_link_problems, placeholder_link_problems

from .helpers import write


def test_a_folder_links_index_is_named_whole(tmp_path: Path) -> None:
    write(tmp_path, "docsX/index.html", "<p>Docs</p>")
    write(tmp_path, "index.html", '<a href="docsX/">Docs</a>')
    assert internal_link_problems(tmp_path) == [
        "index.html: href='docsX/' points to a folder, which file:// shows as a file listing;"
        " link 'docsX/index.html'"
    ]


def test_a_data_url_does_not_end_a_stylesheets_check(tmp_path: Path) -> None:
    css = "a { background: url(data:image/png;base64,AAAA) }\nb { background: url(gone.png) }\n"
    write(tmp_path, "_static/site.css", css)
    assert css_url_problems(tmp_path) == [
        "_static/site.css:2: url('gone.png') points to a missing file"
    ]


def test_only_links_are_checked_for_placeholders(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<article><p>Text, <a href="#">a stand-in</a> and <a href="a.html">a link</a>.</p></article>',
    )
    assert placeholder_link_problems(tmp_path) == [
        "index.html: the link 'a stand-in' has href='#'; give it its real target"
    ]
