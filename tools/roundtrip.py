"""How much of a JSON Resume file survives `make import` and a build, field by field.

    python tools/roundtrip.py INPUT.json BUILT/resume.json

Compares every field that JSON Resume's schema defines (references aside: they are
never published unless their author says so) in the input with the built site's
resume.json, entry by entry (matched whatever their order: the site orders a
section by date), and prints the score (fields equal / fields
defined in the input) and each field that differs. Before comparing, both sides are
normalised as the site states facts: whitespace collapsed, dates at the precision a
résumé states (a day is dropped: 2014-06-29 is 2014-06), addresses https (the site
links nothing else), the older schema's names read as the current ones, and an
empty value is no value. ``meta`` describes the file, not the person: not compared.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from portfolio.importer import OLDER

#: Not compared: references are published only with their author's consent, and meta
#: says when and by what the file was made.
ASIDE = {"references", "meta", "$schema"}
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-\d{2})?$")


def normal(value: Any, key: str = "") -> Any:
    """``value`` as the site would state it."""
    if isinstance(value, str):
        value = " ".join(value.split())
        if key.lower().endswith("date") or key == "date":
            found = DATE.match(value)
            if found:
                return found[1] + (f"-{found[2]}" if found[2] else "")
        if value.startswith("http://"):
            return "https://" + value.removeprefix("http://")
        return value or None
    if isinstance(value, list):
        return [normal(item, key) for item in value] or None
    if isinstance(value, dict):
        found = {k: normal(v, k) for k, v in value.items()}
        return {k: v for k, v in found.items() if v is not None} or None
    return value


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every scalar of ``value`` by its path: basics.location.city, work[0].highlights[1]."""
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for key, item in value.items():
            found |= leaves(item, f"{path}.{key}" if path else key)
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            found |= leaves(item, f"{path}[{index}]")
        return found
    return {path: value}


def current(data: dict[str, Any]) -> dict[str, Any]:
    """The document with the older schema's names given their current ones."""
    data = dict(data)
    for section, renames in OLDER.items():
        if section == "basics" and isinstance(data.get("basics"), dict):
            data["basics"] = {renames.get(k, k): v for k, v in data["basics"].items()}
        elif isinstance(data.get(section), list):
            data[section] = [{renames.get(k, k): v for k, v in e.items()} for e in data[section]]
    return data


def aligned(given: list[Any], built: list[Any]) -> list[Any]:
    """``built``'s entries in the order of the ``given`` ones they match best: the site
    orders a section by date, newest first, and a résumé may not."""
    left, order = list(built), []
    for entry in given:
        want = leaves(entry)
        best = max(
            left, key=lambda e: sum(leaves(e).get(p) == v for p, v in want.items()), default=None
        )
        if best is None:
            break
        order.append(best)
        left.remove(best)
    return order + left


def compare(given: dict[str, Any], built: dict[str, Any]) -> tuple[int, int, list[str]]:
    """(fields equal, fields defined in ``given``, a line for each that differs)."""
    given = normal({k: v for k, v in current(given).items() if k not in ASIDE}) or {}
    built = normal({k: v for k, v in built.items() if k not in ASIDE}) or {}
    for key, entries in given.items():
        if isinstance(entries, list) and isinstance(built.get(key), list):
            built[key] = aligned(entries, built[key])
    wanted, made = leaves(given), leaves(built)
    differs = [
        f"{path}: {json.dumps(value, ensure_ascii=False)} became "
        f"{json.dumps(made.get(path), ensure_ascii=False)}"
        for path, value in wanted.items()
        if made.get(path) != value
    ]
    return len(wanted) - len(differs), len(wanted), differs


def main() -> int:
    given, built = (json.loads(Path(arg).read_text(encoding="utf-8")) for arg in sys.argv[1:3])
    equal, defined, differs = compare(given, built)
    print(f"{equal}/{defined} fields equal")
    for line in differs:
        print(f"  {line}")
    return 0 if equal == defined else 1


if __name__ == "__main__":
    raise SystemExit(main())
