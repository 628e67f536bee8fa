"""The `minutes` command line: thin wrappers over the pipeline stages and the store."""

from pathlib import Path

import click

from . import store
from .batch import ingest as ingest_paths

DEFAULT_DB = Path("outputs/minutes.db")
db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="SQLite database file.")


@click.group()
def main():
    """Council minutes and reports → a queryable, auditable SQLite database."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
def ingest(paths, db_path):
    """Ingest files and folders (recursively) of .txt, .html/.htm and .pdf."""
    summary = ingest_paths(list(paths), db_path)
    counts = summary.counts
    click.echo(f"run {summary.run_id}: {counts['new']} new, {counts['updated']} updated, "
               f"{counts['unchanged']} unchanged, {counts['failed']} failed")
    for path, kind, message in summary.failures:
        click.echo(f"  failed {kind}: {message}", err=True)
    click.echo(describe_database(store.connect(db_path)))


def describe_database(db) -> str:
    """What the database holds: documents by format, then each record table's row count."""
    by_format = ", ".join(f"{n} {fmt}" for fmt, n in db.execute(
        "select format, count(*) from documents group by format order by format"))
    lines = [f"{db['documents'].count} documents in {db.conn.execute('pragma database_list').fetchone()[2]}"
             + (f" ({by_format})" if by_format else "")]
    for table in ("pages", "agenda_items", "metrics", "attendees", "resolutions", "actions"):
        lines.append(f"  {table}: {db[table].count}")
    failed = db.execute("select count(distinct path) from failures where run_id = (select max(id) from runs)").fetchone()[0]
    lines.append(f"  failures in the last run: {failed}")
    return "\n".join(lines)
