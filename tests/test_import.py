"""`make import`: a site started from JSON Resume's four samples and RenderCV's own,
each built strictly in a throwaway folder, and JSON Resume's round trip field by field."""

from __future__ import annotations

import html as markup
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import roundtrip
from portfolio.frontmatter import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "node_modules" / "@jsonresume" / "schema"
JSON_RESUMES = [
    "sample.resume.json",
    *(f"examples/{p.name}" for p in sorted((SAMPLES / "examples").glob("*.json"))),
]
RENDERCV = ROOT / "tests" / "data" / "rendercv-2.3-sample.yaml"
SCHEMA = json.loads(
    (ROOT / "tests" / "data" / "jsonresume-schema.json").read_text(encoding="utf-8")
)


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "--keep-going", "-q"]
        + ["-d", str(site / "_build" / "doctrees"), str(site), str(site / "_build" / "html")],
        capture_output=True,
        text=True,
        check=False,
    )


def imported(source: Path, into: Path) -> tuple[Path, str]:
    result = subprocess.run(
        [sys.executable, "-m", "portfolio.importer", str(source), str(into)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    built = build(into)
    assert built.returncode == 0, built.stderr
    return into / "_build" / "html", result.stdout


def site_text(html: Path) -> str:
    words = " ".join(
        re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")) for page in html.rglob("*.html")
    )
    return " ".join(
        words.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", '"').split()
    )


@pytest.mark.parametrize("name", JSON_RESUMES)
def test_a_json_resume_sample_round_trips(tmp_path: Path, name: str) -> None:
    given = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    html, said = imported(SAMPLES / name, tmp_path / "site")
    built = json.loads((html / "resume.json").read_text(encoding="utf-8"))
    jsonschema.validate(built, SCHEMA)
    equal, defined, differs = roundtrip.compare(given, built)
    assert (equal, differs) == (defined, [])
    # Every text of the input is on the site's pages (references aside).
    text = site_text(html)
    for path, value in roundtrip.leaves(roundtrip.normal(given) or {}).items():
        if isinstance(value, str) and not path.startswith(("references", "meta", "$schema")):
            shown = value.removeprefix("https://").rstrip("/")
            # A street address and a photo go to resume.json only: not on every page.
            # A profile shows as its address, not its network's name.
            private = ("image", "Date", "basics.email", "basics.location.", "basics.phone")
            private += (".network", ".username")
            if not any(part in path for part in private) and "date" not in path.lower():
                assert shown in text or value in text, path
    # Each section of entries is a part of the résumé page beside the others, not
    # within the one written before it; its own page orders it as the résumé does.
    resume_page = (html / "resume.html").read_text(encoding="utf-8")
    for section in SECTIONS.values():
        if section.name not in built:
            continue
        assert re.search(rf'id="resume-{section.name}">\s*<h2>', resume_page), section.name
        page = (html / f"{section.name}.html").read_text(encoding="utf-8")
        shown = markup.unescape(re.sub(r"<[^>]+>", " ", page))
        heads = [entry[section.head[0]] for entry in built[section.name]]
        assert sorted(heads, key=shown.index) == heads, section.name
    # References are never published without their author's word.
    for reference in given.get("references", []):
        assert reference["name"] not in text
        assert "references" not in built
    pdf = next(html.glob("*-resume.pdf"))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert int(re.search(r"Pages:\s+(\d+)", pages.stdout)[1]) <= 2  # type: ignore[index]
    assert (
        next(html.glob("*-resume.txt"))
        .read_text(encoding="utf-8")
        .startswith(given["basics"]["name"])
    )
    # Nothing of this site's owner is left in the new site's configuration.
    assert "Michael" not in (tmp_path / "site" / "conf.py").read_text(encoding="utf-8")


def test_the_round_trip_sees_a_dropped_field() -> None:
    given = json.loads((SAMPLES / "sample.resume.json").read_text(encoding="utf-8"))
    built = json.loads(json.dumps(given))
    del built["work"][0]["highlights"][1]
    built["volunteer"][0]["position"] = "Student"
    equal, defined, differs = roundtrip.compare(given, built)
    assert defined - equal == 3  # the dropped highlight, the one moved up, the position
    assert any(line.startswith("volunteer[0].position") for line in differs)


def test_rendercvs_sample_becomes_a_site(tmp_path: Path) -> None:
    import yaml

    html, said = imported(RENDERCV, tmp_path / "site")
    text = site_text(html)
    cv = yaml.safe_load(RENDERCV.read_text(encoding="utf-8"))["cv"]
    for title, entries in cv["sections"].items():
        for entry in entries:
            if not isinstance(entry, dict):
                # Text entries: the summary, or listed when the import ran.
                assert entry in said or " ".join(entry.split()) in text, title
                continue
            for key in ("company", "position", "institution", "name", "title", "label"):
                if entry.get(key):
                    shown = str(entry[key])
                    assert shown in text or json.dumps(shown)[1:-1] in said, (title, key)
            for highlight in entry.get("highlights") or []:
                assert highlight in text or json.dumps(highlight)[1:-1] in said, title
    pdf = next(html.glob("*-resume.pdf"))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert int(re.search(r"Pages:\s+(\d+)", pages.stdout)[1]) <= 2  # type: ignore[index]


def test_a_resume_with_every_field_builds(tmp_path: Path) -> None:
    # A role with no summary or highlights among them: its block is still a role's.
    html, _ = imported(ROOT / "tests" / "data" / "every-field.resume.json", tmp_path / "site")
    built = json.loads((html / "resume.json").read_text(encoding="utf-8"))
    jsonschema.validate(built, SCHEMA)
    # Every role that names its employer, newest first; "WARD" is Ward's page, "Ward!" its own.
    assert [work["position"] for work in built["work"]] == [
        "Nurse",
        "Student Nurse",
        "Volunteer",
        "Porter",
        "Cleaner",
    ]
    assert "references" not in built
