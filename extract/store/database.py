"""Typed records ↔ SQLite. The only module that knows database ids and SQL.

Tables are derived from the pydantic models in schemas/ (one column per field). Each document is
written in one transaction: a crash leaves it complete or absent. Same bytes → nothing written.
"""

import os
import sqlite3
import time
import types
import typing
from bisect import bisect_right
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import sqlite_utils
from pydantic import BaseModel

from extract.find.person_keys import person_key, same_person
from extract.store.search import SEARCHABLE, enable_search, search_objects
from schemas.records import (
    EXTRACTED_RECORDS,
    Action,
    Check,
    Declaration,
    Document,
    Evidence,
    Extraction,
    Metric,
    Motion,
    Page,
    Vote,
)

RUN_COUNTS = ("new", "updated", "unchanged", "failed", "pruned")
TRACEABLE_TABLES = tuple(model.table for model in EXTRACTED_RECORDS)
TABLES = ("documents", "document_paths", "pages", *TRACEABLE_TABLES, "checks", "runs", "failures", "failed_files")
VIEWS = ("evidence", "metric_facts")
# Foreign keys beyond the document and agenda item every record has.
LINKS = {Action: [("resolution_id", "resolutions", "id")], Motion: [("resolution_id", "resolutions", "id")],
         Metric: [("table_id", "tables", "id")],
         Vote: [("motion_id", "motions", "id"), ("attendee_id", "attendees", "id")],
         Declaration: [("attendee_id", "attendees", "id")]}
# Document fields copied onto a record table's rows, so Datasette can facet and filter its figures
# by council, committee and meeting date (a facet cannot reach through a join).
DOCUMENT_COLUMNS = {"metrics": ("council", "committee", "meeting_date")}
# Fields that live elsewhere: page offsets are the `pages` table.
NOT_STORED = {"documents": {"page_starts"}}
SQL_TYPES = {str: str, int: int, float: float, bool: int}


def _column_type(annotation) -> type:
    """`str | None`, `Literal['a', 'b']`, `bool` … → the Python type sqlite-utils maps to SQL."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Literal:
        return type(args[0])
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return _column_type(args[0])
    return SQL_TYPES.get(annotation, str)


def columns_of(model: type[BaseModel]) -> dict[str, type]:
    """The model's columns, what the record says before where it came from (a browser shows value,
    unit and role first, the document hash, offsets and rule id after)."""
    skip = NOT_STORED.get(model.table, set())
    fields = [name for name in model.model_fields if name not in skip]
    ordered = [n for n in fields if n not in Evidence.model_fields] + [n for n in fields if n in Evidence.model_fields]
    columns = {name: _column_type(model.model_fields[name].annotation) for name in ordered}
    return columns | {name: str for name in DOCUMENT_COLUMNS.get(model.table, ())}


def document_columns(table: str, document: Document) -> dict:
    return {name: getattr(document, name) for name in DOCUMENT_COLUMNS.get(table, ())}


def _row(record: BaseModel) -> dict:
    return record.model_dump(exclude=NOT_STORED.get(type(record).table, set()))


SCHEMA_ATTEMPTS = 40


def connect(db_path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) the database, with WAL so readers never block the writer."""
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(db_path), timeout=60, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=60000")
    conn.execute("PRAGMA foreign_keys=ON")
    db = sqlite_utils.Database(conn)
    # Two processes creating a new database at once can meet a lock SQLite reports at once rather
    # than waiting for, or find a table the other just made: every step is idempotent, so retry.
    for attempt in range(SCHEMA_ATTEMPTS):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            if not schema_complete(db):
                ensure_schema(db)
            return db
        except sqlite3.OperationalError as exc:
            if attempt == SCHEMA_ATTEMPTS - 1 or not ("locked" in str(exc) or "already exists" in str(exc)):
                raise
            time.sleep(0.05 * (attempt + 1))
    return db


SCHEMA_VERSION = 9  # PRAGMA user_version of a database whose every object this code made and checked


def _objects(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("select name from sqlite_master where type in ('table', 'view', 'trigger')")}


def schema_complete(db: sqlite_utils.Database) -> bool:
    """The schema is this version's and every table, view, trigger and model column is there (the
    usual case): no DDL, no lock taken."""
    wanted = {*TABLES, *VIEWS, *(o for t in SEARCHABLE for o in search_objects(t))}
    version = db.execute("pragma user_version").fetchone()[0]
    return version == SCHEMA_VERSION and wanted <= _objects(db) and not _missing_columns(db)


def _missing_columns(db: sqlite_utils.Database) -> list[tuple[str, str, type]]:
    """(table, column, type) for model fields a database made by an earlier version lacks."""
    missing = []
    for model in (Document, Page, Check, *EXTRACTED_RECORDS):
        if db[model.table].exists():
            have = set(db[model.table].columns_dict)
            missing += [(model.table, name, kind) for name, kind in columns_of(model).items() if name not in have]
    return missing


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table and index that is missing; existing ones are left as they are."""
    db["documents"].create({**columns_of(Document), "ingested_at": str}, pk="id", if_not_exists=True)
    # size and mtime let a re-run skip an unchanged file without reading it.
    db["document_paths"].create({"path": str, "document_id": str, "size": int, "mtime_ns": int}, pk="path",
                                foreign_keys=[("document_id", "documents", "id")], if_not_exists=True)
    db["pages"].create({"id": int, **columns_of(Page)}, pk="id",
                       foreign_keys=[("document_id", "documents", "id")], if_not_exists=True)
    db["checks"].create({"id": int, **columns_of(Check)}, pk="id",
                        foreign_keys=[("document_id", "documents", "id")], if_not_exists=True)
    for model in EXTRACTED_RECORDS:
        fks = [("document_id", "documents", "id"), ("agenda_item_id", "agenda_items", "id"),
               *LINKS.get(model, ())]
        db[model.table].create({"id": int, **columns_of(model)}, pk="id", foreign_keys=fks, if_not_exists=True)
    db["runs"].create({"id": int, "started_at": str, "finished_at": str, "new": int, "updated": int,
                       "unchanged": int, "failed": int, "pruned": int, "status": str}, pk="id", if_not_exists=True)
    if "status" not in db["runs"].columns_dict:  # a database from before runs had a status
        db["runs"].add_column("status", str)
    db["failures"].create({"id": int, "run_id": int, "path": str, "sha256": str, "kind": str,
                           "message": str, "failed_at": str}, pk="id",
                          foreign_keys=[("run_id", "runs", "id")], if_not_exists=True)
    # files that failed, by path key, until they change: a re-run does not read them again
    db["failed_files"].create({"path": str, "size": int, "mtime_ns": int, "kind": str}, pk="path", if_not_exists=True)
    for table in ("pages", "checks", *(m.table for m in EXTRACTED_RECORDS)):
        db[table].create_index(["document_id"], if_not_exists=True)
    for table in ("metrics", "resolutions", "actions", "motions", "declarations"):
        db[table].create_index(["agenda_item_id"], if_not_exists=True)
    db["votes"].create_index(["motion_id"], if_not_exists=True)
    db["metrics"].create_index(["indicator"], if_not_exists=True)
    db["metrics"].create_index(["table_id"], if_not_exists=True)
    db["document_paths"].create_index(["document_id"], if_not_exists=True)
    db["failures"].create_index(["run_id"], if_not_exists=True)
    for table, column, kind in _missing_columns(db):  # a database from an earlier version: add, keep its rows
        db[table].add_column(column, kind)
        if column in DOCUMENT_COLUMNS.get(table, ()):
            db.execute(f"update [{table}] set [{column}] = (select d.[{column}] from documents d "
                       f"where d.id = [{table}].document_id)")
    enable_search(db, _objects(db))
    _create_views(db)
    db.execute(f"pragma user_version = {SCHEMA_VERSION}")  # last: only a schema made whole is marked


# Per record table: the column that states its evidence, shown beside the marked span.
EVIDENCE_COLUMNS = {"metrics": "quote", "tables": "first_row", "attendees": "name", "resolutions": "text",
                    "actions": "text", "agenda_items": "title", "motions": "text", "votes": "name", "declarations": "name"}
# Records whose span is a whole extent (an item, a table), and the field that stands inside it.
EXTENTS = {"agenda_items": "title", "tables": "first_row"}
# Where the marked span ends: an item's or a table's span is all of it, so mark its first line.
SPAN_END = {"agenda_items": "t.char_start + length(t.sentence)", "tables": "t.char_start + length(t.first_row)"}
CONTEXT_CHARS = 200


def _create_views(db: sqlite_utils.Database) -> None:
    """`evidence`: every record's span in its context, marked [[like this]], for browsing and audit;
    `metric_facts`: metrics with their document's council, committee and meeting date, for facets."""
    parts = []
    for table, column in EVIDENCE_COLUMNS.items():
        end = SPAN_END.get(table, "t.char_end")
        before = f"substr(d.text, max(1, t.char_start - {CONTEXT_CHARS - 1}), min(t.char_start, {CONTEXT_CHARS}))"
        span = f"substr(d.text, t.char_start + 1, {end} - t.char_start)"
        after = f"substr(d.text, {end} + 1, {CONTEXT_CHARS})"
        parts.append(  # the three parts apart too: a document's own "[[" cannot move the highlight
            f"select '{table}' as record_table, t.id as record_id, t.{column} as stated, "
            f"{before} || '[[' || {span} || ']]' || {after} as evidence, {before} as context_before, "
            f"{span} as span, {after} as context_after, d.council, d.committee, d.meeting_date, "
            f"d.source_path, t.page, t.agenda_item_id, t.rule_id, t.sentence, t.char_start, t.char_end, t.document_id "
            f"from [{table}] t join documents d on d.id = t.document_id")
    # replaced whenever the schema is made: a new version may add record tables to them
    db.create_view("evidence", " union all ".join(parts), replace=True)
    db.create_view("metric_facts", "select m.id, d.council, d.committee, d.meeting_date, m.indicator, m.subject, "
                       "m.value, m.unit, m.role, m.period, m.period_start, m.period_end, m.quote, m.page, "
                       "d.source_path, m.document_id from metrics m join documents d on d.id = m.document_id",
                   replace=True)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def known_document(db: sqlite_utils.Database, doc_id: str, sidecar: str | None) -> bool:
    """Whether these bytes are stored with this sidecar (a changed sidecar means reading them again)."""
    return bool(db.execute("select 1 from documents where id = ? and sidecar is ?", [doc_id, sidecar]).fetchone())


def path_state(db: sqlite_utils.Database, path: str) -> tuple[str, int, int, str | None] | None:
    """(document id, size, mtime_ns, sidecar) last stored for `path`, or None for a path never seen."""
    return db.execute("select p.document_id, p.size, p.mtime_ns, d.sidecar from document_paths p "
                      "join documents d on d.id = p.document_id where p.path = ?", [path]).fetchone()


def record_path(db: sqlite_utils.Database, path: str, doc_id: str, size: int, mtime_ns: int) -> None:
    """Remember that `path` holds `doc_id` (the same bytes may sit under several paths)."""
    with db.conn:
        db.execute("begin immediate")
        _point_path(db.conn, path, doc_id, size, mtime_ns)


def _point_path(conn: sqlite3.Connection, path: str, doc_id: str, size: int, mtime_ns: int) -> None:
    conn.execute("delete from failed_files where path = ?", [path])  # it reads now
    old = conn.execute("select document_id from document_paths where path = ?", [path]).fetchone()
    conn.execute("insert or replace into document_paths (path, document_id, size, mtime_ns) values (?, ?, ?, ?)",
                 [path, doc_id, size, mtime_ns])
    if old and old[0] != doc_id:
        _delete_if_orphaned(conn, old[0])


def prune_missing(db: sqlite_utils.Database, roots: list[str], exists) -> int:
    """Forget paths under `roots` (absolute) whose file is gone; documents left with no path are
    deleted. A relative path stored by an earlier version is never pruned: it meant a folder then."""
    gone = [path for (path,) in db.execute("select path from document_paths")
            if os.path.isabs(path) and any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)
            and not exists(path)]
    with db.conn:
        db.execute("begin immediate")
        for path in gone:
            (doc_id,) = db.conn.execute("select document_id from document_paths where path = ?", [path]).fetchone()
            db.conn.execute("delete from document_paths where path = ?", [path])
            _delete_if_orphaned(db.conn, doc_id)
    return len(gone)


def _delete_if_orphaned(conn: sqlite3.Connection, doc_id: str) -> None:
    if not conn.execute("select 1 from document_paths where document_id = ?", [doc_id]).fetchone():
        _delete_records(conn, doc_id)
        conn.execute("delete from documents where id = ?", [doc_id])


def _delete_records(conn: sqlite3.Connection, doc_id: str) -> None:
    # Children first: votes point at motions and attendees, actions and motions at resolutions,
    # everything at agenda items and documents.
    for table in ("votes", "motions", "declarations", "actions", "resolutions", "metrics", "tables", "attendees",
                  "agenda_items", "pages", "checks"):
        conn.execute(f"delete from {table} where document_id = ?", [doc_id])


@cache
def _insert_sql(table: str, names: tuple[str, ...]) -> str:
    return f"insert into [{table}] ({', '.join(f'[{k}]' for k in names)}) values ({', '.join('?' * len(names))})"


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    return conn.execute(_insert_sql(table, tuple(row)), list(row.values())).lastrowid


def _insert_all(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Rows of one table whose ids nothing needs, in one statement (a document has hundreds)."""
    if rows:
        conn.executemany(_insert_sql(table, tuple(rows[0])), [list(row.values()) for row in rows])


class _Containing:
    """The innermost stored span holding an offset, by bisection and a walk up the enclosing spans
    (linear in the records, not items × records: 10k items and 27k metrics once took 18 s)."""

    def __init__(self, spans: list[tuple[int, int, int]]):  # (start, end, row id)
        self.spans = sorted(spans, key=lambda s: s[0])
        self.starts = [s[0] for s in self.spans]
        self.parent: list[int] = []  # the nearest earlier span still open where each starts
        open_spans: list[int] = []
        for i, (start, _, _) in enumerate(self.spans):
            while open_spans and self.spans[open_spans[-1]][1] <= start:
                open_spans.pop()
            self.parent.append(open_spans[-1] if open_spans else -1)
            open_spans.append(i)

    def of(self, record: Evidence) -> int | None:
        at = record.char_start
        i = bisect_right(self.starts, at) - 1
        while i >= 0:
            start, end, row_id = self.spans[i]
            if start <= at < end or start == at == end:
                return row_id
            i = self.parent[i]
        return None


class _People:
    """Listed attendees by surname, to find the one a voter's name can be without comparing every pair
    (a county council's 465 named votes against its 80 members)."""

    def __init__(self, attendees: list[tuple[str, int]]):  # (name, row id)
        self.by_surname: dict[str, list[tuple[str, int]]] = {}
        for name, row_id in attendees:
            self.by_surname.setdefault(person_key(name)[0], []).append((name, row_id))

    def one(self, name: str) -> int | None:
        """The attendee `name` is; None when there is none, or more than one it could be."""
        ids = {row_id for listed, row_id in self.by_surname.get(person_key(name)[0], []) if same_person(listed, name)}
        return ids.pop() if len(ids) == 1 else None


def save_extraction(db: sqlite_utils.Database, extraction: Extraction, path: str, size: int, mtime_ns: int) -> bool:
    """Store one document and all its records atomically; replaces what `path` held before.

    Returns False when the document was already there (another process stored the same bytes).
    The same bytes with another sidecar replace the stored document: its metadata changed.
    """
    doc = extraction.document
    conn = db.conn
    with conn:
        conn.execute("begin immediate")
        row = {**_row(doc), "ingested_at": now()}
        if stored := conn.execute("select sidecar from documents where id = ?", [doc.id]).fetchone():
            if stored[0] == doc.sidecar:
                _point_path(conn, path, doc.id, size, mtime_ns)
                return False
            _delete_records(conn, doc.id)  # its paths stay pointed at it: updated in place
            conn.execute(f"update documents set {', '.join(f'[{k}] = ?' for k in row)} where id = ?",
                         [*row.values(), doc.id])
        else:
            _insert(conn, "documents", row)
        _insert_all(conn, "pages", [_row(page) for page in extraction.pages])
        _insert_all(conn, "checks", [_row(check) for check in extraction.checks])
        items = _Containing([(i.char_start, i.char_end, _insert(conn, "agenda_items", _row(i)))
                             for i in extraction.agenda_items])
        table_ids = {t.position: _insert(conn, "tables", {**_row(t), "agenda_item_id": items.of(t)})
                     for t in extraction.tables}
        facets = document_columns("metrics", doc)
        _insert_all(conn, "metrics", [{**_row(m), "agenda_item_id": items.of(m),
                                       "table_id": table_ids.get(m.table_position), **facets}
                                      for m in extraction.metrics])
        people = _People([(a.name, _insert(conn, "attendees", {**_row(a), "agenda_item_id": items.of(a)}))
                          for a in extraction.attendees])
        _insert_all(conn, "declarations", [{**_row(d), "agenda_item_id": items.of(d),
                                            "attendee_id": people.one(d.member or d.name)}
                                           for d in extraction.declarations])
        resolutions = _Containing([(r.char_start, r.char_end,
                                    _insert(conn, "resolutions", {**_row(r), "agenda_item_id": items.of(r)}))
                                   for r in extraction.resolutions])
        _insert_all(conn, "actions", [{**_row(a), "agenda_item_id": items.of(a), "resolution_id": resolutions.of(a)}
                                      for a in extraction.actions])
        motion_ids = {}
        for motion in extraction.motions:
            motion_ids[motion.position] = _insert(conn, "motions", {
                **_row(motion), "agenda_item_id": items.of(motion), "resolution_id": resolutions.of(motion)})
        _insert_all(conn, "votes", [{**_row(v), "agenda_item_id": items.of(v), "motion_id": motion_ids[v.motion_position],
                                     "attendee_id": people.one(v.name)} for v in extraction.votes])
        _point_path(conn, path, doc.id, size, mtime_ns)
    return True


def start_run(db: sqlite_utils.Database) -> int:
    with db.conn:
        return _insert(db.conn, "runs", {"started_at": now(), "new": 0, "updated": 0, "unchanged": 0, "failed": 0,
                                         "pruned": 0})


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
    """Close a run with its counts; `status` is "finished", or "interrupted" (SIGTERM, Ctrl-C)."""
    with db.conn:
        db.conn.execute(
            "update runs set finished_at = ?, new = ?, updated = ?, unchanged = ?, failed = ?, pruned = ?, status = ? "
            "where id = ?", [now(), *(counts.get(k, 0) for k in RUN_COUNTS), status, run_id],
        )


def record_failure(db: sqlite_utils.Database, run_id: int, path: str, sha256: str | None, kind: str, message: str,
                   seen: tuple[str, int, int] | None = None) -> None:
    """A failure row for this run; `seen` (path key, size, mtime_ns) also remembers the file as
    failing, so later runs skip it unread until it changes (or --retry-failed)."""
    with db.conn:
        _insert(db.conn, "failures", {"run_id": run_id, "path": path, "sha256": sha256, "kind": kind,
                                      "message": message, "failed_at": now()})
        if seen:
            db.conn.execute("insert or replace into failed_files (path, size, mtime_ns, kind) values (?, ?, ?, ?)",
                            [*seen, kind])


def known_failure(db: sqlite_utils.Database, path: str) -> tuple[int, int, str] | None:
    """(size, mtime_ns, kind) of the file at `path` when it last failed and has not succeeded since."""
    return db.execute("select size, mtime_ns, kind from failed_files where path = ?", [path]).fetchone()
