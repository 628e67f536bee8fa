"""Datasette plugin for `minutes serve`: link each record to its evidence, highlight the span in
whole words of context, and style the evidence as prose."""

import html
from urllib.parse import urlencode

from datasette import hookimpl
from markupsafe import Markup

from extract.commands.serve import STATIC_MOUNT
from extract.store.database import CONTEXT_CHARS, VIEWS
from extract.store.database import EVIDENCE_COLUMNS as LINKED  # per table, the column that links to its evidence


@hookimpl
def extra_css_urls(table):
    # the views' SQL is hidden on their pages only: a table's schema stays for those who want it
    return [f"/{STATIC_MOUNT}/minutes.css"] if table in VIEWS else []


def whole_words(before: str, after: str) -> tuple[str, str]:
    """The context cut at word boundaries, marked … where the document goes on (the view cuts by
    characters, so its context can start and end mid-word)."""
    if len(before) >= CONTEXT_CHARS and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if len(after) >= CONTEXT_CHARS and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return before, after


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == "evidence" and column == "evidence" and "span" in row.keys():
        # from the view's own parts, not by finding "[[" (the document may hold one)
        before, span, after = (row[k] or "" for k in ("context_before", "span", "context_after"))
        before, after = whole_words(before, after)
        return Markup(f"{html.escape(before)}<mark>{html.escape(span)}</mark>{html.escape(after)}")
    if LINKED.get(table) == column and isinstance(value, str) and "id" in row.keys():
        query = urlencode({"record_table": table, "record_id": row["id"]})
        url = datasette.urls.table(database, "evidence") + "?" + query
        return Markup(f'<a class="evidence-link" href="{html.escape(url)}">{html.escape(value)}</a>')
    return None
