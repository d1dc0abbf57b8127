"""Pictures in write-ups: described, sized for the screen that shows them, and cached.

A screenshot dropped into a write-up is typically a 2400-pixel PNG of a megabyte,
which a phone would fetch whole to show 375 CSS pixels of it. So:

* every image must say what it shows: one without alt text, or whose alt text is
  its file name, fails the build at its file and line (``doctree-read``);
* in HTML sites every raster image gets WebP candidates at the widths of
  :data:`WIDTHS` it can fill (never wider than the source), with ``srcset`` and
  ``sizes`` fitted to furo's content column, its ``width`` and ``height`` (no
  layout shift), ``decoding="async"``, and ``loading="lazy"`` for all but a
  page's first picture, which is likely on the first screen. The original stays
  one click away, as the image's link. SVG, EPUB and LaTeX are left as they are;
* candidates are encoded once, cached by the source's content beside the
  doctrees, and copied into ``_images/``, so a rebuild encodes nothing unchanged.

WebP only: every browser that reads ``srcset`` decodes it, so no ``<picture>``
fallback is needed; Pillow's AVIF encoder took 1.3 to 2.2 times as long and was
not reliably smaller (README, "Pictures and code"). Written on Pillow rather than sphinxext-photofinish, whose
output cannot be told which widths the content column needs, nor hold the
alt-text rule and cache that the budgets and tests here rely on.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from PIL import Image
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

#: Candidate widths in device pixels: a phone (375 CSS px at 3x needs 1125), the
#: content column at 1x and 2x (furo's is 46em: 736 px), and steps between.
WIDTHS = (320, 480, 768, 1152, 1536)
#: The slot an image fills: the viewport on a narrow screen, the column otherwise.
SIZES = "(max-width: 46em) 100vw, 46em"
RASTER = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
WEBP_QUALITY = 80
CACHE = "portfolio-images"
BUILDERS = frozenset({"html", "dirhtml"})
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)


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
            # An inline image has no line of its own: its paragraph's is the author's.
            line = next((p.line for p in _ancestors(node) if p.line), None)
            logger.warning(
                problem, location=(app.env.docname, line), type="portfolio", subtype="image"
            )


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    chain = []
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


# -- Candidates ------------------------------------------------------------------


def candidates(source: Path, cache: Path) -> tuple[tuple[int, int], list[tuple[Path, int]]]:
    """The source's size, and its WebP candidates in the cache, encoding what is missing."""
    data = source.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:16]
    with Image.open(source) as image:
        size = image.size
        widths = [w for w in WIDTHS if w < size[0]] + [min(size[0], WIDTHS[-1])]
        made = []
        for width in dict.fromkeys(widths):
            target = cache / f"{source.stem}-{key}-{width}.webp"
            if not target.is_file():
                cache.mkdir(parents=True, exist_ok=True)
                height = round(size[1] * width / size[0])
                # An alpha channel, a palette's transparent index or a colour key (tRNS).
                frame = image.convert("RGBA" if image.has_transparency_data else "RGB")
                partial = target.with_suffix(f".{os.getpid()}.tmp")
                frame.resize((width, height), Image.Resampling.LANCZOS).save(
                    partial, "WEBP", quality=WEBP_QUALITY, method=6
                )
                partial.replace(target)
            made.append((target, width))
    return size, made


def install(cached: Path, folder: Path) -> None:
    target = folder / cached.name
    if not target.is_file() or target.stat().st_size != cached.stat().st_size:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


class ResponsiveImages:
    """``visit_image`` for HTML sites: the translator's own ``<img>``, with candidates."""

    @staticmethod
    def visit(translator: HTML5Translator, node: nodes.image) -> None:
        builder = translator.builder
        start = len(translator.body)
        uri = node["uri"]  # the source's path; visit_image rewrites it to the copy's
        HTML5Translator.visit_image(translator, node)
        source = Path(builder.srcdir, uri)
        if (
            builder.name not in BUILDERS
            or source.suffix.lower() not in RASTER
            or uri not in builder.images
            or not source.is_file()
        ):
            return
        size, made = candidates(source, Path(builder.doctreedir) / CACHE)
        images = Path(builder.outdir) / builder.imagedir
        for cached, _ in made:
            install(cached, images)
        prefix = translator.builder.imgpath + "/"
        srcset = ", ".join(f"{prefix}{cached.name} {width}w" for cached, width in made)
        first = not getattr(translator, "_portfolio_images_seen", False)
        translator._portfolio_images_seen = True  # type: ignore[attr-defined]
        attributes = (
            f' srcset="{html.escape(srcset)}" sizes="{SIZES}" width="{size[0]}"'
            f' height="{size[1]}" decoding="async"'
            # docutils writes it itself for an author's ":loading: lazy".
            + ("" if first or node.get("loading") == "lazy" else ' loading="lazy"')
        )
        tag = translator.body[start:]
        markup = "".join(tag).replace("<img ", f"<img{attributes} ", 1)
        if not isinstance(node.parent, nodes.reference):
            original = prefix + builder.images[uri]
            markup = f'<a class="reference image-reference" href="{original}">{markup}</a>'
        translator.body[start:] = [markup]

    @staticmethod
    def depart(translator: HTML5Translator, node: nodes.image) -> None:
        HTML5Translator.depart_image(translator, node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", on_doctree_read)
    app.add_node(nodes.image, override=True, html=(ResponsiveImages.visit, ResponsiveImages.depart))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
