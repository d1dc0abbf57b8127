"""portfolio.model as the published schema shows it: every field, type, pattern and
description the model declares reaches schema/front-matter.schema.json unchanged.

tests/test_schema.py runs `make schema --check` in a subprocess; this compares the same
thing in-process, fast enough to run against each mutant of the model.
"""

from __future__ import annotations

import json

import schema as schema_tool


def test_the_committed_schema_is_the_models() -> None:
    committed = json.loads(schema_tool.SCHEMA.read_text(encoding="utf-8"))
    assert schema_tool.schema() == committed


def test_the_readmes_table_is_the_models() -> None:
    readme = schema_tool.README.read_text(encoding="utf-8")
    assert schema_tool.readme_with(readme, schema_tool.schema()) == readme
