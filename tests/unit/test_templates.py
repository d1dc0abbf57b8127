"""portfolio.templates: the theme's compiled templates kept beside the doctrees."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, FileSystemBytecodeCache
from sphinx.jinja2glue import BuiltinTemplateLoader

from portfolio import templates


def test_the_html_builders_templates_keep_their_bytecode_beside_the_doctrees(
    tmp_path: Path,
) -> None:
    loader = object.__new__(BuiltinTemplateLoader)
    loader.environment = Environment()
    app = SimpleNamespace(builder=SimpleNamespace(templates=loader), doctreedir=str(tmp_path))
    templates.on_builder_inited(app)
    cache = loader.environment.bytecode_cache
    assert isinstance(cache, FileSystemBytecodeCache)
    assert cache.directory == str(tmp_path / "portfolio-jinja")
    assert (tmp_path / "portfolio-jinja").is_dir()
    # A second build finds the folder there.
    templates.on_builder_inited(app)
    assert loader.environment.bytecode_cache.directory == cache.directory


def test_a_builder_without_sphinxs_templates_is_left_alone(tmp_path: Path) -> None:
    for builder in (SimpleNamespace(), SimpleNamespace(templates=object())):
        templates.on_builder_inited(SimpleNamespace(builder=builder, doctreedir=str(tmp_path)))
    assert not (tmp_path / "portfolio-jinja").exists()


def test_the_folder_is_made_with_its_parents(tmp_path: Path) -> None:
    loader = object.__new__(BuiltinTemplateLoader)
    loader.environment = Environment()
    doctrees = tmp_path / "not" / "yet"
    app = SimpleNamespace(builder=SimpleNamespace(templates=loader), doctreedir=str(doctrees))
    templates.on_builder_inited(app)
    assert (doctrees / "portfolio-jinja").is_dir()
