"""Database → one indicator's values across councils and years, oldest first, each with its sources.

QUERY is an indicator key ("csc_re_referrals") or words ("re-referral") matched against the keys,
labels and phrasings of rules/indicators.yaml; words that name no indicator are matched against
metric subjects instead. The same figure (council, indicator, period, value, unit, role) read from
two documents of one meeting (a web page and the printed minutes) is one point with both sources.
"""

import csv
import io
import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field

from extract.find.metrics.indicators import keys_for

COLUMNS = ("series", "council", "period", "value", "unit", "role", "indicator", "subject", "source")


@dataclass
class Point:
    council: str | None
    indicator: str | None
    period: str | None
    period_start: str | None
    value: float
    unit: str
    role: str
    subject: str
    meeting_date: str | None
    sources: list[dict] = field(default_factory=list)  # {"document": path, "page": n | None}

    @property
    def series(self) -> str:
        """The measure this point belongs to: its indicator (or, unkeyed, its subject) in its unit.
        A query's figures in £, % and counts are several series, never one line."""
        return f"{self.indicator or self.subject.lower()} ({self.unit})"

    def source_text(self) -> str:
        return "; ".join(s["document"] + (f" p.{s['page']}" if s["page"] else "") for s in self.sources)


def _keys(conn: sqlite3.Connection, query: str) -> list[str]:
    """The keys a query names: canonical ones (rules/indicators.yaml), or a key built from subjects
    typed as `minutes indicators` printed it ("re_referral_to_social_care:percent")."""
    if keys := keys_for(query):
        return keys
    typed = query.strip()
    return [typed] if conn.execute("select 1 from metrics where indicator = ? limit 1", [typed]).fetchone() else []


def _rows(conn: sqlite3.Connection, query: str, role: str | None, council: str | None) -> list[sqlite3.Row]:
    keys = _keys(conn, query)
    if keys:
        where, params = f"m.indicator in ({', '.join('?' for _ in keys)})", list(keys)
    else:
        escaped = re.sub(r"([\\%_])", r"\\\1", query.lower())  # "%" and "_" are the words typed, not wildcards
        where, params = "lower(m.subject) like ? escape '\\'", [f"%{escaped}%"]
    if role:
        where += " and m.role = ?"
        params.append(role)
    if council:  # the stored short form ("Kent"), or the full name the council gives itself
        where += " and (lower(d.council) = lower(?) or lower(?) like lower(d.council) || ' %')"
        params += [council, council]
    conn.row_factory = sqlite3.Row
    return conn.execute(
        "select m.value, m.unit, m.role, m.subject, m.indicator, m.period, m.period_start, m.page,"
        " m.document_id, d.council, d.meeting_date, d.source_path"
        f" from metrics m join documents d on d.id = m.document_id where {where}"
        " order by d.source_path, m.char_start", params).fetchall()


def _key(row: sqlite3.Row) -> tuple:
    """One point per figure: a figure with no period is only the same within one meeting."""
    when = row["period_start"] or row["period"] or ("meeting", row["meeting_date"] or row["document_id"])
    return (row["council"], row["indicator"] or row["subject"].lower(), when, round(row["value"], 6),
            row["unit"], row["role"])


class EmptyQuery(ValueError):
    """A series query with no words: it would match every figure."""


def find_points(conn: sqlite3.Connection, query: str, role: str | None = None,
                council: str | None = None) -> list[Point]:
    """The matching metrics as points, duplicates merged, series by series, each oldest first
    (undated points last)."""
    if not query.strip():
        raise EmptyQuery("give an indicator key or words naming the measure (an empty query would match every figure)")
    points: dict[tuple, Point] = {}
    for row in _rows(conn, query, role, council):
        point = points.get(_key(row))
        if point is None:
            point = points[_key(row)] = Point(
                council=row["council"], indicator=row["indicator"], period=row["period"],
                period_start=row["period_start"], value=row["value"], unit=row["unit"], role=row["role"],
                subject=row["subject"], meeting_date=row["meeting_date"])
        source = {"document": row["source_path"], "page": row["page"]}
        if source not in point.sources:
            point.sources.append(source)
    return sorted(points.values(), key=lambda p: (p.series, p.period_start or p.meeting_date or "9999",
                                                  p.council or "", p.role, p.value))


def _value(value: float) -> str:
    """The stored figure exactly, never rounded: 16995.84, not 16995.8; 1234567.89, not 1.23457e+06."""
    return str(int(value)) if value == int(value) else repr(value)


def as_rows(points: list[Point]) -> list[dict]:
    return [{"series": p.series, "council": p.council or "", "period": p.period or "", "value": _value(p.value), "unit": p.unit,
             "role": p.role, "indicator": p.indicator or "", "subject": p.subject, "source": p.source_text()}
            for p in points]


def render_table(points: list[Point]) -> str:
    """One block per series, headed by its name and how many points it has."""
    rows = as_rows(points)
    shown = COLUMNS[1:]  # the series heads its block
    widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in shown}
    lines = []
    for series in dict.fromkeys(r["series"] for r in rows):
        block = [r for r in rows if r["series"] == series]
        lines += ["" if lines else None, f"== {series}: {len(block)} point{'s' if len(block) > 1 else ''}",
                  "  ".join(c.ljust(widths[c]) for c in shown).rstrip()]
        lines += ["  ".join(r[c].ljust(widths[c]) for c in shown).rstrip() for r in block]
    return "\n".join(line for line in lines if line is not None)


def render_csv(points: list[Point]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(as_rows(points))
    return out.getvalue()


def render_json(points: list[Point]) -> str:
    return json.dumps([{"series": p.series, **asdict(p)} for p in points], indent=2, ensure_ascii=False)
