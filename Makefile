# Two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: install run test test-sqlite test-postgres bench translations clean

# Setup says what it does: each step, and pip's own progress (a first install takes a minute or two).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "== creating the virtual environment $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "== installing Zhibu and its libraries into $(VENV) (pip's progress follows)"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --progress-bar on -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	@echo "== compiling the translations (zh-CN, English)"
	@for d in translations plugins/*/translations; do \
		[ ! -d $$d ] || $(BIN)/pybabel compile -f -d $$d || exit 1; done

run: install
	@echo "== initialising the embedded SQLite store under instance/ with a demo district"
	$(BIN)/zhibu demo
	@echo "== serving Zhibu at http://$(HOST):$(PORT)/ (stop with Ctrl-C)"
	ZHIBU_SECURE_COOKIES=$${ZHIBU_SECURE_COOKIES:-0} $(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) \
		--access-logfile - wsgi:app

test: install test-sqlite test-postgres

# The API tests run a second time as the multi-worker deployment runs: inline projections off and a
# worker catching up every log beside the requests (core/testing.py, ZHIBU_TEST_WORKER).
WORKER_MODE := ZHIBU_TEST_WORKER=1 $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider -m api

test-sqlite:
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider
	@echo "== API tests again with inline projections off and a worker (SQLite)"
	$(WORKER_MODE)

# In CI (CI=true) PostgreSQL must be reachable; elsewhere the run says so and goes on without it.
test-postgres:
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		ZHIBU_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider && \
		echo "== API tests again with inline projections off and a worker (PostgreSQL)" && \
		ZHIBU_TEST_DATABASE_URL=$(PG_TEST_URL) $(WORKER_MODE); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) is not reachable; CI requires it." >&2; exit 1; \
	else \
		echo "note: PostgreSQL at $(PG_TEST_URL) not reachable: ran the suite on SQLite only."; \
	fi

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) instance .pytest_cache
