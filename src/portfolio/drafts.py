"""Drafts: pages an author is still writing, kept out of everything published.

A page whose front matter says ``draft: true`` is excluded from source
discovery, so no builder (HTML, EPUB, LaTeX, the search index, the sitemap,
``resume.json``) ever sees it, unless ``portfolio_preview`` is set, as
``make serve`` does; then it is built with a "Draft" mark (see preview.py).

The set of drafts has to be known before Sphinx discovers the sources, when
``config-inited`` fires, so it is found by reading just the front matter of
the files that ``include_patterns`` names.

A page that is *not* a draft must not hold what ``make writeup`` put there for
the author to replace: :data:`PLACEHOLDERS` are the template's own words, and
:func:`placeholder_problems` finds each one left in a published page; the
catalogue asks it of each page as it reads the page's front matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.matching import Matcher

from . import model
from .frontmatter import DRAFT_KEY, Problem, fields_of, load, split_front_matter

# What ``make writeup`` writes for the author to replace (writeup.py uses these).
PROJECT_SUMMARY = "What it is, in one sentence."
PROJECT_PROSE = "What it is, why it exists and what it does. State only what is true."
#: The source link of a new write-up: the GitHub profile, not the project.
PROJECT_SOURCE = "https://github.com/mjkelly/"
EMPLOYER_SUMMARY = "The roles held here, in one sentence."
EMPLOYER_WEBSITE = "https://example.org/"
ROLE_TITLE = "Job title"
ROLE_PROSE = "What I did in this role."

#: Each placeholder as it stands in a page, with what the author should put there.
PLACEHOLDERS = {
    PROJECT_SUMMARY: "write the summary: what the project is, in one sentence",
    PROJECT_PROSE: "write the page: what the project is, why it exists and what it does",
    EMPLOYER_SUMMARY: "write the summary: the roles held here, in one sentence",
    EMPLOYER_WEBSITE: "link the employer's own website",
    f"title: {ROLE_TITLE}": "give the role's real title",
    ROLE_PROSE: "write what you did in this role",
}
_BARE_PROFILE = re.compile(
    r"^\s*(?:-\s+)?url:\s*['\"]?https://github\.com/[A-Za-z0-9-]+/?['\"]?\s*$"
)


#: A top-level ``draft`` key, as YAML may write it (bare or quoted).
_DRAFT_LINE = re.compile(r"^([\"']?)draft\1\s*:", re.MULTILINE)


def is_draft(text: str) -> bool:
    """Whether a write-up's front matter says ``draft: true``; unreadable YAML is no draft.

    A page whose front matter cannot be read is built, so that the build
    reports the mistake rather than hiding the page.
    """
    source = split_front_matter(text)
    # Every build asks this of every page before discovery; parsing YAML is the
    # slow part, so only front matter with a top-level draft key is parsed.
    if source is None or not _DRAFT_LINE.search(source):
        return False
    try:
        data = load(source)
    except yaml.YAMLError:
        return False
    kind = data.get("kind") if isinstance(data, dict) else None
    return (
        isinstance(kind, str)
        and kind in model.KINDS
        and DRAFT_KEY in fields_of(model.KINDS[kind])[1]
        and data.get(DRAFT_KEY) is True
    )


def _candidates(srcdir: Path, include_patterns: list[str]) -> Iterator[Path]:
    """The Markdown files ``include_patterns`` names, walking only their folders."""
    matcher = Matcher(include_patterns)
    tops = {pattern.split("/", 1)[0] for pattern in include_patterns}
    for top in sorted(tops):
        path = srcdir / top
        files = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and matcher(file.relative_to(srcdir).as_posix()):
                yield file


def find_drafts(srcdir: Path, include_patterns: list[str]) -> list[str]:
    """Source paths (relative, as ``exclude_patterns`` takes them) of every draft."""
    return [
        file.relative_to(srcdir).as_posix()
        for file in _candidates(srcdir, include_patterns)
        if is_draft(file.read_text(encoding="utf-8"))
    ]


def placeholder_problems(path: Path, text: str) -> list[Problem]:
    """Each of ``make writeup``'s placeholders still in the page: asked only of a page
    that is not a draft, which a draft may hold until it is published."""
    draft = f" (or keep the page out of the site with '{DRAFT_KEY}: true')"
    is_project = re.search(r"^kind:\s*project\s*$", text, re.MULTILINE) is not None
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for placeholder, fix in PLACEHOLDERS.items():
            if placeholder in line:
                message = f"'{placeholder}' is a placeholder from `make writeup`: {fix}{draft}"
                problems.append(Problem(path, number, message))
        if is_project and _BARE_PROFILE.match(line):
            url = line.partition("url:")[2].strip()
            message = (
                f"{url} is a GitHub profile, the placeholder source from `make writeup`: "
                f"link the project's own repository or page{draft}"
            )
            problems.append(Problem(path, number, message))
    return problems


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Leave drafts out of source discovery, unless previewing."""
    if config.portfolio_preview:
        return
    drafts = find_drafts(Path(app.srcdir), list(config.include_patterns))
    config.exclude_patterns = [*config.exclude_patterns, *drafts]


def setup(app: Sphinx) -> None:
    # Read by config-inited handlers; `make serve` sets it with -D portfolio_preview=1.
    app.add_config_value("portfolio_preview", False, "env", types=frozenset({bool}))
    app.connect("config-inited", on_config_inited)
