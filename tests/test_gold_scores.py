"""The gold scores, held: per gold set and record type, F1 stays at what `make eval` measures.

The floors sit just under the measured scores (tests/gold/README.md has the tables), so a change
that loses ground on any set fails here; raise a floor when a change gains. The held-out set is
scored here too, but its misses are never read while rules are tuned.
"""

import pytest

from extract.commands.evaluate import GOLD_SETS, evaluate, load_gold, present
from extract.commands.evaluate_indicators import agreement

from .conftest import needs_shared

# Measured F1 minus 0.01. (Held-out metrics fell from 0.70 to 0.66 when a figure came to match only a
# gold figure written the same way, session 9: "3" on a page footer no longer matches a gold "three".)
FLOORS = {
    "development (seeds, real)": {"agenda_items": 0.94, "metrics": 0.93, "attendees": 0.99, "resolutions": 0.98,
                                  "actions": 0.94, "motions": 0.92, "votes": 0.99, "declarations": 0.99},
    "development (dev)": {"agenda_items": 0.85, "metrics": 0.80, "attendees": 0.96, "resolutions": 0.90,
                          "actions": 0.78, "motions": 0.90, "votes": 0.90, "declarations": 0.99},
    "held out": {"agenda_items": 0.73, "metrics": 0.65, "attendees": 0.90, "resolutions": 0.83, "actions": 0.45,
                 "motions": 0.93, "votes": 0.86},
}


@pytest.fixture(scope="module")
def scores():
    needs_shared()
    return {name: evaluate(present(load_gold(patterns))[0])[0] for name, patterns in GOLD_SETS.items()}


@pytest.mark.parametrize("gold_set, kind", [(s, k) for s, floors in FLOORS.items() for k in floors])
def test_gold_f1_holds(scores, gold_set, kind):
    assert scores[gold_set][kind].f1() >= FLOORS[gold_set][kind]


# Indicator keys on the figures the gold says measure a recurring indicator (seeds and real: the
# dev documents share no measure with another gold document). Measured 0.97, 0.94 and 0.99.
INDICATOR_FLOORS = {"keyed": 0.96, "same indicator, same key": 0.93, "different indicators, different keys": 0.98}


def test_indicator_keys_link_one_measure_and_keep_two_apart():
    needs_shared()
    links = []
    evaluate(present(load_gold(GOLD_SETS["development (seeds, real)"]))[0], links=links)
    assert len({link.document for link in links}) >= 5  # a series runs across documents
    found = agreement(links)
    for name, floor in INDICATOR_FLOORS.items():
        agreeing, compared = found[name]
        assert compared and agreeing / compared >= floor, name


TABLE_CELL_FLOORS = {"f1": 0.88, "role": 0.83}  # measured 0.89 and 0.84 on 6 table documents (tests/gold/README.md)


def test_table_cells_hold():
    from extract.commands.evaluate import GOLD_DIR, find_source
    from extract.commands.evaluate_tables import load_table_gold, score_document
    from extract.commands.scores import Score

    needs_shared()
    docs, _ = present(load_table_gold(GOLD_DIR))
    cells = Score()
    for gold in docs:
        score_document(gold, find_source(gold["id"]), cells, verbose=False)
    role, judged = cells.agree["role"]
    assert cells.f1() >= TABLE_CELL_FLOORS["f1"] and role / judged >= TABLE_CELL_FLOORS["role"]


# Issue 18: the Canadian, Irish and US development documents give their movers, seconders and results.
MOTION_DOCUMENTS = [
    "london-ontario-ca_city-council_2025-03-04", "london-ontario-ca_budget-committee_2025-03-19",
    "limerick-ie_joint-policing-committee_2023-12-08", "alameda-ca-us_pension-board-scanned_2018-07-30",
    "rtd-denver-us_board-of-directors_2022-10-25",
    pytest.param("san-diego-unified-ca-us_board-of-education-ocr-text_2000-09-05", marks=pytest.mark.xfail(
        strict=True, reason="its motions are a vote grid (members as column heads, X marks in Motion, Second and "
                            "Ayes rows) that OCR prints as 'X| X| XX' noise: no mover, seconder or tally is readable")),
]


@pytest.mark.parametrize("doc_id", MOTION_DOCUMENTS)
def test_a_documents_motions_give_their_movers_seconders_and_results(doc_id):
    needs_shared()
    docs, _ = present(load_gold(only=doc_id))
    assert docs, f"{doc_id}: no gold"
    motions = evaluate(docs)[0]["motions"]
    agreement = {field: agreed / judged for field, (agreed, judged) in motions.agree.items() if judged}
    assert motions.f1() >= 0.9 and min(agreement[f] for f in ("mover", "seconder", "result")) >= 0.75, agreement
