"""The career timeline: every role a bar with its years, a link, and a list read aloud."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser

from conftest import ROOT, sphinx_build
from portfolio.frontmatter import Page, read_page
from portfolio.model import Role

#: The pages that show the timeline, and where the employer pages are from them.
TIMELINE_PAGES = {"work/index.html": "", "index.html": "work/"}


def employers(root: Path = ROOT) -> list[Page]:
    pages = []
    for path in sorted((root / "work").glob("*.md")):
        page, problems = read_page(path, f"work/{path.stem}")
        assert not problems
        if page is not None and page.roles:
            pages.append(page)
    return pages


def chart(html: Path) -> Tag:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    found = soup.select(".portfolio-timeline")
    assert len(found) == 1, f"{html.name} has {len(found)} timelines"
    return found[0]


def style_vars(tag: Tag) -> dict[str, float]:
    return {
        name: float(value) for name, value in re.findall(r"--([\w-]+):\s*([\d.]+)", tag["style"])
    }


def bars(timeline: Tag) -> dict[str, Tag]:
    """Each role's link, by the anchor it points to."""
    return {str(link["href"]).rpartition("#")[2]: link for link in timeline.select("a.tl-link")}


def expected_years(role: Role, first: int) -> tuple[float, float | None]:
    """Where the bar should start and end, in years after ``first``; ``None``: today."""
    end = None if role.span.end is None else role.span.end.year + 1 - first
    return role.span.start.year - first, end


def check_bars(html: Path, pages: list[Page], prefix: str) -> list[str]:
    """Every role's bar, link, label and years on the chart in ``html``, as problems."""
    timeline = chart(html)
    first = min(role.span.start.year for page in pages for role in page.roles)
    problems = []
    ticks = [tick.get_text() for tick in timeline.select(".tl-tick")]
    if not ticks or ticks[0] != str(first):
        problems.append(f"the axis starts at {ticks[:1]}, not at the first role's year {first}")
    links = bars(timeline)
    for page in pages:
        stem = page.docname.removeprefix("work/")
        for role in page.roles:
            link = links.pop(role.id, None)
            if link is None:
                problems.append(f"{role.id}: no bar")
                continue
            if link["href"] != f"{prefix}{stem}.html#{role.id}":
                problems.append(f"{role.id}: links to {link['href']}")
            # What a screen reader reads: the track is aria-hidden and empty.
            if link.get_text() != f"{role.title}, {role.span}":
                problems.append(f"{role.id}: reads {link.get_text()!r}")
            employer = link.find_parent("li", class_="tl-employer")
            if employer.select_one(".tl-employer-name").get_text() != page.title:
                problems.append(f"{role.id}: grouped under another employer")
            bar = style_vars(link.select_one(".tl-bar"))
            start, end = expected_years(role, first)
            if bar["from"] != start or (end is not None and bar["to"] != end):
                problems.append(
                    f"{role.id}: bar from {bar['from']} to {bar['to']}, not {start} to {end}"
                )
            if end is None and not bar["from"] < bar["to"] <= style_vars(timeline)["tl-years"]:
                problems.append(f"{role.id}: an ongoing bar must run to today, inside the chart")
    problems += [f"{anchor}: a bar for no role" for anchor in links]
    return problems


@pytest.mark.parametrize(("page", "prefix"), TIMELINE_PAGES.items())
def test_every_role_has_a_bar_with_its_years(site: Path, page: str, prefix: str) -> None:
    pages = employers()
    assert sum(len(p.roles) for p in pages) == 8
    assert check_bars(site / page, pages, prefix) == []


def test_bars_are_grouped_by_employer_newest_first(site: Path) -> None:
    names = [
        tag.get_text() for tag in chart(site / "work" / "index.html").select(".tl-employer-name")
    ]
    assert names == ["Meta", "Vimeo", "Google", "University of California, San Diego"]


def test_the_landing_page_has_the_compact_chart(site: Path) -> None:
    assert "tl-compact" in chart(site / "index.html")["class"]
    assert "tl-compact" not in chart(site / "work" / "index.html")["class"]


def test_the_bars_and_axis_are_hidden_from_screen_readers(site: Path) -> None:
    timeline = chart(site / "work" / "index.html")
    assert timeline["role"] == "figure" and timeline["aria-label"].startswith("Career timeline")
    hidden = timeline.select(".tl-axis, .tl-track")
    assert hidden and all(tag["aria-hidden"] == "true" for tag in hidden)
    assert all(not tag.find("a") for tag in hidden), "nothing focusable may be aria-hidden"


def test_the_check_catches_a_wrong_year(site: Path, tmp_path: Path) -> None:
    html = tmp_path / "index.html"
    html.write_text(
        (site / "work" / "index.html")
        .read_text(encoding="utf-8")
        .replace("--from: 3;", "--from: 4;", 1),
        encoding="utf-8",
    )
    assert check_bars(html, employers(), "") == ["google-sre: bar from 4.0 to 10.0, not 3 to 10"]


NEW_EMPLOYER = """\
---
kind: employer
title: Example Systems
summary: A planted page.
links:
  - title: example.com
    url: https://example.com/
roles:
  - id: example-engineer
    title: Junior Engineer
    start: 2004
    end: 2005
    skills: [python]
---

```{facts}
```

```{position} example-engineer
Planted.
```
"""


def test_a_new_role_adds_its_bar(site_copy: Path, tmp_path: Path) -> None:
    (site_copy / "work" / "example.md").write_text(NEW_EMPLOYER, encoding="utf-8")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    pages = employers(site_copy)
    assert "work/example" in {page.docname for page in pages}
    for page, prefix in TIMELINE_PAGES.items():
        assert check_bars(build.outdir / page, pages, prefix) == []
    # 2004-2005 is two whole years from the start of the axis; Meta now starts 15 years in.
    links = bars(chart(build.outdir / "work" / "index.html"))
    assert style_vars(links["example-engineer"].select_one(".tl-bar")) == {"from": 0, "to": 2}
    assert style_vars(links["meta-production-engineer"].select_one(".tl-bar"))["from"] == 15


def test_a_role_without_its_section_is_an_error(site_copy: Path, tmp_path: Path) -> None:
    page = site_copy / "work" / "example.md"
    page.write_text(NEW_EMPLOYER.split("```{position}")[0], encoding="utf-8")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert re.search(
        r"work/index\.md:\d+: WARNING: \{timeline\}: role 'example-engineer' has no section to link"
        r" to; its employer page needs a ```\{position\} example-engineer``` block",
        build.output,
    ), build.output


@pytest.mark.parametrize(
    ("builder", "page", "expected", "charts"),
    [
        ("text", "work/index.txt", "* Production Engineer, 2019–present", 1),
        (
            "latex",
            "michael-j-kelly.tex",
            (
                r"{\hyperref[\detokenize{work/meta:meta-production-engineer}]{\sphinxcrossref{"
                r"\DUrole{tl-label}{\DUrole{tl-title}{Production Engineer}\DUrole{tl-sep}{, }"
                r"\DUrole{tl-dates}{2019\textendash{}present}}}}}"
            ),
            1,
        ),
        (
            "singlehtml",
            "index.html",
            'class="tl-link reference internal" href="#meta-production-engineer"',
            2,
        ),
    ],
)
def test_other_builders_get_the_list(
    tmp_path: Path, builder: str, page: str, expected: str, charts: int
) -> None:
    """Paper and text get the full chart's list, linked where they can link; no bars."""
    build = sphinx_build(
        ROOT, tmp_path / builder, "-d", str(tmp_path / "doctrees"), builder=builder
    )
    assert build.returncode == 0, build.output
    text = (build.outdir / page).read_text(encoding="utf-8")
    assert text.count(expected) == charts
    if builder != "singlehtml":
        assert "tl-bar" not in text and "--tl-years" not in text


# -- In a browser -----------------------------------------------------------------

#: Run in the page: what a reader would see wrong with the chart, in one mode and width.
GEOMETRY = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
  const rgb = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = rgb(colour).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = luminance(getComputedStyle(document.body).backgroundColor);
  for (const bar of document.querySelectorAll('.tl-bar')) {
    const id = bar.closest('a').hash;
    const box = bar.getBoundingClientRect();
    const track = bar.parentElement.getBoundingClientRect();
    if (box.left < track.left - 0.5 || box.right > track.right + 0.5)
      problems.push(`${id}: the bar runs outside its track`);
    if (box.right > width) problems.push(`${id}: the bar is off the screen`);
    if (box.width < 4 || box.height < 4) problems.push(`${id}: the bar is too small to see`);
    const colour = luminance(getComputedStyle(bar).borderLeftColor);
    const contrast = (Math.max(colour, background) + 0.05) / (Math.min(colour, background) + 0.05);
    if (contrast < 3) problems.push(`${id}: the bar's contrast with the page is ${contrast.toFixed(2)}`);
  }
  return problems;
}"""


def seen(browser: Browser, html: Path, width: int, scheme: str) -> list[str]:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(html.as_uri())
        return [f"{width}px {scheme}: {problem}" for problem in page.evaluate(GEOMETRY)]
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("page", TIMELINE_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_chart_fits_and_shows_in_both_modes(
    browser: Browser, site: Path, page: str, scheme: str, width: int
) -> None:
    assert seen(browser, site / page, width, scheme) == []


@pytest.mark.browser
def test_the_browser_check_catches_an_overflowing_or_invisible_bar(
    browser: Browser, site: Path, tmp_path: Path
) -> None:
    broken = Path(shutil.copytree(site, tmp_path / "html"))
    page = broken / "work" / "index.html"
    text = page.read_text(encoding="utf-8").replace("--to: 14", "--to: 40", 1)
    # The dark palette's first hue planted as the page's own background.
    text = text.replace(
        "</head>", "<style>.tl-hue-0 { --tl-color: #131416 !important; }</style></head>"
    )
    page.write_text(text, encoding="utf-8")
    problems = seen(browser, page, 375, "dark")
    assert "375px dark: #vimeo-lead-sre: the bar runs outside its track" in problems
    assert any(
        p.startswith("375px dark: #meta-production-engineer: the bar's contrast") for p in problems
    )
