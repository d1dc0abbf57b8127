"""The page-weight reader's corners that tests/test_pageweight.py leaves open:
mutants that survived it, each killed here by the input that tells them apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio import pageweight
from portfolio.pageweight import (
    Fetch,
    Reference,
    Weight,
    fetched_urls,
    gzip_size,
    page_references,
    page_weight,
    phone_candidate,
    slot_width,
    srcset_candidates,
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


# -- What a phone fetches of a srcset ----------------------------------------------------


def test_a_candidates_descriptors_are_kept_without_their_comma() -> None:
    assert srcset_candidates("a.png 320w, b.png 2x,c.png") == [
        ("a.png", "320w"),
        ("b.png", "2x"),
        ("c.png", ""),
    ]
    # A URL that ends in a comma has no descriptors.
    assert srcset_candidates("a.png, b.png 480w") == [("a.png", ""), ("b.png", "480w")]
    assert srcset_candidates(" ,a.png ,, b.png 1x ,") == [("a.png", ""), ("b.png", "1x")]


@pytest.mark.parametrize(
    ("sizes", "width"),
    [
        ("", 375),  # nothing said: the viewport's width
        ("100vw", 375),
        ("50vw", 187.5),
        ("300px", 300),
        ("20em", 320),
        ("10rem", 160),
        # The first entry whose condition the 375px phone meets.
        ("(max-width: 46em) 100vw, 46em", 375),
        ("(max-width: 375px) 80vw, 46em", 300),
        ("(max-width: 374px) 80vw, 46em", 736),
        ("(min-width: 376px) 50vw, 90vw", 337.5),
        ("(min-width: 375px) 50vw, 90vw", 187.5),
        ("(min-width: 20rem) 10em, 90vw", 160),
        # What this does not read falls through to the next entry, then the default.
        ("calc(100vw - 2em), 300px", 300),
        ("(orientation: portrait) 10px, 200px", 200),
        ("auto", 375),
    ],
)
def test_the_slot_a_phone_gives_an_image(sizes: str, width: float) -> None:
    assert slot_width(sizes) == width


def test_units_in_pixels() -> None:
    assert [pageweight._pixels("2", unit) for unit in ("px", "em", "rem", "vw")] == [
        2,
        32,
        32,
        7.5,
    ]


WIDTHS = "s.webp 320w, m.webp 768w, l.webp 1152w, xl.webp 1536w"


@pytest.mark.parametrize(
    ("srcset", "sizes", "fetched"),
    [
        # 375 CSS px at 3 device px: 1125 px, so the 1152 px copy.
        (WIDTHS, "(max-width: 46em) 100vw, 46em", "l.webp"),
        # Listed in any order, the narrowest that is wide enough.
        ("xl.webp 1536w, l.webp 1152w, m.webp 768w", "", "l.webp"),
        # Exactly as wide as needed is wide enough.
        ("a.webp 900w, b.webp 1000w", "300px", "a.webp"),
        ("a.webp 899w, b.webp 1000w", "300px", "b.webp"),
        # None wide enough: the widest.
        ("s.webp 320w, m.webp 768w", "", "m.webp"),
        ("m.webp 768w, s.webp 320w", "", "m.webp"),
        # A small slot takes a small copy.
        (WIDTHS, "100px", "s.webp"),
    ],
)
def test_the_candidate_a_phone_fetches(srcset: str, sizes: str, fetched: str) -> None:
    assert phone_candidate(srcset, sizes) == fetched


@pytest.mark.parametrize("srcset", ["", "a.png", "a.png 2x, b.png 480w", "a.png 48Ow", "a.png w"])
def test_no_phone_candidate_without_a_width_for_each(srcset: str) -> None:
    assert phone_candidate(srcset, "") is None


def test_the_reader_notes_each_choices_phone_candidate() -> None:
    page = page_references(
        '<img src="a.png" srcset="a-320.webp 320w, a-1152.webp 1152w" sizes="100px">'
        '<img src="b.png" srcset="b.png 2x">'
        "<picture>"
        '<source srcset="c-320.avif 320w, c-1536.avif 1536w" sizes="(min-width: 1px) 100vw">'
        '<source srcset="c-480.webp 480w">'
        '<img src="c.png">'
        "</picture>"
    )
    # The <picture>'s first source with widths decides; a density srcset gives none.
    assert page.phone == {1: "a-320.webp", 3: "c-1536.avif"}


def test_what_a_page_fetches_counts_the_phones_candidate(tmp_path: Path) -> None:
    for name, size in (("a.png", 900), ("a-320.webp", 20), ("a-1152.webp", 60), ("b.png", 5)):
        (tmp_path / name).write_bytes(b"x" * size)
    html = (
        '<img src="a.png" srcset="a-320.webp 320w, a-1152.webp 1152w">'
        '<img src="b.png" srcset="b.png 1x">'
    )
    assert fetched_urls(html, tmp_path) == ["a-1152.webp", "b.png"]
