"""``make writeup``: start a new page from a template, with its front matter filled in.

Run as ``python -m portfolio.writeup`` from the site's root; the title, section
and skills come from the environment (``WRITEUP_TITLE``, ``WRITEUP_SECTION``,
``WRITEUP_SKILLS``), so that ``make`` passes any characters through unquoted.
It never overwrites a file: the page is created exclusively or not at all.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import sys
import textwrap
import unicodedata
from pathlib import Path

import yaml
from slugify import slugify as python_slugify

from . import drafts
from .frontmatter import read_page

#: The folders a write-up may go in, and the kind of page each holds.
SECTIONS = {"play": "project", "work": "employer"}
MAX_SLUG = 60


class WriteupError(Exception):
    """A request the command refuses, with what to do instead."""


def slugify(title: str) -> str:
    """A file name for ``title``: lowercase ASCII words joined by hyphens.

    python-slugify folds accents and transliterates other scripts; a title with
    nothing it can spell (only emoji, say), or one named like a section's index,
    gets a short stable hash so different titles still get different files.
    """
    slug = python_slugify(title, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    if not slug or slug == "index":
        slug = f"writeup-{hashlib.sha256(title.encode()).hexdigest()[:8]}"
    return slug


def check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise WriteupError('give the page a title: make writeup TITLE="My project"')
    if any(unicodedata.category(char).startswith("C") for char in title):
        raise WriteupError("the title must be one line of printable text")
    return title


def skill_ids(root: Path) -> list[str]:
    page, problems = read_page(root / "skills" / "index.md", "skills/index")
    if page is None or problems:
        raise WriteupError("skills/index.md has front matter errors; run `make html` to see them")
    return [skill.id for skill in page.catalogue]


def listed(ids: list[str], indent: str = "") -> str:
    """``ids`` as YAML comment lines at ``indent``, none past 80 columns, no id split."""
    prefix = f"{indent}#   "
    lines = textwrap.wrap(", ".join(ids), 80 - len(prefix), break_on_hyphens=False)
    return "\n".join(prefix + line for line in lines)


def render(title: str, section: str, skills: list[str], known: list[str], year: int) -> str:
    """The new page: front matter with every field commented, then a prose stub."""
    quoted = yaml.safe_dump(title, allow_unicode=True, width=float("inf")).removesuffix("\n...\n")
    quoted = quoted.strip()
    skill_list = f"[{', '.join(skills)}]"
    draft = """# A draft: `make serve` shows it, marked "Draft"; `make html`, Read the Docs,
# the EPUB and the PDF leave it out. Delete the next line to publish the page.
draft: true"""
    if SECTIONS[section] == "project":
        return f"""---
# Facts about this write-up, written once: the Play listing, the navigation and
# the skills page are built from them, and `make html` checks every field.
kind: project
title: {quoted}
{draft}
# One sentence: the listing's card and the page description show it.
summary: {drafts.PROJECT_SUMMARY}
# A year (2024) or a year and month (2024-03); end may also be "present".
start: {year}
end: present
# Skill ids from skills/index.md:
{listed(known)}
skills: {skill_list}
# At least one https:// link, the source first.
links:
  - title: Source
    url: {drafts.PROJECT_SOURCE}
---

```{{facts}}
```

{drafts.PROJECT_PROSE}
"""
    return f"""---
# Facts about this employer, written once: the Work listing, the timeline and
# the skills page are built from them, and `make html` checks every field.
kind: employer
title: {quoted}
{draft}
summary: {drafts.EMPLOYER_SUMMARY}
links:
  - title: Website
    url: {drafts.EMPLOYER_WEBSITE}
roles:
  # id: the role's anchor, unique across the site. Dates: a year (2024) or a
  # year and month (2024-03); end may also be "present".
  - id: {slugify(title)}-role
    title: {drafts.ROLE_TITLE}
    start: {year}
    end: present
    # Skill ids from skills/index.md:
{listed(known, "    ")}
    skills: {skill_list}
---

```{{facts}}
```

```{{position}} {slugify(title)}-role
{drafts.ROLE_PROSE}
```
"""


def create(root: Path, title: str, section: str = "play", skills: str = "") -> Path:
    """Write the new page and return its path; refuse rather than overwrite."""
    title = check_title(title)
    if section not in SECTIONS:
        raise WriteupError(
            f"SECTION={section!r} is not a section for write-ups; use one of: {', '.join(SECTIONS)}"
        )
    known = skill_ids(root)
    wanted = skills.replace(",", " ").split()
    if unknown := [skill for skill in wanted if skill not in known]:
        raise WriteupError(
            f"unknown skill id(s): {', '.join(unknown)}; known ids: {', '.join(known)}"
        )
    folder = (root / section).resolve()
    path = folder / f"{slugify(title)}.md"
    if path.parent != folder:  # a slug never holds a separator; this keeps it so
        raise WriteupError(f"refusing to write outside {section}/: {path}")
    text = render(title, section, wanted, known, datetime.date.today().year)
    try:
        with path.open("x", encoding="utf-8") as page:
            page.write(text)
    except FileExistsError:
        raise WriteupError(
            f"{path.relative_to(root.resolve())} already exists; nothing was changed. "
            "Edit that page, or choose another title."
        ) from None
    return path


def main() -> int:
    root = Path.cwd()
    try:
        path = create(
            root,
            os.environ.get("WRITEUP_TITLE", ""),
            os.environ.get("WRITEUP_SECTION") or "play",
            os.environ.get("WRITEUP_SKILLS", ""),
        )
    except WriteupError as error:
        print(f"make writeup: {error}", file=sys.stderr)
        return 2
    name = path.relative_to(root.resolve())
    print(
        f"Wrote {name}\n"
        "Next:\n"
        "  1. Fill in its front matter: summary, dates, skills and links.\n"
        "  2. Write the page below the front matter.\n"
        "  3. Run `make serve` to watch it live, marked as a draft.\n"
        "  4. Delete its 'draft: true' line to publish it: `make html`, the\n"
        f"     {name.parts[0]} listing, the navigation and the skills page pick it up."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
