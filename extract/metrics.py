"""Document → metrics (not yet implemented: issue work in progress)."""

from schemas.records import AgendaItem, Document, Metric

from .sentences import SentenceIndex


def extract_metrics(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Metric]:
    return []
