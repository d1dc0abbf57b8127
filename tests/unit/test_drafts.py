"""Which pages are drafts, decided from front matter alone, before Sphinx looks for pages."""

from __future__ import annotations

import pytest

from portfolio.drafts import is_draft

PROJECT = "---\nkind: project\ntitle: Tide clock\n{extra}---\nText.\n"


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
    ],
)
def test_a_draft_is_a_page_that_says_so(extra: str, draft: bool) -> None:
    assert is_draft(PROJECT.format(extra=extra)) is draft


def test_only_kinds_that_may_be_drafts_are() -> None:
    assert is_draft("---\nkind: employer\ntitle: Acme\ndraft: true\n---\n")
    assert not is_draft("---\nkind: skills\ntitle: Skills\ndraft: true\n---\n")
    assert not is_draft("---\ntitle: Play\ndraft: true\n---\n")
    assert not is_draft("No front matter.\ndraft: true\n")
