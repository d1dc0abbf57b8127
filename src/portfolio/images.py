"""Pictures in write-ups: described, made by the build for every format, sized for the screen.

What an engineer has to hand is a phone's photo (stored sideways with an EXIF
orientation, its GPS position and camera in EXIF), a screenshot whose PNG may
carry the same, an animated GIF of a tool at work, an iPhone's HEIC. Copied as
they are, a site publishes the photo on its side and the author's location. So:

* every image must say what it shows: one without alt text, or whose alt text is
  its file name, fails the build at its file and line (``doctree-read``);
* no builder copies an author's picture. :class:`PublishedPictures`, a
  post-transform in the manner of Sphinx's own ``ImageConverter``, runs for every
  builder (HTML, EPUB, LaTeX) before it collects its images, and points each
  picture's node at the build's own copy in the cache: decoded, turned upright
  by its EXIF orientation, converted to sRGB, and encoded afresh with no
  metadata at all (no EXIF, XMP, IPTC, thumbnail, comment or colour profile);
* HTML sites get WebP candidates at the widths of :data:`WIDTHS` it can fill,
  with ``srcset`` and ``sizes`` fitted to furo's content column, its upright
  ``width`` and ``height`` (no layout shift), ``decoding="async"``, and
  ``loading="lazy"`` for all but a page's first picture. The full-size copy is
  one click away, as the image's link, in a format every browser shows;
* an animation stays one in every candidate (WebP keeps its frames, their
  durations and its loop), and a ``<picture>`` gives readers who ask for reduced
  motion still candidates of its first frame, with no script. A book or paper
  that cannot animate gets the first frame;
* a picture the build cannot publish (cut short, not a picture at all, over
  :data:`PIXEL_LIMIT`, or in a format not in :data:`FORMATS`) is a warning at the
  page and line that shows it, saying what to do; the build goes on to report
  the rest;
* what the build makes is cached by the source's content beside the doctrees,
  each file written whole under another name and renamed into place, a
  picture's manifest last, so a rebuild encodes nothing unchanged and a build
  stopped half-way leaves nothing that looks finished.

WebP candidates: every browser that reads ``srcset`` decodes it; Pillow's AVIF
encoder took 1.3 to 2.2 times as long and was not reliably smaller (README,
"Pictures and code"). Written on Pillow rather than sphinxext-photofinish, whose
output cannot be told which widths the content column needs, nor hold the
alt-text rule, the cache and the privacy rules that the budgets and tests rely on.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import json
import re
import shutil
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from PIL import ExifTags, Image, ImageCms, UnidentifiedImageError
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util._pathlib import _StrPath
from sphinx.writers.html5 import HTML5Translator

from .recovery import written_whole

logger = logging.getLogger(__name__)

#: Candidate widths in device pixels: a phone (375 CSS px at 3x needs 1125), the
#: content column at 1x and 2x (furo's is 46em: 736 px), and steps between.
WIDTHS = (320, 480, 768, 1152, 1536)
#: The slot an image fills: the viewport on a narrow screen, the column otherwise.
SIZES = "(max-width: 46em) 100vw, 46em"
WEBP_QUALITY = 80
#: The full-size copy of a photo: a re-encoding, so a little above the candidates'.
JPEG_QUALITY = 90
CACHE = "portfolio-images"
#: Builders whose pages get candidates; the single page and books get the full copy.
BUILDERS = frozenset({"html", "dirhtml"})
#: Builders that publish a web site: a browser shows WebP, and animates.
WEB_BUILDERS = BUILDERS | {"singlehtml"}
#: Part of every cached file's name: change it when what the build makes of a
#: picture changes, so that no build reuses what an older recipe made.
RECIPE = "upright-stripped-1"

#: A picture's pixels, all its frames together: a 48-megapixel phone photo
#: (8000×6000) builds, in 2.9 s of CPU (README); a picture over it takes more memory
#: than any page needs (each megapixel is 4 MB decoded), and no screen shows it.
PIXEL_LIMIT = 100_000_000
#: What the build publishes, by file suffix and by what Pillow finds inside.
#: MPO is a JPEG with a second picture (a phone's depth map): its first is the photo.
SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".heif", ".avif", ".bmp", ".tif", ".tiff"}
)
FORMATS = frozenset({"JPEG", "MPO", "PNG", "GIF", "WEBP", "HEIF", "AVIF", "BMP", "TIFF"})
#: Formats whose several frames are an animation, not pages or companion pictures.
ANIMATED_FORMATS = frozenset({"GIF", "PNG", "WEBP", "AVIF"})
#: Photo formats get a JPEG full-size copy (unless they hold transparency); the
#: rest a PNG, which loses nothing of a screenshot or a drawing.
PHOTO_FORMATS = frozenset({"JPEG", "MPO", "HEIF", "AVIF"})
#: Left as the author made them: vector drawings, and the videos docutils embeds.
AS_IS = frozenset({".svg", ".svgz", ".pdf", ".mp4", ".webm", ".ogg", ".ogv"})
MIMETYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
#: EXIF orientation: the turn or flip that makes a picture stored otherwise upright.
TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_FILE_NAME = re.compile(
    r"^[\w.-]+\.(?:png|jpe?g|gif|webp|avif|heic|heif|svg|bmp|tiff?)$", re.IGNORECASE
)
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
#: A node's attribute for what the build made of its picture, for the HTML translator.
PICTURE = "portfolio_picture"


# -- The rule: every picture says what it shows ------------------------------------


def alt_problem(node: nodes.image) -> str | None:
    uri = node.get("uri", "")
    alt = " ".join(str(node.get("alt", "")).split())
    name = Path(uri).name
    if not alt:
        return f"image '{uri}' has no alt text; add ':alt:' saying what the picture shows"
    if _FILE_NAME.match(alt) or alt.lower() in {name.lower(), Path(uri).stem.lower()}:
        return (
            f"image '{uri}' has its file name as alt text ({alt!r}); "
            "write what the picture shows instead"
        )
    return None


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(nodes.image):
        if problem := alt_problem(node):
            logger.warning(
                problem, location=location(app.env.docname, node), type="portfolio", subtype="image"
            )


def location(docname: str, node: nodes.Node) -> tuple[str, int | None]:
    """The page and line of an image: an inline one has none of its own, its paragraph's
    is the author's."""
    return docname, next((p.line for p in _ancestors(node) if p.line), None)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    chain = []
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


# -- Reading a picture: upright, in sRGB, and nothing else ---------------------------


class PictureError(Exception):
    """A picture the build cannot publish; the message says why and what to do."""


@dataclass
class Frames:
    """A decoded picture: its frames upright, in sRGB, RGB or RGBA, with no metadata."""

    format: str
    frames: list[Image.Image]
    #: Each frame's time on screen, in milliseconds (animations only).
    durations: list[int] = field(default_factory=list)
    #: How many times an animation plays, 0 for ever; None: once, with no count
    #: written (a GIF without a loop extension).
    loop: int | None = None

    @property
    def animated(self) -> bool:
        return len(self.frames) > 1


@functools.cache
def open_heif() -> None:
    """Teach Pillow HEIC and HEIF, the format iPhones save photos in, through libheif.

    Only when a picture needs it: loading libheif costs a build 40 ms and 7 MB.
    Thumbnails, depth maps and auxiliary images are never published, so never decoded.
    """
    from pillow_heif import register_heif_opener

    register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)


def read(source: Path, name: str) -> Frames:
    """The picture at ``source``, which the page calls ``name``; :class:`PictureError`
    if the build cannot publish it."""
    suffix = source.suffix.lower()
    try:
        with source.open("rb") as start:
            # An ISO media file (HEIF, AVIF) says "ftyp" in its first box, whatever its name.
            if suffix in (".heic", ".heif") or start.read(12)[4:8] == b"ftyp":
                open_heif()
        with warnings.catch_warnings():
            # PIXEL_LIMIT is this build's bar; Pillow's own warning comes below it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)
    except Image.DecompressionBombError as error:  # far over: Pillow refuses to open it
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        raise PictureError(too_large(name, int(pixels[1]) if pixels else 0)) from None
    except UnidentifiedImageError:
        if suffix not in SUFFIXES:
            raise PictureError(unsupported(name, f"{suffix or 'suffix-less'} files")) from None
        raise PictureError(not_a_picture(name, source)) from None
    except OSError as error:
        raise PictureError(unreadable(name, error)) from None
    with image:
        if suffix not in SUFFIXES or image.format not in FORMATS:
            raise PictureError(unsupported(name, image.format_description or image.format))
        count = image.n_frames if image.format in ANIMATED_FORMATS else 1
        width, height = image.size
        if width * height * count > PIXEL_LIMIT:
            frames = f" in {count} frames" if count > 1 else ""
            raise PictureError(
                too_large(name, width * height * count, f"{width}×{height}{frames}, ")
            )
        try:
            return decoded(image, count)
        except PictureError as error:
            raise PictureError(f"picture '{name}' {error}") from None
        except Exception as error:  # Pillow's decoders raise many kinds for a damaged file
            raise PictureError(unreadable(name, error)) from None


def decoded(image: Image.Image, count: int) -> Frames:
    """Every frame of ``image``: upright, in sRGB, without the file's metadata."""
    turn = TURNS.get(image.getexif().get(ExifTags.Base.Orientation, 1))
    profile = image.info.get("icc_profile")
    picture = Frames(image.format, [], [], image.info.get("loop"))
    for index in range(count):
        image.seek(index)
        image.load()  # a frame's duration is known once it is loaded
        frame = in_srgb(image, profile)
        picture.frames.append(frame.transpose(turn) if turn is not None else frame)
        picture.durations.append(round(image.info.get("duration", 0)))
    return picture


def plain(image: Image.Image) -> Image.Image:
    """The frame's pixels in RGB, or RGBA where any are see-through, with no metadata.

    An alpha channel, a palette's transparent index or a colour key (tRNS) keeps
    its transparency; 16-bit grey is scaled, not clipped, to 8 bits.
    """
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    frame = image.convert("RGBA" if image.has_transparency_data else "RGB")
    frame.info = {}  # comments, XMP, EXIF: nothing a file said reaches another
    return frame


#: The mode a picture is read in for its profile's colour space (ICC's names).
PROFILE_MODES = {"RGB ": "RGB", "CMYK": "CMYK", "GRAY": "L"}


def in_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    """The frame as :func:`plain` gives it, in sRGB: what browsers and PDF readers
    assume of a picture with no profile, which is how it is published."""
    frame = plain(image)
    if not profile:
        return frame
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if ImageCms.getProfileDescription(source).strip().startswith("sRGB"):
            return frame
        colour = image.convert(PROFILE_MODES[source.profile.xcolor_space])
        converted = ImageCms.profileToProfile(colour, source, SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, KeyError) as error:
        raise PictureError(
            f"has a colour profile (ICC) the build cannot apply ({error!r});"
            " export it again in sRGB"
        ) from None
    assert converted is not None
    if frame.mode == "RGBA":
        converted.putalpha(frame.getchannel("A"))
    converted.info = {}
    return converted


# -- What is wrong with a picture, and what to do -------------------------------------


def unreadable(name: str, error: BaseException) -> str:
    return (
        f"picture '{name}' could not be read ({error}): the file is damaged or cut short;"
        " export or download it again"
    )


def not_a_picture(name: str, source: Path) -> str:
    start = source.read_bytes()[:40]
    looks = " (a web page saved under a picture's name?)" if start.lstrip()[:1] == b"<" else ""
    return (
        f"picture '{name}' is not a picture: it starts {start!r}{looks};"
        " download or export the picture again"
    )


def unsupported(name: str, kind: str) -> str:
    return (
        f"picture '{name}' is in a format the site does not publish ({kind});"
        " export it as JPEG (photos), PNG (screenshots, drawings), GIF or WebP (animations)"
    )


def too_large(name: str, pixels: int, size: str = "") -> str:
    return (
        f"picture '{name}' is {size}{pixels / 1e6:.1f} megapixels, over the limit of"
        f" {PIXEL_LIMIT // 1_000_000} megapixels (all frames together); scale it down:"
        f" a page shows at most {WIDTHS[-1]} pixels of its width, and 8000 on the longer"
        " side is plenty to click through to"
    )


# -- What the build makes of a picture ------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """What the build made of one source, in the cache."""

    #: Upright width and height.
    size: tuple[int, int]
    #: Full size, upright and stripped: the link's target, and what books get.
    full: Path
    #: The first frame as PNG, for what cannot animate; None for a still picture.
    still: Path | None = None
    #: WebP at each width, animated if the source is (HTML sites only).
    candidates: tuple[tuple[Path, int], ...] = ()
    #: Still WebP of the first frame at each width, for reduced motion (animations only).
    stills: tuple[tuple[Path, int], ...] = ()


def widths(width: int) -> list[int]:
    """The candidates' widths: each of :data:`WIDTHS` below the picture's, and its own
    (or the widest)."""
    return list(dict.fromkeys([w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]))


def full_suffix(picture: Frames) -> str:
    if picture.animated:
        return {"GIF": ".gif", "PNG": ".png"}.get(picture.format, ".webp")
    if picture.format in PHOTO_FORMATS and picture.frames[0].mode == "RGB":
        return ".jpg"
    return ".png"


def publish(source: Path, name: str, cache: Path, *, candidates: bool) -> Picture:
    """The build's copies of ``source`` in ``cache``, making what is missing: the
    full-size one (and a still frame) always, WebP ``candidates`` when asked."""
    with source.open("rb") as data:
        key = hashlib.file_digest(data, lambda: hashlib.sha256(RECIPE.encode())).hexdigest()[:16]
    # The name a reader sees in an address: the author's, in letters no URL escapes.
    base = cache / f"{_UNSAFE.sub('-', source.stem).strip('-') or 'picture'}-{key}"
    manifest = base.with_suffix(".json")
    frames: Frames | None = None
    facts = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else None
    made = [base.with_name(facts[k]) for k in ("full", "still") if facts and facts[k]]
    if facts is None or not all(path.is_file() for path in made):
        frames = read(source, name)
        facts = make_full(frames, base)
        write(manifest, lambda path: path.write_text(json.dumps(facts), encoding="utf-8"))
    size = (facts["size"][0], facts["size"][1])
    picture = Picture(
        size,
        base.with_name(facts["full"]),
        base.with_name(facts["still"]) if facts["still"] else None,
    )
    if not candidates:
        return picture
    sized = [(base.with_name(f"{base.name}-{w}.webp"), w) for w in widths(size[0])]
    stills = [(base.with_name(f"{base.name}-{w}-still.webp"), w) for _, w in sized]
    stills = stills if picture.still else []
    for target, width in sized + stills:
        if not target.is_file():
            frames = frames or read(source, name)
            encode(frames, target, width, still=target in dict(stills))
    return Picture(picture.size, picture.full, picture.still, tuple(sized), tuple(stills))


def make_full(picture: Frames, base: Path) -> dict[str, Any]:
    """Write the full-size copy (and an animation's still frame); what the manifest says."""
    first = picture.frames[0]
    suffix = full_suffix(picture)
    full = base.with_name(base.name + suffix)
    if suffix == ".jpg":
        write(full, lambda path: first.save(path, "JPEG", quality=JPEG_QUALITY))
    elif not picture.animated:
        write(full, lambda path: first.save(path, "PNG"))
    else:
        write(full, lambda path: save_animation(picture, path, suffix, picture.frames))
    still = None
    if picture.animated:
        still = base.with_name(f"{base.name}-still.png")
        write(still, lambda path: first.save(path, "PNG"))
    return {"size": list(first.size), "full": full.name, "still": still and still.name}


def save_animation(picture: Frames, path: Path, suffix: str, frames: list[Image.Image]) -> None:
    """Every frame, with its duration and the picture's loop, in the format of ``suffix``."""
    options: dict[str, Any] = {"save_all": True, "append_images": frames[1:]}
    options["duration"] = picture.durations
    if suffix == ".webp":
        # WebP has no "once with no count": 1 plays it once, 0 for ever.
        options.update(loop=1 if picture.loop is None else picture.loop, quality=WEBP_QUALITY)
    elif picture.loop is not None:
        options["loop"] = picture.loop
    fmt = {".gif": "GIF", ".png": "PNG", ".webp": "WEBP"}[suffix]
    frames[0].save(path, fmt, **options)


def encode(picture: Frames, target: Path, width: int, *, still: bool) -> None:
    """One WebP candidate ``width`` pixels wide: every frame, or the first."""
    first = picture.frames[0]
    height = round(first.size[1] * width / first.size[0])
    shown = picture.frames[:1] if still else picture.frames
    # Reduced by whole steps first while at least three times too large: a 48-megapixel
    # photo's candidates take 40% less time, and look the same (Pillow's documentation).
    scaled = [
        frame.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0) for frame in shown
    ]
    if len(scaled) == 1:
        write(target, lambda path: scaled[0].save(path, "WEBP", quality=WEBP_QUALITY, method=6))
    else:
        write(target, lambda path: save_animation(picture, path, ".webp", scaled))


def write(target: Path, save: Callable[[Path], None]) -> None:
    """Write ``target`` whole or not at all: under a name of its own, then renamed.

    Parallel writers may make the same file: each renames a whole one into place.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(target) as partial:
        save(partial)


# -- Every builder publishes the build's copies ----------------------------------------


def source_of(node: nodes.image, supported: Sequence[str]) -> str | None:
    """The file a builder would take for ``node`` (relative to the source folder, or
    absolute for one Sphinx fetched), if it is a picture the build must make anew."""
    candidates = node.get("candidates", {})
    if "?" in candidates:  # a remote picture the builder links to
        return None
    path = candidates.get("*") or next(
        (candidates[kind] for kind in supported if kind in candidates),
        next(iter(candidates.values()), None),
    )
    if path is None or Path(path).suffix.lower() in AS_IS:
        return None
    return path


def shown(picture: Picture, builder: type) -> Path:
    """The copy a builder publishes: the full one, or the first frame of an animation
    it cannot show (LaTeX cannot animate; EPUB has no WebP)."""
    if picture.still is None:
        return picture.full
    kinds = set(builder.supported_image_types)
    if builder.name in WEB_BUILDERS:
        kinds.add("image/webp")
    if builder.format == "html" and MIMETYPES[picture.full.suffix] in kinds:
        return picture.full
    return picture.still


class PublishedPictures(SphinxPostTransform):
    """Point each picture at the build's own copy, for whichever builder is writing.

    As Sphinx's ``ImageConverter`` does for a format a builder cannot show: the copy
    is made in the cache, noted in ``env.images``, and becomes the node's only
    candidate, so the builder copies it (``copy_image_files``) and never the author's
    file. One place for HTML, EPUB and LaTeX, before the builder picks its images.
    """

    # After Sphinx fetches remote pictures (100) and writes out data: URIs (150), so
    # those are made anew too; before ImageConverter (200), which then has nothing to do.
    default_priority = 190

    def run(self, **kwargs: Any) -> None:
        # The builder's class, as Sphinx's own post-transforms read it.
        builder = self.env._builder_cls
        docname = self.env.current_document.docname
        cache = Path(self.env.doctreedir) / CACHE
        for node in self.document.findall(nodes.image):
            uri = source_of(node, builder.supported_image_types)
            if uri is None or not (source := Path(self.env.srcdir, uri)).is_file():
                continue  # Sphinx has said that a file is missing
            try:
                picture = publish(source, uri, cache, candidates=builder.name in BUILDERS)
            except PictureError as error:
                logger.warning(
                    str(error), location=location(docname, node), type="portfolio", subtype="image"
                )
                node["candidates"] = {"?": node["uri"]}  # publish nothing of it
                continue
            target = str(shown(picture, builder))
            node["uri"] = target
            node["candidates"] = {"*": target}
            self.env.images.add_file(docname, target)
            # Sphinx's progress line names the author's file, not the cache's.
            self.env.original_image_uri[_StrPath(target)] = uri
            if picture.candidates:
                node[PICTURE] = picture


def on_write_started(app: Sphinx, builder: Any) -> None:
    """Remove an author's picture that an older build copied into the output as it was.

    No builder copies one now, but an output folder built before kept them (with
    their GPS positions), and an EPUB packs whatever its folder holds. Before any
    page is written, ``env.images`` names only the authors' files.
    """
    folder = Path(builder.outdir, builder.imagedir)
    for source, (_, name) in builder.env.images.items():
        if Path(source).suffix.lower() not in AS_IS:
            (folder / name).unlink(missing_ok=True)


# -- The <img> of an HTML page ------------------------------------------------------


def install(cached: Path, folder: Path) -> None:
    target = folder / cached.name
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


def srcset(prefix: str, candidates: Sequence[tuple[Path, int]]) -> str:
    return html.escape(", ".join(f"{prefix}{path.name} {width}w" for path, width in candidates))


class ResponsiveImages:
    """``visit_image`` for HTML sites: the translator's own ``<img>``, with candidates."""

    @staticmethod
    def visit(translator: HTML5Translator, node: nodes.image) -> None:
        builder = translator.builder
        start = len(translator.body)
        uri = node["uri"]  # the cached copy's path; visit_image rewrites it to its address
        HTML5Translator.visit_image(translator, node)
        picture: Picture | None = node.get(PICTURE)
        if picture is None or builder.name not in BUILDERS or uri not in builder.images:
            return
        images = Path(builder.outdir) / builder.imagedir
        for cached, _ in picture.candidates + picture.stills:
            install(cached, images)
        prefix = builder.imgpath + "/"
        first = not getattr(translator, "_portfolio_images_seen", False)
        translator._portfolio_images_seen = True  # type: ignore[attr-defined]
        # An animation's <img> shows the still frame; its <source> the moving one, to
        # readers who have not asked for reduced motion.
        shown = picture.stills or picture.candidates
        attributes = (
            f' srcset="{srcset(prefix, shown)}" sizes="{SIZES}" width="{picture.size[0]}"'
            f' height="{picture.size[1]}" decoding="async"'
            # docutils writes it itself for an author's ":loading: lazy".
            + ("" if first or node.get("loading") == "lazy" else ' loading="lazy"')
        )
        markup = "".join(translator.body[start:]).replace("<img ", f"<img{attributes} ", 1)
        if picture.stills:
            markup = (
                '<picture><source media="(prefers-reduced-motion: no-preference)"'
                f' srcset="{srcset(prefix, picture.candidates)}" sizes="{SIZES}" />'
                f"{markup}</picture>"
            )
        if not isinstance(node.parent, nodes.reference):
            full = prefix + builder.images[uri]
            markup = f'<a class="reference image-reference" href="{full}">{markup}</a>'
        translator.body[start:] = [markup]

    @staticmethod
    def depart(translator: HTML5Translator, node: nodes.image) -> None:
        HTML5Translator.depart_image(translator, node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", on_doctree_read)
    app.add_post_transform(PublishedPictures)
    app.connect("write-started", on_write_started)
    app.add_node(nodes.image, override=True, html=(ResponsiveImages.visit, ResponsiveImages.depart))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
