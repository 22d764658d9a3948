# The README's two commands: `make run` and `make test`. Both set up everything on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
SCALE ?= full

.PHONY: run worker test lint format bench bench-catalog services chromium venv backup restore oidc-interop

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

services: venv
	$(PY) scripts/ensure_services.py

run: services
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_catalog
	$(PY) manage.py ensure_demo_user
	$(PY) manage.py seed --demo
	$(PY) scripts/serve.py 127.0.0.1:8000

# The task worker alone (make run starts one beside the web server).
worker: services
	$(PY) manage.py procrastinate worker

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# Every main page under load with the huge state (SCALE=small for a quick look); see bench/run.py.
bench: services
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(PY) bench/run.py --scale $(SCALE)

# Times the catalog import (a first import into an empty catalog, then a re-run) in a scratch
# database and cache namespace of its own.
bench-catalog: export DATABASE_NAME := motovault_bench_catalog
bench-catalog: export CACHE_KEY_PREFIX := mv-bench
bench-catalog: services
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py migrate platform_data zero --noinput -v0
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py import_catalog
	$(PY) manage.py import_catalog

# The database and the documents into one dated archive in BACKUP_DIR (default ./backups).
backup: services
	$(PY) manage.py backup

# make restore FILE=backups/motovault-backup-....tar, into an empty database and storage.
restore: services
	$(PY) manage.py restore $(FILE)

# Our sign-in against a real OpenID provider (panva's oidc-provider on Node), in Chromium.
oidc-interop: services chromium
	$(PY) scripts/oidc_interop/run.py

lint: venv
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Both cores (pytest-xdist; a plain `.venv/bin/pytest path` stays serial). -n 2, not auto: the
# suite is CPU-bound and each worker also drives a Chromium and a live server. --dist load, not
# loadscope/loadfile: those run schemathesis' 45 API operations (api/tests/test_schema.py) as one.
# Worker N uses the Redis database TEST_REDIS_DB + N (motovault/settings/test.py).
test: services chromium lint
	$(VENV)/bin/pytest -n 2 --dist load
