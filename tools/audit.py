"""`make audit`: Lighthouse on every built page, as a phone on a slow network sees it.

Serves the built site on 127.0.0.1 with gzip (as any real host compresses text),
runs Lighthouse (pinned in tools/audit/package-lock.json) with its default mobile
settings on Debian's Chromium, and prints each page's four scores and every audit
that costs it points. Writes the lot to _build/audit.json.

Exits 1 when an audit costs a page points in accessibility, best practices or SEO
(but for the few in EXPECTED, each with its reason): those are properties of the
HTML and the same on every run. Performance is printed but
not gated: it is a timing, and timings on a shared 2-core machine vary.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GATED = ("accessibility", "best-practices", "seo")
#: Audits that fail on purpose, with why; printed, not gated. Keep this short.
EXPECTED = {
    ("search.html", "is-crawlable"): (
        "Sphinx marks its search page noindex: it has no content of its own, and a search "
        "engine that indexed it would send readers to an empty results page"
    ),
}
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser asks and the type is text.

    Python's server has no compression and Lighthouse would (rightly) fail
    "Enable text compression" on a host that every real one passes. Written by
    hand: ~20 lines of the standard library beat another npm server.
    """

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        ctype = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and ctype.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  quiet: Lighthouse reports
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str, report: Path) -> dict:
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--throttling-method=simulate",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--no-enable-error-reporting",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def failing(lhr: dict) -> list[dict[str, str]]:
    """Audits that cost a category under 100 points: weighted, and scored under 1.

    A metric a hair off perfect in a category that still rounds to 100 is not news.
    """
    found = []
    for category in CATEGORIES:
        if round(100 * (lhr["categories"][category]["score"] or 0)) == 100:
            continue
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                found.append(
                    {
                        "category": category,
                        "id": ref["id"],
                        "title": audit["title"],
                        "value": audit.get("displayValue", ""),
                        "where": "; ".join(_where(item) for item in items[:3]),
                    }
                )
    return found


def _where(item: dict) -> str:
    """The element or URL an audit item points at."""
    for key in ("node", "source"):
        if isinstance(item.get(key), dict):
            return item[key].get("snippet") or item[key].get("selector") or ""
    where = str(item.get("url") or item.get("href") or item.get("source") or "")
    return f"{item['text']!r} {where}" if item.get("text") else where


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "_build" / "html")
    parser.add_argument(
        "--page", action="append", help="audit only this page (repeatable), e.g. index.html"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "audit.json")
    args = parser.parse_args()

    if not (args.site / "index.html").is_file():
        print(
            f"error: {args.site}/index.html not found; build the site first with `make html`",
            file=sys.stderr,
        )
        return 2
    if not LIGHTHOUSE.is_file():
        print(
            f"error: {LIGHTHOUSE.relative_to(ROOT)} missing; `make audit` installs it with npm ci",
            file=sys.stderr,
        )
        return 2
    pages = args.page or sorted(
        p.relative_to(args.site).as_posix() for p in args.site.rglob("*.html")
    )

    server = serve(args.site)
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
            for n, page in enumerate(pages, 1):
                url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
                lhr = lighthouse(url, Path(tmp) / "report.json")
                scores = {c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES}
                results[page] = {"scores": scores, "failing": failing(lhr)}
                line = "  ".join(f"{c} {s:3d}" for c, s in scores.items())
                print(f"[{n}/{len(pages)}] {page:28} {line}", flush=True)
                for audit in results[page]["failing"]:
                    detail = " ".join(filter(None, (audit["value"], audit["where"])))
                    print(
                        f"      {audit['category']}: {audit['id']}: {audit['title']}  {detail}",
                        flush=True,
                    )
                    if (page, audit["id"]) in EXPECTED:
                        print(f"        expected: {EXPECTED[page, audit['id']]}", flush=True)
            version = lhr["lighthouseVersion"]
    finally:
        server.shutdown()

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps({"lighthouse": version, "pages": results}, indent=2) + "\n", encoding="utf-8"
    )
    below = sorted(
        {
            page
            for page, r in results.items()
            for audit in r["failing"]
            if audit["category"] in GATED and (page, audit["id"]) not in EXPECTED
        }
    )
    slow = sorted(page for page, r in results.items() if r["scores"]["performance"] < 100)
    print(
        f"\nLighthouse {version}, mobile. {len(pages)} pages; "
        f"{len(below)} failing an unexpected accessibility, best-practices or SEO audit; "
        f"{len(slow)} under 100 in performance (not gated). Written to {args.output}"
    )
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
