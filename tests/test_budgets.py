"""Budgets held in sizes, not times, so they never flake.

* Page weight: no page makes a browser fetch more than BUDGET times what the same
  page of a bare sphinx-quickstart site with furo and sphinx-design costs (both
  built here, now, with the pinned versions).
* No dead weight: every CSS and JS file shipped is used by a page, and no page
  links the code-highlighting CSS or the tab script without code or tabs.
* Reproducible: two builds of the same sources, in different folders, with
  SOURCE_DATE_EPOCH set, are byte-identical.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_site, once_per_run, run_folder, sphinx_build
from floor import make_floor
from portfolio.pageweight import Weight, page_weight, site_weights

#: How many times the floor's bytes a page may make a browser fetch.
BUDGET = 1.25

#: 2024-06-08, the résumé's revision: any fixed instant will do.
EPOCH = {"SOURCE_DATE_EPOCH": "1717804800"}

#: Assets only some pages need, and the CSS selector of what needs them.
NEEDS = {
    "pygments.css": ("div.highlight", "highlighted code"),
    "design-tabs.js": (".sd-tab-set", "tab set"),
}


# -- Page weight --------------------------------------------------------------


def _build_floor(folder: Path) -> None:
    build = sphinx_build(make_floor(folder / "src"), folder / "html")
    assert build.returncode == 0, build.output


@pytest.fixture(scope="session")
def floor(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The bare quickstart site, built as strictly as ours, once per run; its HTML folder."""
    return once_per_run(run_folder(tmp_path_factory, worker_id), "floor", _build_floor) / "html"


def counterpart(floor: Path, page: str) -> Path:
    """The floor's page of the same kind: search and index pages are their own kind."""
    same = floor / page
    return same if same.is_file() else floor / "index.html"


def over_budget(site: Path, floor: Path, budget: float = BUDGET) -> list[str]:
    problems = []
    for page, weight in site_weights(site).items():
        base = page_weight(counterpart(floor, page))
        for measure in ("raw", "gzip"):
            ours, theirs = getattr(weight, measure)(), getattr(base, measure)()
            if ours > budget * theirs:
                problems.append(
                    f"{page}: a browser fetches {ours:,} bytes ({measure}), {ours / theirs:.2f}x the "
                    f"bare quickstart's {theirs:,} (budget {budget}x); the largest file is "
                    f"{_largest(weight, site)}"
                )
    return problems


def _largest(weight: Weight, root: Path) -> str:
    path, size = weight.largest()
    return f"{path.relative_to(root.resolve())} ({size:,} bytes)"


def test_every_page_is_within_the_weight_budget(site: Path, floor: Path) -> None:
    assert over_budget(site, floor) == []


def test_the_floor_is_a_real_site(floor: Path) -> None:
    # A floor of nothing would make every budget fail, or a broken one pass.
    weight = page_weight(floor / "index.html")
    assert {p.name for p in weight.files} >= {
        "index.html",
        "furo.css",
        "sphinx-design.min.css",
        "furo.js",
    }
    assert weight.missing == []


def test_budget_catches_an_oversized_asset(site_copy: Path, tmp_path: Path, floor: Path) -> None:
    (site_copy / "_static" / "hero.css").write_text("/*" + "x" * 120_000 + "*/\n", encoding="utf-8")
    conf = site_copy / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nhtml_css_files.append("hero.css")\n', encoding="utf-8"
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    problems = over_budget(build.outdir, floor)
    assert any(
        p.startswith("index.html: a browser fetches")
        and "(raw)" in p
        and "_static/hero.css (120,005 bytes)" in p
        for p in problems
    ), problems


# -- No dead weight -----------------------------------------------------------


def unused_assets(site: Path) -> list[str]:
    """CSS and JS files shipped in the site that no page makes a browser fetch."""
    used = set().union(*(w.files for w in site_weights(site).values()))
    return [
        f"{path.relative_to(site).as_posix()} is shipped but no page uses it"
        for path in sorted(site.rglob("*"))
        if path.suffix in (".css", ".js") and path.resolve() not in used
    ]


def needless_links(site: Path) -> list[str]:
    """Pages that link an asset for something they do not have."""
    problems = []
    for page, weight in site_weights(site).items():
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        for path in weight.files:
            if path.name in NEEDS:
                selector, what = NEEDS[path.name]
                if not soup.select_one(selector):
                    problems.append(f"{page} links {path.name} but has no {what} ({selector})")
    return problems


def test_no_unused_css_or_js_is_shipped(site: Path) -> None:
    assert unused_assets(site) == []


def test_no_page_links_an_asset_it_does_not_need(site: Path) -> None:
    assert needless_links(site) == []


def test_search_and_theme_switch_keep_their_scripts(site: Path) -> None:
    search = {p.name for p in page_weight(site / "search.html").files}
    assert {
        "searchtools.js",
        "language_data.js",
        "documentation_options.js",
        "searchindex.js",
    } <= search
    for page, weight in site_weights(site).items():
        assert "furo.js" in {p.name for p in weight.files}, f"{page} lost the theme switch"


def test_dead_weight_shows_without_the_trim(site_copy: Path, tmp_path: Path) -> None:
    conf = site_copy / "conf.py"
    text = conf.read_text(encoding="utf-8")
    assert '"portfolio.assets"' in text
    conf.write_text(text.replace('"portfolio.assets"', "", 1), encoding="utf-8")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "_static/basic.css is shipped but no page uses it" in unused_assets(build.outdir)
    assert "index.html links design-tabs.js but has no tab set (.sd-tab-set)" in needless_links(
        build.outdir
    )
    assert (
        "index.html links pygments.css but has no highlighted code (div.highlight)"
        in needless_links(build.outdir)
    )


def test_an_unused_file_of_the_authors_is_kept_and_reported(
    site_copy: Path, tmp_path: Path
) -> None:
    (site_copy / "_static" / "leftover.js").write_text("console.log('unused');\n", encoding="utf-8")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert unused_assets(build.outdir) == ["_static/leftover.js is shipped but no page uses it"]


def test_a_page_with_code_and_tabs_gets_their_assets(site_copy: Path, tmp_path: Path) -> None:
    page = site_copy / "play" / "nato-alpha.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n```python\nprint('alpha')\n```\n\n::::{tab-set}\n:::{tab-item} One\nA\n:::\n:::{tab-item} Two\nB\n:::\n::::\n",
        encoding="utf-8",
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert {"pygments.css", "design-tabs.js"} <= {
        p.name for p in page_weight(build.outdir / "play/nato-alpha.html").files
    }
    assert {"pygments.css", "design-tabs.js"}.isdisjoint(
        p.name for p in page_weight(build.outdir / "index.html").files
    )
    assert unused_assets(build.outdir) == []
    assert needless_links(build.outdir) == []


# -- Reproducible -------------------------------------------------------------


def differences(first: Path, second: Path) -> list[str]:
    """Files that differ between two builds, with the first differing line of each."""
    names = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    others = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    problems = [f"{name} is in only one build" for name in sorted(names ^ others)]
    for name in sorted(names & others):
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if a != b:
            lines = difflib.unified_diff(
                a.decode(errors="replace").splitlines(),
                b.decode(errors="replace").splitlines(),
                n=0,
                lineterm="",
            )
            changed = next(
                (line for line in lines if line.startswith("+") and not line.startswith("+++")), ""
            )
            problems.append(
                f"{name.as_posix()} differs between two builds of the same sources: {changed[:160]}"
            )
    return problems


def build_twice(
    tmp_path: Path, conf_extra: str = "", second: tuple[str, ...] = ()
) -> tuple[Path, Path]:
    """The same sources, copied into two folders, built with a fixed SOURCE_DATE_EPOCH;
    the second build with the options ``second``."""
    outdirs = []
    for n, extra in ((1, ()), (2, second)):
        source = copy_site(tmp_path / f"src{n}")
        conf = source / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + conf_extra, encoding="utf-8")
        # The doctrees are Sphinx's cache, full of absolute paths: not the site.
        build = sphinx_build(
            source, tmp_path / f"out{n}", "-d", str(tmp_path / f"doctrees{n}"), *extra, env=EPOCH
        )
        assert build.returncode == 0, build.output
        outdirs.append(build.outdir)
    return outdirs[0], outdirs[1]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert differences(*build_twice(tmp_path)) == []


def test_a_parallel_build_is_byte_identical_to_a_serial_one(tmp_path: Path) -> None:
    # Sphinx reads and writes in forked processes with -j: nothing may depend on
    # which process handled a page, or in what order.
    assert differences(*build_twice(tmp_path, second=("-j", "2"))) == []


@pytest.mark.parametrize(
    "planted",
    [
        'import time\nhtml_title = f"Michael J Kelly, built {time.time_ns()}"\n',
        'import uuid\nhtml_title = f"Michael J Kelly {uuid.uuid4()}"\n',
    ],
    ids=["timestamp", "random-id"],
)
def test_reproducibility_check_catches_a_planted_difference(tmp_path: Path, planted: str) -> None:
    problems = differences(*build_twice(tmp_path, "\n" + planted))
    assert any(
        p.startswith("index.html differs between two builds of the same sources: +")
        for p in problems
    ), problems
    assert any("Michael J Kelly" in p for p in problems)
