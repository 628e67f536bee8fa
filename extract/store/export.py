"""A table → CSV or JSON, for people who live in spreadsheets and notebooks."""

import csv
import json
from typing import TextIO


class UnknownTable(LookupError):
    """The table asked for is not in the database."""


def exportable_tables(db) -> list[str]:
    """Every table a person may want, without the full-text index's internal tables."""
    return sorted(t for t in db.table_names() if "_fts" not in t)


def export_table(db, table: str, fmt: str, out: TextIO) -> int:
    """Write every row of `table` to `out` as CSV (with a header) or a JSON list; returns the count."""
    if table not in exportable_tables(db):
        raise UnknownTable(f"no table '{table}'; choose one of {', '.join(exportable_tables(db))}")
    rows = db[table].rows
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(db[table].columns_dict))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    else:
        out.write("[")
        for row in rows:
            out.write((",\n" if count else "\n") + json.dumps(row, ensure_ascii=False))
            count += 1
        out.write("\n]\n")
    return count
