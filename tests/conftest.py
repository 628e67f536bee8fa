"""Shared fixtures: the bundled corpus, and one database built from it for the whole session."""

from pathlib import Path

import pytest

from extract import store
from extract.batch import ingest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """The whole of corpus/ ingested once: (database, run summary)."""
    path = tmp_path_factory.mktemp("db") / "minutes.db"
    summary = ingest([CORPUS], path)
    return store.connect(path), summary


def corpus_file(name: str) -> Path:
    hits = list(CORPUS.rglob(name))
    assert len(hits) == 1, f"{name} should be exactly one file under corpus/"
    return hits[0]
