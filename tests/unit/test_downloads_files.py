"""The résumé's files, without a Sphinx build: Typst typesetting against a tiny
template of the test's own (its errors, warnings, the page limit and the text no
font shows), the projects kept when the write-ups outgrow the pages, the cache
the PDF is kept in, tailored variants, where ``write_resume`` puts each file, the
``resume`` builder, and the ``{resume-file}`` role and its links.

Typst takes milliseconds over the tiny template; what it takes no Typst to test
(which files go where, the bisection over projects) is tested with stand-ins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from portfolio import downloads
from portfolio.downloads import (
    TEMPLATE,
    Overflow,
    ResumeError,
    fitted,
    made,
    plain_text,
    settings_key,
    template_of,
    typeset,
)
from portfolio.variants import public

from .helpers import write
from .test_downloads import person_data

#: Just enough of a résumé template: the name, as many more pages as asked, and the end.
TINY = """\
#let data = json(bytes(sys.inputs.data))
#set document(title: data.basics.name)
#set page(paper: sys.inputs.paper, margin: 1cm)
#data.basics.name
#for _ in range(data.at("breaks", default: 0)) { pagebreak(); [More.] }
#context [#metadata((
  page: here().page(), y: here().position().y, top: 1cm.to-absolute(), line: 12pt,
)) <resume-end>]
"""


def facts(name: str = "Jo Bloggs", breaks: int = 0) -> dict[str, Any]:
    return {"basics": {"name": name}, "breaks": breaks, "meta": {"revision": "2024-06-08"}}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("template"), "resume.typ", TINY)


@pytest.fixture(scope="module")
def letter(tiny: Path) -> bytes:
    return typeset(facts(), "letter", tiny)


# -- Typesetting ---------------------------------------------------------------------------


def test_the_pdf_is_on_the_paper_asked_and_dated_by_the_revision(letter: bytes, tiny: Path) -> None:
    assert letter.startswith(b"%PDF-")
    assert b"/MediaBox[0 0 612 792]" in letter
    assert b"/CreationDate(D:20240608000000" in letter
    a4 = typeset(facts(), "a4", tiny)
    assert b"/MediaBox[0 0 595.2756 841.8898]" in a4


def test_a_resume_past_its_pages_is_an_overflow_saying_by_how_much(tiny: Path) -> None:
    with pytest.raises(Overflow) as raised:
        typeset(facts(breaks=2), "a4", tiny, 2)
    # A line of "More." on the third page, under its 1 cm margin.
    assert str(raised.value) == (
        "the résumé runs 3 pages at a4 paper: 0.3 cm (about 1 lines) past the 2-page limit."
        " Shorten the facts it shows (roles' write-ups, project summaries) rather than the"
        " type; it is never shrunk to fit"
    )
    assert raised.value.location is None
    # The last allowed page may be full.
    assert typeset(facts(breaks=2), "a4", tiny, 3).startswith(b"%PDF-")
    # The limit said is the one given.
    with pytest.raises(Overflow, match="past the 1-page limit"):
        typeset(facts(breaks=1), "a4", tiny, 1)


def test_text_no_font_shows_is_left_out_of_the_pdf_and_said(
    tiny: Path, informed: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "MOST_LEFT_OUT", 2)
    data = facts("Jo \U0001f600 Bloggs \U0001f389")
    assert typeset(data, "letter", tiny).startswith(b"%PDF-")
    assert informed == [
        (
            "INFO",
            "the PDF résumé leaves out \U0001f600, \U0001f389: no font it embeds can show them"
            " (the text keeps them)",
            None,
            None,
            None,
        )
    ]
    assert data["basics"]["name"] == "Jo \U0001f600 Bloggs \U0001f389"  # the text keeps them


def test_past_so_many_texts_no_font_shows_the_resume_gives_up(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "MOST_LEFT_OUT", 2)
    with pytest.raises(ResumeError) as raised:
        typeset(facts("\U0001f600 \U0001f389 \U0001f388"), "letter", tiny)
    assert str(raised.value) == (
        'Typst cannot typeset the résumé: PDF/UA-1 error: the text `"\U0001f388"` could not'
        ' be displayed with font `"Libertinus Serif"`; hint: try using a different font'
        " (fix the template)"
    )
    assert raised.value.location == f"{tiny}:4"


def test_a_typst_error_names_the_templates_line(tmp_path: Path) -> None:
    template = write(tmp_path, "resume.typ", TINY.replace("#data.basics.name", "#foo"))
    with pytest.raises(ResumeError) as raised:
        typeset(facts(), "letter", template)
    assert str(raised.value) == (
        "Typst cannot typeset the résumé: unknown variable: foo (fix the template)"
    )
    assert raised.value.location == f"{template}:4"


def test_every_hint_typst_gives_is_said(tmp_path: Path) -> None:
    template = write(tmp_path, "resume.typ", TINY.replace("#data.basics.name", "$ab$"))
    with pytest.raises(ResumeError) as raised:
        typeset(facts(), "letter", template)
    assert str(raised.value) == (
        "Typst cannot typeset the résumé: unknown variable: ab; hint: if you meant to display"
        " multiple letters as is, try adding spaces between each letter: `a b`; hint: or if"
        ' you meant to display this as text, try placing it in quotes: `"ab"` (fix the template)'
    )


def test_a_typst_error_at_no_line_names_the_template_in_the_message(tmp_path: Path) -> None:
    # PDF/UA-1 needs a title: its absence is an error of the whole document.
    template = write(tmp_path, "resume.typ", TINY.replace("title: data.basics.name", ""))
    with pytest.raises(ResumeError) as raised:
        typeset(facts(), "letter", template)
    assert str(raised.value) == (
        f"{template}: Typst cannot typeset the résumé: PDF/UA-1 error: missing document"
        " title; hint: set the title with `set document(title: [...])` (fix the template)"
    )
    assert raised.value.location is None


def test_typsts_warnings_are_warnings_with_their_line_or_the_template(
    tmp_path: Path, logged: list[Any]
) -> None:
    # A system font is unknown (Typst's own fonts only), and a counter that never
    # settles warns of the whole document.
    extra = """\
#text(font: "DejaVu Sans")[x]
#let c = counter("c")
#context c.update(c.final().first() + 1)
"""
    template = write(tmp_path, "resume.typ", TINY.replace("#data.basics.name\n", extra))
    assert typeset(facts(), "letter", template).startswith(b"%PDF-")
    assert logged == [
        (
            "WARNING",
            "Typst: unknown font family: dejavu sans",
            f"{template}:4",
            "portfolio",
            "resume",
        ),
        (
            "WARNING",
            f"{template}: Typst: document did not converge within five attempts",
            None,
            "portfolio",
            "resume",
        ),
        (
            "WARNING",
            'Typst: value of `counter("c")` did not converge',
            f"{template}:6",
            "portfolio",
            "resume",
        ),
    ]


# -- The projects that fit -----------------------------------------------------------------


@pytest.fixture
def fits(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], list[Any]]:
    """Typesetting that fits so many projects, and records what it was asked."""
    asked: list[Any] = []

    def fit(most: int) -> list[Any]:
        def fake(data: dict[str, Any], paper: str, template: Path, pages: int) -> bytes:
            asked.append((len(data["projects"]), paper, template, pages))
            if len(data["projects"]) > most:
                raise Overflow(f"{len(data['projects'])} projects")
            return b"%PDF"

        monkeypatch.setattr(downloads, "typeset", fake)
        return asked

    return fit


def projects(count: int) -> dict[str, Any]:
    return {"projects": [{"name": f"P{n}"} for n in range(count)]}


def test_every_fact_is_shown_when_it_fits(fits: Callable[[int], list[Any]]) -> None:
    asked = fits(6)
    data = projects(6)
    assert fitted(data, "a4", 1, Path("t.typ")) == (b"%PDF", data)
    assert asked == [(6, "a4", Path("t.typ"), 1)]


def test_the_most_recent_projects_that_fit_are_found_by_bisection(
    fits: Callable[[int], list[Any]], informed: list[Any]
) -> None:
    asked = fits(4)
    data = projects(6)
    pdf, shown = fitted(data, "letter", 2, Path("t.typ"))
    assert (pdf, shown) == (b"%PDF", {"projects": data["projects"][:4]})
    assert [count for count, *_ in asked] == [6, 3, 4, 5, 4]
    assert {tuple(rest) for _, *rest in asked} == {("letter", Path("t.typ"), 2)}
    assert informed == [
        (
            "INFO",
            "the PDF résumé shows the 4 most recent of 6 projects, all that fit 2 pages",
            None,
            None,
            None,
        )
    ]


def test_bisection_finds_any_number_of_projects_that_fit(
    fits: Callable[[int], list[Any]],
) -> None:
    for count in range(1, 9):
        for most in range(count):
            asked = fits(most)
            asked.clear()
            assert fitted(projects(count), "a4")[1] == projects(most)
            # A handful of typesettings: the first, one per halving, and the last.
            assert len(asked) <= 2 + count.bit_length()


def test_roles_that_overflow_without_any_project_say_so(
    fits: Callable[[int], list[Any]],
) -> None:
    asked = fits(-1)
    with pytest.raises(Overflow, match="^0 projects$"):
        fitted(projects(3), "a4")
    assert [count for count, *_ in asked] == [3, 1, 0]
    asked.clear()
    with pytest.raises(Overflow, match="^0 projects$"):
        fitted(projects(0), "a4")
    assert [(count, pages, template) for count, _, template, pages in asked] == [(0, 2, TEMPLATE)]


# -- The cache -------------------------------------------------------------------------------


def site(tmp_path: Path, **config: Any) -> SimpleNamespace:
    write(tmp_path, "tiny.typ", TINY)
    settings = {
        "release": "2024-06-08",
        "language": "en",
        "portfolio_resume": "resume",
        "portfolio_resume_template": "tiny.typ",
    }
    return SimpleNamespace(
        confdir=str(tmp_path),
        doctreedir=str(tmp_path / "doctrees"),
        config=SimpleNamespace(**settings | config),
        portfolio_pages_read=frozenset({"resume"}),
    )


def test_the_template_is_the_packages_unless_conf_py_names_one(tmp_path: Path) -> None:
    assert template_of(site(tmp_path, portfolio_resume_template="")) == TEMPLATE
    assert template_of(site(tmp_path)) == tmp_path / "tiny.typ"


def test_the_settings_key_changes_with_each_setting_the_resume_depends_on(
    tmp_path: Path,
) -> None:
    app = site(tmp_path)
    key = settings_key(app, "letter")
    assert re.fullmatch("[0-9a-f]{24}", key) and settings_key(app, "letter") == key
    others = [
        settings_key(app, "a4"),
        settings_key(site(tmp_path, release="2025-01-01"), "letter"),
        settings_key(site(tmp_path, language="de"), "letter"),
        settings_key(site(tmp_path, portfolio_resume="cv"), "letter"),
        settings_key(site(tmp_path, portfolio_resume_template=""), "letter"),
    ]
    assert len({key, *others}) == 6
    write(tmp_path, "tiny.typ", TINY + "\n")  # the template's bytes, not its name
    assert settings_key(app, "letter") not in {key, *others}


def resume(**meta: Any) -> dict[str, Any]:
    data = person_data()
    data["meta"] |= {"pages": 2, "lastModified": "2024-06-08T00:00:00"} | meta
    data["basics"]["summary"] = "Café owner."  # the files are UTF-8, not escapes
    return data


@pytest.fixture
def typesettings(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What :func:`fitted` was asked to typeset: (data, paper, pages, template)."""
    asked: list[Any] = []
    real = downloads.fitted

    def spy(data: dict[str, Any], paper: str, pages: int, template: Path) -> Any:
        asked.append((data, paper, pages, template))
        return real(data, paper, pages, template)

    monkeypatch.setattr(downloads, "fitted", spy)
    return asked


def test_the_pdf_text_and_data_are_cached_under_a_name_from_their_content(
    tmp_path: Path, typesettings: list[Any]
) -> None:
    app, data = site(tmp_path), resume(pages=1)
    pdf = made(app, "letter", lambda: data)
    assert pdf is not None
    cache = tmp_path / "doctrees" / "portfolio-resume"
    assert pdf.parent == cache and re.fullmatch("[0-9a-f]{24}", pdf.stem)
    assert typesettings == [(data, "letter", 1, tmp_path / "tiny.typ")]
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        [f"{pdf.stem}{end}" for end in (".pdf", ".txt", ".json", "-resume.json")] + ["settings"]
    )
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.with_suffix(".txt").read_text(encoding="utf-8") == plain_text(data)
    assert pdf.with_suffix(".json").read_text(encoding="utf-8") == json.dumps(
        data, ensure_ascii=False, sort_keys=True
    )
    public_json = json.dumps(public(data), ensure_ascii=False, indent=2) + "\n"
    assert (cache / f"{pdf.stem}-resume.json").read_text(encoding="utf-8") == public_json
    assert (cache / "settings").read_text(encoding="utf-8") == settings_key(app, "letter")


def test_the_same_facts_are_typeset_once_and_new_ones_replace_them(
    tmp_path: Path, typesettings: list[Any]
) -> None:
    app = site(tmp_path)
    first = made(app, "letter", resume)
    assert made(app, "letter", resume) == first
    assert len(typesettings) == 1
    changed = made(app, "letter", lambda: resume(revision="2024-07-01"))
    assert changed is not None and changed != first and len(typesettings) == 2
    assert sorted(path.stem for path in changed.parent.glob("*.*")) == [changed.stem] * 3 + [
        f"{changed.stem}-resume"
    ]
    # The same facts on other paper are another PDF.
    assert made(app, "a4", resume) not in {first, changed}


def test_an_unread_resume_page_with_the_same_settings_is_not_looked_at(tmp_path: Path) -> None:
    app = site(tmp_path)
    looked: list[str] = []

    def data_of() -> dict[str, Any]:
        looked.append("looked")
        return resume()

    pdf = made(app, "letter", data_of)
    app.portfolio_pages_read = frozenset({"index"})
    assert made(app, "letter", data_of) == pdf
    assert looked == ["looked"]
    # Each of these makes it look: other settings, the PDF gone, pages read unknown.
    made(app, "a4", data_of)
    made(app, "letter", data_of)  # the settings are the a4 ones now
    assert looked == ["looked"] * 3
    assert pdf is not None
    for path in pdf.parent.glob("*.pdf"):
        path.unlink()
    made(app, "letter", data_of)
    del app.portfolio_pages_read
    made(app, "letter", data_of)
    assert looked == ["looked"] * 5


def test_a_build_stopped_while_caching_leaves_no_pdf_so_the_next_typesets_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typesettings: list[Any]
) -> None:
    app = site(tmp_path)
    written: list[str] = []
    whole = downloads.write_whole

    def stopped_at_the_pdf(path: Path, data: bytes) -> None:
        written.append(path.name)
        if path.suffix == ".pdf":
            raise KeyboardInterrupt
        whole(path, data)

    monkeypatch.setattr(downloads, "write_whole", stopped_at_the_pdf)
    with pytest.raises(KeyboardInterrupt):
        made(app, "letter", resume)
    # The PDF, whose presence says the other files are there, comes last.
    assert len(set(written)) == 4 and written[-1].endswith(".pdf")
    monkeypatch.setattr(downloads, "write_whole", whole)
    pdf = made(app, "letter", resume)
    assert pdf is not None and len(typesettings) == 2
    assert sorted(path.name for path in pdf.parent.iterdir()) == sorted(
        [f"{pdf.stem}{end}" for end in (".pdf", ".txt", ".json", "-resume.json")] + ["settings"]
    )


def test_no_facts_no_pdf(tmp_path: Path) -> None:
    assert made(site(tmp_path), "letter", lambda: None) is None
    assert not (tmp_path / "doctrees").exists()


def test_a_resume_that_cannot_be_made_leaves_nothing_cached(tmp_path: Path) -> None:
    app = site(tmp_path)
    assert made(app, "letter", resume) is not None
    data = resume(pages=0) | {"projects": []}
    with pytest.raises(Overflow, match="^the résumé runs 1 pages at letter paper"):
        made(app, "letter", lambda: data)
    assert not (tmp_path / "doctrees" / "portfolio-resume").exists()


def test_a_variant_is_cached_apart(tmp_path: Path) -> None:
    pdf = made(site(tmp_path), "letter", resume, "screen")
    assert pdf is not None and pdf.parent == tmp_path / "doctrees" / "portfolio-resume-screen"
