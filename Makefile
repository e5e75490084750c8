# The two commands: `make run` and `make test`. Everything else is their plumbing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_UPDATED := var/.apt-updated

# Debian packages, by the command (or shared library) that proves each one is there.
RUN_DEBS := msgfmt:gettext libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0
TEST_DEBS := $(RUN_DEBS) chromium:chromium pdftotext:poppler-utils redis-server:redis-server \
             npm:npm

.PHONY: run test lint bench mutation install messages system-deps-run system-deps-test node-deps \
        postgres-binaries check-migrations typecheck lint-imports clean

run: system-deps-run install messages ## install, migrate, load demo data, serve web + worker + beat
	@mkdir -p var
	@# The apps were split and their migrations made anew (2026-12-07): a demo database
	@# from before, with migrations of the old app "overenskommelse", is set aside.
	@if [ -z "$$DATABASE_URL" ] && [ -f var/db.sqlite3 ] && $(PY) -c "import sqlite3, sys; \
	  rows = sqlite3.connect('var/db.sqlite3').execute(\"SELECT 1 FROM django_migrations WHERE app = 'overenskommelse'\").fetchall(); \
	  sys.exit(0 if rows else 1)" 2>/dev/null; then \
	  mv var/db.sqlite3 var/db.sqlite3.before-split; \
	  echo "var/db.sqlite3 was made before the apps were split; set aside as var/db.sqlite3.before-split"; fi
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:8000 with a Celery worker and beat (Ctrl-C stops all three)."
	$(PY) manage.py run_portal

# mypy and the import contracts first: a type error or a wrong-way import fails
# `make test` (and so CI) before the long suite starts.
# pytest finds PostgreSQL and Redis, or starts throwaway ones, through pytest-postgresql
# and pytest-redis (tests/servers.py).
test: system-deps-test postgres-binaries install node-deps messages typecheck lint-imports ## the whole suite on PostgreSQL + Redis
	$(PY) -m pytest $(PYTEST_ARGS)

# bench and mutation are no pytest runs of their own: they take DATABASE_URL and
# REDIS_URL if set, else the servers on 127.0.0.1 (the suite's defaults), and stop at
# once when one does not answer. Neither starts a server: a bench measures the real one.
SERVERS := DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}" \
           REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/15}"
SERVER_CLIENTS := pg_isready:postgresql-client redis-cli:redis-tools
define servers_answer
	@export $(SERVERS); \
	pg_isready -q -d "$$DATABASE_URL" || { echo "No PostgreSQL answers at DATABASE_URL" \
	  "(default 127.0.0.1:5432): start it or set DATABASE_URL"; exit 2; }; \
	[ "$$(redis-cli -u "$$REDIS_URL" ping 2>/dev/null)" = PONG ] || { echo "No Redis answers" \
	  "at REDIS_URL (default 127.0.0.1:6379): start it or set REDIS_URL"; exit 2; }
endef

bench: system-deps-test install messages ## load test against a bare baseline view
	$(call ensure_debs,wrk:wrk $(SERVER_CLIENTS))
	$(call servers_answer)
	$(SERVERS) $(PY) -m tests.bench.run

# Not part of `make test` or CI. MUTATE=overenskommelse/agreement/predicates.py (files or folders)
# limits it to some rule modules; MUTATION_JOBS=2 tests two mutants at once.
mutation: system-deps-test install messages ## mutmut over the rule modules, and the score
	$(call ensure_debs,$(SERVER_CLIENTS))
	$(call servers_answer)
	$(SERVERS) $(PY) tests/mutation.py run $(MUTATE)

lint: install lint-imports
	$(VENV)/bin/ruff check .

# mypy with django-stubs over the application code ([tool.mypy] in pyproject.toml).
typecheck: install
	$(PY) -m mypy

# The dependency order of the apps and of their layers, and no import cycles
# ([tool.importlinter] in pyproject.toml); a broken contract exits non-zero.
lint-imports: install
	$(VENV)/bin/lint-imports --no-cache

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

install: $(STAMP)

$(STAMP): pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

messages: install system-deps-run
	$(PY) manage.py compilemessages --ignore '.venv' --ignore 'node_modules' -v 0

node-deps: node_modules/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	@touch $@

# Installs the Debian packages whose command is missing (needs root or sudo).
define ensure_debs
	@missing=""; for pair in $(1); do cmd=$${pair%%:*}; pkg=$${pair##*:}; \
	  case $$cmd in lib*) /sbin/ldconfig -p | grep -q "$$cmd" && continue;; \
	    *) { command -v $$cmd || [ -x /usr/bin/$$cmd ]; } >/dev/null 2>&1 && continue;; esac; \
	  missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; mkdir -p var; \
	  [ -f $(APT_UPDATED) ] || { $(SUDO) apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

system-deps-run:
	$(call ensure_debs,$(RUN_DEBS))

system-deps-test:
	$(call ensure_debs,$(TEST_DEBS))

# pytest-postgresql's throwaway cluster needs the server binaries (pg_ctl) when no
# server answers.
postgres-binaries:
	@if [ -z "$$DATABASE_URL" ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null \
	   && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "No PostgreSQL answers and none is installed: installing Debian's postgresql"; \
	  [ -f $(APT_UPDATED) ] || { $(SUDO) apt-get update -qq && mkdir -p var && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; \
	fi

clean:
	rm -rf var/staticfiles var/cache var/celery .pytest_cache mutants
