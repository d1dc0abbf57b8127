"""The Atom feed of the write-ups, without a build: the site's date, which pages are
entries and in what order, their addresses, the XML written, and the link from every
page's head. The catalogue is made in memory; the app is a stand-in."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder

from portfolio.catalog import Catalogue
from portfolio.feed import (
    feed,
    on_build_finished,
    on_html_page_context,
    setup,
    updated,
    write_ups,
)
from portfolio.frontmatter import Page
from portfolio.model import Date, Skill, Span

from .helpers import JOSE, Calls, changed, employer, page, role

BASE = "https://example.org/en/latest/"
FEED_ID = "tag:example.org,2024:"


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # `make` exports SOURCE_DATE_EPOCH; the tests that want it set it themselves.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock 14 hours ahead of UTC, a day ahead for most of the day."""
    monkeypatch.setenv("TZ", "<+14>-14")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def project(docname: str, title: str, span: Span, *skills: str, **extra: Any) -> Page:
    end = span.end.value if span.end else "present"
    return page(
        docname,
        "project",
        title=title,
        summary=f"{title} summary.",
        start=span.start.value,
        end=end,
        skills=skills,
        **extra,
    )


def years(start: int, end: int | None) -> Span:
    return Span(Date(start), Date(end) if end else None)


SKILLS = page(
    "skills/index",
    "skills",
    title="Skills",
    catalogue=(
        Skill(id="go", name="Go", group="languages"),
        Skill(id="c", name="C & C++", group="languages"),
    ),
)


def catalogue(*pages: Page) -> Catalogue:
    return Catalogue(pages={page.docname: page for page in pages})


#: The write-ups in an order none of the listing's rules gives.
WRITE_UPS = (
    project("play/old", "Old", years(2018, 2019), "go", "unknown"),
    project("play/alpha", "Alpha", years(2020, 2022)),
    project("play/ongoing", "Ongoing", years(2023, None), "c", "go"),
    project("play/beta", "Beta", years(2020, 2022)),
)
#: Pages that are not write-ups.
OTHERS = (
    project("play/draft", "Draft", years(2024, None), draft=True),
    page("play/index", "resume", title="Play"),
    employer("work/acme", "Acme", role("acme", "Engineer", Date(2024), None)),
)


def test_write_ups_are_the_published_projects_newest_first() -> None:
    pages = write_ups(catalogue(JOSE, *WRITE_UPS, *OTHERS))
    # Ongoing work leads; the same years fall back on the title, also descending.
    assert [page.docname for page in pages] == [
        "play/ongoing",
        "play/beta",
        "play/alpha",
        "play/old",
    ]
    assert write_ups(catalogue(JOSE, *OTHERS)) == []


def test_the_sites_date_is_the_release_day_at_midnight_utc(far_east: None) -> None:
    assert updated("2024-06-08") == "2024-06-08T00:00:00Z"


def test_the_source_date_epoch_wins_over_the_release_day(
    monkeypatch: pytest.MonkeyPatch, far_east: None
) -> None:
    # Written in UTC whatever the machine's time zone: 12:13 on the 15th here.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert updated("2024-06-08") == "2023-11-14T22:13:20Z"
    # Set but empty is not set.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert updated("2024-06-08") == "2024-06-08T00:00:00Z"


def app_for(base: str = BASE, builder: Any = None, **config: Any) -> SimpleNamespace:
    if builder is None:
        builder = object.__new__(StandaloneHTMLBuilder)
    builder.get_target_uri = lambda docname: f"{docname}.html"
    settings = {
        "html_baseurl": base,
        "author": "Config Author",
        "release": "2024-06-08",
        "portfolio_feed_id": FEED_ID,
        "language": None,
        "project": 'Jo\'s "Site" & more',
    }
    return SimpleNamespace(builder=builder, config=SimpleNamespace(**settings | config))


FEED = """\
<?xml version='1.0' encoding='utf-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>José Núñez: write-ups</title>
  <subtitle>Builds reliable things.</subtitle>
  <id>tag:example.org,2024:write-ups</id>
  <updated>2024-06-08T00:00:00Z</updated>
  <author>
    <name>José Núñez</name>
    <uri>https://jose.example/</uri>
  </author>
  <link rel="self" type="application/atom+xml" href="https://example.org/en/latest/atom.xml" />
  <link rel="alternate" type="text/html" href="https://example.org/en/latest/index.html" />
  <entry>
    <title>Ongoing</title>
    <link rel="alternate" type="text/html" href="https://example.org/en/latest/play/ongoing.html" />
    <id>tag:example.org,2024:play/ongoing</id>
    <updated>2024-06-08T00:00:00Z</updated>
    <summary>Ongoing summary.</summary>
    <category term="c" label="C &amp; C++" />
    <category term="go" label="Go" />
  </entry>
  <entry>
    <title>Beta</title>
    <link rel="alternate" type="text/html" href="https://example.org/en/latest/play/beta.html" />
    <id>tag:example.org,2024:play/beta</id>
    <updated>2024-06-08T00:00:00Z</updated>
    <summary>Beta summary.</summary>
  </entry>
  <entry>
    <title>Alpha</title>
    <link rel="alternate" type="text/html" href="https://example.org/en/latest/play/alpha.html" />
    <id>tag:example.org,2024:play/alpha</id>
    <updated>2024-06-08T00:00:00Z</updated>
    <summary>Alpha summary.</summary>
  </entry>
  <entry>
    <title>Old</title>
    <link rel="alternate" type="text/html" href="https://example.org/en/latest/play/old.html" />
    <id>tag:example.org,2024:play/old</id>
    <updated>2024-06-08T00:00:00Z</updated>
    <summary>Old summary.</summary>
    <category term="go" label="Go" />
  </entry>
</feed>"""


def written(app: SimpleNamespace, tmp_path: Path) -> str:
    app.outdir = str(tmp_path)
    on_build_finished(app, None)  # type: ignore[arg-type]
    return (tmp_path / "atom.xml").read_text(encoding="utf-8")


def test_the_feed_is_written_at_the_site_root(tmp_path: Path) -> None:
    app = app_for()
    app.portfolio_catalogue = catalogue(SKILLS, *WRITE_UPS, JOSE, *OTHERS)
    assert written(app, tmp_path) == FEED


def test_without_a_person_page_the_author_is_the_configs(tmp_path: Path) -> None:
    app = app_for(language="fr")
    app.portfolio_catalogue = catalogue(SKILLS, WRITE_UPS[0])
    text = written(app, tmp_path)
    assert text.splitlines()[1:9] == [
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
        "  <title>Config Author: write-ups</title>",
        "  <id>tag:example.org,2024:write-ups</id>",
        "  <updated>2024-06-08T00:00:00Z</updated>",
        "  <author>",
        "    <name>Config Author</name>",
        "  </author>",
        '  <link rel="self" type="application/atom+xml"'
        ' href="https://example.org/en/latest/atom.xml" />',
    ]


def test_a_person_without_a_summary_gives_the_feed_no_subtitle() -> None:
    person = changed(JOSE, summary="")
    root = feed(app_for(), catalogue(person)).getroot()  # type: ignore[arg-type]
    tags = [child.tag.rpartition("}")[2] for child in root]
    assert tags == ["title", "id", "updated", "author", "link", "link"]


def test_a_local_build_links_relative_to_the_feed(tmp_path: Path) -> None:
    app = app_for("")
    app.portfolio_catalogue = catalogue(JOSE, WRITE_UPS[1])
    lines = written(app, tmp_path).splitlines()
    # No address to name the feed itself by: no "self" link.
    assert lines[10:13] == [
        '  <link rel="alternate" type="text/html" href="index.html" />',
        "  <entry>",
        "    <title>Alpha</title>",
    ]
    assert lines[13] == '    <link rel="alternate" type="text/html" href="play/alpha.html" />'


def test_no_feed_for_a_failed_build_or_a_build_that_is_no_site(tmp_path: Path) -> None:
    app = app_for()
    app.portfolio_catalogue = catalogue(JOSE, *WRITE_UPS)
    app.outdir = str(tmp_path)
    on_build_finished(app, RuntimeError("failed"))  # type: ignore[arg-type]
    for builder in (object.__new__(Epub3Builder), SimpleNamespace(name="latex")):
        on_build_finished(app_for(builder=builder), None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_no_feed_id_is_a_warning_and_no_feed(tmp_path: Path, logged: list) -> None:
    app = app_for(portfolio_feed_id="")
    app.outdir = str(tmp_path)
    on_build_finished(app, None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    assert logged == [
        (
            "WARNING",
            "no atom.xml: set portfolio_feed_id in conf.py to a tag URI prefix that never"
            " changes, like 'tag:example.org,2024:'",
            None,
            "portfolio",
            "feed",
        )
    ]


def pathto(target: str, resource: bool = False) -> str:
    """Sphinx's, from a page one folder down: a file, or a page by its docname."""
    return f"../{target}" if resource else f"../{target}.html"


LINK = '<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'
TITLE = "Jo&#x27;s &quot;Site&quot; &amp; more: write-ups"


def test_every_page_links_the_feed_from_its_head() -> None:
    context: dict[str, Any] = {"pathto": pathto, "metatags": '<meta name="x" />\n'}
    on_html_page_context(app_for(), "play/tool", "page.html", context, None)  # type: ignore[arg-type]
    assert context["metatags"] == '<meta name="x" />\n' + LINK.format(
        title=TITLE, href=BASE + "atom.xml"
    )
    # Without the site's address, relative to the page.
    context = {"pathto": pathto}
    on_html_page_context(app_for(""), "play/tool", "page.html", context, None)  # type: ignore[arg-type]
    assert context["metatags"] == LINK.format(title=TITLE, href="../atom.xml")


def test_no_link_without_a_feed() -> None:
    for app in (app_for(portfolio_feed_id=""), app_for(builder=object.__new__(Epub3Builder))):
        context: dict[str, Any] = {"pathto": pathto, "metatags": ""}
        on_html_page_context(app, "index", "page.html", context, None)  # type: ignore[arg-type]
        assert context == {"pathto": pathto, "metatags": ""}


def test_the_setting_and_handlers_are_registered() -> None:
    app = Calls()
    setup(app)  # type: ignore[arg-type]
    assert app.calls == [
        ("add_config_value", ("portfolio_feed_id", "", "html"), {"types": frozenset({str})}),
        ("connect", ("html-page-context", on_html_page_context), {}),
        ("connect", ("build-finished", on_build_finished), {}),
    ]
