"""Hosting on Read the Docs: its config file, canonical URLs, sitemap, 404 page,
and the single-page build behind its htmlzip download.

Read the Docs sets READTHEDOCS_CANONICAL_URL; these builds set it the same way,
from a copy of the sources without git (as a fresh checkout without history,
or an export, would be).
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_site, sphinx_build
from sitecheck import internal_link_problems, urls

# The module-scoped hosted build is made once: under `make test`'s two processes
# (pytest-xdist), every test of this file runs in the same one.
pytestmark = pytest.mark.xdist_group("hosting")

CONFIG = ROOT / ".readthedocs.yaml"
CANONICAL = "https://mjkelly-portfolio.readthedocs.io/en/latest/"
PREFIX = urlsplit(CANONICAL).path
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
#: Pages that are tools, not content: no canonical address in the sitemap.
NOT_IN_SITEMAP = {"search.html", "404.html"}


# -- .readthedocs.yaml --------------------------------------------------------


def schema_problems(path: Path) -> str:
    """check-jsonschema's report against Read the Docs' published schema; '' if valid."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.readthedocs",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def project_problems(config: dict[str, Any], root: Path = ROOT) -> list[str]:
    """What this project needs that the schema leaves optional."""
    problems = []
    build = config.get("build", {})
    if not build.get("os"):
        problems.append("build.os is missing: Read the Docs needs the image to build on")
    python = build.get("tools", {}).get("python")
    if not isinstance(python, str):
        problems.append(
            f'build.tools.python is {python!r}: quote it, e.g. "3.11" (3.10 reads as 3.1)'
        )
    sphinx = config.get("sphinx", {})
    if sphinx.get("configuration") != "conf.py" or not (root / "conf.py").is_file():
        problems.append("sphinx.configuration must be conf.py, the file at the top")
    if sphinx.get("fail_on_warning") is not True:
        problems.append(
            "sphinx.fail_on_warning must be true: the hosted build is as strict as make html"
        )
    installs = config.get("python", {}).get("install", [])
    wanted = [{"requirements": "requirements.txt"}, {"method": "pip", "path": "."}]
    if installs != wanted or not (root / "requirements.txt").is_file():
        problems.append(
            "python.install must be the hash-pinned requirements.txt, then the site's"
            f" package (method: pip, path: .), not {installs!r}"
        )
    formats = config.get("formats")
    if sorted(formats or []) != ["epub", "htmlzip"]:
        problems.append(
            f"formats must be [htmlzip, epub], not {formats!r}: the PDF download is the"
            " typeset résumé, copied by build.jobs.post_build"
        )
    return problems


def test_config_matches_the_published_schema() -> None:
    assert schema_problems(CONFIG) == ""


def test_schema_check_rejects_an_unknown_format(tmp_path: Path) -> None:
    broken = tmp_path / ".readthedocs.yaml"
    broken.write_text(
        CONFIG.read_text(encoding="utf-8").replace("- epub", "- docx"), encoding="utf-8"
    )
    report = schema_problems(broken)
    assert "'docx' is not one of" in report


def test_config_has_what_this_project_needs() -> None:
    assert project_problems(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c["build"]["tools"].update(python=3.1), "quote it"),
        (lambda c: c["sphinx"].update(fail_on_warning=False), "fail_on_warning must be true"),
        (
            lambda c: c["python"].update(install=[{"requirements": "requirements.in"}]),
            "requirements.txt",
        ),
        (lambda c: c["python"]["install"].pop(), "the site's package"),
        (lambda c: c.update(formats=["htmlzip", "epub", "pdf"]), "formats must be"),
        (lambda c: c["build"].pop("os"), "build.os is missing"),
    ],
)
def test_project_check_catches(change: Any, message: str) -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    change(config)
    problems = project_problems(config)
    assert len(problems) == 1 and message in problems[0], problems


def post_build_problems(config: dict[str, Any], html: Path, output: Path) -> list[str]:
    """Run build.jobs.post_build as Read the Docs would, after the HTML build into
    $READTHEDOCS_OUTPUT/html; its PDF download must be the site's résumé, alone."""
    (output / "html").parent.mkdir(parents=True, exist_ok=True)
    (output / "html").symlink_to(html)
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(output), "READTHEDOCS_PROJECT": "mjkelly"}
    for command in config.get("build", {}).get("jobs", {}).get("post_build", []):
        result = subprocess.run(
            ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            return [f"post_build {command!r} failed: {result.stderr.strip()}"]
    pdfs = sorted(p.name for p in (output / "pdf").glob("*")) if (output / "pdf").is_dir() else []
    if len(pdfs) != 1:
        return [f"$READTHEDOCS_OUTPUT/pdf/ holds {pdfs}, not the one résumé PDF"]
    resume = html / "michael-j-kelly-resume.pdf"
    if (output / "pdf" / pdfs[0]).read_bytes() != resume.read_bytes():
        return [f"$READTHEDOCS_OUTPUT/pdf/{pdfs[0]} is not the site's {resume.name}"]
    return []


# -- the hosted build ---------------------------------------------------------


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as Read the Docs builds it, from a copy without git."""
    base = tmp_path_factory.mktemp("hosted")
    source = copy_site(base / "src")
    assert not (source / ".git").exists()
    build = sphinx_build(source, base / "html", env={"READTHEDOCS_CANONICAL_URL": CANONICAL})
    assert build.returncode == 0, f"the hosted build failed:\n{build.output}"
    return build.outdir


def content_pages(outdir: Path) -> list[str]:
    return sorted(
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*.html")
        if p.name not in NOT_IN_SITEMAP
    )


def canonical_problems(outdir: Path, base: str) -> list[str]:
    problems = []
    for name in content_pages(outdir):
        soup = BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")
        links = [str(link["href"]) for link in soup.find_all("link", rel="canonical")]
        if links != [base + name]:
            problems.append(f"{name}: canonical links {links}, expected [{base + name!r}]")
    return problems


def test_every_page_names_its_canonical_url(hosted: Path) -> None:
    assert content_pages(hosted), "the hosted build has no pages"
    assert canonical_problems(hosted, CANONICAL) == []


def test_canonical_check_catches_a_build_without_the_address(site: Path) -> None:
    # `site` is the local build: no READTHEDOCS_CANONICAL_URL, so no canonical links.
    problems = canonical_problems(site, CANONICAL)
    assert len(problems) == len(content_pages(site))
    assert f"index.html: canonical links [], expected [{CANONICAL + 'index.html'!r}]" in problems


def sitemap_problems(outdir: Path, base: str) -> list[str]:
    sitemap = outdir / "sitemap.xml"
    if not sitemap.is_file():
        return ["sitemap.xml is missing"]
    listed = [
        loc.text for loc in ElementTree.parse(sitemap).getroot().findall("s:url/s:loc", SITEMAP_NS)
    ]
    expected = [base + name for name in content_pages(outdir)]
    problems = [f"sitemap.xml lacks {url}" for url in expected if url not in listed]
    problems += [
        f"sitemap.xml lists {url}, which is not a page" for url in listed if url not in expected
    ]
    return problems


def test_sitemap_lists_every_page_once(hosted: Path) -> None:
    assert sitemap_problems(hosted, CANONICAL) == []
    root = ElementTree.parse(hosted / "sitemap.xml").getroot()
    locs = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert len(locs) == len(set(locs))
    # No <lastmod>: it would need git history and change with every commit.
    assert root.findall("s:url/s:lastmod", SITEMAP_NS) == []


def test_sitemap_check_catches_a_missing_page(hosted: Path, tmp_path: Path) -> None:
    copy = tmp_path / "html"
    copy.mkdir()
    (copy / "index.html").write_text("<html></html>", encoding="utf-8")
    (copy / "sitemap.xml").write_text(
        f'<urlset xmlns="{SITEMAP_NS["s"]}"><url><loc>{CANONICAL}gone.html</loc></url></urlset>',
        encoding="utf-8",
    )
    assert sitemap_problems(copy, CANONICAL) == [
        f"sitemap.xml lacks {CANONICAL}index.html",
        f"sitemap.xml lists {CANONICAL}gone.html, which is not a page",
    ]


def test_pdf_download_is_the_resume(hosted: Path, tmp_path: Path) -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert post_build_problems(config, hosted, tmp_path / "_readthedocs") == []


def test_pdf_download_check_catches_a_missing_or_wrong_file(hosted: Path, tmp_path: Path) -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    del config["build"]["jobs"]
    assert post_build_problems(config, hosted, tmp_path / "none") == [
        "$READTHEDOCS_OUTPUT/pdf/ holds [], not the one résumé PDF"
    ]
    # The whole-site print's name, which the HTML build does not write.
    config["build"]["jobs"] = {
        "post_build": [
            'mkdir --parents "$READTHEDOCS_OUTPUT/pdf"',
            'cp "$READTHEDOCS_OUTPUT/html/michael-j-kelly.pdf" "$READTHEDOCS_OUTPUT/pdf/"',
        ]
    }
    problems = post_build_problems(config, hosted, tmp_path / "wrong")
    assert len(problems) == 1 and "michael-j-kelly.pdf" in problems[0], problems
    assert "No such file or directory" in problems[0]


def test_local_build_has_no_hosting_files(site: Path) -> None:
    # Without an address, a sitemap or 404 page could only hold wrong URLs.
    assert not (site / "sitemap.xml").exists()
    assert not (site / "404.html").exists()


# -- the 404 page, served -----------------------------------------------------


class _Hosted(http.server.SimpleHTTPRequestHandler):
    """Read the Docs in miniature: the build under PREFIX, 404.html for anything missing."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path.removeprefix(PREFIX))


@pytest.fixture
def serve() -> Iterator[Any]:
    servers = []

    def start(directory: Path) -> str:
        handler = lambda *a, **k: _Hosted(*a, directory=str(directory), **k)  # noqa: E731
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def not_found_problems(origin: str, missing_path: str) -> list[str]:
    """Load a missing address as a browser would; what on the 404 page fails."""
    url = origin + missing_path
    status, body = fetch(url)
    if status != 404:
        return [f"{missing_path}: status {status}, expected 404"]
    soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
    if not soup.find("article") or "Page not found" not in soup.get_text():
        return [f"{missing_path}: the 404 page does not say the page was not found"]
    problems = []
    for reference in urls(body.decode("utf-8")):
        target = urljoin(url, reference.url)
        if urlsplit(target).netloc != urlsplit(origin).netloc or reference.url.startswith("#"):
            continue
        status, _ = fetch(target.split("#")[0])
        if status != 200:
            problems.append(f"{missing_path}: {reference.label} gives {status}")
    return problems


@pytest.mark.parametrize(
    "missing",
    ["nowhere.html", "work/nowhere.html", "work/deep/er/still/nowhere.html", "school/gone/"],
)
def test_404_page_works_at_any_depth(hosted: Path, serve: Any, missing: str) -> None:
    assert (hosted / "404.html").is_file()
    assert not_found_problems(serve(hosted), PREFIX + missing) == []


def test_404_check_catches_relative_links(hosted: Path, serve: Any, tmp_path: Path) -> None:
    # An ordinary page as the 404 page: its relative links break below the top.
    copy = Path(shutil.copytree(hosted, tmp_path / "html"))
    (copy / "404.html").write_text(
        (copy / "index.html")
        .read_text(encoding="utf-8")
        .replace("</article>", "Page not found</article>"),
        encoding="utf-8",
    )
    problems = not_found_problems(serve(copy), PREFIX + "work/deep/nowhere.html")
    assert any("_static/" in problem and "gives 404" in problem for problem in problems), problems


# -- the single page behind Read the Docs' htmlzip -----------------------------


def dead_search_problems(outdir: Path) -> list[str]:
    """Search boxes and links that lead to a search page the build lacks."""
    if (outdir / "search.html").exists():
        return []
    problems = []
    for page in sorted(outdir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for form in BeautifulSoup(html, "html.parser").find_all("form"):
            problems.append(
                f"{page.name}: a search form sends to {form.get('action')!r}, which is missing"
            )
        for reference in urls(html):
            if urlsplit(reference.url).path.endswith("search.html"):
                problems.append(f"{page.name}: links {reference.url!r}, which is missing")
    return problems


def singlehtml(source: Path, outdir: Path) -> Path:
    build = sphinx_build(source, outdir, builder="singlehtml")
    assert build.returncode == 0, f"the single-page build failed:\n{build.output}"
    return outdir


def test_single_page_offers_no_dead_search(tmp_path: Path) -> None:
    outdir = singlehtml(ROOT, tmp_path / "single")
    assert (outdir / "index.html").is_file()
    assert dead_search_problems(outdir) == []
    assert internal_link_problems(outdir) == []


def test_dead_search_check_catches_furos_search_box(site_copy: Path, tmp_path: Path) -> None:
    # Without the template that hides it, furo draws its search box on the single page.
    (site_copy / "_templates" / "sidebar" / "search.html").unlink()
    outdir = singlehtml(site_copy, tmp_path / "single")
    assert (
        "index.html: a search form sends to 'search.html', which is missing"
        in dead_search_problems(outdir)
    )


def test_html_build_keeps_its_search_box(site: Path) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("form", action="search.html") is not None


def test_single_page_links_check_catches_double_anchors(site_copy: Path, tmp_path: Path) -> None:
    # Without the local `portfolio.formats` extension, Sphinx 9 writes '#document-x#label' links.
    conf = site_copy / "conf.py"
    text = conf.read_text(encoding="utf-8")
    assert '    "portfolio.formats",' in text
    conf.write_text(text.replace('    "portfolio.formats",', "", 1), encoding="utf-8")
    problems = internal_link_problems(singlehtml(site_copy, tmp_path / "single"))
    assert any("href='#document-work/meta#meta-production-engineer'" in p for p in problems), (
        problems
    )
