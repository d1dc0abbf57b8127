"""Pictures in write-ups, without a build: the alt-text rule and where it reports; how
a picture is read (upright, sRGB, nothing else), what is made of it in the cache and
how a broken one is refused; which file each builder publishes, the post-transform
that points the node at it, and the ``<img>`` or ``<picture>`` an HTML page gets.
Tiny pictures made with Pillow in a temporary folder (tests/pictures.py draws them as
phones and tools do); Sphinx's own HTML translator over a stand-in builder."""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers import html5_polyglot
from PIL import Image, ImageCms
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util._files import FilenameUniqDict
from sphinx.writers.html5 import HTML5Translator

import pictures as material
from portfolio import images
from portfolio.images import (
    PICTURE,
    RECIPE,
    TURNS,
    Frames,
    Picture,
    PictureError,
    PublishedPictures,
    ResponsiveImages,
    alt_problem,
    install,
    on_doctree_read,
    on_write_started,
    publish,
    read,
    setup,
    shown,
    source_of,
    widths,
    write,
)

from .helpers import Calls

NO_ALT = "image '{}' has no alt text; add ':alt:' saying what the picture shows"
FILE_NAME_ALT = (
    "image '{}' has its file name as alt text ({!r}); write what the picture shows instead"
)
FORMATS_FIX = " export it as JPEG (photos), PNG (screenshots, drawings), GIF or WebP (animations)"
LARGE_FIX = (
    " (all frames together); scale it down: a page shows at most 1536 pixels of its width,"
    " and 8000 on the longer side is plenty to click through to"
)


def image(uri: str | None = "play/shot.png", alt: str | None = None) -> nodes.image:
    attributes = {"uri": uri, "alt": alt}
    return nodes.image("", **{key: value for key, value in attributes.items() if value is not None})


# -- The rule: every picture says what it shows ------------------------------------------


def test_an_image_without_alt_text_is_a_problem() -> None:
    for alt in (None, "", " \n\t "):
        assert alt_problem(image(alt=alt)) == NO_ALT.format("play/shot.png")
    # A node without a source still gets a message, not an error.
    assert alt_problem(image(uri=None)) == NO_ALT.format("")


def test_an_image_whose_alt_text_is_a_file_name_is_a_problem() -> None:
    assert alt_problem(image(alt="other.PNG")) == FILE_NAME_ALT.format("play/shot.png", "other.PNG")
    assert alt_problem(image(alt="IMG_0001.HEIC")) == (
        FILE_NAME_ALT.format("play/shot.png", "IMG_0001.HEIC")
    )
    assert alt_problem(image(alt=" diagram.svg\n")) == (
        FILE_NAME_ALT.format("play/shot.png", "diagram.svg")
    )


def test_an_image_whose_alt_text_is_its_own_name_or_stem_is_a_problem() -> None:
    # A name with a space is no _FILE_NAME: only the comparison with its own name catches
    # it, in any case and however the words are spaced.
    uri = "play/my shot.png"
    assert alt_problem(image(uri, "My  Shot")) == FILE_NAME_ALT.format(uri, "My Shot")
    assert alt_problem(image(uri, "my\nshot.PNG")) == FILE_NAME_ALT.format(uri, "my shot.PNG")


def test_an_image_that_says_what_it_shows_is_no_problem() -> None:
    assert alt_problem(image(alt="The generator, showing four words")) is None
    # Naming the file within a description is a description.
    assert alt_problem(image(alt="A screenshot, shot.png")) is None
    assert alt_problem(image("play/my shot.png", "my shot, cropped")) is None
    assert alt_problem(image(uri=None, alt="A teal box")) is None


def test_each_problem_is_reported_at_its_images_line_or_its_paragraphs(logged: list) -> None:
    app = SimpleNamespace(env=SimpleNamespace(docname="play/tool"))
    document = new_document("play/tool.md")
    paragraph = nodes.paragraph()
    paragraph.line = 12
    # Inline images have no line of their own.
    paragraph += [image("play/inline.png"), image("play/fine.png", "A described picture")]
    block = image("play/block.png", "block")
    block.line = 20
    document += [paragraph, block, image("play/lost.png")]
    on_doctree_read(app, document)  # type: ignore[arg-type]
    assert logged == [
        ("WARNING", NO_ALT.format("play/inline.png"), ("play/tool", 12), "portfolio", "image"),
        (
            "WARNING",
            FILE_NAME_ALT.format("play/block.png", "block"),
            ("play/tool", 20),
            "portfolio",
            "image",
        ),
        ("WARNING", NO_ALT.format("play/lost.png"), ("play/tool", None), "portfolio", "image"),
    ]


# -- Reading a picture: upright, in sRGB, and nothing else --------------------------------


def noisy(path: Path, width: int, height: int, mode: str = "RGB") -> Path:
    """A noisy picture: WebP's encoder settings give it different bytes, unlike a flat one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    noise = Image.frombytes("L", (width, height), random.Random(7).randbytes(width * height))
    shade = Image.linear_gradient("L").resize((width, height))
    colour = Image.merge("RGB", (noise, shade, noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    if mode == "P":
        # Index 0 transparent: only a conversion to RGBA keeps it.
        colour.convert("P").save(path, transparency=0)
    elif mode == "RGB-key":
        # A colour key (PNG's tRNS): pure black is transparent.
        colour.putpixel((0, 0), (0, 0, 0))
        colour.save(path, transparency=(0, 0, 0))
    elif mode in ("RGBA", "LA"):
        translucent = colour.convert(mode)
        translucent.putalpha(128)
        translucent.save(path)
    else:
        colour.convert(mode).save(path)
    return path


#: Each orientation's turn undone: how a camera stores a picture it tags so.
STORED = {
    Image.Transpose.ROTATE_90: Image.Transpose.ROTATE_270,
    Image.Transpose.ROTATE_270: Image.Transpose.ROTATE_90,
}


def test_every_exif_orientation_is_turned_upright(tmp_path: Path) -> None:
    seen = {}
    for orientation in range(1, 9):
        turn = TURNS.get(orientation)
        picture = material.upright(60, 40)
        stored = picture if turn is None else picture.transpose(STORED.get(turn, turn))
        path = tmp_path / f"o{orientation}.jpg"
        stored.save(path, quality=95, exif=material.exif(orientation))
        frames = read(path, path.name)
        seen[orientation] = (frames.frames[0].size, material.corners(frames.frames[0]))
    assert seen == {orientation: ((60, 40), ("red", "blue")) for orientation in range(1, 9)}


def test_a_phone_photo_is_read_upright_with_nothing_of_its_metadata(tmp_path: Path) -> None:
    photo = read(material.phone_photo(tmp_path / "rack.jpg", 160, 120), "play/rack.jpg")
    assert (photo.format, photo.durations, photo.loop, photo.animated) == ("JPEG", [0], None, False)
    [frame] = photo.frames
    assert (frame.size, frame.mode, material.corners(frame)) == ((120, 160), "RGB", ("red", "blue"))
    assert frame.info == {} and dict(frame.getexif()) == {}


def test_an_iphone_heic_is_read_upright(tmp_path: Path) -> None:
    photo = read(material.heic(tmp_path / "iphone.heic", 160, 120), "play/iphone.heic")
    assert (photo.format, len(photo.frames), photo.frames[0].info) == ("HEIF", 1, {})
    assert (photo.frames[0].size, material.corners(photo.frames[0])) == (
        (120, 160),
        ("red", "blue"),
    )


def test_libheif_is_loaded_only_for_a_heif_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[str] = []
    monkeypatch.setattr(images, "open_heif", lambda: loaded.append("heif"))
    read(noisy(tmp_path / "shot.png", 20, 10), "shot.png")
    assert loaded == []
    read(material.heic(tmp_path / "iphone.HEIF", 40, 30), "iphone.HEIF")
    assert loaded == ["heif"]
    # Named as a JPEG, it still says what it is in its first box.
    (tmp_path / "iphone.jpg").write_bytes((tmp_path / "iphone.HEIF").read_bytes())
    assert read(tmp_path / "iphone.jpg", "iphone.jpg").format == "HEIF"
    assert loaded == ["heif", "heif"]
    monkeypatch.undo()
    images.open_heif.cache_clear()
    images.open_heif()
    assert Image.registered_extensions()[".heic"] == "HEIF"


@pytest.mark.parametrize("kind", ["GIF", "WEBP", "PNG"])
def test_an_animation_keeps_every_frame_its_duration_and_its_loop(
    tmp_path: Path, kind: str
) -> None:
    moving = read(material.animated(tmp_path / f"tool.{kind.lower()}", kind), "tool")
    assert (moving.format, moving.durations, moving.loop, moving.animated) == (
        kind,
        material.DURATIONS,
        0,
        True,
    )
    assert [material.corners(frame) for frame in moving.frames] == [("red", "blue")] * 4
    assert len({frame.tobytes() for frame in moving.frames}) == 4  # each its own
    assert all(frame.info == {} for frame in moving.frames)
    if kind != "GIF":  # lossless, but for GIF's palette
        expected = [frame.tobytes() for frame in material.frames()]
        assert [frame.convert("RGB").tobytes() for frame in moving.frames] == expected


def test_a_gif_without_a_loop_count_plays_once(tmp_path: Path) -> None:
    moving = material.frames(2)
    path = tmp_path / "once.gif"
    moving[0].save(path, save_all=True, append_images=moving[1:], duration=[100, 150])
    assert read(path, "once.gif").loop is None


def test_pages_and_companion_pictures_are_not_frames(tmp_path: Path) -> None:
    # A phone's MPO (the photo, then a depth map) and a TIFF of two pages: the first only.
    for name in ("depth.mpo.jpg", "pages.tif"):
        first, second = material.upright(40, 30), Image.new("RGB", (40, 30), "white")
        kind = "MPO" if "mpo" in name else "TIFF"
        first.save(tmp_path / name, kind, save_all=True, append_images=[second])
        with Image.open(tmp_path / name) as stored:
            assert (stored.format, stored.n_frames) == (kind, 2)
        picture = read(tmp_path / name, name)
        assert (len(picture.frames), material.corners(picture.frames[0])) == (1, ("red", "blue"))


def test_transparency_is_kept_and_other_modes_become_rgb(tmp_path: Path) -> None:
    modes = {}
    for mode in ("RGBA", "LA", "P", "RGB-key", "RGB", "L", "1"):
        source = noisy(tmp_path / f"{mode}.png", 40, 10, mode)
        modes[mode] = read(source, source.name).frames[0].mode
    assert modes == {
        "RGBA": "RGBA",
        "LA": "RGBA",
        "P": "RGBA",
        "RGB-key": "RGBA",
        "RGB": "RGB",
        "L": "RGB",
        "1": "RGB",
    }
    # The colour-keyed pixel stays see-through.
    assert read(tmp_path / "RGB-key.png", "key").frames[0].getpixel((0, 0))[3] == 0


def test_sixteen_bit_grey_is_scaled_to_eight_bits_not_clipped(tmp_path: Path) -> None:
    grey = Image.new("I;16", (3, 1))
    for x, value in enumerate((65535, 32768, 256)):
        grey.putpixel((x, 0), value)
    grey.save(tmp_path / "grey.png")
    frame = read(tmp_path / "grey.png", "grey.png").frames[0]
    assert [frame.getpixel((x, 0)) for x in range(3)] == [(255,) * 3, (128,) * 3, (1,) * 3]


def test_colours_are_converted_to_srgb_and_the_profile_dropped(tmp_path: Path) -> None:
    frame = read(material.tagged(tmp_path / "tagged.jpg"), "tagged.jpg").frames[0]
    assert material.corners(frame) == ("red", "blue") and frame.info == {}
    # Stored blue: under the swapped profile, it is red.
    assert frame.getpixel((5, 5))[0] > 150 > frame.getpixel((5, 5))[2]


def test_a_translucent_picture_keeps_its_alpha_through_its_profile(tmp_path: Path) -> None:
    r, g, b = material.upright(40, 20).split()
    alpha = Image.new("L", (40, 20), 100)
    Image.merge("RGBA", (b, g, r, alpha)).save(
        tmp_path / "glass.png", icc_profile=material.swapped_profile()
    )
    frame = read(tmp_path / "glass.png", "glass.png").frames[0]
    assert (frame.mode, frame.getpixel((0, 0))[3], material.corners(frame)) == (
        "RGBA",
        100,
        ("red", "blue"),
    )


def test_a_picture_already_in_srgb_is_not_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    material.upright(40, 20).save(tmp_path / "srgb.png", icc_profile=srgb)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("converted")

    monkeypatch.setattr(ImageCms, "profileToProfile", refuse)
    frame = read(tmp_path / "srgb.png", "srgb.png").frames[0]
    assert frame.tobytes() == material.upright(40, 20).tobytes() and frame.info == {}


def test_a_grey_or_cmyk_profile_is_applied_in_its_own_colour_space(tmp_path: Path) -> None:
    grey = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    Image.new("L", (4, 4), 128).save(tmp_path / "lab.png", icc_profile=grey)
    with pytest.raises(PictureError) as refused:
        read(tmp_path / "lab.png", "play/lab.png")
    assert str(refused.value) == (
        "picture 'play/lab.png' has a colour profile (ICC) the build cannot apply"
        " (KeyError('Lab ')); export it again in sRGB"
    )


def test_a_broken_colour_profile_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    material.upright(40, 20).save(tmp_path / "odd.png", icc_profile=b"not a profile")
    with pytest.raises(PictureError) as refused:
        read(tmp_path / "odd.png", "play/odd.png")
    assert str(refused.value) == (
        "picture 'play/odd.png' has a colour profile (ICC) the build cannot apply"
        " (OSError('cannot open profile from string')); export it again in sRGB"
    )


# -- A picture the build cannot publish ---------------------------------------------------


def refusal(source: Path, name: str = "play/bad.png") -> str:
    with pytest.raises(PictureError) as refused:
        read(source, name)
    return str(refused.value)


def test_a_picture_cut_short_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    whole = material.screenshot(tmp_path / "whole.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(whole[: len(whole) // 2])
    assert refusal(tmp_path / "cut.png") == (
        "picture 'play/bad.png' could not be read (image file is truncated): the file is"
        " damaged or cut short; export or download it again"
    )
    photo = material.phone_photo(tmp_path / "cut.jpg", 160, 120).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(photo[: len(photo) - 200])
    assert refusal(tmp_path / "cut.jpg").startswith(
        "picture 'play/bad.png' could not be read (image file is truncated ("
    )
    # A file the system cannot read at all.
    (tmp_path / "folder.png").mkdir()
    assert refusal(tmp_path / "folder.png") == (
        f"picture 'play/bad.png' could not be read ([Errno 21] Is a directory: "
        f"'{tmp_path / 'folder.png'}'): the file is damaged or cut short;"
        " export or download it again"
    )


def test_a_file_that_is_not_a_picture_is_refused_saying_what_it_looks_like(
    tmp_path: Path,
) -> None:
    page = tmp_path / "error.png"
    page.write_text("\n <!DOCTYPE html><html><head><title>404 Not Found</title></head>")
    assert refusal(page) == (
        "picture 'play/bad.png' is not a picture: it starts"
        " b'\\n <!DOCTYPE html><html><head><title>404 '"
        " (a web page saved under a picture's name?); download or export the picture again"
    )
    (tmp_path / "noise.jpg").write_bytes(b"\x00\x01\x02")
    assert refusal(tmp_path / "noise.jpg") == (
        "picture 'play/bad.png' is not a picture: it starts b'\\x00\\x01\\x02';"
        " download or export the picture again"
    )


def test_a_format_the_site_does_not_publish_is_refused_naming_it(tmp_path: Path) -> None:
    Image.new("RGB", (8, 8)).save(tmp_path / "scan.jp2")
    assert refusal(tmp_path / "scan.jp2") == (
        "picture 'play/bad.png' is in a format the site does not publish"
        f" (JPEG 2000 (ISO 15444));{FORMATS_FIX}"
    )
    # A picture Pillow reads, under a suffix no browser would be sent.
    Image.new("RGB", (8, 8)).save(tmp_path / "shot.pcx.bin", "PNG")
    assert refusal(tmp_path / "shot.pcx.bin") == (
        "picture 'play/bad.png' is in a format the site does not publish"
        f" (Portable network graphics);{FORMATS_FIX}"
    )
    # A PSD renamed .png is still a PSD: what is inside decides.
    Image.new("RGB", (8, 8)).save(tmp_path / "icon.png", "ICO")
    assert refusal(tmp_path / "icon.png") == (
        f"picture 'play/bad.png' is in a format the site does not publish (Windows Icon);{FORMATS_FIX}"
    )
    for name, kind in (("photo.JXL", ".jxl files"), ("raw", "suffix-less files")):
        (tmp_path / name).write_bytes(b"\xff\x0a" + bytes(40))
        assert refusal(tmp_path / name) == (
            f"picture 'play/bad.png' is in a format the site does not publish ({kind});{FORMATS_FIX}"
        )


def test_a_picture_over_the_pixel_limit_is_refused_saying_how_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert images.PIXEL_LIMIT == 100_000_000  # a 48-megapixel phone photo builds
    (tmp_path / "huge.png").write_bytes(material.png_header(10001, 10000))
    assert refusal(tmp_path / "huge.png") == (
        f"picture 'play/bad.png' is 10001×10000, 100.0 megapixels, over the limit of 100 megapixels{LARGE_FIX}"
    )
    (tmp_path / "edge.png").write_bytes(material.png_header(10000, 10000))  # at the limit: read on
    assert refusal(tmp_path / "edge.png").startswith("picture 'play/bad.png' could not be read")
    # Far over, Pillow refuses to open it at all (its decompression-bomb guard).
    (tmp_path / "bomb.png").write_bytes(material.png_header(20000, 20000))
    assert refusal(tmp_path / "bomb.png") == (
        f"picture 'play/bad.png' is 400.0 megapixels, over the limit of 100 megapixels{LARGE_FIX}"
    )
    # Megapixels to one decimal, of a million pixels each: 10,050,005 is 10.1.
    monkeypatch.setattr(images, "PIXEL_LIMIT", 10_000_000)
    (tmp_path / "tall.png").write_bytes(material.png_header(5, 2_010_001))
    assert refusal(tmp_path / "tall.png").startswith(
        "picture 'play/bad.png' is 5×2010001, 10.1 megapixels, over the limit of 10 megapixels"
    )
    # Every frame counts.
    monkeypatch.setattr(images, "PIXEL_LIMIT", 4 * 240 * 160 - 1)
    gif = material.animated(tmp_path / "tool.gif", "GIF")
    assert refusal(gif) == (
        "picture 'play/bad.png' is 240×160 in 4 frames, 0.2 megapixels, over the limit"
        f" of 0 megapixels{LARGE_FIX}"
    )
    monkeypatch.setattr(images, "PIXEL_LIMIT", 4 * 240 * 160)
    assert len(read(gif, "tool.gif").frames) == 4


# -- What the build makes of a picture ----------------------------------------------------


def key(source: Path) -> str:
    return hashlib.sha256(RECIPE.encode() + source.read_bytes()).hexdigest()[:16]


def opened(path: Path) -> tuple[str | None, tuple[int, int], str, int]:
    with Image.open(path) as made:
        return made.format, made.size, made.mode, getattr(made, "n_frames", 1)


def webp(frame: Image.Image, width: int, height: int) -> bytes:
    out = io.BytesIO()
    scaled = frame.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    scaled.save(out, "WEBP", quality=80, method=6)
    return out.getvalue()


def test_widths_are_those_below_the_picture_and_its_own_or_the_widest() -> None:
    assert widths(1200) == [320, 480, 768, 1152, 1200]
    assert widths(2000) == [320, 480, 768, 1152, 1536]
    assert widths(1536) == [320, 480, 768, 1152, 1536]
    assert widths(480) == [320, 480]
    assert widths(100) == [100]


def test_a_photo_gets_a_jpeg_full_size_copy_and_webp_candidates(tmp_path: Path) -> None:
    source = material.phone_photo(tmp_path / "src" / "my rack (1).jpg", 1000, 500)
    cache = tmp_path / "cache"
    picture = publish(source, "play/my rack (1).jpg", cache, candidates=True)
    base = cache / f"my-rack-1-{key(source)}"
    sizes = [(w, round(1000 * w / 500)) for w in (320, 480)] + [(500, 1000)]
    assert picture == Picture(
        (500, 1000),
        base.with_name(base.name + ".jpg"),
        None,
        tuple((base.with_name(f"{base.name}-{w}.webp"), w) for w, _ in sizes),
        (),
    )
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        [f"{base.name}.jpg", f"{base.name}.json"] + [f"{base.name}-{w}.webp" for w, _ in sizes]
    )
    assert json.loads(base.with_suffix(".json").read_text(encoding="utf-8")) == {
        "size": [500, 1000],
        "full": f"{base.name}.jpg",
        "still": None,
    }
    upright = read(source, "rack").frames[0]
    full = io.BytesIO()
    upright.save(full, "JPEG", quality=90)
    assert picture.full.read_bytes() == full.getvalue()
    for (path, width), (_, height) in zip(picture.candidates, sizes, strict=True):
        assert path.read_bytes() == webp(upright, width, height), width
        assert opened(path) == ("WEBP", (width, height), "RGB", 1)


def test_a_book_or_paper_gets_the_full_copy_alone(tmp_path: Path) -> None:
    source = noisy(tmp_path / "shot.png", 400, 20)
    picture = publish(source, "shot.png", tmp_path / "cache", candidates=False)
    base = f"shot-{key(source)}"
    assert picture == Picture((400, 20), tmp_path / "cache" / f"{base}.png")
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [f"{base}.json", f"{base}.png"]
    with Image.open(source) as original:
        expected = io.BytesIO()
        original.convert("RGB").save(expected, "PNG")
    assert picture.full.read_bytes() == expected.getvalue()
    # The same picture for a web site later: its candidates are added, nothing remade.
    stamp = picture.full.stat().st_mtime_ns
    again = publish(source, "shot.png", tmp_path / "cache", candidates=True)
    assert [width for _, width in again.candidates] == [320, 400]
    assert picture.full.stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    ("kind", "suffix", "loop"), [("GIF", ".gif", 0), ("WEBP", ".webp", 0), ("PNG", ".png", 0)]
)
def test_an_animation_gets_moving_candidates_stills_and_a_still_frame(
    tmp_path: Path, kind: str, suffix: str, loop: int
) -> None:
    source = material.animated(tmp_path / f"tool.{kind.lower()}", kind)
    picture = publish(source, "tool", tmp_path / "cache", candidates=True)
    base = tmp_path / "cache" / f"tool-{key(source)}"
    assert picture == Picture(
        (240, 160),
        base.with_name(base.name + suffix),
        base.with_name(f"{base.name}-still.png"),
        ((base.with_name(f"{base.name}-240.webp"), 240),),
        ((base.with_name(f"{base.name}-240-still.webp"), 240),),
    )
    assert opened(picture.full)[::3] == (kind, 4)
    assert opened(picture.still)[::3] == ("PNG", 1)  # type: ignore[arg-type]
    assert opened(picture.candidates[0][0])[::3] == ("WEBP", 4)
    assert opened(picture.stills[0][0])[::3] == ("WEBP", 1)
    for moving in (picture.full, picture.candidates[0][0]):
        with Image.open(moving) as made:
            durations = []
            for index in range(made.n_frames):
                made.seek(index)
                made.load()
                durations.append(made.info["duration"])
            assert (durations, made.info["loop"]) == (material.DURATIONS, loop), moving.name
    first = read(source, "tool").frames[0]
    assert picture.stills[0][0].read_bytes() == webp(first, 240, 160)
    with Image.open(picture.still) as still:  # type: ignore[arg-type]
        assert still.convert(first.mode).tobytes() == first.tobytes()


def test_an_animation_that_plays_once_still_plays_once(tmp_path: Path) -> None:
    moving = material.frames(2)
    source = tmp_path / "once.gif"
    moving[0].save(source, save_all=True, append_images=moving[1:], duration=[100, 150])
    picture = publish(source, "once.gif", tmp_path / "cache", candidates=True)
    with Image.open(picture.full) as full, Image.open(picture.candidates[0][0]) as candidate:
        # GIF writes no count; WebP has no "no count", and 1 plays once.
        assert ("loop" in full.info, candidate.info["loop"]) == (False, 1)
    looped = tmp_path / "thrice.gif"
    moving[0].save(looped, save_all=True, append_images=moving[1:], duration=[100, 150], loop=3)
    picture = publish(looped, "thrice.gif", tmp_path / "cache", candidates=True)
    with Image.open(picture.full) as full, Image.open(picture.candidates[0][0]) as candidate:
        assert (full.info["loop"], candidate.info["loop"]) == (3, 3)


def test_the_full_copy_is_a_jpeg_for_photos_and_a_png_for_the_rest(tmp_path: Path) -> None:
    made = {}
    cases = {
        "photo.jpg": ("JPEG", "RGB"),
        "photo.heic": ("HEIF", "RGB"),
        "photo.avif": ("AVIF", "RGB"),
        "clear.avif": ("AVIF", "RGBA"),
        "shot.png": ("PNG", "RGB"),
        "shot.webp": ("WEBP", "RGB"),
        "shot.gif": ("GIF", "RGB"),
        "shot.bmp": ("BMP", "RGB"),
        "shot.tiff": ("TIFF", "RGB"),
    }
    for name, (kind, mode) in cases.items():
        picture = material.upright(40, 30).convert(mode)
        if mode == "RGBA":
            picture.putalpha(128)
        picture.save(tmp_path / name, kind)
        picture = publish(tmp_path / name, name, tmp_path / "cache", candidates=False)
        made[name] = (picture.full.suffix, opened(picture.full)[0])
    assert made == {
        "photo.jpg": (".jpg", "JPEG"),
        "photo.heic": (".jpg", "JPEG"),
        "photo.avif": (".jpg", "JPEG"),
        "clear.avif": (".png", "PNG"),
        "shot.png": (".png", "PNG"),
        "shot.webp": (".png", "PNG"),
        "shot.gif": (".png", "PNG"),
        "shot.bmp": (".png", "PNG"),
        "shot.tiff": (".png", "PNG"),
    }


def test_nothing_in_the_cache_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = material.animated(tmp_path / "tool.gif", "GIF")
    cache = tmp_path / "cache"
    first = publish(source, "tool.gif", cache, candidates=True)
    stamps = {path: path.stat().st_mtime_ns for path in cache.iterdir()}

    def refuse(*args: Any) -> Frames:
        raise AssertionError("read again")

    monkeypatch.setattr(images, "read", refuse)
    assert publish(source, "tool.gif", cache, candidates=True) == first
    assert {path: path.stat().st_mtime_ns for path in cache.iterdir()} == stamps
    monkeypatch.undo()
    # A file gone (a stopped build, a hand): it alone is made again.
    for gone in (first.candidates[0][0], first.stills[0][0]):
        gone.unlink()
        assert publish(source, "tool.gif", cache, candidates=True) == first
        now = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
        assert {p: s for p, s in now.items() if p != gone} == {
            p: s for p, s in stamps.items() if p != gone
        }
        stamps = now
    # The full copy or the still frame gone: both made again, and the manifest.
    for gone in (first.full, first.still):
        gone.unlink()  # type: ignore[union-attr]
        assert publish(source, "tool.gif", cache, candidates=True) == first
        assert gone.is_file()  # type: ignore[union-attr]


def test_a_changed_picture_or_recipe_gets_new_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = noisy(tmp_path / "shot.png", 200, 10)
    first = publish(source, "shot.png", tmp_path / "cache", candidates=True)
    noisy(source, 200, 10, "L")
    second = publish(source, "shot.png", tmp_path / "cache", candidates=True)
    assert first.full != second.full and first.full.is_file()
    monkeypatch.setattr(images, "RECIPE", "another")
    third = publish(source, "shot.png", tmp_path / "cache", candidates=False)
    assert (
        third.full.name
        == f"shot-{hashlib.sha256(b'another' + source.read_bytes()).hexdigest()[:16]}.png"
    )


def test_a_broken_picture_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    whole = material.screenshot(tmp_path / "whole.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(whole[:2000])
    with pytest.raises(PictureError):
        publish(tmp_path / "cut.png", "cut.png", tmp_path / "cache", candidates=True)
    assert not (tmp_path / "cache").exists()


def test_a_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "made.png"
    write(target, lambda path: path.write_bytes(b"whole"))
    assert target.read_bytes() == b"whole"
    assert [p.name for p in target.parent.iterdir()] == ["made.png"]

    def interrupted(path: Path) -> None:
        path.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write(target, interrupted)
    assert target.read_bytes() == b"whole"
    assert [p.name for p in target.parent.iterdir()] == ["made.png"]
    seen = []
    write(tmp_path / "other.webp", lambda path: seen.append(path.name) or path.write_bytes(b""))
    assert seen == [f"other.webp.{__import__('os').getpid()}.tmp"]


# -- Which file each builder publishes ------------------------------------------------------


def with_candidates(candidates: dict[str, str]) -> nodes.image:
    node = image("play/shot.png", "A shot")
    node["candidates"] = candidates
    return node


def test_the_file_a_builder_would_take_is_the_one_made_anew() -> None:
    html = StandaloneHTMLBuilder.supported_image_types
    latex = LaTeXBuilder.supported_image_types
    assert source_of(with_candidates({"*": "play/shot.png"}), html) == "play/shot.png"
    # Sphinx fetched a remote picture for a book: that file too.
    assert source_of(with_candidates({"image/png": "/d/images/x.png"}), latex) == "/d/images/x.png"
    # A picture given as "shot.*": the builder's first choice, else the first found.
    found = {"image/gif": "play/shot.gif", "image/png": "play/shot.png"}
    assert source_of(with_candidates(found), latex) == "play/shot.png"
    assert source_of(with_candidates(found), html) == "play/shot.png"
    assert source_of(with_candidates({"image/x-xcf": "play/shot.xcf"}), html) == "play/shot.xcf"
    assert (
        source_of(with_candidates({"image/svg+xml": "a.svg", "image/png": "a.png"}), latex)
        == "a.png"
    )


def test_remote_vector_and_video_files_are_left_as_they_are() -> None:
    html = StandaloneHTMLBuilder.supported_image_types
    for candidates in (
        {"?": "https://example.org/a.png"},
        {"image/svg+xml": "a.svg", "image/png": "a.png"},
        {"*": "play/box.SVG"},
        {"*": "play/box.svgz"},
        {"*": "play/print.pdf"},
        {"*": "play/demo.mp4"},
        {"*": "play/demo.webm"},
        {"*": "play/demo.ogg"},
        {"*": "play/demo.ogv"},
        {},
    ):
        assert source_of(with_candidates(candidates), html) is None, candidates
    assert source_of(image(), html) is None  # collected by no one


def test_each_builder_publishes_the_full_copy_or_the_first_frame() -> None:
    still = Picture((1, 1), Path("c/p.jpg"))
    gif = Picture((1, 1), Path("c/t.gif"), Path("c/t-still.png"))
    apng = Picture((1, 1), Path("c/t.png"), Path("c/t-still.png"))
    moving_webp = Picture((1, 1), Path("c/t.webp"), Path("c/t-still.png"))
    builders = (StandaloneHTMLBuilder, SingleFileHTMLBuilder, Epub3Builder, LaTeXBuilder)
    assert [[shown(p, b).name for b in builders] for p in (still, gif, apng, moving_webp)] == [
        ["p.jpg", "p.jpg", "p.jpg", "p.jpg"],
        ["t.gif", "t.gif", "t.gif", "t-still.png"],  # LaTeX cannot animate
        ["t.png", "t.png", "t.png", "t-still.png"],
        ["t.webp", "t.webp", "t-still.png", "t-still.png"],  # EPUB has no WebP
    ]


# -- The post-transform that points each picture at the build's copy ----------------------


def transformed(
    tmp_path: Path, builder: type, *nodes_: nodes.image, docname: str = "play/tool"
) -> SimpleNamespace:
    """Run :class:`PublishedPictures` over a page holding ``nodes_``; the environment."""
    env = SimpleNamespace(
        _builder_cls=builder,
        current_document=SimpleNamespace(docname=docname),
        srcdir=tmp_path / "src",
        doctreedir=tmp_path / "doctrees",
        images=FilenameUniqDict(),
        original_image_uri={},
    )
    document = new_document("play/tool.md")
    document.settings.env = env
    paragraph = nodes.paragraph()
    paragraph.line = 9
    paragraph += nodes_
    document += paragraph
    PublishedPictures(document).run()
    return env


def collected(uri: str) -> nodes.image:
    node = image(uri, "A picture")
    node["candidates"] = {"*": uri}
    return node


def test_every_picture_points_at_the_builds_copy(tmp_path: Path) -> None:
    material.phone_photo(tmp_path / "src" / "play" / "rack.jpg", 160, 120)
    material.animated(tmp_path / "src" / "play" / "tool.gif", "GIF")
    (tmp_path / "src" / "play" / "box.svg").write_text("<svg/>")
    rack, tool, box, gone = (
        collected(f"play/{name}") for name in ("rack.jpg", "tool.gif", "box.svg", "gone.png")
    )
    env = transformed(tmp_path, StandaloneHTMLBuilder, rack, tool, box, gone)
    cache = tmp_path / "doctrees" / "portfolio-images"
    rack_key, tool_key = (key(tmp_path / "src" / "play" / n) for n in ("rack.jpg", "tool.gif"))
    full = {
        "rack": str(cache / f"rack-{rack_key}.jpg"),
        "tool": str(cache / f"tool-{tool_key}.gif"),
    }
    assert (rack["uri"], rack["candidates"]) == (full["rack"], {"*": full["rack"]})
    assert (tool["uri"], tool["candidates"]) == (full["tool"], {"*": full["tool"]})
    assert dict(env.images) == {
        full["rack"]: ({"play/tool"}, f"rack-{rack_key}.jpg"),
        full["tool"]: ({"play/tool"}, f"tool-{tool_key}.gif"),
    }
    assert env.original_image_uri == {
        Path(full["rack"]): "play/rack.jpg",
        Path(full["tool"]): "play/tool.gif",
    }
    assert rack[PICTURE].size == (120, 160) and rack[PICTURE].stills == ()
    assert tool[PICTURE].stills == ((cache / f"tool-{tool_key}-240-still.webp", 240),)
    # A drawing, and a file Sphinx has already said is missing, are left alone.
    assert (box["uri"], box["candidates"], PICTURE in box) == (
        "play/box.svg",
        {"*": "play/box.svg"},
        False,
    )
    assert (gone["uri"], PICTURE in gone) == ("play/gone.png", False)


def test_books_and_paper_get_their_copy_without_candidates(tmp_path: Path) -> None:
    material.animated(tmp_path / "src" / "play" / "tool.gif", "GIF")
    cache = tmp_path / "doctrees" / "portfolio-images"
    tool_key = key(tmp_path / "src" / "play" / "tool.gif")
    made = {}
    for builder in (Epub3Builder, LaTeXBuilder, SingleFileHTMLBuilder):
        node = collected("play/tool.gif")
        transformed(tmp_path, builder, node)
        made[builder.name] = (node["uri"], PICTURE in node)
    assert made == {
        "epub": (str(cache / f"tool-{tool_key}.gif"), False),
        "latex": (str(cache / f"tool-{tool_key}-still.png"), False),
        "singlehtml": (str(cache / f"tool-{tool_key}.gif"), False),
    }
    assert not list(cache.glob("*.webp"))  # no candidates for any of them


def test_a_picture_that_cannot_be_published_is_reported_and_publishes_nothing(
    tmp_path: Path, logged: list
) -> None:
    (tmp_path / "src" / "play").mkdir(parents=True)
    (tmp_path / "src" / "play" / "error.png").write_text("<html>")
    node = collected("play/error.png")
    env = transformed(tmp_path, StandaloneHTMLBuilder, node, docname="play/broken")
    assert logged == [
        (
            "WARNING",
            "picture 'play/error.png' is not a picture: it starts b'<html>' (a web page saved"
            " under a picture's name?); download or export the picture again",
            ("play/broken", 9),
            "portfolio",
            "image",
        )
    ]
    # No builder copies the author's file: the node names it as a link it leaves alone.
    assert (node["uri"], node["candidates"], PICTURE in node) == (
        "play/error.png",
        {"?": "play/error.png"},
        False,
    )
    assert dict(env.images) == {}


def test_what_an_older_build_copied_of_an_authors_picture_is_removed(tmp_path: Path) -> None:
    images_ = FilenameUniqDict()
    for source in ("play/rack.jpg", "play/box.svg", "play/gone.png", "play/shot.png"):
        images_.add_file("play/tool", source)
    folder = tmp_path / "html" / "_images"
    folder.mkdir(parents=True)
    for name in ("rack.jpg", "box.svg", "shot.png", "shot-0123456789abcdef.png", "other.gif"):
        (folder / name).write_bytes(b"x")
    builder = SimpleNamespace(outdir=tmp_path / "html", imagedir="_images")
    builder.env = SimpleNamespace(images=images_)
    on_write_started(None, builder)  # type: ignore[arg-type]
    # Drawings stay (they are published as they are), and the build's own copies.
    assert sorted(p.name for p in folder.iterdir()) == [
        "box.svg",
        "other.gif",
        "shot-0123456789abcdef.png",
    ]
    # LaTeX keeps its pictures in its output folder itself.
    (tmp_path / "latex").mkdir()
    (tmp_path / "latex" / "rack.jpg").write_bytes(b"x")
    on_write_started(None, SimpleNamespace(outdir=tmp_path / "latex", imagedir="", env=builder.env))  # type: ignore[arg-type]
    assert list((tmp_path / "latex").iterdir()) == []


# -- The <img> of an HTML page ----------------------------------------------------------


def translator(tmp_path: Path, builder: str = "html", **copied: str) -> HTML5Translator:
    """Sphinx's HTML5 translator for play/tool, with the images Sphinx would copy."""
    stand_in = SimpleNamespace(
        name=builder,
        srcdir=tmp_path / "src",
        doctreedir=tmp_path / "doctrees",
        outdir=tmp_path / "html",
        imagedir="_images",
        imgpath="../_images",
        images=copied,
        config=SimpleNamespace(html_secnumber_suffix=". "),
        env=SimpleNamespace(domains=None),
        highlighter=None,
        current_docname="play/tool",
    )
    document = new_document("play/tool", get_default_settings(html5_polyglot.Writer))
    return HTML5Translator(document, stand_in)  # type: ignore[arg-type]


def visited(translator: HTML5Translator, node: nodes.image) -> str:
    """What visiting and departing the image add to the page."""
    start = len(translator.body)
    ResponsiveImages.visit(translator, node)
    ResponsiveImages.depart(translator, node)
    return "".join(translator.body[start:])


def made(tmp_path: Path, name: str, *widths_: int, moving: bool = False) -> Picture:
    """A picture as :func:`publish` gives it, its files in the cache."""
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    stem = name.split(".")[0]
    files = [(cache / f"{stem}-{w}.webp", w) for w in widths_]
    stills = [(cache / f"{stem}-{w}-still.webp", w) for w in widths_] if moving else []
    for path, width in files + stills:
        path.write_bytes(b"w" * width)
    still = cache / f"{stem}-still.png" if moving else None
    return Picture((widths_[-1], 10), cache / name, still, tuple(files), tuple(stills))


def in_paragraph(*children: nodes.Node) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += children
    return paragraph


def pictured(picture: Picture, alt: str = "A shot") -> nodes.image:
    node = image(str(picture.full), alt)
    node[PICTURE] = picture
    in_paragraph(node)
    return node


def test_a_picture_gets_its_candidates_size_and_a_link_to_its_full_copy(tmp_path: Path) -> None:
    picture = made(tmp_path, "shot-k.png", 320, 400)
    page = translator(tmp_path, **{str(picture.full): "shot-k.png"})
    page.body.append("<p>")
    ResponsiveImages.visit(page, pictured(picture, "A <b> shot"))
    assert page.body == [
        "<p>",
        '<a class="reference image-reference" href="../_images/shot-k.png">'
        '<img srcset="../_images/shot-k-320.webp 320w, ../_images/shot-k-400.webp 400w"'
        ' sizes="(max-width: 46em) 100vw, 46em" width="400" height="10" decoding="async"'
        ' alt="A &lt;b&gt; shot" src="../_images/shot-k.png" /></a>',
    ]
    # Copied into the site from the cache.
    assert sorted(p.name for p in (tmp_path / "html" / "_images").iterdir()) == [
        "shot-k-320.webp",
        "shot-k-400.webp",
    ]


def test_an_animation_moves_unless_the_reader_asks_for_reduced_motion(tmp_path: Path) -> None:
    picture = made(tmp_path, "tool-k.gif", 240, moving=True)
    page = translator(tmp_path, **{str(picture.full): "tool-k.gif"})
    assert visited(page, pictured(picture, "The tool")) == (
        '<a class="reference image-reference" href="../_images/tool-k.gif"><picture>'
        '<source media="(prefers-reduced-motion: no-preference)"'
        ' srcset="../_images/tool-k-240.webp 240w" sizes="(max-width: 46em) 100vw, 46em" />'
        '<img srcset="../_images/tool-k-240-still.webp 240w" sizes="(max-width: 46em) 100vw, 46em"'
        ' width="240" height="10" decoding="async" alt="The tool" src="../_images/tool-k.gif" />'
        "</picture></a>"
    )
    assert sorted(p.name for p in (tmp_path / "html" / "_images").iterdir()) == [
        "tool-k-240-still.webp",
        "tool-k-240.webp",
    ]


def test_every_picture_after_the_first_loads_lazily(tmp_path: Path) -> None:
    picture = made(tmp_path, "shot-k.png", 100)
    page = translator(tmp_path, **{str(picture.full): "shot-k.png"})
    tags = [visited(page, pictured(picture, alt)) for alt in ("First", "Second", "Third")]
    common = 'srcset="../_images/shot-k-100.webp 100w" sizes="(max-width: 46em) 100vw, 46em"'
    assert [tag.partition("<img ")[2].partition(" alt=")[0] for tag in tags] == [
        f'{common} width="100" height="10" decoding="async"',
        f'{common} width="100" height="10" decoding="async" loading="lazy"',
        f'{common} width="100" height="10" decoding="async" loading="lazy"',
    ]


def test_an_authors_own_lazy_loading_is_not_doubled(tmp_path: Path) -> None:
    picture = made(tmp_path, "shot-k.png", 100)
    page = translator(tmp_path, **{str(picture.full): "shot-k.png"})
    tags = []
    for loading in ("lazy", "lazy", "link"):
        node = pictured(picture)
        node["loading"] = loading  # the image directive's :loading: option
        tags.append(visited(page, node))
    # The first as she asked, the second once, the third as any picture after the first.
    assert [tag.count('loading="lazy"') for tag in tags] == [1, 1, 1]


def test_a_picture_that_is_already_a_link_keeps_its_own(tmp_path: Path) -> None:
    picture = made(tmp_path, "shot-k.png", 100)
    page = translator(tmp_path, **{str(picture.full): "shot-k.png"})
    node = image(str(picture.full), "A shot")
    node[PICTURE] = picture
    in_paragraph(nodes.reference("", "", node, refuri="https://example.org/"))
    assert visited(page, node) == (
        '<img srcset="../_images/shot-k-100.webp 100w" sizes="(max-width: 46em) 100vw, 46em"'
        ' width="100" height="10" decoding="async" alt="A shot" src="../_images/shot-k.png" />'
    )


def test_pictures_without_candidates_are_left_as_sphinx_writes_them(tmp_path: Path) -> None:
    picture = made(tmp_path, "shot-k.png", 100)
    full = str(picture.full)
    cases = [
        ("epub", pictured(picture), {full: "shot-k.png"}, "../_images/shot-k.png"),  # a book
        ("html", pictured(picture), {}, full),  # not among the images Sphinx copies
        (
            "html",
            in_paragraph(image("play/box.svg", "A shot"))[0],
            {"play/box.svg": "box.svg"},
            "../_images/box.svg",
        ),
    ]
    for builder, node, copied, src in cases:
        page = translator(tmp_path, builder, **copied)
        assert visited(page, node) == f'<img alt="A shot" src="{src}" />', builder
    assert not (tmp_path / "html").exists()


def test_install_copies_a_candidate_into_the_site(tmp_path: Path) -> None:
    cached = tmp_path / "cache" / "shot-0123-320.webp"
    cached.parent.mkdir()
    cached.write_bytes(b"webp bytes")
    folder = tmp_path / "html" / "_images"
    install(cached, folder)
    assert (folder / cached.name).read_bytes() == b"webp bytes"
    # A file of another size (an interrupted copy) is replaced.
    (folder / cached.name).write_bytes(b"webp")
    install(cached, folder)
    assert (folder / cached.name).read_bytes() == b"webp bytes"


def test_install_leaves_a_copy_of_the_same_size_alone(tmp_path: Path) -> None:
    # The name carries the content's hash: the same name and size is the same file.
    cached = tmp_path / "shot-0123-320.webp"
    cached.write_bytes(b"webp bytes")
    target = tmp_path / "_images" / cached.name
    target.parent.mkdir()
    target.write_bytes(b"same  size")
    install(cached, target.parent)
    assert target.read_bytes() == b"same  size"


def test_the_extension_checks_pictures_publishes_them_and_writes_their_tags() -> None:
    app = Calls()
    metadata: Any = setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("connect", ("doctree-read", on_doctree_read), {}),
        ("add_post_transform", (PublishedPictures,), {}),
        ("connect", ("write-started", on_write_started), {}),
        (
            "add_node",
            (nodes.image,),
            {"override": True, "html": (ResponsiveImages.visit, ResponsiveImages.depart)},
        ),
    ]
    assert metadata == {"parallel_read_safe": True, "parallel_write_safe": True}
    # After Sphinx fetches remote pictures (100) and writes out data: URIs (150);
    # before ImageConverter (200).
    assert PublishedPictures.default_priority == 190
