"""No output outlives its source: the record of each builder's pages, and what it removes."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.builders.html import StandaloneHTMLBuilder

from portfolio import outputs


def app(tmp_path: Path, found: set[str], name: str = "html", html: bool = True) -> SimpleNamespace:
    builder = object.__new__(StandaloneHTMLBuilder) if html else SimpleNamespace()
    builder.name = name
    builder.get_outfilename = lambda docname: str(tmp_path / "out" / f"{docname}.html")
    (tmp_path / "out").mkdir(exist_ok=True)
    return SimpleNamespace(
        builder=builder,
        doctreedir=str(tmp_path),
        outdir=str(tmp_path / "out"),
        env=SimpleNamespace(found_docs=found),
    )


def record(tmp_path: Path) -> dict[str, list[str]]:
    return json.loads((tmp_path / outputs.RECORD).read_text(encoding="utf-8"))


def test_each_builder_and_folder_records_the_pages_it_holds(tmp_path: Path) -> None:
    site = app(tmp_path, {"b", "a"})
    (tmp_path / outputs.RECORD).write_text('{"zz /elsewhere": ["x"]}', encoding="utf-8")
    outputs.on_build_finished(site, None)
    key = f"html {(tmp_path / 'out').resolve()}"
    assert record(tmp_path) == {"zz /elsewhere": ["x"], key: ["a", "b"]}
    # Kept readable and stable: sorted, one item a line.
    assert (tmp_path / outputs.RECORD).read_text(encoding="utf-8") == json.dumps(
        {"zz /elsewhere": ["x"], key: ["a", "b"]}, indent=1, sort_keys=True
    )
    # A failed build, or a builder that writes no pages, records nothing.
    site.env.found_docs = {"c"}
    outputs.on_build_finished(site, RuntimeError("failed"))
    outputs.on_build_finished(app(tmp_path, {"c"}, "latex", html=False), None)
    assert record(tmp_path)[key] == ["a", "b"]


def test_a_page_gone_loses_its_output_and_every_page_is_written_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sphinx.portfolio.outputs")
    site = app(tmp_path, {"a", "b"})
    # A first build, or an unreadable record, writes every page anyway.
    assert outputs.on_env_updated(site, site.env) == []
    (tmp_path / outputs.RECORD).write_text("not json", encoding="utf-8")
    assert outputs.on_env_updated(site, site.env) == []
    outputs.on_build_finished(site, None)
    assert outputs.on_env_updated(site, site.env) == []  # nothing came or went
    for page in ("a", "b"):
        (tmp_path / "out" / f"{page}.html").write_text(page, encoding="utf-8")
    site.env.found_docs = {"a", "c"}
    assert outputs.on_env_updated(site, site.env) == ["a", "c"]
    assert not (tmp_path / "out" / "b.html").exists()
    assert (tmp_path / "out" / "a.html").is_file()
    assert caplog.messages == ["removing b.html: its source is gone"]
    # A page gone whose output is already gone is no error.
    outputs.on_build_finished(app(tmp_path, {"a", "b", "c"}), None)
    assert outputs.on_env_updated(site, site.env) == ["a", "c"]


def test_other_builders_keep_their_files(tmp_path: Path) -> None:
    outputs.on_build_finished(app(tmp_path, {"a", "b"}), None)
    (tmp_path / "out" / "b.html").write_text("b", encoding="utf-8")
    other = app(tmp_path, {"a"}, "latex", html=False)
    assert outputs.on_env_updated(other, other.env) == []
    assert (tmp_path / "out" / "b.html").is_file()
