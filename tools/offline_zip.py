"""Zip a built HTML site for reading offline: ``offline_zip.py SITE_DIR ZIP``.

The zip holds one folder, named after the zip, with ``index.html`` at its top,
so a reader unzips it and double-clicks that file. Entries are sorted and
stamped with SOURCE_DATE_EPOCH (or 1980-01-01, the earliest a zip can record),
so the same site always gives the same bytes. Sphinx's build bookkeeping
(``.buildinfo``, ``.doctrees``) is left out. The zip is written beside its name
and renamed onto it, so a run stopped part-way leaves the last whole zip under
its name, or none, never half of one.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

#: Build bookkeeping that a reader has no use for.
SKIP = {".buildinfo", ".buildinfo.bak", ".doctrees"}

EARLIEST = 315532800  # 1980-01-01T00:00:00Z


def timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", EARLIEST)), EARLIEST)
    return time.gmtime(epoch)[:6]


def files(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*")
        if path.is_file() and not SKIP & set(path.relative_to(site).parts)
    )


def write_zip(site: Path, archive: Path) -> int:
    """Write ``archive`` from ``site``; the number of files it holds."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} has no index.html: build the site first (make offline does)")
    folder = archive.name.removesuffix(".zip")
    stamp = timestamp()
    archive.parent.mkdir(parents=True, exist_ok=True)
    members = files(site)
    # One name, so the next run overwrites what a killed one left.
    partial = archive.with_name(f"{archive.name}.tmp")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for path in members:
                info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zipped.writestr(info, path.read_bytes())
        partial.replace(archive)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(members)


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__.splitlines()[0])
    site, archive = Path(argv[0]), Path(argv[1])
    count = write_zip(site, archive)
    print(
        f"{archive}: {count} files; unzip it and open {archive.name.removesuffix('.zip')}/index.html"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
