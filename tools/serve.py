"""`make serve`: sphinx-autobuild, each rebuild run by a process that has Sphinx loaded.

sphinx-autobuild starts a new ``python -m sphinx`` for every rebuild, so about half
of the time from a save to the reloaded page went on starting Python and importing
Sphinx, docutils, MyST, furo and sphinx-design before a page was read. Here the
server imports those once, before it serves, and each build runs in a fork of it
(``os.fork``): the libraries are already loaded, and every build still starts from
a clean process, reading conf.py and the project's own extension (``_ext``, never
preloaded) afresh, so an edit to either takes effect on the next save as before.

Everything else is sphinx-autobuild's, options included (``--help``): this only
hands its command line a builder that forks instead of starting a process.
https://github.com/sphinx-doc/sphinx-autobuild
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import sphinx.application
import sphinx_autobuild.__main__ as autobuild
from sphinx.cmd import build
from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_message

ROOT = Path(__file__).resolve().parent.parent
#: The project's own code: imported by each build, never by the server.
LOCAL = ROOT / "_ext"
#: Libraries the local extension reads directly (requirements.in says why).
LIBRARIES = ("yaml", "tinycss2")


def third_party_extensions(conf: Path) -> list[str]:
    """The extensions and theme conf.py names, but the project's own."""
    namespace: dict[str, object] = {"__file__": str(conf), "__name__": "conf"}
    exec(compile(conf.read_text(encoding="utf-8"), conf, "exec"), namespace)  # noqa: S102  as Sphinx does
    names = [*namespace.get("extensions", ()), namespace.get("html_theme", "")]  # type: ignore[misc]
    found = []
    for name in filter(None, names):
        spec = importlib.util.find_spec(name.partition(".")[0])
        if spec and spec.origin and not Path(spec.origin).is_relative_to(LOCAL):
            found.append(name)
    return found


def preload(conf: Path) -> None:
    """Import what every build imports, so that forks of this process start warm."""
    names = [*sphinx.application.builtin_extensions, *third_party_extensions(conf), *LIBRARIES]
    # sphinxext-opengraph prints a line on import; portfolio.opengraph says why.
    with contextlib.redirect_stdout(io.StringIO()):
        for name in names:
            importlib.import_module(name)
    importlib.import_module("sphinx.builders.html")


def build_in_fork(arguments: Sequence[str]) -> int:
    """Run ``sphinx-build arguments`` in a child of this process; its exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            status = build.main(list(arguments))
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
        if build_in_fork(self.sphinx_args) != 0:
            print(
                "Sphinx failed: the server keeps serving the last build, which no longer "
                "matches the sources. Fix the problem above and save again."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


def main(argv: list[str]) -> None:
    preload(ROOT / "conf.py")
    # sphinx-autobuild's main() makes its builder from this name.
    autobuild.Builder = ForkingBuilder  # type: ignore[misc]
    autobuild.main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
