"""Cheap stand-ins for the parts of Sphinx a unit test needs: an environment, an app, a
directive's state, a translator, and a handler that records what the extension logs."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import msgspec
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers import html5_polyglot

from portfolio import model
from portfolio.catalog import Catalogue
from portfolio.frontmatter import Page
from portfolio.model import Date, Degree, Link, Publication, Role

SOURCE = "/site/work/index.md"


def page(docname: str, kind: str, **fields: Any) -> Page:
    """A page of ``kind`` with these facts, as its front matter would give them."""
    return Page(docname, model.KINDS[kind](**fields))


def changed(page: Page, **facts: Any) -> Page:
    """``page`` with these facts in place of its own."""
    return dataclasses.replace(page, facts=msgspec.structs.replace(page.facts, **facts))


#: Whom the small sites are about, and their landing page.
PERSON = model.Person(
    title="Jo Bloggs",
    summary="Keeps sites up.",
    headline="Production engineer",
    location="Springfield",
    email="jo@example.org",
    website="https://jo.example.org/",
    github="https://github.com/jo",
    blog="https://blog.example.org/",
)
ME = Page("index", PERSON)
#: A landing page whose name needs more than ASCII, for what shows it as text.
JOSE = Page(
    "index",
    model.Person(
        title="José Núñez",
        summary="Builds reliable things.",
        headline="SRE",
        location="Earth",
        email="j@example.org",
        website="https://jose.example/",
    ),
)
#: A school page with two degrees, the older without a start.
SCHOOL = page(
    "school/index",
    "school",
    title="School",
    education=(
        Degree(institution="Old U", url="https://old.edu/", degree="BSc", area="Physics", end=2001),
        Degree(
            institution="New U",
            url="https://new.edu/",
            degree="MSc",
            area="Maths",
            start="2002-09",
            end="2004-06",
        ),
    ),
)

#: A paper of his from his role "meta-pe", with a co-author.
PAPER = Publication(
    id="paper",
    title="Teaching well",
    authors=("Ann Other", "Jo Bloggs"),
    venue="SIGCSE '07",
    place="Covington, Kentucky",
    date="2007-03",
    url="https://doi.org/10.1145/1",
    role="meta-pe",
    summary="What it found.",
)


def role(role_id: str, title: str, start: Date, end: Date | None, *skills: str) -> Role:
    return Role(
        id=role_id,
        title=title,
        start=start.value,
        end=end.value if end else "present",
        skills=skills,
    )


def employer(docname: str, title: str, *roles: Role, url: str = "https://example.org/") -> Page:
    return page(
        docname,
        "employer",
        title=title,
        summary=f"{title} summary.",
        links=(Link(title=title, url=url),),
        roles=roles,
    )


def environment(catalogue: Catalogue, docname: str = "work/index", **extra: Any) -> SimpleNamespace:
    app = SimpleNamespace(portfolio_catalogue=catalogue, **extra.pop("app", {}))
    return SimpleNamespace(app=app, _app=app, docname=docname, portfolio_views={}, **extra)


def directive(cls: type, env: SimpleNamespace, *arguments: str, **options: Any) -> Any:
    """A directive as docutils would make it for a block at line 7 of SOURCE."""
    instance = object.__new__(cls)
    instance.name = cls.__name__.removesuffix("Directive").lower()
    instance.arguments = list(arguments)
    instance.options = options
    instance.lineno = 7
    document = new_document(SOURCE)
    document.settings.env = env
    instance.state = SimpleNamespace(document=document)
    instance.state_machine = SimpleNamespace(get_source_and_line=lambda lineno: (SOURCE, lineno))
    return instance


def translator() -> html5_polyglot.HTMLTranslator:
    """docutils' own HTML5 translator, whose starttag Sphinx's inherits."""
    document = new_document("page", get_default_settings(html5_polyglot.Writer))
    return html5_polyglot.HTMLTranslator(document)


def document_with(env: SimpleNamespace, *children: nodes.Node) -> nodes.document:
    document = new_document(SOURCE)
    document.settings.env = env
    document += nodes.paragraph("", "", *children)
    return document


class Records(logging.Handler):
    """What the extension logged, as (level, message, location, type, subtype)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[str, str, Any, Any, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(
            (
                record.levelname,
                record.getMessage(),
                getattr(record, "location", None),
                getattr(record, "type", None),
                getattr(record, "subtype", None),
            )
        )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class Calls:
    """An app that records the calls made on it: ``(method, args, kwargs)``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, method: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((method, args, kwargs))

        return record
