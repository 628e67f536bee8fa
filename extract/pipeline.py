"""One document through every stage: file → `Extraction` (no database involved)."""

from pathlib import Path

from schemas.records import Extraction

from .actions import extract_actions
from .attendees import extract_attendees
from .ingest import load_document
from .metrics import extract_metrics
from .resolutions import extract_resolutions
from .segment import segment
from .sentences import SentenceIndex


def extract_document(path: Path, data: bytes | None = None, source_path: str | None = None) -> Extraction:
    """Read, segment and extract one file; raises a `MinutesError` subclass on bad input."""
    document, pages = load_document(path, data, source_path)
    items = segment(document)
    sentences = SentenceIndex(document.text)
    resolutions = extract_resolutions(document, items, sentences)
    return Extraction(
        document=document,
        pages=pages,
        agenda_items=items,
        metrics=extract_metrics(document, items, sentences),
        attendees=extract_attendees(document, items, sentences),
        resolutions=resolutions,
        actions=extract_actions(document, items, sentences, resolutions),
    )
