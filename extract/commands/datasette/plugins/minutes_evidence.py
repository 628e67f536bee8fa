"""Datasette plugin for `minutes serve`: link each record to its evidence, and highlight the span."""

import html
from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup

# Per record table, the column whose cells link to the record's evidence.
LINKED = {"metrics": "quote", "attendees": "name", "resolutions": "text", "actions": "text", "agenda_items": "title"}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == "evidence" and column == "evidence" and isinstance(value, str) and "[[" in value:
        before, _, rest = value.partition("[[")
        span, _, after = rest.partition("]]")
        return Markup(f"{html.escape(before)}<mark>{html.escape(span)}</mark>{html.escape(after)}")
    if LINKED.get(table) == column and isinstance(value, str) and "id" in row.keys():
        query = urlencode({"record_table": table, "record_id": row["id"]})
        url = datasette.urls.table(database, "evidence") + "?" + query
        return Markup(f'<a class="evidence-link" href="{html.escape(url)}">{html.escape(value)}</a>')
    return None
