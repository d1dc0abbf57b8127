"""The front matter's JSON Schema: made from the model, committed, and true of every page.

A real validator (check-jsonschema, run as an author or CI would) reads every page's
front matter and every `make writeup` stub against the committed schema; planted
mistakes fail both it and the build's own reader, so the two cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import json
import re
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.matching import Matcher

from conftest import ROOT
from portfolio import writeup
from portfolio.frontmatter import load, read_page, split_front_matter

SCHEMA = ROOT / "schema" / "front-matter.schema.json"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def schema_tool() -> Any:
    spec = importlib.util.spec_from_file_location("schema_tool", ROOT / "tools" / "schema.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_schema_and_the_readme_table_are_the_models() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "schema.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_check_catches_a_stale_schema_and_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = schema_tool()
    stale = json.loads(SCHEMA.read_text(encoding="utf-8"))
    stale["$defs"]["Project"]["properties"].pop("tags")  # a field added since
    (tmp_path / "schema.json").write_text(json.dumps(stale), encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "README.md").write_text(
        readme.replace("| `tags` | `project` (optional) |", "| `tags` | `project` |"),
        encoding="utf-8",
    )
    monkeypatch.setattr(tool, "SCHEMA", tmp_path / "schema.json")
    monkeypatch.setattr(tool, "README", tmp_path / "README.md")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert tool.stale() == [
        "schema.json is older than src/portfolio/model.py",
        "README.md's table of fields is older than the model",
    ]


def front_matter(text: str) -> dict[str, Any]:
    """The YAML as the build reads it (only true and false are booleans), as JSON has it."""
    source = split_front_matter(text)
    assert source is not None
    data = load(source)
    return json.loads(json.dumps(data, default=str))


def pages() -> dict[str, str]:
    """Every page with facts that the site builds, by its path: conf.py's
    include_patterns, so stray Markdown (caches, mutation copies) is not a page."""
    included = Matcher(runpy.run_path(str(ROOT / "conf.py"))["include_patterns"])
    found = {}
    for path in sorted(ROOT.glob("*.md")) + sorted(ROOT.glob("*/**/*.md")):
        relative = path.relative_to(ROOT).as_posix()
        if not included(relative):
            continue
        text = path.read_text(encoding="utf-8")
        if split_front_matter(text) and "kind" in front_matter(text):
            found[relative] = text
    return found


def stubs() -> dict[str, str]:
    known = writeup.skill_ids(ROOT)
    return {
        f"make writeup {section}": writeup.render("A new page", section, ["go"], known, 2026)
        for section in writeup.SECTIONS
    }


def validate(tmp_path: Path, texts: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """check-jsonschema on each front matter, written out as JSON."""
    files = []
    for index, (name, text) in enumerate(texts.items()):
        path = tmp_path / f"{index:02d}-{name.replace('/', '_').replace(' ', '_')}.json"
        path.write_text(json.dumps(front_matter(text)), encoding="utf-8")
        files.append(str(path))
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), *files],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_page_and_stub_meets_the_schema(tmp_path: Path) -> None:
    texts = pages() | stubs()
    # Every kind of page is among them.
    assert {front_matter(t)["kind"] for t in texts.values()} == {
        "employer",
        "project",
        "skills",
        "person",
        "school",
        "resume",
    }
    result = validate(tmp_path, texts)
    assert result.returncode == 0, result.stdout + result.stderr


#: Mistakes an author makes, planted in a project page: (what, replaced by, what the
#: validator says of it).
MISTAKES = {
    "an unknown key": (
        "summary:",
        "colour: blue\nsummary:",
        "$: Additional properties are not allowed ('colour' was unexpected)",
    ),
    "a draft that says yes": (
        "kind: project",
        "kind: project\ndraft: yes",
        "$.draft: 'yes' is not of type 'boolean'",
    ),
    "a date with a day": (
        "start: 2005",
        "start: 2005-06-01",
        "$.start: '2005-06-01' is not valid under any of the given schemas",
    ),
    "a kind that is none": ("kind: project", "kind: blog", "$.kind: 'blog' is not one of"),
    "an http link": (
        "url: https://github.com/mjkelly/campusmap",
        "url: http://example.org/",
        "$.links[0].url: 'http://example.org/' does not match '^(https://|mailto:)'",
    ),
    "a skill id in capitals": (
        "skills: [perl, java]",
        "skills: [Perl, java]",
        "$.skills[0]: 'Perl' does not match",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_a_mistake_fails_the_schema_and_the_build_alike(tmp_path: Path, mistake: str) -> None:
    old, new, said = MISTAKES[mistake]
    text = (ROOT / "play" / "campusmap.md").read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    result = validate(tmp_path, {"campusmap": broken})
    assert result.returncode == 1, result.stdout
    assert f"campusmap.json::{said}" in result.stdout
    page = tmp_path / "campusmap.md"
    page.write_text(broken, encoding="utf-8")
    assert read_page(page, "play/campusmap")[1], f"the build takes {mistake}"


# -- In an editor: remark-lint-frontmatter-schema, as .remarkrc.json sets it up ------------

REMARK = ROOT / "node_modules" / ".bin" / "remark"
PAGE_FOLDERS = ("index.md", "resume.md", "play", "work", "skills", "school")


def remark(cwd: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    """What an editor with the remark extension shows, as the command line says it."""
    if not REMARK.is_file():
        pytest.fail("remark is missing: npm ci (package.json pins it)", pytrace=False)
    return subprocess.run(
        [str(REMARK), "--no-stdout", "--frail", "--quiet", "--no-color", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_remark_finds_every_page_true_to_the_schema() -> None:
    result = remark(ROOT, *PAGE_FOLDERS)
    assert result.returncode == 0, result.stderr


def test_remark_names_the_line_of_a_mistake_as_an_author_types_it(tmp_path: Path) -> None:
    # The repository's own configuration and schema, and one page gone wrong.
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / ".remarkrc.json").write_text(
        (ROOT / ".remarkrc.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / SCHEMA.name).write_text(SCHEMA.read_text(encoding="utf-8"))
    (tmp_path / "play").mkdir()
    (tmp_path / "play" / "index.md").write_text(
        "# Play\n", encoding="utf-8"
    )  # no facts: not checked
    text = (ROOT / "play" / "campusmap.md").read_text(encoding="utf-8")
    (tmp_path / "play" / "campusmap.md").write_text(
        text.replace("start: 2005", "start: 2005-06-01").replace("summary:", "colour: x\nsummary:"),
        encoding="utf-8",
    )
    result = remark(tmp_path, "play")
    assert result.returncode == 1
    assert "play/index.md" not in result.stderr
    assert "play/campusmap.md" in result.stderr
    assert re.search(r"^6:8-6:18 +warning +Must match pattern", result.stderr, re.MULTILINE)
    assert "Must NOT have additional properties" in result.stderr
