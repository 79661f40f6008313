# Two commands for a newcomer: `make serve` and `make test`. Each sets up what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/lib/chromium/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check chromium bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## serve: preview the site on http://127.0.0.1:8000, reloading on every content change
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: write the static site to site/; a failed or interrupted build leaves the old one whole
build: $(STAMP)
	rm -rf .site.new
	$(BIN)/mkdocs build --strict --site-dir .site.new
	$(BIN)/python -m srm_build.publish .site.new site

## check: validate the content without building
check: $(STAMP)
	$(BIN)/python -m srm_build check content

## chromium: Debian's Chromium for the browser tests (Playwright cannot fetch its own here)
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Chromium for the browser tests"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

## test: every test, browser tests included
test: $(STAMP) chromium
	$(BIN)/python -m pytest

## bench: time builds with the plugin against plain Markdown and mkdocs-quiz (bench/README.md)
bench: $(STAMP)
	$(BIN)/python -c 'import mkdocs_quiz, pyinstrument' 2>/dev/null || \
	  $(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site .site.new .site.old .pytest_cache
