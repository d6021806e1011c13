# Two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: install run test test-sqlite test-browser test-postgres bench translations clean

# Setup says what it does: an "== …" line before every step that takes a while, and pip's own progress
# (a first install takes a minute or two). tests/test_make_run.py checks every long step is announced.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "== creating the virtual environment $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "== upgrading pip in $(VENV)"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "== installing Zhibu and its libraries into $(VENV) (pip's progress follows; a first install takes a minute or two)"
	@$(BIN)/python -m pip install --progress-bar on -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	@echo "== compiling the translations (zh-CN, English)"
	@for d in translations plugins/*/translations; do \
		[ ! -d $$d ] || $(BIN)/pybabel compile -f -d $$d || exit 1; done

run: install
	@echo "== initialising the embedded SQLite store under instance/ with a demo district (only when it is empty; a few seconds to a minute)"
	$(BIN)/zhibu demo
	@echo "== serving Zhibu at http://$(HOST):$(PORT)/ with $(WORKERS) workers (ready when they report booting; stop with Ctrl-C)"
	ZHIBU_SECURE_COOKIES=$${ZHIBU_SECURE_COOKIES:-0} $(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) \
		--access-logfile - wsgi:app

test: install test-sqlite test-browser test-postgres

# Each test builds its own app on its own store; what made that slow is shared per pytest process
# (core/testing/speed.py: URL builders, the OpenAPI document on first use, a test scrypt factor) and, on
# PostgreSQL, a test's schema is emptied and reused instead of created and dropped (core/testing/schemas.py).
# ZHIBU_TEST_FAST=0 and ZHIBU_TEST_FRESH_SCHEMAS=1 turn them off (docs/benchmarks.md, "Test suite time").
# The API tests run a second time as the multi-worker deployment runs: inline projections off and a
# worker catching up every log beside the requests (core/testing, ZHIBU_TEST_WORKER).
WORKER_MODE := ZHIBU_TEST_WORKER=1 $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider -m api

# The browser journeys (-m browser) run once, in test-browser; the database runs leave them out.
test-sqlite:
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider -m "not browser"
	@echo "== API tests again with inline projections off and a worker (SQLite)"
	$(WORKER_MODE)

# The journeys in a real Chromium against a real gunicorn, once, on SQLite: they test what a person sees and
# does; the store behind the pages is the code the two database runs already cover. Without Chromium they
# are skipped with the reason shown (-rs); in CI (CI=true) that is a failure. Failures leave screenshots in
# test-artifacts/browser/.
test-browser: install
	@echo "== browser journeys: Chromium against gunicorn serving a fresh demo district (SQLite), once"
	$(BIN)/python -m pytest -q -p no:cacheprovider -rsx -m browser tests/browser

# In CI (CI=true) PostgreSQL must be reachable; elsewhere the run says so and goes on without it.
test-postgres:
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		ZHIBU_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider -m "not browser" && \
		echo "== API tests again with inline projections off and a worker (PostgreSQL)" && \
		ZHIBU_TEST_DATABASE_URL=$(PG_TEST_URL) $(WORKER_MODE); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) is not reachable; CI requires it." >&2; exit 1; \
	else \
		echo "note: PostgreSQL at $(PG_TEST_URL) not reachable: ran the suite on SQLite only."; \
	fi

# The benchmarks' own libraries (the `bench` extra: matplotlib for the scaling curves' plot).
bench: install
	@$(BIN)/python -c "import matplotlib" 2>/dev/null || { \
		echo "== installing the benchmarks' extra (matplotlib) into $(VENV)"; \
		$(BIN)/python -m pip install --progress-bar on -e ".[bench]" || exit 1; }
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) instance .pytest_cache
