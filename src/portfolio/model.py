"""The front matter, declared once: what each kind of page may say, and what it means.

Each kind of page is a msgspec ``Struct`` tagged by ``kind``, each field typed and
described in a line. These Structs are the records the extension reads (a page's
roles, skills, papers, entries), and what they derive (a role's :class:`Span`, an
employer's, a person's every profile) is a property beside the fields it comes
from. From the same declarations:

* ``make schema`` writes the JSON Schema (``schema/front-matter.schema.json``)
  that editors and the tests check front matter against, and the README's table
  of fields;
* :mod:`.frontmatter` reads the YAML into these Structs, checking each value as
  its field's type says and saying every mistake at once with its file and line
  (a schema validator stops at the first, and cannot say "the role ids on this
  page"); where a mistake needs its own words, the type carries them
  (``Meta(extra={"invalid": …})``, which the schema leaves out).

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
from typing import Annotated, Any, ClassVar, Literal

import msgspec
from msgspec import Meta, Struct, field

# -- Values ---------------------------------------------------------------------

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HTTPS = r"^https://"
EMAIL = r"^[^@\s:/]+@[^@\s/]+\.[a-z]{2,}$"
GITHUB_PROFILE = r"^https://github\.com/[A-Za-z0-9-]+/?$"

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS = tuple(name[:3] for name in _MONTH_NAMES)


@dataclasses.dataclass(frozen=True, order=True)
class Date:
    """A year, or a year and month: the precision a résumé states."""

    year: int
    month: int = 0  # 0: the whole year

    def __str__(self) -> str:
        return f"{_MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    @property
    def long(self) -> str:
        """The month written out, as a citation gives it: "March 2007"."""
        return f"{_MONTH_NAMES[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def value(self) -> int | str:
        """As front matter holds it: a year, or "2019-04"."""
        return self.iso if self.month else self.year

    @classmethod
    def of(cls, value: int | str | None) -> Date | None:
        """The date a checked field holds (:attr:`value`); ``None`` for none or "present"."""
        if value is None or value == "present":
            return None
        year, _, month = str(value).partition("-")
        return cls(int(year), int(month or 0))


@dataclasses.dataclass(frozen=True)
class Span:
    """From ``start`` to ``end``; an ``end`` of ``None`` means "present"."""

    start: Date
    end: Date | None

    def __str__(self) -> str:
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}\u2013{self.end or 'present'}"

    @property
    def sort_key(self) -> tuple[Date, Date]:
        """Newest first sorts on this, descending: ongoing work leads."""
        return (self.end or Date(9999), self.start)

    @classmethod
    def covering(cls, spans: list[Span]) -> Span | None:
        """From the first start to the last end, or "present" if any goes on; ``None``
        for no spans."""
        if not spans:
            return None
        ends = [span.end for span in spans]
        end = None if None in ends else max(date for date in ends if date)
        return cls(min(span.start for span in spans), end)

    @classmethod
    def of(cls, start: int | str, end: int | str) -> Span:
        """The span of two checked fields: a :data:`When` and an :data:`Until`."""
        begun = Date.of(start)
        assert begun is not None  # a When is never "present"
        return cls(begun, Date.of(end))


def invalid(words: str) -> Meta:
    """What a mistake in a value of this type says after the value: the reader's words
    where the type's own would not tell the author the fix."""
    return Meta(extra={"invalid": words})


Text = Annotated[str, Meta(min_length=1, description="Non-empty text.")]
Slug = Annotated[
    str,
    Meta(
        pattern=SLUG,
        description="An id: lowercase letters and digits, words joined by single hyphens.",
        examples=["ci-cd"],
    ),
]
#: An id among others, or a tag: each once in its list.
Tag = Annotated[
    Slug, invalid("is not an id or tag; use lowercase letters, digits and single hyphens")
]
SkillId = Annotated[Slug, invalid("is not a skill id; use the ids of the skills page")]
Https = Annotated[
    str,
    Meta(pattern=HTTPS, description="An address, https only.", examples=["https://example.org/"]),
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


class Link(Struct, forbid_unknown_fields=True, frozen=True):
    """A link the page's facts show: the first is the employer's or project's own."""

    title: Annotated[str, Meta(min_length=1, description="What the link says.")]
    url: Annotated[
        str,
        Meta(
            pattern=r"^(https://|mailto:)",
            description="Where it goes: https, or a mailto: address.",
            extra={"invalid": "must start with https://"},
        ),
    ]


class Role(Struct, forbid_unknown_fields=True, frozen=True):
    """One position held at the employer; ```{position} id``` writes its prose."""

    id: Annotated[Slug, Meta(description="Its anchor, unique across the site.")]
    title: Annotated[Text, Meta(description="The position, as the résumé names it.")]
    start: When
    end: Until
    skills: Annotated[tuple[SkillId, ...], Meta(description="Skill ids from the skills page.")]
    tags: Annotated[
        tuple[Tag, ...],
        Meta(description="Words a tailored résumé keeps or drops it by; never shown."),
    ] = ()

    @property
    def span(self) -> Span:
        return Span.of(self.start, self.end)


class Skill(Struct, forbid_unknown_fields=True, frozen=True):
    """One entry of the skills catalogue; its anchor is skill-<id>."""

    id: Annotated[Slug, Meta(description="What roles and write-ups name it by.")]
    name: Annotated[Text, Meta(description="The skill as shown.")]
    group: Annotated[Slug, Meta(description="Its group on the skills page and résumé.")]
    note: Annotated[Text, Meta(description="A few words on where it was used.")] = ""

    @property
    def label(self) -> str:
        return f"skill-{self.id}"


class Publication(Struct, forbid_unknown_fields=True, frozen=True):
    """A paper written in a role; ```{publication} id``` cites it."""

    id: Annotated[Slug, Meta(description="Its anchor.")]
    title: Text
    venue: Annotated[
        Text, Meta(description="Where it appeared: a conference, journal or publisher.")
    ]
    date: When
    authors: Annotated[
        tuple[Text, ...],
        Meta(min_length=1, description="As the paper credits them; the person is one of them."),
        invalid("must list each author's name, as the paper credits them"),
    ] = ()
    place: Text = ""
    url: Https = ""
    role: Annotated[
        Slug, Meta(description="The id of the role on this employer page it came from.")
    ] = ""
    summary: Annotated[Text, Meta(description="One sentence on what it found.")] = ""

    @property
    def published(self) -> Date:
        found = Date.of(self.date)
        assert found is not None  # a When is never "present"
        return found


class Degree(Struct, forbid_unknown_fields=True, frozen=True):
    """A degree; a résumé often gives only the year earned."""

    institution: Text
    degree: Annotated[Text, Meta(examples=["Bachelor of Science"])]
    end: Until
    url: Https = ""
    area: Annotated[Text, Meta(examples=["Computer Science"])] = ""
    start: When | None = None
    score: Annotated[Text, Meta(description="A grade or grade point average.")] = ""
    courses: Annotated[tuple[Text, ...], Meta(description="Courses worth naming.")] = ()

    @property
    def began(self) -> Date | None:
        return Date.of(self.start)

    @property
    def earned(self) -> Date | None:
        """``None`` while still studying."""
        return Date.of(self.end)


class SkillGroup(Struct, forbid_unknown_fields=True, frozen=True):
    """A group of the skills catalogue, named as the page and résumé show it."""

    id: Annotated[Slug, Meta(description="The group its skills name.")]
    name: Annotated[Text, Meta(description="The group as shown.")]
    level: Annotated[Text, Meta(description="How well, in a word.", examples=["Master"])] = ""


class Profile(Struct, forbid_unknown_fields=True, frozen=True):
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
    tuple[Tag, ...],
    Meta(description="Words a tailored résumé keeps or drops it by; never shown."),
]


class Entry(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """An entry of a section; with an ``id``, a tailored résumé can name it alone."""

    id: Annotated[Slug, Meta(description="Its anchor, and what a tailored résumé names it by.")] = (
        ""
    )
    tags: Tags = ()


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
    highlights: Annotated[tuple[Text, ...], Meta(description="What was done, a line each.")] = ()


class Language(Entry):
    """A language spoken."""

    language: Annotated[Text, Meta(examples=["English"])]
    fluency: Annotated[Text, Meta(examples=["Native speaker"])] = ""


class Interest(Entry):
    """Something pursued outside work."""

    name: Annotated[Text, Meta(examples=["Amateur radio"])]
    keywords: tuple[Text, ...] = ()


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


class Variant(Struct, forbid_unknown_fields=True, frozen=True):
    """A résumé tailored from the same facts: untagged things are kept, a tagged one
    when 'keep' names it or its tag, whatever 'drop' names goes."""

    name: Annotated[Slug, Meta(description="Its files: <basename>-<name>.pdf, .txt, .json.")]
    title: Annotated[Text, Meta(description="How the résumé page offers it.")]
    pages: Annotated[
        PageLimit,
        Meta(description="Its page limit; past it the build fails."),
        invalid("is not a page limit; a résumé runs 1 or 2 pages"),
    ]
    publish: Annotated[
        bool,
        Meta(description="Link it from the résumé page; else only in _build/resume/."),
        invalid(
            "is not true or false; 'publish: true' links it from the résumé page, or delete"
            " the line to keep it to yourself"
        ),
    ] = False
    sections: Annotated[
        tuple[
            Annotated[
                ResumeSection,
                invalid(f"is not a section of the résumé; sections: {', '.join(resume_order())}"),
            ],
            ...,
        ],
        Meta(min_length=1, description="Which sections, in this order (default: all)."),
    ] = ()
    keep: Annotated[tuple[Tag, ...], Meta(description="Ids or tags of tagged things to keep.")] = ()
    drop: Annotated[tuple[Tag, ...], Meta(description="Ids or tags to leave out.")] = ()

    @property
    def order(self) -> tuple[str, ...]:
        """Its sections, in its order: all of them, as the full résumé orders them, if it
        lists none."""
        return self.sections or resume_order()


# -- Pages ----------------------------------------------------------------------


class Page(Struct, forbid_unknown_fields=True, tag_field="kind", kw_only=True, frozen=True):
    """What every page with facts says, and the keys that belong to Sphinx, MyST or furo.

    What one kind declares, any page may be asked: on a page of another kind it is
    empty (the class attributes below), so code that walks every page reads each alike.
    """

    title: Annotated[Text, Meta(description="The page title, as typed; unique across the site.")]
    html_meta: Annotated[dict[str, str], Meta(description="MyST: extra <meta> tags.")] = {}
    myst: Annotated[dict[str, Any], Meta(description="MyST: settings for this page.")] = {}
    orphan: Annotated[bool, Meta(description="Sphinx: in no table of contents.")] = False
    nosearch: Annotated[bool, Meta(description="Sphinx: left out of search.")] = False
    tocdepth: Annotated[int, Meta(description="Sphinx: depth of its table of contents.")] = 0
    hide_toc: Annotated[bool, Meta(description="furo: no table of contents aside.")] = field(
        default=False, name="hide-toc"
    )

    summary: ClassVar[str] = ""
    links: ClassVar[tuple[Link, ...]] = ()
    skills: ClassVar[tuple[str, ...]] = ()
    roles: ClassVar[tuple[Role, ...]] = ()
    publications: ClassVar[tuple[Publication, ...]] = ()
    education: ClassVar[tuple[Degree, ...]] = ()
    catalogue: ClassVar[tuple[Skill, ...]] = ()
    groups: ClassVar[tuple[SkillGroup, ...]] = ()
    variants: ClassVar[tuple[Variant, ...]] = ()
    entries: ClassVar[tuple[Entry, ...]] = ()
    tags: ClassVar[tuple[str, ...]] = ()
    draft: ClassVar[bool] = False
    publish: ClassVar[bool] = False

    @property
    def kind(self) -> str:
        return str(type(self).__struct_config__.tag)

    @property
    def span(self) -> Span | None:
        """When the work it tells of was done, if it is dated."""
        return None

    @property
    def person(self) -> Person | None:
        """Whom the site is about, on the page of ``kind: person``."""
        return None

    @property
    def own_url(self) -> str:
        """The employer's or project's own address: the first of its links, if any."""
        return self.links[0].url if self.links else ""

    @property
    def all_skills(self) -> tuple[str, ...]:
        """Skills of the page and of its roles, each once, in first-seen order."""
        return tuple(dict.fromkeys([*self.skills, *(s for r in self.roles for s in r.skills)]))

    @property
    def details(self) -> tuple[str, ...]:
        """Optional words that only some outputs show (a facts box): an employer's
        description and location, a project's keywords, parts, entity and type."""
        return ()


Summary = Annotated[Text, Meta(description="One sentence for listings and link previews.")]
Draft = Annotated[
    bool,
    Meta(description="true keeps the page out of the site but for make serve; delete to publish."),
    invalid(
        "is not true or false; write 'draft: true' to keep the page out of the site, or"
        " delete the line to publish it"
    ),
]
Skills = Annotated[tuple[SkillId, ...], Meta(description="Skill ids from the skills page.")]
Links = Annotated[tuple[Link, ...], Meta(min_length=1)]


class Employer(Page, tag="employer"):
    """An employer, in work/: its roles, newest first on the résumé."""

    roles: Annotated[tuple[Role, ...], Meta(min_length=1)]
    links: Links = ()
    summary: Summary = ""
    description: Annotated[Text, Meta(description="What the organisation is or does.")] = ""
    location: Annotated[Text, Meta(description="Where the work was done.")] = ""
    skills: Skills = ()
    publications: tuple[Publication, ...] = ()
    draft: Draft = False

    @property
    def span(self) -> Span | None:
        """From its first role's start to its last role's end, or "present"."""
        return Span.covering([role.span for role in self.roles])

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(filter(None, (self.description, self.location)))


class Project(Page, tag="project"):
    """A write-up of a side project, in play/."""

    start: When
    end: Until
    skills: Skills
    summary: Summary
    links: Links = ()
    keywords: Annotated[
        tuple[Text, ...],
        Meta(description="Technologies it used that are not on the skills page."),
    ] = ()
    parts: Annotated[
        tuple[Text, ...],
        Meta(description="The parts the person played.", extra={"resume": "roles"}),
    ] = ()
    entity: Annotated[Text, Meta(description="Whom it was for or with.")] = ""
    type: Annotated[
        Text, Meta(description="What kind of project it is.", examples=["application", "talk"])
    ] = ""
    tags: Tags = ()
    draft: Draft = False

    @property
    def span(self) -> Span:
        return Span.of(self.start, self.end)

    @property
    def details(self) -> tuple[str, ...]:
        said = (", ".join(self.keywords), ", ".join(self.parts), self.entity, self.type)
        return tuple(filter(None, said))


class SkillsPage(Page, tag="skills"):
    """The skills page: the catalogue every skill id comes from."""

    catalogue: Annotated[tuple[Skill, ...], Meta(description="Every skill, by group.")] = field(
        name="skills"
    )
    groups: Annotated[
        tuple[SkillGroup, ...], Meta(description="Groups' names, if not the id capitalised.")
    ] = ()
    summary: Summary = ""


class Person(Page, tag="person"):
    """The landing page: whom the site is about; its title is the person's name."""

    email: Annotated[
        str,
        Meta(pattern=EMAIL, description="The e-mail address.", examples=["someone@example.org"]),
        invalid("is not an e-mail address; write it bare, like name@example.org"),
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
        str,
        Meta(pattern=GITHUB_PROFILE, description="A GitHub profile's address."),
        invalid("is not a GitHub profile; give https://github.com/<user>"),
    ] = ""
    blog: Annotated[Https, Meta(description="A blog's address.")] = ""
    profiles: tuple[Profile, ...] = ()
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

    @property
    def person(self) -> Person:
        return self

    @property
    def name(self) -> str:
        return self.title

    @property
    def github_user(self) -> str:
        return self.github.rstrip("/").rpartition("/")[2]

    @property
    def accounts(self) -> tuple[Profile, ...]:
        """Every account: GitHub and the blog first, as the front matter names them, then
        its ``profiles``."""
        named = (("GitHub", self.github, self.github_user), ("Blog", self.blog, ""))
        return tuple(Profile(network, url, user) for network, url, user in named if url) + tuple(
            self.profiles
        )


class School(Page, tag="school"):
    """A school: its degrees."""

    education: Annotated[tuple[Degree, ...], Meta(min_length=1)]
    summary: Summary = ""


class Publications(Page, tag="publications"):
    """Papers and articles that came from no one role."""

    publications: Annotated[tuple[Publication, ...], Meta(min_length=1)]
    summary: Summary = ""


class Resume(Page, tag="resume"):
    """The résumé page, and the résumés tailored from it."""

    summary: Summary = ""
    variants: tuple[Variant, ...] = ()


def section_page(section: Section) -> type[Page]:
    """The kind of page that holds a section's entries: ``kind: <name>``, its entries
    under the section's name (``awards:``), which :attr:`Page.entries` reads."""
    entries = Annotated[
        tuple[section.entry, ...],  # type: ignore[name-defined]
        Meta(min_length=1),
        invalid(
            "must list at least one entry; a page with none would show an empty section,"
            " so delete the page instead"
        ),
    ]
    fields: list[tuple[str, Any, Any]] = [
        (section.name, entries, msgspec.NODEFAULT),
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
        frozen=True,
        module=__name__,
        namespace={
            "__doc__": section.description,
            "entries": property(operator.attrgetter(section.name)),
        },
    )


#: The kinds of page of the sections of entries, each named as a class of this module
#: (``AwardPage``): pickle finds a class by its module and name, and Sphinx pickles the
#: environment, which holds every page's facts.
SECTION_PAGES = tuple(section_page(section) for section in SECTIONS)
globals().update({cls.__name__: cls for cls in SECTION_PAGES})
#: Every kind of page, by the value of its ``kind``.
KINDS: dict[str, type[Page]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (Employer, Project, SkillsPage, Person, School, Publications, Resume) + SECTION_PAGES
}
#: The front matter of any page with facts.
FrontMatter = functools.reduce(operator.or_, KINDS.values())
