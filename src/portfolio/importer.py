"""``make import``: start a site from a résumé you already have.

    python -m portfolio.importer FROM INTO

``FROM`` is a JSON Resume file (https://jsonresume.org/schema; the older schema's
``company``, ``website``, ``gpa``, ``picture`` are read as what they mean) or a
RenderCV YAML file (its ``cv``: https://docs.rendercv.com/). ``INTO`` is a new
folder, or an empty one: nothing is ever written into a folder that holds files.
It gets this site's engine and configuration, and the résumé as the pages an
author would write: the person, an employer page per employer with its roles, the
school, the skills, a write-up per project, the papers, and a page per other
section (awards, certificates, volunteering, languages, interests, references,
talks), each fact in front matter and each text as MyST prose. Whatever the
importer cannot place is listed when it runs, never dropped silently.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .frontmatter import SECTIONS, declared, fields, leaves
from .model import resume_order
from .titles import markdown_text
from .writeup import slugify

#: What is copied from this site into a new one: the engine, its pins and settings.
ENGINE = (
    "Makefile",
    "pyproject.toml",
    "requirements.in",
    "requirements.txt",
    "requirements-dev.in",
    "requirements-dev.txt",
    "package.json",
    "package-lock.json",
    "docutils.conf",
    ".gitignore",
    ".readthedocs.yaml",
    ".remarkrc.json",
    "src",
    "tools",
    "schema",
    "_static",
    "_templates",
)
#: This site's own words in its configuration, which a new site says its own way: its
#: owner's name, as a slug, the host, the revision, and what the owner does.
OWNER = (
    "Michael J Kelly",
    "michael-j-kelly",
    "michaelkelly.org",
    "2024-06-08",
    ", software engineer.",
)
#: The link preview drawn with this site's owner's name on it.
OWNERS_CARD = "_static/og-card.png"


class ImportError_(Exception):
    """A résumé the importer refuses, with what to do instead."""


# -- Reading -------------------------------------------------------------------


class Reader:
    """Takes a JSON Resume document apart, noting every key it does not place."""

    def __init__(self) -> None:
        self.unplaced: list[str] = []
        self.normalised: list[str] = []

    def take(self, data: dict[str, Any], where: str, keys: Iterable[str]) -> dict[str, Any]:
        """The values of ``keys`` (blank ones left out); any other key is noted unplaced."""
        keys = tuple(keys)
        for key, value in data.items():
            if key not in keys and value not in ("", None, [], {}):
                self.unplaced.append(f"{where}.{key}: {json.dumps(value, ensure_ascii=False)}")
        return {
            key: text(data[key]) if isinstance(data[key], str) else data[key]
            for key in keys
            if data.get(key) not in ("", None, [], {})
        }

    def url(self, value: str, where: str) -> str:
        """An address as the site links it: https only."""
        if value.startswith("http://"):
            self.normalised.append(f"{where}: {value} is linked as https://")
            return "https://" + value.removeprefix("http://")
        if not value.startswith("https://"):
            self.normalised.append(f"{where}: {value} is linked as https://{value}")
            return "https://" + value
        return value


def text(value: str) -> str:
    """Text on one line, as a page shows it."""
    return " ".join(value.split())


def when(value: Any) -> int | str:
    """A JSON Resume date (2014, 2014-06 or 2014-06-29) at the precision a résumé
    states: a year, or a year and month."""
    found = re.match(r"^(\d{4})(?:-(\d{1,2}))?", str(value))
    if found is None:
        raise ValueError(value)
    return f"{found[1]}-{int(found[2]):02d}" if found[2] else int(found[1])


# Fields of JSON Resume's older schema, read as what they mean now.
OLDER = {
    "basics": {"website": "url", "picture": "image"},
    "work": {"company": "name", "website": "url"},
    "volunteer": {"website": "url"},
    "education": {"gpa": "score"},
    "publications": {"website": "url"},
    "projects": {"website": "url"},
    "languages": {"name": "language", "level": "fluency"},
}


def current(data: dict[str, Any], section: str) -> dict[str, Any]:
    """An entry with the older schema's names given their current ones."""
    renames = OLDER.get(section, {})
    return {renames.get(key, key): value for key, value in data.items()}


# -- Writing pages ---------------------------------------------------------------


def front_matter(fields: dict[str, Any]) -> str:
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{dumped}---\n"


def paragraphs(*texts: str) -> str:
    return "".join(f"\n{markdown_text(t)}\n" for t in texts if t)


def bullets(items: Iterable[str]) -> str:
    lines = [f"- {markdown_text(item)}" for item in items]
    return "\n" + "\n".join(lines) + "\n" if lines else ""


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… if taken; then taken."""
    found, number = slug, 1
    while found in taken:
        number += 1
        found = f"{slug}-{number}"
    taken.add(found)
    return found


class Site:
    """The pages of a new site, made from a JSON Resume document."""

    def __init__(self, resume: dict[str, Any]) -> None:
        self.reader = Reader()
        self.resume = resume
        self.files: dict[str, str] = {}
        self.ids: set[str] = set()
        #: The pages in the navigation, in order.
        self.toc: list[str] = []
        self.parts: list[str] = []

    def listed(self, docname: str, source: str, part: str) -> None:
        """Write the page ``docname`` into the navigation; ``part``: the part of the
        résumé it fills, if it fills one."""
        self.files[f"{docname}.md"] = source
        self.toc.append(docname)
        if part:
            self.parts.append(part)

    def build(self) -> None:
        take = self.reader.take
        resume = self.resume
        top = take(resume, "", ("$schema", "basics", "meta", *resume_order(), "work"))
        # Each section is read by its own method; only the basics and meta are read here.
        self.meta = take(top.get("meta", {}), "meta", ("lastModified",))
        self.work()
        self.education()
        self.publications()
        self.skills()
        self.projects()
        for section in SECTIONS.values():
            self.section(section.name)
        self.resume_page()
        self.person(top.get("basics") or {})

    # -- The person -------------------------------------------------------------

    def person(self, basics: dict[str, Any]) -> None:
        basics = current(basics, "basics")
        given = self.reader.take(
            basics,
            "basics",
            ("name", "label", "image", "email", "phone", "url", "summary", "location", "profiles"),
        )
        if "name" not in given or "email" not in given:
            raise ImportError_("the résumé gives no basics.name or basics.email: add them")
        self.name = given["name"]
        fields: dict[str, Any] = {"kind": "person", "title": given["name"]}
        if "label" in given:
            fields["headline"] = given["label"]
        if "summary" in given:
            fields["summary"] = given["summary"]
        fields["email"] = given["email"]
        place = self.reader.take(
            given.get("location") or {},
            "basics.location",
            ("city", "address", "postalCode", "region", "countryCode"),
        )
        if "city" in place:
            fields["location"] = place["city"]
        if "url" in given:
            fields["website"] = self.reader.url(given["url"], "basics.url")
        if "phone" in given:
            fields["phone"] = given["phone"]
        if "image" in given:
            fields["image"] = self.reader.url(given["image"], "basics.image")
        for key, name in (
            ("address", "address"),
            ("postalCode", "postal_code"),
            ("region", "region"),
            ("countryCode", "country_code"),
        ):
            if key in place:
                fields[name] = place[key]
        profiles = []
        for index, profile in enumerate(given.get("profiles", [])):
            where = f"basics.profiles[{index}]"
            got = self.reader.take(profile, where, ("network", "username", "url"))
            if "url" not in got or "network" not in got:
                self.reader.unplaced.append(f"{where}: a profile without a network and address")
                continue
            got["url"] = self.reader.url(got["url"], where + ".url")
            profiles.append({k: got[k] for k in ("network", "url", "username") if k in got})
        if profiles:
            fields["profiles"] = profiles
        fields["hide-toc"] = True
        toctree = "\n".join(["```{toctree}", ":hidden:", ":caption: Résumé", "", *self.toc, "```"])
        self.files["index.md"] = f"{front_matter(fields)}\n```{{facts}}\n```\n\n{toctree}\n"

    # -- Work --------------------------------------------------------------------

    def work(self) -> None:
        employers: dict[str, dict[str, Any]] = {}
        for index, entry in enumerate(self.resume.get("work") or []):
            where = f"work[{index}]"
            got = self.reader.take(
                current(entry, "work"),
                where,
                ("name", "position", "url", "location", "description", "startDate", "endDate")
                + ("summary", "highlights"),
            )
            if not {"name", "position", "startDate"} <= got.keys():
                self.reader.unplaced.append(f"{where}: a role needs name, position and startDate")
                continue
            # One page an employer, however its name is capitalised: titles are unique so.
            employer = employers.setdefault(
                got["name"].casefold(), {"name": got["name"], "roles": [], "where": where}
            )
            for key in ("url", "location", "description"):
                if key in got and employer.setdefault(key, got[key]) != got[key]:
                    self.reader.unplaced.append(f"{where}.{key}: differs from {employer['where']}")
            employer["roles"].append(got)
        if not employers:
            return
        for employer in employers.values():
            slug = unique(slugify(employer["name"]), self.ids)
            fields: dict[str, Any] = {"kind": "employer", "title": employer["name"]}
            if "url" in employer:
                url = self.reader.url(employer["url"], f"{employer['where']}.url")
                fields["links"] = [{"title": bare(url), "url": url}]
            for key in ("description", "location"):
                if key in employer:
                    fields[key] = employer[key]
            roles, prose = [], []
            for role in employer["roles"]:
                role_id = unique(slugify(f"{slug}-{role['position']}"), self.ids)
                roles.append(
                    {
                        "id": role_id,
                        "title": role["position"],
                        "start": when(role["startDate"]),
                        "end": when(role["endDate"]) if "endDate" in role else "present",
                        "skills": [],
                    }
                )
                body = paragraphs(role.get("summary", "")) + bullets(
                    text(h) for h in role.get("highlights", [])
                )
                # Its own lines, even empty: "````{position} id````" on one line is no fence.
                prose.append(f"\n````{{position}} {role_id}\n{body.strip()}\n````\n")
            fields["roles"] = roles
            self.files[f"work/{slug}.md"] = (
                f"{front_matter(fields)}\n```{{facts}}\n```\n{''.join(prose)}"
            )
        self.listed(
            "work/index",
            "---\ntitle: Work\n---\n\n(work)=\n\nEvery role, newest first.\n\n"
            "```{timeline}\n```\n\n```{listing} work\n:of: roles\n```\n",
            "experience",
        )

    # -- Education ---------------------------------------------------------------

    def education(self) -> None:
        degrees, prose = [], []
        for index, entry in enumerate(self.resume.get("education") or []):
            where = f"education[{index}]"
            got = self.reader.take(
                current(entry, "education"),
                where,
                ("institution", "url", "area", "studyType", "startDate", "endDate", "score")
                + ("courses",),
            )
            if "institution" not in got:
                self.reader.unplaced.append(f"{where}: a degree needs its institution")
                continue
            if "studyType" not in got:
                self.reader.unplaced.append(f"{where}: no studyType; the page calls it 'Studies'")
            degree = {"institution": got["institution"], "degree": got.get("studyType", "Studies")}
            degree["end"] = when(got["endDate"]) if "endDate" in got else "present"
            if "startDate" in got:
                degree["start"] = when(got["startDate"])
            if "url" in got:
                degree["url"] = self.reader.url(got["url"], f"{where}.url")
            for key in ("area", "score"):
                if key in got:
                    degree[key] = got[key]
            if got.get("courses"):
                degree["courses"] = [text(c) for c in got["courses"]]
            degrees.append(degree)
            label = unique(f"school-{slugify(got['institution'])}", self.ids)
            line = ", ".join(filter(None, (degree["degree"], got.get("area"))))
            prose.append(
                f"\n({label})=\n## {markdown_text(got['institution'])}\n"
                + paragraphs(line, f"Score: {got['score']}" if "score" in got else "")
                + bullets(degree.get("courses", []))
            )
        if degrees:
            fields = {"kind": "school", "title": "School", "education": degrees}
            self.listed("school/index", front_matter(fields) + "".join(prose), "education")

    # -- Publications --------------------------------------------------------------

    def publications(self) -> None:
        papers = []
        for index, entry in enumerate(self.resume.get("publications") or []):
            where = f"publications[{index}]"
            got = self.reader.take(
                current(entry, "publications"),
                where,
                ("name", "publisher", "releaseDate", "url", "summary"),
            )
            if not {"name", "publisher", "releaseDate"} <= got.keys():
                self.reader.unplaced.append(
                    f"{where}: a paper needs name, publisher, releaseDate:"
                    f" {json.dumps(entry, ensure_ascii=False)}"
                )
                continue
            paper = {
                "id": unique(slugify(got["name"]), self.ids),
                "title": got["name"],
                "venue": got["publisher"],
                "date": when(got["releaseDate"]),
            }
            if "url" in got:
                paper["url"] = self.reader.url(got["url"], f"{where}.url")
            if "summary" in got:
                paper["summary"] = got["summary"]
            papers.append(paper)
        if papers:
            fields = {"kind": "publications", "title": "Publications", "publications": papers}
            cited = "".join(f"\n```{{publication}} {p['id']}\n```\n" for p in papers)
            self.listed("publications", front_matter(fields) + cited, "publications")

    # -- Skills --------------------------------------------------------------------

    def skills(self) -> None:
        skills, groups, prose = [], [], []
        self.skill_ids: dict[str, str] = {}
        # Labelled apart (skill-<id>, skills-<group>): a group may share its only skill's id.
        taken_groups: set[str] = set()
        taken: set[str] = set()
        for index, entry in enumerate(self.resume.get("skills") or []):
            where = f"skills[{index}]"
            got = self.reader.take(entry, where, ("name", "level", "keywords"))
            if "name" not in got:
                self.reader.unplaced.append(f"{where}: a skill group needs its name")
                continue
            group = unique(slugify(got["name"]), taken_groups)
            groups.append(
                {"id": group, "name": got["name"]}
                | ({"level": got["level"]} if "level" in got else {})
            )
            names = [text(k) for k in got.get("keywords", [])] or [got["name"]]
            for name in names:
                skill = unique(slugify(name), taken)
                self.skill_ids.setdefault(name.casefold(), skill)
                skills.append({"id": skill, "name": name, "group": group})
            level = f" ({got['level']})" if "level" in got else ""
            prose.append(
                f"\n(skills-{group})=\n## {markdown_text(got['name'])}\n"
                + paragraphs(", ".join(names) + level + ".")
                + f"\n```{{skills}} {group}\n```\n"
            )
        if skills:
            fields = {"kind": "skills", "title": "Skills", "skills": skills, "groups": groups}
            self.listed("skills/index", front_matter(fields) + "".join(prose), "skills")

    # -- Projects ------------------------------------------------------------------

    def projects(self) -> None:
        written = []
        for index, entry in enumerate(self.resume.get("projects") or []):
            where = f"projects[{index}]"
            got = self.reader.take(
                current(entry, "projects"),
                where,
                ("name", "description", "highlights", "keywords", "startDate", "endDate", "url")
                + ("roles", "entity", "type"),
            )
            if not {"name", "startDate"} <= got.keys():
                self.reader.unplaced.append(
                    f"{where}: a write-up needs name and startDate:"
                    f" {json.dumps(entry, ensure_ascii=False)}"
                )
                continue
            slug = unique(slugify(got["name"]), self.ids)
            keywords = [text(k) for k in got.get("keywords", [])]
            fields: dict[str, Any] = {
                "kind": "project",
                "title": got["name"],
                "summary": got.get("description") or got["name"],
                "start": when(got["startDate"]),
                "end": when(got["endDate"]) if "endDate" in got else "present",
                "skills": list(
                    dict.fromkeys(
                        self.skill_ids[k.casefold()]
                        for k in keywords
                        if k.casefold() in self.skill_ids
                    )
                ),
            }
            if "description" not in got:
                self.reader.normalised.append(f"{where}: no description; its summary is its name")
            if keywords:
                fields["keywords"] = keywords
            if got.get("roles"):
                fields["parts"] = [text(r) for r in got["roles"]]
            for key in ("entity", "type"):
                if key in got:
                    fields[key] = got[key]
            if "url" in got:
                url = self.reader.url(got["url"], f"{where}.url")
                fields["links"] = [{"title": bare(url), "url": url}]
            body = bullets(text(h) for h in got.get("highlights", []))
            self.files[f"play/{slug}.md"] = f"{front_matter(fields)}\n```{{facts}}\n```\n{body}"
            written.append(slug)
        if written:
            # The sidebar lists the newest few; the archive, named by the listing, all.
            self.listed(
                "play/index",
                "---\ntitle: Projects\n---\n\n(play)=\n\nProjects, newest first.\n\n"
                "```{listing} play\n:archive: /archive\n```\n",
                "projects",
            )
            self.files["archive.md"] = (
                "---\ntitle: All projects\n---\n\n(archive)=\n\n"
                "Every project, newest first, under the year it ended.\n\n```{archive} play\n```\n"
            )

    # -- Sections of entries ---------------------------------------------------------

    def section(self, name: str) -> None:
        section = SECTIONS[name]
        by_name = {field.name: field for field in fields(section.entry)}
        resume_names = {field: declared(f.type, "resume") or field for field, f in by_name.items()}
        by_resume = {resume: field for field, resume in resume_names.items()}
        allowed = [resume for field, resume in resume_names.items() if field not in ("id", "tags")]
        entries = []
        for index, entry in enumerate(self.resume.get(name) or []):
            where = f"{name}[{index}]"
            made: dict[str, Any] = {}
            for key, value in self.reader.take(current(entry, name), where, allowed).items():
                field = by_resume[key]
                if int in leaves(by_name[field].type):  # a date
                    value = when(value)
                elif isinstance(value, list):
                    value = [text(v) for v in value]
                elif r"^https://" in str(by_name[field].type):
                    value = self.reader.url(value, f"{where}.{key}")
                made[field] = value
            missing = {f for f, info in by_name.items() if info.required} - made.keys()
            if missing:  # named as the résumé names them
                needed = sorted(resume_names[field] for field in missing)
                self.reader.unplaced.append(f"{where}: needs {', '.join(needed)}")
                continue
            entries.append(made)
        if not entries:
            return
        page: dict[str, Any] = {"kind": name, "title": section.title, name: entries}
        prose = "\n```{entries}\n```\n"
        if section.private:
            page["publish"] = False
            self.reader.normalised.append(
                f"{name}: written with 'publish: false', shown nowhere until they agree to it"
            )
            prose = "\nAvailable on request.\n" + prose
        self.listed(name, front_matter(page) + prose, "" if section.private else name)

    # -- The résumé page -------------------------------------------------------------

    def resume_page(self) -> None:
        headings = {
            "experience": "Experience",
            "education": "Education",
            "publications": "Publications",
            "skills": "Skills",
            "projects": "Projects",
        }
        lines = [
            front_matter({"kind": "resume", "title": "Résumé"}),
            "(resume)=\n\n```{resume} heading\n```\n",
            ":::{div} portfolio-downloads",
            "To keep or send: {resume-file}`PDF <pdf>` or {resume-file}`plain text <txt>`.",
            ":::\n",
        ]
        for part in resume_order():
            if part not in self.parts:
                continue
            if part in headings:
                lines.append(f"(resume-{part})=\n## {headings[part]}\n")
            lines.append(f"```{{resume}} {part}\n```\n")
        self.files["resume.md"] = "\n".join(lines)
        self.toc.insert(0, "All on one page <resume>")


def bare(url: str) -> str:
    return url.removeprefix("https://").rstrip("/")


# -- RenderCV ------------------------------------------------------------------------


#: RenderCV's entry types, by the keys that tell them apart, as JSON Resume's sections.
def from_rendercv(cv: dict[str, Any], reader: Reader) -> dict[str, Any]:
    """A RenderCV ``cv`` as a JSON Resume document: each section goes where its
    entries' type says (experience to work, education, publications, one-line entries
    to skills, normal entries to projects); text and bullet entries of a section
    named like a summary become the summary, other text sections are listed unplaced."""
    basics: dict[str, Any] = {}
    for key, name in (("name", "name"), ("email", "email"), ("phone", "phone")):
        if cv.get(key):
            basics[name] = str(cv[key])
    if cv.get("website"):
        basics["url"] = str(cv["website"])
    if cv.get("location"):
        basics["location"] = {"city": str(cv["location"])}
    if cv.get("headline"):
        basics["label"] = str(cv["headline"])
    networks = {
        "LinkedIn": "https://linkedin.com/in/{}",
        "GitHub": "https://github.com/{}",
        "GitLab": "https://gitlab.com/{}",
        "X": "https://x.com/{}",
        "Twitter": "https://twitter.com/{}",
        "ORCID": "https://orcid.org/{}",
        "StackOverflow": "https://stackoverflow.com/users/{}",
        "ResearchGate": "https://www.researchgate.net/profile/{}",
        "YouTube": "https://youtube.com/@{}",
        "Google Scholar": "https://scholar.google.com/citations?user={}",
        "IMDB": "https://imdb.com/name/{}",
        "Telegram": "https://t.me/{}",
        "WhatsApp": "https://wa.me/{}",
        "Leetcode": "https://leetcode.com/u/{}",
    }
    profiles = []
    for index, account in enumerate(cv.get("social_networks") or []):
        network, user = str(account.get("network", "")), str(account.get("username", ""))
        # Mastodon has no one host: the address is in the username, @user@host.
        pattern = networks.get(network)
        if network == "Mastodon" and user.count("@") == 2:
            _, name, host = user.split("@")
            pattern, user = f"https://{host}/@{{}}", name
        if not pattern or not user:
            reader.unplaced.append(f"cv.social_networks[{index}]: {network} {user}")
            continue
        profiles.append({"network": network, "username": user, "url": pattern.format(user)})
    basics["profiles"] = profiles
    # Listed in the order written (a set's order changes from run to run); a photo is a
    # file beside the YAML, which the site cannot link: listed too.
    known = {"name", "email", "phone", "website", "location", "headline", "social_networks"}
    for key in cv:
        if key not in known | {"sections"}:
            reader.unplaced.append(f"cv.{key}")
    resume: dict[str, Any] = {"basics": basics}
    for title, entries in (cv.get("sections") or {}).items():
        rendercv_section(resume, str(title), entries or [], reader)
    return resume


def _dates(entry: dict[str, Any], reader: Reader, where: str) -> dict[str, Any]:
    """An entry's dates as JSON Resume's; one in words ("Fall 2023") is listed unplaced."""
    for key in ("date", "start_date", "end_date"):
        value = entry.get(key)
        if value and str(value) != "present" and not re.match(r"^\d{4}(-\d{1,2})?", str(value)):
            reader.unplaced.append(f"{where}.{key}: {value}")
            entry = {k: v for k, v in entry.items() if k != key}
    dates: dict[str, Any] = {}
    if entry.get("date") and not entry.get("start_date"):
        dates["date"] = str(entry["date"])
    if entry.get("start_date"):
        dates["startDate"] = str(entry["start_date"])
    if entry.get("end_date") and str(entry["end_date"]) != "present":
        dates["endDate"] = str(entry["end_date"])
    return dates


def _prose(entry: dict[str, Any]) -> tuple[str, list[str]]:
    return str(entry.get("summary") or ""), [str(h) for h in entry.get("highlights") or []]


def rendercv_section(
    resume: dict[str, Any], title: str, entries: list[Any], reader: Reader
) -> None:
    """One RenderCV section, placed by the type of its entries."""
    where = f"cv.sections.{title}"
    if all(isinstance(entry, str) for entry in entries):  # text or a bullet list
        if not resume["basics"].get("summary"):
            resume["basics"]["summary"] = " ".join(entries)
            reader.normalised.append(f"{where}: its text is the person's summary")
        else:
            reader.unplaced.append(f"{where}: {' '.join(entries)}")
        return
    for index, entry in enumerate(entries):
        at = f"{where}[{index}]"
        if not isinstance(entry, dict):
            reader.unplaced.append(f"{at}: {entry}")
            continue
        summary, highlights = _prose(entry)
        dates = _dates(entry, reader, at)
        if "company" in entry and "position" in entry:  # an experience entry
            item = {"name": entry["company"], "position": entry["position"], **dates}
            item |= {"location": entry["location"]} if entry.get("location") else {}
            item |= {"summary": summary} if summary else {}
            item |= {"highlights": highlights} if highlights else {}
            resume.setdefault("work", []).append(item)
        elif "institution" in entry:  # an education entry
            item = {"institution": entry["institution"], "area": entry.get("area", "")}
            item |= {"studyType": entry["degree"]} if entry.get("degree") else {}
            item |= dates
            if highlights:
                item["courses"] = highlights
            if summary:
                reader.unplaced.append(f"{at}.summary: {summary}")
            resume.setdefault("education", []).append(item)
        elif "authors" in entry and "title" in entry:  # a publication entry
            item = {"name": entry["title"], "publisher": entry.get("journal", ""), **dates}
            item["releaseDate"] = item.pop("date", item.pop("startDate", ""))
            if entry.get("doi"):
                item["url"] = f"https://doi.org/{entry['doi']}"
            elif entry.get("url"):
                item["url"] = entry["url"]
            item["summary"] = ", ".join(map(str, entry["authors"]))
            resume.setdefault("publications", []).append(item)
        elif "label" in entry and "details" in entry:  # a one-line entry: a skill group
            keywords = [k.strip() for k in str(entry["details"]).split(",")]
            resume.setdefault("skills", []).append({"name": entry["label"], "keywords": keywords})
        elif "name" in entry:  # a normal entry: a project
            item = {"name": entry["name"], **dates}
            if "date" in item:
                item["startDate"] = item["endDate"] = item.pop("date")
            item |= {"description": summary} if summary else {}
            item |= {"highlights": highlights} if highlights else {}
            if entry.get("location"):
                reader.unplaced.append(f"{at}.location: {entry['location']}")
            resume.setdefault("projects", []).append(item)
        elif "bullet" in entry:  # a bullet entry
            reader.unplaced.append(f"{at}: {entry['bullet']}")
        elif "number" in entry or "reversed_number" in entry:
            reader.unplaced.append(f"{at}: {entry.get('number') or entry.get('reversed_number')}")
        else:
            reader.unplaced.append(f"{at}: {entry}")


# -- Writing the site --------------------------------------------------------------


def configured(text: str, owner: tuple[str, ...]) -> str:
    """This site's configuration in another person's name: ``owner`` says each of
    :data:`OWNER` their way."""
    for mine, theirs in zip(OWNER, owner, strict=True):
        text = text.replace(mine, theirs)
    return text


def write(resume: dict[str, Any], into: Path, root: Path, reader: Reader | None = None) -> Site:
    """Write a new site for ``resume`` (JSON Resume) into ``into``, which must be empty."""
    if into.exists() and (not into.is_dir() or any(into.iterdir())):
        raise ImportError_(
            f"{into} already holds files; nothing was written. Name a new folder, or an empty one"
        )
    site = Site(resume)
    if reader is not None:
        site.reader = reader
    site.build()
    basics = resume["basics"]
    owner = (
        site.name,
        slugify(site.name),
        basics["email"].rpartition("@")[2],
        str(site.meta.get("lastModified", ""))[:10] or datetime.date.today().isoformat(),
        f", {text(basics['label'])}." if basics.get("label") else ".",
    )
    into.mkdir(parents=True, exist_ok=True)
    for name in ENGINE:
        source = root / name
        if source.is_dir():
            shutil.copytree(
                source,
                into / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules"),
            )
        elif source.is_file():
            shutil.copy2(source, into / name)
    (into / OWNERS_CARD).unlink(missing_ok=True)
    conf = configured((root / "conf.py").read_text(encoding="utf-8"), owner)
    conf = conf.replace('ogp_image = "_static/og-card.png"', "ogp_image = None")
    # The résumé's text is typeset already: its quotes and dashes stay as written.
    if "\nsmartquotes = False\n" not in conf:  # a site started from one started so has it
        conf += (
            "\n# Imported: the résumé's own quotes and dashes, as written.\nsmartquotes = False\n"
        )
    pages = sorted({path.partition("/")[0] for path in site.files})
    patterns = [p if p.endswith(".md") else f"{p}/**" for p in pages]
    conf = re.sub(
        r"^include_patterns = \[[^\]]*\]", f"include_patterns = {patterns!r}", conf, flags=re.M
    )
    (into / "conf.py").write_text(conf, encoding="utf-8")
    for name in ("Makefile", ".readthedocs.yaml"):
        path = into / name
        path.write_text(configured(path.read_text(encoding="utf-8"), owner), encoding="utf-8")
    for name, page in site.files.items():
        path = into / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    return site


def read(source: Path) -> tuple[dict[str, Any], Reader]:
    """The résumé in ``source`` as JSON Resume: a JSON Resume file, or RenderCV's YAML."""
    reader = Reader()
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".json":
        return json.loads(text), reader
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "cv" not in data:
        raise ImportError_(
            f"{source}: neither a JSON Resume file (.json) nor a RenderCV file (cv:)"
        )
    for key in data:
        if key != "cv":
            reader.normalised.append(f"{key}: RenderCV's settings; this site has its own")
    return from_rendercv(data["cv"], reader), reader


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not all(args):
        print(
            "make import: give FROM=path/to/resume.json (or .yaml) INTO=new-folder", file=sys.stderr
        )
        return 2
    source, into = Path(args[0]), Path(args[1])
    try:
        resume, reader = read(source)
        site = write(resume, into, Path.cwd(), reader)
    except (ImportError_, OSError, ValueError, json.JSONDecodeError, yaml.YAMLError) as error:
        print(f"make import: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {len(site.files)} pages and this site's engine into {into}")
    for note in site.reader.normalised:
        print(f"  changed: {note}")
    for note in site.reader.unplaced:
        print(f"  not placed (add it by hand): {note}")
    print(f"Next: cd {into} && make html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
