"""No stage grows faster than linearly, on the adversarial texts that once made one quadratic
(bench/adversarial.py; `make bench` prints their cost per 100 KB). Times are best of three, at
small sizes, with a little slack for the clock: a quadratic stage takes 16 times as long at 4
times the size, far past the 8 allowed."""

import pytest

from bench.adversarial import CASES, stage_seconds

SMALL = 6_000
SLACK = 0.02  # seconds


def best(name: str, size: int) -> dict[str, float]:
    runs = [stage_seconds(name, size) for _ in range(3)]
    return {stage: min(run[stage] for run in runs) for stage in runs[0]}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_stage_grows_faster_than_linearly(name):
    stage_seconds("numbered lines", 1_000)  # rules loaded and compiled before any clock starts
    small, large = best(name, SMALL), best(name, 4 * SMALL)
    slow = {stage: (small[stage], large[stage]) for stage in small if large[stage] > 8 * small[stage] + SLACK}
    assert not slow, f"{name}: (1× s, 4× s) per stage growing faster than linearly: {slow}"


def _stored_seconds(tmp_path, n: int) -> float:
    """Seconds to store one document of n agenda items and 3n figures (best of three)."""
    import time

    from extract.store import database as store
    from schemas.records import AgendaItem, Document, Extraction, Metric

    text = "".join(f"{i}. Item\nThe rate was 45% and 46% and 47%.\n" for i in range(n))
    best = float("inf")
    for attempt in range(3):
        doc = Document(id=f"doc{n}-{attempt}", source_path="x.txt", format="txt", text=text)
        items, metrics, pos = [], [], 0
        for i in range(n):
            line = f"{i}. Item\nThe rate was 45% and 46% and 47%.\n"
            items.append(AgendaItem(document_id=doc.id, char_start=pos, char_end=pos + len(line), rule_id="r",
                                    position=i + 1, number=str(i), title="Item"))
            for k in range(3):
                at = pos + line.index(f"4{5 + k}%")
                metrics.append(Metric(document_id=doc.id, char_start=at, char_end=at + 3, rule_id="r", value=45 + k,
                                      unit="percent", role="actual", subject="rate", quote=f"4{5 + k}%"))
            pos += len(line)
        db = store.connect(tmp_path / f"{n}-{attempt}.db")
        start = time.perf_counter()
        store.save_extraction(db, Extraction(document=doc, agenda_items=items, metrics=metrics), "x.txt", 1, 1)
        best = min(best, time.perf_counter() - start)
    return best


def test_storing_a_document_grows_linearly_with_its_items_and_records(tmp_path):
    small, large = _stored_seconds(tmp_path, 500), _stored_seconds(tmp_path, 2000)
    assert large < 8 * small + SLACK, f"store: {small:.3f} s for 500 items, {large:.3f} s for 2,000"
