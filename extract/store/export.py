"""A table → CSV or JSON, for people who live in spreadsheets and notebooks."""

import csv
import json
from typing import TextIO


class UnknownTable(LookupError):
    """The table asked for is not in the database."""


def exportable_tables(db) -> list[str]:
    """Every table and view a person may want, without the full-text index's internal tables."""
    return sorted(t for t in db.table_names() + db.view_names() if "_fts" not in t)


DOCUMENT_FIELDS = ("council", "committee", "meeting_date", "source_path")  # so an exported row stands alone


def _query(db, table: str) -> str:
    """A record table's rows with their document's council, committee, meeting date and path."""
    columns = db[table].columns_dict
    if table == "documents" or "document_id" not in columns or table in db.view_names():
        return f"select * from [{table}]"
    extra = ", ".join(f"d.{f}" for f in DOCUMENT_FIELDS if f not in columns)  # metrics carry the first three
    return f"select t.*, {extra} from [{table}] t join documents d on d.id = t.document_id order by t.rowid"


def export_table(db, table: str, fmt: str, out: TextIO) -> int:
    """Write every row of `table` to `out` as CSV (with a header) or a JSON list; returns the count."""
    if table not in exportable_tables(db):
        raise UnknownTable(f"no table '{table}'; choose one of {', '.join(exportable_tables(db))}")
    cursor = db.execute(_query(db, table))
    names = [c[0] for c in cursor.description]
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(names)
        for row in cursor:
            writer.writerow(row)
            count += 1
    else:
        out.write("[")
        for row in cursor:
            out.write((",\n" if count else "\n") + json.dumps(dict(zip(names, row)), ensure_ascii=False))
            count += 1
        out.write("\n]\n")
    return count
