# Every target runs in .venv, made on first use from the hash-pinned requirements,
# so a fresh machine needs only Python 3.11+, make and (for the tests) npm.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
BUILDDIR    := _build
# Strict: warnings are errors (-W), every reference must resolve (-n), and one run
# reports every problem (--keep-going).
SPHINXOPTS  ?= -W -n --keep-going
SPHINXBUILD := $(BIN)/sphinx-build

.PHONY: help html test requirements clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

html: $(VENV)/.site  ## Build the site into _build/html, strictly.
	$(SPHINXBUILD) -b html $(SPHINXOPTS) . $(BUILDDIR)/html

test: $(VENV)/.dev  ## Run the test suite.
	$(BIN)/python -m pytest $(PYTEST_ARGS)

requirements: $(VENV)/.dev  ## Regenerate the hash-pinned requirements*.txt from requirements*.in.
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:  ## Remove builds (the virtual environment stays).
	rm -rf $(BUILDDIR)
