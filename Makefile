# Every target runs in .venv, made on first use from the hash-pinned requirements,
# so a fresh machine needs only Python 3.11+, make and (for the tests) npm.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
BUILDDIR    := _build
# Where `make serve` listens on 127.0.0.1.
PORT        ?= 8000
# Strict: warnings are errors (-W), every reference must resolve (-n), and one run
# reports every problem (--keep-going).
SPHINXOPTS  ?= -W -n --keep-going
SPHINXBUILD := $(BIN)/sphinx-build
# Reproducible: any date a build writes is the last commit's, not the clock's, so two
# builds of one commit are byte-identical (https://reproducible-builds.org/specs/source-date-epoch/).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: help html resume offline epub latexpdf linkcheck test mutation serve writeup import bench audit requirements schema clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

# The site's own package (src/: the extension and the link checker) goes in
# editable, so an edit to it shows on the next build; without its dependencies,
# which requirements.txt has just pinned by hash.
$(VENV)/.site: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

# The résumé's paper: letter or a4 (make resume PAPER=a4); VARIANT: one tailored
# résumé that resume.md declares (make resume VARIANT=first-screen).
PAPER       ?= letter
VARIANT     ?=
RESUMEOPTS  := -D portfolio_resume_paper=$(PAPER) $(if $(VARIANT),-D portfolio_resume_variant=$(VARIANT))

# Sphinx's cache (doctrees) goes beside the site, not into it: it is not the site,
# and it records the paths of drafts, which nothing published may name.
html: $(VENV)/.site  ## Build the site into _build/html, strictly, with the PDF and text résumé.
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(RESUMEOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html

resume: $(VENV)/.site  ## Typeset the PDF résumé (and its text) alone into _build/resume; PAPER=a4, VARIANT=name.
	$(SPHINXBUILD) -b resume $(SPHINXOPTS) $(RESUMEOPTS) -d $(BUILDDIR)/doctrees-resume . $(BUILDDIR)/resume

# The browser tests' axe-core, exactly as package-lock.json pins it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

linkcheck: $(VENV)/.site  ## Visit every external link (needs the internet); report in _build/linkcheck.
	$(SPHINXBUILD) -b linkcheck $(SPHINXOPTS) . $(BUILDDIR)/linkcheck || \
		{ echo "Broken or moved links: $(BUILDDIR)/linkcheck/output.txt (file:line: [status] address)"; exit 1; }

# The site as one zip to unzip and open with a double-click: a fresh build without
# READTHEDOCS_CANONICAL_URL, whose 404 page and sitemap only make sense when hosted.
offline: $(VENV)/.site  ## Zip the site for reading offline into _build/michael-j-kelly-html.zip.
	env -u READTHEDOCS_CANONICAL_URL $(SPHINXBUILD) -b html $(SPHINXOPTS) $(RESUMEOPTS) \
		-d $(BUILDDIR)/doctrees-offline . $(BUILDDIR)/offline
	$(BIN)/python tools/offline_zip.py $(BUILDDIR)/offline $(BUILDDIR)/michael-j-kelly-html.zip

epub: $(VENV)/.site  ## Build the EPUB into _build/epub, strictly (as Read the Docs does).
	$(SPHINXBUILD) -M epub . $(BUILDDIR) $(SPHINXOPTS)

# latexmk stops at the first TeX error (-halt-on-error) and fails on an undefined
# reference (-Werror), which would print as "??" on paper.
latexpdf: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error -Werror
latexpdf: $(VENV)/.site  ## Print the whole site as one PDF into _build/latex, strictly.
	$(SPHINXBUILD) -M latexpdf . $(BUILDDIR) $(SPHINXOPTS)

# Two processes (pytest-xdist); the files whose module-scoped builds (EPUB, PDF,
# offline zip) must be made once keep their tests in one (xdist_group marks).
# PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

test: $(VENV)/.dev node_modules/.installed  ## Lint, then run the test suite.
	$(BIN)/ruff check src tests tools conf.py
	$(BIN)/ruff format --check --quiet src tests tools conf.py
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Low priority: the machine is shared, and mutants take minutes.
mutation: $(VENV)/.dev  ## Mutation-test the extension and link checker; report in _build/mutation/report.md.
	nice $(BIN)/python tools/mutation.py $(MUTATION_ARGS)

# The preview builds drafts too, each marked "Draft", and shows front matter errors
# on the page they concern as well as in the terminal. It is sphinx-autobuild with
# each rebuild forked from a process with Sphinx already loaded (tools/serve.py
# says why): a saved page shows in well under a second.
serve: $(VENV)/.dev  ## Preview on http://127.0.0.1:8000 (or PORT=n), drafts included, rebuilt on every save.
	$(BIN)/python tools/serve.py --host 127.0.0.1 --port $(PORT) -n --keep-going -D portfolio_preview=1 \
		--ignore '*/.venv/*' --ignore '*/node_modules/*' --ignore '*/tests/*' --ignore '*/.git/*' \
		. $(BUILDDIR)/serve

# TITLE, SECTION and SKILLS reach the script through the environment, unexpanded
# ($(value ...)), so neither make nor a shell rewrites a title's $, quotes or spaces.
writeup: export WRITEUP_TITLE = $(value TITLE)
writeup: export WRITEUP_SECTION = $(value SECTION)
writeup: export WRITEUP_SKILLS = $(value SKILLS)
writeup: $(VENV)/.site  ## Start a page: make writeup TITLE="My project" [SECTION=work] [SKILLS="go python"]
	@$(BIN)/python -m portfolio.writeup

# FROM: a JSON Resume file or a RenderCV YAML file; INTO: a new (or empty) folder.
import: $(VENV)/.site  ## Start a site from a résumé: make import FROM=resume.json INTO=../my-site
	@$(BIN)/python -m portfolio.importer "$(FROM)" "$(INTO)"

bench: $(VENV)/.dev  ## Time builds and weigh pages beside a bare quickstart site; writes _build/bench.json.
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# Lighthouse, exactly as tools/audit/package-lock.json pins it; install scripts are
# not run (Lighthouse needs none: it drives Debian's Chromium).
tools/audit/node_modules/.installed: tools/audit/package.json tools/audit/package-lock.json
	npm ci --prefix tools/audit --ignore-scripts --no-audit --no-fund
	touch $@

audit: html tools/audit/node_modules/.installed  ## Lighthouse (mobile) on every page of _build/html; writes _build/audit.json.
	$(BIN)/python tools/audit.py $(BUILDDIR)/html

requirements: $(VENV)/.dev  ## Regenerate the hash-pinned requirements*.txt from requirements*.in.
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

schema: $(VENV)/.site  ## Write the front matter's JSON Schema and the README's table of fields from the model.
	$(BIN)/python tools/schema.py

clean:  ## Remove builds (the virtual environment stays).
	rm -rf $(BUILDDIR)
