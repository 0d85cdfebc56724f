# Everyday commands. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
QALAM := $(BIN)/qalam
PORT ?= 8000
export QALAM_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install run serve-prod serve-cluster bench-cluster test lint deps format check migrations messages lock audit bench soak faults lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The virtualenv is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# The admin account comes before the demo, whose budget gives it stories to write.
run: $(VENV)/.installed
	mkdir -p var
	$(QALAM) migrate --noinput
	$(QALAM) ensure_admin
	$(QALAM) load_demo
	@echo "Site:     http://127.0.0.1:$(PORT)/"
	$(QALAM) worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(QALAM) runserver 127.0.0.1:$(PORT)

# Production mode on this machine: production settings on PostgreSQL and Redis, granian with
# one worker per core (two threads each: Django holds the GIL, a second thread covers the
# first one's database waits; more only add memory and connections, docs/performance.md), hashed and pre-compressed static files (WhiteNoise), media from granian,
# the task worker beside it. A real deployment sets its own secret and hosts (docs/deployment.md).
serve-prod: export DJANGO_SETTINGS_MODULE := qalam.settings.production
serve-prod: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qalam
serve-prod: export REDIS_URL ?= redis://127.0.0.1:6379/0
serve-prod: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve-prod: export QALAM_SSL_REDIRECT ?= 0
serve-prod: export SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve-prod: WORKERS ?= $(shell nproc)
serve-prod: THREADS ?= 2
serve-prod: $(VENV)/.installed
	$(QALAM) createdb
	$(QALAM) migrate --noinput
	$(QALAM) collectstatic --noinput --verbosity 0
	$(QALAM) ensure_admin
	$(QALAM) load_demo
	$(QALAM) worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(BIN)/granian --interface wsgi --workers $(WORKERS) --blocking-threads $(THREADS) --host 127.0.0.1 --port $(PORT) \
		--static-path-route /media --static-path-mount $(or $(MEDIA_ROOT),var/media) \
		--no-ws --log-level warning qalam.wsgi:application

# Past one machine, on this one (deploy/serve_cluster.py, docs/scaling.md): Varnish on $(PORT)
# balancing two granian app servers on the next ports, two workers, a throwaway PostgreSQL
# primary and streaming replica, the Redis of REDIS_URL, media in a local S3-protocol server
# (moto's). Ctrl-C stops everything.
serve-cluster: export REDIS_URL ?= redis://127.0.0.1:6379/0
serve-cluster: $(VENV)/.installed
	$(BIN)/python deploy/serve_cluster.py --port $(PORT) $(CLUSTER_ARGS)

test: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed deps
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

# Every package the code imports is declared in requirements.in, and every one declared is
# used (settings in deptry.toml).
deps: $(VENV)/.installed
	$(BIN)/deptry --config deptry.toml qalam bench

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

# Known vulnerabilities in every pinned package, from PyPI's advisory service (pip-audit).
# Not in CI, which cannot reach the service; docs/operations.md says when to run it.
audit: $(VENV)/.installed
	$(BIN)/pip-audit --disable-pip --require-hashes --strict -r requirements.lock

# Figures for docs and closing notes; the search and related benchmarks need PostgreSQL
# (DATABASE_URL), the page benchmark PostgreSQL, Redis and wrk (docs/performance.md), the
# replica benchmark PostgreSQL 15's server programs (docs/scaling.md); the media benchmark
# starts moto's S3 server itself.
# A bad day's load (bench/soak.py): readers, a commenter and an editor for 60 s on Qalam as
# `make serve-prod` runs it, then behind Varnish; needs PostgreSQL, Redis and Varnish.
soak: $(VENV)/.installed
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# Faults during that load (bench/faults.py): Redis stopped, PostgreSQL restarted, the worker
# killed mid-task, the media disk full, on a throwaway PostgreSQL 15 cluster and redis-server
# of its own (ports 8400-8459); the full disk needs root to mount a tmpfs.
faults: $(VENV)/.installed
	$(BIN)/python bench/faults.py $(FAULTS_ARGS)

bench: $(VENV)/.installed
	@for tool in wrk psql; do command -v $$tool >/dev/null || { \
		echo "make bench needs $$tool:" apt-get install $$(grep -v '^#' bench/apt-packages.txt) >&2; \
		exit 1; }; done
	$(BIN)/python bench/import_articles.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/related.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/wxr.py
	$(BIN)/python bench/digest.py
	$(BIN)/python bench/replicas.py
	$(BIN)/python bench/media_s3.py
	$(BIN)/python bench/cluster.py

# One app server against two behind Varnish, one killed halfway (bench/cluster.py); needs
# PostgreSQL 15's server programs, Redis and Varnish.
bench-cluster: $(VENV)/.installed
	$(BIN)/python bench/cluster.py $(CLUSTER_BENCH_ARGS)

# Lighthouse (pinned in bench/package-lock.json) on the seed article and the home page of a
# `make serve-prod` running on $(PORT).
bench/node_modules/.package-lock.json: bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund

lighthouse: $(VENV)/.installed bench/node_modules/.package-lock.json
	$(BIN)/python bench/lighthouse.py --base-url http://127.0.0.1:$(PORT)

clean:
	rm -rf $(VENV) var
