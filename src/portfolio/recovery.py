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

So each build marks the doctree folder when it starts (``config-inited``, before
Sphinx loads the environment) and removes its mark as its last act once it has
finished (``build-finished``). A build that finds a mark knows a build sharing
the folder was stopped part-way, and starts from what it can trust: it deletes
the environment, so Sphinx reads and writes every page as a first build does and
the search index is made whole, and the half-written files (``*.tmp``) beside the
doctrees; from its own output folder, ``.buildinfo`` (perhaps cut short, which
a strict build rejects) and half-written files (Sphinx's ``searchindex.js.tmp``,
a book's). Its own mark stays until it finishes. The caches beside the doctrees
(pictures, cards, the résumé, compiled templates) stay: each file there is named
by its content and written whole (:func:`written_whole`), so a stopped build
leaves all of it or none. A build that was not stopped pays for one small file.

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

#: Beside the doctrees, one for each output folder whose build has not finished.
MARK = "portfolio-unfinished-"
#: The suffix of a file being written, before it is renamed onto its name.
PARTIAL = ".tmp"


def mark_of(doctreedir: Path, outdir: Path) -> Path:
    """The mark a build into ``outdir`` leaves beside the doctrees while it runs."""
    return doctreedir / f"{MARK}{hashlib.sha256(os.fsencode(outdir)).hexdigest()[:16]}"


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


def recover(doctreedir: Path, outdir: Path, own: bool) -> None:
    """Discard what a build stopped part-way may have left wrong.

    ``own``: the stopped build wrote into ``outdir`` too, not only beside the doctrees.
    """
    (doctreedir / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
    stale = partial_files(doctreedir)
    if own:
        stale += [outdir / ".buildinfo", *partial_files(outdir)]
    for path in stale:
        path.unlink(missing_ok=True)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Recover from a build stopped part-way, if one was; then mark this one as running."""
    doctreedir, outdir = Path(app.doctreedir), Path(app.outdir)
    mark = mark_of(doctreedir, outdir)
    marks = list(doctreedir.glob(f"{MARK}*"))
    if marks:
        logger.info(
            "A build into %s did not finish: reading and writing every page again.",
            ", ".join(sorted(os.fsdecode(m.read_bytes()).strip() for m in marks)),
        )
        recover(doctreedir, outdir, own=mark in marks)
    doctreedir.mkdir(parents=True, exist_ok=True)
    write_whole(mark, os.fsencode(outdir) + b"\n")  # whole, for the message above


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """The build finished: its output and the doctrees agree again."""
    if exception is None:
        mark_of(Path(app.doctreedir), Path(app.outdir)).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
    # Last of all: every other handler has written what it writes.
    app.connect("build-finished", on_build_finished, priority=1000)
