"""Full-text search (SQLite FTS5) over agenda items, resolutions, actions and metric sentences.

The FTS tables are created with the schema and kept in step by triggers, so every ingest,
replacement and prune is searchable at once.
"""

import re
from dataclasses import dataclass

# Table → the columns its full-text index covers.
SEARCHABLE = {
    "agenda_items": ["title"],
    "resolutions": ["text"],
    "actions": ["text", "owner"],
    "metrics": ["sentence", "subject"],
}


@dataclass(frozen=True)
class Hit:
    table: str
    record_id: int
    snippet: str
    source_path: str
    council: str | None
    meeting_date: str | None
    page: int | None
    rank: float


TRIGGER_SUFFIXES = ("ai", "ad", "au")  # sqlite-utils' insert, delete and update triggers


def search_objects(table: str) -> set[str]:
    """The FTS table and the triggers that keep it in step with `table`."""
    return {f"{table}_fts", *(f"{table}_{suffix}" for suffix in TRIGGER_SUFFIXES)}


def enable_search(db, present: set[str]) -> None:
    """Create the FTS5 indexes and their triggers where any is missing (a kill while the schema was
    first made can leave an index without its triggers): rebuilt, existing rows indexed."""
    for table, columns in SEARCHABLE.items():
        if not search_objects(table) <= present:
            db[table].enable_fts(columns, fts_version="FTS5", create_triggers=True, tokenize="porter", replace=True)


def fts_query(text: str) -> str:
    """Words typed by a person → an FTS5 query matching all of them (no FTS syntax errors)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)


def search(db, text: str, limit: int = 20) -> list[Hit]:
    """Best matches across every searchable table, best first."""
    query = fts_query(text)
    if not query:
        return []
    hits = []
    for table in SEARCHABLE:
        sql = (f"select t.id, snippet([{table}_fts], -1, '[', ']', '…', 16), d.source_path, d.council, "
               f"d.meeting_date, t.page, [{table}_fts].rank from [{table}_fts] "
               f"join [{table}] t on t.rowid = [{table}_fts].rowid join documents d on d.id = t.document_id "
               f"where [{table}_fts] match ? order by [{table}_fts].rank limit ?")
        hits += [Hit(table, *row) for row in db.execute(sql, [query, limit])]
    return sorted(hits, key=lambda h: h.rank)[:limit]
