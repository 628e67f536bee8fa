"""Full-text search (SQLite FTS5) over every document's text and the records read from it: agenda
items, resolutions, actions, metric sentences and attendee names.

The FTS tables are created with the schema and kept in step by triggers, so every ingest,
replacement and prune is searchable at once.
"""

import re
from dataclasses import dataclass, replace

# Table → the columns its full-text index covers.
SEARCHABLE = {
    "documents": ["text"],
    "agenda_items": ["title"],
    "resolutions": ["text"],
    "actions": ["text", "owner"],
    "metrics": ["sentence", "subject"],
    "attendees": ["name", "title"],
}
RECORD_TABLES = [table for table in SEARCHABLE if table != "documents"]
SNIPPET_TOKENS = 16  # words of a record's snippet
PASSAGE_CHARS = 90  # characters either side of a passage found in a document's text
START, END = "\x01", "\x02"  # FTS5 highlight marks: characters stored text never holds


@dataclass(frozen=True)
class Hit:
    table: str  # the record table, or "documents" for a passage of a document's text
    record_ids: tuple[int, ...]  # every record of `table` the snippet stands for (one sentence, five figures)
    snippet: str  # matched words in [brackets]
    document_id: str
    source_path: str
    council: str | None
    meeting_date: str | None
    page: int | None
    agenda_item_id: int | None  # the item holding it: `minutes trace agenda_items ID`
    rank: float
    char_start: int
    passages: int = 1  # for a document's text: how many places in it match


TRIGGER_SUFFIXES = ("ai", "ad", "au")  # sqlite-utils' insert, delete and update triggers
# Records match word forms ("education" finds "educated"); the texts' index keeps words as written,
# so a prefix (`educat*`) means what it says, and its word list turns a prefix into the words for
# the records' stemmed indexes, where a prefix would meet stems ("educ") instead.
TOKENIZERS = {"documents": "unicode61 remove_diacritics 2"}
VOCABULARY = "documents_fts_words"
MAX_PREFIX_WORDS = 200


def search_objects(table: str) -> set[str]:
    """The FTS table and the triggers that keep it in step with `table`."""
    return ({f"{table}_fts", *(f"{table}_{suffix}" for suffix in TRIGGER_SUFFIXES)}
            | ({VOCABULARY} if table == "documents" else set()))


def enable_search(db, present: set[str]) -> None:
    """Create the FTS5 indexes and their triggers where any is missing (a kill while the schema was
    first made can leave an index without its triggers): rebuilt, existing rows indexed."""
    for table, columns in SEARCHABLE.items():
        if not search_objects(table) <= present:
            db[table].enable_fts(columns, fts_version="FTS5", create_triggers=True,
                                 tokenize=TOKENIZERS.get(table, "porter"), replace=True)
    db.execute(f"create virtual table if not exists {VOCABULARY} using fts5vocab(documents_fts, 'row')")


WORD = re.compile(r"(\w+)(\*?)")


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def fts_query(text: str, words_starting=None) -> str:
    """Words typed by a person → an FTS5 query matching all of them; `educat*` matches by prefix, or,
    given `words_starting`, as the words of the texts that start so. Every word is quoted, so nothing
    typed is FTS syntax (no syntax errors)."""
    terms = []
    for word, star in WORD.findall(text):
        if star and words_starting:
            terms.append("(" + " OR ".join(map(_quoted, words_starting(word) or [word])) + ")")
        else:
            terms.append(_quoted(word) + star)
    return " ".join(terms)


def search(db, text: str, limit: int = 20) -> list[Hit]:
    """Best matches, best first: records (one hit per distinct snippet in a document), then
    passages of document texts (one hit per document, at its first match)."""
    query = fts_query(text)
    if not query:
        return []
    merged: dict[tuple, Hit] = {}
    record_query = fts_query(text, lambda prefix: _words_starting(db, prefix))
    for table in RECORD_TABLES:
        for hit in _record_hits(db, table, record_query, limit):
            key = (hit.table, hit.document_id, hit.snippet)
            if key in merged:  # the same sentence holding several records of this table
                hit = replace(merged[key], record_ids=merged[key].record_ids + hit.record_ids)
            merged[key] = hit
    records = sorted(merged.values(), key=lambda h: h.rank)[:limit]
    return records + _passage_hits(db, query, limit - len(records), records)


def _words_starting(db, prefix: str) -> list[str]:
    """The words of the stored texts that begin with `prefix` (most frequent first)."""
    prefix = prefix.lower()
    return [w for (w,) in db.execute(f"select term from {VOCABULARY} where term >= ? and term < ? "
                                     "order by cnt desc limit ?", [prefix, prefix + "\uffff", MAX_PREFIX_WORDS])]


def _record_hits(db, table: str, query: str, limit: int) -> list[Hit]:
    item = "null" if table == "agenda_items" else "t.agenda_item_id"
    # more rows than `limit`: several can merge into one hit
    sql = (f"select t.id, snippet([{table}_fts], -1, '[', ']', '…', {SNIPPET_TOKENS}), d.id, d.source_path, "
           f"d.council, d.meeting_date, t.page, {item}, [{table}_fts].rank, t.char_start from [{table}_fts] "
           f"join [{table}] t on t.rowid = [{table}_fts].rowid join documents d on d.id = t.document_id "
           f"where [{table}_fts] match ? order by [{table}_fts].rank limit ?")
    return [Hit(table, (row[0],), *row[1:]) for row in db.execute(sql, [query, limit * 5])]


def _passage_hits(db, query: str, limit: int, shown: list[Hit]) -> list[Hit]:
    """Where the words stand in whole texts (a name only the prose gives): in each document, the
    first place no record hit already shows."""
    if limit <= 0:
        return []
    sql = (f"select d.id, d.source_path, d.council, d.meeting_date, "
           f"highlight(documents_fts, 0, '{START}', '{END}'), documents_fts.rank from documents_fts "
           "join documents d on d.rowid = documents_fts.rowid where documents_fts match ? "
           "order by documents_fts.rank limit ?")
    hits = []
    for doc_id, path, council, meeting_date, marked, rank in db.execute(sql, [query, limit]).fetchall():
        shown_at = [h.char_start for h in shown if h.document_id == doc_id]
        marks = [m.start() for m in re.finditer(START, marked)]
        # (offset in the stored text, in the marked one): the two marks of each earlier word are not stored
        places = [(mark - 2 * i, mark) for i, mark in enumerate(marks)]
        offset, at = next(((o, m) for o, m in places if all(abs(o - s) > PASSAGE_CHARS for s in shown_at)), (0, -1))
        if at < 0:
            continue
        start, end = max(0, at - PASSAGE_CHARS), at + PASSAGE_CHARS
        window = marked[start:end]
        if start:  # whole words only
            window = "…" + window.split(" ", 1)[-1]
        if end < len(marked):
            window = window.rsplit(" ", 1)[0] + "…"
        snippet = window.replace(START, "[").replace(END, "]")
        hits.append(Hit("documents", (), snippet, doc_id, path, council, meeting_date, _page_at(db, doc_id, offset),
                        _item_at(db, doc_id, offset), rank, offset, len(marks)))
    return hits


def _page_at(db, doc_id: str, offset: int) -> int | None:
    row = db.execute("select number from pages where document_id = ? and char_start <= ? order by char_start desc "
                     "limit 1", [doc_id, offset]).fetchone()
    return row[0] if row else None


def _item_at(db, doc_id: str, offset: int) -> int | None:
    """The innermost agenda item holding `offset` (the latest-starting one that contains it)."""
    row = db.execute("select id from agenda_items where document_id = ? and char_start <= ? and ? < char_end "
                     "order by char_start desc limit 1", [doc_id, offset, offset]).fetchone()
    return row[0] if row else None
