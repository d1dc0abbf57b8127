"""`make schema`: the JSON Schema of the front matter, and the README's table of its fields.

Both are made from the model (``src/portfolio/model.py``), where each field is
declared once. The schema is committed (``schema/front-matter.schema.json``) for
editors to check front matter against while an author types; ``--check`` (the
tests run it) fails, naming the file, when either is older than the model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from portfolio import model

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "front-matter.schema.json"
README = ROOT / "README.md"
#: The README's table of fields sits between these lines.
BEGIN, END = "<!-- fields: made by `make schema` -->", "<!-- fields: end -->"
#: The keys that belong to Sphinx, MyST and furo, allowed on every page: not ours to list.
PASSTHROUGH = {f.encode_name for f in msgspec.structs.fields(model.Page)} - {"title"}


def schema() -> dict[str, Any]:
    # As JSON holds it: a default of () is the empty list [].
    made = msgspec.json.decode(msgspec.json.encode(msgspec.json.schema(model.FrontMatter)))
    kinds: dict[str, str] = made["discriminator"]["mapping"]
    # msgspec gives the kinds as anyOf with OpenAPI's discriminator, which JSON Schema
    # validators ignore: a mistake then reads "not valid under any of the given
    # schemas". Chosen by 'kind' with if/then, each page is checked as its kind, and
    # editors complete the fields of that kind.
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Front matter",
        "description": "The YAML between the --- lines at the top of a page with facts;"
        " 'kind' says which kind of page it is. Made by `make schema` from"
        " src/portfolio/model.py.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(kinds), "description": "Which page this is."}},
        "allOf": [
            {"if": {"properties": {"kind": {"const": tag}}}, "then": {"$ref": ref}}
            for tag, ref in kinds.items()
        ],
        "$defs": made["$defs"],
    }


def words(text: str) -> str:
    return " ".join(text.split())


def described(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """What a property holds, in words: its description, and a list's items' fields."""
    text = prop.get("description", "")
    items = prop.get("items", {})
    if "$ref" in items:
        part = defs[items["$ref"].rpartition("/")[2]]
        required = part.get("required", [])
        optional = [name for name in part["properties"] if name not in required]
        text = " ".join(filter(None, (text, part.get("description", ""))))
        text += f" Each: {', '.join(f'`{n}`' for n in required)}"
        text += f"; optional: {', '.join(f'`{n}`' for n in optional)}." if optional else "."
    return words(text)


def table(made: dict[str, Any]) -> str:
    """The kinds of page, then a row per field and meaning, naming the kinds that take it."""
    defs = made["$defs"]
    kinds = {
        defs[name]["properties"]["kind"]["enum"][0]: defs[name]
        for name in (rule["then"]["$ref"].rpartition("/")[2] for rule in made["allOf"])
    }
    lines = ["| `kind` | The page |", "| --- | --- |"]
    lines += [f"| `{tag}` | {words(kind['description'])} |" for tag, kind in kinds.items()]
    rows: dict[tuple[str, str], list[str]] = {}
    for tag, kind in kinds.items():
        for field, prop in kind["properties"].items():
            if field not in PASSTHROUGH and field != "kind":
                need = "" if field in kind["required"] else " (optional)"
                rows.setdefault((field, described(prop, defs)), []).append(f"`{tag}`{need}")
    lines += ["", "| Field | Pages (`kind`) | What it holds |", "| --- | --- | --- |"]
    # The title first: every page has one.
    for (field, text), tags in sorted(rows.items(), key=lambda row: row[0][0] != "title"):
        where = "all" if tags == [f"`{tag}`" for tag in kinds] else ", ".join(tags)
        lines.append(f"| `{field}` | {where} | {text} |")
    return "\n".join(lines)


def readme_with(text: str, made: dict[str, Any]) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return f"{text[:start]}\n{table(made)}\n{text[end:]}"


def dumped(made: dict[str, Any]) -> str:
    return json.dumps(made, indent=2, ensure_ascii=False) + "\n"


def stale() -> list[str]:
    """The files older than the model, each with the fix."""
    made = schema()
    problems = []
    if not SCHEMA.is_file() or SCHEMA.read_text(encoding="utf-8") != dumped(made):
        problems.append(f"{SCHEMA.relative_to(ROOT)} is older than src/portfolio/model.py")
    text = README.read_text(encoding="utf-8")
    if readme_with(text, made) != text:
        problems.append(f"{README.relative_to(ROOT)}'s table of fields is older than the model")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if either file is stale")
    args = parser.parse_args()
    if args.check:
        for problem in stale():
            print(f"{problem}: run `make schema` and commit what it writes", file=sys.stderr)
        return 1 if stale() else 0
    made = schema()
    SCHEMA.parent.mkdir(exist_ok=True)
    SCHEMA.write_text(dumped(made), encoding="utf-8")
    README.write_text(readme_with(README.read_text(encoding="utf-8"), made), encoding="utf-8")
    print(f"wrote {SCHEMA.relative_to(ROOT)} and the table of fields in {README.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
