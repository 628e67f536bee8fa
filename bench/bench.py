"""Benchmark: ingest throughput, per-stage cost and peak memory on corpus/.

Prints figures; asserts nothing (speed is measured here, not by timed tests).
Usage: python bench/bench.py [CORPUS_DIR]
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.actions import extract_actions  # noqa: E402
from extract.attendees import extract_attendees  # noqa: E402
from extract.batch import find_files, ingest  # noqa: E402
from extract.errors import MinutesError  # noqa: E402
from extract.ingest import load_document  # noqa: E402
from extract.metrics import extract_metrics  # noqa: E402
from extract.resolutions import extract_resolutions  # noqa: E402
from extract.segment import segment  # noqa: E402
from extract.sentences import SentenceIndex  # noqa: E402

REPEATS = 5


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_costs(files: list[Path]) -> dict[str, float]:
    """Seconds per 5,000 words for each stage, over every readable document (best of REPEATS)."""
    docs = []
    for path in files:
        try:
            docs.append(load_document(path)[0])
        except MinutesError:
            continue
    words = sum(len(d.text.split()) for d in docs)
    stages = {
        "segment": lambda d, c: segment(d),
        "sentences": lambda d, c: SentenceIndex(d.text),
        "metrics": lambda d, c: extract_metrics(d, c["items"], c["sentences"]),
        "attendees": lambda d, c: extract_attendees(d, c["items"], c["sentences"]),
        "resolutions": lambda d, c: extract_resolutions(d, c["items"], c["sentences"]),
        "actions": lambda d, c: extract_actions(d, c["items"], c["sentences"], c["resolutions"]),
    }
    contexts = []
    for d in docs:
        items, sentences = segment(d), SentenceIndex(d.text)
        contexts.append({"items": items, "sentences": sentences,
                         "resolutions": extract_resolutions(d, items, sentences)})
    costs = {}
    for name, run in stages.items():
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            for d, c in zip(docs, contexts):
                run(d, c)
            best = min(best, time.perf_counter() - start)
        costs[name] = best / words * 5000
    return costs, len(docs), words


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus"
    files = find_files([corpus])
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        start = time.perf_counter()
        summary = ingest([corpus], db_path)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        ingest([corpus], db_path)
        rerun = time.perf_counter() - start
        from extract import store
        db = store.connect(db_path)
        pages = db.execute("select coalesce(sum(pages), 0) from documents").fetchone()[0]
        docs = db["documents"].count
    print(f"corpus: {corpus} — {len(files)} files, {size_mb:.1f} MB, {pages} PDF pages")
    print(f"cold ingest: {cold:.2f} s — {docs / cold:.1f} documents/s, {pages / cold:.0f} pages/s, "
          f"{size_mb / cold:.2f} MB/s ({summary.counts['new']} new, {summary.counts['failed']} failed)")
    print(f"re-run, nothing changed: {rerun:.2f} s ({len(files) / rerun:.0f} files/s)")
    costs, n_docs, words = stage_costs(files)
    print(f"per-stage cost, ms per 5,000 words (best of {REPEATS}, {n_docs} documents, {words:,} words):")
    for name, seconds in costs.items():
        print(f"  {name:<12}{seconds * 1000:8.2f}")
    print(f"peak memory: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
