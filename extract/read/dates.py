"""Calendar dates written in UK (and US) minutes → ISO strings, with compiled regexes.

Day-month order is the default ("25 July 2023", "13th May 2019", "27/07/2021"); the month-first
form ("January 12, 2011") is read only when the month name comes first, and "1/12/2021" is 12 January
only in a document that writes its dates month-first (`writes_month_first`).
"""

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DAY_MONTH_YEAR = (_WEEKDAY + r"(?:the\s+)?(?P<day>[0-3]?\d)\s*(?:st|nd|rd|th|[\"\u201d](?=\s))?(?:\s+day)?\s+(?:of\s+)?"
                  + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")
MONTH_DAY_YEAR = _WEEKDAY + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,\s*(?P<year>(?:19|20)\d\d)\b"
NUMERIC = r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)\b"
PATTERNS = [re.compile(p, re.I) for p in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC)]


def parse_date_match(match: re.Match, month_first: bool = False) -> str | None:
    """A match of one of PATTERNS → ISO date, or None if it is not a real calendar date; `month_first`
    reads a numeric date as month/day/year."""
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    day = int(match.group("day"))
    if month_first and month_text.isdigit():
        day, month = month, day
    year = int(match.group("year"))
    year = year + 2000 if year < 100 else year
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, month_first: bool = False) -> list[tuple[int, int, str]]:
    """Every full calendar date in `text` → (start, end, ISO date), in text order, no overlaps."""
    found: list[tuple[int, int, str]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            iso = parse_date_match(match, month_first)
            if iso and not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), iso))
    return sorted(found)


def writes_month_first(text: str) -> bool:
    """Whether a document writes its dates the American way: "January 12, 2021" and never "12 January 2021"."""
    return PATTERNS[1].search(text) is not None and PATTERNS[0].search(text) is None


# Every written form as one group-free regex, for embedding in rule patterns as {DATE}.
ANY_DATE = "(?i:" + re.sub(r"\(\?P<\w+>", "(?:", f"(?:{DAY_MONTH_YEAR})|(?:{MONTH_DAY_YEAR})|(?:{NUMERIC})") + ")"
