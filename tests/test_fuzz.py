"""A careless author's front matter, seeded: every build passes or names the file.

Hypothesis (derandomized, so every run tries the same cases) breaks the front
matter of a real page of each kind as a hurried author would: a value of the
wrong type or plain junk, a line deleted, doubled or re-indented, a tab, a stray
colon. Each broken site is built strictly, incrementally as `make serve` would
rebuild it; the build must either pass or name the broken file, and never end
in a Python traceback.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_site, sphinx_build

# One throwaway site and its doctrees serve every example: keep them in one process.
pytestmark = pytest.mark.xdist_group("fuzz")

#: A page of every kind that has facts.
PAGES = (
    "index.md",  # person
    "work/vimeo.md",  # employer with two roles
    "work/ucsd.md",  # employer with a publication
    "play/passphraser.md",  # project
    "skills/index.md",  # the skills catalogue
    "school/index.md",  # school
)
JUNK = (
    "",
    "[a]",
    "{x: 1}",
    "yes",
    "null",
    "12",
    "'   '",
    "2019-13",
    "2019-04-05",
    "<b>&amp;</b>",
    ":",
    "- a",
    "http://example.org",
    "present",
)
#: What went wrong past the author's control: never acceptable.
CRASHES = ("Traceback", "Exception occurred", "KeyError", "TypeError", "AttributeError")


def front_matter_lines(text: str) -> range:
    """The line numbers (0-based) between the opening and closing ``---``."""
    lines = text.splitlines()
    end = lines.index("---", 1)
    return range(1, end)


def mutate(text: str, action: str, line: int, junk: str) -> str:
    lines = text.splitlines()
    target = lines[line]
    key, colon, _ = target.partition(":")
    if action == "junk" and colon:
        lines[line] = f"{key}: {junk}"
    elif action == "delete":
        del lines[line]
    elif action == "double":
        lines.insert(line, target)
    elif action == "indent":
        lines[line] = "  " + target
    elif action == "dedent":
        lines[line] = target.lstrip()
    elif action == "tab":
        lines[line] = "\t" + target
    elif action == "colon":
        lines[line] = target + ": x"
    else:  # junk on a line without a key: a stray value
        lines[line] = target + " " + junk
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def workshop() -> Iterator[Path]:
    """A copy of the site built once, to break one page at a time."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    copy_site(folder / "src")
    build = sphinx_build(folder / "src", folder / "html", "-d", str(folder / "doctrees"))
    assert build.returncode == 0, build.output
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@settings(
    derandomize=True,  # seeded: the same cases on every run, so a failure reproduces
    max_examples=16,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    page=st.sampled_from(PAGES),
    mistakes=st.lists(
        st.tuples(
            st.sampled_from(("junk", "delete", "double", "indent", "dedent", "tab", "colon")),
            st.integers(min_value=0, max_value=200),
            st.sampled_from(JUNK),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_a_careless_edit_is_named_never_a_traceback(
    workshop: Path, page: str, mistakes: list[tuple[str, int, str]]
) -> None:
    path = workshop / "src" / page
    original = path.read_text(encoding="utf-8")
    text = original
    for action, index, junk in mistakes:
        lines = front_matter_lines(text)
        text = mutate(text, action, lines[index % len(lines)], junk)
    path.write_text(text, encoding="utf-8")
    try:
        build = sphinx_build(workshop / "src", workshop / "html", "-d", str(workshop / "doctrees"))
    finally:
        path.write_text(original, encoding="utf-8")
    assert not any(crash in build.output for crash in CRASHES), f"{page}:\n{text}\n{build.output}"
    assert build.returncode == 0 or str(path) in build.output, f"{page}:\n{text}\n{build.output}"
