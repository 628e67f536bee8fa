"""Document → resolutions (not yet implemented: issue work in progress)."""

from schemas.records import AgendaItem, Document, Resolution

from .sentences import SentenceIndex


def extract_resolutions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Resolution]:
    return []
