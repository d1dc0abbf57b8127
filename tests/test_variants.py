"""Tailored résumés, built: each variant resume.md declares, and throwaway ones.

For each declared variant, read as the full résumé is (poppler): every fact it keeps
in the PDF's text layer and the text file, in order; every fact it drops in neither;
its page limit; PDF/UA-1 tags and metadata, with its own skills as keywords; fonts
embedded; no private-use glyph; the same bytes from `make resume VARIANT=`; its own
resume.json valid against JSON Resume's schema. What it keeps is worked out here
from the front matter by the rule the README states, not by the extension.

In throwaway sites: an unpublished variant is named nowhere in the site, its zip or
its book; an overflow and each mistake an author can make fail the build, naming
resume.md, the line and the fix.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, sphinx_build
from portfolio.frontmatter import RESUME_SECTIONS, read_page
from portfolio.model import Variant
from test_resume_facts import normalise
from test_resume_pdf import (
    NAME,
    font_problems,
    glyph_problems,
    info,
    pdf_text,
    poppler,
    typeset_data,
)
from test_structured_data import schema_problems


def declared() -> list[Variant]:
    page, problems = read_page(ROOT / "resume.md", "resume")
    assert page is not None and not problems, problems
    return list(page.variants)


VARIANTS = declared()


@pytest.fixture(scope="module")
def data(site: Path) -> dict[str, Any]:
    """Every fact the full résumé shows, as the build cached it."""
    return typeset_data(site)


def keeps(variant: Variant, thing: str, tags: list[str]) -> bool:
    """The README's rule: untagged things stay, tagged ones when named; drop wins."""
    if {thing, *tags} & set(variant.drop):
        return False
    return not tags or bool({thing, *tags} & set(variant.keep))


def words(runs: list[dict[str, Any]]) -> str:
    return normalise("".join(run["text"] for run in runs))


def facts(variant: Variant, data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The facts ``variant`` keeps, in the order it shows them, and those it drops."""
    shown: dict[str, list[str]] = {section: [] for section in RESUME_SECTIONS}
    dropped: list[str] = []
    for work in data["work"]:
        role = [work["position"]] + [words(r) for r in work["runs"]]
        if not keeps(variant, work["id"], work["tags"]):
            dropped += role
            continue
        shown["experience"].append(work["position"])
        for label, runs in zip(work["highlight_ids"], work["runs"], strict=True):
            if not label or keeps(variant, label, []):
                shown["experience"].append(words(runs))
            else:
                dropped.append(words(runs))
    for degree in data["education"]:
        shown["education"].append(degree["institution"])
    for activity in data["prose"]["activities"]:
        kept = keeps(variant, activity["id"], [])
        (shown["education"] if kept else dropped).append(activity["title"])
    for paper in data["publications"]:
        (shown["publications"] if keeps(variant, paper["id"], []) else dropped).append(
            paper["name"]
        )
    for group in data["prose"]["skills"]:
        (shown["skills"] if keeps(variant, group["id"], []) else dropped).append(
            f"{group['title']}:"
        )
    for project in data["projects"]:
        (shown["projects"] if keeps(variant, project["id"], project["tags"]) else dropped).append(
            project["name"]
        )
    in_order = [fact for section in variant.order for fact in shown[section]]
    dropped += [
        fact
        for section in RESUME_SECTIONS
        if section not in variant.order
        for fact in shown[section]
    ]
    return in_order, dropped


def fact_problems(text: str, kept: list[str], dropped: list[str]) -> list[str]:
    """Each kept fact in ``text`` after the one before it; no dropped fact anywhere."""
    text = normalise(text)
    problems, at = [], 0
    for before, fact in zip([""] + kept, kept, strict=False):
        found = text.find(fact, at)
        if found >= 0:
            at = found + len(fact)
        elif fact in text:
            problems.append(f"{fact!r} comes before {before!r}")
        else:
            problems.append(f"lacks {fact!r}")
    problems += [f"shows the dropped {fact!r}" for fact in dropped if fact in text]
    return problems


def test_the_resume_page_declares_two_published_variants() -> None:
    assert [(v.name, v.pages, v.publish) for v in VARIANTS] == [
        ("first-screen", 1, True),
        ("reliability", 1, True),
    ]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_each_variant_shows_what_it_keeps_in_order_and_nothing_it_drops(
    site: Path, data: dict[str, Any], variant: Variant
) -> None:
    kept, dropped = facts(variant, data)
    assert kept and dropped  # a variant that selects nothing tests nothing
    pdf = site / f"{NAME}-{variant.name}.pdf"
    assert fact_problems(pdf_text(pdf), kept, dropped) == []
    text = (site / f"{NAME}-{variant.name}.txt").read_text(encoding="utf-8")
    assert fact_problems(re.sub(r"\s*<[^>]+>", "", text), kept, dropped) == []


def test_the_fact_check_catches_a_dropped_fact_shown_and_one_out_of_order(
    site: Path, data: dict[str, Any]
) -> None:
    variant = VARIANTS[0]
    kept, dropped = facts(variant, data)
    full = pdf_text(site / f"{NAME}.pdf")  # the full résumé shows what the variant drops
    problems = fact_problems(full, kept, dropped)
    assert "shows the dropped 'Computer Science Tutor'" in problems
    swapped = fact_problems(" ".join(reversed(kept)), kept, [])
    assert swapped and all("comes before" in problem for problem in swapped)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_each_variant_meets_what_the_full_resume_meets(
    site: Path, data: dict[str, Any], variant: Variant
) -> None:
    pdf = site / f"{NAME}-{variant.name}.pdf"
    fields = info(pdf)
    assert int(fields["Pages"]) <= variant.pages
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == f"{data['basics']['name']}: résumé"
    assert fields["Author"] == data["basics"]["name"]
    assert fields["Subject"].startswith(data["basics"]["label"])
    assert "<pdfuaid:part>1</pdfuaid:part>" in poppler("pdfinfo", "-meta", str(pdf))
    assert font_problems(poppler("pdffonts", str(pdf))) == []
    assert [p for p in glyph_problems(pdf_text(pdf)) if "read whole" not in p] == []
    # Its keywords are its own skill groups' skills, and no other.
    groups = [
        g for g in data["skills"] if keeps(variant, g["id"], []) and "skills" in variant.order
    ]
    assert fields["Keywords"] == ", ".join(k for g in groups for k in g["keywords"])
    resume = json.loads((site / f"{NAME}-{variant.name}.json").read_text(encoding="utf-8"))
    assert schema_problems(resume) == []
    assert [w["position"] for w in resume["work"]] == [
        w["position"] for w in data["work"] if keeps(variant, w["id"], w["tags"])
    ]


def test_make_resume_variant_writes_that_variant_alone_with_the_same_bytes(
    site: Path, tmp_path: Path
) -> None:
    name = VARIANTS[0].name
    result = subprocess.run(
        ["make", "-C", str(ROOT), "resume", f"VARIANT={name}", f"BUILDDIR={tmp_path}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    folder = tmp_path / "resume" / name
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{NAME}.{s}" for s in ("json", "pdf", "txt")
    ]
    assert (folder / f"{NAME}.pdf").read_bytes() == (site / f"{NAME}-{name}.pdf").read_bytes()
    assert not (tmp_path / "resume" / f"{NAME}.pdf").exists()  # that variant alone
    # A name resume.md does not declare is said, with the ones it does.
    wrong = subprocess.run(
        ["make", "-C", str(ROOT), "resume", "VARIANT=acme", f"BUILDDIR={tmp_path}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode != 0
    assert "declares no variant 'acme'; its variants: first-screen, reliability" in wrong.stderr


# -- Throwaway variants ------------------------------------------------------------------------


def declare(source: Path, variants: str) -> Path:
    """Replace the variants of the copy's résumé page by ``variants`` (YAML list items)."""
    page = source / "resume.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("variants:\n")
    end = text.index("\n---\n", start)
    page.write_text(
        text[:start] + "variants:\n" + variants.rstrip("\n") + text[end:], encoding="utf-8"
    )
    return page


UNPUBLISHED = """\
  - name: acme-rockets
    title: Acme Rockets application
    pages: 1
    sections: [experience, skills]
    keep: [internship]
"""


def every_file_naming(folder: Path, *needles: str) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        found += [f"{path.relative_to(folder)}: {n}" for n in needles if n.encode() in data]
        if path.suffix in (".zip", ".epub"):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    content = archive.read(member)
                    found += [
                        f"{path.name}!{member}: {n}"
                        for n in needles
                        if n.encode() in content or n in member
                    ]
    return found


def test_an_unpublished_variant_is_written_beside_the_site_and_named_nowhere_in_it(
    site_copy: Path, tmp_path: Path
) -> None:
    declare(site_copy, UNPUBLISHED)
    out = tmp_path / "out"
    env = {"READTHEDOCS_CANONICAL_URL": "https://mjkelly.readthedocs.io/en/latest/"}
    build = sphinx_build(site_copy, out / "html", "-d", str(out / "doctrees"), env=env)
    assert build.returncode == 0, build.output
    folder = out / "resume" / "acme-rockets"
    pdf = folder / f"{NAME}.pdf"
    assert info(pdf)["Pages"] == "1"
    text = (folder / f"{NAME}.txt").read_text(encoding="utf-8")
    assert "Intern, Site Reliability Engineering" in text and "Computer Science Tutor" not in text
    assert schema_problems(json.loads((folder / f"{NAME}.json").read_text(encoding="utf-8"))) == []
    # The site, its sitemap and search index, the zip to read offline and the book.
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(ROOT / "tools" / "offline_zip.py"),
            str(out / "html"),
            str(out / "site.zip"),
        ],
        check=True,
    )
    epub = sphinx_build(site_copy, out / "epub", "-d", str(out / "doctrees-epub"), builder="epub")
    assert epub.returncode == 0, epub.output
    assert (out / "html" / "sitemap.xml").is_file()
    for folder in (out / "html", out / "epub"):
        assert every_file_naming(folder, "acme-rockets", "Acme Rockets") == []
    with zipfile.ZipFile(out / "site.zip") as archive:
        assert not [m for m in archive.namelist() if "acme" in m.lower()]
        assert not [m for m in archive.namelist() if b"Acme Rockets" in archive.read(m)]
    assert not list((out / "html").glob(f"{NAME}-*"))  # no variant is published
    # The check sees one that is.
    declare(site_copy, UNPUBLISHED + "    publish: true\n")
    build = sphinx_build(site_copy, out / "html", "-d", str(out / "doctrees"), env=env)
    assert build.returncode == 0, build.output
    assert every_file_naming(out / "html", "acme-rockets", "Acme Rockets") == [
        "resume.html: acme-rockets",
        "resume.html: Acme Rockets",
    ]
    assert (out / "html" / f"{NAME}-acme-rockets.pdf").is_file()


def test_a_variant_past_its_page_limit_fails_the_build_saying_by_how_much(
    site_copy: Path, tmp_path: Path
) -> None:
    page = declare(
        site_copy,
        "  - name: everything\n    title: Everything\n    pages: 1\n"
        "    keep: [internship, research, teaching]\n",
    )
    build = sphinx_build(site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert build.returncode != 0
    line = page.read_text(encoding="utf-8").splitlines().index("    pages: 1") + 1
    assert re.search(
        rf"{re.escape(str(page))}:{line}: ERROR: variant 'everything': the résumé runs 2 pages"
        r" at letter paper: [\d.]+ cm \(about \d+ lines\) past the 1-page limit\. .*; or keep"
        r" less in the variant \('drop', 'sections'\), or give it 2 pages",
        build.output,
    ), build.output
    assert "Traceback" not in build.output


def test_each_mistake_in_a_variant_fails_the_build_naming_the_line_and_the_fix(
    site_copy: Path, tmp_path: Path
) -> None:
    good = sphinx_build(site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert good.returncode == 0, good.output
    page = declare(
        site_copy,
        "  - name: sre\n    title: SRE\n    pages: 1\n    keep: [reliabilty]\n"
        "  - name: empty\n    title: Empty\n    pages: 1\n    sections: [publications]\n"
        "    drop: [sigcse-2007]\n",
    )
    build = sphinx_build(site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert build.returncode != 0
    lines = page.read_text(encoding="utf-8").splitlines()
    keep = lines.index("    keep: [reliabilty]") + 1
    empty = lines.index("  - name: empty") + 1
    assert (
        f"{page}:{keep}: ERROR: variant 'sre': keep names 'reliabilty', which no role,"
        " highlight, project, skill group, activity, publication or tag is; did you mean"
        " reliability?"
    ) in build.output
    assert (
        f"{page}:{empty}: ERROR: variant 'empty' keeps nothing: every section it lists is"
        " empty after 'keep' and 'drop'; list a section in 'sections', or keep something in it"
    ) in build.output
    # Built again with nothing changed, the résumé page is not read again: the mistake
    # is still said, not hidden behind the files of the good build before it.
    again = sphinx_build(site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert again.returncode != 0 and "keep names 'reliabilty'" in again.output
    # Two variants of one name and a page limit of three: the front matter's own errors.
    declare(
        site_copy,
        "  - name: sre\n    title: SRE\n    pages: 1\n  - name: sre\n    title: SRE\n    pages: 3\n",
    )
    build = sphinx_build(site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    lines = page.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if line == "  - name: sre"][1]
    assert (
        f"{page}:{second}: ERROR: front matter field 'variants[1].name': 'sre' is already the"
        f" name of the variant on line {second - 3}; give each variant its own name"
    ) in build.output
    assert (
        f"{page}:{second + 2}: ERROR: front matter field 'variants[1].pages': 3 is not a page"
        " limit; a résumé runs 1 or 2 pages"
    ) in build.output
    assert "Traceback" not in build.output
