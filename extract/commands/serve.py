"""`minutes serve`: the database in Datasette, read-only, on 127.0.0.1, with our metadata and plugin."""

import json
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "datasette"
STATIC_MOUNT = "minutes-assets"  # where datasette/static is served (not "minutes": that is the database's path)


def datasette_command(db_path: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """The Datasette command line that serves `db_path` read-only with our metadata.

    Not `--immutable`: that mode reads the file as if nothing else wrote it, so an ingest running
    beside it made every page "database disk image is malformed". Opened as a mutable file,
    Datasette reads it `mode=ro` through SQLite's WAL, seeing each committed document as it lands."""
    template = yaml.safe_load((HERE / "metadata.yaml").read_text(encoding="utf-8"))
    metadata = {
        "title": template["title"],
        "description": template["description"],
        "databases": {db_path.stem: {"tables": template["tables"], "queries": template["queries"]}},
    }
    metadata_file = Path(tempfile.mkdtemp(prefix="minutes-serve-")) / "metadata.json"
    metadata_file.write_text(json.dumps(metadata), encoding="utf-8")
    return [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host,
            "--port", str(port), "--metadata", str(metadata_file), "--plugins-dir", str(HERE / "plugins"),
            "--static", f"{STATIC_MOUNT}:{HERE / 'static'}",
            "--setting", "default_facet_size", "20"]
