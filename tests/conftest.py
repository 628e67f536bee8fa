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


def stage_rows(name: str, stage, evidence: str) -> list:
    """One corpus document through load, segment and `stage`; every row's span must be its evidence."""
    from extract.ingest import load_document
    from extract.segment import segment
    from extract.sentences import SentenceIndex

    doc, _ = load_document(corpus_file(name))
    rows = stage(doc, segment(doc), SentenceIndex(doc.text))
    assert all(doc.text[r.char_start:r.char_end] == getattr(r, evidence) for r in rows)
    return rows


def corpus_file(name: str) -> Path:
    hits = list(CORPUS.rglob(name))
    assert len(hits) == 1, f"{name} should be exactly one file under corpus/"
    return hits[0]
