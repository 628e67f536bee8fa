"""Document → actions (not yet implemented: issue work in progress)."""

from schemas.records import Action, AgendaItem, Document, Resolution

from .sentences import SentenceIndex


def extract_actions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex,
                    resolutions: list[Resolution]) -> list[Action]:
    return []
