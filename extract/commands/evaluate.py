"""Score the pipeline against hand-written gold (tests/gold/*.json): precision, recall, F1 per type.

Matching follows tests/gold/README.md: metrics by (value, unit) then role; attendees by surname and
first initial then status and chair; actions by their opening words; resolutions and motions by their
wording or the sentence recording them ("It was proposed by …, seconded by … and agreed to approve the
dates" holds "to approve the dates"); votes by member, vote and motion; declarations by member (a
declaration by "The Chair" is the member chairing); agenda items by title similarity (0.8) or
containment. One prediction matches at most one gold row, the closest pairs taken first. A document
with table gold has its table cells scored once, cell by cell (evaluate_tables), not as prose figures.
Run: `python -m extract.commands.evaluate [--verbose] [--only ID]`.
"""

import argparse
import json
import re
import tempfile
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from extract.commands.evaluate_indicators import Link, agreement_lines
from extract.commands.evaluate_tables import load_table_gold, score_document
from extract.commands.scores import Score, score_line
from extract.errors import MinutesError
from extract.find.person_keys import same_person
from extract.read.corpus import MISSING, SEEDS, shared_root, with_sidecar
from extract.run.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"


@cache
def _staging() -> Path:
    """Where a document and our sidecar for it are copied to be read together (made on first use)."""
    return Path(tempfile.mkdtemp(prefix="minutes-eval-"))


TYPES = ("agenda_items", "metrics", "attendees", "resolutions", "actions", "motions", "votes", "declarations")
METADATA = ("council", "committee", "meeting_date", "kind", "no_declarations")
def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9£%]+", text.lower())


def opening_matches(gold: str, predicted: str) -> bool:
    want = words(gold)[:8]
    have = set(words(predicted)[:12])
    return bool(want) and sum(w in have for w in want) >= 0.8 * len(want)


MIN_CONTAINED = 4  # an opening shorter than this ("all approved.") is found inside too many sentences


def wording_matches(gold: str, predicted: str, reach: int = 40) -> bool:
    """A motion's text is its wording or the sentence recording it (tests/gold/WRITING.md): the
    gold's opening words stand at the start of the prediction, or one's opening inside the other's
    first `reach` words ("It was proposed by …, seconded by … and agreed to approve the dates")."""
    if opening_matches(gold, predicted):
        return True
    g, p = words(gold), words(predicted)
    return any(len(a) >= MIN_CONTAINED and _contains(b[:reach], a[:8]) for a, b in ((g, p), (p, g)))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def title_matches(gold: str, predicted: str) -> bool:
    g, p = " ".join(words(gold)), " ".join(words(predicted))
    return bool(g and p) and (g in p or p in g or SequenceMatcher(None, g, p).ratio() >= 0.8)


def metric_matches(gold: dict, predicted: dict) -> bool:
    """The same value in the same unit, written the same way: "three" in one place is not "3" in another."""
    if abs(gold["value"] - predicted["value"]) > 1e-6 or gold["unit"] != predicted["unit"]:
        return False
    g, p = ("".join(row["quote"].lower().split()) for row in (gold, predicted))
    return g in p or p in g


MATCHERS = {
    "agenda_items": lambda g, p: title_matches(g, p["title"]),
    "metrics": metric_matches,
    "attendees": lambda g, p: same_person(g["name"], p["name"]),
    "resolutions": lambda g, p: wording_matches(g["text"], p["text"]),  # the decision, or the sentence recording it
    "actions": lambda g, p: opening_matches(g["text"], p["text"]),
    "motions": lambda g, p: wording_matches(g["text"], p["text"]),
    "votes": lambda g, p: (g["vote"] == p["vote"] and same_person(g["name"], p["name"])
                           and wording_matches(g["motion"], p["motion"])),
    "declarations": lambda g, p: same_person(g["name"], p["member"] or p["name"]),  # "The Chair" is who chaired
}
# Field agreement scored on matched pairs: (type, gold field, predicted field).
AGREEMENT = (("metrics", "role", "role"), ("attendees", "status", "status"), ("attendees", "is_chair", "is_chair"),
             ("motions", "result", "result"), ("motions", "mover", "mover"), ("motions", "seconder", "seconder"),
             ("motions", "votes_for", "votes_for"), ("motions", "votes_against", "votes_against"),
             ("motions", "unanimous", "unanimous"), ("declarations", "kind", "kind"))
PEOPLE_FIELDS = {"mover", "seconder"}  # agree when they name the same person, however written


def agrees(gold_field: str, gold_value, predicted_value) -> bool:
    if gold_field in PEOPLE_FIELDS and gold_value and predicted_value:
        return same_person(gold_value, predicted_value)
    return gold_value == predicted_value


WORDED = {"resolutions": "text", "actions": "text", "motions": "text"}  # kinds matched by their wording


def closeness(kind: str, gold, predicted: dict) -> float:
    """How alike a gold row and a prediction that matches it are: their first 40 words' similarity for
    worded kinds (many motions open "That, on the recommendation of the Director, …"), else 0."""
    field = WORDED.get(kind)
    if not field:
        return 0.0
    return SequenceMatcher(None, words(gold[field])[:40], words(predicted[field])[:40], autojunk=False).ratio()


def match(kind: str, gold: list, predicted: list[dict]) -> tuple[list[tuple], list, list[dict]]:
    """One-to-one matching → (pairs, unmatched gold, unmatched predictions): of the pairs that match,
    the closest are taken first, then document order, so a gold row whose own prediction is missing
    does not take a look-alike's."""
    candidates = sorted((-closeness(kind, g, p), gi, pi) for gi, g in enumerate(gold)
                        for pi, p in enumerate(predicted) if MATCHERS[kind](g, p))
    gold_hit: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in gold_hit and pi not in taken:
            gold_hit[gi] = pi
            taken.add(pi)
    pairs = [(g, predicted[gold_hit[gi]]) for gi, g in enumerate(gold) if gi in gold_hit]
    missed = [g for gi, g in enumerate(gold) if gi not in gold_hit]
    return pairs, missed, [p for pi, p in enumerate(predicted) if pi not in taken]


def find_source(doc_id: str) -> Path | None:
    """The gold document's file (with our sidecar applied), or None when the shared corpus is absent."""
    for folder in (SEEDS, shared_root()):
        hits = [p for p in folder.rglob(f"{doc_id}.*") if not p.name.endswith(".meta.json")] if folder else []
        if hits:
            return with_sidecar(hits[0], _staging() / doc_id)
    return None


@cache
def _table_gold_ids() -> frozenset[str]:
    return frozenset(d["id"] for d in load_table_gold(GOLD_DIR))


def predictions(doc_id: str) -> tuple[dict, dict[str, list[dict]]]:
    try:
        extraction = extract_document(find_source(doc_id))
    except MinutesError as exc:  # a document that cannot be read predicts nothing; a bug in a stage raises
        return {"error": f"{type(exc).__name__}: {exc}"}, {kind: [] for kind in TYPES}
    meta = extraction.document.model_dump(include=set(METADATA))
    rows = {kind: [r.model_dump() for r in getattr(extraction, kind)] for kind in TYPES}
    if doc_id in _table_gold_ids():  # its table cells are scored cell by cell against its table gold, once
        rows["metrics"] = [m for m in rows["metrics"] if m["table_position"] is None]
    wording = {m["position"]: m["text"] for m in rows["motions"]}
    for vote in rows["votes"]:
        vote["motion"] = wording[vote["motion_position"]]
    return meta, rows


# Gold sets, scored apart: what the rules were developed on, and what was held out from them.
GOLD_SETS = {
    "development (seeds, real)": ("seeds.json", "real.json"),
    "development (dev)": ("dev/*.json",),
    "held out": ("holdout/*.json",),
}


def load_gold(patterns: tuple[str, ...] = ("*.json", "dev/*.json", "holdout/*.json"), only: str | None = None) -> list[dict]:
    files = sorted({f for pattern in patterns for f in GOLD_DIR.glob(pattern)})
    docs = [d for f in files for d in json.loads(f.read_text(encoding="utf-8"))]
    return [d for d in docs if not only or d["id"].startswith(only)]


def present(gold_docs: list[dict]) -> tuple[list[dict], int]:
    """The gold documents whose files are here, and how many are not (the shared corpus is absent)."""
    here = [d for d in gold_docs if find_source(d["id"])]
    return here, len(gold_docs) - len(here)


def evaluate(gold_docs: list[dict], verbose: bool = False,
             links: list[Link] | None = None) -> tuple[dict[str, Score], dict[str, list[int]]]:
    """Scores per type and metadata accuracy; matched figures with a gold indicator go to `links`."""
    scores = {kind: Score() for kind in TYPES}
    metadata = {key: [0, 0] for key in METADATA}
    for gold in gold_docs:
        meta, predicted = predictions(gold["id"])
        for key in (k for k in metadata if k in gold):
            metadata[key][0] += meta.get(key) == gold.get(key)
            metadata[key][1] += 1
            if verbose and meta.get(key) != gold.get(key):
                print(f"{gold['id']} {key}: gold {gold.get(key)!r}, predicted {meta.get(key)!r}")
        for kind in (k for k in TYPES if k in gold):  # a key the gold lacks was not annotated
            gold_rows = gold[kind]
            pairs, missed, extra = match(kind, gold_rows, predicted[kind])
            score = scores[kind]
            score.gold += len(gold_rows)
            score.predicted += len(predicted[kind])
            score.matched += len(pairs)
            if kind == "metrics" and links is not None:
                links += [Link(gold["id"], g["indicator"], p["indicator"]) for g, p in pairs if g.get("indicator")]
            for k, gold_field, pred_field in AGREEMENT:
                if k == kind:
                    tally = score.agree.setdefault(gold_field, [0, 0])
                    for g, p in pairs:
                        agreed = agrees(gold_field, g.get(gold_field), p.get(pred_field))
                        tally[0] += agreed
                        tally[1] += 1
                        if verbose and not agreed:
                            print(f"{gold['id']} {kind} {gold_field}: gold {g.get(gold_field)!r} "
                                  f"predicted {p.get(pred_field)!r}: {_show(kind, p)}")
            if verbose:
                for g in missed:
                    print(f"{gold['id']} {kind} MISSED: {_show(kind, g)}")
                for p in extra:
                    print(f"{gold['id']} {kind} EXTRA: {_show(kind, p)}")
    return scores, metadata


def _show(kind: str, row) -> str:
    if kind == "agenda_items":
        return row if isinstance(row, str) else row["title"]
    keys = {"metrics": ("quote", "value", "unit", "role", "subject"), "attendees": ("name", "status", "role"),
            "resolutions": ("text",), "actions": ("text", "owner"),
            "motions": ("text", "mover", "seconder", "result", "votes_for", "votes_against"),
            "votes": ("name", "vote", "motion"), "declarations": ("name", "interest", "kind")}[kind]
    return " | ".join(str(row.get(k))[:90] for k in keys)


HEADER = f"{'type':<14}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}  agreement on matches"


def report(scores: dict[str, Score], metadata: dict[str, list[int]], n_docs: int) -> str:
    lines = [f"{n_docs} gold documents", HEADER]
    lines += [score_line(kind, s) for kind, s in scores.items()]
    lines.append("metadata accuracy: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in metadata.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra prediction")
    parser.add_argument("--only", help="only gold documents whose id starts with this")
    args = parser.parse_args()
    links: list[Link] = []  # over the development sets together: a series runs across their documents
    for name, patterns in GOLD_SETS.items():
        gold_docs, absent = present(load_gold(patterns, args.only))
        if absent:
            print(f"{name}: {absent} gold documents skipped: {MISSING}")
        if gold_docs:
            print(f"== {name}")
            print(report(*evaluate(gold_docs, args.verbose, links if name.startswith("development") else None),
                         len(gold_docs)))
    if links:
        print("== development (seeds, real, dev)")
        print("\n".join(agreement_lines(links)))
    table_docs, absent = present(load_table_gold(GOLD_DIR, args.only))
    if absent:
        print(f"tables: {absent} table gold documents skipped: {MISSING}")
    if table_docs:
        cells = Score()
        for gold in table_docs:
            score_document(gold, find_source(gold["id"]), cells, args.verbose)
        print(f"== tables (whole tables, cell by cell: {sum(len(d['tables']) for d in table_docs)} tables in "
              f"{len(table_docs)} documents)")
        print(HEADER)
        print(score_line("table cells", cells))


if __name__ == "__main__":
    main()
