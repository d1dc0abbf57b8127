"""Front matter: the one place where a page's structured facts are written.

A page takes part in the portfolio's listings, back-links and timeline by
declaring a ``kind`` in its front matter. This module turns that YAML into typed
records and every mistake into a :class:`Problem` naming the file, the line,
the field and what is allowed, so an author never has to read a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec
import yaml

from . import model

Fields = tuple[frozenset[str], frozenset[str]]


def fields_of(struct: type[msgspec.Struct]) -> Fields:
    """The keys ``struct`` (of :mod:`.model`) requires, and those it allows besides."""
    fields = msgspec.structs.fields(struct)
    return (
        frozenset(f.encode_name for f in fields if f.required),
        frozenset(f.encode_name for f in fields if not f.required),
    )


#: Front matter keys that belong to Sphinx, MyST or furo rather than to us.
PASSTHROUGH_KEYS = fields_of(model.Page)[1]
#: ``draft: true`` keeps a write-up out of the site but for ``make serve`` (see drafts.py).
DRAFT_KEY = "draft"

#: What each kind of page must and may say, besides ``kind``, ``title`` and the
#: passthrough keys: (required, optional), as :mod:`.model` declares them.
KIND_FIELDS: dict[str, Fields] = {
    kind: (required - {"title"}, optional - PASSTHROUGH_KEYS)
    for kind, (required, optional) in ((k, fields_of(c)) for k, c in model.KINDS.items())
}
ROLE_FIELDS = fields_of(model.Role)
VARIANT_FIELDS = fields_of(model.Variant)
LINK_FIELDS = fields_of(model.Link)[0]
SKILL_FIELDS = fields_of(model.Skill)
PUBLICATION_FIELDS = fields_of(model.Publication)
EDUCATION_FIELDS = fields_of(model.Degree)
#: The résumé's sections, in the full résumé's order; a variant may keep fewer, in its own.
RESUME_SECTIONS: tuple[str, ...] = typing.get_args(model.ResumeSection)
#: The sections of entries (:data:`.model.SECTIONS`), by name: the kind of their page.
SECTIONS: dict[str, model.Section] = {section.name: section for section in model.SECTIONS}
#: The page limits a variant may set: a résumé of one page or of two.
RESUME_PAGES: tuple[int, ...] = typing.get_args(model.PageLimit)

#: Optional words of a kind that only some outputs show (:attr:`Page.details`).
DETAILS: dict[str, dict[str, msgspec.structs.FieldInfo]] = {
    kind: {
        field.encode_name: field
        for field in msgspec.structs.fields(model.KINDS[kind])
        if field.encode_name in names
    }
    for kind, names in {
        "employer": {"description", "location"},
        "project": {"keywords", "parts", "entity", "type"},
    }.items()
}
#: The person's optional fields that only resume.json and the JSON-LD hold.
PERSON_DETAILS = {
    field.encode_name: field
    for field in msgspec.structs.fields(model.Person)
    if field.encode_name in {"phone", "image", "address", "postal_code", "region", "country_code"}
}
PROFILES = list[model.Profile]
GROUPS = list[model.SkillGroup]

_EMAIL = re.compile(model.EMAIL)
_GITHUB = re.compile(model.GITHUB_PROFILE)
_SLUG = re.compile(model.SLUG)
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS = tuple(name[:3] for name in _MONTH_NAMES)


def _unwrap(kind: Any) -> tuple[Any, set[str]]:
    """A model type without its ``Annotated`` layers, and the patterns they declare."""
    patterns: set[str] = set()
    while typing.get_origin(kind) is typing.Annotated:
        patterns |= {meta.pattern for meta in kind.__metadata__ if meta.pattern}
        kind = kind.__origin__
    return kind, patterns


def leaves(kind: Any) -> set[Any]:
    """The plain types and literal values a model type allows."""
    kind = _unwrap(kind)[0]
    if typing.get_origin(kind) in (typing.Union, types.UnionType, typing.Literal):
        return set().union(*(leaves(arg) for arg in typing.get_args(kind)))
    return {kind}


@dataclasses.dataclass(frozen=True, order=True)
class Date:
    """A year, or a year and month: the precision a résumé states."""

    year: int
    month: int = 0  # 0: the whole year

    def __str__(self) -> str:
        return f"{_MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    @property
    def long(self) -> str:
        """The month written out, as a citation gives it: "March 2007"."""
        return f"{_MONTH_NAMES[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def value(self) -> int | str:
        """As the model holds it: a year, or "2019-04"."""
        return self.iso if self.month else self.year

    @classmethod
    def of(cls, value: int | str | None) -> Date | None:
        """The date a checked field holds (:attr:`value`); ``None`` for none or "present"."""
        if value is None or value == "present":
            return None
        year, _, month = str(value).partition("-")
        return cls(int(year), int(month or 0))


@dataclasses.dataclass(frozen=True)
class Span:
    """From ``start`` to ``end``; an ``end`` of ``None`` means "present"."""

    start: Date
    end: Date | None

    def __str__(self) -> str:
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}\u2013{self.end or 'present'}"

    @property
    def sort_key(self) -> tuple[Date, Date]:
        """Newest first sorts on this, descending: ongoing work leads."""
        return (self.end or Date(9999), self.start)


@dataclasses.dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclasses.dataclass(frozen=True)
class Role:
    """One position held at an employer; its ``id`` is the label of its section."""

    id: str
    title: str
    span: Span
    skills: tuple[str, ...]
    line: int
    #: What a tailored résumé may keep it by, besides its id (see variants.py).
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Variant:
    """A résumé tailored from the same facts: what it keeps, in what order, on how many pages.

    A thing that carries no tag is kept; a tagged one only when ``keep`` names its
    id or one of its tags; whatever ``drop`` names, by id or tag, goes.
    """

    name: str
    title: str
    pages: int
    publish: bool
    sections: tuple[str, ...]
    keep: frozenset[str]
    drop: frozenset[str]
    line: int
    #: File line of each field, for messages found after parsing.
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict, compare=False)


@dataclasses.dataclass(frozen=True)
class Skill:
    """One entry of the skills catalogue; its anchor is ``skill-<id>``."""

    id: str
    name: str
    group: str
    note: str
    line: int

    @property
    def label(self) -> str:
        return f"skill-{self.id}"


@dataclasses.dataclass(frozen=True)
class Person:
    """Who the site is about, from the landing page's front matter."""

    name: str
    headline: str
    location: str
    email: str
    website: str = ""
    github: str = ""
    blog: str = ""
    #: Accounts on other networks, as written after ``github`` and ``blog``.
    accounts: tuple[model.Profile, ...] = ()
    #: The optional fields of :class:`.model.Person` that only resume.json holds.
    details: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def github_user(self) -> str:
        return self.github.rstrip("/").rpartition("/")[2]

    @property
    def profiles(self) -> tuple[model.Profile, ...]:
        """Every account: GitHub and the blog first, as the front matter names them."""
        named = (("GitHub", self.github, self.github_user), ("Blog", self.blog, ""))
        return (
            tuple(model.Profile(network, url, user) for network, url, user in named if url)
            + self.accounts
        )


@dataclasses.dataclass(frozen=True)
class Education:
    """A degree; ``start`` is optional because a résumé often gives only the year earned."""

    institution: str
    url: str
    degree: str
    area: str
    start: Date | None
    #: ``None``: still studying.
    end: Date | None
    line: int
    score: str = ""
    courses: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Publication:
    """A paper written in a role; its ``id`` is the label of its citation."""

    id: str
    title: str
    authors: tuple[str, ...]
    venue: str
    place: str
    date: Date
    url: str
    #: The id of the role, on the same employer page, it came out of.
    role: str
    summary: str
    line: int


@dataclasses.dataclass(frozen=True)
class Page:
    """The structured facts of one page, as its front matter gives them."""

    docname: str
    kind: str
    title: str
    summary: str
    links: tuple[Link, ...] = ()
    span: Span | None = None
    skills: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    catalogue: tuple[Skill, ...] = ()
    person: Person | None = None
    education: tuple[Education, ...] = ()
    publications: tuple[Publication, ...] = ()
    tags: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    draft: bool = False
    #: A page of a section's entries (``kind: awards``): its entries, as the model declares them.
    entries: tuple[model.Entry, ...] = ()
    #: The file line of each of :attr:`entries`.
    entry_lines: tuple[int, ...] = ()
    #: A private section's page says its entries may be published.
    publish: bool = False
    #: The skills page's named groups.
    groups: tuple[model.SkillGroup, ...] = ()
    #: Optional words that only some outputs show, by field: an employer's
    #: ``description`` and ``location``, a project's ``keywords``, ``parts``, ``entity``
    #: and ``type`` (text, or a tuple of texts).
    details: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: File line of each field, for messages found after parsing.
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict, compare=False)

    @property
    def section(self) -> str:
        return self.docname.partition("/")[0]

    @property
    def address(self) -> str:
        """The employer's or project's own address: the first of its links, if any."""
        return self.links[0].url if self.links else ""

    @property
    def all_skills(self) -> tuple[str, ...]:
        """Skills of the page and of its roles, each once, in first-seen order."""
        seen = dict.fromkeys(self.skills)
        for role in self.roles:
            seen.update(dict.fromkeys(role.skills))
        return tuple(seen)


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
    """Validates one page's front matter, collecting every problem at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, f"front matter field '{field}': {message}"))

    def fields(
        self,
        data: _Mapping,
        where: str,
        required: frozenset[str],
        optional: frozenset[str] = frozenset(),
        passthrough: frozenset[str] = frozenset(),
    ) -> bool:
        """Check that ``data`` has every required key and no unknown one."""
        ok = True
        for key in sorted(required - data.keys()):
            self.problem(data.line, f"{where}{key}", "is required but missing")
            ok = False
        allowed = required | optional
        # In the order written: a set's order would change from run to run.
        for key in sorted(
            data.keys() - allowed - passthrough, key=lambda k: data.key_lines[str(k)]
        ):
            self.problem(
                data.key_lines.get(key, data.line),
                f"{where}{key}",
                f"is not a known field; allowed here: {', '.join(sorted(allowed))}",
            )
        return ok

    def text(self, data: _Mapping, key: str, where: str = "") -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(data.key_lines.get(key, data.line), where + key, "must be non-empty text")
            return ""
        return value.strip()

    def optional_text(self, data: _Mapping, key: str, where: str = "") -> str:
        """The text of ``key`` if it is there, else empty."""
        return self.text(data, key, where) if key in data else ""

    def slug(self, data: _Mapping, key: str, where: str = "") -> str:
        value = data.get(key)
        if not isinstance(value, str) or not _SLUG.match(value):
            self.problem(
                data.key_lines.get(key, data.line),
                where + key,
                f"{value!r} is not an id; use lowercase letters, digits and single hyphens",
            )
            return ""
        return value

    def date(self, data: _Mapping, key: str, where: str, *, present_ok: bool) -> Date | None:
        value = data.get(key)
        line = data.key_lines.get(key, data.line)
        allowed = "a year (2019) or a year and month (2019-04)" + (
            ", or 'present'" if present_ok else ""
        )
        if present_ok and value == "present":
            return None
        if isinstance(value, datetime.date):
            self.problem(line, where + key, f"{value} has a day; give {allowed}")
            raise ValueError
        match = _YEAR_MONTH.match(str(value))
        if isinstance(value, bool) or match is None:
            self.problem(line, where + key, f"{value!r} is not a date; give {allowed}")
            raise ValueError
        year, month = int(match[1]), int(match[2] or 0)
        if match[2] is not None and not 1 <= month <= 12:
            self.problem(line, where + key, f"month {month} does not exist; use 01 to 12")
            raise ValueError
        return Date(year, month)

    def span(self, data: _Mapping, where: str = "") -> Span | None:
        try:
            start = self.date(data, "start", where, present_ok=False)
            end = self.date(data, "end", where, present_ok=True)
        except ValueError:
            return None
        assert start is not None
        if end is not None and (end.year, end.month or 12) < (start.year, start.month or 1):
            self.problem(
                data.key_lines.get("end", data.line),
                where + "end",
                f"{end} is before start {start}; end must be on or after start",
            )
            return None
        return Span(start, end)

    def draft(self, data: _Mapping) -> bool:
        value = data[DRAFT_KEY]
        if not isinstance(value, bool):
            self.problem(
                data.key_lines[DRAFT_KEY],
                DRAFT_KEY,
                f"{value!r} is not true or false; write 'draft: true' to keep the page out "
                "of the site, or delete the line to publish it",
            )
            return False
        return value

    def list_of(self, data: _Mapping, key: str, where: str = "") -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            self.problem(data.key_lines.get(key, data.line), where + key, "must be a list")
            return []
        return value

    def mapping_items(self, data: _Mapping, key: str) -> Iterator[tuple[str, _Mapping]]:
        for index, item in enumerate(self.list_of(data, key)):
            where = f"{key}[{index}]."
            if isinstance(item, _Mapping):
                yield where, item
            else:
                self.problem(data.key_lines.get(key, data.line), where[:-1], "must be a mapping")

    def skill_ids(self, data: _Mapping, where: str = "") -> tuple[str, ...]:
        ids = self.list_of(data, "skills", where)
        for value in ids:
            if not isinstance(value, str) or not _SLUG.match(value):
                self.problem(
                    data.key_lines.get("skills", data.line),
                    where + "skills",
                    f"{value!r} is not a skill id; use the ids of the skills page",
                )
        return tuple(value for value in ids if isinstance(value, str))

    def slugs(self, data: _Mapping, key: str, where: str = "") -> tuple[str, ...]:
        """A list of ids or tags: lowercase words joined by single hyphens, each once."""
        values = self.list_of(data, key, where)
        line = data.key_lines[key]  # asked only of a key that is there
        for value in values:
            if not isinstance(value, str) or not _SLUG.match(value):
                self.problem(
                    line,
                    where + key,
                    f"{value!r} is not an id or tag; use lowercase letters, digits and"
                    " single hyphens",
                )
        for value in {v for v in values if isinstance(v, str) and values.count(v) > 1}:
            self.problem(line, where + key, f"{value!r} is listed twice; keep one")
        # With a problem the page is not catalogued: what is returned then is never read.
        return tuple(dict.fromkeys(v for v in values if isinstance(v, str)))

    def texts(self, data: _Mapping, key: str, where: str = "") -> tuple[str, ...]:
        """A list of non-empty texts."""
        values = self.list_of(data, key, where)
        if not all(isinstance(value, str) and value.strip() for value in values):
            self.problem(data.key_lines[key], where + key, "must list non-empty texts")
        return tuple(str(value).strip() for value in values)

    def value(self, data: _Mapping, key: str, kind: Any, where: str = "") -> Any:
        """The value of ``key`` (there), checked as the model's type ``kind`` says, and
        held as the model holds it: a date as a year or "2019-04", a list as a tuple."""
        base, patterns = _unwrap(kind)
        args = typing.get_args(base)
        if typing.get_origin(base) is list:
            item, _ = _unwrap(args[0])
            if isinstance(item, type) and issubclass(item, msgspec.Struct):
                return tuple(
                    self.struct(entry, item, where)
                    for where, entry in self.mapping_items(data, key)
                )
            if model.SLUG in _unwrap(args[0])[1]:
                return self.slugs(data, key, where)
            return self.texts(data, key, where)
        if int in leaves(base):  # a date: When, Until, or either or none
            try:
                date = self.date(data, key, where, present_ok="present" in leaves(base))
            except ValueError:
                return None
            return "present" if date is None else date.value
        if base is bool:
            if not isinstance(data[key], bool):
                self.problem(
                    data.key_lines[key], where + key, f"{data[key]!r} is not true or false"
                )
            return data[key] is True
        if model.SLUG in patterns:
            return self.slug(data, key, where)
        if r"^https://" in patterns:
            return self.https_url(data, key, where)
        return self.text(data, key, where)

    def struct(self, data: _Mapping, kind: type[msgspec.Struct], where: str = "") -> Any:
        """An entry of the model's ``kind`` (a :class:`.model.Entry`, a profile, a group),
        every field checked; ``None`` if a field is missing or unknown."""
        if not self.fields(data, where, *fields_of(kind)):
            return None
        values = {
            field.name: self.value(data, field.encode_name, field.type, where)
            for field in msgspec.structs.fields(kind)
            if field.encode_name in data
        }
        if {"start", "end"} <= data.keys() and None not in (values["start"], values["end"]):
            self.span(data, where)  # says if the end is before the start
        return kind(**values)

    def entries(self, data: _Mapping, section: model.Section) -> dict[str, Any]:
        """A section's entries (``awards:`` on a page of ``kind: awards``), with their lines."""
        items = list(self.mapping_items(data, section.name))
        if data[section.name] == []:
            self.problem(
                data.key_lines[section.name],
                section.name,
                "must list at least one entry; a page with none would show an empty section,"
                " so delete the page instead",
            )
        entries = [self.struct(item, section.entry, where) for where, item in items]
        fields: dict[str, Any] = {
            "entries": tuple(entries),
            "entry_lines": tuple(item.line for _, item in items),
        }
        if "publish" in data:
            fields["publish"] = self.value(data, "publish", bool)
        return fields

    def variants(self, data: _Mapping) -> tuple[Variant, ...]:
        variants: list[Variant] = []
        lines: dict[str, int] = {}
        for where, item in self.mapping_items(data, "variants"):
            if not self.fields(item, where, *VARIANT_FIELDS):
                continue
            name = self.slug(item, "name", where)
            if name in lines:
                self.problem(
                    item.key_lines["name"],
                    where + "name",
                    f"{name!r} is already the name of the variant on line {lines[name]};"
                    " give each variant its own name",
                )
            lines.setdefault(name, item.key_lines["name"])
            pages = item["pages"]
            if isinstance(pages, bool) or pages not in RESUME_PAGES:
                self.problem(
                    item.key_lines["pages"],
                    where + "pages",
                    f"{pages!r} is not a page limit; a résumé runs 1 or 2 pages",
                )
            publish = item.get("publish", False)
            if not isinstance(publish, bool):
                self.problem(
                    item.key_lines["publish"],
                    where + "publish",
                    f"{publish!r} is not true or false; 'publish: true' links it from the"
                    " résumé page, or delete the line to keep it to yourself",
                )
            sections = self.slugs(item, "sections", where) if "sections" in item else ()
            for section in sections:
                if section not in RESUME_SECTIONS:
                    self.problem(
                        item.key_lines["sections"],
                        where + "sections",
                        f"{section!r} is not a section of the résumé; sections:"
                        f" {', '.join(RESUME_SECTIONS)}",
                    )
            variants.append(
                Variant(
                    name=name,
                    title=self.text(item, "title", where),
                    pages=pages,
                    publish=publish,
                    sections=sections if "sections" in item else RESUME_SECTIONS,
                    keep=frozenset(self.slugs(item, "keep", where) if "keep" in item else ()),
                    drop=frozenset(self.slugs(item, "drop", where) if "drop" in item else ()),
                    line=item.line,
                    lines=item.key_lines,
                )
            )
        return tuple(variants)

    def https_url(self, data: _Mapping, key: str, where: str = "") -> str:
        if key not in data:  # reported with the other missing fields
            return ""
        url = self.text(data, key, where)
        if url and not url.startswith("https://"):
            self.problem(data.key_lines[key], where + key, f"{url!r} must start with https://")
            return ""
        return url

    def person(self, data: _Mapping, name: str) -> Person:
        # A missing field is already reported: check only what is there.
        given = lambda key: self.text(data, key) if key in data else ""  # noqa: E731
        email = given("email")
        if email and not _EMAIL.match(email):
            self.problem(
                data.key_lines["email"],
                "email",
                f"{email!r} is not an e-mail address; write it bare, like name@example.org",
            )
        github = self.https_url(data, "github")
        if github and not _GITHUB.match(github):
            self.problem(
                data.key_lines["github"],
                "github",
                f"{github!r} is not a GitHub profile; give https://github.com/<user>",
            )
        return Person(
            name=name,
            headline=given("headline"),
            location=given("location"),
            email=email,
            website=self.https_url(data, "website"),
            github=github,
            blog=self.https_url(data, "blog"),
            accounts=self.value(data, "profiles", PROFILES) if "profiles" in data else (),
            details={
                key: self.value(data, key, field.type)
                for key, field in PERSON_DETAILS.items()
                if key in data
            },
        )

    def education(self, data: _Mapping) -> tuple[Education, ...]:
        degrees = []
        for where, item in self.mapping_items(data, "education"):
            if not self.fields(item, where, *EDUCATION_FIELDS):
                continue
            try:
                start = (
                    self.date(item, "start", where, present_ok=False) if "start" in item else None
                )
                end = self.date(item, "end", where, present_ok=True)
            except ValueError:
                continue
            degrees.append(
                Education(
                    institution=self.text(item, "institution", where),
                    url=self.https_url(item, "url", where),
                    degree=self.text(item, "degree", where),
                    area=self.text(item, "area", where) if "area" in item else "",
                    start=start,
                    end=end,
                    line=item.line,
                    score=self.text(item, "score", where) if "score" in item else "",
                    courses=self.texts(item, "courses", where) if "courses" in item else (),
                )
            )
        if data.get("education") == []:
            self.problem(data.key_lines["education"], "education", "must list at least one degree")
        return tuple(degrees)

    def publications(self, data: _Mapping, roles: tuple[Role, ...]) -> tuple[Publication, ...]:
        papers = []
        for where, item in self.mapping_items(data, "publications"):
            if not self.fields(item, where, *PUBLICATION_FIELDS):
                continue
            try:
                date = self.date(item, "date", where, present_ok=False)
            except ValueError:
                continue
            assert date is not None
            authors = self.list_of(item, "authors", where) if "authors" in item else ["-"]
            if not authors or not all(isinstance(a, str) and a.strip() for a in authors):
                self.problem(
                    item.key_lines["authors"],
                    where + "authors",
                    "must list each author's name, as the paper credits them",
                )
            if "authors" not in item:
                authors = []
            role = self.slug(item, "role", where) if "role" in item else ""
            if role and data.get("kind") != "employer":
                self.problem(
                    item.key_lines["role"],
                    where + "role",
                    "names a role, but this page has none; a paper written in a role goes"
                    " on its employer's page",
                )
            elif role and role not in {r.id for r in roles}:
                self.problem(
                    item.key_lines["role"],
                    where + "role",
                    f"{role!r} is not a role on this page; ids here: "
                    f"{', '.join(r.id for r in roles) or 'none'}",
                )
            papers.append(
                Publication(
                    id=self.slug(item, "id", where),
                    title=self.text(item, "title", where),
                    authors=tuple(str(a).strip() for a in authors),
                    venue=self.text(item, "venue", where),
                    place=self.optional_text(item, "place", where),
                    date=date,
                    url=self.https_url(item, "url", where),
                    role=role,
                    summary=self.optional_text(item, "summary", where),
                    line=item.line,
                )
            )
        return tuple(papers)

    def links(self, data: _Mapping) -> tuple[Link, ...]:
        links = []
        for where, item in self.mapping_items(data, "links"):
            self.fields(item, where, LINK_FIELDS)
            # A missing field is reported once, as missing, not again as blank.
            url = self.text(item, "url", where) if "url" in item else ""
            if url and not url.startswith(("https://", "mailto:")):
                self.problem(
                    item.key_lines["url"], where + "url", f"{url!r} must start with https://"
                )
            title = self.text(item, "title", where) if "title" in item else ""
            links.append(Link(title, url))
        if not links:
            self.problem(
                data.key_lines.get("links", data.line), "links", "must list at least one link"
            )
        return tuple(links)

    def roles(self, data: _Mapping) -> tuple[Role, ...]:
        roles = []
        items = list(self.mapping_items(data, "roles"))
        for where, item in items:
            if not self.fields(item, where, *ROLE_FIELDS):
                continue
            span = self.span(item, where)
            role_id = self.slug(item, "id", where)
            title = self.text(item, "title", where)
            skills = self.skill_ids(item, where)
            tags = self.slugs(item, "tags", where) if "tags" in item else ()
            if span is not None:  # a bad date is reported; the page is not catalogued
                roles.append(Role(role_id, title, span, skills, item.line, tags))
        if not items and isinstance(data.get("roles"), list):
            self.problem(data.key_lines["roles"], "roles", "must list at least one role")
        return tuple(roles)

    def catalogue(self, data: _Mapping) -> tuple[Skill, ...]:
        skills = []
        for where, item in self.mapping_items(data, "skills"):
            if self.fields(item, where, *SKILL_FIELDS):
                skills.append(
                    Skill(
                        id=self.slug(item, "id", where),
                        name=self.text(item, "name", where),
                        group=self.slug(item, "group", where),
                        note=self.text(item, "note", where) if "note" in item else "",
                        line=item.line,
                    )
                )
        return tuple(skills)

    def page(self, docname: str, data: _Mapping) -> Page | None:
        kind = data.get("kind")
        if kind not in KIND_FIELDS:
            self.problem(
                data.key_lines.get("kind", data.line),
                "kind",
                f"{kind!r} is not a kind; allowed: {', '.join(KIND_FIELDS)}",
            )
            return None
        required, optional = KIND_FIELDS[kind]
        # Report every mistake in one go: check what is there even when a field is missing.
        self.fields(data, "", required | {"kind", "title"}, optional, PASSTHROUGH_KEYS)
        title = self.text(data, "title") if "title" in data else ""
        summary = self.text(data, "summary") if "summary" in data else ""
        fields: dict[str, Any] = {}
        if DRAFT_KEY in data and DRAFT_KEY in optional:
            fields["draft"] = self.draft(data)
        if "links" in data:
            fields["links"] = self.links(data)
        if "skills" in data and kind != "skills":
            fields["skills"] = self.skill_ids(data)
        if "tags" in data and "tags" in optional:
            fields["tags"] = self.slugs(data, "tags")
        fields["details"] = {
            key: self.value(data, key, field.type)
            for key, field in DETAILS.get(kind, {}).items()
            if key in data
        }
        if kind in SECTIONS and kind in data:
            fields |= self.entries(data, SECTIONS[kind])
        elif kind == "publications" and "publications" in data:
            fields["publications"] = self.publications(data, ())
        if kind == "skills" and "groups" in data:
            fields["groups"] = self.value(data, "groups", GROUPS)
        if kind == "employer":
            fields["roles"] = roles = self.roles(data) if "roles" in data else ()
            if roles:
                fields["span"] = Span(
                    min(role.span.start for role in roles),
                    None
                    if any(role.span.end is None for role in roles)
                    else max(role.span.end for role in roles if role.span.end),
                )
            if "publications" in data:
                fields["publications"] = self.publications(data, roles)
        elif kind == "project" and {"start", "end"} <= data.keys():
            fields["span"] = self.span(data)
        elif kind == "skills" and "skills" in data:
            fields["catalogue"] = self.catalogue(data)
        elif kind == "person":
            fields["person"] = self.person(data, title)
        elif kind == "school" and "education" in data:
            fields["education"] = self.education(data)
        elif kind == "resume" and "variants" in data:
            fields["variants"] = self.variants(data)
        return Page(docname, kind, title, summary, lines=data.key_lines, **fields)


def read_page(
    path: Path, docname: str, text: str | None = None
) -> tuple[Page | None, list[Problem]]:
    """Parse the front matter of the page at ``path`` (whose ``text``, if read already).

    A page without front matter, or without a ``kind``, is ordinary prose and
    gives ``(None, [])``.
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
            reader.text(data, "title")
        return None, reader.problems
    page = reader.page(docname, data)
    return (page if not reader.problems else None), reader.problems
