"""The project's linkcheck settings, proved against real HTTP without the internet.

A server on 127.0.0.1 plays the web: pages that work, a 404, redirects, a page
without the asked-for anchor, a slow page and a rate-limited one. A small fixture
site links to each and is checked by Sphinx's own linkcheck builder with every
``linkcheck_*`` value read from the project's conf.py, so the test follows the
configuration rather than a copy of it.
"""

from __future__ import annotations

import json
import runpy
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, Build, sphinx_build

# The module-scoped link-check run is made once: under `make test`'s two processes
# (pytest-xdist), every test of this file runs in the same one.
pytestmark = [pytest.mark.linkcheck, pytest.mark.xdist_group("linkcheck")]

#: Longer than the test's timeout, so the slow page is reported; see fixture_conf().
SLOW_SECONDS = 3.0
TEST_TIMEOUT = 1


class FakeWeb(BaseHTTPRequestHandler):
    """Answers the way the real web does, one path per case."""

    protocol_version = "HTTP/1.1"
    busy_once: set[str] = set()

    def do_HEAD(self) -> None:
        self.answer(send_body=False)

    def do_GET(self) -> None:
        self.answer(send_body=True)

    def answer(self, *, send_body: bool) -> None:
        match self.path:
            case "/ok":
                self.send(200, b'<html><body><h1 id="present">Here</h1></body></html>', send_body)
            case "/moved" | "/renamed":
                self.send(301, b"", send_body, Location="/ok")
            case "/slow":
                time.sleep(SLOW_SECONDS)
                self.send(200, b"<html><body>late</body></html>", send_body)
            case "/busy" if self.path not in self.busy_once:
                # The first visit is turned away with a short wait, as GitHub does.
                self.busy_once.add(self.path)
                self.send(429, b"", send_body, **{"Retry-After": "1"})
            case "/busy":
                self.send(200, b"<html><body>ready</body></html>", send_body)
            case _:
                self.send(404, b"<html><body>Not found</body></html>", send_body)

    def send(self, code: int, body: bytes, send_body: bool, **headers: str) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up on the slow page, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output for the checker's report


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    """A local web server on 127.0.0.1; its base URL."""
    FakeWeb.busy_once = set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWeb)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def project_linkcheck_settings() -> dict[str, object]:
    """Every linkcheck_* value exactly as the project's conf.py sets it."""
    conf = runpy.run_path(str(ROOT / "conf.py"))
    return {name: value for name, value in conf.items() if name.startswith("linkcheck_")}


def fixture_conf(web: str) -> str:
    settings = project_linkcheck_settings()
    assert settings, "conf.py sets no linkcheck_* values"
    # Two deliberate changes, both for the fixture's sake: a short timeout so the
    # slow page costs seconds, not the project's full wait, and one redirect
    # allowed on the local server, which no project rule can name.
    settings["linkcheck_timeout"] = TEST_TIMEOUT
    settings["linkcheck_allowed_redirects"] = {
        **settings["linkcheck_allowed_redirects"],  # type: ignore[dict-item]
        rf"^{web}/renamed$": rf"^{web}/ok$",
    }
    lines = [f"{name} = {value!r}" for name, value in sorted(settings.items())]
    return "\n".join(['extensions = ["myst_parser"]', *lines, ""])


LINKS = {
    "works": "/ok",
    "works, with its anchor": "/ok#present",
    "is missing": "/missing",
    "moved without notice": "/moved",
    "moved as allowed": "/renamed",
    "lacks the anchor": "/ok#absent",
    "is too slow": "/slow",
    "is busy at first": "/busy",
}


def fixture_site(srcdir: Path, web: str) -> Path:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(fixture_conf(web), encoding="utf-8")
    lines = ["# Links", ""] + [
        f"- The page that [{text}]({web}{path})." for text, path in LINKS.items()
    ]
    (srcdir / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def checked(web: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, dict]]:
    """One linkcheck run of the fixture site; the build and output.json by URL path."""
    tmp = tmp_path_factory.mktemp("linkcheck")
    start = time.perf_counter()
    build = sphinx_build(fixture_site(tmp / "src", web), tmp / "out", builder="linkcheck")
    print(f"linkcheck of {len(LINKS)} local links: {time.perf_counter() - start:.1f} s")
    report = [json.loads(line) for line in (tmp / "out" / "output.json").read_text().splitlines()]
    return build, {entry["uri"].removeprefix(web): entry for entry in report}


def test_the_fixture_uses_the_projects_settings() -> None:
    settings = project_linkcheck_settings()
    for name in (
        "linkcheck_timeout",
        "linkcheck_retries",
        "linkcheck_anchors",
        "linkcheck_allowed_redirects",
        "linkcheck_rate_limit_timeout",
        "linkcheck_ignore",
    ):
        assert name in settings, f"conf.py no longer sets {name}"


def test_exactly_the_broken_links_are_reported(checked: tuple[Build, dict[str, dict]]) -> None:
    _, report = checked
    assert {path: entry["status"] for path, entry in report.items()} == {
        "/ok": "working",
        "/ok#present": "working",
        "/renamed": "working",
        "/busy": "working",
        "/missing": "broken",
        "/ok#absent": "broken",
        "/slow": "broken",
        "/moved": "redirected",
    }


def test_the_report_says_why(checked: tuple[Build, dict[str, dict]]) -> None:
    _, report = checked
    assert report["/missing"]["info"].startswith("404 Client Error: Not Found")
    assert report["/ok#absent"]["info"] == "Anchor 'absent' not found"
    assert "timed out" in report["/slow"]["info"]
    assert report["/moved"]["info"].endswith("/ok")


def test_the_build_fails_naming_each_bad_link_and_its_line(
    checked: tuple[Build, dict[str, dict]], web: str
) -> None:
    build, report = checked
    assert build.returncode != 0
    warnings = [line for line in build.output.splitlines() if "WARNING:" in line]
    assert len(warnings) == 4, "\n".join(warnings)
    for path in ("/missing", "/ok#absent", "/slow", "/moved"):
        line = report[path]["lineno"]
        assert any(f"index.md:{line}:" in w and f"{web}{path} " in w for w in warnings), (
            f"{path} is not reported at index.md:{line}"
        )
