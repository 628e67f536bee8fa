"""Due phrases of actions → ISO due dates, resolved against the meeting date with regexes.

Convention: a due date is the LAST day by which the action is due.
- a calendar date ("by 1 April 2010", "on 13th February") → that date; a date without a year takes
  the first such date on or after the meeting;
- a year ("in 2025", "reporting back … in 2025") → 31 December of it; a financial year ("by the end of
  2024/25") → 31 March at its end;
- "early in 2024" → 31 March 2024 (end of the first quarter); "mid 2024" → 30 June; "late/later in
  2024" → 31 December;
- "in the new year" → 31 March of the year after the meeting;
- a month ("in December", "at the June meeting", a deferral "Feb") → the last day of the first such
  month on or after the meeting;
- "next week" → meeting + 7 days; "tomorrow" → meeting + 1 day; "next month" / "next month's meeting" /
  "within the next month" → last day of the following month;
- "next meeting", "a future meeting", "in due course", "in the future", "as soon as possible", "when …"
  → no date (the text is kept as due_text).
Relative phrases need the meeting date; without it they resolve to None.
"""

import calendar
import re
from datetime import date, timedelta

from extract.read.dates import MONTHS, find_dates

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = re.compile(r"\b((?:19|20)\d\d)(?:\s*/\s*(\d\d))?\b")
MONTH_WORD = re.compile(rf"\b({_MONTH_NAMES})\b", re.I)
PARTIAL_DATE = re.compile(rf"\b([0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b", re.I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_month_end(base: date, month: int) -> date:
    """Last day of the first `month` that has not ended before the meeting."""
    year = base.year if month >= base.month else base.year + 1
    return _month_end(year, month)


def resolve_due(phrase: str, meeting_date: str | None) -> str | None:
    """A due phrase ("early in 2024", "at the June meeting") → ISO date under the module's convention."""
    text = phrase.lower()
    base = date.fromisoformat(meeting_date) if meeting_date else None
    if found := find_dates(phrase):
        return found[0][2]
    if re.search(r"\bnext\s+meeting\b|\bfuture\b|\bdue\s+course\b|\bas\s+soon\s+as\b|\bwhen\b", text) \
            and not re.search(r"next\s+month", text):
        return None
    if m := PARTIAL_DATE.search(phrase):
        if base is None:
            return None
        month, day = MONTHS[m.group(2).lower()], int(m.group(1))
        try:
            candidate = date(base.year, month, day)
            return (candidate if candidate >= base else date(base.year + 1, month, day)).isoformat()
        except ValueError:
            return None
    if m := YEAR.search(text):
        year = int(m.group(1))
        if m.group(2):  # financial year 2024/25 ends 31 March 2025
            return date(year + 1, 3, 31).isoformat()
        if re.search(r"\bearly\b", text):
            return date(year, 3, 31).isoformat()
        if re.search(r"\bmid\b", text):
            return date(year, 6, 30).isoformat()
        if (month := MONTH_WORD.search(text)) is not None:
            return _month_end(year, MONTHS[month.group(1).lower()]).isoformat()
        return date(year, 12, 31).isoformat()
    if base is None:
        return None
    if "new year" in text:
        return date(base.year + 1, 3, 31).isoformat()
    if "tomorrow" in text:
        return (base + timedelta(days=1)).isoformat()
    if "next week" in text:
        return (base + timedelta(days=7)).isoformat()
    if "next month" in text or re.search(r"within\s+the\s+next\s+(?:one\s+)?month\b", text):
        following = base.replace(day=1) + timedelta(days=32)
        return _month_end(following.year, following.month).isoformat()
    if "next year" in text:
        return date(base.year + 1, 12, 31).isoformat()
    if (month := MONTH_WORD.search(text)) is not None and not re.fullmatch(r"\s*may\s*", text):
        return _next_month_end(base, MONTHS[month.group(1).lower()]).isoformat()
    return None
