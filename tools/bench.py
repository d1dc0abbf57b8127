"""`make bench`: how fast the site builds and how heavy its pages are, beside a floor.

The floor is a bare sphinx-quickstart site with furo and sphinx-design and nothing
else (tools/floor.py): what this stack costs before any content. Ours is built from
the repository itself, where an author works (with its .venv and node_modules), the
floor from a temporary folder; both into temporary folders, with the strict flags of
`make html`, one of ours and one of the floor's in turn, so that the load other jobs
put on the machine falls on both alike:

* cold build (no output, no cache), median of --runs runs;
* incremental rebuild after touching one write-up, and after touching the stylesheet;
* a throwaway copy of the site as it is and grown by --grow synthetic write-ups (100
  and 400), against the same write-ups on a bare MyST + furo + sphinx-design site
  (the bare stack): a cold build and a rebuild after touching one write-up, each
  --grown-runs times, and the HTML bytes of work/meta.html, which lists no write-up:
  what a build and a save cost, and what a page weighs, as the site grows;
* `make serve`: from saving a write-up to the served page showing the change;
* what a browser fetches for each page: requests, bytes by kind, raw and gzip;
* the wall time of the whole `make test`, once (skip with --no-test).

Prints a table and writes everything, with the machine it ran on, to _build/bench.json.
Numbers are measured and reported, never asserted: tests/test_budgets.py holds the
sizes that must not grow.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from floor import make_floor
from portfolio.downloads import CACHE
from portfolio.pageweight import KINDS, Weight, site_weights
from serve import compile_project
from sitecopy import ROOT, STRICT, copy_site

#: What our incremental rows touch: one write-up, and the stylesheet beside conf.py.
WRITE_UP = "play/nato-alpha.md"
STYLESHEET = "_static/portfolio.css"


def sphinx_build(source: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one strict HTML build, as `make html` runs it (a fresh process).

    The CPU time (user and system, of the build's process) hardly moves with the
    load other jobs put on the machine; the wall time is what an author waits.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


Timings = dict[str, list[tuple[float, float]]]


def cold(sites: dict[str, tuple[Path, Path]], runs: int) -> Timings:
    """Builds from nothing, each site's in turn."""
    times: Timings = {site: [] for site in sites}
    for _ in range(runs):
        for site, (source, out) in sites.items():
            shutil.rmtree(out, ignore_errors=True)
            times[site].append(sphinx_build(source, out))
    return times


def after_touching(sites: dict[str, tuple[Path, Path, str]], runs: int) -> Timings:
    """Rebuilds after each site's file changes (its mtime is what Sphinx compares), in turn."""
    times: Timings = {site: [] for site in sites}
    for _ in range(runs):
        for site, (source, out, name) in sites.items():
            (source / name).touch()
            times[site].append(sphinx_build(source, out))
    return times


#: The bare site that the grown copy is held against: MyST, furo and sphinx-design.
BARE_CONF = """\
project = "Bare"
extensions = ["myst_parser", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_title_to_header = True
html_theme = "furo"
exclude_patterns = ["_build"]
"""


def synthetic_write_up(n: int) -> str:
    """A valid write-up: front matter as `make writeup` asks for it, and six paragraphs;
    spread over twenty years, as a long-running site's would be."""
    paragraph = (
        f"Synthetic project {n} measured how a build grows. It ran for a while, did one"
        " thing well, and was written up in plain words so that the page has the length"
        " of a real one, with a sentence or two more than most."
    )
    return (
        f"---\nkind: project\ntitle: Synthetic {n:04d}\nsummary: Synthetic project {n}.\n"
        f"start: {2000 + n % 20}\nend: {2001 + n % 20}\nskills: [python, go]\nlinks:\n  - title: Source\n"
        f"    url: https://github.com/mjkelly/synthetic-{n:04d}\n---\n\n"
        + "\n\n".join([paragraph] * 6)
        + "\n"
    )


def grown_sites(work: Path, count: int) -> dict[str, tuple[Path, Path, str]]:
    """Ours and the bare site, each with ``count`` synthetic write-ups, and what to touch:
    the first write-up, or with none, our WRITE_UP and the bare site's one page."""
    ours = copy_site(work / f"grown-{count}" / "src")
    bare = work / f"bare-{count}" / "src"
    (bare / "play").mkdir(parents=True)
    (bare / "conf.py").write_text(BARE_CONF, encoding="utf-8")
    # A glob that matches nothing is a warning, which -W makes an error.
    toctree = "```{toctree}\n:glob:\n\nplay/*\n```\n" if count else ""
    (bare / "index.md").write_text(f"# Bare\n\n{toctree}", encoding="utf-8")
    for n in range(count):
        for source in (ours, bare):
            (source / "play" / f"synthetic-{n:04d}.md").write_text(
                synthetic_write_up(n), encoding="utf-8"
            )
    touched = "play/synthetic-0000.md"
    return {
        "bare": (bare, work / f"bare-{count}" / "out", touched if count else "index.md"),
        "ours": (ours, work / f"grown-{count}" / "out", touched if count else WRITE_UP),
    }


#: The page whose weight the grown sites compare: an employer page, which lists no write-up.
WEIGHED = "work/meta.html"


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
    return [
        float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, shows: Callable[[str], bool], timeout: float) -> None:
    """Poll ``url`` until its body ``shows`` what is awaited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if shows(response.read().decode("utf-8", errors="replace")):
                    return
        except (OSError, http.client.HTTPException):
            pass  # not serving yet, or the page cut short while being rewritten
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s")


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # so that the edited write-up is put back


def serve_latency(runs: int) -> list[float]:
    """Seconds from saving a write-up to `make serve` serving the change, per save.

    Runs the real `make serve` on a free port, appends a line to the write-up in
    the repository, polls the page until it shows the line, and puts the file back
    as it was, whatever happens.
    """
    page = ROOT / WRITE_UP
    original = page.read_bytes()
    port = free_port()
    url = f"http://127.0.0.1:{port}/{Path(WRITE_UP).with_suffix('.html').as_posix()}"
    signal.signal(signal.SIGTERM, _stop)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}", f"BUILDDIR={out}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopped with its builds
        )
        times = []
        try:
            wait_for(url, lambda body: "</html>" in body, timeout=300)  # the first build
            for n in range(runs):
                time.sleep(1.5)  # the server idle again, as between an author's saves
                marker = f"Bench edit {n}, {time.time_ns()}."
                start = time.perf_counter()
                page.write_bytes(original + f"\n{marker}\n".encode())
                wait_for(url, lambda body, marker=marker: marker in body, timeout=120)
                times.append(time.perf_counter() - start)
        finally:
            page.write_bytes(original)
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return times


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
    parser.add_argument(
        "--serve-runs", type=int, default=7, help="saves timed under `make serve` (0: none)"
    )
    parser.add_argument(
        "--grow",
        type=int,
        action="append",
        help="also time a touched rebuild with this many more write-ups (default: 100, 400)",
    )
    parser.add_argument(
        "--grown-runs", type=int, help="cold builds and touches per site and size (default: --runs)"
    )
    parser.add_argument("--no-test", action="store_true", help="skip timing the whole `make test`")
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "bench.json")
    args = parser.parse_args()
    args.grow = [count for count in args.grow or [100, 400] if count > 0]
    runs = args.grown_runs or args.runs

    # As on an author's machine, where Python keeps the modules it compiled: where it
    # writes no bytecode (PYTHONDONTWRITEBYTECODE), every build of ours would compile
    # the project's package from source, about 50 ms the bare sites never pay.
    compile_project()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        floor_src = make_floor(work / "floor-src")
        floor_out, ours_out = work / "floor-out", work / "ours-out"
        results: dict[str, dict[str, list[float]]] = {"floor": {}, "ours": {}}
        #: WEIGHED's bytes, by how many write-ups were added.
        weighed: dict[int, int] = {}

        def record(measure: str, timings: Timings) -> None:
            for site, runs in timings.items():
                results[site][measure] = [wall for wall, _ in runs]
                results[site][f"{measure}_cpu"] = [cpu for _, cpu in runs]

        step(f"cold builds, {args.runs} of each, in turn")
        record("cold", cold({"floor": (floor_src, floor_out), "ours": (ROOT, ours_out)}, args.runs))
        step("incremental rebuilds")
        incremental_runs = max(3, args.runs // 2)
        touched = {"floor": (floor_src, floor_out, "index.rst"), "ours": (ROOT, ours_out, WRITE_UP)}
        record("touch_page", after_touching(touched, incremental_runs))
        record(
            "touch_css", after_touching({"ours": (ROOT, ours_out, STYLESHEET)}, incremental_runs)
        )
        results["ours"]["typeset_resume"] = typesetting(ours_out / "doctrees", args.runs)
        for count in [0, *args.grow]:
            step(f"+{count} write-ups: cold builds, then touched rebuilds, each site in turn")
            grown = grown_sites(work, count)
            timings = cold({site: (source, out) for site, (source, out, _) in grown.items()}, runs)
            timings |= {
                f"touch {site}": times for site, times in after_touching(grown, runs).items()
            }
            for key, times in timings.items():
                measure, _, site = key.rpartition(" ")
                where = results["floor" if site == "bare" else "ours"]
                where[f"{measure or 'cold'}_grown_{count}"] = [wall for wall, _ in times]
                where[f"{measure or 'cold'}_grown_{count}_cpu"] = [cpu for _, cpu in times]
            weighed[count] = (grown["ours"][1] / "html" / WEIGHED).stat().st_size
        floor_weights = site_weights(floor_out / "html")
        our_weights = site_weights(ours_out / "html")
    if args.serve_runs:
        step(f"make serve: {args.serve_runs} saves of {WRITE_UP}")
        results["ours"]["serve"] = serve_latency(args.serve_runs)
    test_seconds, test_summary = None, ""
    if not args.no_test:
        step("make test")
        test_seconds, test_summary = make_test()

    floor_index = floor_weights["index.html"]
    report = {
        "machine": machine(),
        # Other jobs on the machine slow both sites: the 1-minute load, before and after.
        "load_average": {"before": load_before[0], "after": os.getloadavg()[0]},
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
        "grown_page_bytes": {"page": WEIGHED, **{f"+{n}": size for n, size in weighed.items()}},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    s = report["seconds"]

    def row(label: str, measure: str) -> tuple[str, ...]:
        floor, ours = (s[site].get(measure, {}).get("median") for site in ("floor", "ours"))
        cells = [f"{m:.2f}" if m is not None else "-" for m in (floor, ours)]
        return (label, *cells, ratio(ours, floor) if floor and ours else "-")

    print(
        table(
            [
                ("build (seconds, median)", "floor", "ours", "ratio"),
                row("cold", "cold"),
                row("cold, CPU", "cold_cpu"),
                row(f"touch a page ({WRITE_UP})", "touch_page"),
                row("touch a page, CPU", "touch_page_cpu"),
                *(
                    row(f"+{count} write-ups: {label}, CPU (floor: bare MyST site)", key)
                    for count in [0, *args.grow]
                    for label, key in (
                        ("cold", f"cold_grown_{count}_cpu"),
                        ("touch one", f"touch_grown_{count}_cpu"),
                    )
                ),
                row(f"touch {STYLESHEET}", "touch_css"),
                row(f"touch {STYLESHEET}, CPU", "touch_css_cpu"),
                row(f"make serve: save {WRITE_UP} to page served", "serve"),
                row("typeset the PDF résumé (Typst alone)", "typeset_resume"),
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
    print(
        f"\n{WEIGHED}, HTML bytes: "
        + ", ".join(
            f"+{n} write-ups {size:,} ({size / weighed[0]:.2f}x)" for n, size in weighed.items()
        )
    )
    m = report["machine"]
    print(
        f"\n{m['cpus']} CPUs ({m['cpu_model']}), {m['memory']} memory; Python {m['python']}, "
        f"Sphinx {m['sphinx']}, furo {m['furo']}, sphinx-design {m['sphinx_design']}"
    )
    load = report["load_average"]
    print(f"load average (1 min): {load['before']:.2f} before, {load['after']:.2f} after")
    if test_summary:
        print(f"make test: {test_summary}")
    print(
        f"written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
