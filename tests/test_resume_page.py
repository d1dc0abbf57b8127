"""The résumé page: the whole source résumé on one page, linked from every page.

The facts are checked with the same machinery as the site's (test_resume_facts),
restricted to resume.html; each check also runs on a copy with a fault planted.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, sphinx_build
from portfolio.frontmatter import read_page
from test_resume_facts import EMPLOYERS, normalise, prose_sentences, roles_in_resume, site_text

RESUME = "resume.html"


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


# -- Every fact, in order ---------------------------------------------------------


def missing_sentences(site: Path) -> list[str]:
    """The source résumé's sentences that the résumé page does not say."""
    text = site_text(site, [site / RESUME])
    return [sentence for sentence in prose_sentences() if sentence not in text]


def roles_shown(site: Path) -> list[tuple[str, str, str]]:
    """(employer page, title, years) of each role on the résumé page, in page order."""
    roles = []
    for entry in soup(site / RESUME).select("#resume-experience section.portfolio-resume-entry"):
        title = normalise(entry.find("h3").get_text()).strip("¶ ")
        dates = entry.find("p", class_="portfolio-dates")
        employer = dates.find("a")["href"].partition("#")[0]
        years = normalise(dates.get_text()).rpartition(" · ")[2]
        roles.append((employer, title, years))
    return roles


def roles_expected() -> list[tuple[str, str, str]]:
    """The résumé's roles, newest first by their last year; a tie keeps the résumé's order.

    The source is newest first but for one place: it lists the 2008 internship
    before the 2006-2009 job at the university.
    """
    roles = [(EMPLOYERS[employer], title, years) for employer, title, years in roles_in_resume()]
    last = lambda years: years.rpartition("-")[2].replace("present", "9999")  # noqa: E731
    return sorted(roles, key=lambda role: last(role[2]), reverse=True)


def test_every_sentence_of_the_resume_is_on_the_resume_page(site: Path) -> None:
    assert missing_sentences(site) == []


def test_every_role_is_on_the_resume_page_newest_first(site: Path) -> None:
    assert roles_shown(site) == roles_expected()
    assert len(roles_shown(site)) == 8


def test_the_fact_checks_catch_a_missing_role_and_a_wrong_order(site_to_break: Path) -> None:
    page = site_to_break / RESUME
    html = soup(page)
    entries = html.select("#resume-experience section.portfolio-resume-entry")
    entries[-1].decompose()  # the 2007 internship
    entries[0].insert_before(entries[1].extract())  # Lead SRE before Production Engineer
    page.write_text(str(html), encoding="utf-8")
    assert missing_sentences(site_to_break) == [
        "Automated performance testing and reporting for the Gmail user interface"
    ]
    shown = roles_shown(site_to_break)
    assert shown[:2] == [roles_expected()[1], roles_expected()[0]]
    assert len(shown) == 7


def test_the_resume_page_cites_the_paper_from_the_data(site: Path) -> None:
    ucsd, problems = read_page(ROOT / "work" / "ucsd.md", "work/ucsd")
    assert ucsd is not None and not problems
    [paper] = ucsd.publications
    citation = soup(site / RESUME).select_one("#resume-publications .portfolio-citation")
    assert citation.find("a")["href"] == paper.url
    assert citation.find("a").get_text() == paper.title
    assert citation.find("strong").get_text() == "Michael Kelly"
    text = normalise(citation.get_text())
    assert text.startswith(", ".join(paper.authors[:-1]) + " and " + paper.authors[-1])
    assert "SIGCSE '07, Covington, Kentucky, March 2007" in text


# -- Reachable from every page, and how to reach him -----------------------------------


def person() -> tuple[str, str]:
    page, problems = read_page(ROOT / "index.md", "index")
    assert page is not None and page.person is not None and not problems
    return f"mailto:{page.person.email}", page.person.github


def link_problems(site: Path) -> list[str]:
    """Pages whose navigation does not link the résumé, or whose contact links are not his."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        html = soup(page)
        # furo links the page being read as "#".
        href = "#" if name == RESUME else "../" * name.count("/") + RESUME
        if not html.select(f'.sidebar-tree a[href="{href}"]'):
            problems.append(f"{name}: the navigation does not link {RESUME}")
        contact = [a["href"] for a in html.select(".sidebar-contact a")]
        if contact != list(person()):
            problems.append(f"{name}: contact links {contact}, not {list(person())}")
    return problems


def test_every_page_links_the_resume_and_gives_his_contact_links(site: Path) -> None:
    pages = len(list(site.rglob("*.html")))
    assert pages > 10
    assert link_problems(site) == []


def test_the_link_checks_catch_a_page_without_them(site_to_break: Path) -> None:
    page = site_to_break / "play" / "campusmap.html"
    html = soup(page)
    html.select_one('.sidebar-tree a[href="../resume.html"]').decompose()
    html.select_one(".sidebar-contact a")["href"] = "mailto:someone@example.org"
    page.write_text(str(html), encoding="utf-8")
    assert link_problems(site_to_break) == [
        "play/campusmap.html: the navigation does not link resume.html",
        "play/campusmap.html: contact links ['mailto:someone@example.org', "
        "'https://github.com/mjkelly'], not ['mailto:m@michaelkelly.org', "
        "'https://github.com/mjkelly']",
    ]


def test_the_landing_pages_contact_line_links_the_resume(site: Path) -> None:
    line = soup(site / "index.html").select_one("article .portfolio-contact")
    # The page, then the files to take away (portfolio.downloads).
    assert [a["href"] for a in line.find_all("a")][-3:] == [
        RESUME,
        "michael-j-kelly-resume.pdf",
        "michael-j-kelly-resume.txt",
    ]
    assert re.search(r"Résumé · PDF · plain text$", line.get_text(" ", strip=True))


def test_the_resume_page_links_the_files_to_take_away(site: Path) -> None:
    # Under the heading, and not on paper (print.css), where they would cost a line.
    downloads = soup(site / RESUME).select_one(
        "article .portfolio-resume-head + .portfolio-downloads"
    )
    links = [(a.get_text(strip=True), a["href"]) for a in downloads.find_all("a")]
    assert links == [
        ("PDF", "michael-j-kelly-resume.pdf"),
        ("plain text", "michael-j-kelly-resume.txt"),
        # The published variants, each named as resume.md titles it.
        ("PDF", "michael-j-kelly-resume-first-screen.pdf"),
        ("text", "michael-j-kelly-resume-first-screen.txt"),
        ("PDF", "michael-j-kelly-resume-reliability.pdf"),
        ("text", "michael-j-kelly-resume-reliability.txt"),
    ]
    assert "Tailored from the same facts: one page for a first screen (PDF, text);" in (
        downloads.get_text(" ", strip=True).replace(" ,", ",").replace("( ", "(").replace(" )", ")")
    )
    for _, href in links:  # each is there to fetch
        assert (site / href).is_file(), href


# -- An author's mistakes ----------------------------------------------------------------


def test_a_wrong_part_or_label_fails_the_build_naming_the_line(
    site_copy: Path, tmp_path: Path
) -> None:
    page = site_copy / "resume.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace(":with: ksdt", ":with: ksdt kdst").replace(
        "```{resume} publications", "```{resume} papers"
    )
    page.write_text(text, encoding="utf-8")
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert re.search(
        r"resume\.md:\d+: ERROR: \{resume\} 'papers' is not a part of the résumé; parts: "
        r"heading, variants, experience, education, publications, skills, projects",
        build.output,
    ), build.output
    assert re.search(
        r"resume\.md:\d+: ERROR: \{resume\} cannot find 'kdst': no page has that label",
        build.output,
    ), build.output
