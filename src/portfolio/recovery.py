"""Builds that survive being stopped: the build after one gives the clean build's site.

Sphinx keeps state between builds that a build stopped part-way leaves at odds.
The environment (``environment.pickle``, beside the doctrees) is saved once every
page is read and before any is written; a page is written again only if its
output is older than its source; the search index is the last build's
``searchindex.js`` with the pages written added. Stopped while writing (Ctrl-C, a
kill), the environment says every page is read and the output holds some: the
next build writes the others alone, cannot load the search index never written
("the index will be incomplete", an error under ``-W``, then an index that lacks
pages for good), and pages a change elsewhere was to rewrite (a listing, the
résumé and its PDF) stay stale. Sphinx deletes the environment itself when a
build fails with an exception, for the same reason; an interrupt is no
``Exception``, and a killed process runs nothing at all.

So each build leaves two marks beside the doctrees when it starts (``config-inited``,
before Sphinx loads the environment), one for the doctrees and one for its output
folder, and removes both as its last act once it has finished (``build-finished``).
A build that finds its output folder's mark knows the last build into it was
stopped part-way, and starts from what it can trust: it deletes the environment, so
Sphinx reads and writes every page as a first build does and the search index is
made whole; the half-written files (``*.tmp``) beside the doctrees; and from its
output folder ``.buildinfo`` (perhaps cut short, which a strict build rejects) and
half-written files (Sphinx's ``searchindex.js.tmp``, a book's). A build that finds
only the doctrees' mark (a build into another folder sharing them, as ``make epub``
shares ``make html``'s, was stopped) deletes the environment and the partial files
beside it; once it finishes, the doctrees are whole again, and the other folder's
own mark waits for that folder's next build. The caches beside the doctrees
(pictures, cards, the résumé, compiled templates) stay: each file there is named
by its content and written whole (:func:`written_whole`), so a stopped build
leaves all of it or none. A build that was not stopped pays for two empty files.

Files a reader takes away whole, the EPUB and the offline zip, are written the
same way, so a stopped build never leaves half of one under its name. Events:
https://www.sphinx-doc.org/en/master/extdev/event_callbacks.html
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Beside the doctrees while a build runs: the doctrees' mark, and with a suffix
#: of its own, each output folder's.
MARK = "portfolio-unfinished"
#: The suffix of a file being written, before it is renamed onto its name.
PARTIAL = ".tmp"


def marks_of(doctreedir: Path, outdir: Path) -> tuple[Path, Path]:
    """The marks a build into ``outdir`` leaves while it runs: the doctrees', its folder's."""
    digest = hashlib.sha256(os.fsencode(outdir)).hexdigest()[:16]
    return doctreedir / MARK, doctreedir / f"{MARK}-{digest}"


@contextlib.contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A name beside ``path`` to write to, renamed onto ``path`` when the block ends.

    If the block fails or is interrupted, the partial file is removed and ``path``
    keeps what it held; a kill can leave only the partial file, which the next
    build's recovery removes.
    """
    partial = path.with_name(f"{path.name}.{os.getpid()}{PARTIAL}")
    try:
        yield partial
        os.replace(partial, path)  # not Path.replace: Sphinx's paths are strings there
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_whole(path: Path, data: bytes) -> None:
    with written_whole(path) as partial:
        partial.write_bytes(data)


def partial_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob(f"*{PARTIAL}") if path.is_file())


def recover(doctreedir: Path, outdir: Path | None = None) -> None:
    """Discard what a build stopped part-way may have left wrong beside the doctrees
    and, given the output folder it was writing, there."""
    (doctreedir / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
    stale = partial_files(doctreedir)
    if outdir is not None:
        stale += [outdir / ".buildinfo", *partial_files(outdir)]
    for path in stale:
        path.unlink(missing_ok=True)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Recover from a build stopped part-way, if one was; then mark this one as running."""
    doctreedir, outdir = Path(app.doctreedir), Path(app.outdir)
    shared, own = marks_of(doctreedir, outdir)
    if own.exists():
        logger.info("The last build into %s did not finish: building every page again.", outdir)
        recover(doctreedir, outdir)
    elif shared.exists():
        logger.info(
            "A build sharing the doctrees in %s did not finish: building every page again.",
            doctreedir,
        )
        recover(doctreedir)
    doctreedir.mkdir(parents=True, exist_ok=True)
    shared.touch()
    own.touch()


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """The build finished: the doctrees and its output agree again."""
    if exception is None:
        for mark in marks_of(Path(app.doctreedir), Path(app.outdir)):
            mark.unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
    # Last of all: every other handler has written what it writes.
    app.connect("build-finished", on_build_finished, priority=1000)
