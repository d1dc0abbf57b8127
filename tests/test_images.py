"""Pictures and code in a write-up (portfolio.images, sphinx-copybutton), on a throwaway
site whose write-up holds a large PNG, a JPEG, an SVG and code with prompts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser

from conftest import copy_site, sphinx_build
from portfolio.images import WIDTHS
from portfolio.pageweight import fetched_urls
from test_budgets import floor, over_budget  # noqa: F401  floor is a fixture

# The module's site is built once: under `make test`'s two processes every test of
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


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pictured")
    add_pictures(copy_site(base / "src"))
    build = sphinx_build(base / "src", base / "html", "-d", str(base / "doctrees"))
    assert build.returncode == 0, build.output
    return build.outdir


def images(outdir: Path) -> list:
    html = (outdir / f"{PAGE}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").article.find_all("img")


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
        # The original is one click away.
        assert img.parent.name == "a" and img.parent["href"] == img["src"]
        assert (page_folder / img["src"]).read_bytes()[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0")
    assert widths == [320, 480, 768, 1152, 1200]  # the JPEG: no candidate wider than it
    # The first picture is likely on the first screen; later ones wait for the reader.
    assert not screenshot.has_attr("loading") and photo["loading"] == "lazy"
    # SVG scales by itself: left as written.
    assert diagram["src"] == "../_images/diagram.svg" and not diagram.has_attr("srcset")


def test_a_phone_fetches_a_candidate_not_the_original(pictured: Path) -> None:
    html = (pictured / f"{PAGE}.html").read_text(encoding="utf-8")
    fetched = [u for u in fetched_urls(html, pictured / "play") if "_images" in u]
    assert [re.sub(r"-[0-9a-f]{16}-", "-", u) for u in fetched] == [
        "../_images/screenshot-1152.webp",  # 375 CSS px at 3x: 1125 device px
        "../_images/photo-1152.webp",
        "../_images/diagram.svg",
    ]
    phone = sum((pictured / "play" / u).stat().st_size for u in fetched)
    original = (pictured / "_images" / "screenshot.png").stat().st_size
    assert phone < original / 4


def test_a_write_up_with_a_large_photo_stays_within_the_budget(
    pictured: Path,
    floor: Path,  # noqa: F811
) -> None:
    assert [p for p in over_budget(pictured, floor) if p.startswith(PAGE)] == []


def test_code_gets_highlighting_and_a_copy_button_from_the_site(pictured: Path) -> None:
    html = (pictured / f"{CODE_PAGE}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    linked = [tag.get("href") or tag.get("src") for tag in soup.find_all(["link", "script"])]
    assert any("copybutton.js" in str(url) for url in linked)
    assert any("pygments.css" in str(url) for url in linked)
    assert all(not str(url).startswith(("http:", "https:", "//")) for url in linked if url)
    # A page without code links neither.
    other = (pictured / "play" / "weatherdash.html").read_text(encoding="utf-8")
    assert "copybutton" not in other and "pygments.css" not in other
    script = (pictured / "_static" / "copybutton.js").read_text(encoding="utf-8")
    assert r"\\$ |>>> |\\.\\.\\. " in script


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


def test_a_missing_image_fails_the_build(tmp_path: Path) -> None:
    source = copy_site(tmp_path / "src")
    page = source / f"{PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A lost picture](gone.png)\n", "utf-8")
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode != 0
    assert f"{page}:" in build.output and "gone.png" in build.output, build.output
    assert "Traceback" not in build.output


def test_a_rebuild_encodes_nothing_unchanged(tmp_path: Path) -> None:
    source = copy_site(tmp_path / "src")
    page = add_pictures(source)
    cache = tmp_path / "doctrees" / "portfolio-images"

    def build() -> dict[str, int]:
        result = sphinx_build(source, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
        assert result.returncode == 0, result.output
        return {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}

    first = build()
    assert len(first) == 10  # five widths of the PNG, five of the JPEG
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    assert build() == first
    assert "One more line." in (tmp_path / "html" / f"{PAGE}.html").read_text(encoding="utf-8")


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
