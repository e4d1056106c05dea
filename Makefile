# Crossing Archive: `make run` serves the site for development, `make serve` for
# production, `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=1
PROD_ENV := DEBUG=0
# Python keeps the bytecode it compiles (and pytest its rewritten test modules) even where
# the environment says not to: without it every test worker, server and subprocess would
# compile the project again (the non-browser tests took 65 s instead of 53 s).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run serve test test-all lint migrate seed bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[test]"
	touch $@

migrate: $(VENV)/.installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

# Loads the seed record into a new, empty archive only (see films/management/commands/seed.py).
seed: migrate
	$(DEV_ENV) $(BIN)/python manage.py seed

run: seed
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production server: gunicorn (workers from WEB_CONCURRENCY), DEBUG off, static
# files collected for whitenoise. Migrates, never seeds. It stops with one line when
# SECRET_KEY or ALLOWED_HOSTS is missing (crossing_archive/management/commands/check_serve.py).
serve: $(VENV)/.installed
	@$(PROD_ENV) $(BIN)/python manage.py check_serve
	$(PROD_ENV) $(BIN)/python manage.py migrate --noinput
	$(PROD_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(PROD_ENV) $(BIN)/python manage.py clear_page_cache
	$(PROD_ENV) exec $(BIN)/gunicorn crossing_archive.wsgi --bind 127.0.0.1:$(PORT) \
		--access-logfile - --no-control-socket --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Two workers: the machines this runs on have two cores. `make test` leaves out the
# tests marked slow (live multi-process servers); `make test-all` runs them too, as CI does.
test: $(VENV)/.installed
	$(BIN)/python -m pytest -n 2 -m "not slow"

test-all: $(VENV)/.installed
	$(BIN)/python -m pytest -n 2

# Times the site on the seed record and on a large synthetic archive, on SQLite and
# PostgreSQL, and writes bench/RESULTS.md (see bench/README.md). The archives are built
# on the first run and reused. BENCH_DB=sqlite measures one database only.
BENCH_ARTICLES ?= 100000
BENCH_PEOPLE ?= 10000
BENCH_DB ?= both
bench: $(VENV)/.installed
	$(BIN)/python bench/harness.py --db $(BENCH_DB) --articles $(BENCH_ARTICLES) --people $(BENCH_PEOPLE)

# Style, format, the layers of docs/ARCHITECTURE.md, and migrations that match the models.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
