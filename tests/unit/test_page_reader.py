"""The page-weight reader's corners that tests/test_pageweight.py leaves open:
mutants that survived it, each killed here by the input that tells them apart."""

from __future__ import annotations

from pathlib import Path

from portfolio.pageweight import (
    Fetch,
    Reference,
    Weight,
    gzip_size,
    page_references,
    page_weight,
    srcset_urls,
    stylesheet_references,
)


def test_a_string_is_an_import_only_right_after_at_import() -> None:
    # format("woff2") is a string first in its function: not a file to fetch.
    css = '@font-face { src: url(a.woff2) format("woff2"); }'
    assert list(stylesheet_references(css)) == [(1, "a.woff2")]


def test_urls_inside_other_functions_are_found() -> None:
    css = "b { background: image-set(url(a.png) 1x, url(b.png) 2x); }"
    assert list(stylesheet_references(css)) == [(1, "a.png"), (1, "b.png")]


def test_a_candidate_ending_in_a_comma_keeps_the_rest_of_its_url() -> None:
    assert srcset_urls("imgX, b.png 2x") == ["imgX", "b.png"]


def test_an_audio_elements_own_src_is_one_of_its_alternatives() -> None:
    assert page_references('<audio src="a.mp3"><source src="b.ogg"></audio>').references == [
        Reference("src='a.mp3'", "a.mp3", True, 1),
        Reference("src='b.ogg'", "b.ogg", True, 1),
    ]


def test_a_stray_end_of_style_is_ignored() -> None:
    assert page_references('</style><p style="x: url(a.png)">').references == [
        Reference("style url('a.png')", "a.png", True, 0)
    ]


def test_the_largest_file_is_by_size_not_by_name(tmp_path: Path) -> None:
    weight = Weight(tmp_path / "index.html")
    weight.files = {
        tmp_path / "a.png": Fetch("image", 300, 290),
        tmp_path / "b.css": Fetch("css", 100, 20),
    }
    assert weight.largest() == (tmp_path / "a.png", 300)


def test_stylesheets_that_could_reference_a_file_are_read() -> None:
    # Only a stylesheet with none of url(, @import or an escape may go untokenized.
    assert list(stylesheet_references('@IMPORT "a.css";')) == [(1, "a.css")]
    assert list(stylesheet_references("b { background: URL(a.png) }")) == [(1, "a.png")]
    assert list(stylesheet_references('@\\69mport "a.css";')) == [(1, "a.css")]
    assert list(stylesheet_references('b { background: u\\72l("a.png") }')) == [(1, "a.png")]
    assert list(stylesheet_references("b { color: red }")) == []


def test_a_file_that_is_not_text_is_weighed(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<img src="a.png">', encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG\xff\xfe\x00")
    weight = page_weight(tmp_path / "index.html")
    assert weight.files[(tmp_path / "a.png").resolve()] == Fetch(
        "image", 7, gzip_size(b"\x89PNG\xff\xfe\x00")
    )
    assert weight.missing == []
