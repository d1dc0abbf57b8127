"""Front matter: the one place where a page's structured facts are written.

A page takes part in the portfolio's listings, back-links and timeline by
declaring a ``kind`` in its front matter. This module reads that YAML into the
model's records (:mod:`.model`, where each field is declared once), checking
every value as its field's type says, and turns every mistake into a
:class:`Problem` naming the file, the line, the field and what is allowed, all
at once and in the order of the file, so an author never has to read a
traceback.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec
import yaml

from . import model

Fields = tuple[frozenset[str], frozenset[str]]


@functools.cache
def fields(struct: type[msgspec.Struct]) -> tuple[msgspec.structs.FieldInfo, ...]:
    """The fields of ``struct`` (of :mod:`.model`), their types resolved once: resolving
    evaluates every annotation, which a build pays only for the kinds it reads."""
    return msgspec.structs.fields(struct)


@functools.cache
def fields_of(struct: type[msgspec.Struct]) -> Fields:
    """The keys ``struct`` requires, and those it allows besides."""
    return (
        frozenset(f.encode_name for f in fields(struct) if f.required),
        frozenset(f.encode_name for f in fields(struct) if not f.required),
    )


#: Front matter keys that belong to Sphinx, MyST or furo rather than to us: allowed on
#: every page, and not read.
PASSTHROUGH_KEYS = fields_of(model.Page)[1]
#: ``draft: true`` keeps a write-up out of the site but for ``make serve`` (see drafts.py).
DRAFT_KEY = "draft"
#: The résumé's sections, in the full résumé's order; a variant may keep fewer, in its own.
RESUME_SECTIONS: tuple[str, ...] = model.resume_order()
#: The sections of entries (:data:`.model.SECTIONS`), by name: the kind of their page.
SECTIONS: dict[str, model.Section] = {section.name: section for section in model.SECTIONS}
#: The page limits a variant may set: a résumé of one page or of two.
RESUME_PAGES: tuple[int, ...] = typing.get_args(model.PageLimit)

_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
ID_RULE = "use lowercase letters, digits and single hyphens"


def _unwrap(kind: Any) -> tuple[Any, list[msgspec.Meta]]:
    """A model type without its ``Annotated`` layers, and the ``Meta`` they declare,
    innermost first."""
    metas: list[msgspec.Meta] = []
    while typing.get_origin(kind) is typing.Annotated:
        metas = [m for m in kind.__metadata__ if isinstance(m, msgspec.Meta)] + metas
        kind = kind.__origin__
    return kind, metas


def leaves(kind: Any) -> set[Any]:
    """The plain types and literal values a model type allows."""
    kind = _unwrap(kind)[0]
    if typing.get_origin(kind) in (typing.Union, types.UnionType, typing.Literal):
        return set().union(*(leaves(arg) for arg in typing.get_args(kind)))
    return {kind}


def declared(kind: Any, key: str) -> Any:
    """What the model's type ``kind`` declares as ``key`` in a ``Meta``'s ``extra`` (its
    outermost layer's), or ``None``: "invalid", the words a mistake in a value of it
    says; "resume", the field's name in resume.json."""
    found = [meta.extra[key] for meta in _unwrap(kind)[1] if meta.extra and key in meta.extra]
    return found[-1] if found else None


@dataclasses.dataclass(frozen=True)
class Page:
    """A page with facts: its front matter as the model declares it (:attr:`facts`),
    and where it was written. Every fact reads through: ``page.roles`` is
    ``page.facts.roles``, empty on a page whose kind has no roles."""

    docname: str
    facts: model.Page
    #: The file line of each field and entry written, by its path in the front matter:
    #: "title", "roles[0]", "variants[1].pages" (:meth:`line`).
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict, compare=False)

    def __getattr__(self, name: str) -> Any:
        # Only what the dataclass lacks comes here; pickling asks for dunders first.
        if name.startswith("__") or name == "facts":
            raise AttributeError(name)
        return getattr(self.facts, name)

    @property
    def section(self) -> str:
        return self.docname.partition("/")[0]

    def line(self, *path: str | int) -> int | None:
        """The file line of what ``path`` names: ``line("title")``, ``line("roles", 0)``
        (a role's first line), ``line("variants", 1, "pages")``."""
        key = ""
        for part in path:
            key += f"[{part}]" if isinstance(part, int) else f".{part}" if key else part
        return self.lines.get(key)


@dataclasses.dataclass(frozen=True)
class Problem:
    """A mistake in front matter, located for the author."""

    path: Path
    line: int | None
    message: str


class _Mapping(dict[str, Any]):
    """A YAML mapping that remembers the file line of itself and of each key."""

    line: int
    key_lines: dict[str, int]


# The YAML starts on the line after the opening ``---``, and marks count from 0.
_LINE_OFFSET = 2


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:  # type: ignore[override]
        # PyYAML keeps the last of two equal keys and drops the other silently;
        # YAML says keys are unique, so a repeated one is an error here.
        key_lines: dict[str, int] = {}
        for key, _ in node.value:
            line = key.start_mark.line + _LINE_OFFSET
            if (name := str(key.value)) in key_lines:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key '{name}' is written twice, on lines {key_lines[name]} and {line}; "
                    "keep one, or the other's value is lost",
                    key.start_mark,
                )
            key_lines[name] = line
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + _LINE_OFFSET
        mapping.key_lines = key_lines
        return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
# YAML 1.1 reads yes, no, on and off as true and false, so "draft: yes" or "publish: no"
# would pass unnoticed; as in YAML 1.2, only true and false are, and the rest is text
# that the field's check names.
_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(source: str) -> Any:
    """The YAML between a page's ``---`` lines, as every reader of front matter takes it:
    only ``true`` and ``false`` are booleans, and each mapping remembers its keys'
    lines. :class:`yaml.YAMLError` if it is not YAML."""
    return yaml.load(source, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def split_front_matter(text: str) -> str | None:
    """The YAML between the opening and closing ``---`` lines, or ``None``."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return "\n".join(lines[1:index])
    return None


class _Reader:
    """Reads one page's front matter into the model's records, collecting every problem
    and the line of every field and entry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}

    def problem(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, f"front matter field '{field}': {message}"))

    def fields(self, data: _Mapping, where: str, kind: type[msgspec.Struct], *, page: bool) -> bool:
        """Check that ``data`` has every key ``kind`` requires and none it does not know;
        ``False`` if one is missing."""
        required, optional = fields_of(kind)
        # A page's kind chose ``kind``; Sphinx's keys are allowed there, unread and unlisted.
        required |= {"kind"} if page else set()
        allowed = required | optional
        listed = allowed - PASSTHROUGH_KEYS if page else allowed
        ok = True
        for key in sorted(required - data.keys()):
            self.problem(data.line, f"{where}{key}", "is required but missing")
            ok = False
        # In the order written: a set's order would change from run to run.
        for key in [key for key in data if key not in allowed]:
            self.problem(
                data.key_lines.get(key, data.line),
                f"{where}{key}",
                f"is not a known field; allowed here: {', '.join(sorted(listed))}",
            )
        return ok

    def struct(
        self, data: _Mapping, kind: type[msgspec.Struct], where: str = "", *, page: bool = False
    ) -> Any:
        """``data`` as a record of ``kind``, each value checked as its field's type says;
        ``None`` if anything is wrong. An entry that lacks a field is not checked
        further (its other mistakes tend to follow from that one); a page is, so that
        one build says everything."""
        before = len(self.problems)
        if not self.fields(data, where, kind, page=page) and not page:
            return None
        values: dict[str, Any] = {}
        for field in fields(kind):
            key = field.encode_name
            if key in data and not (page and key in PASSTHROUGH_KEYS):
                line = data.key_lines[key]
                self.lines[where + key] = line
                values[field.name] = self.value(data[key], field.type, where + key, line)
        if {"start", "end"} <= values.keys():
            self.in_order(data, values, where)
        return kind(**values) if len(self.problems) == before else None

    def value(self, value: Any, kind: Any, where: str, line: int) -> Any:
        """``value`` checked as the model's type ``kind`` says, as the record holds it:
        text stripped, a date as a year or "2019-04", a list as a tuple."""
        base, metas = _unwrap(kind)
        said = declared(kind, "invalid")
        if typing.get_origin(base) is tuple:
            return self.items(value, kind, where, line)
        if int in leaves(base):  # a date: When, Until, or either or none
            return self.date(value, where, line, present_ok="present" in leaves(base))
        if typing.get_origin(base) is typing.Literal:
            choices = typing.get_args(base)
            if isinstance(value, bool) or value not in choices:
                self.problem(line, where, f"{value!r} {said or f'is not one of {choices}'}")
            return value
        if base is bool:
            if not isinstance(value, bool):
                self.problem(line, where, f"{value!r} {said or 'is not true or false'}")
            return value
        patterns = [meta.pattern for meta in metas if meta.pattern]
        if model.SLUG in patterns:
            if not isinstance(value, str) or not re.match(model.SLUG, value):
                self.problem(line, where, f"{value!r} {said or f'is not an id; {ID_RULE}'}")
            return value
        if not isinstance(value, str) or not value.strip():
            self.problem(line, where, "must be non-empty text")
            return value
        text = value.strip()
        for pattern in patterns:
            if pattern.startswith(model.HTTPS) and not text.startswith("https://"):
                self.problem(line, where, f"{text!r} must start with https://")
            elif not re.match(pattern, text):
                self.problem(line, where, f"{text!r} {said or f'does not match {pattern}'}")
        return text

    def items(self, value: Any, kind: Any, where: str, line: int) -> tuple[Any, ...]:
        """A list, each item checked as the model's ``tuple[item, ...]`` says."""
        if not isinstance(value, list):
            self.problem(line, where, "must be a list")
            return ()
        base, metas = _unwrap(kind)
        said = declared(kind, "invalid")
        item = typing.get_args(base)[0]
        item_base, item_metas = _unwrap(item)
        noun = "item"
        if isinstance(item_base, type) and issubclass(item_base, msgspec.Struct):
            found = []
            for index, entry in enumerate(value):
                at = f"{where}[{index}]"
                if not isinstance(entry, _Mapping):
                    self.problem(line, at, "must be a mapping")
                    continue
                self.lines[at] = entry.line
                found.append(self.struct(entry, item_base, at + "."))
            noun = item_base.__name__.lower()
        elif item_base is str and not any(meta.pattern for meta in item_metas):  # texts
            if not all(isinstance(text, str) and text.strip() for text in value):
                self.problem(line, where, said or "must list non-empty texts")
            found = [str(text).strip() for text in value]
        else:  # ids, tags, sections: each checked, each once
            found = [self.value(entry, item, where, line) for entry in value]
            for twice in dict.fromkeys(v for v in value if value.count(v) > 1):
                self.problem(line, where, f"{twice!r} is listed twice; keep one")
        if len(value) < max((meta.min_length or 0 for meta in metas), default=0):
            self.problem(line, where, said or f"must list at least one {noun}")
        return tuple(found)

    def date(self, value: Any, where: str, line: int, *, present_ok: bool) -> int | str | None:
        """A date as written (2019, "2019-04", or "present" where ``present_ok``)."""
        allowed = "a year (2019) or a year and month (2019-04)" + (
            ", or 'present'" if present_ok else ""
        )
        if present_ok and value == "present":
            return value
        if isinstance(value, datetime.date):
            self.problem(line, where, f"{value} has a day; give {allowed}")
            return None
        match = _YEAR_MONTH.match(str(value))
        if isinstance(value, bool) or match is None:
            self.problem(line, where, f"{value!r} is not a date; give {allowed}")
            return None
        year, month = int(match[1]), int(match[2] or 0)
        if match[2] is not None and not 1 <= month <= 12:
            self.problem(line, where, f"month {month} does not exist; use 01 to 12")
            return None
        return model.Date(year, month).value

    def in_order(self, data: _Mapping, values: dict[str, Any], where: str) -> None:
        """Say if an end is before its start, each as the month it covers."""
        start, end = model.Date.of(values["start"]), model.Date.of(values["end"])
        if start and end and (end.year, end.month or 12) < (start.year, start.month or 1):
            self.problem(
                data.key_lines["end"],
                where + "end",
                f"{end} is before start {start}; end must be on or after start",
            )

    def page(self, docname: str, data: _Mapping) -> Page | None:
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in model.KINDS:
            self.problem(
                data.key_lines.get("kind", data.line),
                "kind",
                f"{kind!r} is not a kind; allowed: {', '.join(model.KINDS)}",
            )
            return None
        self.lines["kind"] = data.key_lines["kind"]
        facts = self.struct(data, model.KINDS[kind], page=True)
        self.papers_roles(data, kind)
        self.variant_names(data)
        return Page(docname, facts, self.lines) if facts is not None and not self.problems else None

    def papers_roles(self, data: _Mapping, kind: str) -> None:
        """A paper's ``role`` names a role of its employer page: no schema can say that."""
        roles = data.get("roles") if kind == "employer" else None
        ids = (
            [r.get("id") for r in roles if isinstance(r, _Mapping)]
            if isinstance(roles, list)
            else []
        )
        papers = data.get("publications")
        for index, paper in enumerate(papers if isinstance(papers, list) else ()):
            role = paper.get("role") if isinstance(paper, _Mapping) else None
            if not isinstance(role, str) or not re.match(model.SLUG, role):
                continue  # none, or said already
            where = f"publications[{index}].role"
            if kind != "employer":
                self.problem(
                    paper.key_lines["role"],
                    where,
                    "names a role, but this page has none; a paper written in a role goes"
                    " on its employer's page",
                )
            elif role not in ids:
                self.problem(
                    paper.key_lines["role"],
                    where,
                    f"{role!r} is not a role on this page; ids here:"
                    f" {', '.join(map(str, ids)) or 'none'}",
                )

    def variant_names(self, data: _Mapping) -> None:
        """Each variant of the résumé page has its own name: its files are named by it."""
        first: dict[str, int] = {}
        variants = data.get("variants") if data.get("kind") == "resume" else None
        for index, variant in enumerate(variants if isinstance(variants, list) else ()):
            name = variant.get("name") if isinstance(variant, _Mapping) else None
            if not isinstance(name, str):
                continue
            line = variant.key_lines["name"]
            if name in first:
                self.problem(
                    line,
                    f"variants[{index}].name",
                    f"{name!r} is already the name of the variant on line {first[name]};"
                    " give each variant its own name",
                )
            first.setdefault(name, line)


def read_page(
    path: Path, docname: str, text: str | None = None
) -> tuple[Page | None, list[Problem]]:
    """Parse the front matter of the page at ``path`` (whose ``text``, if read already).

    A page without front matter, or without a ``kind``, is ordinary prose and
    gives ``(None, [])``. Problems come in the order of the file.
    """
    text = path.read_text(encoding="utf-8") if text is None else text
    source = split_front_matter(text)
    if source is None:
        return None, []
    reader = _Reader(path)
    try:
        data = load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + _LINE_OFFSET if mark else None
        detail = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, f"front matter is not valid YAML: {detail}")]
    if not isinstance(data, _Mapping):
        return None, []
    if "kind" not in data:
        # Prose pages have no facts, but MyST makes their title the heading, and
        # silently leaves a page without one when it is blank or null.
        if "title" in data:
            reader.value(data["title"], model.Text, "title", data.key_lines["title"])
        return None, reader.problems
    page = reader.page(docname, data)
    return page, sorted(reader.problems, key=lambda problem: problem.line or 0)
