"""Database → the indicator keys it holds, with their subjects, counts, councils and years, so a
researcher can find a series without knowing its key (`minutes indicators [QUERY]`)."""

import json
import re
import sqlite3
from dataclasses import dataclass

from extract.find.metrics.indicators import indicators, keys_for

MAX_SUBJECTS = 3  # the most frequent ways the documents word the measure


@dataclass(frozen=True)
class IndicatorSummary:
    key: str
    label: str | None  # the preferred name, for a known national indicator
    figures: int
    documents: int  # a key in two or more documents is a series across them
    units: tuple[str, ...]
    councils: tuple[str, ...]
    first_year: str | None  # of the periods (or, undated, the meetings) its figures are for
    last_year: str | None
    subjects: tuple[str, ...]


def summarise_indicators(conn: sqlite3.Connection, query: str | None = None) -> list[IndicatorSummary]:
    """Every indicator key with figures, those in most documents first; with `query`, those it names (a key, a
    label's words, a phrasing) or whose key or figures' subjects contain its words."""
    where, params = "m.indicator is not null", []
    if query and query.strip():
        escaped = "%" + re.sub(r"([\\%_])", r"\\\1", " ".join(query.lower().split())) + "%"
        named = keys_for(query)
        where += (" and (m.indicator in (select value from json_each(?)) or lower(m.indicator) like ? escape '\\'"
                  " or m.indicator in (select indicator from metrics where lower(subject) like ? escape '\\'))")
        params += [json.dumps(named), escaped.replace(" ", "\\_"), escaped]  # keys join words with _
    rows = conn.execute(
        "select m.indicator, count(*), count(distinct m.document_id), group_concat(distinct m.unit),"
        " group_concat(distinct d.council),"
        " min(substr(coalesce(m.period_start, d.meeting_date), 1, 4)),"
        " max(substr(coalesce(m.period_start, d.meeting_date), 1, 4))"
        f" from metrics m join documents d on d.id = m.document_id where {where}"
        " group by m.indicator order by count(distinct m.document_id) desc, count(*) desc, m.indicator", params).fetchall()
    labels = {i.key: i.label for i in indicators()}
    return [IndicatorSummary(key, labels.get(key), n, documents, _split(units), _split(councils), first, last,
                             _subjects(conn, key)) for key, n, documents, units, councils, first, last in rows]


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(joined.split(","))) if joined else ()


def _subjects(conn: sqlite3.Connection, key: str) -> tuple[str, ...]:
    rows = conn.execute("select subject from metrics where indicator = ? group by lower(subject) "
                        "order by count(*) desc, subject limit ?", [key, MAX_SUBJECTS]).fetchall()
    return tuple(subject for (subject,) in rows)


def render_indicators(found: list[IndicatorSummary]) -> str:
    lines = []
    for s in found:
        years = s.first_year if s.first_year == s.last_year else f"{s.first_year or '?'}–{s.last_year or '?'}"
        label = f" ({s.label})" if s.label else ""
        lines.append(f"{s.key}{label}: {s.figures} figure{'s' if s.figures > 1 else ''} in {', '.join(s.units)}, "
                     f"{s.documents} document{'s' if s.documents > 1 else ''}; "
                     f"{', '.join(s.councils) or 'council not stated'}; {years if s.first_year else 'undated'}")
        lines.append("    worded: " + " | ".join(" ".join(subject.split()) for subject in s.subjects))
    return "\n".join(lines)
