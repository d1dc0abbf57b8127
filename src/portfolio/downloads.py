"""The résumé to take away: a typeset PDF and plain text, from the site's facts.

Both are drawn from the data behind ``resume.json`` (:mod:`.structured_data`),
widened where a résumé needs more than JSON Resume holds: each highlight keeps
its links and bold lead-in as *runs*, and the prose that the résumé page
(:mod:`.resume`) quotes beside the facts (a sentence per skill group, the
student radio, the side projects' introduction) comes along. Nothing is
written twice, and the PDF says what the page says.

The PDF is typeset by Typst (the ``typst`` wheel: no TeX, no network, its own
fonts only) from ``resume.typ`` beside this file, which reads the data as JSON.
It must fit two pages; if it does not, the build fails and says by how much.
Its dates come from the résumé's revision, not the clock, so the same facts
give the same bytes. What was made is cached by content (template, data,
paper), so a rebuild that changed nothing the résumé shows typesets nothing.

HTML builds (``html``, ``dirhtml``) write both files to the site root; the
``resume`` builder (``make resume``) writes them alone.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import glob
import hashlib
import json
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.docutils import ReferenceRole
from sphinx.util.osutil import relative_uri

from .catalog import catalogue_of, tenures
from .directives import bare
from .frontmatter import RESUME_PAGES, RESUME_SECTIONS, SECTIONS, Page
from .model import Role, Variant
from .recovery import write_whole
from .resume import excerpt
from .structured_data import (
    address,
    by_id,
    highlights,
    resume_facts,
    summary_and_highlights,
    summary_and_items,
    with_project_highlights,
)
from .variants import problems, public, select

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).with_name("resume.typ")
#: Typst's names for the paper sizes ``make resume PAPER=…`` accepts.
PAPERS = {"letter": "us-letter", "a4": "a4"}
MAX_PAGES = max(RESUME_PAGES)
#: Text columns of the plain-text résumé: fits an application form's box and an e-mail.
TEXT_WIDTH = 78
#: Builders whose output is a site with a root, where the files are offered.
SITE_BUILDERS = ("html", "dirhtml")
#: The class of a block (a ``{div}``) that only offers the files.
DOWNLOADS_BLOCK = "portfolio-downloads"
#: A section title that ends in its years.
DATED_TITLE = re.compile(r"^(?P<title>.*?)(?:, (?P<dates>\d{4}(?:\u2013(?:\d{4}|present))?))?$")


# -- The data ------------------------------------------------------------------


Run = dict[str, Any]


def runs(node: nodes.Element, url: str | None = None, strong: bool = False) -> list[Run]:
    """The text of ``node`` as runs: ``{"text"}``, with ``"url"`` inside an outside
    link and ``"strong"`` inside bold."""
    out: list[Run] = []
    for child in node.children:
        if isinstance(child, nodes.Text):
            out.append(
                {"text": str(child)}
                | ({"url": url} if url else {})
                | ({"strong": True} if strong else {})
            )
        elif isinstance(child, nodes.Element):
            refuri = child.get("refuri", "") if isinstance(child, nodes.reference) else ""
            external = refuri.startswith(("https://", "http://", "mailto:"))
            out += runs(
                child, refuri if external else url, strong or isinstance(child, nodes.strong)
            )
    return out


def squeezed(paragraph: list[Run]) -> list[Run]:
    """Runs on one line, one space between words, alike neighbours merged."""
    out: list[Run] = []
    after_space = True
    for run in paragraph:
        text = re.sub(r"\s+", " ", run["text"])
        text = text.lstrip() if after_space else text
        if not text:
            continue
        after_space = text.endswith(" ")
        if out and {**out[-1], "text": ""} == {**run, "text": ""}:
            out[-1]["text"] += text
        else:
            out.append({**run, "text": text})
    if out:
        out[-1]["text"] = out[-1]["text"].rstrip()
    return out


def prose(section: nodes.Element) -> list[list[Run]]:
    """The paragraphs and list items directly in ``section``, as runs; not its dates."""
    return [squeezed(runs(node)) for node in highlights(section)]


def with_tenures(work: list[dict[str, Any]], roles: list[tuple[Page, Role]]) -> None:
    """Give each role shown under its employer's name beside others (``work``, the
    résumé's entries of ``roles``) the tenure that heads them: "Vimeo, 2015–2019"."""
    for entry, span in zip(work, tenures(roles), strict=True):
        entry.pop("tenure", None)
        if span is not None:
            entry["tenure"] = str(span)


DoctreeOf = Callable[[str], nodes.document]


def labelled(app: Sphinx, label: str, doctree_of: DoctreeOf) -> nodes.Element | None:
    """The section or paragraph that ``(label)=`` names, from its page's doctree."""
    # anonlabels holds every label; labels only those with a title.
    found = app.env.domains.standard_domain.anonlabels.get(label)
    if found is None:
        return None
    docname, node_id = found
    return by_id(doctree_of(docname), node_id)


#: The part of the printed résumé that each kind of excerpt on the résumé page fills
#: (:mod:`.resume`); its "body" excerpts are the roles' prose, drawn with the roles.
EXCERPT_PARTS = {"section": "activities", "lead": "skills", "first-paragraph": "projects"}


def dated(title: nodes.title | None) -> tuple[str, str]:
    """A title's words and the years it ends in, which go to the right margin:
    "KSDT student radio, 2006–2009". No title, no words."""
    if title is None:
        return "", ""
    found = DATED_TITLE.match(title.astext())
    assert found is not None  # every title matches: its dates are optional
    return found["title"], found["dates"] or ""


def quoted(app: Sphinx, doctree_of: DoctreeOf) -> dict[str, list[dict[str, Any]]]:
    """The prose the résumé page quotes beside the facts, by the part it fills, so
    the PDF and text quote what the page does. (The page reports a missing label.)"""
    parts: dict[str, list[dict[str, Any]]] = {part: [] for part in EXCERPT_PARTS.values()}
    if app.config.portfolio_resume not in app.env.all_docs:
        return parts
    for placeholder in doctree_of(app.config.portfolio_resume).findall(excerpt):
        mode = placeholder["mode"]
        if mode not in EXCERPT_PARTS:
            continue
        if mode == "first-paragraph":
            node = next(doctree_of(placeholder["docname"]).findall(nodes.paragraph), None)
        else:
            node = labelled(app, placeholder["label"], doctree_of)
        if node is None:
            continue  # the page says which label is missing
        title, dates = dated(node.next_node(nodes.title))  # a paragraph has none
        paragraphs = prose(node)
        if mode == "lead" and not paragraphs:  # a skill group without a sentence: its names
            paragraphs = [[{"text": placeholder.get("fallback", "")}]]
        parts[EXCERPT_PARTS[mode]].append(
            {
                # What a tailored résumé keeps it by: the activity's label, the skill group.
                "id": placeholder.get("label", "").removeprefix("skills-"),
                "title": title,
                "dates": dates,
                "paragraphs": paragraphs,
            }
        )
    return parts


def resume_data(app: Sphinx) -> dict[str, Any] | None:
    """The résumé's facts (:func:`~portfolio.structured_data.resume_facts`, which the
    résumé page reads too) with their prose as the PDF and text set it: each role's
    highlights as runs, the prose the page quotes, and the settings. ``None`` (after
    saying why) when the site has no person page."""
    catalogue = catalogue_of(app)
    person_page = catalogue.person
    if person_page is None:
        return None  # structured_data already says to add one
    data = resume_facts(catalogue, person_page, app.config.release)
    # Each page's doctree is unpickled once for this résumé, not once per label; each
    # role's highlights are found once, for its words and its runs.
    doctree_of = functools.cache(app.env.get_doctree)
    for entry in data["work"]:
        section = labelled(app, entry["id"], doctree_of)
        summary, items = summary_and_items(highlights(section) if section is not None else [])
        entry |= summary_and_highlights(summary, items)
        if summary:  # paragraphs before a list: set as text, not as highlights
            entry["summary_runs"] = [squeezed(runs(node)) for node in summary]
        entry["runs"] = [squeezed(runs(node)) for node in items]
        # A highlight's label ("(meta-messenger)=") is what a tailored résumé keeps it by.
        entry["highlight_ids"] = [next(iter(node["ids"]), "") for node in items]
    with_project_highlights(data, app.env)
    data["prose"] = quoted(app, doctree_of)
    data["meta"] |= {
        "revision": app.config.release,
        "language": app.config.language or "en",
        "pages": MAX_PAGES,  # a variant sets its own
        # Every section that holds something: a site may have no paper, no award.
        "sections": [
            part
            for part in RESUME_SECTIONS
            if part not in SECTIONS
            and (part != "publications" or data["publications"])
            or data.get(part)
        ],
        "titles": {section.name: section.title for section in SECTIONS.values()},
    }
    return data


# -- Plain text ----------------------------------------------------------------


def plain(paragraph: list[Run]) -> str:
    """A paragraph's text with each link's address after its words, unless they say it."""
    text = ""
    for run in paragraph:
        text += run["text"]
        url = run.get("url")
        if url and bare(url) not in run["text"]:
            text += f" <{url.removeprefix('mailto:')}>"
    return text


def wrapped(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        text,
        TEXT_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def heading(title: str) -> str:
    return f"\n{title}\n{'=' * len(title)}\n"


def text_lines(data: dict[str, Any]) -> Iterator[str]:
    basics = data["basics"]
    yield basics["name"]
    city = basics["location"].get("city")
    yield basics.get("label", "") + f" in {city}" * bool(city)
    yield " | ".join(filter(None, (basics["email"], basics.get("phone"), basics.get("url"))))
    if basics["profiles"]:
        yield " | ".join(profile["url"] for profile in basics["profiles"])
    yield f"Last updated {data['meta']['revision']}."
    yield ""
    yield wrapped(basics.get("summary", ""))
    for section in data["meta"]["sections"]:
        if section in TEXT_SECTIONS:
            yield from TEXT_SECTIONS[section](data)
        else:
            yield from entry_lines(data, section)


def experience_lines(data: dict[str, Any]) -> Iterator[str]:
    yield heading("EXPERIENCE")
    tenure = None
    for work in data["work"]:
        if work.get("tenure") and work["tenure"] != tenure:
            yield f"{work['name']}, {work['tenure']}"
        tenure = work.get("tenure")
        url = f" <{work['url']}>" if "url" in work else ""
        yield wrapped(f"{work['position']}, {work['name']} ({work['dates']}){url}")
        for paragraph in work.get("summary_runs", ()):
            yield wrapped(plain(paragraph), "  ")
        for paragraph in work["runs"]:
            yield wrapped(plain(paragraph), "  ", "- ")
        yield ""


def education_lines(data: dict[str, Any]) -> Iterator[str]:
    yield heading("EDUCATION")
    for degree in data["education"]:
        yield wrapped(
            ", ".join(
                filter(None, (degree["studyType"], degree.get("area"), degree["institution"]))
            )
            + f", {degree['dates']}"
            + (f" <{degree['url']}>" if "url" in degree else "")
        )
    for activity in data["prose"]["activities"]:
        yield ""
        yield ", ".join(filter(None, (activity["title"], activity["dates"])))
        for paragraph in activity["paragraphs"]:
            yield wrapped(plain(paragraph))


def publication_lines(data: dict[str, Any]) -> Iterator[str]:
    yield heading("PUBLICATION" + "S" * (len(data["publications"]) > 1))
    for paper in data["publications"]:
        authors = paper["authors"]
        names = (
            ", ".join(authors[:-1]) + " and " + authors[-1]
            if len(authors) > 1
            else "".join(authors)
        )
        where = ", ".join(filter(None, (paper["venue"], paper["place"], paper["date"])))
        yield wrapped(
            f"{names}. " * bool(authors)
            + f"\u201c{paper['name']}.\u201d {where}."
            + (f" <{paper['url']}>" if "url" in paper else "")
        )
        if "summary" in paper:
            yield ""
            yield wrapped(paper["summary"])


def skill_lines(data: dict[str, Any]) -> Iterator[str]:
    yield heading("SKILLS")
    for group in data["prose"]["skills"]:
        line = " ".join(plain(paragraph) for paragraph in group["paragraphs"])
        yield wrapped(f"{group['title']}: {line}", "  ", "- ")


def project_lines(data: dict[str, Any]) -> Iterator[str]:
    yield heading("PROJECTS")
    for part in data["prose"]["projects"]:
        for paragraph in part["paragraphs"]:
            yield wrapped(plain(paragraph))
    for project in data["projects"]:
        yield ""
        yield f"{project['name']} ({project['dates']})"
        yield wrapped(project["description"], "  ")
        for link in project["links"]:
            yield wrapped(f"{link['title']}: <{link['url']}>", "  ")


def entry_lines(data: dict[str, Any], name: str) -> Iterator[str]:
    """A section of entries (:data:`.model.SECTIONS`), each as every output draws it;
    nothing if the PDF had no room for any."""
    if not data[name]:
        return
    yield heading(data["meta"]["titles"][name].upper())
    for entry in data[name]:
        line = ", ".join(filter(None, (entry["head"], entry["detail"])))
        line += f" ({entry['dates']})" * bool(entry["dates"])
        line += f" <{entry['href']}>" * bool(entry["href"])
        yield wrapped(line)
        if entry["body"]:
            yield wrapped(entry["body"], "  ")
        for item in entry["items"]:
            yield wrapped(item, "    ", "  - ")
        for link in entry["links"]:
            yield wrapped(f"{link['title']}: <{link['url']}>", "  ")


#: Each section of the text, by the name a variant orders it by.
TEXT_SECTIONS = {
    "experience": experience_lines,
    "education": education_lines,
    "publications": publication_lines,
    "skills": skill_lines,
    "projects": project_lines,
}


def plain_text(data: dict[str, Any]) -> str:
    """The résumé as UTF-8 text for pasting into a form: wrapped, links written out."""
    return "\n".join(text_lines(data)) + "\n"


# -- The PDF -------------------------------------------------------------------


class ResumeError(Exception):
    """What is wrong with the résumé, said for its author; where, if in the template."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.location = location


class Overflow(ResumeError):
    """The facts typeset, but past the page limit."""


#: Where Typst's diagnostic points: "┌─ resume.typ:12:7".
DIAGNOSTIC_LINE = re.compile(r"\u2500 \S+?:(\d+):\d+")


def template_location(template: Path, diagnostic: str) -> str | None:
    """``template:line`` for a Typst diagnostic that names a line, else ``None``
    (Sphinx would read a bare path as a page's name): say the file in the message."""
    found = DIAGNOSTIC_LINE.search(diagnostic)
    return f"{template}:{found[1]}" if found else None


#: PDF/UA-1 allows no glyph a font lacks (an emoji, Chinese): Typst names the text.
UNDISPLAYABLE = re.compile(r'the text `"(.+?)"` could not be displayed')
#: How many such texts are left out before the résumé gives up on its facts.
MOST_LEFT_OUT = 20


def without(value: Any, text: str) -> Any:
    """``value`` (the data, or any part of it) with ``text`` taken out of every string."""
    if isinstance(value, str):
        return value.replace(text, "")
    if isinstance(value, list):
        return [without(item, text) for item in value]
    if isinstance(value, dict):
        return {key: without(item, text) for key, item in value.items()}
    return value


def timestamp(revision: str) -> int | None:
    """The PDF's date: the revision's day, else SOURCE_DATE_EPOCH, else the clock."""
    try:
        day = datetime.date.fromisoformat(revision)
    except ValueError:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        return int(epoch) if epoch else None
    return calendar.timegm(day.timetuple())  # its midnight in UTC


def typeset(
    data: dict[str, Any], paper: str, template: Path = TEMPLATE, pages: int = MAX_PAGES
) -> bytes:
    """The PDF, at most ``pages`` pages; :class:`ResumeError` if it does not compile or fit.

    Text that none of Typst's fonts can show (an emoji in a write-up's title, say)
    is left out of the PDF, and said so, rather than failing the site's build; the
    plain text keeps it.
    """
    left_out: list[str] = []
    while True:
        compiler = typst.Compiler(
            template,  # which may read files beside it, and no others
            ignore_system_fonts=True,  # Typst's own fonts, the same on every machine
            sys_inputs={"data": json.dumps(data), "paper": PAPERS[paper]},
        )
        try:
            pdf, warnings = compiler.compile_with_warnings(
                pdf_standards=["ua-1"],
                timestamp=timestamp(data["meta"]["revision"]),
            )
            end = json.loads(compiler.query("<resume-end>", field="value", one=True))
            break
        except typst.TypstError as error:
            missing = UNDISPLAYABLE.search(error.message)
            if missing and len(left_out) < MOST_LEFT_OUT:
                left_out.append(missing[1])
                data = without(data, missing[1])
                continue
            where = template_location(template, error.diagnostic)
            hints = "".join(f"; hint: {hint}" for hint in error.hints)
            message = f"Typst cannot typeset the résumé: {error.message}{hints} (fix the template)"
            message = message if where else f"{template}: {message}"
            raise ResumeError(message, where) from None
    if left_out:
        logger.info(
            "the PDF résumé leaves out %s: no font it embeds can show them (the text keeps them)",
            ", ".join(left_out),
        )
    for warning in warnings:  # a font or glyph that is missing, say: an error under -W
        where = template_location(template, warning.diagnostic)
        logger.warning(
            "%sTypst: %s",
            "" if where else f"{template}: ",
            warning.message,
            location=where,
            type="portfolio",
            subtype="resume",
        )
    assert isinstance(pdf, bytes)
    if end["page"] > pages:
        raise Overflow(overflow_message(end, paper, pages))
    return pdf


#: What the PDF may leave out to keep its page limit, first to last: the sections of
#: entries from the résumé's end, then the oldest projects. Roles, education and
#: skills are never left out.
SHEDDABLE = (*reversed([name for name in RESUME_SECTIONS if name in SECTIONS]), "projects")


def fitted(
    data: dict[str, Any], paper: str, pages: int = MAX_PAGES, template: Path = TEMPLATE
) -> tuple[bytes, dict[str, Any]]:
    """The PDF and the data it shows: every fact, or, when they outgrow the pages, as
    many as fit, leaving out :data:`SHEDDABLE` things in its order (the site keeps them
    all): so adding a write-up or an award never fails the build. Roles, education and
    skills are never dropped: if they alone overflow, :class:`Overflow` says by how much."""
    # Each thing that may go, the most wanted first: the newest project before older.
    things = [
        (key, index) for key in reversed(SHEDDABLE) for index in range(len(data.get(key) or ()))
    ]

    def keeping(count: int) -> dict[str, Any]:
        kept = things[:count]
        return data | {
            key: [item for index, item in enumerate(data[key]) if (key, index) in kept]
            for key in SHEDDABLE
            if key in data
        }

    try:
        return typeset(data, paper, template, pages), data
    except Overflow:
        if not things:
            raise
    # The pages grow with what is kept: find the most that fit by bisection,
    # a handful of typesettings however much there is.
    low, high = 0, len(things) - 1  # low things fit (checked below), high+1 do not
    while low < high:
        middle = (low + high + 1) // 2
        try:
            typeset(keeping(middle), paper, template, pages)
            low = middle
        except Overflow:
            high = middle - 1
    kept = keeping(low)
    # With nothing left to leave out, the roles' own overflow is said.
    pdf = typeset(kept, paper, template, pages)
    others = len(things) - len(data["projects"])
    logger.info(
        "the PDF résumé shows the %d most recent of %d projects%s, all that fit %d pages",
        len(kept["projects"]),
        len(data["projects"]),
        f", and {low - len(kept['projects'])} of {others} other entries" if others else "",
        pages,
    )
    return pdf, kept


def overflow_message(end: dict[str, Any], paper: str, pages: int = MAX_PAGES) -> str:
    """How far past the last allowed page the résumé ends, in pages and centimetres."""
    spill = float(end["y"].removesuffix("pt")) - float(end["top"].removesuffix("pt"))
    whole = end["page"] - pages - 1
    extra = (
        f"{whole} page{'s' * (whole > 1)} and " if whole else ""
    ) + f"{spill / 72 * 2.54:.1f} cm"
    lines = round(spill / float(end["line"].removesuffix("pt")))
    return (
        f"the résumé runs {end['page']} pages at {paper} paper: {extra} (about {lines} lines"
        f"{' more' if whole else ''}) past the {pages}-page limit. Shorten the facts it"
        " shows (roles' write-ups, project summaries) rather than the type; it is never"
        " shrunk to fit"
    )


# -- Writing the files -----------------------------------------------------------


#: Where a build keeps the PDF and text it made, beside the data it made them
#: from (for `make bench`, or to run Typst on the template by hand).
CACHE = "portfolio-resume"
#: The cached resume.json of what the PDF shows: a variant publishes its own.
PUBLIC_JSON = "-resume.json"


def template_of(app: Sphinx) -> Path:
    """The Typst template: the package's, or the one conf.py names (from its folder)."""
    chosen = app.config.portfolio_resume_template
    return Path(app.confdir, chosen) if chosen else TEMPLATE


def settings_key(app: Sphinx, paper: str) -> str:
    """What the résumé depends on besides the pages: template, paper, conf.py, Typst."""
    config = app.config
    settings = [paper, config.release, config.language, config.portfolio_resume]
    digest = hashlib.sha256(template_of(app).read_bytes())
    digest.update(json.dumps([*settings, typst.__version__]).encode())
    return digest.hexdigest()[:24]


def made(
    app: Sphinx, paper: str, data_of: Callable[[], dict[str, Any] | None], name: str = ""
) -> Path | None:
    """The cached PDF (its text and resume.json beside it), made again only when what it
    shows changed: the full résumé, or the variant ``name`` (whose data ``data_of`` gives).

    A build that did not read the résumé page, with the same settings, shows the
    same facts; else the data decides, so a page re-read without a change the
    résumé shows costs no typesetting either. :class:`ResumeError` if the facts do not typeset.
    """
    cache = Path(app.doctreedir) / (f"{CACHE}-{name}" if name else CACHE)
    stamp = cache / "settings"
    settings = settings_key(app, paper)
    # The résumé page is read again whenever what it shows changes: it depends on
    # the pages it quotes and is a view of every section's facts. Unread, with the
    # same settings, it shows what the cached PDF does, however many pages were read.
    read = getattr(app, "portfolio_pages_read", None)
    if read is not None and app.config.portfolio_resume not in read and stamp.is_file():
        pdf = next(cache.glob("*.pdf"), None)
        if stamp.read_text(encoding="utf-8") == settings and pdf is not None:
            return pdf
    data = data_of()
    if data is None:
        return None
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    pdf = cache / f"{hashlib.sha256((settings + text).encode()).hexdigest()[:24]}.pdf"
    if not pdf.is_file():
        shutil.rmtree(cache, ignore_errors=True)  # nothing stale survives a failure
        typeset_pdf, shown = fitted(data, paper, data["meta"]["pages"], template_of(app))
        cache.mkdir(parents=True)
        resume_json = json.dumps(public(shown), ensure_ascii=False, indent=2) + "\n"
        # Each file whole, and the PDF, whose presence says the rest are there, last:
        # a build stopped in between leaves an entry that is made again, never half one.
        write_whole(pdf.with_suffix(".txt"), plain_text(shown).encode())
        write_whole(pdf.with_suffix(".json"), text.encode())
        write_whole(pdf.with_name(f"{pdf.stem}{PUBLIC_JSON}"), resume_json.encode())
        write_whole(pdf, typeset_pdf)
    stamp.write_text(settings, encoding="utf-8")
    return pdf


def tailored(app: Sphinx, data: dict[str, Any] | None, variant: Variant) -> dict[str, Any] | None:
    """What ``variant`` keeps of ``data``; ``None`` after saying what is wrong with it."""
    if data is None:
        return None
    found = list(problems(variant, data))
    for field, message in found:
        logger.error(
            message, location=declared(app, variant, field), type="portfolio", subtype="resume"
        )
    if found:
        return None
    chosen = select(data, variant)
    chosen["meta"]["pages"] = variant.pages
    # Roles that a dropped one kept apart may now stand together under one name.
    roles = {role.id: (page, role) for page, role in catalogue_of(app).roles()}
    with_tenures(chosen["work"], [roles[entry["id"]] for entry in chosen["work"]])
    return chosen


def variants_of(app: Sphinx) -> tuple[Variant, ...]:
    """The variants the résumé page declares."""
    page = catalogue_of(app).pages.get(app.config.portfolio_resume)
    return page.variants if page else ()


def declared(app: Sphinx, variant: Variant, field: str = "") -> str:
    """Where the résumé page declares ``variant``, or its ``field``: "resume.md:12"."""
    page = catalogue_of(app).pages[app.config.portfolio_resume]
    where = ("variants", page.variants.index(variant), *([field] if field else []))
    return f"{app.env.doc2path(page.docname)}:{page.line(*where)}"


def write_resume(app: Sphinx) -> list[Path]:
    """Write the résumés into the output folder; the files written.

    Site builds write the full résumé and every variant: a published one beside the
    full one, any other into ``resume/<name>/`` beside the site (Read the Docs
    publishes only the site's own folder). ``make resume`` writes the full résumé,
    or with ``portfolio_resume_variant`` the one variant, into ``<name>/``.
    """
    paper = app.config.portfolio_resume_paper
    if paper not in PAPERS:
        logger.error(
            "portfolio_resume_paper is %r; use one of %s (make resume PAPER=a4)",
            paper,
            ", ".join(PAPERS),
            type="portfolio",
            subtype="resume",
        )
        return []
    if not template_of(app).is_file():
        logger.error(
            "portfolio_resume_template names %s, which is not a file: fix the path"
            " (relative to conf.py) or remove the setting to use the site's own",
            template_of(app),
            type="portfolio",
            subtype="resume",
        )
        return []
    outdir = Path(app.outdir)
    basename = app.config.portfolio_resume_basename
    data_of = functools.cache(lambda: resume_data(app))
    variants = variants_of(app)
    wanted = app.config.portfolio_resume_variant
    site = app.builder.name in SITE_BUILDERS
    if wanted and wanted not in {variant.name for variant in variants}:
        logger.error(
            "%s declares no variant %r; its variants: %s (make resume VARIANT=name)",
            app.env.doc2path(app.config.portfolio_resume),
            wanted,
            ", ".join(variant.name for variant in variants) or "none",
            type="portfolio",
            subtype="resume",
        )
        return []
    # `make resume VARIANT=name` writes that one alone; else the full résumé comes first.
    written = [] if wanted else copied(app, paper, None, data_of, outdir / basename)
    if site:  # a variant no longer published leaves no file behind
        for stale in outdir.glob(f"{glob.escape(basename)}-*.*"):
            if stale.suffix in (".pdf", ".txt", ".json"):
                stale.unlink()
    # `make resume` writes the one variant asked for, or none; a site build, all.
    chosen = [v for v in variants if v.name == wanted] if wanted else variants if site else ()
    for variant in chosen:
        if site and variant.publish:
            stem = outdir / f"{basename}-{variant.name}"
        else:
            stem = (outdir.parent / "resume" if site else outdir) / variant.name / basename
        written += copied(app, paper, variant, lambda v=variant: tailored(app, data_of(), v), stem)
    return written


def copied(
    app: Sphinx,
    paper: str,
    variant: Variant | None,
    data_of: Callable[[], dict[str, Any] | None],
    stem: Path,
) -> list[Path]:
    """Make the résumé (or ``variant``) if need be, and copy its files to ``stem``.*."""
    try:
        source = made(app, paper, data_of, variant.name if variant else "")
    except ResumeError as error:
        if variant is None:
            logger.error(str(error), location=error.location, type="portfolio", subtype="resume")
            return []
        fix = ""
        if isinstance(error, Overflow):
            fix = "; or keep less in the variant ('drop', 'sections')"
            fix += f", or give it {MAX_PAGES} pages" if variant.pages < MAX_PAGES else ""
        logger.error(
            f"variant {variant.name!r}: {error}{fix}",
            location=error.location or declared(app, variant, "pages"),
            type="portfolio",
            subtype="resume",
        )
        return []
    if source is None:
        return []
    stem.parent.mkdir(parents=True, exist_ok=True)
    files = {".pdf": ".pdf", ".txt": ".txt"} | ({".json": PUBLIC_JSON} if variant else {})
    written = []
    for suffix, cached in files.items():
        target = stem.with_name(stem.name + suffix)
        shutil.copyfile(source.with_name(source.stem + cached), target)
        written.append(target)
    return written


def on_env_before_read_docs(app: Sphinx, env: Any, docnames: list[str]) -> None:
    app.portfolio_pages_read = frozenset(docnames)  # type: ignore[attr-defined]


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    # The résumé builder's work is done here too, rather than in its finish(): a
    # builder's ``app`` is deprecated in Sphinx 9.
    if exception is not None:
        return
    if app.builder.name in SITE_BUILDERS:
        write_resume(app)
    elif app.builder.name == ResumeBuilder.name:
        for path in write_resume(app):
            logger.info("wrote %s", path)


class ResumeBuilder(Builder):
    """``make resume``: the PDF and text résumé, without the site."""

    name = "resume"
    epilog = "The résumé is in %(outdir)s."

    def get_outdated_docs(self) -> list[str]:
        return []  # no page is written; the résumé is written at the end

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass


# -- Links to the files ------------------------------------------------------------


class ResumeFileRole(ReferenceRole):
    """``{resume-file}`PDF <pdf>```: a link to the résumé's PDF (or ``txt``)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if self.target not in ("pdf", "txt"):
            message = self.inliner.reporter.error(
                f"{{resume-file}} links 'pdf' or 'txt', not {self.target!r}", line=self.lineno
            )
            return [], [message]
        title = self.title if self.has_explicit_title else self.target.upper()
        reference = nodes.reference(self.rawtext, title, internal=False)
        reference["portfolio_resume_file"] = self.target
        return [reference], []


def resolve_file_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each ``{resume-file}`` link at the file, relative to the page; where the
    build writes no such file, to the hosted site's copy, or else to no link at all
    (and no ``portfolio-downloads`` block, which would offer nothing)."""
    base = app.config.html_baseurl
    if app.builder.name not in SITE_BUILDERS and not base:
        for block in list(doctree.findall(nodes.Element)):
            if DOWNLOADS_BLOCK in block["classes"]:
                block.parent.remove(block)
    for reference in list(doctree.findall(nodes.reference)):
        kind = reference.get("portfolio_resume_file")
        if kind is None:
            continue
        variant = reference.get("portfolio_resume_variant")
        stem = app.config.portfolio_resume_basename + (f"-{variant}" if variant else "")
        filename = f"{stem}.{kind}"
        if app.builder.name in SITE_BUILDERS:
            reference["refuri"] = relative_uri(app.builder.get_target_uri(docname), filename)
        elif base:
            reference["refuri"] = address(app, filename)
        else:  # the link goes, with the separator before it
            parent = reference.parent
            # By position: Text nodes are strings, and remove() would take an equal one.
            index = parent.index(reference)
            del parent[index]
            while index and isinstance(parent[index - 1], nodes.Text):
                # Less the space and "·" that set the link apart (a Node is always true).
                kept = str(parent[index - 1]).rstrip().removesuffix("\u00b7").rstrip()
                if kept:
                    parent[index - 1] = nodes.Text(kept)
                    break
                del parent[index - 1]
                index -= 1


def setup(app: Sphinx) -> None:
    app.add_config_value("portfolio_resume_basename", "resume", "", types=frozenset({str}))
    app.add_config_value("portfolio_resume_paper", "letter", "", types=frozenset({str}))
    # The one variant `make resume VARIANT=name` writes; empty: the full résumé.
    app.add_config_value("portfolio_resume_variant", "", "", types=frozenset({str}))
    # A Typst template of the site's own for the PDF résumés, relative to conf.py;
    # empty: the package's resume.typ. It reads the same data (resume.json's, plus meta).
    app.add_config_value("portfolio_resume_template", "", "", types=frozenset({str}))
    app.add_builder(ResumeBuilder)
    app.add_role("resume-file", ResumeFileRole())
    app.connect("doctree-resolved", resolve_file_links)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("build-finished", on_build_finished)
