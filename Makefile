# paperguide — everything a fresh machine needs runs through these targets.
# `make serve` and `make test` set up .venv themselves; nothing is installed outside the repo.

PYTHON ?= python3
# `make serve PORT=8001` runs a second preview next to the first.
PORT   ?= 8000
VENV   := .venv
BIN    := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help setup setup-test serve build test test-fast lint bench lock clean

help:
	@echo "make serve   set up .venv and serve the example site on http://127.0.0.1:8000 (PORT=8001 for another port)"
	@echo "make build   strict build of the example site into site/"
	@echo "make test    set up everything and run the whole test suite"
	@echo "make test-fast  unit tests and a few real builds, for the edit loop (under a minute)"
	@echo "make lint    ruff over the package, tests and bench"
	@echo "make check   validate notes and bibliography without building (paperguide check)"
	@echo "make linkcheck  strict build, then check every internal link and #anchor offline"
	@echo "make bench   run the benchmarks, write bench/RESULTS.md"
	@echo "make lock    re-pin requirements/constraints.txt from a fresh resolve"

# The stamp files make set-up idempotent: they are rebuilt only when the inputs change.
$(VENV)/.stamp-site: pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "paperguide needs Python 3.11+"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-site
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $@

setup: $(VENV)/.stamp-site
setup-test: $(VENV)/.stamp-test

# KaTeX (math typeset at build time) comes from npm, pinned by package-lock.json; it is run
# in-process by mini-racer, so node is needed only to install it. `npm ci` empties
# node_modules/ first, which also removes the stamp.
NODE_STAMP := node_modules/.stamp-npm
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "paperguide needs npm to install KaTeX (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@
setup: $(NODE_STAMP)
setup-test: $(NODE_STAMP)

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: setup
	$(BIN)/mkdocs build --strict --site-dir site

test: setup-test
	$(BIN)/python -m pytest

# The edit loop: unit tests plus one real build of the example site, the check-equals-build
# comparison and the whole-page hostile-input build (about 30 s here). CI runs `make test`.
FAST_TESTS := tests/unit tests/builds/test_example_site.py tests/builds/test_check_matches_build.py \
	tests/builds/test_whole_page.py
test-fast: setup-test
	$(BIN)/python -m pytest -q $(FAST_TESTS)

# The contributor's checks (CONTRIBUTING.md); the pull-request workflow runs the same ones.
.PHONY: check linkcheck
check: setup
	$(BIN)/paperguide check

linkcheck: setup-test build
	$(BIN)/python -m tests.linkcheck site --config mkdocs.yml

lint: setup-test
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

bench: setup-test
	$(BIN)/python bench/run.py --out bench/RESULTS.md

# Re-resolve every dependency from the ranges in pyproject.toml and pin the result.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^paperguide' > $(CONSTRAINTS)
	rm -rf .lock-venv
	npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error

clean:
	rm -rf site .cache .pytest_cache
