"""The floor: a bare ``sphinx-quickstart`` site with furo and sphinx-design, nothing else.

What any site on this stack costs before a line of content. ``make bench``
reports ours beside it, and tests/test_budgets.py holds every page of ours to a
multiple of its page weight. Made fresh each time with the installed
sphinx-quickstart, so it follows the pinned Sphinx, furo and sphinx-design.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def make_floor(dest: Path) -> Path:
    """Write a quickstart project into ``dest`` (no build yet); return its source folder."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx.cmd.quickstart",
            "--quiet",
            "--no-sep",
            "--project",
            "Floor",
            "--author",
            "Floor",
            "--release",
            "1",
            "--language",
            "en",
            "--extensions",
            "sphinx_design",
            "--no-makefile",
            "--no-batchfile",
            str(dest),
        ],
        check=True,
        capture_output=True,
    )
    conf = dest / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nhtml_theme = "furo"\n', encoding="utf-8")
    return dest
