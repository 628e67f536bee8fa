"""Datasette plugin for `minutes serve`: link each record to its evidence, and highlight the span."""

import html
from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup

from extract.store.database import EVIDENCE_COLUMNS as LINKED  # per table, the column that links to its evidence


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == "evidence" and column == "evidence" and "span" in row.keys():
        # from the view's own parts, not by finding "[[" (the document may hold one)
        before, span, after = (row[k] or "" for k in ("context_before", "span", "context_after"))
        return Markup(f"{html.escape(before)}<mark>{html.escape(span)}</mark>{html.escape(after)}")
    if LINKED.get(table) == column and isinstance(value, str) and "id" in row.keys():
        query = urlencode({"record_table": table, "record_id": row["id"]})
        url = datasette.urls.table(database, "evidence") + "?" + query
        return Markup(f'<a class="evidence-link" href="{html.escape(url)}">{html.escape(value)}</a>')
    return None
