"""portfolio.opengraph: sphinxext-opengraph loaded without its line about matplotlib,
and with anything else its import prints let through."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest

from portfolio import opengraph


def test_the_import_line_is_swallowed_and_the_extension_set_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A fresh import, which prints, as the first build in a process sees it.
    monkeypatch.delitem(sys.modules, "sphinxext.opengraph", raising=False)
    loaded: list[str] = []
    metadata = opengraph.setup(SimpleNamespace(setup_extension=loaded.append))
    assert capsys.readouterr().out == ""
    assert loaded == ["sphinxext.opengraph"]
    assert metadata == {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}


def test_anything_else_the_import_prints_goes_through(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = SimpleNamespace()
    monkeypatch.setitem(sys.modules, "sphinxext.opengraph", module)

    # The import itself is cached; what it printed is what setup() passes on.
    monkeypatch.setattr(
        opengraph.contextlib,
        "redirect_stdout",
        lambda stream: _printing(stream, "before\n" + opengraph.NO_MATPLOTLIB + "after\n"),
    )
    opengraph.setup(SimpleNamespace(setup_extension=lambda name: None))
    assert capsys.readouterr().out == "before\nafter\n"


class _printing:
    """redirect_stdout's stand-in: the import 'prints' ``text`` into the stream."""

    def __init__(self, stream: object, text: str) -> None:
        self.stream, self.text = stream, text

    def __enter__(self) -> None:
        self.stream.write(self.text)  # type: ignore[attr-defined]

    def __exit__(self, *exc: object) -> None:
        return None
