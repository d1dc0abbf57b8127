"""Offline link checks beyond test_site.py: stylesheets' url(), and the external-link policy.

Every check runs on the real built site (it must be clean) and on a copy with the
fault it exists for planted (it must name the file and the target).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import plant_in_article, sphinx_build
from sitecheck import css_url_problems, external_link_problems


def plant_css(stylesheet: Path, css: str) -> None:
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + css, encoding="utf-8")


def lines_of(stylesheet: Path) -> int:
    return len(stylesheet.read_text(encoding="utf-8").splitlines())


# -- Stylesheets --------------------------------------------------------------


def test_stylesheet_urls_resolve(site: Path) -> None:
    problems = css_url_problems(site)
    assert not problems, "\n".join(problems)


def test_css_check_catches_a_missing_file(site_to_break: Path) -> None:
    stylesheet = site_to_break / "_static" / "portfolio.css"
    plant_css(stylesheet, '\n.hero { background: url("images/hero.png"); }\n')
    assert css_url_problems(site_to_break) == [
        f"_static/portfolio.css:{lines_of(stylesheet)}: url('images/hero.png') points to a missing file"
    ]


def test_css_check_catches_a_missing_import_and_font(site_to_break: Path) -> None:
    stylesheet = site_to_break / "_static" / "portfolio.css"
    plant_css(
        stylesheet, '\n@import "no-such-sheet.css";\n@font-face { src: url(fonts/body.woff2); }\n'
    )
    end = lines_of(stylesheet)
    assert css_url_problems(site_to_break) == [
        f"_static/portfolio.css:{end - 1}: url('no-such-sheet.css') points to a missing file",
        f"_static/portfolio.css:{end}: url('fonts/body.woff2') points to a missing file",
    ]


def test_css_check_catches_a_file_from_another_host(site_to_break: Path) -> None:
    stylesheet = site_to_break / "_static" / "portfolio.css"
    plant_css(stylesheet, "\n@font-face { src: url(https://fonts.gstatic.com/s/inter.woff2); }\n")
    assert css_url_problems(site_to_break) == [
        f"_static/portfolio.css:{lines_of(stylesheet)}: "
        "url('https://fonts.gstatic.com/s/inter.woff2') loads from another host; "
        "copy the file into _static/ so the site works offline"
    ]


def test_css_check_reads_data_urls_as_a_browser_does(site_to_break: Path) -> None:
    # A ")" inside a quoted data: URL must not end the url() early, and a real
    # file beside it still counts.
    plant_css(
        site_to_break / "_static" / "portfolio.css",
        "\n.a { mask: url(\"data:image/svg+xml,<svg><path d='M0 (1)'/></svg>\"), url(../_static/favicon.svg); }\n",
    )
    problems = css_url_problems(site_to_break)
    assert not problems, "\n".join(problems)


# -- External links -----------------------------------------------------------


def test_external_links_follow_the_policy(site: Path) -> None:
    problems = external_link_problems(site)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            '<a href="http://up.ucsd.edu/">Ubiquitous Presenter</a>',
            "href='http://up.ucsd.edu/' is not encrypted; "
            "use https://up.ucsd.edu/ if the site serves it",
        ),
        (
            '<img src="http://example.org/badge.png" alt="">',
            "src='http://example.org/badge.png' is not encrypted; "
            "use https://example.org/badge.png if the site serves it",
        ),
        (
            '<a href="https://example.com/paper.pdf">the paper</a>',
            "href='https://example.com/paper.pdf' is a placeholder (example.com); "
            "give it its real target",
        ),
        (
            '<a href="//github.com/mjkelly">GitHub</a>',
            "href='//github.com/mjkelly' has no scheme; write https://github.com/mjkelly",
        ),
        (
            '<a href="ftp://ftp.ucsd.edu/pub/">files</a>',
            "href='ftp://ftp.ucsd.edu/pub/' uses ftp:, but only https:// and mailto: links are allowed",
        ),
        (
            '<a href="mailto:m@michaelkelly">mail</a>',
            "href='mailto:m@michaelkelly' is not a well-formed e-mail address: "
            "The part after the @-sign is not valid. It should have a period.",
        ),
        (
            '<a href="mailto:m.michaelkelly.org">mail</a>',
            "href='mailto:m.michaelkelly.org' is not a well-formed e-mail address: "
            "An email address must have an @-sign.",
        ),
        ('<a href="mailto:">mail</a>', "href='mailto:' names no e-mail address"),
        (
            '<a href="mailto:you@example.com">mail</a>',
            "href='mailto:you@example.com' is a placeholder address (example.com); give it the real one",
        ),
    ],
    ids=[
        "http-link",
        "http-image",
        "placeholder-host",
        "no-scheme",
        "ftp",
        "mailto-no-dot",
        "mailto-no-at",
        "mailto-empty",
        "mailto-placeholder",
    ],
)
def test_policy_catches(site_to_break: Path, html: str, problem: str) -> None:
    plant_in_article(site_to_break / "work" / "ucsd.html", html)
    assert external_link_problems(site_to_break) == [f"work/ucsd.html: {problem}"]


def test_policy_accepts_several_mailto_addresses_and_a_subject(site_to_break: Path) -> None:
    plant_in_article(
        site_to_break / "index.html",
        '<a href="mailto:m@michaelkelly.org,jobs@michaelkelly.org?subject=Hello%20there">mail</a>',
    )
    problems = external_link_problems(site_to_break)
    assert not problems, "\n".join(problems)


def test_policy_catches_an_http_link_the_strict_build_lets_through(
    site_copy: Path, tmp_path: Path
) -> None:
    # Sphinx has no opinion on schemes: only the HTML check stands between an
    # author's http:// link and the published site.
    page = site_copy / "school" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nThe [old UP site](http://up.ucsd.edu/).\n",
        encoding="utf-8",
    )
    build = sphinx_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.output
    # The link is in the student radio section, which the résumé page quotes too.
    assert external_link_problems(tmp_path / "out") == [
        f"{page}: href='http://up.ucsd.edu/' is not encrypted; "
        "use https://up.ucsd.edu/ if the site serves it"
        for page in ("resume.html", "school/index.html")
    ]
