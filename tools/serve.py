"""`make serve`: sphinx-autobuild, each rebuild run by a process that has Sphinx loaded.

sphinx-autobuild starts a new ``python -m sphinx`` for every rebuild, so about half
of the time from a save to the reloaded page went on starting Python and importing
Sphinx, docutils, MyST, furo and sphinx-design before a page was read. Here each
build runs in a fork of the server (``os.fork``), and after the first build the
server imports every library that build imported: later builds start with them
loaded, and frozen out of the garbage collector's sight. Each build still starts
from a clean process, and reads conf.py and the project's own modules (``src``,
never imported by the server, but compiled once when it starts) afresh, so an
edit to either takes effect on the next save as before.

Everything else is sphinx-autobuild's, options included (``--help``): this only
hands its command line a builder that forks instead of starting a process.
https://github.com/sphinx-doc/sphinx-autobuild
"""

from __future__ import annotations

import compileall
import contextlib
import functools
import gc
import importlib
import importlib.util
import io
import os
import py_compile
import sys
import sysconfig
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import sphinx_autobuild.__main__ as autobuild
import sphinx_autobuild.server as server
import watchfiles
from sphinx.cmd import build
from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_message

#: Where libraries live: the standard library and the environment's packages.
LIBRARY_FOLDERS = tuple(
    {
        Path(sysconfig.get_path(kind)).resolve()
        for kind in ("stdlib", "platstdlib", "purelib", "platlib")
    }
)


def libraries() -> list[str]:
    """The modules loaded in this process that are libraries, not the project's own code."""
    names = []
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None)
        if origin and not name.startswith("__"):
            path = Path(origin).resolve()
            if any(path.is_relative_to(folder) for folder in LIBRARY_FOLDERS):
                names.append(name)
    return sorted(names)


def warm_up(names: list[str]) -> None:
    """Import ``names`` here, so that every build forked from this process finds them loaded."""
    # sphinxext-opengraph prints a line on import; portfolio.opengraph says why.
    with contextlib.redirect_stdout(io.StringIO()):
        for name in names:
            with contextlib.suppress(Exception):  # then the builds import it themselves
                importlib.import_module(name)


def build_in_fork(arguments: Sequence[str], loaded: Path | None = None) -> int:
    """Run ``sphinx-build arguments`` in a child of this process; its exit status.

    With ``loaded``, the child writes there the libraries the build imported.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            status = build.main(list(arguments))
            if loaded is not None:
                loaded.write_text("\n".join(libraries()), encoding="utf-8")
        except BaseException:  # noqa: BLE001  the child must reach os._exit
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status)


class ForkingBuilder(Builder):
    """sphinx-autobuild's builder, building in a fork rather than a new interpreter."""

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            here = Path.cwd()
            shown = [
                str(p.relative_to(here) if p.is_relative_to(here) else p) for p in changed_paths
            ]
            show_message(f"Detected changes ({', '.join(shown[:5])})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        if changed_paths:
            status = build_in_fork(self.sphinx_args)
        else:
            # The first build, in the server itself: what it loads, the server loads.
            with tempfile.TemporaryDirectory() as folder:
                loaded = Path(folder) / "modules"
                status = build_in_fork(self.sphinx_args, loaded)
                if loaded.is_file():
                    warm_up(loaded.read_text(encoding="utf-8").split())
            # What is loaded now lives as long as the server. Out of the collector's
            # sight (https://docs.python.org/3/library/gc.html#gc.freeze), a build's
            # collections no longer walk, and so copy into the fork, every object
            # the libraries made: about 60 ms of a save's 0.25 s of CPU.
            gc.freeze()
        if status != 0:
            print(
                "Sphinx failed: the server keeps serving the last build, which no longer "
                "matches the sources. Fix the problem above and save again."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


def compile_project(package: str = "portfolio") -> None:
    """Compile the project's own package once, so that each build reads it compiled.

    Each build imports it afresh, which compiles every module from source where
    Python writes no bytecode (PYTHONDONTWRITEBYTECODE): about 50 ms a save. Each
    compiled module is checked against its source's hash when imported, so a
    module edited since is compiled afresh, as before.
    """
    spec = importlib.util.find_spec(package)  # finds it without importing it
    for folder in (spec and spec.submodule_search_locations) or []:
        compileall.compile_dir(
            folder, quiet=1, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH
        )


#: How long, in milliseconds, the watcher waits after a file changes for more changes
#: before it reports them: watchfiles' default, 50, was a sixth of a save's wait. An
#: editor writes a file in well under this; a change reported early is rebuilt anyway.
WATCH_STEP = 10


def main(argv: list[str]) -> None:
    compile_project()
    # sphinx-autobuild's main() makes its builder from this name, and its server
    # watches through this module's awatch.
    autobuild.Builder = ForkingBuilder  # type: ignore[misc]
    server.watchfiles = SimpleNamespace(  # type: ignore[attr-defined]
        awatch=functools.partial(watchfiles.awatch, step=WATCH_STEP)
    )
    autobuild.main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
