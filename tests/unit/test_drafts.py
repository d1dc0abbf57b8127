"""Drafts: which pages are drafts, decided from front matter alone before Sphinx looks for
pages; how they are left out of the build; and the placeholders of ``make writeup`` that a
published page must not keep."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from portfolio import drafts
from portfolio.drafts import find_drafts, is_draft, on_config_inited, placeholder_problems
from portfolio.frontmatter import Problem

from .helpers import Calls, write

PROJECT = "---\nkind: project\ntitle: Tide clock\n{extra}---\nText.\n"
DRAFT = PROJECT.format(extra="draft: true\n")
PUBLISHED = PROJECT.format(extra="")


@pytest.mark.parametrize(
    ("extra", "draft"),
    [
        ("draft: true\n", True),
        ('"draft": true\n', True),
        ("'draft' : true\n", True),
        ("draft: false\n", False),
        ("", False),
        # Not a top-level key: a role's or a link's field of that name is no draft.
        ("links:\n  - draft: true\n", False),
        # Unreadable front matter is built, so that the build can name the mistake.
        ("draft: true\ntitle: [Tide\n", False),
        # Only true is: YAML 1.1's yes, and a number, are text the build reports.
        ("draft: yes\n", False),
        ("draft: 1\n", False),
    ],
)
def test_a_draft_is_a_page_that_says_so(extra: str, draft: bool) -> None:
    assert is_draft(PROJECT.format(extra=extra)) is draft


def test_only_kinds_that_may_be_drafts_are() -> None:
    assert is_draft("---\nkind: employer\ntitle: Acme\ndraft: true\n---\n")
    assert not is_draft("---\nkind: skills\ntitle: Skills\ndraft: true\n---\n")
    assert not is_draft("---\ntitle: Play\ndraft: true\n---\n")
    assert not is_draft("No front matter.\ndraft: true\n")


def test_front_matter_that_is_not_a_mapping_is_no_draft() -> None:
    # A quoted string may run over lines, one of which starts like a draft key.
    assert not is_draft('---\n"Tide clock\ndraft: true"\n---\n')


def site(folder: Path) -> Path:
    """Drafts and published pages, some where the patterns below do not reach."""
    write(folder, "index.md", "---\ntitle: Home\n---\n")
    write(folder, "tide.md", DRAFT)
    write(folder, "play/tide.md", DRAFT)
    write(folder, "play/clock.md", PUBLISHED)
    write(folder, "play/sub/index.md", DRAFT)
    # Walking play/ finds it, but neither play/*.md nor play/*/index.md names it.
    write(folder, "play/sub/notes.md", DRAFT)
    write(folder, "work/acme.md", "---\nkind: employer\ntitle: Acme\ndraft: true\n---\n")
    write(folder, "school/old.md", DRAFT)
    return folder


#: A file, a file that is not there, folders, and a folder that is not there.
PATTERNS = ["tide.md", "missing.md", "play/*.md", "play/*/index.md", "work/**", "gone/**"]


def test_find_drafts_reads_only_the_pages_the_patterns_name(tmp_path: Path) -> None:
    assert find_drafts(site(tmp_path), PATTERNS) == [
        "play/sub/index.md",
        "play/tide.md",
        "tide.md",
        "work/acme.md",
    ]


def test_a_pattern_with_a_wildcard_folder_walks_the_folder_above_it(tmp_path: Path) -> None:
    assert find_drafts(site(tmp_path), ["play/*/index.md"]) == ["play/sub/index.md"]


def test_find_drafts_reads_pages_as_utf8(tmp_path: Path) -> None:
    write(tmp_path, "play/cafe.md", DRAFT.replace("Tide clock", "Café ☕"))
    assert find_drafts(tmp_path, ["play/**"]) == ["play/cafe.md"]


def config(preview: bool) -> SimpleNamespace:
    return SimpleNamespace(
        portfolio_preview=preview,
        include_patterns=("play/**", "work/**"),
        exclude_patterns=["_build"],
    )


def test_drafts_are_excluded_from_the_build(tmp_path: Path) -> None:
    settings = config(preview=False)
    on_config_inited(SimpleNamespace(srcdir=str(site(tmp_path))), settings)  # type: ignore[arg-type]
    assert settings.exclude_patterns == [
        "_build",
        "play/sub/index.md",
        "play/sub/notes.md",
        "play/tide.md",
        "work/acme.md",
    ]


def test_a_preview_builds_drafts(tmp_path: Path) -> None:
    settings = config(preview=True)
    on_config_inited(SimpleNamespace(srcdir=str(site(tmp_path))), settings)  # type: ignore[arg-type]
    assert settings.exclude_patterns == ["_build"]


def test_setup_adds_the_preview_setting_and_the_handler() -> None:
    app = Calls()
    drafts.setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("add_config_value", ("portfolio_preview", False, "env"), {"types": frozenset({bool})}),
        ("connect", ("config-inited", on_config_inited), {}),
    ]


KEEP_OUT = " (or keep the page out of the site with 'draft: true')"


def test_each_placeholder_left_in_a_page_is_a_problem_on_its_line() -> None:
    path = Path("/site/work/acme.md")
    text = (
        "---\nkind: employer\ntitle: Acme\n"
        f"summary: {drafts.EMPLOYER_SUMMARY}\n"
        f"links:\n  - title: Website\n    url: {drafts.EMPLOYER_WEBSITE}\n"
        f"roles:\n  - id: acme-role\n    title: {drafts.ROLE_TITLE}\n"
        f"---\n\n{drafts.ROLE_PROSE} {drafts.PROJECT_SUMMARY}\n"
    )
    made = "is a placeholder from `make writeup`"
    assert placeholder_problems(path, text) == [
        Problem(
            path,
            4,
            f"'{drafts.EMPLOYER_SUMMARY}' {made}: "
            f"write the summary: the roles held here, in one sentence{KEEP_OUT}",
        ),
        Problem(
            path,
            7,
            f"'{drafts.EMPLOYER_WEBSITE}' {made}: link the employer's own website{KEEP_OUT}",
        ),
        Problem(
            path,
            10,
            f"'title: {drafts.ROLE_TITLE}' {made}: give the role's real title{KEEP_OUT}",
        ),
        # Two on one line: each is named, in the order of PLACEHOLDERS.
        Problem(
            path,
            13,
            f"'{drafts.PROJECT_SUMMARY}' {made}: "
            f"write the summary: what the project is, in one sentence{KEEP_OUT}",
        ),
        Problem(
            path, 13, f"'{drafts.ROLE_PROSE}' {made}: write what you did in this role{KEEP_OUT}"
        ),
    ]


def test_a_project_whose_source_is_a_github_profile_is_a_problem() -> None:
    path = Path("/site/play/tide.md")
    text = (
        "---\ntitle: Tide clock\nkind: project\nlinks:\n"
        f"  - title: Source\n    url: {drafts.PROJECT_SOURCE}\n"
        "  - title: Mirror\n    url: 'https://github.com/someone'\n"
        "  - url: https://github.com/mjkelly/tide\n"
        f"---\n\n{drafts.PROJECT_PROSE}\n"
    )
    profile = (
        "is a GitHub profile, the placeholder source from `make writeup`: "
        f"link the project's own repository or page{KEEP_OUT}"
    )
    assert placeholder_problems(path, text) == [
        Problem(path, 6, f"{drafts.PROJECT_SOURCE} {profile}"),
        Problem(path, 8, f"'https://github.com/someone' {profile}"),
        Problem(
            path,
            12,
            f"'{drafts.PROJECT_PROSE}' is a placeholder from `make writeup`: write the page: "
            f"what the project is, why it exists and what it does{KEEP_OUT}",
        ),
    ]


def test_a_github_profile_is_a_fine_link_for_other_kinds_of_page() -> None:
    # An employer's website, or the landing page's, may well be a GitHub profile.
    text = "---\nkind: employer\ntitle: Acme\nlinks:\n  - url: https://github.com/acme\n---\n"
    assert placeholder_problems(Path("work/acme.md"), text) == []
    # The kind is matched whole: a line that merely starts like it is not a project's.
    text = "---\nkind: projects\nlinks:\n  - url: https://github.com/acme\n---\n"
    assert placeholder_problems(Path("play/acme.md"), text) == []


def test_a_page_without_placeholders_has_no_problems() -> None:
    assert placeholder_problems(Path("play/tide.md"), PUBLISHED) == []
