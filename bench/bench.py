"""Benchmark: ingest throughput, per-stage cost and peak memory.

Prints figures; asserts nothing (speed is measured here, not by timed tests).
  1. the real documents: the seeds (corpus/) and the shared corpus's real/ (MINUTES_CORPUS), cold and re-run;
  2. per-stage cost in ms per 5,000 words; OCR pages/s and the garbled-layer check's cost (shared PDFs);
  3. a synthetic corpus built from those documents: ~5,000-word text minutes and ~20-page PDFs, with 1 and
     2 workers and on a Dask LocalCluster of 2 workers, cold and re-run; the single writer's own throughput
     (extraction replayed, so only the writer works: what bounds a cluster's size); and a re-run over 10,000
     unchanged documents.
Usage: python bench/bench.py [--texts N] [--pdfs N] [--unchanged N]
"""

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.adversarial import bench_adversarial  # noqa: E402
from bench.ocr import bench_ocr  # noqa: E402
from bench.synthetic import write_pdfs, write_small_minutes, write_text_minutes  # noqa: E402
from extract.errors import MinutesError  # noqa: E402
from extract.find.actions import extract_actions  # noqa: E402
from extract.find.attendees import extract_attendees  # noqa: E402
from extract.find.declarations import extract_declarations  # noqa: E402
from extract.find.metrics.figures import extract_metrics  # noqa: E402
from extract.find.motions import extract_motions  # noqa: E402
from extract.find.resolutions import extract_resolutions  # noqa: E402
from extract.find.segment import segment  # noqa: E402
from extract.find.sentences import SentenceIndex  # noqa: E402
from extract.find.tables import read_tables  # noqa: E402
from extract.find.votes import extract_votes  # noqa: E402
from extract.read.corpus import MISSING, SEEDS, shared_root  # noqa: E402
from extract.read.document import load_document  # noqa: E402
from extract.run import batch  # noqa: E402
from extract.run.batch import Options, find_files, ingest, shown  # noqa: E402
from extract.run.cluster import connect  # noqa: E402
from extract.run.pipeline import extract_document  # noqa: E402
from extract.store import database as store  # noqa: E402

REPEATS = 5
RECORD_TABLES = ("documents", "pages", *store.TRACEABLE_TABLES, "checks")
WRITER_DOCUMENTS = 100  # documents the writer stores with their extraction replayed


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest worker, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def timed_ingest(paths: list[Path], db_path: Path, workers: int, scheduler: str | None = None):
    start = time.perf_counter()
    summary = ingest(paths, db_path, Options(workers=workers, scheduler=scheduler))
    return time.perf_counter() - start, summary


def bench_writer(paths: list[Path], tmp: Path) -> None:
    """The single writer alone: every stage of an ingest but extraction (triage, hashing, one transaction per
    document), fed extractions made beforehand. Past this rate more workers only queue at the writer."""
    folder = tmp / "writer"
    folder.mkdir(parents=True)
    for path in paths[:WRITER_DOCUMENTS]:
        shutil.copy(path, folder)
    extracted = {shown(p): extract_document(p, source_path=shown(p)) for p in sorted(folder.iterdir())}
    db_path = tmp / "writer.db"
    store.connect(db_path)  # the schema made before the clock starts: a writer makes it once
    start = time.perf_counter()
    batch._ingest([folder], db_path, Options(), None, lambda tasks: ((task, extracted[task[1]]) for task in tasks))
    seconds = time.perf_counter() - start
    rows = sum(store.connect(db_path)[table].count for table in RECORD_TABLES)
    print(f"{'writer alone (extraction replayed)':<34}{seconds:7.2f} s {len(extracted) / seconds:8.1f} docs/s "
          f"{rows / seconds:8.0f} rows/s ({rows / len(extracted):.0f} rows a document)")


def rates(label: str, seconds: float, docs: int, pages: int, megabytes: float) -> str:
    return (f"{label:<34}{seconds:7.2f} s {docs / seconds:8.1f} docs/s {pages / seconds:8.0f} pages/s "
            f"{megabytes / seconds:7.2f} MB/s")


def stage_costs(files: list[Path]) -> tuple[dict[str, float], int, int]:
    """Milliseconds per 5,000 words for each stage, over every readable document (best of REPEATS)."""
    docs = []
    for path in files:
        try:
            docs.append(load_document(path)[0])
        except MinutesError:
            continue
    words = sum(len(d.text.split()) for d in docs)
    contexts = []
    for d in docs:
        items, sentences = segment(d), SentenceIndex(d.text)
        motions = extract_motions(d, items, sentences)
        contexts.append((items, sentences, extract_resolutions(d, items, sentences, motions), motions, read_tables(d.text)))
    stages = {
        "segment": lambda d, c: segment(d),
        "sentences": lambda d, c: SentenceIndex(d.text),
        "tables": lambda d, c: read_tables(d.text),
        "metrics": lambda d, c: extract_metrics(d, c[0], c[1], c[4]),
        "attendees": lambda d, c: extract_attendees(d, c[0], c[1]),
        "resolutions": lambda d, c: extract_resolutions(d, c[0], c[1]),
        "actions": lambda d, c: extract_actions(d, c[0], c[1], c[2]),
        "motions": lambda d, c: extract_motions(d, c[0], c[1]),
        "votes": lambda d, c: extract_votes(d, c[1], c[3]),
        "declarations": lambda d, c: extract_declarations(d, c[1]),
    }
    costs = {}
    for name, run in stages.items():
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            for d, c in zip(docs, contexts):
                run(d, c)
            best = min(best, time.perf_counter() - start)
        costs[name] = best / words * 5000 * 1000
    return costs, len(docs), words


def real_folders() -> list[Path]:
    """The seeds and, when it is here, the shared corpus's real/ documents."""
    shared = shared_root()
    if shared is None:
        print(f"(seeds only: {MISSING})")
    return [SEEDS] + ([shared / "real"] if shared else [])


def bench_bundled(tmp: Path, folders: list[Path]) -> None:
    files = find_files(folders)
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    db_path = tmp / "bundled.db"
    cold, summary = timed_ingest(folders, db_path, workers=2)
    rerun, _ = timed_ingest(folders, db_path, workers=2)
    pages = store.connect(db_path).execute("select coalesce(sum(pages), 0) from documents").fetchone()[0]
    print(f"== {' + '.join(f.name for f in folders)}: {len(files)} files, {megabytes:.1f} MB, {pages} PDF pages "
          f"({summary.counts['new']} stored, {summary.counts['failed']} failed)")
    print(rates("cold, 2 workers", cold, len(files), pages, megabytes))
    print(f"{'re-run, nothing changed':<34}{rerun:7.2f} s")
    print_stage_costs("the real documents, all (tables of figures included)", files)


def print_stage_costs(label: str, files: list[Path]) -> None:
    costs, n_docs, words = stage_costs(files)
    print(f"== per-stage cost on {label}: ms per 5,000 words (best of {REPEATS}; {n_docs} documents, {words:,} words)")
    for name, ms in costs.items():
        print(f"  {name:<12}{ms:8.2f}")


def bench_synthetic(tmp: Path, folders: list[Path], texts: int, pdfs: int, unchanged: int, scheduler: str) -> None:
    sets = {f"{texts} text minutes (~5,000 words)": write_text_minutes(folders, tmp / "texts", texts)}
    if len(folders) > 1:  # the seeds are text: the PDFs come from the shared corpus
        sets[f"{pdfs} PDFs (14-20 pages)"] = write_pdfs(folders, tmp / "pdfs", pdfs)
    print_stage_costs("the synthetic ~5,000-word text minutes", sets[next(iter(sets))][:50])
    for label, paths in sets.items():
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"== synthetic: {label}, {megabytes:.1f} MB")
        seconds = {}
        for workers in (1, 2):
            db_path = tmp / f"{paths[0].parent.name}-{workers}.db"
            seconds[workers], _ = timed_ingest([paths[0].parent], db_path, workers)
            pages = store.connect(db_path).execute("select coalesce(sum(pages), 0) from documents").fetchone()[0]
            print(rates(f"cold, {workers} worker{'s' if workers > 1 else ''}", seconds[workers], len(paths), pages,
                        megabytes))
        rerun, _ = timed_ingest([paths[0].parent], db_path, 2)
        print(f"{'re-run, nothing changed':<34}{rerun:7.2f} s")
        print(f"{'speed-up, 2 workers over 1':<34}{seconds[1] / seconds[2]:7.2f} x")
        dask, _ = timed_ingest([paths[0].parent], tmp / f"{paths[0].parent.name}-dask.db", 2, scheduler)
        print(rates("cold, Dask LocalCluster, 2 workers", dask, len(paths), pages, megabytes))
        bench_writer(paths, tmp / f"{paths[0].parent.name}-writer")
    write_small_minutes(tmp / "small", unchanged)
    db_path = tmp / "small.db"
    cold, _ = timed_ingest([tmp / "small"], db_path, 2)
    rerun, summary = timed_ingest([tmp / "small"], db_path, 2)
    print(f"== {unchanged:,} short documents: cold {cold:.1f} s ({unchanged / cold:.0f} docs/s); "
          f"re-run with nothing changed {rerun:.2f} s ({summary.counts['unchanged']:,} unchanged)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=400, help="synthetic ~5,000-word text minutes")
    parser.add_argument("--pdfs", type=int, default=150, help="synthetic ~20-page PDFs")
    parser.add_argument("--unchanged", type=int, default=10_000, help="documents for the unchanged re-run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = real_folders()
        bench_bundled(Path(tmp), folders)
        shared = shared_root()
        if shared:
            bench_ocr(sorted(p for folder in ("real", "dev") for p in (shared / folder).glob("*.pdf")))
        with connect("local:2") as client:  # started (and its workers warmed) once, as a cluster is, not per batch
            bench_synthetic(Path(tmp), folders, args.texts, args.pdfs, args.unchanged, client.scheduler.address)
    bench_adversarial()
    own, worker = peak_mb()
    print(f"peak memory: {own:.0f} MB writer process, {worker:.0f} MB largest worker")


if __name__ == "__main__":
    main()
