"""A table's header → its columns: the role words and periods it names ("Budget £m", "2023/24",
"Q3 Forecast"), how its words group into as many columns as the rows hold figures, and the role
a period-only column takes. Rules: rules/tables.yaml (read by table_rules)."""

import re

from extract.find.metrics.periods import find_periods
from extract.find.table_rules import MAX_LABEL_FIGURES, PROSE_WORD, YEAR, Column, Rules


def read_columns(line: str, rules: Rules) -> list[list[Column]]:
    """The column labels a header line names, in order (role words and periods), in each way they
    can be read as columns (`segmentations`)."""
    found = [(m.start(), m.end(), Column(m.group(), role, rule_id)) for pattern, role, rule_id in rules.columns
             for m in pattern.finditer(line)]
    found += [(p.char_start, p.char_end, Column(line[p.char_start:p.char_end], None, "column.period", period=p))
              for p in find_periods(line, headers=True)]
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, Column]] = []
    for start, end, column in found:  # overlapping names: the first, longest, wins
        if kept and start < kept[-1][1]:
            continue
        if kept and (joined := _joined(line, kept[-1], (start, end, column), rules)):
            kept[-1] = joined
            continue
        kept.append((start, end, column))
    return [_with_units(line, reading, rules) for reading in segmentations(kept, line, rules.modifiers)]


def _with_units(line: str, kept: list[tuple[int, int, Column]], rules: Rules) -> list[Column]:
    columns = []
    for i, (_, end, column) in enumerate(kept):  # a unit written straight after a label is its column's
        until = kept[i + 1][0] if i + 1 < len(kept) else len(line)
        unit = next(((u, mult, uid) for pattern, u, mult, uid in rules.units
                     if (m := pattern.match(line[end:until].lstrip(" ("))) and m.start() == 0), None)
        columns.append(Column(column.label, column.role, column.rule_id, column.period, unit))
    return columns


def _words_of(label: str) -> str:
    return " ".join(label.lower().split())


def segmentations(columns: list[tuple[int, int, Column]], line: str,
                  modifiers: frozenset[str]) -> list[list[tuple[int, int, Column]]]:
    """Ways to read a header's labels as columns, most literal first: as found; a period joined to the
    label after it ("Q1 Forecast"), then a qualifying word joined to the label after it too ("Current
    Budget"), or alone; a period joined to the label before it ("Balance 2022/23"). The
    first whose count is the row's cells is taken, so the number of cells decides what the words
    alone leave open."""
    def join(cols, ok, from_right=False):
        cols = list(reversed(cols)) if from_right else list(cols)
        out = []
        for col in cols:
            if out:
                left, right = (col, out[-1]) if from_right else (out[-1], col)
                if not line[left[1]:right[0]].strip() and ok(left[2], right[2]):
                    head = right[2] if right[2].role else left[2]  # the last word names the column
                    out[-1] = (left[0], right[1], Column(line[left[0]:right[1]], head.role, head.rule_id,
                                                         left[2].period or right[2].period, right[2].unit))
                    continue
            out.append(col)
        return list(reversed(out)) if from_right else out

    worded = lambda c: c.role is not None and c.rule_id != "column.comparison"  # noqa: E731
    dated = lambda c: c.role is None and c.period is not None  # noqa: E731
    qualified = lambda cols: join(cols, lambda a, b: _words_of(a.label) in modifiers and worded(b))  # noqa: E731
    period_first = join(columns, lambda a, b: dated(a) and worded(b))
    return [columns, period_first, qualified(period_first), qualified(columns),
            join(columns, lambda a, b: worded(a) and dated(b))]


def _joined(line: str, left: tuple[int, int, Column], right: tuple[int, int, Column],
            rules: Rules) -> tuple[int, int, Column] | None:
    """Two labels that are one column: "Outturn vs Current Budget", a comparison. (A period beside a
    role word is left apart: "Q1 Forecast" and "Balance 2022/23" read the same way, so which word a
    period belongs to is unknown; the columns then do not match the cells, and none is assigned.)"""
    (a, _, first), (_, b, second) = left, right
    between = line[left[1]:right[0]]
    label = line[a:b]
    if rules.column_joint.match(between) or first.rule_id == "column.comparison" and not between.strip():
        return a, b, Column(label, "other", "column.comparison", first.period or second.period)
    return None


def period_roles(columns: list[Column], as_of: str | None) -> list[Column]:
    """Period-only columns: one not over by the document's date (a year in progress, a forecast
    year) is a projection; of the others, the latest period's figures are actual, the earlier
    ones previous."""
    projected = lambda c: bool(as_of and c.period.end and c.period.end > as_of)  # noqa: E731 - a local test
    dated = [c.period.end for c in columns if c.role is None and c.period and c.period.end and not projected(c)]
    latest = max(dated, default=None)
    out = []
    for c in columns:  # latest by its end: "Oct – Dec 24" and "12m to Dec 24" are both the latest
        if c.role is None and c.period and c.period.end:
            role, rule_id = ("other", "column.projected_period") if projected(c) else \
                ("actual", "column.latest_period") if c.period.end == latest else ("previous", "column.earlier_period")
            c = Column(c.label, role, rule_id, c.period, c.unit)
        out.append(c)
    return out


def years(tokens: list[re.Match]) -> bool:
    """Whether a line's figures are all years ("DEBT EXCLUSION 2026 2027 … 2031"): a header, not a row."""
    return all(YEAR.fullmatch(t.group()) for t in tokens)


def header_lines(lines: list[str], rules: Rules) -> list[str]:
    """The short lines straight above a table (no prose, no blank line between)."""
    block: list[str] = []
    for line in reversed(lines):
        line = line.strip()
        prose = ". " in line or line.endswith(".") or len(PROSE_WORD.findall(line)) >= rules.header_prose_words
        if not line or len(line) > rules.header_chars or prose or len(block) == rules.header_lines:
            break
        block.insert(0, line)
    return block


def _glued(block: list[str]) -> str:
    """Header lines joined: a fragment of one letter or two ("e" of "Revenu\ne") joins the line before."""
    joined = ""
    for line in block:
        glued = len(line) <= 2 and line.islower() and joined
        joined += line if glued else (" " if joined else "") + line
    return joined


SUB_BLOCK_LINES = 6  # a header found inside the lines above a table is at most this many of them


def read_header(block: list[str], width: int, rules: Rules) -> tuple[str | None, list[list[Column]]]:
    """The header and its readings as columns: the whole block above the table, else the longest
    run of its lines that names as many columns as the rows hold figures, else one fewer (a label
    holding a figure, "School (2015) 1st borrowing"). A slide's bullets may stand above "2026
    2027 …", and a section label or two ("REVENUE", "% change") between it and the first row: of
    the runs that fit, the one naming the most periods."""
    whole = (_glued(block), [r for r in read_columns(_glued(block), rules) if len(r) >= 2] if block else [])
    if any(len(r) == width for r in whole[1]):
        return whole  # the usual case: the whole block fits
    for spare in range(MAX_LABEL_FIGURES + 1):
        fits = []
        for end in range(len(block), max(len(block) - 3, 0), -1):
            for start in range(max(0, end - SUB_BLOCK_LINES), end):
                header = _glued(block[start:end])
                readings = [r for r in read_columns(header, rules) if len(r) >= 2]
                if matching := [r for r in readings if len(r) == width - spare]:
                    fits.append((sum(c.period is not None for c in matching[0]), -len(fits), header, readings))
        if fits:
            return max(fits)[2:]
    return whole if whole[1] else (None, [])
