"""Mutation testing of the site's package (src/), with mutmut, and its report.

    python tools/mutation.py [--max-children N] [--resume] [mutant names or globs]

mutmut 3 runs in the repository itself: it copies ``src/`` into ``mutants/src``,
mutates the copy, and puts it first on ``sys.path``, ahead of the editable install
(whose path entry, ``src/``, it removes). It names each mutant by its file's path
less ``src/`` (``src/portfolio/frontmatter.py`` gives
``portfolio.frontmatter.x_read_page__mutmut_1``), the name the tests import, so
nothing needs laying out for it. It runs only the fast tests that need no Sphinx
build (``[tool.mutmut]`` in pyproject.toml names them, and copies ``tools/``, where
helpers the tests import live). Each run starts afresh unless ``--resume``: mutmut
keeps a survivor's verdict until asked, so new tests would not be seen.

The report (``_build/mutation/report.md``) gives each module's score and every
survivor; a survivor that no test can kill is explained in
``tools/mutation-equivalents.toml``, keyed by the mutated function and the mutated
line (not by mutant number, which shifts as code is added), so an explanation that
no longer matches a survivor is reported as stale.
The exit status is 1 when a module of :data:`TARGETS` scores under
:data:`TARGET_SCORE` with a survivor left unexplained.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "mutation"
#: mutmut's working copy, which it always makes here (git ignores it).
MUTANTS = ROOT / "mutants"
REPORT = OUT / "report.md"
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"

#: The modules held to the score.
TARGETS = (
    "src/portfolio/frontmatter.py",
    "src/portfolio/pageweight.py",
    "src/sitecheck.py",
    "src/portfolio/timeline.py",
    "src/portfolio/structured_data.py",
    "src/portfolio/catalog.py",
    "src/portfolio/variants.py",
    "src/portfolio/outputs.py",
    "src/portfolio/titles.py",
    "src/portfolio/assets.py",
    "src/portfolio/feed.py",
    "src/portfolio/preview.py",
    "src/portfolio/formats.py",
    "src/portfolio/opengraph.py",
    "src/portfolio/templates.py",
    "src/portfolio/model.py",
    "src/portfolio/importer.py",
    "src/portfolio/__init__.py",
    "src/portfolio/directives.py",
    "src/portfolio/resume.py",
    "src/portfolio/drafts.py",
    "src/portfolio/writeup.py",
    "src/portfolio/images.py",
    "src/portfolio/cards.py",
    "src/portfolio/downloads.py",
    "src/portfolio/recovery.py",
    "src/portfolio/navigation.py",
)
TARGET_SCORE = 0.9
#: mutmut's verdicts (its exit codes) that mean a test caught the mutant.
CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}


def prepare(*, fresh: bool) -> None:
    """Start afresh, or keep mutmut's mutants and verdicts (``--resume``).

    The tests and tools are copied anew either way: a deleted test must not linger.
    """
    if fresh:
        shutil.rmtree(MUTANTS, ignore_errors=True)
    for copied in ("tests", "tools"):
        shutil.rmtree(MUTANTS / copied, ignore_errors=True)


def run_mutmut(max_children: int, mutants: list[str]) -> float:
    """Run mutmut in the repository; its wall-clock time in seconds."""
    started = time.monotonic()
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut), "run", "--max-children", str(max_children), *mutants]
    # mutmut draws a spinner per mutant: keep its output out of the terminal, in a log.
    with (OUT / "mutmut.log").open("w", encoding="utf-8") as log:
        result = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        sys.exit(f"mutmut failed (exit {result.returncode}); see {OUT / 'mutmut.log'}")
    return time.monotonic() - started


@dataclass(frozen=True)
class Survivor:
    name: str
    status: str
    diff: str

    @property
    def function(self) -> str:
        """The mutated function, as mutmut names it: the mutant's name less its number."""
        return self.name.partition("__mutmut_")[0]

    @property
    def change(self) -> str:
        """The mutated line(s), as the diff shows them."""
        lines = self.diff.splitlines()[2:]  # past the ---/+++ header
        return "\n".join(line[1:].strip() for line in lines if line.startswith("+"))


@dataclass
class Module:
    path: str
    total: int = 0
    caught: int = 0
    survivors: list[Survivor] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.caught / self.total if self.total else 1.0

    @property
    def target(self) -> bool:
        return self.path in TARGETS


def results() -> list[Module]:
    """Each mutated module's verdicts, read from mutmut's files in mutants/."""
    os.chdir(ROOT)  # mutmut reads its settings and results relative to here
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    modules = []
    for path in sorted(walk_mutatable_files()):
        data = SourceFileMutationData(path=path)
        data.load()
        module = Module(str(path))
        for name, exit_code in sorted(data.exit_code_by_key.items(), key=_mutant_order):
            status = status_by_exit_code[exit_code]
            module.total += 1
            if status in CAUGHT:
                module.caught += 1
            else:
                # Diffs only where they are read: a module without tests has hundreds.
                diff = get_diff_for_mutant(name, path=path) if module.target else ""
                module.survivors.append(Survivor(name, status, diff))
        modules.append(module)
    return modules


def _mutant_order(item: tuple[str, object]) -> tuple[str, int]:
    function, _, number = item[0].partition("__mutmut_")
    return function, int(number)


def selection() -> list[str]:
    """The tests mutmut runs, as pyproject.toml's [tool.mutmut] names them."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return settings["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]


def load_equivalents() -> list[dict[str, str]]:
    return tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("equivalent", [])


def explanation(survivor: Survivor, equivalents: list[dict[str, str]]) -> dict[str, str] | None:
    return next(
        (
            entry
            for entry in equivalents
            if entry["function"] == survivor.function and entry["change"].strip() == survivor.change
        ),
        None,
    )


def report(modules: list[Module], seconds: float | None, max_children: int) -> tuple[str, bool]:
    """The Markdown report, and whether every target is met."""
    equivalents = load_equivalents()
    used: set[int] = set()
    lines = [
        "# Mutation testing report",
        "",
        "mutmut over `src/` (the extension and the link checker), with the tests that need no"
        f" Sphinx build ({', '.join(f'`{path}`' for path in selection())});"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        + (f", {seconds / 60:.1f} min with {max_children} workers." if seconds else "."),
        "",
        "| Module | Killed / total | Score | Survived | No tests | Explained | Target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    ok = True
    details = []
    for module in modules:
        explained = 0
        section = []
        for survivor in module.survivors:
            entry = explanation(survivor, equivalents)
            if entry is not None:
                explained += 1
                used.add(id(entry))
            if not module.target:
                continue
            verdict = f"Equivalent: {entry['reason']}" if entry else "**Unexplained.**"
            section += [f"### `{survivor.name}` ({survivor.status})", "", verdict, ""]
            section += ["```diff", survivor.diff, "```", ""]
        met = module.score >= TARGET_SCORE or explained == len(module.survivors)
        ok &= met or not module.target
        statuses = [s.status for s in module.survivors]
        lines.append(
            f"| `{module.path}` | {module.caught} / {module.total} "
            f"| {module.score:.1%} | {statuses.count('survived')} | {statuses.count('no tests')} "
            f"| {explained} | {('met' if met else 'NOT MET') if module.target else '-'} |"
        )
        if section:
            title = f"## `{module.path}`: {len(module.survivors)} not killed"
            details += ["", title, "", *section]
    lines += [
        "",
        f"Target for the modules marked: at least {TARGET_SCORE:.0%} killed, or every mutant"
        " left alive explained as equivalent in"
        f" `{EQUIVALENTS.relative_to(ROOT)}`. A mutant that makes the tests run past"
        " mutmut's time limit (an endless loop, say) counts as caught.",
        *details,
    ]
    stale = [entry for entry in equivalents if id(entry) not in used]
    if stale:
        lines += ["", "## Stale explanations: no surviving mutant makes these changes", ""]
        lines += [f"- `{entry['function']}`: `{entry['change']}`" for entry in stale]
    return "\n".join(lines) + "\n", ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--resume", action="store_true", help="keep mutmut's earlier verdicts")
    parser.add_argument(
        "--report-only", action="store_true", help="write the report from the last run"
    )
    parser.add_argument("mutants", nargs="*", help="test only these (names or globs)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    seconds = None
    if not args.report_only:
        prepare(fresh=not args.resume)
        seconds = run_mutmut(args.max_children, args.mutants)
    text, ok = report(results(), seconds, args.max_children)
    REPORT.write_text(text, encoding="utf-8")
    print(text.partition("\n## ")[0])
    print(f"Report: {REPORT.relative_to(ROOT)}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
