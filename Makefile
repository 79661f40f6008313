# Two commands for a newcomer: `make serve` and `make test`. Each sets up what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/lib/chromium/chromium
export NO_MKDOCS_2_WARNING := 1

# The engine that builds the site: mkdocs (the default), properdocs or zensical, as in
# `make build ENGINE=zensical` (README, "Engines"). Each is installed on first use.
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE must be one of: $(ENGINES))
endif
# MkDocs comes with the default install; another engine is installed on first use.
ENGINE_STAMP := $(if $(filter mkdocs,$(ENGINE)),$(STAMP),$(VENV)/.engine-$(ENGINE))
ADDR := 127.0.0.1:8000

.PHONY: serve build test check chromium bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENV)/.engine-%: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,$*]'
	touch $@

## serve: preview the site on http://127.0.0.1:8000, rebuilding and reloading on every edit
##        of content/ (YAML and Markdown) and mkdocs.yml. ENGINE=zensical runs `make build`
##        again on each edit and serves site/ (srm_build/engines/zensical_serve.py)
serve: $(ENGINE_STAMP)
ifeq ($(ENGINE),zensical)
	$(BIN)/python -m srm_build.engines.zensical_serve --addr $(ADDR) --root site \
	  --watch content --watch mkdocs.yml --watch overrides \
	  -- $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) build ENGINE=zensical
else
	$(BIN)/$(ENGINE) serve -f mkdocs.yml --dev-addr $(ADDR)
endif

## build: write the static site to site/; a failed or interrupted build leaves the old one
##        whole. Zensical runs no plugin: its build validates first, then completes what it
##        built (client files, exports); its cache is cleaned, since it knows a YAML file's
##        page only by the Markdown page beside it, which does not change when the YAML does.
##        Zensical has no --site-dir: a configuration that inherits mkdocs.yml names .site.new.
build: $(ENGINE_STAMP)
	rm -rf .site.new .site.new.yml
ifeq ($(ENGINE),zensical)
	$(BIN)/python -m srm_build check content
	printf 'INHERIT: mkdocs.yml\nsite_dir: .site.new\n' > .site.new.yml
	SRM_CHECKED=1 $(BIN)/zensical build --strict --clean -f .site.new.yml; status=$$?; rm -f .site.new.yml; \
	  exit $$status
	$(BIN)/python -m srm_build complete .site.new content
else
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml --site-dir .site.new
endif
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

## test: every test, browser tests included; the HTML tests run on the site each engine
##       builds (an engine not installed fails). ENGINE=properdocs or zensical runs only the
##       tests marked `engines`, on that engine's site
test: $(STAMP) $(VENV)/.engine-properdocs $(VENV)/.engine-zensical chromium
ifeq ($(ENGINE),mkdocs)
	$(BIN)/python -m pytest
else
	SRM_ENGINES=$(ENGINE) $(BIN)/python -m pytest -m engines
endif

## bench: the columns of #18: plugin vs plain Markdown vs mkdocs-quiz per engine, fixed cost,
##        check vs check-jsonschema, serve reload, Lighthouse (bench/README.md)
bench: $(STAMP) $(VENV)/.engine-properdocs $(VENV)/.engine-zensical chromium
	$(BIN)/python -c 'import mkdocs_quiz, pyinstrument' 2>/dev/null || \
	  $(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site .site.new .site.old .pytest_cache .cache
