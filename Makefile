# Setup is idempotent: .venv is created once and the project re-installed only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench soak eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tallywatch demo

# The suite runs on SQLite and PostgreSQL. scripts/pg_server.py starts a private throwaway cluster (initdb in a
# temporary folder, a free port on 127.0.0.1, stopped and deleted afterwards even when tests fail) and exports
# TALLYWATCH_TEST_PG_URL; without PostgreSQL's server binaries it prints "PostgreSQL tests skipped: <reason>" and
# runs the SQLite half. make never installs packages: .ci/run installs Debian's postgresql when it is missing.
# An existing server can be used instead: TALLYWATCH_TEST_PG_URL=postgresql+psycopg://user@host/db make test
test: $(STAMP)
	$(BIN)/python scripts/pg_server.py -- $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

eval: $(STAMP)
	$(BIN)/python scripts/eval_extraction.py
	$(BIN)/python scripts/eval_figures.py

# tallywatch vs urlwatch 2.29 on N local pages (make bench N=200 for a quick run; BENCH_ARGS=--skip-urlwatch etc.)
N ?= 2000
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --pages $(N) $(BENCH_ARGS)

soak: $(STAMP)
	$(BIN)/python scripts/soak.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
