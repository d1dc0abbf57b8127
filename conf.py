"""Sphinx configuration for Michael J Kelly's portfolio.

Sections follow the Sphinx configuration reference:
https://www.sphinx-doc.org/en/master/usage/configuration.html
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
sys.path.insert(0, str(HERE / "_ext"))

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
    # Local, in _ext/
    "portfolio",
]

# With conf.py at the top, the repository is the source folder: name the page
# folders rather than exclude everything else (README, tests, caches).
include_patterns = ["index.md", "work/**", "skills/**", "school/**", "play/**"]
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

# -- HTML output --------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-html-output

html_theme = "furo"
html_title = "Michael J Kelly"
html_static_path = ["_static"]
html_css_files = ["portfolio.css"]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# Result snippets fetch() each page, which browsers refuse under file://.
html_show_search_summary = False
html_theme_options = {
    "top_of_page_buttons": [],
    "navigation_with_keys": True,
}
