"""Document → attendees (not yet implemented: issue work in progress)."""

from schemas.records import AgendaItem, Document, Attendee

from .sentences import SentenceIndex


def extract_attendees(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Attendee]:
    return []
