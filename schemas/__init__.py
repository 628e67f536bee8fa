"""Record types of the pipeline; the SQLite tables are derived from these (see extract/store.py)."""
