"""A throwaway copy of the site's sources, and the strictness of `make html`.

Shared by the tests (tests/conftest.py) and `make bench` (tools/bench.py), which
both build copies they may break or grow. The copy holds the pages and conf.py
only: the extension it builds with is the installed ``portfolio`` package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What a copy of the site needs to build: conf.py, the pages and their support.
SITE_FILES = (
    "conf.py",
    "docutils.conf",
    "index.md",
    "resume.md",
    "archive.md",
    "work",
    "skills",
    "school",
    "play",
    "_static",
    "_templates",
)

#: The same strictness as `make html`.
STRICT = ("-W", "-n", "--keep-going")


def copy_site(dest: Path) -> Path:
    """A throwaway copy of the site's sources, safe to break."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / name)
    return dest
