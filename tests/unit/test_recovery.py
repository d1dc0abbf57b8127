"""portfolio.recovery: the marks a running build leaves, what a build that finds one
discards, and files written whole."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from portfolio import recovery
from portfolio.recovery import (
    marks_of,
    on_build_finished,
    on_config_inited,
    partial_files,
    recover,
    write_whole,
    written_whole,
)

from .helpers import write


def app(tmp_path: Path, out: str = "html") -> Any:
    return SimpleNamespace(doctreedir=str(tmp_path / "doctrees"), outdir=str(tmp_path / out))


def test_the_doctrees_have_a_mark_and_each_output_folder_its_own() -> None:
    digest = hashlib.sha256(b"/build/html").hexdigest()[:16]
    assert marks_of(Path("/build/doctrees"), Path("/build/html")) == (
        Path("/build/doctrees/portfolio-unfinished"),
        Path(f"/build/doctrees/portfolio-unfinished-{digest}"),
    )
    assert marks_of(Path("/d"), Path("/epub"))[1] != marks_of(Path("/d"), Path("/html"))[1]


def test_a_file_written_whole_is_renamed_onto_its_name_at_the_end(tmp_path: Path) -> None:
    target = write(tmp_path, "book.epub", "the last whole book")
    with written_whole(target) as partial:
        assert partial == tmp_path / f"book.epub.{os.getpid()}.tmp"
        partial.write_text("the new book", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "the last whole book"
    assert target.read_text(encoding="utf-8") == "the new book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]
    write_whole(tmp_path / "new.txt", b"bytes")
    assert (tmp_path / "new.txt").read_bytes() == b"bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub", "new.txt"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError])
def test_a_file_stopped_part_way_leaves_the_last_whole_one(
    tmp_path: Path, stop: type[BaseException]
) -> None:
    target = write(tmp_path, "book.epub", "the last whole book")
    with pytest.raises(stop), written_whole(target) as partial:
        partial.write_text("half a bo", encoding="utf-8")
        raise stop()
    assert target.read_text(encoding="utf-8") == "the last whole book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]
    # Stopped before a byte was written: nothing to remove, no error but the first.
    with pytest.raises(KeyboardInterrupt), written_whole(tmp_path / "none.txt"):
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]


def test_partial_files_are_found_at_any_depth(tmp_path: Path) -> None:
    write(tmp_path, "searchindex.js.tmp", "")
    write(tmp_path, "cache/a/card.123.tmp", "")
    write(tmp_path, "cache/card.png", "")
    (tmp_path / "folder.tmp").mkdir()
    assert partial_files(tmp_path) == [
        tmp_path / "cache" / "a" / "card.123.tmp",
        tmp_path / "searchindex.js.tmp",
    ]


def built(tmp_path: Path) -> tuple[Path, Path]:
    """The doctree folder and output folder of a build, with what each holds."""
    doctrees, out = tmp_path / "doctrees", tmp_path / "html"
    for name in ("environment.pickle", "index.doctree", "portfolio-cards/a.png"):
        write(doctrees, name, "kept")
    write(doctrees, "portfolio-cards/b.png.7.tmp", "half")
    for name in (".buildinfo", "index.html", "searchindex.js"):
        write(out, name, "kept")
    write(out, "searchindex.js.tmp", "half")
    return doctrees, out


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_recovery_discards_the_environment_and_partial_files_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    doctrees, out = built(tmp_path)
    recover(doctrees, out)
    assert files(doctrees) == ["index.doctree", "portfolio-cards/a.png"]
    assert files(out) == ["index.html", "searchindex.js"]


def test_recovery_from_a_build_stopped_before_it_wrote_anything_of_those(
    tmp_path: Path,
) -> None:
    # No environment or .buildinfo yet; the doctrees inside the output folder, as
    # sphinx-build keeps them without -d, so a partial file there is found twice.
    out = tmp_path / "html"
    write(out, ".doctrees/portfolio-cards/b.png.7.tmp", "half")
    write(out, "index.html", "kept")
    recover(out / ".doctrees", out)
    assert files(out) == ["index.html"]


def test_recovery_beside_the_doctrees_alone_leaves_the_output(tmp_path: Path) -> None:
    doctrees, out = built(tmp_path)
    recover(doctrees)
    assert files(doctrees) == ["index.doctree", "portfolio-cards/a.png"]
    assert files(out) == [".buildinfo", "index.html", "searchindex.js", "searchindex.js.tmp"]


def test_a_first_build_marks_the_doctree_folder_it_makes(
    tmp_path: Path, informed: list[Any]
) -> None:
    site = app(tmp_path / "new")
    on_config_inited(site, None)
    assert all(mark.is_file() for mark in marks_of(Path(site.doctreedir), Path(site.outdir)))
    assert informed == []


def message(text: str) -> tuple[str, str, None, None, None]:
    return ("INFO", text, None, None, None)


def test_a_build_that_finds_its_folders_mark_recovers(tmp_path: Path, informed: list[Any]) -> None:
    doctrees, out = built(tmp_path)
    site = app(tmp_path)
    on_config_inited(site, None)
    shared, own = marks_of(doctrees, out)
    # No mark yet: nothing is discarded.
    assert files(doctrees) == [
        "environment.pickle",
        "index.doctree",
        "portfolio-cards/a.png",
        "portfolio-cards/b.png.7.tmp",
        shared.name,
        own.name,
    ]
    assert files(out) == [".buildinfo", "index.html", "searchindex.js", "searchindex.js.tmp"]
    assert informed == []
    # Stopped: the next build finds the marks.
    on_config_inited(site, None)
    assert files(doctrees) == ["index.doctree", "portfolio-cards/a.png", shared.name, own.name]
    assert files(out) == ["index.html", "searchindex.js"]
    text = f"The last build into {out} did not finish: building every page again."
    assert informed == [message(text)]
    # Its own mark, found without the doctrees' (another build has made them whole since).
    shared.unlink()
    write(out, ".buildinfo", "kept")
    on_config_inited(site, None)
    assert files(out) == ["index.html", "searchindex.js"]
    assert informed == [message(text)] * 2


def test_a_build_that_finds_the_doctrees_mark_alone_keeps_its_output(
    tmp_path: Path, informed: list[Any]
) -> None:
    doctrees, out = built(tmp_path)
    epub, site = app(tmp_path, "epub"), app(tmp_path)
    on_config_inited(epub, None)  # stopped
    on_config_inited(site, None)
    shared, own = marks_of(doctrees, out)
    the_epubs = marks_of(doctrees, Path(epub.outdir))[1]
    assert files(doctrees) == [
        "index.doctree",
        "portfolio-cards/a.png",
        shared.name,
        *sorted([own.name, the_epubs.name]),
    ]
    assert files(out) == [".buildinfo", "index.html", "searchindex.js", "searchindex.js.tmp"]
    assert informed == [
        message(
            f"A build sharing the doctrees in {doctrees} did not finish: building every page again."
        )
    ]
    # Finished, it leaves the doctrees whole: its next build has nothing to recover from,
    # and the stopped build's folder keeps its mark.
    on_build_finished(site, None)
    write(doctrees, "environment.pickle", "kept")
    on_config_inited(site, None)
    assert (doctrees / "environment.pickle").is_file() and len(informed) == 1
    assert the_epubs.is_file()


def test_only_a_finished_build_removes_its_marks(tmp_path: Path) -> None:
    site, other = app(tmp_path), app(tmp_path, "epub")
    for each in (site, other):
        on_config_inited(each, None)
    shared, own = marks_of(Path(site.doctreedir), Path(site.outdir))
    on_build_finished(site, RuntimeError("failed"))
    assert shared.is_file() and own.is_file()
    on_build_finished(site, None)
    assert not shared.exists() and not own.exists()
    assert marks_of(Path(other.doctreedir), Path(other.outdir))[1].is_file()
    on_build_finished(site, None)  # no mark: nothing to do


def test_setup_recovers_before_the_environment_loads_and_unmarks_last() -> None:
    calls: list[tuple[Any, ...]] = []
    recovery.setup(SimpleNamespace(connect=lambda *args, **kwargs: calls.append((args, kwargs))))
    assert calls == [
        (("config-inited", recovery.on_config_inited), {}),
        (("build-finished", recovery.on_build_finished), {"priority": 1000}),
    ]
