"""Stored text → the tables its lines hold: rows of a label then figures, under a header naming
the columns. Rules: rules/tables.yaml.

A PDF's text layer, a DOCX or Markdown table and a text file all come out as lines, a table row to a
line ("Adult Social Care 125.6 120.6 (5.0)"), so one reader serves every format. Each figure of a
row is a cell: its value (a bracketed figure is negative), its column's label, role, period and unit
(the cell's own %, £ …, else its column's, else the table's). A line of figures with no label is a
chart's axis and yields nothing. Linear: each line is read once, headers a few lines above a table.
"""

import re
from collections import Counter

from extract.find.metrics.periods import find_periods
from extract.find.sentences import SentenceIndex
from extract.find.table_rules import (
    CELL,
    CURRENCIES,
    LINE_END,
    MAX_LABEL_FIGURES,
    MULTIPLIERS,
    PROSE_WORD,
    TAIL_REACH,
    TOKEN,
    YEAR,
    Cell,
    Column,
    Row,
    Rules,
    TextTable,
    load_rules,
)
from schemas.records import Document, Table

NIL = {"-", "–", "—", "nil", "n/a"}  # an empty cell: it keeps its column's place, and is no figure


def _cell(token: re.Match) -> re.Match | None:
    m = CELL.fullmatch(token.group())
    return m if m and bool(m.group("open")) == bool(m.group("close")) else None


def _cell_or_nil(token: re.Match) -> bool:
    return token.group().lower() in NIL or _cell(token) is not None


def _row(text: str, start: int, end: int, rules: Rules, min_cells: int) -> tuple[int, list[re.Match]] | None:
    """A line → (where its figures start, its figure tokens) when it reads as a table row."""
    if not LINE_END.search(text, max(start, end - 12), end):
        return None  # most lines are prose: ended by a word, never read further
    tail = rules.row_tail.search(text, max(start, end - TAIL_REACH), end)
    stop = tail.start() if tail and text[tail.start():end].strip() not in NIL else end
    tokens = list(TOKEN.finditer(text, start, stop))
    cells: list[re.Match] = []
    while tokens and _cell_or_nil(tokens[-1]):
        cells.append(tokens.pop())
    cells.reverse()  # the figures at the line's end, in order
    if cells and tokens and rules.rate_label.search(text, start, tokens[-1].end() + 1) and cells[0].group() in rules.rates:
        tokens.append(cells.pop(0))  # "per 10,000" belongs to the label
    while cells and not _cell(cells[0]):  # a dash before the first figure belongs to the label ("Revenue -")
        tokens.append(cells.pop(0))
    if sum(_cell(c) is not None for c in cells) < min_cells:
        return None
    return (cells[0].start(), cells) if tokens else (start, cells)


def _columns(line: str, rules: Rules) -> list[list[Column]]:
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


def _period_roles(columns: list[Column], as_of: str | None) -> list[Column]:
    """Period-only columns: one that starts after the document's date is a projection; of the
    others, the latest period's figures are actual, the earlier ones previous."""
    projected = lambda c: bool(as_of and c.period.start and c.period.start > as_of)  # noqa: E731 - a local test
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


def _table_unit(lines: list[str], header: str | None, rules: Rules) -> tuple[str, float, str] | None:
    """The unit a caption states for the whole table ("All figures in £m"), else the one unit its
    header names (percent aside), if it names only one."""
    for line in reversed(lines):
        if rules.caption.search(line.strip()):
            if found := next(((u, mult, uid) for p, u, mult, uid in rules.units if p.search(line)), None):
                return found
    named, taken = set(), []
    for pattern, unit, mult, rule_id in rules.units if header else ():  # "£000s" is thousands, not also "£"
        for m in pattern.finditer(header):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                named.add((unit, mult, rule_id))
    named = {n for n in named if n[0] != "percent"}  # a "% spent" column's cells say % themselves
    return named.pop() if len(named) == 1 else None


def _lines(text: str):
    """(start, end) of each line, in order."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield start, end
        start = end + 1


def read_tables(text: str, as_of: str | None = None) -> tuple[list[TextTable], list[tuple[int, int]]]:
    """The tables of the text, and the lines that are a chart's axis (figures with no label). A row
    may break once before its last figures ("Budgets 39.3\n10.0 -29.3"), and a line that is not a row
    (a row label wrapped above its figures) may stand between two rows. `as_of`: the document's date
    (ISO), after which a period column is a projection."""
    rules = load_rules()
    tables: list[TextTable] = []
    axes: list[tuple[int, int]] = []
    run: list[tuple[int, int, int, list[re.Match]]] = []  # the rows so far: (line start, end, cells start, cells)
    previous: list[tuple[int, int]] = []  # the lines before the run, for its header and caption
    gap = 0  # lines since the run's last row
    partial = None  # a labelled line with too few figures, which the next line's figures may complete

    def close() -> None:
        nonlocal previous
        if len(run) >= rules.min_rows:
            tables.append(_table(text, run, previous[-rules.caption_lines:], rules, as_of))
            previous = []

    for start, end in _lines(text):
        found = _row(text, start, end, rules, 1)
        labelled = found and found[0] != start and rules.label_word.search(text[start:found[0]]) \
            and not rules.prose_label_end.search(text[start:found[0]])
        if found and not labelled and found[0] == start and partial:  # the figures that finish a broken row
            run.append((partial[0], end, partial[2], partial[3] + found[1]))
            partial, gap = None, 0
            continue
        partial = None
        if labelled and sum(_cell(c) is not None for c in found[1]) >= rules.min_cells and not _years(found[1]):
            run.append((start, end, *found))
            gap = 0
            continue
        if labelled:
            partial = (start, end, *found)
        elif found and found[0] == start and len(found[1]) >= 3:
            axes.append((start, end))
        if run and gap < rules.max_gap and text[start:end].strip():
            gap += 1  # perhaps a wrapped label: the table may go on
            continue
        close()
        run, gap = [], 0
        previous.append((start, end))
        previous = previous[-rules.caption_lines:]
    close()
    return tables, axes


def _years(tokens: list[re.Match]) -> bool:
    """Whether a line's figures are all years ("DEBT EXCLUSION 2026 2027 … 2031"): a header, not a row."""
    return all(YEAR.fullmatch(t.group()) for t in tokens)


def _header_lines(lines: list[str], rules: Rules) -> list[str]:
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


def _header(block: list[str], width: int, rules: Rules) -> tuple[str | None, list[list[Column]]]:
    """The header and its readings as columns: the whole block above the table, else the longest
    run of its lines that names as many columns as the rows hold figures, else one fewer (a label
    holding a figure, "School (2015) 1st borrowing"). A slide's bullets may stand above "2026
    2027 …", and a section label or two ("REVENUE") between it and the first row."""
    whole = None
    for spare in range(MAX_LABEL_FIGURES + 1):
        for end in range(len(block), max(len(block) - 3, 0), -1):
            for start in range(end):
                header = _glued(block[start:end])
                readings = [r for r in _columns(header, rules) if len(r) >= 2]
                if any(len(r) == width - spare for r in readings):
                    return header, readings
                whole = whole or (header, readings)
    return whole if whole and whole[1] else (None, [])


def _table(text: str, run, above: list[tuple[int, int]], rules: Rules, as_of: str | None) -> TextTable:
    caption_lines = [text[s:e] for s, e in above]
    width = Counter(len(cells) for *_, cells in run).most_common(1)[0][0]
    header, readings = _header(_header_lines(caption_lines, rules), width, rules)
    readings = [_period_roles(reading, as_of) for reading in readings]
    table_unit = _table_unit(caption_lines, header, rules)
    rows = []
    for start, end, _, cells in run:
        aligned = next((r for r in readings if len(r) == len(cells)), None)
        if aligned is None and (shorter := next((r for r in readings if 0 < len(cells) - len(r) <= MAX_LABEL_FIGURES),
                                                None)):
            aligned, cells = shorter, cells[len(cells) - len(shorter):]  # the first figures belong to the label
        label = " ".join(text[start:cells[0].start()].split()).rstrip(" :–-")
        row = Row(start, end, label)
        aligned = aligned or [None] * len(cells)
        rate = next((unit for written, unit in rules.rates.items() if label.endswith(f"per {written}")), None)
        for token, column in zip(cells, aligned):
            if _cell(token):
                row.cells.append(_value(token, column, (rate, 1.0, "unit.rate_label") if rate else table_unit))
        rows.append(row)
    if table_unit is None and _names_money(rows, header or "", rules) and _amounts(rows):
        rows = [_in_money(row, rules) for row in rows]
    return TextTable(run[0][0], run[-1][1], header, max(len(cells) for *_, cells in run), rows)


def _names_money(rows: list[Row], header: str, rules: Rules) -> bool:
    """Whether a table's header, or enough of its row labels, name money."""
    named = sum(bool(rules.money_words.search(row.label)) for row in rows)
    return bool(rules.money_words.search(header)) or named >= rules.money_share * len(rows)


def _amounts(rows: list[Row]) -> bool:
    """Whether a table's plain figures look like amounts: mostly in the hundreds or more, or in
    pence ("306.93"); a column of 1s and 4s is a count."""
    plain = [c for row in rows for c in row.cells if c.rule_id == "unit.none"]
    return sum(abs(c.value) >= 100 or round(c.value * 100) % 100 != 0 for c in plain) * 2 > len(plain)


def _in_money(row: Row, rules: Rules) -> Row:
    """A money table's row: its figures with no unit of their own are amounts (unit `money`, the
    document's currency, decided with the document), unless the row names a count or a share."""
    if rules.not_money_rows.search(row.label):
        return row
    cells = [Cell(c.start, c.end, c.value, "money", "unit.money_table", c.column) if c.rule_id == "unit.none" else c
             for c in row.cells]
    return Row(row.start, row.end, row.label, cells)


def _value(token: re.Match, column: Column | None, table_unit: tuple[str, float, str] | None) -> Cell:
    m = _cell(token)
    value = float(m.group("num").replace(",", ""))
    sign = -1 if m.group("open") or m.group("minus") in ("-", "–", "−") else 1
    if m.group("pct"):
        unit, mult, rule_id = "percent", 1.0, "unit.cell_percent"
    elif m.group("cur"):
        unit, rule_id = CURRENCIES[m.group("cur")], "unit.cell_currency"
        mult = MULTIPLIERS.get(m.group("mult") or "", 1.0)
    elif column and column.unit or table_unit:
        unit, mult, rule_id = column.unit if column and column.unit else table_unit
    else:
        unit, mult, rule_id = "count", 1.0, "unit.none"
    return Cell(token.start(), token.end(), sign * value * mult, unit, rule_id, column)


def table_records(doc: Document, tables: list[TextTable], sentences: SentenceIndex) -> list[Table]:
    """One `Table` per table read, numbered in document order (its cells' metrics carry the number)."""
    return [Table(document_id=doc.id, char_start=t.start, char_end=t.end, page=doc.page_at(t.start),
                  sentence=sentences.sentence_text(t.start), rule_id="table.text_rows", position=position,
                  rows=len(t.rows), columns=t.columns, header=t.header, first_row=doc.text[t.start:t.rows[0].end])
            for position, t in enumerate(tables, 1)]
