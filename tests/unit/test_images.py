"""Pictures in write-ups, without a build: the alt-text rule and where it reports, the
WebP candidates and their cache, the copy into the site, and the ``<img>`` an HTML
page gets. Tiny images made with Pillow in a temporary folder; Sphinx's own HTML
translator over a stand-in builder."""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers import html5_polyglot
from PIL import Image
from sphinx.writers.html5 import HTML5Translator

from portfolio.images import (
    ResponsiveImages,
    alt_problem,
    candidates,
    install,
    on_doctree_read,
    setup,
)

from .helpers import Calls

NO_ALT = "image '{}' has no alt text; add ':alt:' saying what the picture shows"
FILE_NAME_ALT = (
    "image '{}' has its file name as alt text ({!r}); write what the picture shows instead"
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


# -- Candidates ---------------------------------------------------------------------------


def picture(path: Path, width: int, height: int, mode: str = "RGB") -> Path:
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


def key(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()[:16]


def opened(path: Path) -> tuple[str | None, tuple[int, int], str]:
    with Image.open(path) as candidate:
        return candidate.format, candidate.size, candidate.mode


def test_candidates_are_webp_at_each_width_below_the_source_and_its_own(tmp_path: Path) -> None:
    source = picture(tmp_path / "shot.png", 1200, 30)
    cache = tmp_path / "doctrees" / "portfolio-images"
    size, made = candidates(source, cache)
    assert size == (1200, 30)
    widths = [320, 480, 768, 1152, 1200]
    assert made == [(cache / f"shot-{key(source)}-{width}.webp", width) for width in widths]
    # Heights keep the proportions, rounded: 7.68 px is 8.
    assert [opened(path) for path, _ in made] == [
        ("WEBP", (320, 8), "RGB"),
        ("WEBP", (480, 12), "RGB"),
        ("WEBP", (768, 19), "RGB"),
        ("WEBP", (1152, 29), "RGB"),
        ("WEBP", (1200, 30), "RGB"),
    ]
    # Each encoded whole into place, no partial file left behind.
    assert sorted(cache.iterdir()) == sorted(path for path, _ in made)


def test_no_candidate_is_wider_than_the_widest_width_or_the_source(tmp_path: Path) -> None:
    wide = picture(tmp_path / "wide.png", 2000, 20)
    size, made = candidates(wide, tmp_path / "cache")
    assert (size, [width for _, width in made]) == ((2000, 20), [320, 480, 768, 1152, 1536])
    assert opened(made[-1][0]) == ("WEBP", (1536, 15), "RGB")
    small = picture(tmp_path / "small.jpg", 100, 40)
    size, made = candidates(small, tmp_path / "cache")
    assert (size, made) == ((100, 40), [(tmp_path / "cache" / f"small-{key(small)}-100.webp", 100)])
    assert opened(made[0][0]) == ("WEBP", (100, 40), "RGB")


def test_a_candidate_is_the_rgb_picture_scaled_with_lanczos_and_encoded_slowly_at_80(
    tmp_path: Path,
) -> None:
    # A black-and-white scan too: scaled as it is, its pixels would be dropped, not blended.
    for mode in ("RGB", "1"):
        source = picture(tmp_path / f"{mode}.png", 400, 20, mode)
        _, made = candidates(source, tmp_path / "cache")
        with Image.open(source) as original:
            frame = original.convert("RGB").resize((320, 16), Image.Resampling.LANCZOS)
        expected = io.BytesIO()
        frame.save(expected, "WEBP", quality=80, method=6)
        assert made[0] == (tmp_path / "cache" / f"{mode}-{key(source)}-320.webp", 320)
        assert made[0][0].read_bytes() == expected.getvalue(), mode


def test_transparency_is_kept_and_other_modes_become_rgb(tmp_path: Path) -> None:
    modes = {}
    for mode in ("RGBA", "LA", "P", "RGB-key", "RGB", "L"):
        source = picture(tmp_path / f"{mode}.png", 40, 10, mode)
        _, made = candidates(source, tmp_path / "cache")
        modes[mode] = opened(made[0][0])[2]
    assert modes == {
        "RGBA": "RGBA",
        "LA": "RGBA",
        "P": "RGBA",
        "RGB-key": "RGBA",
        "RGB": "RGB",
        "L": "RGB",
    }
    # The colour-keyed pixel stays see-through.
    with Image.open(candidates(tmp_path / "RGB-key.png", tmp_path / "cache")[1][0][0]) as keyed:
        assert keyed.getpixel((0, 0))[3] == 0


def test_candidates_in_the_cache_are_not_encoded_again(tmp_path: Path) -> None:
    source = picture(tmp_path / "shot.png", 400, 10)
    cache = tmp_path / "cache"
    # One candidate there already (an earlier build's): only the other is encoded.
    cache.mkdir()
    earlier = cache / f"shot-{key(source)}-320.webp"
    earlier.write_bytes(b"encoded before")
    _, made = candidates(source, cache)
    assert made == [(earlier, 320), (cache / f"shot-{key(source)}-400.webp", 400)]
    assert earlier.read_bytes() == b"encoded before"
    assert opened(made[1][0]) == ("WEBP", (400, 10), "RGB")
    stamps = {path: path.stat().st_mtime_ns for path, _ in made}
    assert candidates(source, cache) == ((400, 10), made)
    assert {path: path.stat().st_mtime_ns for path, _ in made} == stamps


def test_a_changed_source_gets_new_candidates(tmp_path: Path) -> None:
    source = picture(tmp_path / "shot.png", 200, 10)
    _, first = candidates(source, tmp_path / "cache")
    picture(source, 200, 10, "L")
    _, second = candidates(source, tmp_path / "cache")
    assert second == [(tmp_path / "cache" / f"shot-{key(source)}-200.webp", 200)]
    assert first != second and first[0][0].is_file()


def test_install_copies_a_candidate_into_the_site(tmp_path: Path) -> None:
    cached = tmp_path / "cache" / "shot-0123-320.webp"
    cached.parent.mkdir()
    cached.write_bytes(b"webp bytes")
    images = tmp_path / "html" / "_images"
    install(cached, images)
    assert (images / cached.name).read_bytes() == b"webp bytes"
    # A file of another size (an interrupted copy) is replaced.
    (images / cached.name).write_bytes(b"webp")
    install(cached, images)
    assert (images / cached.name).read_bytes() == b"webp bytes"


def test_install_leaves_a_copy_of_the_same_size_alone(tmp_path: Path) -> None:
    # The name carries the content's hash: the same name and size is the same file.
    cached = tmp_path / "shot-0123-320.webp"
    cached.write_bytes(b"webp bytes")
    target = tmp_path / "_images" / cached.name
    target.parent.mkdir()
    target.write_bytes(b"same  size")
    install(cached, target.parent)
    assert target.read_bytes() == b"same  size"


# -- The <img> of an HTML page ----------------------------------------------------------


def translator(tmp_path: Path, builder: str = "html", **images: str) -> HTML5Translator:
    """Sphinx's HTML5 translator for play/tool, with the images Sphinx would copy."""
    stand_in = SimpleNamespace(
        name=builder,
        srcdir=tmp_path / "src",
        doctreedir=tmp_path / "doctrees",
        outdir=tmp_path / "html",
        imagedir="_images",
        imgpath="../_images",
        images={f"play/{name}": copied for name, copied in images.items()},
        config=SimpleNamespace(html_secnumber_suffix=". "),
        env=SimpleNamespace(domains=None),
        highlighter=None,
        current_docname="play/tool",
    )
    document = new_document("play/tool", get_default_settings(html5_polyglot.Writer))
    return HTML5Translator(document, stand_in)  # type: ignore[arg-type]


def in_paragraph(*children: nodes.Node) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += children
    return paragraph


def visited(translator: HTML5Translator, node: nodes.image) -> str:
    """What visiting and departing the image add to the page."""
    start = len(translator.body)
    ResponsiveImages.visit(translator, node)
    ResponsiveImages.depart(translator, node)
    return "".join(translator.body[start:])


def srcset(stem: str, source: Path, *widths: int) -> str:
    return ", ".join(f"../_images/{stem}-{key(source)}-{width}.webp {width}w" for width in widths)


def test_a_raster_image_gets_its_candidates_size_and_a_link_to_the_original(
    tmp_path: Path,
) -> None:
    source = picture(tmp_path / "src" / "play" / "shot.png", 400, 10)
    page = translator(tmp_path, **{"shot.png": "shot.png"})
    page.body.append("<p>")
    node = image("play/shot.png", "A <b> shot")
    in_paragraph(node)
    ResponsiveImages.visit(page, node)
    assert page.body == [
        "<p>",
        '<a class="reference image-reference" href="../_images/shot.png">'
        f'<img srcset="{srcset("shot", source, 320, 400)}" sizes="(max-width: 46em) 100vw, 46em"'
        ' width="400" height="10" decoding="async" alt="A &lt;b&gt; shot"'
        ' src="../_images/shot.png" /></a>',
    ]
    # Encoded beside the doctrees, and copied into the site.
    names = [f"shot-{key(source)}-{width}.webp" for width in (320, 400)]
    assert sorted(p.name for p in (tmp_path / "doctrees" / "portfolio-images").iterdir()) == names
    assert sorted(p.name for p in (tmp_path / "html" / "_images").iterdir()) == names


def test_every_picture_after_the_first_loads_lazily(tmp_path: Path) -> None:
    source = picture(tmp_path / "src" / "play" / "shot.png", 100, 10)
    page = translator(tmp_path, **{"shot.png": "shot.png"})
    tags = []
    for alt in ("First", "Second", "Third"):
        node = image("play/shot.png", alt)
        in_paragraph(node)
        tags.append(visited(page, node))
    common = f'srcset="{srcset("shot", source, 100)}" sizes="(max-width: 46em) 100vw, 46em"'
    assert [tag.partition("<img ")[2].partition(" alt=")[0] for tag in tags] == [
        f'{common} width="100" height="10" decoding="async"',
        f'{common} width="100" height="10" decoding="async" loading="lazy"',
        f'{common} width="100" height="10" decoding="async" loading="lazy"',
    ]


def test_an_authors_own_lazy_loading_is_not_doubled(tmp_path: Path) -> None:
    picture(tmp_path / "src" / "play" / "shot.png", 100, 10)
    page = translator(tmp_path, **{"shot.png": "shot.png"})
    tags = []
    for loading in ("lazy", "lazy", "link"):
        node = image("play/shot.png", "A shot")
        node["loading"] = loading  # the image directive's :loading: option
        in_paragraph(node)
        tags.append(visited(page, node))
    # The first as she asked, the second once, the third as any picture after the first.
    assert [tag.count('loading="lazy"') for tag in tags] == [1, 1, 1]


def test_an_image_that_is_already_a_link_keeps_its_own(tmp_path: Path) -> None:
    source = picture(tmp_path / "src" / "play" / "SHOT.PNG", 100, 10)
    page = translator(tmp_path, **{"SHOT.PNG": "SHOT.PNG"})
    node = image("play/SHOT.PNG", "A shot")
    in_paragraph(nodes.reference("", "", node, refuri="https://example.org/"))
    # The suffix is known in any case.
    assert visited(page, node) == (
        f'<img srcset="{srcset("SHOT", source, 100)}" sizes="(max-width: 46em) 100vw, 46em"'
        ' width="100" height="10" decoding="async" alt="A shot" src="../_images/SHOT.PNG" />'
    )


def test_images_without_candidates_are_left_as_sphinx_writes_them(tmp_path: Path) -> None:
    picture(tmp_path / "src" / "play" / "shot.png", 100, 10)
    (tmp_path / "src" / "play" / "box.svg").write_text("<svg/>", encoding="utf-8")
    copied = {"shot.png": "shot.png", "box.svg": "box.svg", "gone.png": "gone.png"}
    cases = [
        ("epub", "play/shot.png", "../_images/shot.png"),  # a book, not a site
        ("html", "play/box.svg", "../_images/box.svg"),  # scales by itself
        ("html", "play/other.png", "play/other.png"),  # not among the images Sphinx copies
        ("html", "play/gone.png", "../_images/gone.png"),  # no such file
    ]
    for builder, uri, src in cases:
        node = image(uri, "A picture")
        in_paragraph(node)
        page = translator(tmp_path, builder, **copied)
        assert visited(page, node) == f'<img alt="A picture" src="{src}" />', uri
    assert not (tmp_path / "doctrees").exists() and not (tmp_path / "html").exists()


def test_the_extension_handles_images_for_html_and_checks_them_on_reading() -> None:
    app = Calls()
    metadata: Any = setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("connect", ("doctree-read", on_doctree_read), {}),
        (
            "add_node",
            (nodes.image,),
            {"override": True, "html": (ResponsiveImages.visit, ResponsiveImages.depart)},
        ),
    ]
    assert metadata == {"parallel_read_safe": True, "parallel_write_safe": True}
