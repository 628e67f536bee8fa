"""`minutes serve` while an ingest writes: every request answers, and new documents appear."""

import json
import threading
import urllib.request

from extract.run.batch import Options, ingest
from extract.store import database as store

from .conftest import serving
from .test_batch import varied_copies


def test_serve_answers_every_request_during_an_ingest_and_sees_the_new_rows(tmp_path):
    db = tmp_path / "minutes.db"
    varied_copies(tmp_path / "first", 3)
    ingest([tmp_path / "first"], db, Options(workers=1))
    varied_copies(tmp_path / "more", 40)
    with serving(db) as base:
        writer = threading.Thread(target=ingest, args=([tmp_path / "more"], db, Options(workers=2)))
        writer.start()
        statuses = []
        while writer.is_alive() or len(statuses) < 40:
            for url in ("/minutes/documents.json?_shape=array&_col=id", "/minutes/metrics.json?_size=5",
                        "/minutes/evidence.json?_size=5"):
                try:
                    with urllib.request.urlopen(base + url, timeout=30) as response:
                        statuses.append(response.status)
                except urllib.error.HTTPError as exc:
                    statuses.append(exc.code)
        writer.join()
        with urllib.request.urlopen(base + "/minutes.json?sql=select+count(*)+as+n+from+documents&_shape=array") as r:
            served = json.load(r)[0]["n"]
    assert statuses and set(statuses) == {200}, f"{sum(s != 200 for s in statuses)} of {len(statuses)} failed"
    assert served == store.connect(db)["documents"].count > 3
