"""Sphinx configuration for Michael J Kelly's portfolio.

Sections follow the Sphinx configuration reference:
https://www.sphinx-doc.org/en/master/usage/configuration.html
"""

import importlib.util
import os

from sphinx.errors import ConfigError

# The site's own extension is a package (src/portfolio), installed by `make` into
# .venv and by Read the Docs (pyproject.toml). Built by another Python, say so
# plainly rather than with Sphinx's "Could not import extension".
if importlib.util.find_spec("portfolio") is None:
    raise ConfigError(
        "the site's extension, the `portfolio` package in src/, is not installed in this"
        " Python: build with `make html`, or run `pip install --editable .` first"
    )

# -- Project information ------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#project-information

project = "Michael J Kelly"
author = "Michael J Kelly"
# The résumé's revision date is the site's version: Read the Docs' EPUB build
# fails on an empty version or copyright.
release = version = "2024-06-08"
copyright = f"{release[:4]}, {author}"

# -- General configuration ----------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#general-configuration

extensions = [
    # From the community
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",  # a copy button on code blocks, served from the site itself
    # Local: the package in src/portfolio
    "portfolio",
    "portfolio.formats",  # plain sphinx-design components on paper; no dead search in singlehtml
]

# With conf.py at the top, the repository is the source folder: name the page
# folders rather than exclude everything else (README, tests, caches).
include_patterns = [
    "index.md",
    "resume.md",
    "archive.md",
    "work/**",
    "skills/**",
    "school/**",
    "play/**",
]
# Sphinx walks the whole source folder before include_patterns filters what it
# found, but it prunes excluded folders from the walk: the virtual environment,
# npm packages, builds and git history are thousands of files it need not see.
exclude_patterns = [".*", "_build", "node_modules", "src", "tests", "tools", "mutants"]
source_suffix = {".md": "markdown"}
root_doc = "index"
templates_path = ["_templates"]

# Every cross-reference must resolve.
nitpicky = True

# -- MyST ---------------------------------------------------------------------
# https://myst-parser.readthedocs.io/en/latest/configuration.html

myst_enable_extensions = [
    "colon_fence",  # ::: fences for sphinx-design, readable when nested
    "substitution",  # {{ revision }} from conf.py, written once
    "deflist",  # the school page's definition lists
]
# A page's title is written once, in its front matter.
myst_title_to_header = True
myst_heading_anchors = 0  # every link target is an explicit (label)=
myst_substitutions = {"revision": release}

# -- Code blocks ----------------------------------------------------------------
# https://sphinx-copybutton.readthedocs.io/en/latest/use.html
# The button copies what a reader would type: not the prompts of a shell ("$ ")
# or Python session (">>> ", "... "), nor the output lines between them.
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"

# -- HTML output --------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-html-output

html_theme = "furo"
html_title = "Michael J Kelly"
html_static_path = ["_static"]
html_css_files = [
    "portfolio.css",
    # Paper: no sidebars or theme chrome, and each link's address written out.
    ("print.css", {"media": "print"}),
]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
# The pages have no index entries: no empty "Index" page.
html_use_index = False
html_copy_source = False
html_show_sourcelink = False
# Result snippets fetch() each page, which browsers refuse under file://.
html_show_search_summary = False
# furo's sidebar (its theme.conf), with his e-mail and GitHub under the navigation, so
# every page says how to reach him (_templates/sidebar/contact.html).
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/contact.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}
html_theme_options = {
    "top_of_page_buttons": [],
    "navigation_with_keys": True,
}

# -- Page weight and reproducible output --------------------------------------
# https://www.sphinx-doc.org/en/master/extdev/event_callbacks.html
# Sphinx, furo and sphinx-design link and copy assets that no page here uses (the
# code-highlighting CSS, the tab script, the basic theme's CSS); portfolio.assets
# links each only from pages that need it and removes the rest from _static, so
# every page stays within tests/test_budgets.py's budget. No build time or random
# id reaches the output (html_last_updated_fmt is None), and `make` exports
# SOURCE_DATE_EPOCH from the last commit, so two builds of one commit are identical.
extensions += ["portfolio.assets"]

# -- The résumé to take away: PDF and plain text ---------------------------------
# https://typst.app/docs/ (the `typst` wheel typesets it: no TeX, no network)
# portfolio.downloads writes these files at the site root from resume.json's data
# and the prose the résumé page (resume.md) quotes, typeset by
# src/portfolio/resume.typ; `make resume` builds them alone, `make resume PAPER=a4`
# on A4 (portfolio_resume_paper). portfolio_resume_template would name a Typst
# template of the site's own instead.
portfolio_resume_basename = "michael-j-kelly-resume"

# -- Link check ---------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-the-linkcheck-builder
# `make linkcheck` visits every external link. The test suite has no internet, so
# tests/test_linkcheck.py reads every linkcheck_* value below from this file and
# runs it against a local server (200, 404, redirects, a missing anchor, a slow
# page): change a value here and that test shows what it does.

# A server silent for 15 s will not answer a reader either; a second try absorbs
# one dropped connection without hiding a dead host. A link that never answers
# is broken to a reader, so it fails the check rather than passing as "timeout".
linkcheck_timeout = 15
linkcheck_retries = 2
linkcheck_report_timeouts_as_broken = True
# A #fragment names a place on the page: a renamed heading is a broken link too.
linkcheck_anchors = True
# GitHub draws README headings and line anchors (#readme, #L10) with JavaScript,
# so the HTML linkcheck reads never has them.
linkcheck_anchors_ignore_for_url = [r"^https://github\.com/"]
# Most links go to GitHub, which answers a burst of anonymous requests with 429
# and Retry-After: few workers, and each host waited on for 2 minutes at most
# before its links count as broken.
linkcheck_workers = 4
linkcheck_rate_limit_timeout = 120.0
# Defining this at all turns every other redirect into a warning, which -W makes
# an error: a moved page gets its new address in the source.
linkcheck_allowed_redirects = {
    # Google serves its archived papers from its download host.
    r"^https://research\.google\.com/archive/": (
        r"^https://static\.googleusercontent\.com/media/research\.google\.com/"
    ),
}
# Addresses never visited, each with its reason. None yet: add one only when a
# host refuses robots but serves readers, and say so here.
LINKCHECK_IGNORED: dict[str, str] = {}
linkcheck_ignore = list(LINKCHECK_IGNORED)

# -- Hosting on Read the Docs -------------------------------------------------
# https://docs.readthedocs.com/platform/stable/reference/environment-variables.html
# Read the Docs no longer edits conf.py; it tells the build where the site lives in
# READTHEDOCS_CANONICAL_URL (https://<project>.readthedocs.io/en/latest/). From that,
# every page carries a canonical <link> (furo reads html_baseurl), the sitemap gets
# absolute URLs and the 404 page absolute paths that work at any depth. A local
# build has no address: it gets neither sitemap nor 404 page, which need one.
# html_context["READTHEDOCS"] stays unset: furo would draw an empty version box.

html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
if html_baseurl:
    extensions += ["sphinx_sitemap", "notfound.extension"]

# https://sphinx-sitemap.readthedocs.io/en/latest/advanced-configuration.html
# The canonical URL already holds the language and version.
sitemap_url_scheme = "{link}"
# No <lastmod>: it would load sphinx-last-updated-by-git, which needs a git
# checkout and makes the output depend on commit times.
sitemap_show_lastmod = False
sitemap_excludes = ["search.html", "404.html"]

# https://sphinx-notfound-page.readthedocs.io/en/latest/configuration.html
# notfound_urls_prefix defaults to the path of READTHEDOCS_CANONICAL_URL, and the
# page keeps furo's navigation, so a reader lost at any depth finds the way back.

# -- Link previews (Open Graph, Twitter cards) --------------------------------
# https://sphinxext-opengraph.readthedocs.io/en/latest/
# Absolute og:url and og:image need the site's address: the same one as
# html_baseurl. A local build has none, and its previews are never fetched.
# Each page's description comes from its front matter summary or first
# paragraph (src/portfolio/structured_data.py), not from this extension's
# first 200 characters, which would run into the timeline or the facts box.

# sphinxext.opengraph, loaded through a wrapper that drops the line it prints on
# import ("matplotlib is not installed"): cards are off, and a build prints only
# progress and problems.
extensions += ["portfolio.opengraph"]
ogp_site_url = html_baseurl
# Every page built from a source gets a card of its own (its title, summary and
# the name), drawn at build time by Typst: src/portfolio/cards.py. This one, the
# name and headline drawn once with ImageMagick and DejaVu Sans and committed, is
# for any page without a source of its own. No matplotlib, no font download.
ogp_image = "_static/og-card.png"
ogp_social_cards = {"enable": False}
# The extension writes twitter:card only beside cards it draws itself; Twitter
# reads the og:* tags for the rest.
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image" />']

# -- Atom feed of the write-ups -------------------------------------------------
# https://www.rfc-editor.org/rfc/rfc4287 (src/portfolio/feed.py writes atom.xml)
# Feed readers know an entry by its id: a tag URI (RFC 4151) of his domain, the
# year of the résumé that names it, and the page's name. Never change it, or every
# reader shows every write-up again.
portfolio_feed_id = "tag:michaelkelly.org,2024:"

# -- EPUB output --------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-epub-output
# Read the Docs builds the EPUB with -W too; `make epub` must pass epubcheck.

epub_basename = "michael-j-kelly"
epub_title = f"{project}: résumé"
epub_description = "The résumé and portfolio of Michael J Kelly, software engineer."
epub_publisher = author
# A fixed identifier, so a reader updates the book rather than shelving a second
# copy. The NCX repeats epub_uid where epubcheck wants the OPF identifier: the same.
epub_uid = epub_identifier = "michael-j-kelly-resume"
# The e-reader sets the type; portfolio.css lays out furo's screen (and uses CSS
# epubcheck cannot parse), print.css is for paper. The EPUB theme and
# sphinx-design's styles remain.
epub_css_files: list[str] = []
epub_exclude_files = ["_static/portfolio.css", "_static/print.css"]
# Each link's address in brackets after it, for readers that cannot follow links
# ("footnote" numbers them as [[#1]], which reads badly).
epub_show_urls = "inline"
epub_tocdepth = 2

# -- LaTeX (PDF) output -------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-latex-output
# The PDF is the paper résumé: a short article ("howto"), not a book, so no
# chapter pages, blank versos or separate title page.

latex_documents = [
    (root_doc, "michael-j-kelly.tex", f"{project}: résumé", author, "howto"),
]
latex_show_urls = "footnote"
# LaTeX's \date: the résumé's, not the build day's, which would change the PDF
# on every rebuild.
today = release
latex_show_pagerefs = False
latex_domain_indices = False
latex_elements = {
    "papersize": "letterpaper",
    "pointsize": "11pt",
    # One title block: the name and what this is. The default repeats the name
    # as the author and adds a date beside the revision.
    "maketitle": (
        r"\begin{flushright}{\sffamily\bfseries\Huge " + project + r"\par}\vspace{4pt}"
        r"{\sffamily\itshape\Large Résumé, revision " + release + r"\par}\end{flushright}"
    ),
    "printindex": "",
}
