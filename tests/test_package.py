"""The site's own code is a package (pyproject.toml): what Read the Docs installs from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import portfolio
import sitecheck
from conftest import ROOT


def test_the_build_uses_the_package_in_src() -> None:
    # Installed editable by make: an edit to src/ is the code the next build runs.
    assert Path(portfolio.__file__).parent == ROOT / "src" / "portfolio"
    assert Path(sitecheck.__file__) == ROOT / "src" / "sitecheck.py"


def test_the_wheel_holds_every_file_the_package_reads(tmp_path: Path) -> None:
    # Read the Docs installs the package as a wheel, not editable: the Typst
    # templates must travel with the modules. Built from a copy, so setuptools
    # writes nothing into the repository.
    project = tmp_path / "project"
    shutil.copytree(
        ROOT / "src", project / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    for name in ("pyproject.toml", "requirements.in"):
        shutil.copy2(ROOT / name, project / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(tmp_path / "dist"), str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = [
            line.removeprefix("Requires-Dist: ")
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist: ")
        ]
    source = ROOT / "src"
    expected = {
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path)
    }
    assert expected <= names, sorted(expected - names)
    assert {"portfolio/resume.typ", "portfolio/card.typ", "sitecheck.py"} <= expected
    # Its dependencies are requirements.in's, pinned as requirements.txt pins them.
    pins = [
        line
        for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert sorted(requires) == sorted(pins)
