# Everyday commands. `make run` for a working site with demo content, `make test` for the suite.
#
# Both create .venv with Python 3.11 if it is missing and install the project with its dev
# extras; a stamp file means a second run only reinstalls when pyproject.toml has changed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
PYTEST_ARGS ?=
# Two workers suit this 2-core machine; PYTEST_WORKERS=auto uses every core, 0 runs serially.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install messages run test lint format bench bench-render soak stack lighthouse clean

help:
	@echo "make run      install, migrate, load demo content, then serve http://127.0.0.1:$(PORT)/"
	@echo "make test     install, then run the whole suite in $(PYTEST_WORKERS) parallel workers (browser tests included)"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make format   ruff format and ruff check --fix"
	@echo "make stack    Varnish, two gunicorn app servers and the task worker (PostgreSQL, Redis)"
	@echo "make bench    the stack through real HTTP: req/s and p50/p99 per page (needs wrk or ab)"
	@echo "make bench-render  render time, queries and bytes of the condition page (test client)"
	@echo "make soak     30 s, 50 connections through Varnish while app server A is killed"
	@echo "make lighthouse  Lighthouse on the demo site: SEO, accessibility, best practices must be 100 (needs npm)"
	@echo "Options: PORT=8123, PYTEST_ARGS='-k condition', PYTEST_WORKERS=auto|0, DATABASE_URL=postgres://..."

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# The translations (locale/<language>/LC_MESSAGES/django.po) compiled to the .mo files Django
# reads; the .mo files are build output, not committed. Needs GNU gettext (msgfmt).
messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

# Development settings: DEBUG on, SQLite (db.sqlite3) unless DATABASE_URL says otherwise.
run: export DJANGO_SETTINGS_MODULE = site_project.settings.dev
run: export WAGTAILADMIN_BASE_URL = http://127.0.0.1:$(PORT)
run: $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Test settings come from pyproject.toml; --ds wins over a DJANGO_SETTINGS_MODULE in the shell.
# pytest-xdist with --dist loadfile: each file runs whole on one worker, so module- and
# class-scoped data and a file's browser session stay together (--dist loadgroup ignores
# xdist_group markers under pytest 9.2: grouped tests landed on different workers).
test: $(STAMP) messages
	$(BIN)/python -m pytest --ds=site_project.settings.test -p no:cacheprovider \
		-n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The production layout on this machine until Ctrl-C (deploy/stack.py; STACK_* variables).
stack: $(STAMP)
	$(BIN)/python deploy/stack.py

# Speed figures through real HTTP against the stack (prints numbers; asserts nothing).
bench: $(STAMP)
	$(BIN)/python benchmarks/stack_bench.py

# 50 connections for 30 s through Varnish while app server A is killed and restarted.
soak: $(STAMP)
	$(BIN)/python benchmarks/soak.py

# Render time, queries and bytes of the condition page through the test client.
bench-render: $(STAMP)
	$(BIN)/python benchmarks/condition_page.py

# Lighthouse (npm package, installed into var/lighthouse on first use) against the demo site
# on 127.0.0.1:$(LIGHTHOUSE_PORT): fails unless SEO, accessibility and best practices are 100 on
# the condition page (English and Spanish), search results and home; prints performance too. About 2 minutes.
LIGHTHOUSE_PORT ?= 8010
lighthouse: $(STAMP)
	$(BIN)/python benchmarks/lighthouse.py --port $(LIGHTHOUSE_PORT)

clean:
	rm -rf $(VENV) static_collected var .pytest_cache .ruff_cache *.egg-info
