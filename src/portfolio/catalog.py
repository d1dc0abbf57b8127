"""The catalogue: every page's front matter, read once per build.

Listings, back-links and the timeline are drawn from other pages' facts, and
Sphinx may read pages in any order or in parallel. So instead of each page
publishing its facts as it is read, the catalogue reads all front matter from
disk before any page is read, when ``env-get-outdated`` fires, parsing again only the
files changed since the last build. It keeps every derived view complete and
makes the extension parallel-safe with no shared state to merge.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Set
from pathlib import Path
from typing import NamedTuple

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .drafts import is_draft, placeholder_problems
from .frontmatter import SECTIONS, Page, Problem, read_page
from .model import Date, Degree, Entry, Publication, Role, Skill, SkillGroup, Span

logger = logging.getLogger(__name__)

#: A view's source meaning "facts from every section".
ALL_SECTIONS = "*"

#: Pages in these folders (but the folder's index) must say which kind they are.
SECTION_KINDS = {"work": "employer", "play": "project"}


@dataclasses.dataclass(frozen=True)
class Use:
    """A place where a skill was used: a role on an employer page, or a page."""

    page: Page
    role: Role | None = None


def _latest(entry: Entry, fields: tuple[str, ...]) -> Date:
    """What an entry's dates sort by, newest first: ongoing leads, undated comes last."""
    values = [getattr(entry, field) for field in fields]
    if values[-1] == "present":
        return Date(9999)
    return max(filter(None, map(Date.of, values)), default=Date(0))


def employer_groups(roles: list[tuple[Page, Role]]) -> list[list[int]]:
    """The indices of consecutive roles at one employer in ``roles`` (newest first):
    the résumé shows each group under one name."""
    groups: list[list[int]] = []
    for index, (page, _) in enumerate(roles):
        if index and roles[index - 1][0].docname == page.docname:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def tenure(roles: list[tuple[Page, Role]], group: list[int]) -> Span:
    """From the group's first start to its last end: "present" if any role goes on."""
    found = Span.covering([roles[index][1].span for index in group])
    assert found is not None  # a group holds a role
    return found


def tenures(roles: list[tuple[Page, Role]]) -> list[Span | None]:
    """For each of ``roles`` (newest first), its employer's whole tenure when it
    stands among others there under one name ("Vimeo, 2015–2019"), else ``None``."""
    spans: list[Span | None] = [None] * len(roles)
    for group in employer_groups(roles):
        if len(group) > 1:
            for index in group:
                spans[index] = tenure(roles, group)
    return spans


@dataclasses.dataclass
class Catalogue:
    pages: dict[str, Page] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    #: Pages whose front matter has errors: still listed in their section's
    #: navigation, so one mistake does not cascade into toctree warnings.
    broken: set[str] = dataclasses.field(default_factory=set)

    @functools.cached_property
    def skills(self) -> dict[str, Skill]:
        """The skills catalogue by id; read once :func:`build` has every page."""
        return {skill.id: skill for page in self.pages.values() for skill in page.catalogue}

    @functools.cached_property
    def skill_groups(self) -> dict[str, list[Skill]]:
        """The catalogue's skills by group, each group and skill in the order written."""
        groups: dict[str, list[Skill]] = {}
        for skill in self.skills.values():
            groups.setdefault(skill.group, []).append(skill)
        return groups

    @property
    def person(self) -> Page | None:
        """The page of ``kind: person``: whom the site is about."""
        return next((page for page in self.pages.values() if page.person), None)

    @functools.cached_property
    def groups(self) -> dict[str, SkillGroup]:
        """The skill groups the skills page names, by id."""
        return {group.id: group for page in self.pages.values() for group in page.groups}

    def education(self) -> list[Degree]:
        """Every degree on the school pages, newest first; one still studied for leads."""
        degrees = [degree for page in self.pages.values() for degree in page.education]
        return sorted(degrees, key=lambda degree: degree.earned or Date(9999), reverse=True)

    def entries(self, name: str) -> list[tuple[Page, Entry]]:
        """The entries of the section ``name`` (:data:`.model.SECTIONS`) that may be
        published, with their page: newest first if they are dated, else as written."""
        section = SECTIONS[name]
        found = [
            (page, entry)
            for page in self.pages.values()
            if page.kind == name and (page.publish or not section.private)
            for entry in page.entries
        ]
        if not section.dates:
            return found
        newest = lambda pe: _latest(pe[1], section.dates)  # noqa: E731
        return sorted(found, key=newest, reverse=True)

    def publications(self) -> list[tuple[Page, Publication]]:
        """Every publication, with the employer page it belongs to, newest first."""
        papers = [(page, paper) for page in self.pages.values() for paper in page.publications]
        return sorted(papers, key=lambda pp: (pp[1].published, pp[1].title), reverse=True)

    def publication(self, paper_id: str) -> tuple[Page, Publication] | None:
        return next(((page, p) for page, p in self.publications() if p.id == paper_id), None)

    def _dated(self, keep: Callable[[Page], bool]) -> list[Page]:
        """The dated pages ``keep`` chooses, newest first; a tie goes by title."""
        pages = [p for p in self.pages.values() if keep(p) and p.span]
        return sorted(pages, key=lambda p: (p.span.sort_key, p.title), reverse=True)  # type: ignore[union-attr]

    def pages_in(self, section: str) -> list[Page]:
        """The section's dated pages, newest first."""
        return self._dated(lambda page: page.section == section)

    def projects(self) -> list[Page]:
        """Every dated write-up (``kind: project``), newest first."""
        return self._dated(lambda page: page.kind == "project")

    def skill_names(self, ids: Iterable[str]) -> list[str]:
        """The names of the skills ``ids`` names, as the catalogue spells them. An id the
        catalogue lacks is left out: it is reported with the catalogue's problems."""
        return [self.skills[i].name for i in ids if i in self.skills]

    def roles(self) -> list[tuple[Page, Role]]:
        """Every role of every employer, newest first."""
        roles = [(page, role) for page in self.pages.values() for role in page.roles]
        return sorted(roles, key=lambda pr: (pr[1].span.sort_key, pr[1].title), reverse=True)

    def uses(self, skill_id: str) -> list[Use]:
        """Every role and page that names ``skill_id``, newest first."""
        uses = [Use(page, role) for page, role in self.roles() if skill_id in role.skills]
        # A page that names the skill once more, beside its roles, is not listed twice.
        listed = {use.page.docname for use in uses}
        uses += [
            Use(page)
            for page in self.pages.values()
            if skill_id in page.skills and page.docname not in listed
        ]
        return sorted(
            uses,
            key=lambda use: (use.role or use.page).span.sort_key,  # type: ignore[union-attr]
            reverse=True,
        )


class FrontMatter(NamedTuple):
    """What one reading of a page gives everything that asks of its front matter."""

    #: The file's (mtime, size) when read: a file with the same is not read again.
    stamp: tuple[int, int]
    page: Page | None
    problems: list[Problem]
    #: ``make writeup``'s placeholders left in a page that is not a draft.
    placeholders: list[Problem]
    #: It says ``draft: true`` (``make serve`` marks it so).
    draft: bool


def _read(known: dict[str, FrontMatter], docname: str, path: Path) -> FrontMatter:
    """The page read once, or what it gave before if the file has not changed since."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    last = known.get(docname)
    if last is not None and last.stamp == stamp:
        return last
    text = path.read_text(encoding="utf-8")
    page, problems = read_page(path, docname, text)
    draft = is_draft(text)
    placeholders = [] if draft else placeholder_problems(path, text)
    return FrontMatter(stamp, page, problems, placeholders, draft)


def build(env: BuildEnvironment) -> Catalogue:
    """Read and check the front matter of every page Sphinx found.

    Only the files changed since the last build are parsed again; the rest come
    from the environment, which Sphinx keeps between builds.
    """
    catalogue = Catalogue()
    known: dict[str, FrontMatter] = env.portfolio_front_matter  # type: ignore[attr-defined]
    env.portfolio_front_matter = {}  # type: ignore[attr-defined]
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        front_matter = _read(known, docname, path)
        env.portfolio_front_matter[docname] = front_matter  # type: ignore[attr-defined]
        page, problems = front_matter.page, front_matter.problems
        catalogue.problems += problems + front_matter.placeholders
        section, _, rest = docname.partition("/")
        if page is not None:
            catalogue.pages[docname] = page
        elif problems:
            catalogue.broken.add(docname)
        elif section in SECTION_KINDS and rest and rest != "index":
            catalogue.problems.append(
                Problem(
                    path,
                    1,
                    "front matter field 'kind': is required but missing; pages in "
                    f"{section}/ start with front matter giving 'kind: {SECTION_KINDS[section]}'"
                    " (`make writeup` writes one for you)",
                )
            )
            catalogue.broken.add(docname)
    catalogue.problems += _cross_page_problems(env, catalogue)
    return catalogue


def author_index(paper: Publication, name: str) -> int | None:
    """Where the person is among a paper's authors: papers often drop a middle initial."""
    words = name.split()
    for index, author in enumerate(paper.authors):
        credited = author.split()
        if author == name or (credited[:1] + credited[-1:] == words[:1] + words[-1:]):
            return index
    return None


def _cross_page_problems(env: BuildEnvironment, catalogue: Catalogue) -> Iterable[Problem]:
    skills = catalogue.skills
    path = lambda page: Path(env.doc2path(page.docname))  # noqa: E731
    titles: dict[str, Page] = {}
    role_ids: dict[str, Page] = {}
    people = [page for page in catalogue.pages.values() if page.person]
    for page in people[1:]:
        yield Problem(
            path(page),
            page.line("kind"),
            f"front matter field 'kind': {people[0].docname} is already the person page; "
            "the site is about one person, so only one page has 'kind: person'",
        )
    person = people[0].person if people else None
    for page in catalogue.pages.values():
        for index, paper in enumerate(page.publications):
            if person and paper.authors and author_index(paper, person.name) is None:
                yield Problem(
                    path(page),
                    page.line("publications", index),
                    f"front matter field 'publications': {paper.id!r} does not list "
                    f"{people[0].title} among its authors (matched by first and last name); "
                    "list only papers the person wrote, with the name as the paper credits it",
                )
        if (first := titles.setdefault(page.title.casefold(), page)) is not page:
            yield Problem(
                path(page),
                page.line("title"),
                f"front matter field 'title': {page.title!r} is already the title of "
                f"{first.docname}; give each page its own title",
            )
        labelled = [("roles", role.id, page.line("roles", i)) for i, role in enumerate(page.roles)]
        labelled += [
            (page.kind, entry.id, page.line(page.kind, i))
            for i, entry in enumerate(page.entries)
            if entry.id
        ]
        for field, label, line in labelled:
            if (owner := role_ids.setdefault(label, page)) is not page:
                yield Problem(
                    path(page),
                    line,
                    f"front matter field '{field}': id {label!r} is already used in "
                    f"{owner.docname}; {'role ' * (field == 'roles')}ids label sections and must be"
                    " unique",
                )
        named = [(page.line("skills"), page.skills)]
        named += [(page.line("roles", i), role.skills) for i, role in enumerate(page.roles)]
        for line, ids in named:
            for skill_id in ids:
                if skill_id not in skills:
                    yield Problem(
                        path(page),
                        line,
                        f"front matter field 'skills': unknown skill id {skill_id!r}; "
                        "use an id from the skills page "
                        f"({', '.join(sorted(skills)) or 'none defined'}) or add it there",
                    )


def report(problems: Iterable[Problem], env: BuildEnvironment) -> None:
    """Log each problem as an error at its file and line."""
    for problem in problems:
        docname = env.path2doc(str(problem.path)) or str(problem.path)
        location = (docname, problem.line) if problem.line else docname
        logger.error(problem.message, location=location, type="portfolio", subtype="frontmatter")


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Build the catalogue, and re-read the pages drawn from facts that changed."""
    catalogue = build(env)
    report(catalogue.problems, env)
    app.portfolio_catalogue = catalogue  # type: ignore[attr-defined]
    before: dict[str, Page] = env.portfolio_facts  # type: ignore[attr-defined]
    env.portfolio_facts = dict(catalogue.pages)  # type: ignore[attr-defined]
    # Pages whose facts changed, came or went; an edit to a page's prose alone
    # changes no other page.
    moved = {
        docname
        for docname in before.keys() | catalogue.pages.keys()
        if before.get(docname) != catalogue.pages.get(docname)
    }
    sections = {docname.partition("/")[0] for docname in moved}
    if not sections:
        return []
    touched = added | changed | removed
    # Only the pages that show facts from those sections are read again.
    sources = sections | {ALL_SECTIONS}
    views: dict[str, set[str]] = env.portfolio_views  # type: ignore[attr-defined]
    return sorted(d for d, shown in views.items() if d not in touched and shown & sources)


def spared_parents(
    files_to_rebuild: dict[str, set[str]],
    views: dict[str, set[str]],
    hidden_only: Set[str],
) -> dict[str, set[str]]:
    """``files_to_rebuild`` without the view pages that need no rewrite for a child.

    Sphinx writes again every page whose toctree holds a page it writes, so that a
    toctree shows a changed title. A view page whose toctrees are all hidden
    (``hidden_only``), such as a section's listing, shows of its children only their
    facts, and it is read again, so written, whenever facts of their section change
    (:func:`on_env_get_outdated`): for such a child it need not be written. Without
    this, touching one write-up redoes the whole listing, a card per write-up.
    """
    return {
        child: {
            parent
            for parent in parents
            if parent not in hidden_only
            or not views.get(parent, set()) & {child.partition("/")[0], ALL_SECTIONS}
        }
        for child, parents in files_to_rebuild.items()
    }


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """Spare view pages the rewrite Sphinx gives a toctree's page (:func:`spared_parents`).

    The environment was saved before writing starts, so each build begins again
    from Sphinx's own record of which page holds which.
    """
    env = builder.env
    views: dict[str, set[str]] = env.portfolio_views  # type: ignore[attr-defined]
    hidden_only = {
        docname
        for docname in views
        if docname in env.tocs
        and all(toctree.get("hidden") for toctree in env.tocs[docname].findall(addnodes.toctree))
    }
    env.files_to_rebuild = spared_parents(env.files_to_rebuild, views, hidden_only)


def note_view(env: BuildEnvironment, sources: Iterable[str]) -> None:
    """Record that the page being read shows facts from ``sources`` (sections)."""
    env.portfolio_views.setdefault(env.docname, set()).update(sources)  # type: ignore[attr-defined]


def on_builder_inited(app: Sphinx) -> None:
    env = app.env
    if not hasattr(env, "portfolio_views"):
        env.portfolio_views = {}  # type: ignore[attr-defined]
        env.portfolio_facts = {}  # type: ignore[attr-defined]
        env.portfolio_front_matter = {}  # type: ignore[attr-defined]


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.portfolio_views.pop(docname, None)  # type: ignore[attr-defined]


def on_env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
) -> None:
    for docname in docnames:
        if docname in other.portfolio_views:  # type: ignore[attr-defined]
            env.portfolio_views[docname] = other.portfolio_views[docname]  # type: ignore[attr-defined]


def catalogue_of(app: Sphinx) -> Catalogue:
    return app.portfolio_catalogue  # type: ignore[attr-defined,no-any-return]
