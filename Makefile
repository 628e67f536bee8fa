# Every target sets up what it needs: a fresh clone runs `make run` or `make test` directly.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DB := outputs/minutes.db

.PHONY: run test eval bench lint clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

run: $(INSTALLED)  ## ingest the bundled corpus/ into outputs/minutes.db and say what was found
	$(VENV)/bin/minutes ingest corpus --db $(DB)

test: $(INSTALLED)  ## the whole test suite
	$(PY) -m pytest -q

eval: $(INSTALLED)  ## precision / recall / F1 per record type against tests/gold/
	$(PY) -m extract.evaluate

bench: $(INSTALLED)  ## ingest throughput, per-stage cost and peak memory on corpus/
	$(PY) bench/bench.py

lint: $(INSTALLED)
	$(VENV)/bin/ruff check extract schemas tests bench

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
