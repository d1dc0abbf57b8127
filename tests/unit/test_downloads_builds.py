"""The résumé in a build, without one: what a variant keeps, where ``write_resume``
puts the full résumé and each variant (and what it says when it cannot), the
``resume`` builder and its events, and the ``{resume-file}`` role and its links.

Making a PDF is test_downloads_files.py's: here a stand-in for :func:`made` writes
files that say what they are, so each copy can be traced to its source.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.utils import new_document

from portfolio import downloads
from portfolio.catalog import Catalogue
from portfolio.downloads import (
    Overflow,
    ResumeBuilder,
    ResumeError,
    ResumeFileRole,
    copied,
    on_build_finished,
    on_env_before_read_docs,
    resolve_file_links,
    setup,
    tailored,
    variants_of,
    write_resume,
)
from portfolio.model import Date, Variant

from .helpers import Calls, employer, page, role

RESUME_PATH = "/site/resume.md"


def variant(name: str, **fields: Any) -> Variant:
    return Variant(**{"name": name, "title": name.title(), "pages": 1} | fields)


VIMEO = employer(
    "work/vimeo",
    "Vimeo",
    role("vimeo-sre", "Lead SRE", Date(2017), Date(2019)),
    role("vimeo-dev", "Developer", Date(2014, 2), Date(2015, 12)),
)
OTHER = employer("work/other", "Other", role("other-intern", "Intern", Date(2016), Date(2016)))


def app_for(tmp_path: Path, builder: str = "html", *variants: Variant, **config: Any) -> Any:
    settings = {
        "portfolio_resume": "resume",
        "portfolio_resume_paper": "letter",
        "portfolio_resume_template": "",
        "portfolio_resume_basename": "resume",
        "portfolio_resume_variant": "",
        "html_baseurl": "",
    }
    resume_page = page("resume", "resume", title="Résumé", variants=variants)
    # Each variant at line 7, its keep, drop and pages on lines 9, 10 and 12.
    lines = {f"variants[{index}]": 7 for index in range(len(variants))}
    for index, field in ((i, f) for i in range(len(variants)) for f in ("keep", "drop", "pages")):
        lines[f"variants[{index}].{field}"] = {"keep": 9, "drop": 10, "pages": 12}[field]
    resume_page = dataclasses.replace(resume_page, lines=lines)
    pages = {found.docname: found for found in (resume_page, VIMEO, OTHER)}
    return SimpleNamespace(
        config=SimpleNamespace(**settings | config),
        confdir=str(tmp_path),
        outdir=str(tmp_path / "out" / builder),
        builder=SimpleNamespace(name=builder),
        env=SimpleNamespace(doc2path=lambda docname: f"/site/{docname}.md"),
        portfolio_catalogue=Catalogue(pages=pages),
    )


# -- What a variant keeps ------------------------------------------------------------------


def work(role_id: str, name: str, tags: list[str]) -> dict[str, Any]:
    return {
        "id": role_id,
        "tags": tags,
        "name": name,
        "highlights": [],
        "runs": [],
        "highlight_ids": [],
        "tenure": "stale",
    }


def data() -> dict[str, Any]:
    return {
        "work": [
            work("vimeo-sre", "Vimeo", []),
            work("other-intern", "Other", ["internship"]),
            work("vimeo-dev", "Vimeo", []),
        ],
        "education": [],
        "publications": [],
        "skills": [],
        "projects": [],
        "prose": {"activities": [], "skills": [], "projects": []},
        "meta": {"pages": 2},
    }


def test_a_variant_keeps_its_share_on_its_pages_and_regroups_the_roles(tmp_path: Path) -> None:
    short, everything = variant("short"), variant("all", pages=2, keep=("internship",))
    app = app_for(tmp_path, "html", short, everything)
    chosen = tailored(app, data(), short)
    assert chosen is not None and chosen["meta"] == {"pages": 1, "sections": ["experience"]}
    # Without the internship between them, Vimeo's roles stand under its tenure.
    assert [(entry["id"], entry.get("tenure")) for entry in chosen["work"]] == [
        ("vimeo-sre", "Feb 2014–2019"),
        ("vimeo-dev", "Feb 2014–2019"),
    ]
    kept = tailored(app, data(), everything)
    assert kept is not None
    assert [entry.get("tenure") for entry in kept["work"]] == [None, None, None]


def test_a_variant_with_a_fault_is_said_at_its_line_and_gives_no_resume(
    tmp_path: Path, logged: list[Any]
) -> None:
    bad = variant("bad", drop=("zzz",))
    assert tailored(app_for(tmp_path, "html", bad), data(), bad) is None
    assert [(level, location, kind) for level, _, location, *kind in logged] == [
        ("ERROR", f"{RESUME_PATH}:10", ["portfolio", "resume"])
    ]
    assert logged[0][1].startswith("variant 'bad': drop names 'zzz', which no role")
    assert tailored(app_for(tmp_path), None, variant("any")) is None


def test_the_variants_are_the_resume_pages(tmp_path: Path) -> None:
    screen = variant("screen")
    assert variants_of(app_for(tmp_path, "html", screen)) == (screen,)
    assert variants_of(app_for(tmp_path, "html", screen, portfolio_resume="cv")) == ()


# -- Where the files go ----------------------------------------------------------------------


def an_app(app: Any) -> None:
    """A stand-in's check that it was given the build's app, not something else."""
    assert isinstance(app.config.portfolio_resume, str), app


@pytest.fixture
def making(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Any]:
    """A stand-in for :func:`made` whose files say what they are; the calls it had."""
    calls: list[Any] = []

    def fake_made(app: Any, paper: str, data_of: Any, name: str = "") -> Path | None:
        an_app(app)
        shown = data_of()
        calls.append((paper, name, shown))
        if shown is None:
            return None
        cache = tmp_path / "cache" / (name or "full")
        cache.mkdir(parents=True, exist_ok=True)
        for end in (".pdf", ".txt", ".json", "-resume.json"):
            (cache / f"made{end}").write_text(f"{name or 'full'}{end}", encoding="utf-8")
        return cache / "made.pdf"

    def fake_resume_data(app: Any) -> dict[str, Any]:
        an_app(app)
        calls.append("resume_data")
        return {"facts": "all"}

    def fake_tailored(app: Any, data: dict[str, Any], chosen: Variant) -> dict[str, Any]:
        an_app(app)
        return data | {"variant": chosen.name}

    monkeypatch.setattr(downloads, "made", fake_made)
    monkeypatch.setattr(downloads, "resume_data", fake_resume_data)
    monkeypatch.setattr(downloads, "tailored", fake_tailored)
    return calls


def contents(paths: list[Path], root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): path.read_text(encoding="utf-8") for path in paths}


SCREEN = variant("screen", publish=True)
LONG = variant("long", pages=2)


def test_a_site_has_the_full_resume_published_variants_beside_it_and_others_apart(
    tmp_path: Path, making: list[Any]
) -> None:
    app = app_for(tmp_path, "html", SCREEN, LONG)
    html = tmp_path / "out" / "html"
    html.mkdir(parents=True)
    # A variant no longer published leaves nothing; other files are not the résumé's.
    for name in ("resume-old.pdf", "resume-old.txt", "resume-old.json", "resume-old.png"):
        (html / name).write_text("old", encoding="utf-8")
    written = write_resume(app)
    assert contents(written, tmp_path / "out") == {
        "html/resume.pdf": "full.pdf",
        "html/resume.txt": "full.txt",
        "html/resume-screen.pdf": "screen.pdf",
        "html/resume-screen.txt": "screen.txt",
        "html/resume-screen.json": "screen-resume.json",
        "resume/long/resume.pdf": "long.pdf",
        "resume/long/resume.txt": "long.txt",
        "resume/long/resume.json": "long-resume.json",
    }
    assert list(contents(written, tmp_path / "out")) == [
        str(path.relative_to(tmp_path / "out")) for path in written
    ]
    assert sorted(path.name for path in html.iterdir()) == [
        "resume-old.png",
        "resume-screen.json",
        "resume-screen.pdf",
        "resume-screen.txt",
        "resume.pdf",
        "resume.txt",
    ]
    # The facts are gathered once, for the full résumé and every variant.
    assert making == [
        "resume_data",
        ("letter", "", {"facts": "all"}),
        ("letter", "screen", {"facts": "all", "variant": "screen"}),
        ("letter", "long", {"facts": "all", "variant": "long"}),
    ]


def test_a_dirhtml_site_has_them_too_under_its_own_basename(
    tmp_path: Path, making: list[Any]
) -> None:
    app = app_for(tmp_path, "dirhtml", SCREEN, portfolio_resume_paper="a4")
    app.config.portfolio_resume_basename = "jo-bloggs"
    written = write_resume(app)
    assert [path.name for path in written] == [
        "jo-bloggs.pdf",
        "jo-bloggs.txt",
        "jo-bloggs-screen.pdf",
        "jo-bloggs-screen.txt",
        "jo-bloggs-screen.json",
    ]
    assert [call[:2] for call in making[1:]] == [("a4", ""), ("a4", "screen")]


def test_make_resume_writes_the_full_resume_alone(tmp_path: Path, making: list[Any]) -> None:
    app = app_for(tmp_path, "resume", SCREEN, LONG)
    out = tmp_path / "out" / "resume"
    out.mkdir(parents=True)
    (out / "resume-old.pdf").write_text("old", encoding="utf-8")
    assert contents(write_resume(app), out) == {"resume.pdf": "full.pdf", "resume.txt": "full.txt"}
    assert (out / "resume-old.pdf").exists()  # no site: nothing of it to tidy


def test_make_resume_with_a_variant_writes_it_alone_into_its_folder(
    tmp_path: Path, making: list[Any]
) -> None:
    app = app_for(tmp_path, "resume", SCREEN, LONG, portfolio_resume_variant="screen")
    app.outdir = str(tmp_path / "out" / "cv")  # `make resume BUILDDIR=…`: not beside a site
    assert contents(write_resume(app), tmp_path / "out" / "cv") == {
        "screen/resume.pdf": "screen.pdf",
        "screen/resume.txt": "screen.txt",
        "screen/resume.json": "screen-resume.json",
    }


def test_a_site_build_asked_for_a_variant_writes_that_one(
    tmp_path: Path, making: list[Any]
) -> None:
    app = app_for(tmp_path, "html", SCREEN, LONG, portfolio_resume_variant="long")
    assert contents(write_resume(app), tmp_path / "out") == {
        "resume/long/resume.pdf": "long.pdf",
        "resume/long/resume.txt": "long.txt",
        "resume/long/resume.json": "long-resume.json",
    }


def test_a_paper_size_not_offered_is_refused(
    tmp_path: Path, making: list[Any], logged: list[Any]
) -> None:
    assert write_resume(app_for(tmp_path, portfolio_resume_paper="legal")) == []
    assert logged == [
        (
            "ERROR",
            "portfolio_resume_paper is 'legal'; use one of letter, a4 (make resume PAPER=a4)",
            None,
            "portfolio",
            "resume",
        )
    ]
    assert making == []


def test_a_template_that_is_not_a_file_is_refused(
    tmp_path: Path, making: list[Any], logged: list[Any]
) -> None:
    (tmp_path / "folder.typ").mkdir()
    assert write_resume(app_for(tmp_path, portfolio_resume_template="folder.typ")) == []
    assert logged == [
        (
            "ERROR",
            f"portfolio_resume_template names {tmp_path / 'folder.typ'}, which is not a file:"
            " fix the path (relative to conf.py) or remove the setting to use the site's own",
            None,
            "portfolio",
            "resume",
        )
    ]
    assert making == []


def test_a_variant_the_resume_page_does_not_declare_is_refused(
    tmp_path: Path, making: list[Any], logged: list[Any]
) -> None:
    assert (
        write_resume(app_for(tmp_path, "resume", SCREEN, LONG, portfolio_resume_variant="web"))
        == []
    )
    assert write_resume(app_for(tmp_path, "resume", portfolio_resume_variant="web")) == []
    message = (
        "/site/resume.md declares no variant 'web'; its variants: {} (make resume VARIANT=name)"
    )
    assert logged == [
        ("ERROR", message.format("screen, long"), None, "portfolio", "resume"),
        ("ERROR", message.format("none"), None, "portfolio", "resume"),
    ]
    assert making == []


# -- When a résumé cannot be made ------------------------------------------------------------


def failing(monkeypatch: pytest.MonkeyPatch, error: Exception | None) -> None:
    def fake_made(*args: Any) -> None:
        if error is not None:
            raise error

    monkeypatch.setattr(downloads, "made", fake_made)


def test_the_full_resume_that_cannot_be_made_is_an_error_where_typst_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logged: list[Any]
) -> None:
    failing(monkeypatch, ResumeError("Typst cannot typeset", "/site/resume.typ:3"))
    assert copied(app_for(tmp_path), "letter", None, dict, tmp_path / "resume") == []
    assert logged == [
        ("ERROR", "Typst cannot typeset", "/site/resume.typ:3", "portfolio", "resume")
    ]


def test_a_variant_past_its_pages_says_how_to_shorten_it_at_its_pages_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logged: list[Any]
) -> None:
    screen, long = variant("screen"), variant("long", pages=2)
    app = app_for(tmp_path, "html", screen, long)
    failing(monkeypatch, Overflow("the résumé runs 2 pages"))
    assert copied(app, "letter", screen, dict, tmp_path / "screen") == []
    assert copied(app, "letter", long, dict, tmp_path / "long") == []
    fix = "; or keep less in the variant ('drop', 'sections')"
    assert logged == [
        (
            "ERROR",
            f"variant 'screen': the résumé runs 2 pages{fix}, or give it 2 pages",
            f"{RESUME_PATH}:12",
            "portfolio",
            "resume",
        ),
        (
            "ERROR",
            f"variant 'long': the résumé runs 2 pages{fix}",
            f"{RESUME_PATH}:12",
            "portfolio",
            "resume",
        ),
    ]


def test_a_variant_typst_cannot_typeset_is_said_where_typst_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logged: list[Any]
) -> None:
    failing(monkeypatch, ResumeError("Typst cannot typeset", "/site/resume.typ:3"))
    assert copied(app_for(tmp_path), "a4", variant("screen"), dict, tmp_path / "screen") == []
    assert logged == [
        (
            "ERROR",
            "variant 'screen': Typst cannot typeset",
            "/site/resume.typ:3",
            "portfolio",
            "resume",
        )
    ]


def test_nothing_made_nothing_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing(monkeypatch, None)
    assert copied(app_for(tmp_path), "letter", None, dict, tmp_path / "out" / "resume") == []
    assert not (tmp_path / "out").exists()


# -- The builder and its events --------------------------------------------------------------


def test_the_pages_read_are_remembered() -> None:
    app = SimpleNamespace()
    on_env_before_read_docs(app, None, ["index", "resume"])
    assert app.portfolio_pages_read == frozenset({"index", "resume"})


def test_the_resume_is_written_after_a_build_that_succeeded(
    monkeypatch: pytest.MonkeyPatch, informed: list[Any]
) -> None:
    built: list[str] = []

    def write_resume(app: Any) -> list[Path]:
        built.append(app.builder.name)
        return [Path(f"/out/{app.builder.name}.pdf")]

    monkeypatch.setattr(downloads, "write_resume", write_resume)
    for name in ("html", "dirhtml", "resume", "epub"):
        on_build_finished(SimpleNamespace(builder=SimpleNamespace(name=name)), None)
    on_build_finished(SimpleNamespace(builder=SimpleNamespace(name="html")), RuntimeError())
    on_build_finished(SimpleNamespace(builder=SimpleNamespace(name="resume")), RuntimeError())
    assert built == ["html", "dirhtml", "resume"]
    # The résumé builder says what it wrote; a site's build lists its files elsewhere.
    assert informed == [("INFO", "wrote /out/resume.pdf", None, None, None)]


def test_the_resume_builder_writes_no_page() -> None:
    builder = object.__new__(ResumeBuilder)
    assert (ResumeBuilder.name, ResumeBuilder.epilog) == ("resume", "The résumé is in %(outdir)s.")
    assert builder.get_outdated_docs() == []
    assert builder.get_target_uri("index") == ""
    assert builder.write_doc("index", new_document("index")) is None


# -- The role and its links ------------------------------------------------------------------


def role_call(text: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    document = new_document("resume.md")
    inliner = SimpleNamespace(document=document, reporter=document.reporter)
    return ResumeFileRole()("resume-file", f"{{resume-file}}`{text}`", text, 5, inliner)


def test_the_role_links_the_pdf_or_the_text_by_its_title_or_its_kind() -> None:
    (reference,), messages = role_call("Download it <pdf>")
    assert messages == []
    assert reference.astext() == "Download it"
    # An outside link (no page of the site's), pointed at its file once resolved.
    assert (reference["internal"], reference["portfolio_resume_file"]) == (False, "pdf")
    assert "refuri" not in reference
    assert reference.rawsource == "{resume-file}`Download it <pdf>`"
    (plain,), _ = role_call("txt")
    assert (plain.astext(), plain["portfolio_resume_file"]) == ("TXT", "txt")


def test_the_role_links_nothing_else() -> None:
    found, (message,) = role_call("Word <docx>")
    assert found == []
    assert message[0].astext() == "{resume-file} links 'pdf' or 'txt', not 'docx'"
    assert (message["level"], message["line"]) == (3, 5)


def page_with_links() -> nodes.document:
    document = new_document("work/index")
    pdf = nodes.reference("", "PDF", portfolio_resume_file="pdf")
    txt = nodes.reference(
        "", "text", portfolio_resume_file="txt", portfolio_resume_variant="screen"
    )
    other = nodes.reference("", "elsewhere", refuri="https://example.org/")
    document += nodes.paragraph(
        "", "", nodes.Text("Get it: "), pdf, nodes.Text(" · "), txt, nodes.Text(" today "), other
    )
    document += nodes.container(
        "",
        nodes.paragraph("", "", nodes.reference("", "PDF", portfolio_resume_file="pdf")),
        classes=["portfolio-downloads"],
    )
    document += nodes.container("", classes=["other"])
    return document


def links_app(builder: str, base: str = "") -> Any:
    config = SimpleNamespace(html_baseurl=base, portfolio_resume_basename="resume")
    get_target_uri = lambda docname: f"{docname}.html"  # noqa: E731
    return SimpleNamespace(
        config=config, builder=SimpleNamespace(name=builder, get_target_uri=get_target_uri)
    )


def addresses(document: nodes.document) -> list[str | None]:
    return [reference.get("refuri") for reference in document.findall(nodes.reference)]


def test_a_sites_links_point_at_its_files_from_the_page() -> None:
    document = page_with_links()
    resolve_file_links(links_app("html", "https://jo.example.org/"), document, "work/index")
    assert addresses(document) == [
        "../resume.pdf",
        "../resume-screen.txt",
        "https://example.org/",
        "../resume.pdf",
    ]


def test_elsewhere_the_links_point_at_the_hosted_site() -> None:
    document = page_with_links()
    resolve_file_links(links_app("epub", "https://jo.example.org/"), document, "work/index")
    assert addresses(document) == [
        "https://jo.example.org/resume.pdf",
        "https://jo.example.org/resume-screen.txt",
        "https://example.org/",
        "https://jo.example.org/resume.pdf",
    ]


def test_with_no_site_to_point_at_the_links_go_with_their_separators() -> None:
    document = page_with_links()
    resolve_file_links(links_app("epub"), document, "work/index")
    # The downloads block goes whole: it would offer nothing.
    paragraph, other = document.children
    assert paragraph.children[:2] == [nodes.Text("Get it:"), nodes.Text(" today ")]
    assert addresses(document) == ["https://example.org/"]
    assert other["classes"] == ["other"]


def test_a_base_address_without_a_closing_slash_is_a_folder() -> None:
    document = page_with_links()
    resolve_file_links(links_app("epub", "https://jo.example.org/cv"), document, "work/index")
    assert addresses(document)[:2] == [
        "https://jo.example.org/cv/resume.pdf",
        "https://jo.example.org/cv/resume-screen.txt",
    ]


def test_every_separator_before_a_link_goes_with_it() -> None:
    # "Take it away: PDF ·⏎text", as MyST reads a soft line break: two texts between.
    document = new_document("x")
    document += nodes.paragraph(
        "",
        "",
        nodes.Text("Take it away: "),
        nodes.reference("", "PDF", portfolio_resume_file="pdf"),
        nodes.Text(" · "),
        nodes.Text("\n"),
        nodes.reference("", "text", portfolio_resume_file="txt"),
    )
    resolve_file_links(links_app("epub"), document, "x")
    assert document[0].children == [nodes.Text("Take it away:")]


def test_the_words_before_a_link_keep_their_leading_space() -> None:
    # "See the site or the PDF": the words between two links are not run into the first.
    document = new_document("x")
    site = nodes.reference("", "the site", refuri="https://jo.example.org/")
    document += nodes.paragraph(
        "",
        "",
        nodes.Text("See "),
        site,
        nodes.Text(" or the "),
        nodes.reference("", "PDF", portfolio_resume_file="pdf"),
    )
    resolve_file_links(links_app("epub"), document, "x")
    assert document[0].astext() == "See the site or the"


def test_a_paragraph_of_links_alone_is_left_empty() -> None:
    document = new_document("x")
    document += nodes.paragraph(
        "",
        "",
        nodes.reference("", "PDF", portfolio_resume_file="pdf"),
        nodes.Text(" · "),
        nodes.reference("", "text", portfolio_resume_file="txt"),
    )
    resolve_file_links(links_app("epub"), document, "x")
    assert document[0].children == []


def test_a_link_first_in_its_paragraph_goes_alone() -> None:
    document = new_document("x")
    document += nodes.paragraph(
        "", "", nodes.reference("", "PDF", portfolio_resume_file="pdf"), nodes.Text(" · then")
    )
    resolve_file_links(links_app("epub"), document, "x")
    assert document[0].children == [nodes.Text(" · then")]


def test_the_extension_registers_its_settings_builder_role_and_events() -> None:
    app = Calls()
    setup(app)  # type: ignore[arg-type]
    assert [(method, args[:2]) for method, args, _ in app.calls] == [
        ("add_config_value", ("portfolio_resume_basename", "resume")),
        ("add_config_value", ("portfolio_resume_paper", "letter")),
        ("add_config_value", ("portfolio_resume_variant", "")),
        ("add_config_value", ("portfolio_resume_template", "")),
        ("add_builder", (ResumeBuilder,)),
        ("add_role", ("resume-file", app.calls[5][1][1])),
        ("connect", ("doctree-resolved", resolve_file_links)),
        ("connect", ("env-before-read-docs", on_env_before_read_docs)),
        ("connect", ("build-finished", on_build_finished)),
    ]
    assert isinstance(app.calls[5][1][1], ResumeFileRole)
    assert [args[2:] + tuple(kwargs.items()) for method, args, kwargs in app.calls[:4]] == [
        ("", ("types", frozenset({str})))
    ] * 4
