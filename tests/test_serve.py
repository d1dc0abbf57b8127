"""`make serve` (tools/serve.py): a saved page is served rebuilt, with the code as it is now."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import free_port, wait_for
from conftest import ROOT

#: What the tests save: appended to the end of a write-up.
PAGE = "play/nato-alpha"


@pytest.fixture
def served(site_copy: Path, tmp_path: Path) -> Iterator[str]:
    """tools/serve.py serving the site copy as `make serve` does; the page's address."""
    port = free_port()
    # The copy's own package, ahead of the installed one as an editable install of
    # the copy would put it, so a test can edit the extension without touching src/.
    shutil.copytree(ROOT / "src", site_copy / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "serve.py"), "--host", "127.0.0.1"]
        + ["--port", str(port), "-n", "--keep-going", str(site_copy), str(tmp_path / "out")],
        cwd=site_copy,
        env={**os.environ, "PYTHONPATH": str(site_copy / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, stopped with its builds
    )
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}.html"
        wait_for(url, lambda body: "</html>" in body, timeout=240)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def save(path: Path, addition: str) -> None:
    time.sleep(1)  # a distinct mtime, and the watcher idle again
    path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")


def test_a_saved_page_is_served_rebuilt(served: str, site_copy: Path) -> None:
    save(site_copy / f"{PAGE}.md", "\nSaved while serving.\n")
    wait_for(served, lambda body: "Saved while serving." in body, timeout=120)


def test_an_edit_to_the_sites_extension_takes_effect(served: str, site_copy: Path) -> None:
    # The server preloads libraries, never the project's own code: a build
    # forked from it must import the extension as it is on disk now.
    save(
        site_copy / "src" / "portfolio" / "__init__.py",
        "\n\n_setup = setup\n\n\ndef setup(app):\n"
        "    app.connect('html-page-context', lambda app, page, template, context, doctree:"
        " context.update(body=context['body'] + '<p>Extension edited.</p>'))\n"
        "    return _setup(app)\n",
    )
    save(site_copy / f"{PAGE}.md", "\nSaved after the extension.\n")
    wait_for(
        served,
        lambda body: "Saved after the extension." in body and "Extension edited." in body,
        timeout=120,
    )
