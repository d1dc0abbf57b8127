"""The timeline's arithmetic, its chart as a node tree, its links and its HTML, unbuilt."""

from __future__ import annotations

import datetime
import time
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from sphinx.errors import NoUri

from portfolio import timeline
from portfolio.catalog import Catalogue
from portfolio.model import Date
from portfolio.timeline import (
    TimelineDirective,
    TimelineLinks,
    by_employer,
    today,
    year_end,
    year_start,
)

from .helpers import (
    SOURCE,
    Calls,
    directive,
    document_with,
    employer,
    environment,
    role,
    translator,
)

#: 2024-07-01 12:00 UTC: day 183 of a leap year.
EPOCH = int(datetime.datetime(2024, 7, 1, 12, tzinfo=datetime.UTC).timestamp())

META = employer("work/meta", "Meta", role("meta-pe", "Production Engineer", Date(2019, 5), None))
GOOGLE = employer(
    "work/google",
    "Google",
    role("google-sre", "Site Reliability Engineer", Date(2008), Date(2019, 4)),
    role("google-intern", "Software Engineering Intern", Date(2007), Date(2007)),
)


def catalogue(*pages: Any) -> Catalogue:
    return Catalogue(pages={page.docname: page for page in pages})


# -- Arithmetic ------------------------------------------------------------------------


def test_today_is_the_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert today() == datetime.date(2024, 7, 1)
    # Read in UTC, not local time: a minute before midnight UTC is still that day.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 12 * 3600 - 60))
    assert today() == datetime.date(2024, 7, 1)
    # Local time 14 hours ahead of UTC is already 2 July there.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        assert today() == datetime.date(2024, 7, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_today_without_an_epoch_is_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert today() == datetime.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert today() == datetime.date.today()


def test_a_bar_starts_at_the_start_of_its_first_month_or_year() -> None:
    assert year_start(Date(2019)) == 2019
    assert year_start(Date(2019, 1)) == 2019
    assert year_start(Date(2019, 4)) == 2019.25
    assert year_start(Date(2019, 12)) == 2019 + 11 / 12


def test_a_bar_ends_at_the_end_of_its_last_month_or_year() -> None:
    now = datetime.date(2024, 7, 1)
    assert year_end(Date(2019), now) == 2020
    assert year_end(Date(2019, 3), now) == 2019.25
    assert year_end(Date(2019, 12), now) == 2020
    assert year_end(Date(2019, 1), now) == 2019 + 1 / 12


def test_an_ongoing_bar_ends_today() -> None:
    assert year_end(None, datetime.date(2024, 1, 1)) == 2024
    assert year_end(None, datetime.date(2024, 7, 1)) == 2024 + 182 / 366
    assert year_end(None, datetime.date(2024, 12, 31)) == 2024 + 365 / 366


def test_roles_are_grouped_by_employer_in_order_of_their_newest() -> None:
    roles = catalogue(GOOGLE, META).roles()
    assert by_employer(roles) == {"Meta": list(META.roles), "Google": list(GOOGLE.roles)}
    # Keyed by page, not title: two employers of one name stay apart only by docname.
    twin = employer("work/meta2", "Meta", role("x", "X", Date(2001), Date(2002)))
    assert by_employer([(META, META.roles[0]), (twin, twin.roles[0])]) == {"Meta": [twin.roles[0]]}


# -- The chart --------------------------------------------------------------------------

CHART = """\
<timeline classes="portfolio-timeline" label="Career timeline, 2007 to present" years="18">
    <timeline_axis ticks="(0,\\ 2007) (3,\\ 2010) (8,\\ 2015) (13,\\ 2020)">
    <bullet_list classes="tl-employers">
        <list_item classes="tl-employer tl-hue-0">
            <paragraph classes="tl-employer-name">
                Meta
            <bullet_list classes="tl-roles">
                <list_item classes="tl-role">
                    <paragraph>
                        <timeline_ref classes="tl-link" target="meta-pe">
                            <inline classes="tl-label">
                                <inline classes="tl-title">
                                    Production Engineer
                                <inline classes="tl-sep">
                                    ,\u0020
                                <inline classes="tl-dates">
                                    May 2019–present
                            <timeline_bar end="17.497" intern="0" ongoing="1" start="12.333">
        <list_item classes="tl-employer tl-hue-1">
            <paragraph classes="tl-employer-name">
                Google
            <bullet_list classes="tl-roles">
                <list_item classes="tl-role">
                    <paragraph>
                        <timeline_ref classes="tl-link" target="google-sre">
                            <inline classes="tl-label">
                                <inline classes="tl-title">
                                    Site Reliability Engineer
                                <inline classes="tl-sep">
                                    ,\u0020
                                <inline classes="tl-dates">
                                    2008–Apr 2019
                            <timeline_bar end="12.333" intern="0" ongoing="0" start="1">
                <list_item classes="tl-role">
                    <paragraph>
                        <timeline_ref classes="tl-link" target="google-intern">
                            <inline classes="tl-label">
                                <inline classes="tl-title">
                                    Software Engineering Intern
                                <inline classes="tl-sep">
                                    ,\u0020
                                <inline classes="tl-dates">
                                    2007
                            <timeline_bar end="1" intern="1" ongoing="0" start="0">
"""


def chart(pages: tuple[Any, ...], **options: Any) -> tuple[nodes.Element, Any]:
    env = environment(catalogue(*pages))
    result = directive(TimelineDirective, env, **options).run()
    assert len(result) == 1
    return result[0], env


def test_the_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    node, env = chart((META, GOOGLE))
    assert node.pformat() == CHART
    # The ongoing bar ends on 1 July 2024: 17 years and 182/366 after 2007.
    bars = list(node.findall(timeline.timeline_bar))
    assert [(bar["start"], bar["end"]) for bar in bars] == [
        (12.333, 17.497),
        (1.0, 12.333),
        (0.0, 1.0),
    ]
    assert [bar["ongoing"] for bar in bars] == [True, False, False]
    assert [bar["intern"] for bar in bars] == [False, False, True]
    # Errors about the chart or a link point at the directive.
    located = [node, *node.findall(timeline.timeline_ref)]
    assert [(n.source, n.line) for n in located] == [(SOURCE, 7)] * 4
    # The page is read again when a work page changes, and only then.
    assert env.portfolio_views == {"work/index": {"work"}}


def test_the_compact_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    node, _ = chart((META, GOOGLE), compact=None)
    assert node["classes"] == ["portfolio-timeline", "tl-compact"]
    assert TimelineDirective.option_spec == {"compact": timeline.directives.flag}


def test_the_axis_ends_with_the_last_year_that_has_begun(monkeypatch: pytest.MonkeyPatch) -> None:
    # Day 1 of 2025: the last bar ends at 2025.0 exactly, so the axis stops at 2025, with
    # no tick there at its very end.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 184 * 86400))
    node, _ = chart((employer("work/a", "A", role("a", "A", Date(2010), None)),))
    assert (node["years"], node[0]["ticks"]) == (15, [(0, 2010), (5, 2015), (10, 2020)])
    # A day later the bar reaches into 2025: the axis takes in that year, and its tick.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 185 * 86400))
    node, _ = chart((employer("work/a", "A", role("a", "A", Date(2010), None)),))
    ticks = [(0, 2010), (5, 2015), (10, 2020), (15, 2025)]
    assert (node["years"], node[0]["ticks"]) == (16, ticks)
    # Ticks closer than three years to the first one would collide with its label.
    node, _ = chart((employer("work/a", "A", role("a", "A", Date(2013), Date(2016))),))
    assert node[0]["ticks"] == [(0, 2013)]
    node, _ = chart((employer("work/a", "A", role("a", "A", Date(2012), Date(2016))),))
    assert node[0]["ticks"] == [(0, 2012), (3, 2015)]


def test_employers_take_turns_through_four_hues() -> None:
    pages = [
        employer(f"work/e{i}", f"E{i}", role(f"r{i}", "Engineer", Date(2010 - i), Date(2010 - i)))
        for i in range(6)
    ]
    node, _ = chart(tuple(pages))
    hues = [
        item["classes"][1]
        for item in node.findall(nodes.list_item)
        if "tl-employer" in item["classes"]
    ]
    assert hues == ["tl-hue-0", "tl-hue-1", "tl-hue-2", "tl-hue-3", "tl-hue-0", "tl-hue-1"]


@pytest.mark.parametrize(
    ("title", "intern"),
    [("Intern", True), ("SRE internship", True), ("Internal tools", False), ("INTERN", True)],
)
def test_an_intern_role_is_marked(title: str, intern: bool) -> None:
    node, _ = chart((employer("work/a", "A", role("a", title, Date(2010), Date(2011))),))
    assert next(node.findall(timeline.timeline_bar))["intern"] is intern


def test_a_chart_with_no_roles_is_an_error(logged: list[Any]) -> None:
    env = environment(catalogue())
    assert directive(TimelineDirective, env).run() == []
    assert logged == [
        (
            "ERROR",
            "{timeline} has no roles to show; employer pages in work/ list them in their"
            " front matter",
            f"{SOURCE}:7",
            None,
            None,
        )
    ]


# -- Links ------------------------------------------------------------------------------


def links_env(**builder: Any) -> SimpleNamespace:
    labels = {"meta-pe": ("work/meta", "meta-pe"), "google-sre": ("work/google", "google-sre")}
    domains = SimpleNamespace(standard_domain=SimpleNamespace(anonlabels=labels))
    return environment(
        catalogue(),
        docname="work/index",
        domains=domains,
        app={"builder": SimpleNamespace(**builder)},
    )


def ref(target: str) -> timeline.timeline_ref:
    node = timeline.timeline_ref(target=target, classes=["tl-link"])
    node += nodes.inline("Title", "Title")
    node += timeline.timeline_bar(start=0, end=1, ongoing=False, intern=False)
    return node


def transform(env: SimpleNamespace, *refs: timeline.timeline_ref) -> nodes.document:
    document = document_with(env, *refs)
    links = object.__new__(TimelineLinks)
    links.document = document
    links.run()
    return document


# TimelineLinks reads SphinxTransform.app, which Sphinx 9 deprecates (RemovedInSphinx11Warning).
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")


def test_a_role_links_to_its_section() -> None:
    asked = []

    def uri(here: str, there: str) -> str:
        asked.append((here, there))
        return f"../{there}.html"

    document = transform(links_env(get_relative_uri=uri), ref("meta-pe"), ref("google-sre"))
    references = list(document.findall(nodes.reference))
    assert [(r["refuri"], r["internal"], r["classes"]) for r in references] == [
        ("../work/meta.html#meta-pe", True, ["tl-link"]),
        ("../work/google.html#google-sre", True, ["tl-link"]),
    ]
    assert asked == [("work/index", "work/meta"), ("work/index", "work/google")]
    assert [r.astext() for r in references] == ["Title", "Title"]
    assert [type(child) for child in references[0].children] == [
        nodes.inline,
        timeline.timeline_bar,
    ]
    assert not list(document.findall(timeline.timeline_ref))


def test_a_role_without_a_section_keeps_its_words_and_warns(logged: list[Any]) -> None:
    node = ref("gone")
    document = transform(links_env(get_relative_uri=lambda *_: "x"), node, ref("meta-pe"))
    # The one after it is still linked.
    assert [r["refuri"] for r in document.findall(nodes.reference)] == ["x#meta-pe"]
    document[0].pop()
    assert document[0].pformat() == (
        '<paragraph>\n    <inline classes="tl-link">\n        Title\n    <timeline_bar end="1" intern="0" ongoing="0" start="0">\n'
    )
    assert logged == [
        (
            "WARNING",
            "{timeline}: role 'gone' has no section to link to; its employer page needs"
            " a ```{position} gone``` block",
            node,
            "portfolio",
            "timeline",
        )
    ]


def test_a_builder_without_pages_keeps_the_words() -> None:
    def no_uri(*_: str) -> str:
        raise NoUri

    document = transform(links_env(get_relative_uri=no_uri), ref("meta-pe"), ref("google-sre"))
    assert not list(document.findall(nodes.reference))
    assert not list(document.findall(timeline.timeline_ref))
    assert document[0].astext() == "TitleTitle"
    assert len(list(document.findall(timeline.timeline_bar))) == 2


# -- HTML and other writers ------------------------------------------------------------


def test_the_chart_in_html() -> None:
    html = translator()
    node = timeline.timeline(years=18, label="Career timeline, 2007 to present", classes=["a"])
    timeline.visit_timeline_html(html, node)
    timeline.depart_timeline_html(html, node)
    assert html.body == [
        '<div aria-label="Career timeline, 2007 to present" class="a" role="figure"'
        ' style="--tl-years: 18">\n',
        "</div>\n",
    ]


def test_the_axis_in_html() -> None:
    html = translator()
    with pytest.raises(nodes.SkipNode):
        timeline.visit_axis_html(html, timeline.timeline_axis(ticks=[(0, 2007), (3, 2010)]))
    assert html.body == [
        '<div class="tl-axis" aria-hidden="true"><span></span><span class="tl-axis-years">'
        '<span class="tl-tick" style="--at: 0">2007</span>'
        '<span class="tl-tick" style="--at: 3">2010</span></span></div>\n'
    ]


@pytest.mark.parametrize(
    ("ongoing", "intern", "classes"),
    [
        (False, False, "tl-bar"),
        (True, False, "tl-bar tl-ongoing"),
        (False, True, "tl-bar tl-intern"),
        (True, True, "tl-bar tl-ongoing tl-intern"),
    ],
)
def test_a_bar_in_html(ongoing: bool, intern: bool, classes: str) -> None:
    html = translator()
    bar = timeline.timeline_bar(start=1.5, end=12.333, ongoing=ongoing, intern=intern)
    with pytest.raises(nodes.SkipNode):
        timeline.visit_bar_html(html, bar)
    assert html.body == [
        '<span class="tl-track" aria-hidden="true">'
        f'<span class="{classes}" style="--from: 1.5; --to: 12.333"></span></span>'
    ]


def test_other_writers_print_the_full_chart_as_its_list() -> None:
    full = timeline.timeline(classes=["portfolio-timeline"])
    assert timeline.visit_timeline_other(None, full) is None  # type: ignore[arg-type]
    assert timeline.depart_timeline_other(None, full) is None  # type: ignore[arg-type]
    with pytest.raises(nodes.SkipNode):
        timeline.visit_timeline_other(None, timeline.timeline(classes=["tl-compact"]))  # type: ignore[arg-type]
    with pytest.raises(nodes.SkipNode):
        timeline.skip(None, full)  # type: ignore[arg-type]


def test_setup_registers_the_nodes_the_directive_and_the_links() -> None:
    app = Calls()
    timeline.setup(app)  # type: ignore[arg-type]
    other = (timeline.visit_timeline_other, timeline.depart_timeline_other)
    skipped = (timeline.skip, None)
    writers = ("latex", "text", "man", "texinfo")
    assert app.calls == [
        (
            "add_node",
            (timeline.timeline,),
            {"html": (timeline.visit_timeline_html, timeline.depart_timeline_html)}
            | dict.fromkeys(writers, other),
        ),
        (
            "add_node",
            (timeline.timeline_axis,),
            {"html": (timeline.visit_axis_html, None)} | dict.fromkeys(writers, skipped),
        ),
        (
            "add_node",
            (timeline.timeline_bar,),
            {"html": (timeline.visit_bar_html, None)} | dict.fromkeys(writers, skipped),
        ),
        ("add_node", (timeline.timeline_ref,), {}),
        ("add_directive", ("timeline", TimelineDirective), {}),
        ("add_post_transform", (TimelineLinks,), {}),
    ]
