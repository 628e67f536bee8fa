"""The `minutes` command line: thin wrappers over the pipeline stages and the store."""

import json
import os
import re
import sqlite3
import sys
import time
from pathlib import Path
from typing import get_args

import click

from extract.commands.indicators import render_indicators, summarise_indicators
from extract.commands.series import EmptyQuery, find_points, render_csv, render_json, render_table
from extract.commands.serve import datasette_command
from extract.commands.trace import RecordNotFound
from extract.commands.trace import trace as trace_record
from extract.errors import SchedulerUnavailable
from extract.run.batch import DEFAULT_MAX_MB, DEFAULT_TIMEOUT, Options, stop_on_signals
from extract.run.batch import ingest as ingest_paths
from extract.run.workers import DEFAULT_MEMORY_MB
from extract.store import database as store
from extract.store.export import UnknownTable, export_table
from extract.store.search import search as search_records
from schemas.records import MetricRole

DEFAULT_DB = Path("outputs/minutes.db")
db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="SQLite database file.")


def open_database(db_path: Path):
    """An existing minutes database, or a clear error: reading commands never create one, and a file
    that is not SQLite (`--db /etc/passwd`) is refused, not a traceback."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist; run `minutes ingest` first")
    try:
        return store.connect(db_path)
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} is not a minutes database (SQLite: {exc}); "
                                   "give the --db of one made by `minutes ingest`") from exc


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from a document, safe for a terminal: control characters (escape sequences) shown, not obeyed."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120})
@click.version_option(package_name="minutes", prog_name="minutes", message="%(prog)s %(version)s")
def main():
    """Council minutes and reports → a queryable, auditable SQLite database."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=Options().workers, show_default="the machine's cores",
              help="Worker processes extracting documents in parallel (one writer commits them).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one document may take before it is stopped and recorded as a failure.")
@click.option("--max-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_MB, show_default=True,
              help="Files larger than this many megabytes are recorded as failures, not read.")
@click.option("--max-worker-mb", type=click.IntRange(min=256), default=DEFAULT_MEMORY_MB, show_default=True,
              help="Memory (address space) each worker may use; a file needing more is a MemoryLimitExceeded failure.")
@click.option("--retry-failed", is_flag=True, help="Read again files that failed before, even when unchanged since.")
@click.option("--prune", is_flag=True, help="Remove documents whose file under PATHS is gone.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR PDF pages without a usable text layer: such PDFs fail as NoTextLayer.")
@click.option("--strict", is_flag=True, help="Record files of formats minutes does not read as UnsupportedFormat failures.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local:N for N worker "
                   "processes on this machine. This process alone writes the database.")
def ingest(paths, db_path, workers, timeout, max_mb, max_worker_mb, retry_failed, prune, no_ocr, strict, scheduler):
    """Read files and folders into the database (re-runs skip them).

    Folders are read recursively for .txt, .html/.htm, .pdf, .md/.markdown, .docx and moderngov .xml
    files. Each document is stored whole or not at all; a file that cannot be read is recorded as a
    failure and the batch goes on."""
    options = Options(workers=workers, timeout=timeout, max_mb=max_mb, prune=prune, ocr=not no_ocr, strict=strict,
                      memory_mb=max_worker_mb, retry_failed=retry_failed, scheduler=scheduler)
    stop_on_signals()
    try:
        summary = ingest_paths(list(paths), db_path, options, progress=progress_reporter())
    except SchedulerUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db_path} is not a minutes database (SQLite: {exc}); "
                                   "give --db a new file name or one made by `minutes ingest`") from exc
    counts = summary.counts
    if summary.interrupted:
        click.echo(f"run {summary.run_id} interrupted: {counts['new'] + counts['updated']} documents stored, each "
                   "complete; run the same command again to finish the rest", err=True)
        sys.exit(130)
    click.echo(f"run {summary.run_id}: {counts['new']} new, {counts['updated']} updated, "
               f"{counts['unchanged']} unchanged, {counts['failed']} failed"
               + (f", {counts['pruned']} pruned" if prune else "")
               + (f"; {summary.ocr_pages} PDF pages read by OCR" if summary.ocr_pages else ""))
    for _, kind, message in summary.failures:
        click.echo(f"  failed {kind}: {message}", err=True)
    if summary.checks:
        found = ", ".join(f"{n} {code}" for code, n in sorted(summary.checks.items()))
        click.echo(f"quality checks on the new documents: {found} (the `checks` table says where)")
    if summary.not_retried:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.not_retried.items()))
        click.echo(f"not read again, unchanged since they failed: {kinds} (--retry-failed reads them)")
    if summary.skipped and not strict:
        kinds = ", ".join(f"{n} {ext}" for ext, n in sorted(summary.skipped.items()))
        click.echo(f"skipped files of formats minutes does not read: {kinds} (--strict records them as failures)")
    click.echo(describe_database(store.connect(db_path)))


def progress_reporter(every: float = 5.0):
    """A bar with rate and ETA on a terminal; a plain line every few seconds otherwise (CI, cron)."""
    tty = sys.stderr.isatty()
    start = time.monotonic()
    last = [start]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if not tty and now - last[0] < every and done < total:
            return
        last[0] = now
        rate = done / max(now - start, 1e-9)
        eta = (total - done) / rate if rate else 0
        if tty:
            filled = int(30 * done / total)
            click.echo(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {rate:.1f} docs/s ETA {eta:.0f} s",
                       err=True, nl=done == total)
        else:
            click.echo(f"ingest: {done}/{total} documents extracted, {rate:.1f}/s, ETA {eta:.0f} s", err=True)

    return report


def describe_database(db) -> str:
    """What the database holds: documents by format, then each record table's row count."""
    by_format = ", ".join(f"{n} {fmt}" for fmt, n in db.execute(
        "select format, count(*) from documents group by format order by format"))
    lines = [f"{db['documents'].count} documents in {db.conn.execute('pragma database_list').fetchone()[2]}"
             + (f" ({by_format})" if by_format else "")]
    for table in ("pages", "agenda_items", "tables", "metrics", "attendees", "resolutions", "actions", "motions",
                  "votes", "declarations", "checks"):
        lines.append(f"  {table}: {db[table].count}")
        if table == "metrics" and (cells := db.execute("select count(*) from metrics where table_id is not null").fetchone()[0]):
            lines[-1] += f" ({cells} from table cells)"
        if table == "pages" and (ocr := db.execute("select count(*) from pages where text_source = 'ocr'").fetchone()[0]):
            lines[-1] += f" ({ocr} read by OCR)"
    failed = db.execute("select count(distinct path) from failures where run_id = (select max(id) from runs)").fetchone()[0]
    lines.append(f"  failures in the last run: {failed}")
    return "\n".join(lines)


@main.command()
@click.argument("table", type=click.Choice(store.TRACEABLE_TABLES))
@click.argument("record_id", metavar="ID", type=int)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the trace as JSON.")
def trace(table, record_id, db_path, as_json):
    """Show where a record came from, its span marked.

    TABLE is a record table; the trace gives the document, council, committee, meeting date, page,
    agenda item, rule id, what was inferred, and any quality check that touches the record."""
    try:
        found = trace_record(open_database(db_path), table, record_id)
    except RecordNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    doc, item, record = found.document, found.agenda_item, found.record
    before, span, after = found.context
    inferred = [f for f in ("council", "committee", "meeting_date") if doc[f] and doc["metadata_source"] == "inferred"]
    inferred += ["period"] if record.get("period_inferred") else []
    if as_json:
        click.echo(json.dumps({
            "table": table, "id": record_id, "document": {k: v for k, v in doc.items() if k != "text"},
            "agenda_item": item, "record": record, "evidence": found.evidence,
            "sentence": {"before": before, "span": span, "after": after}, "inferred": inferred,
            "reproduces": found.reproduces, "checks": [{"code": c, "message": m} for c, m in found.checks]},
            indent=2, ensure_ascii=False))
    else:
        before, span, after = printable(before), printable(span), printable(after)
        marked = before + (click.style(span, fg="red", bold=True) if sys.stdout.isatty() else f"[[{span}]]") + after
        click.echo(f"{table} {record_id}: {printable(doc['source_path'])}")
        stated = {k: doc[k] or "not stated" for k in ("council", "committee", "meeting_date")}
        click.echo(f"  council {stated['council']}, committee {stated['committee']}, meeting {stated['meeting_date']}")
        page = f"page {record['page']}, " if record.get("page") is not None else ""  # only PDFs have pages
        click.echo(f"  {page}characters {record['char_start']}-{record['char_end']}, rule {record['rule_id']}")
        if record.get("table_id"):  # a table cell: where in its table
            click.echo(f"  table {record['table_id']}, row {printable(record['row_label'] or '?')!r}, "
                       f"column {printable(record['column_label'] or 'not named')!r}")
        if item:
            number = f" ({item['number']})" if item["number"] else ""
            click.echo(f"  agenda item {item['position']}{number}: {printable(item['title'])}")
        click.echo(f"  inferred: {', '.join(inferred) or 'nothing'}")
        for code, message in found.checks:
            click.echo(f"  check {code}: {printable(message)}")
        click.echo(f"  {' '.join(marked.split())}")
    if not found.reproduces:
        click.echo(f"EVIDENCE MISMATCH: the stored text at {record['char_start']}-{record['char_end']} reads "
                   f"{found.evidence!r}, not the record's evidence", err=True)
        sys.exit(2)


@main.command()
@click.argument("text")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many results.")
def search(text, db_path, limit):
    """Search the documents' text and records (word* for prefixes).

    Records first (agenda items, resolutions, actions, metric sentences, attendee names), one hit per
    sentence, each traceable with `minutes trace TABLE ID`; then passages of the documents' text,
    each with the agenda item that holds it."""
    hits = search_records(open_database(db_path), text, limit)
    if not hits:
        click.echo(f"nothing matches {text!r}")
    for hit in hits:
        where = printable(hit.source_path) + (f" p.{hit.page}" if hit.page else "")
        if hit.table == "documents":
            found = f"text ({hit.passages} passage{'s' if hit.passages > 1 else ''})"
        else:
            found = f"{hit.table} {', '.join(map(str, hit.record_ids))}"
        click.echo(f"{found} | {printable(hit.council or '-')} {hit.meeting_date or ''} | {where}")
        click.echo(f"    {printable(' '.join(hit.snippet.split()))}")
        if hit.agenda_item_id is not None:
            click.echo(f"    in agenda item {hit.agenda_item_id}: minutes trace agenda_items {hit.agenda_item_id}")


@main.command(epilog=f"Tables: {', '.join(store.TABLES)}; views: {', '.join(store.VIEWS)}.")
@click.argument("table")
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="Output format.")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default stdout).")
def export(table, db_path, fmt, output):
    """Write a whole table or view as CSV or JSON.

    Each record row carries its document's council, committee, meeting date and source path."""
    try:
        count = export_table(open_database(db_path), table, fmt, output)
    except UnknownTable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{count} rows of {table}", err=True)


@main.command()
@db_option
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port on 127.0.0.1.")
def serve(db_path, port):
    """Browse the database in Datasette, read-only, on 127.0.0.1."""
    open_database(db_path)
    command = datasette_command(db_path, port)
    os.execv(command[0], command)


@main.command()
@click.argument("query", required=False)
@db_option
def indicators(query, db_path):
    """List indicator keys, their councils, years and wording.

    Each key with its preferred name (for known national indicators), how many figures, their units,
    councils and years, and how the documents word it; QUERY keeps the keys it names or whose
    subjects contain its words. Give a key to `minutes series`."""
    found = summarise_indicators(open_database(db_path).conn, query)
    click.echo(render_indicators(found) if found else f"no indicator matches {query!r}")


@main.command()
@click.argument("query")
@db_option
@click.option("--role", type=click.Choice(get_args(MetricRole)), help="Only figures with this role.")
@click.option("--council", help="Only figures from this council.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (each point with all its sources).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the series to this PNG: one panel per council, targets and benchmarks as lines.")
def series(query, db_path, role, council, as_csv, as_json, plot_path):
    """A measure's values across documents and years, by series.

    A series is one indicator (or subject) in one unit, oldest first, each point with its sources."""
    try:
        points = find_points(open_database(db_path).conn, query, role, council)
    except EmptyQuery as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(render_json(points))
    elif as_csv:
        click.echo(render_csv(points), nl=False)
    elif points:
        click.echo(render_table(points))
    else:
        click.echo(f"no figures match {query!r}", err=True)
    if plot_path:
        if not plot_path.parent.is_dir():
            raise click.ClickException(f"cannot write {plot_path}: the folder {plot_path.parent} does not exist")
        from extract.commands.plot import plot_series  # matplotlib takes a second to import: only when drawing

        drawn = plot_series(points, plot_path, title=query)
        click.echo(f"plotted {drawn} dated points to {plot_path}" if drawn else
                   f"nothing to plot: no dated figures match {query!r}", err=True)
