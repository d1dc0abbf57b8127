"""A title stays text: the escaping for MyST and the transform that restores the heading."""

from __future__ import annotations

from types import SimpleNamespace

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from portfolio.titles import LiteralTitle, keep_quotes, markdown_text, setup


def test_markdown_text_escapes_every_ascii_punctuation_mark_and_nothing_else() -> None:
    punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    assert markdown_text(punctuation) == "".join(f"\\{c}" for c in punctuation)
    assert markdown_text("Café 2024, naïve") == "Café 2024\\, naïve"
    assert markdown_text("") == ""


def test_keep_quotes_turns_smart_quotes_off_for_the_node() -> None:
    node = nodes.title("", "")
    keep_quotes(node)
    assert node["support_smartquotes"] is False


def document(title: object, heading: str | None = "Parsed <b>", *, to_header: bool = True):
    settings = get_default_settings(Parser)
    config = SimpleNamespace(myst_title_to_header=to_header)
    settings.env = SimpleNamespace(
        docname="play/a", metadata={"play/a": {"title": title}}, config=config
    )
    doc = new_document("play/a.md", settings)
    if heading is not None:
        section = nodes.section()
        section += nodes.title("", "", nodes.Text("Parsed "), nodes.emphasis("", "b"))
        doc += section
    return doc


def heading_of(doc: nodes.document) -> nodes.title:
    return next(iter(doc.findall(nodes.title)))


def test_the_heading_becomes_the_front_matter_title_verbatim() -> None:
    doc = document("<friends> & 'quotes'")
    LiteralTitle(doc).apply()
    heading = heading_of(doc)
    assert heading.children == [nodes.Text("<friends> & 'quotes'")]
    assert heading["support_smartquotes"] is False


def test_the_heading_stays_when_there_is_no_title_to_put_back() -> None:
    for doc in (document(None), document("  "), document(12), document("T", to_header=False)):
        LiteralTitle(doc).apply()
        assert heading_of(doc).astext() == "Parsed b"
        assert "support_smartquotes" not in heading_of(doc)
    LiteralTitle(document("Title", heading=None)).apply()  # no heading: nothing to do
    unknown = document("T")
    unknown.settings.env.metadata = {}  # a page Sphinx has no metadata for
    LiteralTitle(unknown).apply()
    assert heading_of(unknown).astext() == "Parsed b"


def test_the_transform_is_registered() -> None:
    added: list[type] = []
    setup(SimpleNamespace(add_transform=added.append))  # type: ignore[arg-type]
    assert added == [LiteralTitle]
