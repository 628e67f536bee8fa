"""Score table cells against table gold (tests/gold/tables/*.json): whole tables, cell by cell.

A gold table lists its rows' cells (row label, column label, value, unit, role, period). The
predictions scored are the metrics of one of its rows (their line opens with its label, or their
own row label does), on its page: each must be a cell of that row (same value and unit), or it is
a false positive (a label's number read as a figure, an axis tick); each gold cell not found is a miss. On matched
cells, agreement on role, column and period. Rows whose label wraps over lines above their figures
are misses when no line opens with the label.
"""

import json
import re

from extract.commands.scores import Score
from extract.find.metrics.periods import find_periods
from extract.run.pipeline import extract_document

TABLE_GOLD = "tables/*.json"


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _same_value(gold: dict, metric) -> bool:
    return abs(gold["value"] - metric.value) <= 1e-6 * max(1.0, abs(gold["value"])) and gold["unit"] == metric.unit


def _agrees(key: str, gold: dict, metric) -> bool:
    if key == "role":
        return gold.get("role") == metric.role
    if key == "column":
        g, p = _words(gold.get("column")), _words(metric.column_label)
        return bool(g and p) and (g in p or p in g)
    read = find_periods(gold["period"], headers=True)  # "Jan – Mar 24" is "January 2024 to March 2024": compare the dates
    if read and read[0].start:
        return (read[0].start, read[0].end) == (metric.period_start, metric.period_end)
    g, p = _words(gold.get("period")), _words(metric.period)
    return g == p or bool(g and p) and (g in p or p in g)


def score_document(gold_doc: dict, source, score: Score, verbose: bool) -> None:
    extraction = extract_document(source)
    text = extraction.document.text
    for table in gold_doc["tables"]:
        rows: dict[str, list[dict]] = {}
        for cell in table["cells"]:
            rows.setdefault(_words(cell["row"]), []).append(cell)
        by_row: dict[str, list] = {label: [] for label in rows}
        for metric in (m for m in extraction.metrics if m.page == table["page"]):
            # the words its line opens with, or its own row label (a table printed one cell to a line)
            opening = (_words(_line(text, metric.char_start)), _words(metric.row_label))
            # the longest label either opens with: "Total" is not the row "Total Expenditure"
            label = max((label for label in rows if label and any(o.startswith(label) for o in opening)), key=len,
                        default=None)
            if label is not None:
                by_row[label].append(metric)
        for label, cells in rows.items():
            mine = by_row[label]
            score.gold += len(cells)
            score.predicted += len(mine)
            unmatched = list(cells)
            for metric in mine:
                gold = next((c for c in unmatched if _same_value(c, metric)), None)
                if gold is None:
                    if verbose:
                        print(f"{gold_doc['id']} p.{table['page']} EXTRA: {metric.quote} {metric.value} {metric.unit} "
                              f"| {label[:50]}")
                    continue
                unmatched.remove(gold)
                score.matched += 1
                for key in ("role", "column", "period"):
                    if key == "period" and not gold.get("period"):
                        continue  # the table states none: the document's reporting period is no disagreement
                    tally = score.agree.setdefault(key, [0, 0])
                    agreed = _agrees(key, gold, metric)
                    tally[0] += agreed
                    tally[1] += 1
                    if verbose and not agreed:
                        print(f"{gold_doc['id']} p.{table['page']} {key}: gold {gold.get(key)!r} predicted "
                              f"{getattr(metric, {'column': 'column_label'}.get(key, key))!r} | {label[:50]}")
            for gold in unmatched if verbose else []:
                print(f"{gold_doc['id']} p.{table['page']} MISSED: {gold['quote']} {gold['value']} {gold['unit']} "
                      f"| {label[:50]} | {gold.get('column')}")


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end != -1 else len(text)]


def load_table_gold(gold_dir, only: str | None = None) -> list[dict]:
    docs = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(gold_dir.glob(TABLE_GOLD))]
    return [d for d in docs if not only or d["id"].startswith(only)]
