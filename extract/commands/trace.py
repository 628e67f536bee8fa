"""A stored record → where it came from: document, page, agenda item, and its sentence, span marked."""

from dataclasses import dataclass

from extract.store.database import EVIDENCE_COLUMNS, EXTENTS, TRACEABLE_TABLES


class RecordNotFound(LookupError):
    """No row with that id in that table."""


@dataclass(frozen=True)
class Trace:
    table: str
    record: dict
    document: dict
    agenda_item: dict | None
    evidence: str  # documents.text[char_start:char_end]
    context: tuple[str, str, str]  # (text before the span, the span, text after) within the sentence
    reproduces: bool  # the stored text still yields the record's evidence
    checks: list[tuple[str, str]]  # (code, message) of the quality checks on its span or its whole document


def trace(db, table: str, record_id: int) -> Trace:
    if table not in TRACEABLE_TABLES:
        raise RecordNotFound(f"'{table}' is not a record table; choose one of {', '.join(TRACEABLE_TABLES)}")
    if not -(2 ** 63) <= record_id < 2 ** 63:  # SQLite's integer range: no row can have it
        raise RecordNotFound(f"{table} has no row with id {record_id}")
    row = db.execute(f"select * from [{table}] where id = ?", [record_id]).fetchone()
    if row is None:
        raise RecordNotFound(f"{table} has no row with id {record_id}")
    record = dict(zip([c[0] for c in db.execute(f"select * from [{table}] limit 0").description], row))
    document = next(db.query("select * from documents where id = ?", [record["document_id"]]))
    item_id = record["id"] if table == "agenda_items" else record.get("agenda_item_id")
    item = next(db.query("select * from agenda_items where id = ?", [item_id]), None)
    text = document["text"]
    start, end = record["char_start"], record["char_end"]
    evidence = text[start:end]
    if table in EXTENTS:  # an item's or a table's span is its whole extent: its title or first row stands in it
        reproduces = " ".join(record[EXTENTS[table]].split()) in " ".join(evidence.split())
    else:
        reproduces = evidence == record[EVIDENCE_COLUMNS[table]]
    sentence_start = text.rfind(record["sentence"][:40], 0, start + 1) if record.get("sentence") else -1
    if sentence_start == -1 or table in EXTENTS:
        sentence_start = max(0, text.rfind("\n", 0, start) + 1)
    sentence_end = max(end, sentence_start + len(record.get("sentence") or ""))
    if table in EXTENTS:
        sentence_end = text.find("\n", start) if "\n" in text[start:end] else end
    context = (text[sentence_start:start], text[start:min(end, sentence_end)], text[min(end, sentence_end):sentence_end])
    checks = db.execute("select code, message from checks where document_id = ? and (char_start is null or "
                        "(char_start < ? and char_end > ?)) order by id", [document["id"], end, start]).fetchall()
    return Trace(table, record, document, item, evidence, context, reproduces, [tuple(c) for c in checks])
