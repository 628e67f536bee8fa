"""A document's records → checks: where the database should say it is unsure of what it read.

Each finding is computed from what the other stages produced (no rereading): pages OCR'd with low
confidence, a long document read as one agenda item, minutes with no attendance, a resolution
running over the next heading, table figures with no unit, two values for one measure and period,
a date outside a meeting's plausible range. Thresholds and messages: rules/checks.yaml.
"""

import re
from bisect import bisect_left, bisect_right
from functools import cache

from extract.rules import load_yaml
from schemas.records import Action, AgendaItem, Attendee, Check, Document, Metric, Page, Resolution

RULE_FILE = "checks.yaml"


@cache
def _rules() -> dict:
    return load_yaml(RULE_FILE)["checks"]


def _check(doc: Document, code: str, start: int | None = None, end: int | None = None, **facts) -> Check:
    return Check(document_id=doc.id, code=code, message=_rules()[code]["message"].format(**facts),
                 char_start=start, char_end=end, page=doc.page_at(start) if start is not None else None,
                 rule_id=f"check.{code}")


def _ocr(doc: Document, pages: list[Page]) -> list[Check]:
    floor = _rules()["ocr_low_confidence"]["min_confidence"]
    return [_check(doc, "ocr_low_confidence", p.char_start, p.char_end, page=p.number, confidence=p.ocr_confidence)
            for p in pages if p.text_source == "ocr" and p.ocr_confidence is not None and p.ocr_confidence < floor]


def _structure(doc: Document, items: list[AgendaItem], attendees: list[Attendee]) -> list[Check]:
    out = []
    if len(doc.text) >= _rules()["one_item_long_document"]["min_chars"] and len(items) <= 1:
        out.append(_check(doc, "one_item_long_document", chars=len(doc.text)))
    if doc.kind == "minutes" and not attendees:
        out.append(_check(doc, "minutes_without_attendance"))
    return out


def _over_headings(doc: Document, items: list[AgendaItem], resolutions: list[Resolution]) -> list[Check]:
    starts = [i.char_start for i in items]
    out = []
    for r in resolutions:
        inside = items[bisect_right(starts, r.char_start):bisect_left(starts, r.char_end)]
        if inside:
            out.append(_check(doc, "resolution_over_heading", r.char_start, r.char_end,
                              number=inside[0].number or inside[0].title[:40]))
    return out


BARE_NUMBER = re.compile(r"\(?-?[\d,]*\d(?:\.\d+)?\)?")
WORD = re.compile(r"[^\W\d_]{2,}")
NEWLINE = re.compile("\n")
NUMBER_TOKEN = re.compile(r"(?<![\w.])\(?-?\d[\d,]*(?:\.\d+)?\)?(?![\w.])")


def _unitless_table_figures(doc: Document, metrics: list[Metric]) -> list[Check]:
    """Per page, the bare-number counts that stand in table rows: lines of several figures and few words."""
    rule = _rules()["table_figures_without_unit"]
    breaks = [m.start() for m in NEWLINE.finditer(doc.text)]
    row_like: dict[int, bool] = {}  # line number → whether it reads as a table row, decided once per line
    by_page: dict[int | None, list[Metric]] = {}
    for m in metrics:
        if m.unit != "count" or not BARE_NUMBER.fullmatch(m.quote):
            continue
        line = bisect_left(breaks, m.char_start)
        if line not in row_like:
            start = breaks[line - 1] + 1 if line else 0
            end = breaks[line] if line < len(breaks) else len(doc.text)
            figures, words = len(NUMBER_TOKEN.findall(doc.text, start, end)), len(WORD.findall(doc.text, start, end))
            row_like[line] = figures >= rule["min_figures_in_row"] and figures * rule["words_per_figure"] >= words
        if row_like[line]:
            by_page.setdefault(m.page, []).append(m)
    return [_check(doc, "table_figures_without_unit", found[0].char_start, found[-1].char_end,
                   where=f"page {page}" if page else "the document", figures=len(found))
            for page, found in by_page.items()]


def _conflicts(doc: Document, metrics: list[Metric]) -> list[Check]:
    """Two actual values stated for one indicator, period and unit in one document."""
    first: dict[tuple, Metric] = {}
    out = []
    for m in metrics:
        if m.indicator is None or m.period is None or m.role != "actual" or m.period_inferred:
            continue
        key = (m.indicator, m.period, m.unit)
        seen = first.setdefault(key, m)
        if seen is not m and seen.value != m.value:
            out.append(_check(doc, "conflicting_values", m.char_start, m.char_end, indicator=m.indicator,
                              period=m.period, first=m.quote, second=seen.quote, other_start=seen.char_start))
    return out


def _dates(doc: Document, metrics: list[Metric], actions: list[Action]) -> list[Check]:
    if not doc.meeting_date:
        return []
    rules = _rules()["date_out_of_range"]
    meeting_year = int(doc.meeting_date[:4])
    low, high = f"{rules['earliest_year']:04d}", f"{meeting_year + rules['years_after_meeting']:04d}-12-31"
    dated = [(m, "the period", m.period_start) for m in metrics if m.period_start]
    dated += [(a, "the due date", a.due_date) for a in actions if a.due_date]
    return [_check(doc, "date_out_of_range", r.char_start, r.char_end, what=what, when=when,
                   meeting=doc.meeting_date) for r, what, when in dated if not low <= when <= high]


def find_checks(doc: Document, pages: list[Page], items: list[AgendaItem], attendees: list[Attendee],
                resolutions: list[Resolution], metrics: list[Metric], actions: list[Action]) -> list[Check]:
    """Every finding for one document, in the order the checks are listed."""
    return (_ocr(doc, pages) + _structure(doc, items, attendees) + _over_headings(doc, items, resolutions)
            + _unitless_table_figures(doc, metrics) + _conflicts(doc, metrics) + _dates(doc, metrics, actions))
