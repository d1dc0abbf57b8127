"""Tailored résumés: variants of the one résumé, chosen from the same facts.

The résumé page declares them in its front matter (``kind: resume``,
``variants:``; see :class:`.frontmatter.Variant`). A variant selects and orders
what the full résumé holds, never adds a word: roles and projects by their id
or the ``tags`` in their front matter, single highlights by their label
(``(meta-messenger)=``), skill groups, activities and the publication by id,
and whole sections by name. The rule is the one RenderCV's users settled on for
its ``versions``: what carries no tag is kept, a tagged thing only when the
variant's ``keep`` names it or one of its tags, and whatever ``drop`` names
goes; a section left empty disappears.

Each variant is typeset as the full résumé is (:mod:`.downloads`), with its own
page limit and its own ``resume.json``. A published variant sits beside the full
résumé in the site and the résumé page links it; any other is written only
beside the site, under ``_build/resume/<name>/``, so nothing published names it.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterator
from typing import Any

from .frontmatter import RESUME_SECTIONS, SECTIONS
from .model import Variant

#: The keys of the résumé's data that only the PDF and text need: resume.json
#: (https://jsonresume.org/schema) leaves them out.
PRINT_ONLY = frozenset(
    {"id", "tags", "runs", "summary_runs", "highlight_ids", "dates", "tenure", "links"}
    | {"authors", "me", "venue", "place", "date", "page", "skills"}
)
#: The same for an entry of a section of entries (:func:`.structured_data.entry_facts`).
ENTRY_PRINT_ONLY = frozenset(
    {"id", "tags", "head", "href", "detail", "dates", "body", "items", "links", "ld"}
)


def known_names(data: dict[str, Any]) -> set[str]:
    """Every id and tag a variant may name: of roles, highlights, projects, skill
    groups, activities and papers."""
    names: set[str] = set()
    for work in data["work"]:
        names |= {work["id"], *work["tags"], *filter(None, work["highlight_ids"])}
    for project in data["projects"]:
        names |= {project["id"], *project["tags"]}
    names |= {group["id"] for group in data["skills"]}
    names |= {activity["id"] for activity in data["prose"]["activities"]}
    names |= {paper["id"] for paper in data["publications"]}
    for name in SECTIONS:
        for entry in data.get(name, ()):
            names |= {entry["id"], *entry["tags"]} - {""}
    return names


def problems(variant: Variant, data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """What is wrong with ``variant`` given the facts: ``(field, message)`` each, the
    field that says it ("keep", "drop"), or "" for the variant as a whole."""
    names = known_names(data)
    for field in ("keep", "drop"):
        for name in sorted(set(getattr(variant, field)) - names):
            near = difflib.get_close_matches(name, names)
            hint = (
                f"did you mean {', '.join(near)}?"
                if near
                else "name a role, highlight label, project page, skill group, activity,"
                " publication or tag"
            )
            yield (
                field,
                f"variant {variant.name!r}: {field} names {name!r}, which no role, highlight,"
                f" project, skill group, activity, publication or tag is; {hint}",
            )
    if not select(data, variant)["meta"]["sections"]:
        yield (
            "",
            f"variant {variant.name!r} keeps nothing: every section it lists is empty after"
            " 'keep' and 'drop'; list a section in 'sections', or keep something in it",
        )


def kept(variant: Variant, thing: str, tags: list[str] | tuple[str, ...] = ()) -> bool:
    """Untagged things stay, tagged ones when named in ``keep``; ``drop`` always wins."""
    names = {thing, *tags}
    if not names.isdisjoint(variant.drop):
        return False
    return not tags or not names.isdisjoint(variant.keep)


def select(data: dict[str, Any], variant: Variant) -> dict[str, Any]:
    """The résumé's data with only what ``variant`` keeps, its sections in its order."""
    data = copy.deepcopy(data)
    work = []
    for entry in data["work"]:
        if not kept(variant, entry["id"], entry["tags"]):
            continue
        chosen = [
            index
            for index, highlight in enumerate(entry["highlight_ids"])
            if not highlight or kept(variant, highlight)
        ]
        for key in ("runs", "highlight_ids", "highlights"):
            entry[key] = [entry[key][index] for index in chosen]
        work.append(entry)
    data["work"] = work
    data["projects"] = [p for p in data["projects"] if kept(variant, p["id"], p["tags"])]
    data["skills"] = [group for group in data["skills"] if kept(variant, group["id"])]
    prose = data["prose"]
    prose["skills"] = [group for group in prose["skills"] if kept(variant, group["id"])]
    prose["activities"] = [a for a in prose["activities"] if kept(variant, a["id"])]
    data["publications"] = [p for p in data["publications"] if kept(variant, p["id"])]
    for name in SECTIONS.keys() & data.keys():
        data[name] = [e for e in data[name] if kept(variant, e["id"], e["tags"])]
    # A section not listed goes, and so does one left empty.
    parts = {
        "experience": [data["work"]],
        "education": [data["education"], prose["activities"]],
        "publications": [data["publications"]],
        "skills": [prose["skills"], data["skills"]],
        "projects": [data["projects"], prose["projects"]],
    } | {name: [data.get(name, [])] for name in SECTIONS}
    for section in set(RESUME_SECTIONS) - set(variant.order):
        for part in parts[section]:
            part.clear()
    if not data["projects"]:
        prose["projects"].clear()  # the introduction to no project
    data["meta"]["sections"] = [section for section in variant.order if any(parts[section])]
    return data


def public(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as JSON Resume holds it: the printed résumé's extra keys left out."""
    # A section of entries left empty is not there at all.
    result = {
        key: value
        for key, value in data.items()
        if key != "prose" and (value or key not in SECTIONS)
    }
    for key, value in result.items():
        if isinstance(value, list):  # work, education, skills, projects, awards…
            left_out = ENTRY_PRINT_ONLY if key in SECTIONS else PRINT_ONLY
            result[key] = [{k: v for k, v in item.items() if k not in left_out} for item in value]
    result["meta"] = {"lastModified": data["meta"]["lastModified"]}
    return result
