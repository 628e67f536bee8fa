# Every target sets up what it needs: a fresh clone runs `make run` or `make test` directly.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DB := outputs/minutes.db

.PHONY: run demo test eval bench lint clean

# The real documents (third-party, never committed): see extract/shared_corpus.py.
MINUTES_CORPUS ?= ../shared/corpus

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

run: $(INSTALLED)  ## ingest the bundled seeds (corpus/) into outputs/minutes.db and say what was found
	$(VENV)/bin/minutes ingest corpus --db $(DB)
	@echo "To ingest your own folder: $(VENV)/bin/minutes ingest FOLDER --db $(DB)  (make demo: the shared corpus)"

demo: $(INSTALLED)  ## ingest the shared real documents ($$MINUTES_CORPUS) as well
	@test -d "$(MINUTES_CORPUS)" || { echo "no shared corpus at $(MINUTES_CORPUS): set MINUTES_CORPUS"; exit 1; }
	$(VENV)/bin/minutes ingest corpus "$(MINUTES_CORPUS)" --db $(DB)

test: $(INSTALLED)  ## the whole test suite
	$(PY) -m pytest -q

eval: $(INSTALLED)  ## precision / recall / F1 per record type against tests/gold/
	$(PY) -m extract.commands.evaluate

bench: $(INSTALLED)  ## ingest throughput, per-stage cost and peak memory on corpus/
	$(PY) bench/bench.py

lint: $(INSTALLED)
	$(VENV)/bin/ruff check extract schemas tests bench

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
