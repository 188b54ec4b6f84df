# tuijin: `make run` sets everything up and serves the Kaifeng 2023 plan on SQLite;
# `make test` sets up what the tests need and runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TUIJIN := $(VENV)/bin/tuijin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the test suite drives: a real browser, CJK fonts for screenshots and
# charts, LibreOffice to write spreadsheets as office software does, poppler for PDFs.
TEST_APT_PACKAGES := chromium fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils gettext

.PHONY: run setup test test-setup lint bench-dashboard bench-import bench-extract clean messages messages-update apt

run: setup
	$(TUIJIN) migrate --noinput
	$(TUIJIN) bootstrap
	$(TUIJIN) runserver $(HOST):$(PORT)

setup: $(VENV)/.installed node_modules/.installed messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

# Test and benchmark tools (pytest, Playwright's Python client, ruff, pandas) only for make test.
$(VENV)/.installed-dev: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || $(MAKE) apt APT_PACKAGES=gettext
	$(PY) manage.py compilemessages --ignore .venv --ignore node_modules --ignore var -v 0

# Refresh the catalogue after changing user-facing strings, then translate the new entries.
messages-update: $(VENV)/.installed-dev
	cd src/tuijin && ../../$(PY) -m django makemessages -l zh_Hans --no-obsolete --no-location -v 0 --settings tuijin.settings

apt:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

test-setup: setup $(VENV)/.installed-dev
	@$(MAKE) --no-print-directory apt APT_PACKAGES="$(TEST_APT_PACKAGES)"

test: test-setup
	$(VENV)/bin/ruff check src tests bench
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check src tests bench

bench-dashboard: setup $(VENV)/.installed-dev
	$(PY) bench/dashboard_bench.py --scale city

bench-import: setup $(VENV)/.installed-dev
	$(PY) bench/import_bench.py

bench-extract: setup $(VENV)/.installed-dev
	$(PY) bench/extract_eval.py --real

clean:
	rm -rf $(VENV) node_modules var test-artifacts
