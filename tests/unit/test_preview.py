"""The preview's boxes (portfolio.preview): a draft's banner, a page's front matter errors,
where they go on the page, and which pages are read again when their errors change."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.utils import new_document

from portfolio import preview
from portfolio.catalog import Catalogue, FrontMatter
from portfolio.frontmatter import Problem

SRCDIR = Path("/site")


def page_with_heading(*body: nodes.Node) -> nodes.document:
    document = new_document("page")
    section = nodes.section()
    section += nodes.title("Heading", "Heading")
    section += body
    document += section
    return document


def test_a_box_is_an_admonition_with_its_title_and_a_paragraph_each() -> None:
    box = preview.box("Draft", ["One.", "Two."], ["portfolio-draft", "warning"])
    assert box["classes"] == ["portfolio-draft", "warning"]
    assert [type(child) for child in box.children] == [
        nodes.title,
        nodes.paragraph,
        nodes.paragraph,
    ]
    assert [child.astext() for child in box.children] == ["Draft", "One.", "Two."]
    assert box[1].rawsource == "One."


def test_a_box_goes_under_the_heading() -> None:
    text = nodes.paragraph("", "Body.")
    document = page_with_heading(text)
    box = preview.box("Draft", [], [])
    preview.insert_at_top(document, box)
    section = document[0]
    assert section.children == [section[0], box, text]


def test_a_box_goes_first_on_a_page_without_a_heading() -> None:
    document = new_document("page")
    text = nodes.paragraph("", "Body.")
    document += text
    box = preview.box("Draft", [], [])
    preview.insert_at_top(document, box)
    assert document.children == [box, text]


def test_a_section_without_a_title_takes_the_box_at_the_page_top() -> None:
    document = new_document("page")
    section = nodes.section()
    section += nodes.paragraph("", "Body.")
    document += section
    box = preview.box("Draft", [], [])
    preview.insert_at_top(document, box)
    assert document.children == [box, section]
    # An empty section, too, is no heading to go under.
    empty = new_document("page")
    empty += nodes.section()
    preview.insert_at_top(empty, box)
    assert empty[0] is box


def app_for(
    problems: list[Problem], draft: bool = False, preview_on: bool = True, docname: str = "play/x"
) -> SimpleNamespace:
    env = SimpleNamespace(
        docname=docname,
        doc2path=lambda name: SRCDIR / f"{name}.md",
        path2doc=lambda path: (
            Path(path).relative_to(SRCDIR).with_suffix("").as_posix()
            if Path(path).is_relative_to(SRCDIR)
            else None
        ),
        portfolio_front_matter={docname: FrontMatter((0, 0), None, (), (), draft)},
        found_docs={"play/x", "play/y", "work/z"},
    )
    return SimpleNamespace(
        config=SimpleNamespace(portfolio_preview=preview_on),
        env=env,
        srcdir=SRCDIR,
        portfolio_catalogue=Catalogue(problems=problems),
    )


def boxes(document: nodes.document) -> list[tuple[list[str], list[str]]]:
    return [
        (box["classes"], [child.astext() for child in box.children])
        for box in document.findall(nodes.admonition)
    ]


def test_a_pages_own_errors_show_in_a_box_with_file_and_line() -> None:
    problems = [
        Problem(SRCDIR / "play/x.md", 3, "'kind' is required"),
        Problem(SRCDIR / "play/x.md", 0, "the title is used twice"),
        Problem(SRCDIR / "play/y.md", 2, "not this page's"),
    ]
    document = page_with_heading()
    preview.on_doctree_read(app_for(problems), document)
    assert boxes(document) == [
        (
            ["portfolio-problems", "error"],
            [
                "Front matter errors",
                "play/x.md:3: 'kind' is required",
                "play/x.md: the title is used twice",
            ],
        )
    ]


def test_a_draft_carries_a_banner_above_its_errors() -> None:
    problems = [Problem(SRCDIR / "play/x.md", 3, "'kind' is required")]
    document = page_with_heading()
    preview.on_doctree_read(app_for(problems, draft=True), document)
    assert [classes for classes, _ in boxes(document)] == [
        ["portfolio-draft", "warning"],
        ["portfolio-problems", "error"],
    ]
    assert boxes(document)[0][1] == [
        "Draft",
        "Only the preview (make serve) shows this page: make html, Read the Docs, the EPUB"
        " and the PDF leave it out. Delete 'draft: true' from its front matter to publish it.",
    ]


def test_a_clean_published_page_has_no_box() -> None:
    document = page_with_heading()
    preview.on_doctree_read(app_for([]), document)
    assert boxes(document) == []


def test_the_strict_build_draws_no_box() -> None:
    problems = [Problem(SRCDIR / "play/x.md", 3, "'kind' is required")]
    document = page_with_heading()
    preview.on_doctree_read(app_for(problems, draft=True, preview_on=False), document)
    assert boxes(document) == []


def outdated(app: SimpleNamespace) -> list[str]:
    return preview.on_env_get_outdated(app, app.env, set(), set(), set())


def test_pages_whose_errors_came_or_went_are_read_again() -> None:
    app = app_for(
        [
            Problem(SRCDIR / "play/y.md", 2, "a title used twice"),
            Problem(SRCDIR / "work/z.md", 2, "a title used twice"),
            # A file outside the pages (no docname), and a page no longer found.
            Problem(Path("/elsewhere/conf.md"), 1, "elsewhere"),
            Problem(SRCDIR / "play/gone.md", 1, "gone"),
        ]
    )
    assert outdated(app) == ["play/y", "work/z"]
    # The next build: play/y's error went away; work/z's stays, play/x's came.
    app.portfolio_catalogue = Catalogue(
        problems=[
            Problem(SRCDIR / "work/z.md", 2, "a title used twice"),
            Problem(SRCDIR / "play/x.md", 1, "new"),
        ]
    )
    assert outdated(app) == ["play/x", "play/y", "work/z"]
    assert app.env.portfolio_problem_docs == {"work/z", "play/x"}


def test_the_strict_build_reads_nothing_again_for_errors() -> None:
    app = app_for([Problem(SRCDIR / "play/y.md", 2, "a title used twice")], preview_on=False)
    assert outdated(app) == []
    assert not hasattr(app.env, "portfolio_problem_docs")


def test_setup_reads_the_boxes_in_and_asks_after_the_catalogue() -> None:
    connected: list[tuple[str, Any, dict[str, Any]]] = []
    app = SimpleNamespace(
        connect=lambda event, handler, **kw: connected.append((event, handler, kw))
    )
    preview.setup(app)
    assert connected == [
        ("doctree-read", preview.on_doctree_read, {}),
        ("env-get-outdated", preview.on_env_get_outdated, {"priority": 600}),
    ]
