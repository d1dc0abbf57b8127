"""The career timeline: one bar per role, grouped by employer, drawn at build time.

The chart is a nested list (employers, then their roles, newest first), each
role a link reading "title, dates". That list is what a screen reader reads and
what LaTeX, text and man builders print. HTML builders add two decorations, both
``aria-hidden`` and plain HTML and CSS (no script, no image): a year axis and,
in each link, a bar whose ends are CSS custom properties in years, so the
stylesheet lays it out at any width and on paper.

Links are resolved in a post-transform, through the standard domain's labels
and the builder's own URIs, so they are right at any depth and in every builder.
"""

from __future__ import annotations

import datetime
import math
import os
import re
from collections.abc import Iterable

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .directives import PortfolioDirective
from .frontmatter import Page
from .model import Date, Role

logger = logging.getLogger(__name__)

#: Bars take their colour from their employer, in turn, from this many hues.
HUES = 4
#: Year labels on the axis fall on multiples of this.
TICK_EVERY = 5
_INTERN = re.compile(r"\bintern(ship)?\b", re.IGNORECASE)


class timeline(nodes.General, nodes.Element):
    """The whole chart; ``years`` is the width of its axis."""


class timeline_axis(nodes.General, nodes.Element):
    """The year labels above the bars (HTML only)."""


class timeline_bar(nodes.Inline, nodes.Element):
    """One role's bar, from ``start`` to ``end`` in years after the axis' first (HTML only)."""


class timeline_ref(nodes.Inline, nodes.Element):
    """A link to the label ``target``, keeping its children; resolved by :class:`TimelineLinks`."""


def today() -> datetime.date:
    """The build date; SOURCE_DATE_EPOCH makes it reproducible, as for Sphinx's own dates."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def year_start(date: Date) -> float:
    return date.year + (date.month - 1) / 12 if date.month else date.year


def year_end(date: Date | None, now: datetime.date) -> float:
    """Where a role ends on the axis: a stated year or month is counted whole."""
    if date is None:
        return now.year + (now.timetuple().tm_yday - 1) / 366
    return date.year + date.month / 12 if date.month else date.year + 1


def by_employer(roles: Iterable[tuple[Page, Role]]) -> dict[str, list[Role]]:
    """Roles grouped by employer page, in the order their newest role comes."""
    groups: dict[str, list[Role]] = {}
    titles: dict[str, str] = {}
    for page, role in roles:
        titles[page.docname] = page.title
        groups.setdefault(page.docname, []).append(role)
    return {titles[docname]: group for docname, group in groups.items()}


class TimelineDirective(PortfolioDirective):
    """``{timeline}``: every role as a bar; ``:compact:`` for the landing page."""

    is_view = True
    option_spec = {"compact": directives.flag}

    def sources(self) -> set[str]:
        return {"work"}  # roles live on employer pages only

    def render(self) -> list[nodes.Node]:
        roles = self.catalogue.roles()
        if not roles:
            logger.error(
                "{timeline} has no roles to show; employer pages in work/ list them in their"
                " front matter",
                location=self.get_location(),
            )
            return []
        now = today()
        first = min(role.span.start.year for _, role in roles)
        last = max(math.ceil(year_end(role.span.end, now)) for _, role in roles)
        chart = timeline(
            years=last - first,
            label=f"Career timeline, {first} to present",
            classes=["portfolio-timeline"] + (["tl-compact"] if "compact" in self.options else []),
        )
        self.set_source_info(chart)
        chart += timeline_axis(
            # The first year, then every fifth not so close to it that the labels collide.
            ticks=[(0, first)]
            + [(year - first, year) for year in range(first + 3, last) if year % TICK_EVERY == 0]
        )
        employers = nodes.bullet_list(classes=["tl-employers"])
        for hue, (employer, group) in enumerate(by_employer(roles).items()):
            item = nodes.list_item(classes=["tl-employer", f"tl-hue-{hue % HUES}"])
            item += nodes.paragraph(employer, employer, classes=["tl-employer-name"])
            item += self.role_list(group, first, now)
            employers += item
        chart += employers
        return [chart]

    def role_list(self, roles: list[Role], first: int, now: datetime.date) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["tl-roles"])
        for role in roles:
            link = timeline_ref(target=role.id, classes=["tl-link"])
            self.set_source_info(link)
            label = nodes.inline(classes=["tl-label"])
            label += nodes.inline(role.title, role.title, classes=["tl-title"])
            # Read aloud and printed as "title, dates"; the chart shows them apart.
            label += nodes.inline(", ", ", ", classes=["tl-sep"])
            label += nodes.inline(str(role.span), str(role.span), classes=["tl-dates"])
            link += label
            link += timeline_bar(
                start=round(year_start(role.span.start) - first, 3),
                end=round(year_end(role.span.end, now) - first, 3),
                ongoing=role.span.end is None,
                intern=bool(_INTERN.search(role.title)),
            )
            items += nodes.list_item("", nodes.paragraph("", "", link), classes=["tl-role"])
        return items


class TimelineLinks(SphinxPostTransform):
    """Turn each :class:`timeline_ref` into a reference to its label, for this builder."""

    default_priority = 20

    def run(self) -> None:
        labels = self.env.domains.standard_domain.anonlabels
        for ref in list(self.document.findall(timeline_ref)):
            docname, labelid = labels.get(ref["target"], ("", ""))
            if not docname:
                logger.warning(
                    "{timeline}: role %r has no section to link to; its employer page needs"
                    " a ```{position} %s``` block",
                    ref["target"],
                    ref["target"],
                    location=ref,
                    type="portfolio",
                    subtype="timeline",
                )
                ref.replace_self(ref.children)
                continue
            try:
                uri = self.app.builder.get_relative_uri(self.env.docname, docname)
            except NoUri:  # a builder without pages to link to: keep the words
                ref.replace_self(ref.children)
                continue
            # singlehtml's "#document-<name>#<label>" is repaired with every other
            # reference there, by portfolio.formats.SinglePageAnchors.
            reference = nodes.reference(
                "", "", internal=True, refuri=f"{uri}#{labelid}", classes=ref["classes"]
            )
            reference += ref.children
            ref.replace_self(reference)


# -- HTML ---------------------------------------------------------------------


def visit_timeline_html(self: HTML5Translator, node: timeline) -> None:
    self.body.append(
        self.starttag(
            node,
            "div",
            role="figure",
            **{"aria-label": node["label"]},
            style=f"--tl-years: {node['years']}",
        )
    )


def depart_timeline_html(self: HTML5Translator, node: timeline) -> None:
    self.body.append("</div>\n")


def visit_axis_html(self: HTML5Translator, node: timeline_axis) -> None:
    ticks = "".join(
        f'<span class="tl-tick" style="--at: {at}">{year}</span>' for at, year in node["ticks"]
    )
    self.body.append(
        '<div class="tl-axis" aria-hidden="true"><span></span>'
        f'<span class="tl-axis-years">{ticks}</span></div>\n'
    )
    raise nodes.SkipNode


def visit_bar_html(self: HTML5Translator, node: timeline_bar) -> None:
    classes = (
        "tl-bar"
        + (" tl-ongoing" if node["ongoing"] else "")
        + (" tl-intern" if node["intern"] else "")
    )
    self.body.append(
        '<span class="tl-track" aria-hidden="true">'
        f'<span class="{classes}" style="--from: {node["start"]}; --to: {node["end"]}"></span>'
        "</span>"
    )
    raise nodes.SkipNode


# -- Other builders: the list alone -------------------------------------------


def visit_timeline_other(self: nodes.NodeVisitor, node: timeline) -> None:
    """The full chart prints as its list; the compact one would only repeat it."""
    if "tl-compact" in node["classes"]:
        raise nodes.SkipNode


def depart_timeline_other(self: nodes.NodeVisitor, node: timeline) -> None:
    pass


def skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    others = ("latex", "text", "man", "texinfo")
    app.add_node(
        timeline,
        html=(visit_timeline_html, depart_timeline_html),
        **{name: (visit_timeline_other, depart_timeline_other) for name in others},
    )
    app.add_node(timeline_axis, html=(visit_axis_html, None), **{n: (skip, None) for n in others})
    app.add_node(timeline_bar, html=(visit_bar_html, None), **{n: (skip, None) for n in others})
    app.add_node(timeline_ref)
    app.add_directive("timeline", TimelineDirective)
    app.add_post_transform(TimelineLinks)
