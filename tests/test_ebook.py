"""The downloads: `make epub` passes epubcheck; `make latexpdf` gives a paper
résumé with every role and every sentence of the résumé, and working links.

Both build through the Makefile, as a reader (and Read the Docs, with -W) would.
They need TeX, latexmk, poppler-utils and epubcheck with Java (`.ci/run`
installs them); without those the tests skip, saying what to install, and fail
where PORTFOLIO_NO_SKIPS=1 (CI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, sphinx_build
from portfolio.frontmatter import read_page
from test_resume_facts import normalise, prose_sentences, roles_in_resume

# The module-scoped EPUB and PDF are made once: under `make test`'s two processes
# (pytest-xdist), every test of this file runs in the same one.
pytestmark = pytest.mark.xdist_group("ebook")

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
INSTALL = (
    "apt-get install latexmk texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended tex-gyre epubcheck default-jre-headless poppler-utils"
)


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed: {INSTALL}")


def make(target: str, builddir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-C", str(ROOT), target, f"BUILDDIR={builddir}"],
        capture_output=True,
        text=True,
        check=False,
    )


# -- EPUB ---------------------------------------------------------------------


def epubcheck(book: Path) -> subprocess.CompletedProcess[str]:
    if not EPUBCHECK.is_file():
        pytest.skip(f"{EPUBCHECK} missing: {INSTALL}")
    need("java")
    return subprocess.run(
        ["java", "-XX:TieredStopAtLevel=1", "-jar", str(EPUBCHECK), str(book)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builddir = tmp_path_factory.mktemp("epub")
    result = make("epub", builddir)
    assert result.returncode == 0, f"make epub failed:\n{result.stdout}{result.stderr}"
    books = list((builddir / "epub").glob("*.epub"))
    assert [b.name for b in books] == ["michael-j-kelly.epub"]
    return books[0]


def test_epub_passes_epubcheck(epub: Path) -> None:
    result = epubcheck(epub)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings detected" in result.stdout


def test_epubcheck_catches_a_missing_file(epub: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if not item.filename.endswith("work/meta.xhtml"):
                target.writestr(item, source.read(item))
    result = epubcheck(broken)
    assert result.returncode != 0
    assert "work/meta.xhtml" in result.stdout + result.stderr


def test_epub_holds_every_page(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        names = set(book.namelist())
    for page in (
        "index",
        "work/meta",
        "work/vimeo",
        "work/google",
        "work/ucsd",
        "skills/index",
        "school/index",
    ):
        assert f"{page}.xhtml" in names


def test_strict_epub_build_rejects_an_empty_version(site_copy: Path, tmp_path: Path) -> None:
    # Read the Docs builds the EPUB with -W: an empty version or copyright fails it.
    with (site_copy / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nversion = ""\n')
    build = sphinx_build(
        site_copy, tmp_path / "epub", "-d", str(tmp_path / "doctrees"), builder="epub"
    )
    assert build.returncode != 0
    assert 'conf value "version" should not be empty for EPUB3' in build.output


# -- PDF ----------------------------------------------------------------------


def build_pdf(builddir: Path) -> Path:
    need("latexmk", "pdflatex", "pdftotext", "pdfinfo")
    result = make("latexpdf", builddir)
    assert result.returncode == 0, f"make latexpdf failed:\n{result.stdout[-4000:]}{result.stderr}"
    return builddir / "latex" / "michael-j-kelly.pdf"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(tmp_path_factory.mktemp("pdf"))


#: A footnote's mark or address on a line of its own, as pdftotext writes them.
FOOTNOTE_LINE = re.compile(r"^(\d{1,2}|(https?://|mailto:)\S+)$")
#: A footnote mark after a link's words: "Chubby7 ," or "Go24 standard".
FOOTNOTE_MARK = re.compile(r"(?<=[A-Za-z)\u201d])\d{1,2}(?=\s|[,.;:)])")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext writes it."""
    raw = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return raw.split("\f")


def body_text(pdf: Path) -> str:
    """The PDF's running text as a reader reads it: without page numbers,
    footnotes (link addresses) or their marks, so a sentence that carries a
    link or crosses a page reads whole."""
    lines = []
    for page in pdf_pages(pdf):
        page_lines = [line.strip() for line in page.splitlines() if line.strip()]
        if page_lines and page_lines[-1].isdigit():
            page_lines.pop()  # the page number
        lines += [line for line in page_lines if not FOOTNOTE_LINE.match(line)]
    text = FOOTNOTE_MARK.sub("", " ".join(lines))
    return normalise(re.sub(r" ([,.;:)])", r"\1", text))


def comparable(text: str) -> str:
    """Hyphens dropped: LaTeX breaks words at line ends ("Migra- tions")."""
    return text.replace("- ", "").replace("-", "").replace("\u201c", '"').replace("\u201d", '"')


def missing_sentences(text: str) -> list[str]:
    haystack = comparable(text)
    return [s for s in prose_sentences() if comparable(s) not in haystack]


def test_pdf_has_every_resume_sentence(pdf: Path) -> None:
    assert missing_sentences(body_text(pdf)) == []


def test_sentence_check_catches_a_lost_sentence(pdf: Path) -> None:
    text = body_text(pdf)
    lost = "Graded projects and tests, and held office hours for systems programming"
    assert comparable(lost) in comparable(text)
    cut = comparable(text).replace(comparable(lost), "")
    assert [s for s in prose_sentences() if comparable(s) not in cut] == [
        s for s in prose_sentences() if comparable(lost) in comparable(s)
    ]


def test_pdf_has_every_role(pdf: Path) -> None:
    text = comparable(body_text(pdf))
    missing = []
    for employer, title, years in roles_in_resume():
        start, _, end = years.partition("-")
        dates = f"{start}{end}" if end else start  # "2015–2017" with its dash dropped
        if comparable(f"{title} {dates}") not in text:
            missing.append(f"{employer}: {title}, {years}")
    assert missing == []


def skill_lists() -> list[tuple[str, str]]:
    """(role id, its skills as a comma-separated list of names) for every role."""
    skills_page, _ = read_page(ROOT / "skills" / "index.md", "skills/index")
    assert skills_page is not None
    names = {skill.id: skill.name for skill in skills_page.catalogue}
    lists = []
    for path in sorted((ROOT / "work").glob("*.md")):
        page, _ = read_page(path, f"work/{path.stem}")
        for role in page.roles if page else ():
            lists.append((role.id, ", ".join(names[s] for s in role.skills)))
    return lists


def badge_problems(text: str) -> list[str]:
    text = comparable(text)
    return [
        f"{role}: its skills do not read as the list {skills!r}"
        for role, skills in skill_lists()
        if comparable(skills) not in text
    ]


def test_pdf_lists_badges_as_plain_text(pdf: Path) -> None:
    assert badge_problems(body_text(pdf)) == []


def pdf_links(pdf: Path) -> set[str]:
    listing = subprocess.run(
        ["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True
    )
    return {line.split()[-1] for line in listing.stdout.splitlines()[1:] if "Annotation" in line}


def link_problems(site: Path, pdf: Path) -> list[str]:
    """Every outside link of the site's pages must be a clickable link in the PDF."""
    expected = set()
    for page in sorted(site.rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        for link in article.find_all("a", href=True) if article else ():
            if str(link["href"]).startswith(("https://", "http://", "mailto:")):
                expected.add(str(link["href"]))
    found = pdf_links(pdf)
    return [f"{url} is not a clickable link in the PDF" for url in sorted(expected - found)]


def test_pdf_links_are_clickable(site: Path, pdf: Path) -> None:
    assert pdf_links(pdf)
    assert link_problems(site, pdf) == []


#: The whole-site printout is 16 pages (12, and the résumé page's 4); a book (a title
#: page, chapters opening on right-hand pages after blank versos) or a runaway layout
#: would pass this.
MAX_PAGES = 18
LETTER = "612 x 792 pts (letter)"


def paper_problems(info: str, pages: list[str]) -> list[str]:
    """What makes a PDF other than a short Letter document, from ``pdfinfo``'s
    report and the text of each page (``pdftotext``, split at form feeds)."""
    problems = []
    count = int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1])
    if count > MAX_PAGES:
        problems.append(f"{count} pages, more than {MAX_PAGES}")
    size = re.search(r"^Page size:\s+(.*)$", info, re.M)[1]
    if size != LETTER:
        problems.append(f"the paper is {size}, not {LETTER}")
    blank = [number for number, text in enumerate(pages[:count], 1) if not text.strip()]
    if blank:
        problems.append(f"blank pages: {', '.join(map(str, blank))}")
    if len(pages[0].split()) < 50:
        problems.append("page 1 holds only a title: the résumé should start on it")
    return problems


def test_pdf_is_a_short_paper_document(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert paper_problems(info, pdf_pages(pdf)) == []
    text = body_text(pdf)
    # A title block, not a book: no chapter pages.
    assert text.startswith("Michael J Kelly Résumé, revision 2024-06-08")
    assert "CHAPTER" not in text.upper().split("RÉSUMÉ", 1)[1][:200]


PDFINFO = "Title:\nPages:           {pages}\nPage size:       {size}\n"
A_PAGE = "Experience " * 60


@pytest.mark.parametrize(
    ("pages", "size", "texts", "problems"),
    [
        (16, LETTER, [A_PAGE] * 16 + [""], []),
        (19, LETTER, [A_PAGE] * 19 + [""], ["19 pages, more than 18"]),
        (
            2,
            "595.276 x 841.89 pts (A4)",
            [A_PAGE] * 2,
            ["the paper is 595.276 x 841.89 pts (A4), not 612 x 792 pts (letter)"],
        ),
        (4, LETTER, [A_PAGE, "", A_PAGE, " \n"], ["blank pages: 2, 4"]),
        (
            2,
            LETTER,
            ["Michael J Kelly Résumé, revision 2024-06-08", A_PAGE],
            ["page 1 holds only a title: the résumé should start on it"],
        ),
    ],
    ids=["sixteen-letter-pages", "too-long", "a4", "blank-pages", "title-page"],
)
def test_paper_check_catches(pages: int, size: str, texts: list[str], problems: list[str]) -> None:
    assert paper_problems(PDFINFO.format(pages=pages, size=size), texts) == problems


def test_pdf_checks_catch_a_pdf_without_links_or_plain_components(
    site: Path, site_copy: Path, tmp_path: Path
) -> None:
    # Draft hyperref draws no links; without the `portfolio.formats` extension badges run together.
    conf = site_copy / "conf.py"
    text = conf.read_text(encoding="utf-8").replace('    "portfolio.formats",', "", 1)
    conf.write_text(
        text + '\nlatex_elements["preamble"] = r"\\hypersetup{draft}"\n', encoding="utf-8"
    )
    need("latexmk", "pdflatex", "pdftotext", "pdfinfo")
    build = sphinx_build(
        site_copy, tmp_path / "latex", "-d", str(tmp_path / "doctrees"), builder="latex"
    )
    assert build.returncode == 0, build.output
    subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "michael-j-kelly.tex"],
        cwd=tmp_path / "latex",
        capture_output=True,
        check=False,
    )
    broken = tmp_path / "latex" / "michael-j-kelly.pdf"
    assert broken.is_file()
    assert "https://about.google/ is not a clickable link in the PDF" in link_problems(site, broken)
    assert any(
        p.startswith("google-sre: its skills do not read as the list")
        for p in badge_problems(body_text(broken))
    )
