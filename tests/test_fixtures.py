"""The shared fixtures' own machinery: a build made once per run, across pytest-xdist workers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import once_per_run, run_folder


def maker(calls: list[Path], fail: bool = False) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        calls.append(folder)
        folder.mkdir()
        (folder / "built").write_text("yes", encoding="utf-8")
        if fail:
            raise AssertionError("the build failed")

    return make


def test_a_folder_is_made_once(tmp_path: Path) -> None:
    calls: list[Path] = []
    first = once_per_run(tmp_path, "made-once", maker(calls))
    second = once_per_run(tmp_path, "made-once", maker(calls))
    assert first == second == tmp_path / "made-once"
    assert calls == [first]
    assert (first / "built").read_text(encoding="utf-8") == "yes"


def test_a_failed_build_is_made_again(tmp_path: Path) -> None:
    calls: list[Path] = []
    with pytest.raises(AssertionError, match="the build failed"):
        once_per_run(tmp_path, "failed-once", maker(calls, fail=True))
    folder = once_per_run(tmp_path, "failed-once", maker(calls))
    assert calls == [folder, folder]
    assert (folder / "built").is_file()


def test_workers_share_the_runs_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    own = tmp_path_factory.getbasetemp()
    assert run_folder(tmp_path_factory, "master") == own
    assert run_folder(tmp_path_factory, "gw1") == own.parent
