"""The front matter, declared once: what each kind of page may say, and what it means.

Each kind of page is a msgspec ``Struct`` tagged by ``kind``, each field typed and
described in a line. From these:

* ``make schema`` writes the JSON Schema (``schema/front-matter.schema.json``)
  that editors and the tests check front matter against, and the README's table
  of fields;
* :mod:`.frontmatter` takes which fields each kind requires and allows, and reads
  the YAML into records, saying every mistake at once with its file and line (a
  schema validator stops at the first, and cannot say "the role ids on this page").

msgspec was chosen over pydantic, attrs with cattrs, and a hand-written schema:
it exports JSON Schema (with descriptions, patterns, defaults and ``kind`` as a
discriminator), is strict (``draft: "yes"`` is text, not true), and costs a
build 31 ms to import and use, against 175 ms for pydantic and 112 ms for
jsonschema (README, "Front matter").
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct, field

# -- Values ---------------------------------------------------------------------

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL = r"^[^@\s:/]+@[^@\s/]+\.[a-z]{2,}$"
GITHUB_PROFILE = r"^https://github\.com/[A-Za-z0-9-]+/?$"

Text = Annotated[str, Meta(min_length=1, description="Non-empty text.")]
Slug = Annotated[
    str,
    Meta(
        pattern=SLUG,
        description="An id: lowercase letters and digits, words joined by single hyphens.",
        examples=["ci-cd"],
    ),
]
Https = Annotated[
    str,
    Meta(
        pattern=r"^https://",
        description="An address, https only.",
        examples=["https://example.org/"],
    ),
]
Year = Annotated[int, Meta(ge=1000, le=9999, description="A year.", examples=[2019])]
YearMonth = Annotated[
    str,
    Meta(
        pattern=r"^\d{4}-(0?[1-9]|1[0-2])$",
        description="A year and month.",
        examples=["2019-04"],
    ),
]
When = Annotated[
    Year | YearMonth,
    Meta(description="A year (2019) or a year and month (2019-04): the precision a résumé states."),
]
Until = Annotated[
    Year | YearMonth | Literal["present"],
    Meta(description="A year, a year and month, or 'present'."),
]


# -- Parts of a page ------------------------------------------------------------


class Link(Struct, forbid_unknown_fields=True):
    """A link the page's facts show: the first is the employer's or project's own."""

    title: Annotated[str, Meta(min_length=1, description="What the link says.")]
    url: Annotated[Https, Meta(description="Where it goes, https only.")]


class Role(Struct, forbid_unknown_fields=True):
    """One position held at the employer; ```{position} id``` writes its prose."""

    id: Annotated[Slug, Meta(description="Its anchor, unique across the site.")]
    title: Annotated[Text, Meta(description="The position, as the résumé names it.")]
    start: When
    end: Until
    skills: Annotated[list[Slug], Meta(description="Skill ids from the skills page.")]
    tags: Annotated[
        list[Slug],
        Meta(description="Words a tailored résumé keeps or drops it by; never shown."),
    ] = []


class Skill(Struct, forbid_unknown_fields=True):
    """One entry of the skills catalogue; its anchor is skill-<id>."""

    id: Annotated[Slug, Meta(description="What roles and write-ups name it by.")]
    name: Annotated[Text, Meta(description="The skill as shown.")]
    group: Annotated[Slug, Meta(description="Its group on the skills page and résumé.")]
    note: Annotated[Text, Meta(description="A few words on where it was used.")] = ""


class Publication(Struct, forbid_unknown_fields=True):
    """A paper written in a role; ```{publication} id``` cites it."""

    id: Annotated[Slug, Meta(description="Its anchor.")]
    title: Text
    venue: Annotated[
        Text, Meta(description="Where it appeared: a conference, journal or publisher.")
    ]
    date: When
    authors: Annotated[
        list[Text],
        Meta(description="As the paper credits them; the person is one of them."),
    ] = []
    place: Text = ""
    url: Https = ""
    role: Annotated[
        Slug, Meta(description="The id of the role on this employer page it came from.")
    ] = ""
    summary: Annotated[Text, Meta(description="One sentence on what it found.")] = ""


class Degree(Struct, forbid_unknown_fields=True):
    """A degree; a résumé often gives only the year earned."""

    institution: Text
    degree: Annotated[Text, Meta(examples=["Bachelor of Science"])]
    end: Until
    url: Https = ""
    area: Annotated[Text, Meta(examples=["Computer Science"])] = ""
    start: When | None = None
    score: Annotated[Text, Meta(description="A grade or grade point average.")] = ""
    courses: Annotated[list[Text], Meta(description="Courses worth naming.")] = []


class SkillGroup(Struct, forbid_unknown_fields=True):
    """A group of the skills catalogue, named as the page and résumé show it."""

    id: Annotated[Slug, Meta(description="The group its skills name.")]
    name: Annotated[Text, Meta(description="The group as shown.")]
    level: Annotated[Text, Meta(description="How well, in a word.", examples=["Master"])] = ""


class Profile(Struct, forbid_unknown_fields=True):
    """An account elsewhere: any network."""

    network: Annotated[Text, Meta(examples=["GitHub", "Mastodon"])]
    url: Https
    username: Text = ""


# -- Sections of entries -----------------------------------------------------------
#
# Each section below is declared once, here: the entry's fields (what an author may
# write, and with ``resume`` in a field's ``extra`` its name in resume.json) and a
# :class:`Section` saying how every output shows an entry. The reader, the JSON
# Schema, the README's table, the section's page, the résumé page, the PDF, the text,
# the tailored résumés, resume.json and the JSON-LD all take it from there.


def resume_name(name: str) -> Meta:
    """A field that resume.json (JSON Resume) calls ``name``."""
    return Meta(extra={"resume": name})


Start = Annotated[When, resume_name("startDate")]
End = Annotated[Until, resume_name("endDate")]
Tags = Annotated[
    list[Slug], Meta(description="Words a tailored résumé keeps or drops it by; never shown.")
]


class Entry(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """An entry of a section; with an ``id``, a tailored résumé can name it alone."""

    id: Annotated[Slug, Meta(description="Its anchor, and what a tailored résumé names it by.")] = (
        ""
    )
    tags: Tags = []


class Award(Entry):
    """A prize or honour."""

    title: Annotated[Text, Meta(examples=["Engineer of the Year"])]
    date: When | None = None
    awarder: Annotated[Text, Meta(description="Who gave it.")] = ""
    summary: Annotated[Text, Meta(description="What it was for.")] = ""


class Certificate(Entry):
    """A certification or licence."""

    name: Annotated[Text, Meta(examples=["Certified Kubernetes Administrator"])]
    date: When | None = None
    issuer: Annotated[Text, Meta(description="Who issued it.")] = ""
    url: Annotated[Https, Meta(description="Where it can be checked.")] = ""


class Volunteering(Entry):
    """Unpaid work for an organisation."""

    organization: Text
    position: Text
    start: Start
    end: End = "present"
    url: Https = ""
    summary: Text = ""
    highlights: Annotated[list[Text], Meta(description="What was done, a line each.")] = []


class Language(Entry):
    """A language spoken."""

    language: Annotated[Text, Meta(examples=["English"])]
    fluency: Annotated[Text, Meta(examples=["Native speaker"])] = ""


class Interest(Entry):
    """Something pursued outside work."""

    name: Annotated[Text, Meta(examples=["Amateur radio"])]
    keywords: list[Text] = []


class Reference(Entry):
    """Someone's word for the person; published only when the page says so."""

    name: Annotated[Text, Meta(description="Who gives it.")]
    reference: Annotated[Text, Meta(description="What they say.")]


class Talk(Entry):
    """A talk given: where, when, and its slides and recording."""

    title: Text
    event: Annotated[Text, Meta(examples=["SREcon23 Americas"])]
    date: When | None = None
    place: Annotated[Text, Meta(examples=["Santa Clara, CA"])] = ""
    summary: Text = ""
    slides: Annotated[Https, Meta(description="The slides' address.")] = ""
    video: Annotated[Https, Meta(description="The recording's address.")] = ""


@dataclasses.dataclass(frozen=True)
class Section:
    """How every output shows a section's entries: which fields say what.

    An entry is drawn the same way everywhere: its ``head`` (bold, linked to its
    ``url``), the ``detail`` after it, its ``dates`` at the margin, the ``body``
    paragraph, ``items`` as a list and ``links`` by their label. Fields are named
    as the entry declares them; a list field in ``head`` or ``detail`` is joined
    with commas, and an empty field is left out with its comma.
    """

    #: The front matter key, the kind of its page, the résumé's and resume.json's name.
    name: str
    #: Its heading on the résumé.
    title: str
    entry: type[Entry]
    #: What the page of ``kind: <name>`` is.
    description: str
    head: tuple[str, ...]
    detail: tuple[str, ...] = ()
    #: One date field, or a start and an end.
    dates: tuple[str, ...] = ()
    url: str = ""
    body: str = ""
    items: str = ""
    #: (field, label) of each further link.
    links: tuple[tuple[str, str], ...] = ()
    #: The schema.org property of the Person that holds an entry, and the entry as
    #: JSON-LD: "{field}" is the field's value, and a key left empty goes.
    json_ld: tuple[str, dict[str, Any]] | None = None
    #: Its entries reach no output unless the page says ``publish: true``.
    private: bool = False
    #: The section it follows on the full résumé; empty: last.
    after: str = ""


SECTIONS: tuple[Section, ...] = (
    Section(
        "volunteer",
        "Volunteering",
        Volunteering,
        "Volunteer work, newest first.",
        head=("organization",),
        detail=("position",),
        dates=("start", "end"),
        url="url",
        body="summary",
        items="highlights",
        json_ld=(
            "memberOf",
            {
                "@type": "OrganizationRole",
                "roleName": "{position}",
                "startDate": "{start}",
                "endDate": "{end}",
                "memberOf": {"@type": "Organization", "name": "{organization}", "url": "{url}"},
            },
        ),
        after="experience",
    ),
    Section(
        "talks",
        "Talks",
        Talk,
        "Talks given, newest first.",
        head=("title",),
        detail=("event", "place"),
        dates=("date",),
        body="summary",
        links=(("slides", "Slides"), ("video", "Video")),
        json_ld=(
            "performerIn",
            {
                "@type": "Event",
                "name": "{event}",
                "startDate": "{date}",
                "location": {"@type": "Place", "name": "{place}"},
                "about": "{title}",
            },
        ),
        after="publications",
    ),
    Section(
        "awards",
        "Awards",
        Award,
        "Awards and honours.",
        head=("title",),
        detail=("awarder",),
        dates=("date",),
        body="summary",
        json_ld=("award", {"@value": "{title}"}),
        after="talks",
    ),
    Section(
        "certificates",
        "Certificates",
        Certificate,
        "Certifications and licences.",
        head=("name",),
        detail=("issuer",),
        dates=("date",),
        url="url",
        json_ld=(
            "hasCredential",
            {
                "@type": "EducationalOccupationalCredential",
                "name": "{name}",
                "url": "{url}",
                "dateCreated": "{date}",
                "recognizedBy": {"@type": "Organization", "name": "{issuer}"},
            },
        ),
        after="awards",
    ),
    Section(
        "languages",
        "Languages",
        Language,
        "Languages spoken, and how well.",
        head=("language",),
        detail=("fluency",),
        json_ld=("knowsLanguage", {"@type": "Language", "name": "{language}"}),
        after="skills",
    ),
    Section(
        "interests",
        "Interests",
        Interest,
        "Interests outside work.",
        head=("name",),
        detail=("keywords",),
        after="projects",
    ),
    Section(
        "references",
        "References",
        Reference,
        "References: published only with 'publish: true', once the referees agree.",
        head=("name",),
        body="reference",
        private=True,
        after="interests",
    ),
)

#: The sections that are not entries of a :class:`Section`, in the full résumé's order.
LEGACY_ORDER = ("experience", "education", "publications", "skills", "projects")


def resume_order() -> tuple[str, ...]:
    """Every section of the résumé, in the full résumé's order: each of
    :data:`SECTIONS` after the one its ``after`` names."""
    order = list(LEGACY_ORDER)
    for section in SECTIONS:
        order.insert(order.index(section.after) + 1 if section.after else len(order), section.name)
    return tuple(order)


#: The résumé's sections, in the full résumé's order.
ResumeSection = Literal[resume_order()]  # type: ignore[valid-type]
#: A résumé runs one page or two.
PageLimit = Literal[1, 2]


class Variant(Struct, forbid_unknown_fields=True):
    """A résumé tailored from the same facts: untagged things are kept, a tagged one
    when 'keep' names it or its tag, whatever 'drop' names goes."""

    name: Annotated[Slug, Meta(description="Its files: <basename>-<name>.pdf, .txt, .json.")]
    title: Annotated[Text, Meta(description="How the résumé page offers it.")]
    pages: Annotated[PageLimit, Meta(description="Its page limit; past it the build fails.")]
    publish: Annotated[
        bool, Meta(description="Link it from the résumé page; else only in _build/resume/.")
    ] = False
    sections: Annotated[
        list[ResumeSection], Meta(description="Which sections, in this order (default: all).")
    ] = []
    keep: Annotated[list[Slug], Meta(description="Ids or tags of tagged things to keep.")] = []
    drop: Annotated[list[Slug], Meta(description="Ids or tags to leave out.")] = []


# -- Pages ----------------------------------------------------------------------


class Page(Struct, forbid_unknown_fields=True, tag_field="kind", kw_only=True):
    """What every page with facts says, and the keys that belong to Sphinx, MyST or furo."""

    title: Annotated[Text, Meta(description="The page title, as typed; unique across the site.")]
    html_meta: Annotated[dict[str, str], Meta(description="MyST: extra <meta> tags.")] = {}
    myst: Annotated[dict[str, Any], Meta(description="MyST: settings for this page.")] = {}
    orphan: Annotated[bool, Meta(description="Sphinx: in no table of contents.")] = False
    nosearch: Annotated[bool, Meta(description="Sphinx: left out of search.")] = False
    tocdepth: Annotated[int, Meta(description="Sphinx: depth of its table of contents.")] = 0
    hide_toc: Annotated[bool, Meta(description="furo: no table of contents aside.")] = field(
        default=False, name="hide-toc"
    )


Summary = Annotated[Text, Meta(description="One sentence for listings and link previews.")]
Draft = Annotated[
    bool,
    Meta(description="true keeps the page out of the site but for make serve; delete to publish."),
]
Skills = Annotated[list[Slug], Meta(description="Skill ids from the skills page.")]
Links = list[Link]


class Employer(Page, tag="employer"):
    """An employer, in work/: its roles, newest first on the résumé."""

    roles: Annotated[list[Role], Meta(min_length=1)]
    links: Links = []
    summary: Summary = ""
    description: Annotated[Text, Meta(description="What the organisation is or does.")] = ""
    location: Annotated[Text, Meta(description="Where the work was done.")] = ""
    skills: Skills = []
    publications: list[Publication] = []
    draft: Draft = False


class Project(Page, tag="project"):
    """A write-up of a side project, in play/."""

    start: When
    end: Until
    skills: Skills
    summary: Summary
    links: Links = []
    keywords: Annotated[
        list[Text], Meta(description="Technologies it used that are not on the skills page.")
    ] = []
    parts: Annotated[
        list[Text], Meta(description="The parts the person played.", extra={"resume": "roles"})
    ] = []
    entity: Annotated[Text, Meta(description="Whom it was for or with.")] = ""
    type: Annotated[
        Text, Meta(description="What kind of project it is.", examples=["application", "talk"])
    ] = ""
    tags: Tags = []
    draft: Draft = False


class SkillsPage(Page, tag="skills"):
    """The skills page: the catalogue every skill id comes from."""

    skills: Annotated[list[Skill], Meta(description="Every skill, by group.")]
    groups: Annotated[
        list[SkillGroup], Meta(description="Groups' names, if not the id capitalised.")
    ] = []
    summary: Summary = ""


class Person(Page, tag="person"):
    """The landing page: whom the site is about; its title is the person's name."""

    email: Annotated[
        str,
        Meta(pattern=EMAIL, description="The e-mail address.", examples=["someone@example.org"]),
    ]
    headline: Annotated[
        Text,
        Meta(description="What the person does, in a few words.", examples=["Software Engineer"]),
    ] = ""
    summary: Summary = ""
    location: Annotated[
        Text, Meta(description="Where the person works: a city.", examples=["New York City"])
    ] = ""
    website: Annotated[Https, Meta(description="The person's own site, if not this one.")] = ""
    github: Annotated[
        str, Meta(pattern=GITHUB_PROFILE, description="A GitHub profile's address.")
    ] = ""
    blog: Annotated[Https, Meta(description="A blog's address.")] = ""
    profiles: list[Profile] = []
    phone: Annotated[Text, Meta(description="A telephone number, as it is written.")] = ""
    image: Annotated[Https, Meta(description="A photo's address, for resume.json only.")] = ""
    address: Annotated[Text, Meta(description="A street address.")] = ""
    postal_code: Annotated[Text, Meta(description="The address's postal code.")] = ""
    region: Annotated[
        Text, Meta(description="A state, province or region.", examples=["California"])
    ] = ""
    country_code: Annotated[
        Text, Meta(description="The country, as a two-letter code.", examples=["US"])
    ] = ""


class School(Page, tag="school"):
    """A school: its degrees."""

    education: Annotated[list[Degree], Meta(min_length=1)]
    summary: Summary = ""


class Publications(Page, tag="publications"):
    """Papers and articles that came from no one role."""

    publications: Annotated[list[Publication], Meta(min_length=1)]
    summary: Summary = ""


class Resume(Page, tag="resume"):
    """The résumé page, and the résumés tailored from it."""

    summary: Summary = ""
    variants: list[Variant] = []


def section_page(section: Section) -> type[Page]:
    """The kind of page that holds a section's entries: ``kind: <name>``."""
    fields: list[tuple[str, Any, Any]] = [
        (section.name, Annotated[list[section.entry], Meta(min_length=1)], msgspec.NODEFAULT),  # type: ignore[name-defined]
        ("summary", Summary, ""),
    ]
    if section.private:
        fields.append(
            ("publish", Annotated[bool, Meta(description="true, once they agree to it.")], False)
        )
    return msgspec.defstruct(
        f"{section.entry.__name__}Page",
        fields,
        bases=(Page,),
        tag=section.name,
        kw_only=True,
        forbid_unknown_fields=True,
        namespace={"__doc__": section.description},
    )


#: Every kind of page, by the value of its ``kind``.
KINDS: dict[str, type[Page]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (Employer, Project, SkillsPage, Person, School, Publications, Resume)
    + tuple(section_page(section) for section in SECTIONS)
}
#: The front matter of any page with facts.
FrontMatter = functools.reduce(operator.or_, KINDS.values())
