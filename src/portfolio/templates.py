"""Compile the theme's Jinja templates once, not on every build.

Sphinx makes a new Jinja environment for each build, so every build compiles
furo's and the project's page templates again before writing a page: about a
fifth of the CPU time of rebuilding one write-up, and more of each `make serve`
rebuild. Jinja can keep the compiled templates (its bytecode cache,
https://jinja.palletsprojects.com/en/stable/api/#bytecode-cache), checked
against each template's source, so an edited template is compiled again. They
are kept beside the doctrees: a cold build, with no doctrees, compiles them all.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader

#: Beside the doctrees: the compiled templates.
CACHE = "portfolio-jinja"


def on_builder_inited(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if isinstance(templates, BuiltinTemplateLoader):
        folder = Path(app.doctreedir) / CACHE
        folder.mkdir(parents=True, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
