"""What a reader gets who prints a page from Chromium: sheets, and their colours.

A page is printed as a reader with the dark theme stored (furo keeps the choice
in localStorage) would print it, with background graphics on, so a dark screen
that leaks onto paper shows; poppler reads the PDF (page count, and each sheet
rendered small in grey to measure how light it is).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from conftest import missing

from .browsercheck import Browsing

#: Paper is white: a sheet's mean grey (0 black, 255 white) at least this. A full
#: sheet of the résumé's black text on white averages about 228 at 10 dpi; a sheet
#: printed on furo's dark background, about 70.
LIGHT = 160


def print_to_pdf(browsing: Browsing, page: Path, paper: str, theme: str = "dark") -> bytes:
    with browsing.open(page, theme=theme) as opened:
        opened.page.emulate_media(media="print")
        return opened.page.pdf(format=paper, print_background=True)


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        missing(f"poppler's {tool}", "apt-get install poppler-utils")
    return str(path)


def sheets(pdf: bytes) -> list[float]:
    """The mean grey of each sheet of ``pdf``, rendered at 10 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "print.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            [poppler("pdftoppm"), "-r", "10", "-gray", str(path), str(Path(folder) / "sheet")],
            check=True,
        )
        return [_mean_grey(image.read_bytes()) for image in sorted(Path(folder).glob("sheet*.pgm"))]


def _mean_grey(pgm: bytes) -> float:
    """The mean of a binary PGM's pixels (P5, 8 bits, as pdftoppm writes them)."""
    magic, width, height, maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    pixels = pixels[: int(width) * int(height)]
    return sum(pixels) / len(pixels)


def page_count(pdf: bytes) -> int:
    info = subprocess.run(
        [poppler("pdfinfo"), "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def print_problems(
    browsing: Browsing, page_name: str, papers: tuple[str, ...], max_sheets: int
) -> list[str]:
    """The page must print on at most ``max_sheets`` of each paper, light even from dark mode."""
    problems = []
    for paper in papers:
        pdf = print_to_pdf(browsing, browsing.root / page_name, paper)
        count = page_count(pdf)
        if count > max_sheets:
            problems.append(
                f"{page_name}: prints on {count} {paper} pages; at most {max_sheets} fit a résumé"
            )
        dark = [
            f"{number}: {grey:.0f}" for number, grey in enumerate(sheets(pdf), 1) if grey < LIGHT
        ]
        if dark:
            problems.append(
                f"{page_name}: printed from dark mode on {paper}, sheets are dark "
                f"(mean grey of sheet {', '.join(dark)}; white paper is over {LIGHT})"
            )
    return problems


def print_colour_problems(browsing: Browsing, page_name: str, selectors: list[str]) -> list[str]:
    """Printed, the dark theme must give the same colours as the light one."""
    script = """selectors => selectors.map(s => {
        const node = document.querySelector(s);
        if (!node) return [s, 'missing'];
        const style = getComputedStyle(node);
        return [s, `${style.color} on ${style.backgroundColor}, border ${style.borderTopColor}`];
    })"""
    colours = {}
    for theme in ("light", "dark"):
        with browsing.open(browsing.root / page_name, theme=theme) as opened:
            opened.page.emulate_media(media="print")
            colours[theme] = dict(opened.page.evaluate(script, selectors))
    return [
        f"{page_name}: printed from dark mode, {selector} is {colours['dark'][selector]}, "
        f"not {colours['light'][selector]} as from light mode"
        for selector in selectors
        if colours["dark"][selector] != colours["light"][selector]
    ]
