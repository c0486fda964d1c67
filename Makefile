# gehoord — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test typecheck lock bench lint messages serve clean vendor openapi axe-summary

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# vendor: the chart libraries (Vega, Vega-Lite, vega-embed and Vega's CSP-safe expression
# interpreter) from npm, pinned by package-lock.json, copied into gehoord/static/vendor so the
# pages load them from /static/ and never from a CDN. Rebuilt only when the lock file changed.
VENDOR := gehoord/static/vendor

$(VENDOR)/.built: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make vendor needs Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
		node_modules/vega-embed/build/vega-embed.min.js $(VENDOR)/
	node_modules/.bin/esbuild node_modules/vega-interpreter/build/vega-interpreter.js --bundle \
		--format=iife --global-name=vegaInterpreter --minify --log-level=warning \
		--outfile=$(VENDOR)/vega-interpreter.min.js
	touch $@

vendor: $(VENDOR)/.built

# Install the pinned, hashed versions of requirements/*.txt (see `lock`), then gehoord itself
# without dependencies. Reinstall only when a lock file or pyproject.toml changed, so a second
# `make demo` starts at once.
$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python $(VENDOR)/.built
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(BIN)/python $(VENDOR)/.built
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

# lock: regenerate requirements/base.txt and dev.txt from the ranges in pyproject.toml, for
# CPython 3.11 on x86_64 Linux whatever machine runs it. Pins already there are kept unless
# a range excludes them; `make lock UPGRADE=1` moves every pin to the newest allowed version.
LOCK_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --no-header \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28 $(if $(UPGRADE),--upgrade)
LOCK_HEADER = '\# Pinned and hashed; generated from pyproject.toml by `make lock`, do not edit.' \
	'\# uv (uv pip compile), not pip-tools: it resolves in seconds and reads no pip.conf,' \
	'\# so the hashes are those of the files on PyPI, wherever the lock is made.'

lock: $(VENV)/.installed-dev
	$(LOCK_COMPILE) -o requirements/base.txt pyproject.toml
	$(LOCK_COMPILE) --extra dev -o requirements/dev.txt pyproject.toml
	for f in requirements/base.txt requirements/dev.txt; do \
		{ printf '%s\n' $(LOCK_HEADER); cat $$f; } > $$f.tmp && mv $$f.tmp $$f; \
	done

## demo: install, migrate SQLite, load the demo data, serve on http://127.0.0.1:8000 with a worker
demo: $(VENV)/.installed
	$(BIN)/gehoord demo

## test: install the dev dependencies and run lint, migration check and the whole suite,
## then print its duration and the 15 slowest tests.
## Set DATABASE_URL=postgres://… to run it on PostgreSQL instead of SQLite, and
## GEHOORD_TEST_NOW=2027-01-01T09:00 to run it at another moment (the clock is frozen).
test: $(VENV)/.installed-dev
	@start=$$(date +%s); \
	$(BIN)/ruff check gehoord bench && \
	$(BIN)/ruff format --check gehoord bench && \
	$(BIN)/lint-imports && \
	$(MAKE) --no-print-directory typecheck && \
	$(BIN)/gehoord makemigrations --check --dry-run && \
	$(BIN)/pytest --durations=15; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s (exit $$status)"; exit $$status

## typecheck: mypy with django-stubs over the packages listed in [tool.mypy] files
typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

## openapi: rewrite docs/openapi.json from the API (commit it; a test fails when it is stale)
openapi: $(VENV)/.installed
	$(BIN)/gehoord openapi --output docs/openapi.json

## bench: print performance figures (respondent flow beside a bare INSERT endpoint on SQLite
## and PostgreSQL; loader and rollup rebuild beside bare COPY/GROUP BY; dispatch throughput; CSV import of 20 000 rows;
## figure endpoints over 1 M responses in PostgreSQL — BENCH_RESPONSES=10000000 for 10 M)
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/respondent_flow.py
	$(BIN)/python bench/bulk.py postgresql 20000
	$(BIN)/python bench/bulk.py sqlite 20000
	$(BIN)/python bench/dispatch.py
	$(BIN)/python bench/csv_import.py
	$(BIN)/python bench/figures.py
	$(BIN)/python bench/response_list.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check gehoord
	$(BIN)/ruff format --check gehoord bench

# Apps with their own catalogue (gehoord/<app>/locale); the rest share gehoord/locale.
OWN_CATALOGUE_APPS := sso framework surveys contacts outreach api insights feedback publication \
	improvement webhooks

## messages: update and compile the Dutch catalogues (needs GNU gettext)
messages: $(VENV)/.installed
	cd gehoord && ../$(BIN)/gehoord makemessages -l nl -i "tests/*" -i "*/tests/*" \
		-i conftest.py $(foreach app,$(OWN_CATALOGUE_APPS),-i "$(app)/*")
	for app in $(OWN_CATALOGUE_APPS); do \
		(cd gehoord/$$app && ../../$(BIN)/gehoord makemessages -l nl -i "tests/*") || exit 1; \
	done
	cd gehoord && ../$(BIN)/gehoord compilemessages

clean:
	rm -rf $(VENV) var node_modules $(VENDOR)

## axe-summary: run the browser tests and record what axe-core checked (every check must
## pass) in the file the accessibility statement (/toegankelijkheid/) shows; commit it.
axe-summary: $(VENV)/.installed-dev
	GEHOORD_AXE_SUMMARY=$(CURDIR)/gehoord/publication/axe_summary.json $(BIN)/pytest -q -m browser
