"""A build stopped at any moment, then run again, gives exactly the clean build's site.

Real builds are stopped as a user stops them: SIGINT to the build's process group,
as a terminal's Ctrl-C sends it, or SIGKILL. The moments are spread over a cold and
a touched build: when the build prints a progress line; at a chosen event (the copy's
conf.py loads :data:`STOPPER`, which signals its own process group the Nth time
Sphinx emits the event, or writes a zip entry); and after a share of a clean build's
time. Each stopped build is run again once, as its user would, and every file it
leaves is compared with a clean build's, byte for byte, search index included:
`make html`'s site (also built in parallel), `make epub`'s book, `make offline`'s
zip and a `make serve` rebuild.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import free_port, wait_for
from conftest import ROOT, copy_site
from offline_zip import write_zip
from portfolio.recovery import MARK, PARTIAL

# One process runs them all: the clean builds are made once, in order.
pytestmark = pytest.mark.xdist_group("interrupt")

#: As `make` sets it, so that two builds of the same sources give the same bytes.
EPOCH = "1717804800"
VENV = ROOT / ".venv"
#: `make serve`'s build options (the Makefile's).
PREVIEW = ("-n", "--keep-going", "-D", "portfolio_preview=1")
#: The folders that hold doctrees: `make`'s (doctrees, doctrees-offline), Sphinx's own.
DOCTREES = ("doctrees", ".doctrees")
#: A write-up's facts, edited: the page, the Play listing, the skills page and the
#: résumé (and its PDF) are read again, and five pages written.
TOUCH = ("play/weatherdash.md", "in Python and then Go.", "in Python, then Go.")

STOPPER = '''"""Stops this build where tests/test_interrupt.py asks, as a user would.

PORTFOLIO_STOP_AT (or the file PORTFOLIO_STOP_FILE names) holds "event:N:SIGNAL":
the Nth time Sphinx emits the event, or for "zip-entry" writes an entry of a zip,
SIGNAL goes to the build's whole process group, as a terminal's Ctrl-C does.
"""

import os
import signal
import zipfile


def counted(write, stop):
    def writing(self, *args, **kwargs):
        stop()
        return write(self, *args, **kwargs)

    return writing


def setup(app):
    spec = os.environ.get("PORTFOLIO_STOP_AT", "")
    spec_file = os.environ.get("PORTFOLIO_STOP_FILE", "")
    if not spec and spec_file and os.path.isfile(spec_file):
        with open(spec_file, encoding="utf-8") as opened:
            spec = opened.read().strip()
    if spec:
        event, count, name = spec.split(":")
        left, sent = [int(count)], getattr(signal, name)

        def stop(*args, **kwargs):
            left[0] -= 1
            if left[0] == 0:
                os.killpg(os.getpgrp(), sent)

        if event == "zip-entry":
            for method in ("write", "writestr"):  # a file's entry, or bytes'
                setattr(zipfile.ZipFile, method, counted(getattr(zipfile.ZipFile, method), stop))
        else:
            # At build-finished: after the site's own writers (500), before the
            # trimming of unused assets (900) and the recovery's mark (1000).
            app.connect(event, stop, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


@dataclass(frozen=True)
class Stop:
    """When a build is stopped, and with which signal."""

    signal: signal.Signals
    line: str = ""  # when the build prints a line matching this
    event: str = ""  # "event:N": the Nth time the build emits it
    after: float = 0.0  # seconds after it starts

    def __str__(self) -> str:
        when = self.event or (self.line and f"line {self.line!r}") or f"{self.after:.2f} s"
        return f"{self.signal.name} at {when}"


class Running:
    """A command in a process group of its own, as a terminal runs a job; what it
    prints is read as it comes."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.ended = False  # its output, that is
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def prints(self, pattern: str, timeout: float = 240) -> bool:
        """Whether it prints a line matching ``pattern`` before its output ends."""

        def printed() -> bool:
            return any(re.search(pattern, line) for line in self.lines)

        with self.changed:
            self.changed.wait_for(lambda: printed() or self.ended, timeout)
            return printed()

    def runs_for(self, seconds: float) -> None:
        """Wait ``seconds``, or less if it ends first."""
        with self.changed:
            self.changed.wait_for(lambda: self.ended, seconds)

    def signal(self, sent: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sent)

    def wait(self, timeout: float = 240) -> int:
        """Its exit status, once it and everything it started have ended."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            return self.process.wait(30)
        finally:
            self.signal(signal.SIGKILL)  # nothing of the group outlives the test
            self.reader.join(30)
            assert self.process.stdout is not None
            self.process.stdout.close()

    @property
    def output(self) -> str:
        with self.changed:
            return "".join(self.lines)


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "MAKEFLAGS": "", **extra}


def run_stopped(command: list[str], stop: Stop) -> tuple[int, str]:
    """Run ``command`` and stop it at ``stop``; its exit status and what it printed."""
    extra = {"PORTFOLIO_STOP_AT": f"{stop.event}:{stop.signal.name}"} if stop.event else {}
    running = Running(command, environment(**extra))
    if stop.line and running.prints(stop.line):
        running.signal(stop.signal)
    elif stop.after:
        running.runs_for(stop.after)
        running.signal(stop.signal)
    return running.wait(), running.output


def run(command: list[str]) -> tuple[int, str]:
    result = subprocess.run(command, capture_output=True, text=True, env=environment(), check=False)
    return result.returncode, result.stdout + result.stderr


def make(site: Path, target: str, builddir: Path, *variables: str) -> list[str]:
    """`make target` in the copy, with the project's .venv (conftest.run_make's way)."""
    venv = [f"VENV={VENV}", "-o", f"{VENV}/.site", "-o", f"{VENV}/.dev"]
    where = ["--no-print-directory", "-C", str(site), f"BUILDDIR={builddir}"]
    return ["make", *where, *venv, target, *variables]


def contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and its bytes; not Sphinx's doctrees and caches, whose
    pickles and records differ from build to build."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not any(part.startswith(DOCTREES) for part in path.relative_to(folder).parts)
    }


def differences(clean: Path, rebuilt: Path) -> list[str]:
    """How ``rebuilt`` differs from ``clean``, file by file."""
    want, got = contents(clean), contents(rebuilt)
    found = []
    for name in sorted(want.keys() | got.keys()):
        if name not in got:
            found.append(f"{name} is missing")
        elif name not in want:
            found.append(f"{name} is left over")
        elif got[name] != want[name]:
            found.append(f"{name} differs")
    return found


def leftovers(folder: Path) -> list[str]:
    """Half-written files, and marks of builds that did not finish."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.name.endswith(PARTIAL) or path.name.startswith(MARK)
    )


def tail(output: str) -> str:
    return "\n".join(output.splitlines()[-12:])


def stop_and_build_again(
    name: str,
    command: list[str],
    stop: Stop,
    clean: Path,
    builddir: Path,
    when_stopped: Callable[[], list[str]] = list,
) -> list[str]:
    """Stop ``command`` at ``stop``, run it again, and say how what it built in
    ``builddir`` differs from ``clean`` and what it left behind; ``when_stopped``
    says what is wrong between the two runs."""
    stopped, printed = run_stopped(command, stop)
    problems = [f"{name}, {stop}: {problem}" for problem in when_stopped()]
    if stopped == 0 and not stop.after:
        problems.append(f"{name}: {stop} did not stop the build:\n{tail(printed)}")
    status, printed = run(command)
    if status != 0:
        problems.append(f"{name}: the build after {stop} failed:\n{tail(printed)}")
    problems += [f"{name}, {stop}: {d}" for d in differences(clean, builddir)]
    problems += [f"{name}, {stop}: {p} is left" for p in leftovers(builddir)]
    return problems


@dataclass(frozen=True)
class Site:
    """A copy of the site that `make` can run in, whose builds can be stopped."""

    src: Path

    def touch(self) -> None:
        page, old, new = TOUCH
        path = self.src / page
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stoppable_site(folder: Path) -> Site:
    src = copy_site(folder)
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "tools", src / "tools", ignore=shutil.ignore_patterns("node_modules"))
    (src / "stop_at.py").write_text(STOPPER, encoding="utf-8")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\n# tests/test_interrupt.py: stops a build where the test asks, else nothing.\n"
            "import sys\n\n"
            "sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
            'extensions.append("stop_at")\n'
        )
    return Site(src)


def cp(source: Path, target: Path) -> None:
    """Copy a build with its files' times, which tell Sphinx what is outdated."""
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)


def timed(command: list[str]) -> float:
    start = time.monotonic()
    status, printed = run(command)
    assert status == 0, printed
    return time.monotonic() - start


# -- make html: a cold build and a touched one ------------------------------------


@pytest.fixture(scope="module")
def untouched(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return stoppable_site(tmp_path_factory.mktemp("interrupt") / "src")


def test_a_stopped_cold_build_built_again_is_the_clean_build(untouched: Site) -> None:
    base = untouched.src.parent
    seconds = timed(make(untouched.src, "html", base / "clean"))
    stops = [
        Stop(signal.SIGINT, event="doctree-read:4"),
        Stop(signal.SIGKILL, line=r"reading sources\.\.\. \[ *[5-9]\d%\]"),
        # The environment saved, no page written yet.
        Stop(signal.SIGKILL, event="env-check-consistency:1"),
        Stop(signal.SIGINT, line=r"writing output\.\.\. \[ *[4-5]\d%\]"),
        Stop(signal.SIGKILL, event="html-page-context:12"),
        Stop(signal.SIGINT, event="build-finished:1"),
        Stop(signal.SIGKILL, after=0.4 * seconds),
        Stop(signal.SIGINT, after=0.75 * seconds),
    ]
    in_parallel = [Stop(signal.SIGINT, line=r"writing output\.\.\. \[")]
    problems = []
    for options, chosen in [((), stops), (("SPHINXOPTS=-W -n --keep-going -j 2",), in_parallel)]:
        for stop in chosen:
            state = base / "state"
            shutil.rmtree(state, ignore_errors=True)
            command = make(untouched.src, "html", state, *options)
            name = "make html" + " -j 2" * bool(options)
            problems += stop_and_build_again(name, command, stop, base / "clean", state)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def touched(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path, Path, float]:
    """A site built, then touched; its build before the touch, and the clean build after."""
    site = stoppable_site(tmp_path_factory.mktemp("interrupt-touched") / "src")
    base = site.src.parent
    assert run(make(site.src, "html", base / "state"))[0] == 0
    cp(base / "state", base / "before")
    site.touch()
    seconds = timed(make(site.src, "html", base / "clean"))
    return site, base / "before", base / "clean", seconds


def test_a_stopped_touched_build_built_again_is_the_clean_build(
    touched: tuple[Site, Path, Path, float],
) -> None:
    site, before, clean, seconds = touched
    state = before.parent / "state"
    command = make(site.src, "html", state)
    # Timed against the cold build: a touched one, with its start-up, takes about half.
    stops = [
        Stop(signal.SIGKILL, line=r"reading sources"),
        Stop(signal.SIGINT, event="env-check-consistency:1"),
        Stop(signal.SIGINT, event="html-page-context:2"),
        Stop(signal.SIGKILL, line=r"writing output\.\.\. \["),
        Stop(signal.SIGKILL, event="build-finished:1"),
        Stop(signal.SIGINT, after=0.4 * seconds),
    ]
    problems = []
    for stop in stops:
        cp(before, state)
        problems += stop_and_build_again("touched make html", command, stop, clean, state)
    assert not problems, "\n".join(problems)


# -- make epub and make offline: the book and the zip, whole or not at all ---------


@dataclass(frozen=True)
class Takeaway:
    """A file a target writes for a reader to take away whole (the book, the zip), and
    the clean build it is compared with."""

    target: str
    name: str  # in the build folder
    site: Site

    @property
    def clean(self) -> Path:
        return self.site.src.parent / f"{self.target}-clean"

    @property
    def builddir(self) -> Path:
        return self.site.src.parent / self.target

    def command(self, builddir: Path) -> list[str]:
        return make(self.site.src, self.target, builddir)

    def absent(self) -> list[str]:
        return [f"{self.name} is there, cut short"] * (self.builddir / self.name).exists()

    def the_last_whole_one(self) -> list[str]:
        path, whole = self.builddir / self.name, (self.clean / self.name).read_bytes()
        return (
            [] if path.is_file() and path.read_bytes() == whole else [f"{self.name} is not whole"]
        )

    def stop_and_make_again(self, stop: Stop, when_stopped: Callable[[], list[str]]) -> list[str]:
        command = self.command(self.builddir)
        return stop_and_build_again(
            f"make {self.target}", command, stop, self.clean, self.builddir, when_stopped
        )


def test_a_stopped_make_epub_leaves_no_half_book_and_builds_again_whole(
    untouched: Site,
) -> None:
    book = Takeaway("epub", "epub/michael-j-kelly.epub", untouched)
    assert run(book.command(book.clean))[0] == 0
    writing = Stop(signal.SIGINT, line=r"writing output\.\.\. \[ *[4-6]\d%\]")
    problems = book.stop_and_make_again(writing, book.absent)
    shutil.rmtree(book.builddir)
    problems += book.stop_and_make_again(Stop(signal.SIGKILL, event="zip-entry:20"), book.absent)
    # A whole book there, and the next build stopped while zipping: the book stays.
    zipping = Stop(signal.SIGINT, event="zip-entry:20")
    problems += book.stop_and_make_again(zipping, book.the_last_whole_one)
    assert not problems, "\n".join(problems)


def test_a_stopped_make_offline_leaves_no_half_zip_and_builds_again_whole(
    untouched: Site,
) -> None:
    archive = Takeaway("offline", "michael-j-kelly-html.zip", untouched)
    assert run(archive.command(archive.clean))[0] == 0
    building = Stop(signal.SIGKILL, event="html-page-context:8")
    problems = archive.stop_and_make_again(building, archive.absent)
    # Stopped as make starts zipping: the last whole zip stays under its name.
    zipping = Stop(signal.SIGINT, line=r"offline_zip\.py")
    problems += archive.stop_and_make_again(zipping, archive.the_last_whole_one)
    assert not problems, "\n".join(problems)


def test_the_offline_zip_stopped_part_way_leaves_the_last_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    for name in ("index.html", "a.html", "b.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    archive = tmp_path / "site.zip"
    archive.write_bytes(b"the last whole zip")
    read = Path.read_bytes

    def stopped_at_the_second(path: Path) -> bytes:
        if path.name == "b.html":
            raise KeyboardInterrupt
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", stopped_at_the_second)
    with pytest.raises(KeyboardInterrupt):
        write_zip(site, archive)
    monkeypatch.undo()
    assert archive.read_bytes() == b"the last whole zip"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.zip"]
    assert write_zip(site, archive) == 3
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.namelist() == ["site/a.html", "site/b.html", "site/index.html"]


# -- make serve: a rebuild killed ----------------------------------------


@contextlib.contextmanager
def serving(site: Site, out: Path, **extra: str) -> Iterator[Running]:
    """tools/serve.py as `make serve` runs it, until its first build is served."""
    port = free_port()
    options = ["--host", "127.0.0.1", "--port", str(port), *PREVIEW]
    command = [sys.executable, str(ROOT / "tools" / "serve.py"), *options, str(site.src), str(out)]
    server = Running(command, environment(**extra))
    try:
        assert server.prints(r"Serving on"), server.output
        wait_for(f"http://127.0.0.1:{port}/index.html", lambda body: "</html>" in body, 120)
        yield server
    finally:
        server.signal(signal.SIGINT)
        server.wait(60)


def test_a_killed_serve_rebuild_serves_the_clean_build_next_time(
    tmp_path: Path,
) -> None:
    site = stoppable_site(tmp_path / "src")
    out, stop_file = tmp_path / "serve", tmp_path / "stop"
    with serving(site, out, PORTFOLIO_STOP_FILE=str(stop_file)) as server:
        # The rebuild a save starts, killed while it writes its second page. (Ctrl-C
        # does not stop it: the server's signal handlers, uvicorn's, are forked into
        # each build, which finishes before the server exits.)
        stop_file.write_text("html-page-context:2:SIGKILL", encoding="utf-8")
        time.sleep(1)  # a save the watcher sees as new
        site.touch()
        assert server.wait(120) != 0, server.output
    assert "Rebuilding" in server.output
    stop_file.unlink()
    with serving(site, out):
        pass  # its first build is the build after the stopped one
    clean = tmp_path / "clean"
    status, printed = run([sys.executable, "-m", "sphinx", *PREVIEW, str(site.src), str(clean)])
    assert status == 0, printed
    problems = differences(clean, out) + leftovers(out)
    assert not problems, "\n".join(problems)
