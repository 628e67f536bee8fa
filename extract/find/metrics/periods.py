"""Period expressions → labelled ISO extents: "2015/16" → 2015-04-01..2016-03-31.

Candidates are found with the compiled regexes of rules/periods.yaml; UK forms (financial years,
"period ending …", bare months inside a reporting year) are resolved here. dateparser is called
only for relative phrases the regexes cannot resolve ("as of last week"), once per distinct string
and base date, with English and day-first settings. This is the one module that calls it.
"""

import calendar
import re
from bisect import bisect_right
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from extract.find.metrics.matcher import Literals, scan, triggers
from extract.read.dates import MONTHS
from extract.rules import compile_pattern, load_yaml, require

RULE_FILE = "periods.yaml"
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "sept")
PLACEHOLDERS = {
    "MONTH": r"(?P<{name}>" + "|".join(_MONTH_NAMES) + r")",
    "YEAR": r"(?P<{name}>(?:19|20)\d\d)",
    "DAY": r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?",
    "FY": r"(?P<{name}>(?:19|20)\d\d)\s*[/-]\s*(?P<{name}_end>(?:19|20)?\d\d)",
    "YY": r"(?P<{name}>\d\d)(?![\d/:])",  # a year written short after a month: "Mar 24"
    # a month, short forms too ("Dec"): only where the pattern around it makes a month certain
    "MON": r"(?P<{name}>" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in _MONTH_NAMES[:12]) + r"|sept)\b",
}


class Period(NamedTuple):
    label: str  # as a reader would write it: "2015/16", "March 2016", "last week"
    start: str | None  # ISO dates; None when the extent is unknown
    end: str | None
    char_start: int = 0  # where the expression was read (offsets into the searched text)
    char_end: int = 0
    kind: str = ""


def expand(pattern: str) -> str:
    """Replace {MONTH} {YEAR} {DAY} {FY} {YY} with named groups: month, month2, year, year2 …"""
    seen: dict[str, int] = {}

    def group(match: re.Match) -> str:
        key = match.group(1)
        name = {"MON": "month"}.get(key, key.lower())
        seen[name] = seen.get(name, 0) + 1
        name += str(seen[name]) if seen[name] > 1 else ""
        return PLACEHOLDERS[key].replace("{name}", name)

    return re.sub(r"\{(MONTH|YEAR|DAY|FY|YY|MON)\}", group, pattern)


@cache
def _rules():
    rules = load_yaml(RULE_FILE)
    patterns = []
    for entry in rules["patterns"]:
        require(RULE_FILE, entry, "id", "kind", "pattern")
        compiled = compile_pattern(RULE_FILE, {**entry, "pattern": expand(entry["pattern"])})
        patterns.append((entry["id"], entry["kind"], compiled, bool(entry.get("headers_only"))))
    documents = []
    for entry in rules["document_period"]:
        require(RULE_FILE, entry, "id", "pattern")
        documents.append((entry["id"], compile_pattern(RULE_FILE, {**entry, "pattern": expand(entry["pattern"])})))
    return patterns, documents


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def financial_year(first: int) -> Period:
    """UK financial year starting in April of `first`: 2015 → '2015/16', 2015-04-01..2016-03-31."""
    return Period(f"{first}/{(first + 1) % 100:02d}", date(first, 4, 1).isoformat(), date(first + 1, 3, 31).isoformat())


def month_period(year: int, month: int) -> Period:
    return Period(f"{calendar.month_name[month]} {year}", date(year, month, 1).isoformat(), _month_end(year, month).isoformat())


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _fy_first(match: re.Match) -> int | None:
    """'2015/16' → 2015 when the second year follows the first; None for '2022/2024' or '2016/15'."""
    first, second = int(match.group("fy")), match.group("fy_end")
    follows = int(second) == first + 1 if len(second) == 4 else int(second) == (first + 1) % 100
    return first if follows else None


def _month_in(month: int, reference: "Period | None") -> int | None:
    """Year of a bare month: the one inside the reference period, else the one nearest its end
    ("October" in a report on the period ending September 2023 is October 2023)."""
    if reference is None or reference.start is None or reference.end is None:
        return None
    start, end = date.fromisoformat(reference.start), date.fromisoformat(reference.end)
    years = (end.year - 1, end.year, end.year + 1)
    inside = [y for y in years if start <= _month_end(y, month) and date(y, month, 1) <= end]
    if inside:
        return inside[-1]
    return min(years, key=lambda y: (abs((date(y, month, 15) - end).days), y))


def _month_before(month: int, meeting_date: str) -> int:
    day = date.fromisoformat(meeting_date)
    return day.year if month <= day.month else day.year - 1


def previous_of(period: "Period | None") -> "Period | None":
    """The same span a year earlier: 2015/16 → 2014/15, September 2023 → September 2022."""
    if period is None or period.start is None or period.end is None:
        return None
    start, end = date.fromisoformat(period.start), date.fromisoformat(period.end)
    if re.fullmatch(r"\d{4}/\d\d", period.label):
        return financial_year(start.year - 1)
    if m := re.fullmatch(r"Q([1-4]) (\d{4})/\d\d", period.label):
        first = int(m.group(2)) - 1
        return Period(f"Q{m.group(1)} {financial_year(first).label}", start.replace(year=start.year - 1).isoformat(),
                      end.replace(year=end.year - 1).isoformat())
    if start.day == 1 and end == _month_end(start.year, start.month):
        return month_period(start.year - 1, start.month)
    return Period(f"{period.label} (previous year)", start.replace(year=start.year - 1).isoformat(),
                  (end - timedelta(days=365)).isoformat())


@lru_cache(maxsize=4096)
def parse_dates(phrase: str, base: str | None = None) -> tuple[str, ...]:
    """dateparser, once per distinct (phrase, base): English, day-first, relative to the base date.
    → the ISO date it names, as a 1-tuple, or () when it names none."""
    import dateparser  # slow to import: only when a phrase needs it

    settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return (parsed.date().isoformat(),) if parsed else ()


def _resolve(kind: str, m: re.Match, reference: "Period | None", meeting_date: str | None,
             day: int | None = None) -> Period | None:
    text = " ".join(m.group(0).split())
    g = m.groupdict()
    if kind == "financial_year":
        first = _fy_first(m)
        return financial_year(first) if first is not None else None
    if kind == "month_range":
        if g.get("yy"):  # "Jan – Mar 24": one short year, the start's the year before if its month is later
            end_year = 2000 + int(g["yy"])
            start_year = end_year - (_month(g["month"]) > _month(g["month2"]))
        else:
            start_year, end_year = int(g["year"]), int(g["year2"])
        start = date(start_year, _month(g["month"]), 1)
        end = _month_end(end_year, _month(g["month2"]))
        if start.month == 4 and end.month == 3 and end.year == start.year + 1:
            return financial_year(start.year)
        label = f"{calendar.month_name[start.month]} {start.year} to {calendar.month_name[end.month]} {end.year}"
        return Period(label, start.isoformat(), end.isoformat()) if start <= end else None
    if kind == "month_year" and day is not None:
        try:
            when = date(int(g["year"]), _month(g["month"]), day)
        except ValueError:
            return None
        return Period(f"{when.day} {calendar.month_name[when.month]} {when.year}", when.isoformat(), when.isoformat())
    if kind == "months_to":  # "12m to Dec 24", "12 months to December 2024", "Quarter to Sep 24"
        months = 3 if text.lower().startswith("quarter") else 12
        year, month = int(g["year"]) if g.get("year") else 2000 + int(g["yy"]), _month(g["month"])
        first = year * 12 + month - months  # months since year 0 of the month before the first
        start = date(first // 12, first % 12 + 1, 1)
        label = f"{'quarter' if months == 3 else '12 months'} to {calendar.month_name[month]} {year}"
        return Period(label, start.isoformat(), _month_end(year, month).isoformat())
    if kind in ("period_ending", "month_year"):
        return month_period(int(g["year"]), _month(g["month"]))
    if kind == "quarter":
        first = _fy_first(m) if g.get("fy") else None
        if first is None and reference and re.fullmatch(r"\d{4}/\d\d", reference.label):
            first = int(reference.label[:4])
        q = int(g["quarter"])
        if first is None:
            return Period(f"Q{q}", None, None)
        start_month = 4 + 3 * (q - 1)
        year = first + (start_month > 12)
        start_month = (start_month - 1) % 12 + 1
        label = f"Q{q} {financial_year(first).label}"
        return Period(label, date(year, start_month, 1).isoformat(), _month_end(year, start_month + 2).isoformat())
    if kind == "month":  # the latest such month by the meeting, else the one in the reporting period
        month = _month(g["month"] or g["month2"])
        year = _month_before(month, meeting_date) if meeting_date else _month_in(month, reference)
        return month_period(year, month) if year else Period(calendar.month_name[month], None, None)
    if kind == "calendar_year":
        year = int(g["year"])
        return Period(str(year), date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat())
    if kind == "previous_year":
        return previous_of(reference) or Period(text, None, None)
    if kind == "reporting_year":
        return reference
    if kind == "relative":
        phrase = re.sub(r"^(?:as\s+(?:of|at)|at)\s+|^the\s+", "", text, flags=re.I)
        day = parse_dates(phrase, meeting_date) if meeting_date else ()
        return Period(text, *(day * 2 or (None, None)))
    return None


DAY_BEFORE = re.compile(r"(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?\Z")


class Raw(NamedTuple):
    start: int
    end: int
    kind: str
    match: re.Match
    day: int | None


def scan_periods(lower: str | Literals, headers: bool = False) -> list[Raw]:
    """Every period expression in a lower-cased text, unresolved, in text order. Overlaps go to the
    rule listed first; each pattern is tried only where its leading words occur. `headers`: a table
    header's text, where the short forms ("Jan – Mar 24", "12m to Dec 23") are read too."""
    literals = lower if isinstance(lower, Literals) else Literals(lower)
    chunk, start = literals.source, 0
    patterns, _ = _rules()
    spans: list[tuple[int, int]] = []
    found: list[Raw] = []
    for _rule_id, kind, pattern, headers_only in patterns:
        if headers_only and not headers:
            continue  # "Jan – Mar 24" is a period in a table's header; in prose "May 24" is a day
        for m in scan(pattern, literals, triggers(pattern.pattern)):
            s, e, day = m.start(), m.end(), None
            if kind == "month_year" and (d := DAY_BEFORE.search(chunk, max(0, s - 16), s)):
                s, day = d.start(), int(d.group("day"))
            i = bisect_right(spans, (s, e))
            if (i and spans[i - 1][1] > s) or (i < len(spans) and spans[i][0] < e):
                continue
            spans.insert(i, (s, e))
            found.append(Raw(start + s, start + e, kind, m, day))
    return sorted(found, key=lambda r: r.start)


def resolve(raws: list[Raw], reference: Period | None = None, meeting_date: str | None = None) -> list[Period]:
    """Raw period expressions → Periods; `reference` (the reporting period) places bare months and
    "last year", the meeting date is the base for relative phrases."""
    found = []
    for raw in raws:
        period = _resolve(raw.kind, raw.match, reference, meeting_date, raw.day)
        if period is not None:
            found.append(period._replace(char_start=raw.start, char_end=raw.end, kind=raw.kind))
    return found


def find_periods(text: str, start: int = 0, end: int | None = None, reference: Period | None = None,
                 meeting_date: str | None = None, headers: bool = False) -> list[Period]:
    """Every period expression in text[start:end] → Periods with offsets into `text`, in order;
    an empty list if there is none. `headers`: the text is a table's header (see `scan_periods`)."""
    end = len(text) if end is None else end
    raws = scan_periods(text[start:end].lower(), headers)
    return [p._replace(char_start=p.char_start + start, char_end=p.char_end + start)
            for p in resolve(raws, reference, meeting_date)]


def period_statements(text: str | Literals, meeting_date: str | None = None) -> list[tuple[int, int, Period]]:
    """Every statement of the period a document (or a part of it) reports on → (rule rank, offset,
    period), in rule order then text order (rules/periods.yaml `document_period`)."""
    _, documents = _rules()
    literals = text if isinstance(text, Literals) else Literals(text.lower())
    found = []
    for rank, (_rule_id, pattern) in enumerate(documents):
        for m in scan(pattern, literals, triggers(pattern.pattern)):
            periods = find_periods(literals.source, m.start("period"), m.end("period"), meeting_date=meeting_date)
            if periods:
                found.append((rank, m.start("period"), periods[0]))
    return sorted(found, key=lambda f: (f[0], f[1]))


def document_period(text: str | Literals, meeting_date: str | None = None, start: int = 0,
                    end: int | None = None) -> Period | None:
    """The period text[start:end] reports on, from its first statement of it; None when it does not say."""
    end = len(text.source if isinstance(text, Literals) else text) if end is None else end
    return next((p for _, at, p in period_statements(text, meeting_date) if start <= at < end), None)
