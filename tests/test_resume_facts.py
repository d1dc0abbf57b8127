"""Every fact of the source résumé reaches the site.

The résumé (revision 2024-06-08, kept in tests/data) has two kinds of line:
role headers (``**Employer, years:** *Title.*``), whose facts must appear as a
role with that title and those years on the employer's page; and prose, whose
every sentence must appear in the site's text after the few copy-edits listed
below and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

RESUME = Path(__file__).parent / "data" / "resume-2024-06-08.md"

#: Corrections of the résumé's typography and typos, made on the site.
COPY_EDITS = {
    "usecases": "use cases",
    "built framework": "built a framework",
    "for for": "for",
    "for GMail": "for the Gmail",
    "Bachelors of Science": "Bachelor of Science",
    "Javascript": "JavaScript",
    "VMWare": "VMware",
    " (Chubby)": ", Chubby,",
    "exercises. (PHP on the server, C# on the client. I was a co-author of a SIGCSE 2007 paper.)": (
        "exercises: PHP on the server, C# on the client. I was a co-author of a SIGCSE 2007 paper"
    ),
    "to Go standard library and hterm": "to the standard library of the Go language and to hterm",
}

#: The résumé's employer names and the titles of their pages.
EMPLOYERS = {
    "Meta (formerly Facebook)": "work/meta.html",
    "Vimeo": "work/vimeo.html",
    "Google": "work/google.html",
    "University of California, San Diego": "work/ucsd.html",
}

HEADER = re.compile(
    r"^\*\*(?P<name>.+?), (?P<years>\d{4}(?:-(?:\d{4}|present))?):\*\* ?(?P<rest>.*)$"
)
ROLE_TITLES = re.compile(r"(?P<title>[^,(]+?) \((?P<years>\d{4}-\d{4})\)")


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return " ".join(text.split())


def resume_lines() -> list[str]:
    text = RESUME.read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link: keep its words
    text = re.sub(r"<https://([^>]*)>", r"\1", text)  # an autolink: its address, bare
    for old, new in COPY_EDITS.items():
        assert old in text, f"copy-edit {old!r} no longer matches the résumé"
        text = text.replace(old, new)
    return [line.strip() for line in text.splitlines() if line.strip()]


def roles_in_resume() -> list[tuple[str, str, str]]:
    """(employer, title, years) of every role header in the Work section."""
    roles = []
    work = False
    for line in resume_lines():
        if line.startswith("## "):
            work = line == "## Work"
        elif work and (match := HEADER.match(line)):
            titles = match["rest"].strip("*. ")
            pairs = ROLE_TITLES.findall(titles) or [(titles, match["years"])]
            roles += [(match["name"], title.strip(), years) for title, years in pairs]
    return roles


def prose_sentences() -> list[str]:
    sentences = []
    for line in resume_lines():
        if line.startswith(("#", "*rev:")) or set(line) == {"-"}:
            continue  # headings, rules, revision: checked as structure, not prose
        if match := HEADER.match(line):
            if match["rest"].startswith("*"):
                continue  # a role header: test_every_role_is_on_its_employers_page
            line = match["rest"]
        if "@" in line:
            # The contact line: the e-mail address and website are links on the landing page.
            line = line.split(". ", 1)[0] + "."
        line = re.sub(r"^- |\*", "", line)
        sentences += [s for s in re.split(r"(?<=\.)\s+", line) if len(s) > 3]
    return [normalise(sentence).rstrip(".") for sentence in sentences]


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def site_text(site: Path, pages: list[Path] | None = None) -> str:
    """The text of the pages' articles (all the site's, by default), as a reader reads it."""
    articles = (soup(page).find("article") for page in pages or sorted(site.rglob("*.html")))
    text = normalise(" ".join(a.get_text(" ") for a in articles if a is not None))
    return text.replace(" .", ".").replace(" ,", ",").replace(" :", ":")


def test_the_resume_has_eight_roles() -> None:
    assert len(roles_in_resume()) == 8


@pytest.mark.parametrize(("employer", "title", "years"), roles_in_resume())
def test_every_role_is_on_its_employers_page(
    site: Path, employer: str, title: str, years: str
) -> None:
    page = soup(site / EMPLOYERS[employer])
    shown = {
        (normalise(section.find("h2").get_text()).strip("¶ "), normalise(dates.get_text()))
        for section in page.select("section:has(> h2)")
        if (dates := section.find("p", class_="portfolio-dates"))
    }
    start, _, end = years.partition("-")
    assert (title, f"{start}-{end or start}" if end else start) in shown


def test_every_prose_sentence_is_on_the_site(site: Path) -> None:
    text = site_text(site)
    missing = [sentence for sentence in prose_sentences() if sentence not in text]
    assert missing == []


def test_contact_and_revision(site: Path) -> None:
    landing = soup(site / "index.html")
    hrefs = {a.get("href") for a in landing.find("article").find_all("a")}
    assert {"mailto:m@michaelkelly.org", "https://www.michaelkelly.org/"} <= hrefs
    assert "Software Engineer in New York City" in landing.get_text()
    assert "2024-06-08" in landing.find("article").get_text()


def test_the_paper_is_cited_with_an_apostrophe_not_an_opening_quote(site: Path) -> None:
    """Smart quotes turn a typed '07 into ‘07 (an opening quote): the data holds ’07."""
    wrong = [
        page.relative_to(site).as_posix()
        for page in sorted(site.rglob("*.html"))
        if "\u201807" in page.read_text(encoding="utf-8")
    ]
    assert wrong == []
    citation = soup(site / "work" / "ucsd.html").select_one("#sigcse-2007 .portfolio-citation")
    assert "SIGCSE \u201907, Covington, Kentucky, March 2007." in citation.get_text()
