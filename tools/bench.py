"""`make bench`: how fast the site builds and how heavy its pages are, beside a floor.

The floor is a bare sphinx-quickstart site with furo and sphinx-design and nothing
else (tools/floor.py): what this stack costs before any content. Both are built in a
temporary folder from copies of their sources, with the strict flags of `make html`:

* cold build (no output, no cache), median of --runs runs;
* incremental rebuild after touching one write-up, and after touching the stylesheet;
* what a browser fetches for each page: requests, bytes by kind, raw and gzip;
* the wall time of the whole `make test`, once (skip with --no-test).

Prints a table and writes everything, with the machine it ran on, to _build/bench.json.
Numbers are measured and reported, never asserted: tests/test_budgets.py holds the
sizes that must not grow.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "_ext"), str(ROOT / "tests"), str(ROOT / "tools")]

from conftest import STRICT, copy_site  # noqa: E402  the tests' own list of what a site copy needs
from floor import make_floor  # noqa: E402
from portfolio.downloads import CACHE  # noqa: E402
from portfolio.pageweight import KINDS, Weight, site_weights  # noqa: E402

#: What our incremental rows touch: one write-up, and the stylesheet beside conf.py.
WRITE_UP = "play/nato-alpha.md"
STYLESHEET = "_static/portfolio.css"


def sphinx_build(source: Path, out: Path) -> float:
    """Seconds for one strict HTML build, as `make html` runs it (a fresh process)."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            *STRICT,
            "-q",
            str(source),
            str(out / "html"),
            "-d",
            str(out / "doctrees"),
        ],
        check=True,
        cwd=source,
        capture_output=True,
    )
    return time.perf_counter() - start


def cold(source: Path, out: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        times.append(sphinx_build(source, out))
    return times


def after_touching(source: Path, out: Path, name: str, runs: int) -> list[float]:
    """Rebuilds after ``name`` changes (its mtime is what Sphinx compares)."""
    times = []
    for _ in range(runs):
        (source / name).touch()
        times.append(sphinx_build(source, out))
    return times


#: One typesetting in a fresh process: Typst memoizes, so a second run in one process is cheaper.
TYPESET = """
import json, sys, time
from pathlib import Path
from portfolio.downloads import typeset
data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
start = time.perf_counter()
typeset(data, "letter")
print(time.perf_counter() - start)
"""


def typesetting(doctrees: Path, runs: int) -> list[float]:
    """Seconds Typst takes for the PDF résumé, from the data the last build typeset."""
    data = next((doctrees / CACHE).glob("*.json"))
    command = [sys.executable, "-c", TYPESET, str(data)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    return [
        float(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]


def our_sources(dest: Path) -> Path:
    copy_site(dest)
    # Sphinx reads docutils.conf beside conf.py; it changes what pages say.
    if (ROOT / "docutils.conf").is_file():
        shutil.copy2(ROOT / "docutils.conf", dest)
    return dest


def weights_json(weights: dict[str, Weight]) -> dict[str, dict[str, int]]:
    rows = {}
    for page, weight in weights.items():
        row = {"requests": weight.requests, "raw": weight.raw(), "gzip": weight.gzip()}
        row |= {f"{kind}_raw": weight.raw(kind) for kind in (*KINDS.values(), "image")}
        rows[page] = row
    return rows


def make_test() -> tuple[float, str]:
    """Wall seconds of the whole `make test`, and pytest's closing summary line."""
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    # pytest's last line: "== 150 passed, 2 skipped in 200.12s =="
    summary = next(
        (
            line.strip("= ")
            for line in reversed(result.stdout.splitlines())
            if re.search(r"\d+ (passed|failed|error)", line)
        ),
        "no pytest summary",
    )
    if result.returncode != 0:
        print(
            f"note: make test exited {result.returncode} ({summary}); its time still counts",
            file=sys.stderr,
        )
    return seconds, summary


def machine() -> dict[str, str]:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout
        except FileNotFoundError:
            return ""

    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in run("lscpu").splitlines()
            if line.startswith("Model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in run("free", "-h").splitlines() if line.startswith("Mem:")), "?"
    )
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": model,
        "memory": memory,
        "python": platform.python_version(),
        "sphinx": version("sphinx"),
        "furo": version("furo"),
        "sphinx_design": version("sphinx-design"),
    }


def step(what: str) -> None:
    print(f"… {what}", file=sys.stderr, flush=True)


def median(times: list[float]) -> float:
    return round(statistics.median(times), 2)


def ratio(ours: float, floor: float) -> str:
    return f"{ours / floor:.2f}x" if floor else "-"


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="cold builds per site (median reported)"
    )
    parser.add_argument("--no-test", action="store_true", help="skip timing the whole `make test`")
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "bench.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        floor_src, ours_src = make_floor(work / "floor-src"), our_sources(work / "ours-src")
        floor_out, ours_out = work / "floor-out", work / "ours-out"
        step(f"cold builds, {args.runs} of each")
        results = {
            "floor": {"cold": cold(floor_src, floor_out, args.runs)},
            "ours": {"cold": cold(ours_src, ours_out, args.runs)},
        }
        step("incremental rebuilds")
        incremental_runs = max(3, args.runs // 2)
        results["floor"]["touch_page"] = after_touching(
            floor_src, floor_out, "index.rst", incremental_runs
        )
        results["ours"]["touch_page"] = after_touching(
            ours_src, ours_out, WRITE_UP, incremental_runs
        )
        results["ours"]["touch_css"] = after_touching(
            ours_src, ours_out, STYLESHEET, incremental_runs
        )
        results["ours"]["typeset_resume"] = typesetting(ours_out / "doctrees", args.runs)
        floor_weights = site_weights(floor_out / "html")
        our_weights = site_weights(ours_out / "html")
    test_seconds, test_summary = None, ""
    if not args.no_test:
        step("make test")
        test_seconds, test_summary = make_test()

    floor_index = floor_weights["index.html"]
    report = {
        "machine": machine(),
        "runs": args.runs,
        "seconds": {
            site: {k: {"median": median(v), "runs": [round(t, 2) for t in v]} for k, v in r.items()}
            for site, r in results.items()
        },
        "make_test": {
            "seconds": None if test_seconds is None else round(test_seconds, 1),
            "summary": test_summary,
        },
        "page_weight": {"floor": weights_json(floor_weights), "ours": weights_json(our_weights)},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    s = report["seconds"]
    print(
        table(
            [
                ("build (seconds, median)", "floor", "ours", "ratio"),
                (
                    "cold",
                    f"{s['floor']['cold']['median']:.2f}",
                    f"{s['ours']['cold']['median']:.2f}",
                    ratio(s["ours"]["cold"]["median"], s["floor"]["cold"]["median"]),
                ),
                (
                    f"touch a page ({WRITE_UP})",
                    f"{s['floor']['touch_page']['median']:.2f}",
                    f"{s['ours']['touch_page']['median']:.2f}",
                    ratio(s["ours"]["touch_page"]["median"], s["floor"]["touch_page"]["median"]),
                ),
                (f"touch {STYLESHEET}", "-", f"{s['ours']['touch_css']['median']:.2f}", "-"),
                (
                    "typeset the PDF résumé",
                    "-",
                    f"{s['ours']['typeset_resume']['median']:.3f}",
                    "-",
                ),
                (
                    "make test (whole suite, once)",
                    "-",
                    "-" if test_seconds is None else f"{test_seconds:.1f}",
                    "-",
                ),
            ]
        )
    )
    print()
    # Each page beside the floor's page of its kind (search, index), else the floor's index.
    rows = [
        (
            "page (bytes a browser fetches)",
            "requests",
            "html",
            "css",
            "js",
            "image",
            "raw",
            "gzip",
            "vs floor",
        )
    ]
    pages = [
        *((f"floor: {p}", w, w) for p, w in floor_weights.items()),
        *((p, w, floor_weights.get(p, floor_index)) for p, w in our_weights.items()),
    ]
    for page, weight, base in pages:
        rows.append(
            (
                page,
                str(weight.requests),
                *(f"{weight.raw(k):,}" for k in ("html", "css", "js", "image")),
                f"{weight.raw():,}",
                f"{weight.gzip():,}",
                ratio(weight.raw(), base.raw()),
            )
        )
    print(table(rows))
    m = report["machine"]
    print(
        f"\n{m['cpus']} CPUs ({m['cpu_model']}), {m['memory']} memory; Python {m['python']}, "
        f"Sphinx {m['sphinx']}, furo {m['furo']}, sphinx-design {m['sphinx_design']}"
    )
    if test_summary:
        print(f"make test: {test_summary}")
    print(
        f"written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
