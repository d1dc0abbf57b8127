"""Pictures and code in a write-up (portfolio.images, sphinx-copybutton), on throwaway
sites: one write-up holds a large PNG, a JPEG, an SVG and code with prompts; another
holds what an engineer really has to hand (tests/pictures.py): a phone's photo stored
sideways with its GPS position, a screenshot with GPS in its PNG, animated GIF, WebP
and PNG, an iPhone's HEIC and a photo under another colour profile. Every file the
HTML site, the offline zip, the EPUB and the LaTeX print publish is read back."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser

import pictures as material
from conftest import ROOT, STRICT, copy_site, missing, sphinx_build
from portfolio.images import WIDTHS, publish
from portfolio.pageweight import fetched_urls
from sitecheck import internal_link_problems
from test_budgets import floor, over_budget  # noqa: F401  floor is a fixture

# The module's sites are built once: under `make test`'s two processes every test of
# this file runs in the same one.
pytestmark = pytest.mark.xdist_group("images")

PAGE = "play/passphraser"
PICTURES = """
```{figure} screenshot.png
:alt: The passphrase generator, showing four words to copy

The generator in a browser.
```

![A red photograph](photo.jpg)

![A teal box](diagram.svg)
"""
#: On a write-up of its own: pictures and code each meet the budget apart.
CODE_PAGE = "play/nato-alpha"
CODE = """
```console
$ python3 -m passphraser --words 4
correct horse battery staple
```

```pycon
>>> import passphraser
>>> passphraser.words(
...     2)
['correct', 'horse']
```
"""
#: The write-up of real material: each picture's file, alt text, and upright size.
PHOTO_PAGE = "play/weatherdash"
MATERIAL = {
    "rack.jpg": ("The rack in the hall cupboard, taken on a phone", (1200, 1600)),
    "dashboard.png": ("The dashboard in a browser", (1400, 900)),
    "tool.gif": ("The tool at work", (240, 160)),
    "spinner.webp": ("A spinner while it loads", (240, 160)),
    "spinner.png": ("The same spinner as an animated PNG", (240, 160)),
    "iphone.heic": ("The rack again, from an iPhone", (900, 1200)),
    "tagged.jpg": ("A photo under a colour profile of its own", (600, 400)),
}
ANIMATIONS = ("tool.gif", "spinner.webp", "spinner.png")


def add_pictures(source: Path, text: str = PICTURES) -> Path:
    """A 2400x1600 PNG screenshot, a JPEG and an SVG in a write-up, and code in another."""
    folder = source / "play"
    noise = random.Random(7).randbytes(2400 * 1600)
    shade = Image.linear_gradient("L").resize((2400, 1600))
    speckle = Image.frombytes("L", (2400, 1600), noise)
    picture = Image.merge("RGB", (shade, Image.blend(shade, speckle, 0.1), shade.rotate(180)))
    picture.save(folder / "screenshot.png")
    Image.new("RGB", (1200, 800), (200, 60, 40)).save(folder / "photo.jpg", quality=90)
    (folder / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
        '<rect width="100" height="50" fill="teal"/></svg>',
        encoding="utf-8",
    )
    code = source / f"{CODE_PAGE}.md"
    code.write_text(code.read_text(encoding="utf-8") + CODE, encoding="utf-8")
    page = source / f"{PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
    return page


def add_material(source: Path) -> Path:
    """The pictures of :data:`MATERIAL`, drawn as phones and tools make them, in a write-up."""
    folder = source / "play"
    material.phone_photo(folder / "rack.jpg")
    material.screenshot(folder / "dashboard.png")
    material.animated(folder / "tool.gif", "GIF")
    material.animated(folder / "spinner.webp", "WEBP")
    material.animated(folder / "spinner.png", "PNG")
    material.heic(folder / "iphone.heic")
    material.tagged(folder / "tagged.jpg")
    page = source / f"{PHOTO_PAGE}.md"
    shown = "".join(f"\n![{alt}]({name})\n" for name, (alt, _) in MATERIAL.items())
    page.write_text(page.read_text(encoding="utf-8") + shown, encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The throwaway site's sources, with both write-ups' pictures."""
    site = copy_site(tmp_path_factory.mktemp("pictured") / "src")
    add_pictures(site)
    add_material(site)
    return site


def stale(source: Path, images: Path) -> None:
    """What a build before this one left in the output: the phone's photo as it was."""
    images.mkdir(parents=True)
    shutil.copy(source / "play" / "rack.jpg", images / "rack.jpg")


@pytest.fixture(scope="module")
def originals(source: Path) -> dict[bytes, str]:
    """The author's pictures that carry metadata, by content: none may be published as it
    is. (A picture Pillow wrote with no metadata, re-encoded as Pillow would, can come
    out the same bytes.)"""
    return {(source / "play" / name).read_bytes(): name for name in MATERIAL}


@pytest.fixture(scope="module")
def pictured(source: Path) -> Path:
    base = source.parent
    stale(source, base / "html" / "_images")
    build = sphinx_build(source, base / "html", "-d", str(base / "doctrees"))
    assert build.returncode == 0, build.output
    return build.outdir


def images(outdir: Path, page: str = PAGE) -> list:
    html = (outdir / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").article.find_all("img")


def by_alt(outdir: Path) -> dict[str, object]:
    return {img["alt"]: img for img in images(outdir, PHOTO_PAGE)}


def published_rasters(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".avif"}
        and "_static" not in path.parts
        and "_cards" not in path.parts  # drawn by Typst from words, tested in test_cards.py
    )


def test_raster_images_get_sized_webp_candidates(pictured: Path) -> None:
    screenshot, photo, diagram = images(pictured)
    page_folder = pictured / "play"
    for img, (width, height) in ((screenshot, (2400, 1600)), (photo, (1200, 800))):
        assert (img["width"], img["height"]) == (str(width), str(height))
        assert img["decoding"] == "async"
        assert img["sizes"] == "(max-width: 46em) 100vw, 46em"
        candidates = [c.strip().split(" ") for c in img["srcset"].split(",")]
        widths = [int(w.removesuffix("w")) for _, w in candidates]
        assert widths == sorted(widths) and max(widths) <= width
        assert widths[:-1] == [w for w in WIDTHS if w < width][: len(widths) - 1]
        for url, w in candidates:
            assert url.endswith(".webp")
            with Image.open(page_folder / url) as candidate:
                assert candidate.format == "WEBP" and candidate.size[0] == int(w[:-1])
        # The full-size copy is one click away: the build's, not the author's file.
        assert img.parent.name == "a" and img.parent["href"] == img["src"]
        assert re.fullmatch(r"\.\./_images/(screenshot|photo)-[0-9a-f]{16}\.(png|jpg)", img["src"])
    assert widths == [320, 480, 768, 1152, 1200]  # the JPEG: no candidate wider than it
    # The first picture is likely on the first screen; later ones wait for the reader.
    assert not screenshot.has_attr("loading") and photo["loading"] == "lazy"
    # SVG scales by itself: left as written.
    assert diagram["src"] == "../_images/diagram.svg" and not diagram.has_attr("srcset")


def test_every_copy_a_page_names_is_in_the_site(pictured: Path) -> None:
    # The link check reads every <source> and srcset candidate, as a browser may fetch any.
    assert internal_link_problems(pictured) == []


def test_every_picture_is_published_upright_at_its_upright_size(pictured: Path) -> None:
    shown = by_alt(pictured)
    folder = pictured / "play"
    seen = {}
    for name, (alt, size) in MATERIAL.items():
        img = shown[alt]
        # The full-size copy (its link's target, and the src), and every candidate.
        files = [img["src"]] + re.findall(r"(\S+) \d+w", img["srcset"])
        if name in ANIMATIONS:
            files += re.findall(r"(\S+) \d+w", img.find_parent("picture").source["srcset"])
        corners = set()
        for url in files:
            with Image.open(folder / url) as published:
                ratio = published.size[0] / published.size[1]
                assert abs(ratio - size[0] / size[1]) < 0.01, url
                corners.add(material.corners(published))
        assert img.find_parent("a")["href"] == img["src"]
        seen[name] = ((int(img["width"]), int(img["height"])), corners, img["src"])
    assert {name: (size, corners) for name, (size, corners, _) in seen.items()} == {
        name: (size, {("red", "blue")}) for name, (_, size) in MATERIAL.items()
    }
    # The full-size link is the build's copy, in a format every browser shows.
    assert {name: Path(href).suffix for name, (_, _, href) in seen.items()} == {
        "rack.jpg": ".jpg",
        "dashboard.png": ".png",
        "tool.gif": ".gif",
        "spinner.webp": ".webp",
        "spinner.png": ".png",
        "iphone.heic": ".jpg",
        "tagged.jpg": ".jpg",
    }


def test_no_published_picture_says_where_when_or_with_what_it_was_taken(
    pictured: Path, originals: dict[bytes, str]
) -> None:
    published = published_rasters(pictured)
    assert len(published) > 40
    problems = [problem for path in published for problem in material.privacy_problems(path)]
    assert problems == []
    assert [originals[p.read_bytes()] for p in published if p.read_bytes() in originals] == []
    # The check itself: every planted picture fails it.
    assert all(
        material.privacy_problems(Path(pictured.parent / "src" / "play" / name))
        for name in MATERIAL
    )


def test_an_animation_moves_in_every_candidate_and_has_still_ones(pictured: Path) -> None:
    shown = by_alt(pictured)
    folder = pictured / "play"
    for name in ANIMATIONS:
        img = shown[MATERIAL[name][0]]
        picture = img.find_parent("picture")
        assert picture.source["media"] == "(prefers-reduced-motion: no-preference)"
        moving = re.findall(r"(\S+) \d+w", picture.source["srcset"])
        still = re.findall(r"(\S+) \d+w", img["srcset"])
        assert moving and still
        for url, frames in [(u, 4) for u in moving] + [(u, 1) for u in still]:
            with Image.open(folder / url) as candidate:
                assert (candidate.format, getattr(candidate, "n_frames", 1)) == ("WEBP", frames)
                durations = []
                for index in range(frames):
                    candidate.seek(index)
                    candidate.load()
                    durations.append(candidate.info.get("duration"))
                if frames > 1:
                    assert (durations, candidate.info["loop"]) == (material.DURATIONS, 0), url
        with Image.open(folder / picture.parent["href"]) as full:
            assert full.n_frames == 4, name


def test_a_phone_fetches_a_candidate_not_the_original(pictured: Path) -> None:
    html = (pictured / f"{PAGE}.html").read_text(encoding="utf-8")
    fetched = [u for u in fetched_urls(html, pictured / "play") if "_images" in u]
    assert [re.sub(r"-[0-9a-f]{16}-", "-", u) for u in fetched] == [
        "../_images/screenshot-1152.webp",  # 375 CSS px at 3x: 1125 device px
        "../_images/photo-1152.webp",
        "../_images/diagram.svg",
    ]
    phone = sum((pictured / "play" / u).stat().st_size for u in fetched)
    full = next((pictured / "_images").glob("screenshot-*.png")).stat().st_size
    assert phone < full / 4


def test_a_write_up_with_a_large_photo_stays_within_the_budget(
    pictured: Path,
    floor: Path,  # noqa: F811
) -> None:
    assert [p for p in over_budget(pictured, floor) if p.startswith(PAGE)] == []


def test_the_offline_zip_publishes_the_same_stripped_pictures(
    pictured: Path, tmp_path: Path, originals: dict[bytes, str]
) -> None:
    # `make offline` is this build zipped by tools/offline_zip.py.
    archive = tmp_path / "site.zip"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "offline_zip.py"), str(pictured), str(archive)],
        check=True,
    )
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path / "unzipped")
    published = published_rasters(tmp_path / "unzipped")
    assert len(published) == len(published_rasters(pictured))
    assert [problem for path in published for problem in material.privacy_problems(path)] == []
    assert [p.name for p in published if p.read_bytes() in originals] == []


def test_code_gets_highlighting_and_a_copy_button_from_the_site(pictured: Path) -> None:
    html = (pictured / f"{CODE_PAGE}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    linked = [tag.get("href") or tag.get("src") for tag in soup.find_all(["link", "script"])]
    assert any("copybutton.js" in str(url) for url in linked)
    assert any("pygments.css" in str(url) for url in linked)
    assert all(not str(url).startswith(("http:", "https:", "//")) for url in linked if url)
    # A page without code links neither.
    other = (pictured / "play" / "campusmap.html").read_text(encoding="utf-8")
    assert "copybutton" not in other and "pygments.css" not in other
    script = (pictured / "_static" / "copybutton.js").read_text(encoding="utf-8")
    assert r"\\$ |>>> |\\.\\.\\. " in script


# -- Books and paper -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(source: Path) -> Path:
    base = source.parent
    stale(source, base / "epub" / "_images")
    build = sphinx_build(source, base / "epub", "-d", str(base / "doctrees-epub"), builder="epub")
    assert build.returncode == 0, build.output
    [book] = (base / "epub").glob("*.epub")
    return book


def test_the_epub_holds_only_stripped_upright_pictures_it_can_show(
    epub: Path, tmp_path: Path, originals: dict[bytes, str]
) -> None:
    with zipfile.ZipFile(epub) as book:
        book.extractall(tmp_path / "book")
    published = published_rasters(tmp_path / "book")
    assert [problem for path in published for problem in material.privacy_problems(path)] == []
    assert [p.name for p in published if p.read_bytes() in originals] == []
    kinds = {}
    for path in published:
        with Image.open(path) as picture:
            kinds[re.sub(r"-[0-9a-f]{16}", "", path.name)] = (
                picture.format,
                getattr(picture, "n_frames", 1),
            )
            if not path.name.startswith(("screenshot", "photo")):
                assert material.corners(picture) == ("red", "blue"), path.name
    # The GIF and animated PNG move where a reader can; EPUB has no WebP: its first frame.
    assert kinds == {
        "screenshot.png": ("PNG", 1),
        "photo.jpg": ("JPEG", 1),
        "rack.jpg": ("JPEG", 1),
        "dashboard.png": ("PNG", 1),
        "tool.gif": ("GIF", 4),
        "spinner-still.png": ("PNG", 1),
        "spinner.png": ("PNG", 4),
        "iphone.jpg": ("JPEG", 1),
        "tagged.jpg": ("JPEG", 1),
    }


@pytest.fixture(scope="module")
def latex(source: Path) -> Path:
    """`make latexpdf` of the throwaway site: its LaTeX folder, PDF inside."""
    if shutil.which("latexmk") is None or shutil.which("pdfimages") is None:
        missing("latexmk or pdfimages", "apt-get install latexmk texlive-latex-extra poppler-utils")
    base = source.parent
    # pdfTeX cannot include an SVG (the site has no image converter): the rest only.
    paper = Path(shutil.copytree(source, base / "paper"))
    page = paper / f"{PAGE}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("![A teal box](diagram.svg)", ""), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            "latexpdf",
            str(paper),
            str(base / "build"),
            *STRICT,
            "-q",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode -halt-on-error"},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return base / "build" / "latex"


def test_the_latex_print_embeds_only_stripped_upright_pictures(
    latex: Path, tmp_path: Path, originals: dict[bytes, str]
) -> None:
    handed = published_rasters(latex)
    assert [problem for path in handed for problem in material.privacy_problems(path)] == []
    assert [p.name for p in handed if p.read_bytes() in originals] == []
    # pdfTeX embeds a JPEG's bytes as they are: read them back out of the PDF.
    [pdf] = latex.glob("*.pdf")
    subprocess.run(["pdfimages", "-all", str(pdf), str(tmp_path / "img")], check=True)
    jpegs = sorted(tmp_path.glob("img-*.jpg"))
    assert len(jpegs) == 4  # the red photo, the rack, the iPhone's and the tagged one
    for jpeg in jpegs:
        assert material.metadata_blocks(jpeg) == [], jpeg.name
        assert not any(marker in jpeg.read_bytes() for marker in material.FORBIDDEN), jpeg.name
    names = sorted(re.sub(r"-[0-9a-f]{16}", "", p.name) for p in handed)
    # LaTeX cannot animate: every animation is its first frame.
    assert names == sorted(
        [
            "screenshot.png",
            "photo.jpg",
            "rack.jpg",
            "dashboard.png",
            "tool-still.png",
            "spinner-still.png",
            "spinner-still.png",
            "iphone.jpg",
            "tagged.jpg",
        ]
    )


# -- Pictures the build cannot publish ------------------------------------------------------


BROKEN = """
![A picture cut short]({cut})

```{{figure}} error.png
:alt: A web page saved as a picture

Not a picture.
```

![A picture too large to publish](huge.png)

![A JPEG 2000 scan](scan.jp2)

![A whole picture](whole.png)

![](bare.png)
"""


def test_broken_pictures_fail_the_build_each_saying_where_and_what_to_do(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "src")
    folder = site / "play"
    whole = material.screenshot(folder / "whole.png").read_bytes()
    (folder / "cut.png").write_bytes(whole[: len(whole) // 2])  # an interrupted download
    (folder / "error.png").write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>\n"
    )
    (folder / "huge.png").write_bytes(material.png_header(20000, 20000))
    Image.new("RGB", (64, 64), "red").save(folder / "scan.jp2")
    Image.new("RGB", (64, 64), "red").save(folder / "bare.png")
    page = folder / "passphraser.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + BROKEN.format(cut="cut.png"), "utf-8")
    build = sphinx_build(site, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert build.returncode != 0
    assert "Traceback" not in build.output and "Exception occurred" not in build.output
    warnings = [line for line in build.output.splitlines() if "WARNING" in line]
    fix = " export it as JPEG (photos), PNG (screenshots, drawings), GIF or WebP (animations)"
    assert warnings == [
        # Read first, every page: the alt-text rule.
        f"{page}:{lines + 16}: WARNING: image 'play/bare.png' has no alt text; add ':alt:'"
        " saying what the picture shows [portfolio.image]",
        f"{page}:{lines + 2}: WARNING: picture 'play/cut.png' could not be read (image file is"
        " truncated): the file is damaged or cut short; export or download it again"
        " [portfolio.image]",
        f"{page}:{lines + 4}: WARNING: picture 'play/error.png' is not a picture: it starts"
        " b'<!DOCTYPE html>\\n<html><head><title>404 N' (a web page saved under a picture's"
        " name?); download or export the picture again [portfolio.image]",
        f"{page}:{lines + 10}: WARNING: picture 'play/huge.png' is 400.0 megapixels, over the"
        " limit of 100 megapixels (all frames together); scale it down: a page shows at most"
        " 1536 pixels of its width, and 8000 on the longer side is plenty to click through to"
        " [portfolio.image]",
        f"{page}:{lines + 12}: WARNING: picture 'play/scan.jp2' is in a format the site does"
        f" not publish (JPEG 2000 (ISO 15444));{fix} [portfolio.image]",
    ]
    # The rest of the build went on: the whole picture is published, and nothing of
    # the broken ones is, in the site or half-written in the cache.
    cache = sorted(p.name for p in (tmp_path / "doctrees" / "portfolio-images").iterdir())
    assert [re.sub(r"-[0-9a-f]{16}", "", name) for name in cache] == sorted(
        ["whole.json", "whole.png", "bare.json", "bare.png"]
        + [f"whole-{w}.webp" for w in (320, 480, 768, 1152, 1400)]
        + ["bare-64.webp"]
    )
    site_images = {
        re.sub(r"-[0-9a-f]{16}", "", p.name) for p in (tmp_path / "html" / "_images").iterdir()
    }
    assert not site_images & {"cut.png", "error.png", "huge.png", "scan.jp2"}


def test_a_missing_image_fails_the_build(tmp_path: Path) -> None:
    source = copy_site(tmp_path / "src")
    page = source / f"{PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A lost picture](gone.png)\n", "utf-8")
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode != 0
    assert f"{page}:" in build.output and "gone.png" in build.output, build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    ("alt", "message"),
    [
        ("", "image 'play/bare.png' has no alt text; add ':alt:' saying what the picture shows"),
        (
            "bare.png",
            "image 'play/bare.png' has its file name as alt text ('bare.png'); "
            "write what the picture shows instead",
        ),
    ],
)
def test_an_image_without_a_description_fails_the_build(
    tmp_path: Path, alt: str, message: str
) -> None:
    source = copy_site(tmp_path / "src")
    Image.new("RGB", (40, 20)).save(source / "play" / "bare.png")
    page = source / f"{PAGE}.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + f"\n![{alt}](bare.png)\n", "utf-8")
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode != 0
    assert f"{page}:{lines + 2}: WARNING: {message}" in build.output, build.output


def test_a_rebuild_encodes_nothing_unchanged(tmp_path: Path) -> None:
    source = copy_site(tmp_path / "src")
    page = add_pictures(source)
    cache = tmp_path / "doctrees" / "portfolio-images"

    def build() -> dict[str, int]:
        result = sphinx_build(source, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
        assert result.returncode == 0, result.output
        return {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}

    first = build()
    # Each picture's manifest and full-size copy, and five widths of each.
    assert len(first) == 14
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    assert build() == first
    assert "One more line." in (tmp_path / "html" / f"{PAGE}.html").read_text(encoding="utf-8")


def test_a_48_megapixel_phone_photo_builds(tmp_path: Path) -> None:
    photo = material.phone_photo(tmp_path / "big.jpg", 8000, 6000)
    started = time.process_time()
    picture = publish(photo, "big.jpg", tmp_path / "cache", candidates=True)
    assert picture.size == (6000, 8000)
    assert [width for _, width in picture.candidates] == list(WIDTHS)
    assert time.process_time() - started < 120  # a hang, not a timing: README has the number


# -- Material made by other tools ----------------------------------------------------------

#: Debian's ImageMagick (the alternatives link: /usr/local/bin may hold something else).
IMAGEMAGICK = Path("/usr/bin/convert")
TOOLS = "apt-get install imagemagick libimage-exiftool-perl libheif-examples"


def tool(*command: str | Path, cwd: Path) -> None:
    subprocess.run([str(part) for part in command], cwd=cwd, check=True, capture_output=True)


def test_pictures_made_by_other_tools_are_published_upright_and_stripped(tmp_path: Path) -> None:
    if not IMAGEMAGICK.is_file() or not shutil.which("exiftool") or not shutil.which("heif-enc"):
        missing("ImageMagick, exiftool or heif-enc", TOOLS)
    # A camera's JPEG: encoded by ImageMagick (libjpeg), stored turned a quarter to the
    # left; exiftool writes the orientation, GPS, camera, IPTC, XMP and a thumbnail.
    tool(
        IMAGEMAGICK, "-size", "120x160", "xc:rgb(128,128,100)",
        "-fill", "rgb(220,20,20)", "-draw", "rectangle 0,0 29,39",
        "-fill", "rgb(20,20,220)", "-draw", "rectangle 90,120 119,159",
        "-rotate", "-90", "-type", "TrueColor", "-quality", "92", "camera.jpg", cwd=tmp_path,
    )  # fmt: skip
    tool(IMAGEMAGICK, "camera.jpg", "-resize", "40x30", "thumb.jpg", cwd=tmp_path)
    tool(
        "exiftool", "-q", "-overwrite_original", "-Orientation#=6", "-Make=Rack",
        f"-Model={material.CAMERA}", "-GPSLatitude=37.775", "-GPSLatitudeRef=N",
        "-GPSLongitude=122.419", "-GPSLongitudeRef=W", f"-IPTC:City={material.PLACE}",
        f"-XMP:Label={material.PLACE}", "-ThumbnailImage<=thumb.jpg", "camera.jpg", cwd=tmp_path,
    )  # fmt: skip
    # An animated GIF with a comment, and a HEIC from libheif's own encoder, which
    # copies a JPEG's EXIF (GPS and all) into it.
    tool(
        IMAGEMAGICK, "-comment", f"GPS {material.PLACE}", "-delay", "20", "-size", "60x40",
        "xc:red", "xc:blue", "xc:green", "-loop", "0", "anim.gif", cwd=tmp_path,
    )  # fmt: skip
    material.upright(160, 120).save(tmp_path / "upright.jpg", exif=material.exif(None))
    tool("heif-enc", "-q", "80", "upright.jpg", "-o", "phone.heic", cwd=tmp_path)
    for name in ("camera.jpg", "anim.gif", "phone.heic"):  # the tools did plant them
        assert material.privacy_problems(tmp_path / name), name
    made = {}
    for name in ("camera.jpg", "anim.gif", "phone.heic"):
        picture = publish(tmp_path / name, name, tmp_path / "cache", candidates=True)
        files = [picture.full] + [path for path, _ in picture.candidates + picture.stills]
        assert [p for path in files for p in material.privacy_problems(path)] == [], name
        with Image.open(picture.full) as full:
            made[name] = (full.format, full.size, getattr(full, "n_frames", 1))
            if name != "anim.gif":
                assert material.corners(full) == ("red", "blue"), name
    assert made == {
        "camera.jpg": ("JPEG", (120, 160), 1),
        "anim.gif": ("GIF", (60, 40), 3),
        "phone.heic": ("JPEG", (160, 120), 1),
    }


# -- In a real browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("width", "scale", "expected"), [(375, 3, "screenshot-1152"), (1280, 1, "screenshot-768")]
)
def test_the_browser_loads_the_candidate_for_its_screen(
    browser: Browser, pictured: Path, width: int, scale: int, expected: str
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale
    )
    try:
        page = context.new_page()
        page.goto((pictured / f"{PAGE}.html").as_uri(), wait_until="load")
        image = page.locator("article img").first
        image.scroll_into_view_if_needed()
        page.wait_for_function("document.querySelector('article img').complete")
        current = image.evaluate("img => img.currentSrc")
        shown = image.evaluate("img => img.getBoundingClientRect().width")
    finally:
        context.close()
    assert re.sub(r"-[0-9a-f]{16}-", "-", current).endswith(f"/_images/{expected}.webp")
    assert shown <= width  # fits the screen


def shot(locator: object) -> Image.Image:
    from io import BytesIO

    return Image.open(BytesIO(locator.screenshot(animations="allow")))  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_the_browser_shows_every_photo_upright_and_animations_moving(
    browser: Browser, pictured: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto((pictured / f"{PHOTO_PAGE}.html").as_uri(), wait_until="load")
        seen = {}
        for name, (alt, size) in MATERIAL.items():
            image = page.locator(f'article img[alt="{alt}"]')
            image.scroll_into_view_if_needed()
            image.evaluate("img => img.decode()")
            box = image.bounding_box()
            assert box is not None
            first = shot(image)
            seen[name] = (
                material.corners(first),
                abs(box["width"] / box["height"] - size[0] / size[1]) < 0.02,
                re.sub(r"-[0-9a-f]{16}", "", image.evaluate("img => img.currentSrc")).rsplit(
                    "/", 1
                )[1],
            )
            if name == "tool.gif":
                # Four frames of 200 to 500 ms: within two seconds the bar has moved.
                frames = {first.tobytes()}
                deadline = time.monotonic() + 2
                while len(frames) < 2 and time.monotonic() < deadline:
                    page.wait_for_timeout(150)
                    frames.add(shot(image).tobytes())
                assert len(frames) > 1, "the GIF's candidate does not move"
    finally:
        context.close()
    assert {name: seen[name][:2] for name in seen} == {
        name: (("red", "blue"), True) for name in MATERIAL
    }
    # Whichever candidate the browser picked, each animation's moving one.
    assert [
        seen[name][2].removesuffix(".webp").rsplit("-", 1)[1].isdigit() for name in ANIMATIONS
    ] == [True] * 3


@pytest.mark.browser
def test_a_reader_who_asks_for_reduced_motion_gets_the_still_frame(
    browser: Browser, pictured: Path
) -> None:
    context = browser.new_context(reduced_motion="reduce", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto((pictured / f"{PHOTO_PAGE}.html").as_uri(), wait_until="load")
        image = page.locator(f'article img[alt="{MATERIAL["tool.gif"][0]}"]')
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        current = image.evaluate("img => img.currentSrc")
        frames = set()
        for _ in range(8):
            frames.add(shot(image).tobytes())
            page.wait_for_timeout(150)
    finally:
        context.close()
    assert current.endswith("-240-still.webp")
    assert len(frames) == 1


@pytest.mark.browser
def test_the_copy_button_copies_commands_not_prompts_or_output(
    browser: Browser, pictured: Path
) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto((pictured / f"{CODE_PAGE}.html").as_uri(), wait_until="load")
        copied = []
        buttons = page.locator("button.copybtn")
        for index in range(buttons.count()):
            buttons.nth(index).click(force=True)  # shown on hover
            page.wait_for_function("navigator.clipboard.readText().then(t => t !== '')")
            copied.append(page.evaluate("navigator.clipboard.readText()"))
            page.evaluate("navigator.clipboard.writeText('')")
    finally:
        context.close()
    assert copied == [
        "python3 -m passphraser --words 4\n",
        "import passphraser\npassphraser.words(\n    2)\n",
    ]
