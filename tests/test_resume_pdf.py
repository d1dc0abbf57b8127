"""The résumé to take away: the typeset PDF and the plain text beside it.

The PDF is read as machines read it, with poppler (pdftotext, pdfinfo,
pdffonts): every fact of the source résumé in its text layer, roles in order,
at most two pages at Letter and A4, metadata, tagging, embedded fonts, the
front matter's links, no private-use glyphs, the same bytes from any folder.
Each check is also run on a PDF typeset from a broken template, and fails.
The tools are required: a missing one fails these tests, never skips them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import typst

from conftest import ROOT, copy_site, plant_role, sphinx_build
from portfolio.downloads import CACHE, TEMPLATE, typeset
from portfolio.frontmatter import read_page
from test_resume_facts import normalise, prose_sentences, roles_in_resume

NAME = "michael-j-kelly-resume"
POPPLER = ("pdftotext", "pdfinfo", "pdffonts")
LETTER, A4 = "612 x 792", "595.276 x 841.89"


def poppler(program: str, *args: str) -> str:
    if shutil.which(program) is None:
        pytest.fail(f"{program} is missing: apt-get install poppler-utils", pytrace=False)
    result = subprocess.run([program, *args], capture_output=True, text=True, check=True)
    return result.stdout


def resume_build(source: Path, outdir: Path, *extra: str) -> Path:
    """`make resume` as the Makefile runs it: the résumé builder alone."""
    build = sphinx_build(
        source, outdir, "-d", str(outdir.parent / "doctrees"), *extra, builder="resume"
    )
    assert build.returncode == 0, build.output
    return outdir / f"{NAME}.pdf"


@pytest.fixture(scope="module")
def letter(site: Path) -> Path:
    """The PDF that `make html` put at the site root: Letter, the default."""
    return site / f"{NAME}.pdf"


@pytest.fixture(scope="module")
def a4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builddir = tmp_path_factory.mktemp("a4")
    result = subprocess.run(
        ["make", "-C", str(ROOT), "resume", "PAPER=a4", f"BUILDDIR={builddir}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return builddir / "resume" / f"{NAME}.pdf"


#: A template with faults planted: links that are not links, a private-use
#: (icon-font) glyph, no subject or keywords, an ordinary dash for the dates'.
BREAKS = {
    "#show link: set text(fill: accent)": "#show link: it => it.body",
    "#text(size: 11.5pt, headline)": "#text(size: 11.5pt)[\\u{e0a0} #headline]",
    '  description: (headline, basics.at("summary", default: none)).filter(x => x != none)'
    '.join(". "),\n': "",
    "  keywords: data.skills.map(group => group.keywords).flatten(),\n": "",
}


def own_template(source: Path) -> Path:
    """The package's template, copied beside the copy's conf.py and chosen there, to break."""
    template = Path(shutil.copy2(TEMPLATE, source / "resume.typ"))
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nportfolio_resume_template = "resume.typ"\n')
    return template


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("broken-resume")
    source = copy_site(base / "src")
    template = own_template(source)
    text = template.read_text(encoding="utf-8")
    for old, new in BREAKS.items():
        assert old in text, f"the planted fault no longer matches the template: {old!r}"
        text = text.replace(old, new)
    template.write_text(text, encoding="utf-8")
    return resume_build(source, base / "out")


def typeset_data(site: Path) -> dict[str, Any]:
    """The data the full résumé of ``site``'s build was typeset from: the JSON beside
    the cached PDF, not the public resume.json beside it, which has fewer keys."""
    cached = next((site.parent / "doctrees" / CACHE).glob("*.pdf")).with_suffix(".json")
    return json.loads(cached.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# -- The text layer ---------------------------------------------------------------

#: The running footer, on every page: not part of the sentence it interrupts.
FOOTER = re.compile(r"(Michael J Kelly · m@michaelkelly\.org)|(Page \d+ of \d+)")


def pdf_text(pdf: Path) -> str:
    """The text layer in reading order, as an applicant-tracking system takes it:
    one line, without the page footers."""
    text = FOOTER.sub(" ", poppler("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    return normalise(text)


def missing_sentences(text: str) -> list[str]:
    return [sentence for sentence in prose_sentences() if sentence not in text]


def role_lines() -> list[str]:
    """Each role as the PDF sets it, "Title dates", in the résumé's own years."""
    lines = []
    for _, title, years in roles_in_resume():
        start, _, end = years.partition("-")
        lines.append(f"{title} {start}-{end}" if end and end != start else f"{title} {start}")
    return lines


def order_problems(text: str, expected: list[str]) -> list[str]:
    """Each of ``expected`` in ``text``, and in that order."""
    problems = [f"{line!r} is not in the PDF" for line in expected if line not in text]
    found = [line for line in expected if line in text]
    at = [text.index(line) for line in found]
    problems += [
        f"{found[i + 1]!r} comes before {found[i]!r}"
        for i in range(len(at) - 1)
        if at[i] > at[i + 1]
    ]
    return problems


def test_pdf_has_every_resume_sentence(letter: Path, a4: Path) -> None:
    assert missing_sentences(pdf_text(letter)) == []
    assert missing_sentences(pdf_text(a4)) == []


def test_sentence_check_catches_a_lost_sentence(letter: Path) -> None:
    text = pdf_text(letter)
    lost = "I also had a radio show focused on metal"
    assert missing_sentences(text.replace(lost, "")) == [lost]


def test_pdf_has_every_role_newest_first(site: Path, letter: Path) -> None:
    text = pdf_text(letter)
    # In the data's order, newest first, as resume.json and the work overview list them.
    work = json.loads((site / "resume.json").read_text(encoding="utf-8"))["work"]
    years = [(w["startDate"][:4], w.get("endDate", "present")[:7]) for w in work]
    newest_first = [
        f"{w['position']} {start}" + (f"-{end}" if end != start else "")
        for w, (start, end) in zip(work, years, strict=True)
    ]
    assert order_problems(text, newest_first) == []
    # Every role of the source résumé, whose order is its own: Vimeo's roles
    # oldest first, and the 2008 internship before the 2006–2009 role.
    assert order_problems(text, role_lines()) == [
        "'Lead SRE 2017-2019' comes before 'Site Reliability Engineer 2015-2017'",
        "'Programmer 2006-2009' comes before 'Intern, Site Reliability Engineering 2008'",
    ]


def test_order_check_catches_roles_out_of_order(letter: Path) -> None:
    text = pdf_text(letter)
    swapped = text.replace("Lead SRE", "@@").replace("Production Engineer", "Lead SRE")
    swapped = swapped.replace("@@", "Production Engineer")
    problems = order_problems(swapped, ["Production Engineer", "Lead SRE"])
    assert problems == ["'Lead SRE' comes before 'Production Engineer'"]


# -- Glyphs -------------------------------------------------------------------------

#: Words that Libertinus sets with fi, ffi and fl ligatures.
LIGATURE_WORDS = ("configuration", "office", "traffic", "facilitate", "infrastructure")


def glyph_problems(text: str) -> list[str]:
    problems = [
        f"U+{ord(c):04X} is a private-use (icon) glyph"
        for c in sorted(set(text))
        if unicodedata.category(c) == "Co"
    ]
    problems += [
        f"U+{ord(c):04X} ({unicodedata.name(c)}) reads as a ligature, not letters"
        for c in sorted(set(text))
        if "LIGATURE" in unicodedata.name(c, "")
    ]
    problems += [f"{word!r} does not read whole" for word in LIGATURE_WORDS if word not in text]
    return problems


def test_pdf_text_has_plain_letters_only(letter: Path) -> None:
    assert glyph_problems(pdf_text(letter)) == []


def test_glyph_check_catches_icons_and_ligatures(broken: Path) -> None:
    assert glyph_problems(pdf_text(broken)) == ["U+E0A0 is a private-use (icon) glyph"]
    assert glyph_problems("con\ufb01guration o\ufb03ce tra\ufb03c facilitate infrastructure") == [
        "U+FB01 (LATIN SMALL LIGATURE FI) reads as a ligature, not letters",
        "U+FB03 (LATIN SMALL LIGATURE FFI) reads as a ligature, not letters",
        "'configuration' does not read whole",
        "'office' does not read whole",
        "'traffic' does not read whole",
    ]


# -- Pages --------------------------------------------------------------------------


def info(pdf: Path) -> dict[str, str]:
    fields = {}
    for line in poppler("pdfinfo", "-enc", "UTF-8", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def page_problems(pdf: Path, size: str) -> list[str]:
    fields = info(pdf)
    problems = []
    if int(fields["Pages"]) > 2:
        problems.append(f"{fields['Pages']} pages: at most 2")
    if not fields["Page size"].startswith(size):
        problems.append(f"page size {fields['Page size']}, expected {size}")
    return problems


def test_pdf_fits_two_pages_at_letter_and_a4(letter: Path, a4: Path) -> None:
    assert page_problems(letter, LETTER) == []
    assert page_problems(a4, A4) == []


def test_page_check_catches_three_pages_and_the_wrong_paper(tmp_path: Path) -> None:
    three = tmp_path / "three.pdf"
    three.write_bytes(
        typst.compile(b'#set page(paper: "a4")\nOne #pagebreak() Two #pagebreak() Three')
    )
    assert page_problems(three, LETTER) == [
        "3 pages: at most 2",
        f"page size {A4} pts (A4), expected {LETTER}",
    ]


# -- Metadata, tags, fonts ----------------------------------------------------------------


def metadata_problems(pdf: Path) -> list[str]:
    me, _ = read_page(ROOT / "index.md", "index")
    skills, _ = read_page(ROOT / "skills" / "index.md", "skills/index")
    assert me is not None and me.person is not None and skills is not None
    fields = info(pdf)
    expected = {
        "Title": f"{me.title}: résumé",
        "Author": me.title,
        "Subject": f"{me.person.headline} in {me.person.location}. {me.summary}",
        "Tagged": "yes",
    }
    problems = [
        f"{key} is {fields.get(key)!r}, expected {value!r}"
        for key, value in expected.items()
        if fields.get(key) != value
    ]
    keywords = fields.get("Keywords", "")
    problems += [
        f"the keywords lack {skill.name!r}"
        for skill in skills.catalogue
        if skill.name not in keywords
    ]
    xmp = poppler("pdfinfo", "-meta", str(pdf))
    if "<dc:language><rdf:Bag><rdf:li>en</rdf:li>" not in xmp:
        problems.append("the language is not given as en")
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        problems.append("it does not claim PDF/UA-1")
    return problems


def test_pdf_metadata_says_who_and_what(letter: Path) -> None:
    assert metadata_problems(letter) == []


def test_metadata_check_catches_missing_subject_and_keywords(broken: Path) -> None:
    problems = metadata_problems(broken)
    assert (
        problems[0]
        == "Subject is None, expected 'Software Engineer in New York City. I love building great software and keeping it running while automating away as much work as possible.'"
    )
    assert "the keywords lack 'Python'" in problems


def font_problems(listing: str) -> list[str]:
    """pdffonts' table: every font embedded, subset and mapped to Unicode."""
    rows = listing.splitlines()[2:]
    problems = []
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        name = row.split()[0]
        problems += [
            f"{name} is not {what}"
            for what, flag in (("embedded", emb), ("subset", sub), ("mapped to Unicode", uni))
            if flag != "yes"
        ]
    return problems or ([] if rows else ["no fonts"])


def test_pdf_fonts_are_embedded_and_subset(letter: Path) -> None:
    listing = poppler("pdffonts", str(letter))
    assert font_problems(listing) == []
    assert "LibertinusSerif" in listing


def test_font_check_catches_a_font_left_out() -> None:
    listing = (
        "name                                 type              encoding         emb sub uni object ID\n"
        "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
        "Helvetica                            Type 1            WinAnsi          no  no  no       5  0\n"
    )
    assert font_problems(listing) == [
        "Helvetica is not embedded",
        "Helvetica is not subset",
        "Helvetica is not mapped to Unicode",
    ]


# -- Links ----------------------------------------------------------------------------------


def pdf_links(pdf: Path) -> set[str]:
    listing = poppler("pdfinfo", "-url", str(pdf))
    return {line.split()[-1] for line in listing.splitlines()[1:] if "Annotation" in line}


def front_matter_links() -> set[str]:
    """The addresses the résumé shows: the person's, each employer's and project's,
    the degree's and papers', and the links written in the roles' write-ups."""
    links = set()
    for path in [ROOT / "index.md", *sorted(ROOT.glob("*/*.md"))]:
        page, _ = read_page(path, path.relative_to(ROOT).with_suffix("").as_posix())
        if page is None:
            continue
        if page.person:
            person = page.person
            links |= {f"mailto:{person.email}", person.website, person.github, person.blog}
        if page.kind == "employer":
            links.add(page.links[0].url)
            text = path.read_text(encoding="utf-8").split("```{position}", 1)[1]
            links |= set(re.findall(r"\]\((https://[^)\s]+)\)", text))
        if page.kind == "project":
            links |= {link.url for link in page.links}
        links |= {degree.url for degree in page.education}
        links |= {paper.url for paper in page.publications}
    # The student radio's link, which the résumé quotes from the school page.
    links.add("https://ksdt.ucsd.edu/")
    return links


def link_problems(pdf: Path) -> list[str]:
    found, expected = pdf_links(pdf), front_matter_links()
    return [f"{url} is not a link in the PDF" for url in sorted(expected - found)] + [
        f"{url} is a link in the PDF, but not in the front matter"
        for url in sorted(found - expected)
    ]


def test_pdf_links_are_the_front_matters(letter: Path) -> None:
    assert "https://research.google.com/archive/chubby-osdi06.pdf" in pdf_links(letter)
    assert link_problems(letter) == []


def test_link_check_catches_words_that_are_not_links(broken: Path) -> None:
    problems = link_problems(broken)
    assert "mailto:m@michaelkelly.org is not a link in the PDF" in problems
    assert len(problems) == len(front_matter_links())


# -- Failing the build ------------------------------------------------------------------------

FORTY_BULLETS = "\n".join(
    f"- Planted accomplishment number {n}, long enough to fill a line." for n in range(40)
)


def test_a_third_page_fails_the_build_saying_by_how_much(site_copy: Path, tmp_path: Path) -> None:
    plant_role(site_copy / "work" / "meta.md", "meta-planted", FORTY_BULLETS)
    build = sphinx_build(
        site_copy, tmp_path / "out", "-d", str(tmp_path / "doctrees"), builder="resume"
    )
    assert build.returncode != 0
    message = re.search(
        r"the résumé runs 3 pages at letter paper: [\d.]+ cm \(about \d+ lines\) past the 2-page limit",
        build.output,
    )
    assert message, build.output
    assert "never shrunk" in build.output
    assert not (tmp_path / "out" / f"{NAME}.pdf").exists()
    assert "Traceback" not in build.output


def test_a_typst_error_names_the_template_and_the_fault(site_copy: Path, tmp_path: Path) -> None:
    template = own_template(site_copy)
    template.write_text(
        template.read_text(encoding="utf-8").replace("== Education", "#strong(", 1),
        encoding="utf-8",
    )
    build = sphinx_build(
        site_copy, tmp_path / "out", "-d", str(tmp_path / "doctrees"), builder="resume"
    )
    assert build.returncode != 0
    line = template.read_text(encoding="utf-8").splitlines().index("#strong(") + 1
    assert (
        f"{template}:{line}: ERROR: Typst cannot typeset the résumé: unclosed delimiter"
        " (fix the template)" in build.output
    )
    assert "Traceback" not in build.output


def test_a_typst_warning_fails_the_strict_build(site_copy: Path, tmp_path: Path) -> None:
    template = own_template(site_copy)
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("== Education", '#text(font: "Comic")[x]\n== Education', 1))
    build = sphinx_build(
        site_copy, tmp_path / "out", "-d", str(tmp_path / "doctrees"), builder="resume"
    )
    assert build.returncode != 0
    line = text.splitlines().index("== Education") + 1
    assert f"{template}:{line}: WARNING: Typst: unknown font family: comic" in build.output


def test_a_template_setting_that_names_no_file_is_refused(site_copy: Path, tmp_path: Path) -> None:
    with (site_copy / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nportfolio_resume_template = "templates/resume.typ"\n')
    build = sphinx_build(site_copy, tmp_path / "out", builder="resume")
    assert build.returncode != 0
    assert (
        f"portfolio_resume_template names {site_copy / 'templates' / 'resume.typ'}, which is"
        " not a file: fix the path (relative to conf.py) or remove the setting" in build.output
    )
    assert "Traceback" not in build.output


def test_text_no_font_can_show_is_left_out_not_fatal(site: Path, tmp_path: Path) -> None:
    # The data the site's build typeset, with a project named as an author might.
    data = typeset_data(site)
    data["projects"][0]["name"] += " \u2728 \u4e2d"
    pdf = tmp_path / "emoji.pdf"
    pdf.write_bytes(typeset(data, "letter"))
    text = pdf_text(pdf)
    assert f"{data['projects'][0]['name'][:-4]}" in text
    assert "\u2728" not in text and "\u4e2d" not in text


# -- The same bytes -------------------------------------------------------------------------


def test_pdf_is_the_same_from_any_folder(letter: Path, tmp_path: Path) -> None:
    elsewhere = resume_build(copy_site(tmp_path / "src"), tmp_path / "out")
    assert elsewhere.read_bytes() == letter.read_bytes()


def test_sameness_check_catches_another_date(letter: Path, tmp_path: Path) -> None:
    # The PDF is dated from the revision: a build dated otherwise (as by the clock) differs.
    source = copy_site(tmp_path / "src")
    conf = source / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"2024-06-08"', '"2024-06-09"'))
    assert resume_build(source, tmp_path / "out").read_bytes() != letter.read_bytes()


def test_unchanged_facts_are_not_typeset_again(site_copy: Path, tmp_path: Path) -> None:
    def build(*extra: str) -> list[tuple[str, int]]:
        result = sphinx_build(
            site_copy, tmp_path / "html", "-d", str(tmp_path / "doctrees"), *extra
        )
        assert result.returncode == 0, result.output
        cache = sorted((tmp_path / "doctrees" / "portfolio-resume").glob("*.*"))
        return [(path.name, path.stat().st_mtime_ns) for path in cache]

    first = build()
    (site_copy / "play" / "index.md").touch()  # a page the résumé quotes, unchanged
    assert build() == first
    meta = site_copy / "work" / "meta.md"
    meta.write_text(meta.read_text(encoding="utf-8").replace("AI infrastructure team", "AI team"))
    again = build()
    assert len(again) == 4 and {name for name, _ in again}.isdisjoint(n for n, _ in first)
    assert build() == again  # no page read: the settings are the same, so are the files
    # Another paper is another PDF, though no page was read.
    assert build("-D", "portfolio_resume_paper=a4") != again
    assert page_problems(tmp_path / "html" / f"{NAME}.pdf", A4) == []


# -- Plain text -----------------------------------------------------------------------------


def text_problems(text: str) -> list[str]:
    flat = normalise(re.sub(r"\s*<[^>]+>", "", text))  # the addresses, checked below
    problems = [f"lacks {sentence!r}" for sentence in prose_sentences() if sentence not in flat]
    for _, title, years in roles_in_resume():
        # "Lead SRE, Vimeo (2017-2019)"
        if not re.search(rf"{re.escape(title)}, [^(]+ \({years}\)", flat):
            problems.append(f"lacks the role {title} ({years})")

    problems += [
        f"lacks the address {url}"
        for url in sorted(front_matter_links())
        if url.removeprefix("mailto:") not in text
    ]
    problems += [
        f"line {number} is {len(line)} columns: {line!r}"
        for number, line in enumerate(text.splitlines(), 1)
        if len(line) > 78 and " " in line.strip("<>").strip()
    ]
    return problems


def test_text_has_every_fact_and_address(site: Path) -> None:
    text = (site / f"{NAME}.txt").read_text(encoding="utf-8")
    assert text_problems(text) == []


def test_text_check_catches_lost_facts_and_long_lines(site: Path) -> None:
    text = (site / f"{NAME}.txt").read_text(encoding="utf-8")
    broken = text.replace("<https://ksdt.ucsd.edu/>", "").replace("metal.", "metal. " * 20, 1)
    broken = broken.replace("Lead SRE, Vimeo (2017–2019)", "Lead SRE, Vimeo")
    problems = text_problems(broken)
    assert "lacks the address https://ksdt.ucsd.edu/" in problems
    assert any(p.startswith("line ") and "columns" in p for p in problems)


def add_write_ups(source: Path, count: int) -> list[str]:
    """``count`` valid one-line write-ups, each newer than the last; their titles,
    newest first."""
    titles = []
    for n in range(count):
        title = f"Planted Project {n:03d}"
        (source / "play" / f"planted-{n:03d}.md").write_text(
            f"---\nkind: project\ntitle: {title}\nsummary: A planted project, number {n}.\n"
            f"start: {1900 + n}\nend: {1900 + n}\nskills: [go]\nlinks:\n"
            f"  - title: Source\n    url: https://github.com/mjkelly/planted-{n:03d}\n---\n\n"
            f"The planted project number {n}.\n",
            encoding="utf-8",
        )
        titles.insert(0, title)
    return titles


@pytest.mark.parametrize("count", [12, 100])
def test_more_write_ups_never_fail_the_build(site_copy: Path, tmp_path: Path, count: int) -> None:
    """Adding write-ups is how the site grows: the résumé keeps the most recent projects
    that fit its two pages, and the site keeps them all."""
    planted = add_write_ups(site_copy, count)
    # The real ones are newer than the planted (1900 on), so they lead.
    pdf = resume_build(site_copy, tmp_path / "out")
    assert "Pages:           2" in poppler("pdfinfo", str(pdf))
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    plain = pdf.with_suffix(".txt").read_text(encoding="utf-8")
    shown = [title for title in planted if title in text]
    assert shown == [title for title in planted if title in plain]
    # Newest first, with no gap: whatever is left out is older than all that is shown.
    assert shown == planted[: len(shown)] and len(shown) < count
    assert "Passphraser" in text
    # Every role of the source stays.
    assert all(normalise(title) in normalise(text) for _, title, _ in roles_in_resume())


def test_an_employers_tenure_and_the_revision_are_where_a_reader_looks(
    letter: Path, site: Path
) -> None:
    """The source says "Vimeo, 2015-2019" above its two roles, and a reader looks for
    "last updated" at the top, not at the foot of page 2."""
    text = poppler("pdftotext", "-layout", str(letter), "-").splitlines()
    plain = letter.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    for lines in (text, plain):
        assert "Vimeo, 2015\u20132019" in [line.strip() for line in lines]
        assert any("Last updated 2024-06-08" in line for line in lines[:6])
        assert not any("Revision" in line for line in lines)
    # Google's roles are not consecutive: each stands alone, with no tenure.
    assert not any(line.strip().startswith("Google,") for line in text + plain)
    page = (site / "resume.html").read_text(encoding="utf-8")
    assert page.count("Vimeo</span></a></strong> (2015\u20132019) \u00b7 ") == 2
    assert page.index("Last updated 2024-06-08") < page.index('id="resume-experience"')
