"""Checks on a built site that the Sphinx build itself cannot make.

Sphinx resolves the cross-references it knows about; these checks read the
HTML as a browser would, so they also cover raw HTML, templates and static
files. Each returns human-readable problems naming the page and the target.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from email_validator import EmailNotValidError, validate_email

from portfolio.pageweight import (
    PageReferences,
    Reference,
    page_references,
    stylesheet_references,
)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def urls(html: str) -> list[Reference]:
    """Every URL a browser would follow or fetch from a page, as the page-weight
    reader finds them: one list of what a browser reads, for both."""
    return page_references(html).references


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def internal_link_problems(root: Path) -> list[str]:
    """Internal URLs whose file, or whose ``#fragment`` on that page, is missing,
    and links to a folder, which ``file://`` shows as a file listing."""
    root = root.resolve()
    problems = []
    read = {
        page.resolve(): page_references(page.read_text(encoding="utf-8")) for page in pages(root)
    }
    for page, found in read.items():
        where = page.relative_to(root)
        for reference in found.references:
            problem = _internal_problem(root, page, reference.url, read)
            if problem:
                problems.append(f"{where}: {reference.label} {problem}")
    return problems


def _internal_problem(
    root: Path, page: Path, url: str, read: dict[Path, PageReferences]
) -> str | None:
    """What is wrong with one URL of ``page``, or None."""
    if is_external(url):
        return None
    parts = urlsplit(url)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if not target.is_relative_to(root):
        # Hosted or unzipped, nothing above the site's folder comes with it.
        return "points outside the site's folder; link a file inside it"
    if target.is_dir():
        index = parts._replace(path=parts.path.rstrip("/") + "/index.html").geturl()
        if (target / "index.html").is_file():
            return f"points to a folder, which file:// shows as a file listing; link {index!r}"
        return "points to a folder that has no index.html"
    if not target.is_file():
        return "points to a missing file"
    if parts.fragment and target.suffix == ".html":
        anchors = read[target].anchors if target in read else frozenset()
        if unquote(parts.fragment) not in anchors:
            return f"names an anchor that {target.relative_to(root)} does not have"
    return None


def placeholder_link_problems(root: Path) -> list[str]:
    """Links in page content that go nowhere: ``#`` or empty."""
    problems = []
    for page in pages(root):
        article = _soup(page).find("article")
        if article is None:
            continue
        for link in article.find_all("a"):
            href = link.get("href")
            if href is None or href.strip() in ("", "#"):
                problems.append(
                    f"{page.relative_to(root)}: the link {link.get_text(strip=True)!r} "
                    f"has href={href!r}; give it its real target"
                )
    return problems


def css_url_problems(root: Path) -> list[str]:
    """``url()`` references in the built stylesheets that point to a missing file or off-site."""
    problems = []
    for stylesheet in sorted(root.rglob("*.css")):
        where = stylesheet.relative_to(root)
        for line, url in stylesheet_references(stylesheet.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme == "data":
                continue
            if is_external(url):
                problems.append(
                    f"{where}:{line}: url({url!r}) loads from another host; "
                    "copy the file into _static/ so the site works offline"
                )
            elif parts.path and not (stylesheet.parent / unquote(parts.path)).is_file():
                problems.append(f"{where}:{line}: url({url!r}) points to a missing file")
    return problems


#: Domains reserved for examples and tests (RFC 2606, RFC 6761): a link there is a stand-in.
PLACEHOLDER_DOMAINS = (
    "example.com",
    "example.net",
    "example.org",
    "example",
    "invalid",
    "test",
    "localhost",
)


def is_placeholder_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in ("127.0.0.1", "::1") or any(
        host == domain or host.endswith(f".{domain}") for domain in PLACEHOLDER_DOMAINS
    )


def external_link_problems(root: Path) -> list[str]:
    """External URLs that break the policy: https:// only, well-formed mailto:, no stand-ins."""
    problems = []
    for page in pages(root):
        where = page.relative_to(root)
        for reference in urls(page.read_text(encoding="utf-8")):
            if is_external(reference.url):
                problem = _external_problem(reference.url)
                if problem:
                    problems.append(f"{where}: {reference.label} {problem}")
    return problems


def _external_problem(url: str) -> str | None:
    """What is wrong with one external URL, or None."""
    parts = urlsplit(url)
    match parts.scheme:
        case "https":
            if not parts.hostname:
                return "has no host name"
            if is_placeholder_host(parts.hostname):
                return f"is a placeholder ({parts.hostname}); give it its real target"
            return None
        case "mailto":
            return _mailto_problem(parts.path)
        case "data":
            return None  # inline content: nothing is fetched from another host
        case "http":
            return (
                f"is not encrypted; use https://{url.removeprefix('http://')} if the site serves it"
            )
        case "":
            return f"has no scheme; write https://{url.removeprefix('//')}"
        case scheme:
            return f"uses {scheme}:, but only https:// and mailto: links are allowed"


def _mailto_problem(addresses: str) -> str | None:
    if not addresses:
        return "names no e-mail address"
    for address in unquote(addresses).split(","):
        try:
            checked = validate_email(address.strip(), check_deliverability=False)
        except EmailNotValidError as error:
            return f"is not a well-formed e-mail address: {error}"
        if is_placeholder_host(checked.domain):
            return f"is a placeholder address ({checked.domain}); give it the real one"
    return None
