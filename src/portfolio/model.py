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

from typing import Annotated, Any, Literal

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
    authors: Annotated[
        list[Text], Meta(min_length=1, description="As the paper credits them; he is one.")
    ]
    venue: Text
    place: Text
    date: When
    url: Https
    role: Annotated[Slug, Meta(description="The id of the role on this page it came from.")]
    summary: Annotated[Text, Meta(description="One sentence on what it found.")]


class Degree(Struct, forbid_unknown_fields=True):
    """A degree; a résumé often gives only the year earned."""

    institution: Text
    url: Https
    degree: Annotated[Text, Meta(examples=["Bachelor of Science"])]
    area: Annotated[Text, Meta(examples=["Computer Science"])]
    end: Year
    start: Year | None = None


#: The résumé's sections, in the full résumé's order.
Section = Literal["experience", "education", "publications", "skills", "projects"]
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
        list[Section], Meta(description="Which sections, in this order (default: all).")
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
Links = Annotated[list[Link], Meta(min_length=1)]


class Employer(Page, tag="employer"):
    """An employer, in work/: its roles, newest first on the résumé."""

    links: Links
    roles: Annotated[list[Role], Meta(min_length=1)]
    summary: Summary = ""
    skills: Skills = []
    publications: list[Publication] = []
    draft: Draft = False


class Project(Page, tag="project"):
    """A write-up of a side project, in play/."""

    links: Links
    start: When
    end: Until
    skills: Skills
    summary: Summary
    tags: Annotated[
        list[Slug],
        Meta(description="Words a tailored résumé keeps or drops it by; never shown."),
    ] = []
    draft: Draft = False


class SkillsPage(Page, tag="skills"):
    """The skills page: the catalogue every skill id comes from."""

    skills: Annotated[list[Skill], Meta(description="Every skill, by group.")]
    summary: Summary = ""


class Person(Page, tag="person"):
    """The landing page: whom the site is about; its title is his name."""

    headline: Annotated[
        Text, Meta(description="What he does, in a few words.", examples=["Software Engineer"])
    ]
    location: Annotated[Text, Meta(description="Where he works.", examples=["New York City"])]
    summary: Summary
    email: Annotated[
        str, Meta(pattern=EMAIL, description="His address.", examples=["someone@example.org"])
    ]
    website: Annotated[Https, Meta(description="His own site.")]
    github: Annotated[
        str, Meta(pattern=GITHUB_PROFILE, description="The GitHub profile's address.")
    ]
    blog: Annotated[Https, Meta(description="His blog.")]


class School(Page, tag="school"):
    """A school: its degrees."""

    education: Annotated[list[Degree], Meta(min_length=1)]
    summary: Summary = ""


class Resume(Page, tag="resume"):
    """The résumé page, and the résumés tailored from it."""

    summary: Summary = ""
    variants: list[Variant] = []


#: Every kind of page, by the value of its ``kind``.
KINDS: dict[str, type[Page]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (Employer, Project, SkillsPage, Person, School, Resume)
}
#: The front matter of any page with facts.
FrontMatter = Employer | Project | SkillsPage | Person | School | Resume
