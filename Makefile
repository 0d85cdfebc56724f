# Everyday commands. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
QALAM := $(BIN)/qalam
PORT ?= 8000
export QALAM_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install run serve-prod test lint format check migrations messages lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The virtualenv is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	mkdir -p var
	$(QALAM) migrate --noinput
	$(QALAM) load_demo
	$(QALAM) ensure_admin
	@echo "Site:     http://127.0.0.1:$(PORT)/"
	$(QALAM) worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(QALAM) runserver 127.0.0.1:$(PORT)

# Production mode on this machine: production settings on PostgreSQL and Redis, granian with
# one worker per core, hashed and pre-compressed static files (WhiteNoise), media from granian,
# the task worker beside it. A real deployment sets its own secret and hosts (docs/deployment.md).
serve-prod: export DJANGO_SETTINGS_MODULE := qalam.settings.production
serve-prod: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qalam
serve-prod: export REDIS_URL ?= redis://127.0.0.1:6379/0
serve-prod: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve-prod: export QALAM_SSL_REDIRECT ?= 0
serve-prod: export SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve-prod: WORKERS ?= $(shell nproc)
serve-prod: $(VENV)/.installed
	$(QALAM) createdb
	$(QALAM) migrate --noinput
	$(QALAM) collectstatic --noinput --verbosity 0
	$(QALAM) load_demo
	$(QALAM) ensure_admin
	$(QALAM) worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(BIN)/granian --interface wsgi --workers $(WORKERS) --host 127.0.0.1 --port $(PORT) \
		--static-path-route /media --static-path-mount $(or $(MEDIA_ROOT),var/media) \
		--no-ws --log-level warning qalam.wsgi:application

test: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates

check: $(VENV)/.installed
	$(QALAM) check
	$(QALAM) makemigrations --check --dry-run

# Refreshes the translation catalogues from the code and compiles them.
messages: $(VENV)/.installed
	$(QALAM) makemessages --no-obsolete --no-location -l ru -l kk -l en -i .venv -i var -i bench -i build
	cd qalam && ../$(QALAM) compilemessages

# Re-pins every dependency after a change to requirements.in.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

# Figures for docs and closing notes; the search benchmark needs PostgreSQL (DATABASE_URL).
bench: $(VENV)/.installed
	$(BIN)/python bench/import_articles.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/wxr.py

clean:
	rm -rf $(VENV) var
