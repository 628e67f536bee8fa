"""Stored text → the tables its lines hold: rows of a label then figures, under a header naming
the columns. Rules: rules/tables.yaml.

A PDF's text layer, a DOCX or Markdown table and a text file all come out as lines, a table row to a
line ("Adult Social Care 125.6 120.6 (5.0)"), so one reader serves every format. Each figure of a
row is a cell: its value (a bracketed figure is negative), its column's label, role, period and unit
(the cell's own %, £ …, else its column's, else the table's). A line of figures with no label is a
chart's axis and yields nothing. Linear: each line is read once, headers a few lines above a table.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from extract.find.sentences import SentenceIndex
from extract.find.table_headers import header_lines, period_roles, read_header, years
from extract.find.table_rules import (
    CELL,
    CURRENCIES,
    LINE_END,
    MAX_LABEL_FIGURES,
    MULTIPLIERS,
    TAIL_REACH,
    TOKEN,
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
    lines = [(start, end, _row(text, start, end, rules, 1)) for start, end in _lines(text)]  # each line read once
    line_starts = [start for start, _, _ in lines]
    tables: list[TextTable] = []
    axes: list[tuple[int, int]] = []
    run: list[tuple[int, int, int, list[re.Match]]] = []  # the rows so far: (line start, end, cells start, cells)
    previous: list[tuple[int, int]] = []  # the lines before the run, for its header and caption
    gap = gap_start = 0  # lines since the run's last row, and where the first of them starts
    partial = None  # a labelled line with too few figures, which the next line's figures may complete

    def close() -> None:
        nonlocal previous
        if len(run) >= rules.min_rows:
            tables.append(_table(text, run, previous[-rules.caption_lines:], rules, as_of))
            previous = []

    for start, end, found in lines:
        labelled = found and found[0] != start and rules.label_word.search(text[start:found[0]]) \
            and not rules.prose_label_end.search(text[start:found[0]])
        if found and not labelled and found[0] == start and partial and not years(found[1]):
            # the figures that finish a broken row (a line of years is the next table's header)
            run.append((partial[0], end, partial[2], partial[3] + found[1]))
            partial, gap = None, 0
            continue
        if found and not labelled and found[0] == start and run and gap and len(found[1]) == len(run[-1][3]) \
                and not years(found[1]):
            # a row whose label wrapped onto lines of its own above its figures ("Mainstream Individual Support &\n
            # SRP\n46 54 61 65 75"): the label is those lines
            run.append((gap_start, end, start, found[1]))
            partial, gap = None, 0
            continue
        partial = None
        if labelled and sum(_cell(c) is not None for c in found[1]) >= rules.min_cells and not years(found[1]):
            run.append((start, end, *found))
            gap = 0
            continue
        if labelled:
            partial = (start, end, *found)
        elif found and found[0] == start and len(found[1]) >= 3:
            axes.append((start, end))
        if run and gap < rules.max_gap and text[start:end].strip():
            gap_start = start if not gap else gap_start
            gap += 1  # perhaps a wrapped label: the table may go on
            continue
        close()
        if run and gap:  # the lines held for a wrapped label were the next table's header ("Approved\nbudget\n…")
            previous += [(a, b) for a, b, _ in lines[bisect_left(line_starts, gap_start):bisect_left(line_starts, start)]]
        run, gap = [], 0
        previous.append((start, end))
        previous = previous[-rules.caption_lines:]
    close()
    line_tables = _Spans(tables)
    stacked = [t for t in _stacked_tables(text, lines, rules, as_of) if not line_tables.overlaps(t.start, t.end)]
    stacked_spans = _Spans(stacked)
    axes = [(a, b) for a, b in axes + _stacked_axes(text, lines) if not stacked_spans.overlaps(a, a + 1)]
    return _money_by_header(sorted(tables + stacked, key=lambda t: t.start), rules), axes


MONEY_UNITS = frozenset({"money", "gbp", "usd", "eur", "cad"})
YEAR_HEADS = re.compile(r"\b(?:19|20)\d\d(?:[/-]\d\d)?\b")


def _money_by_header(tables: list[TextTable], rules: Rules) -> list[TextTable]:
    """A table of plain amounts under the same years as a money table of the document (a slide
    deck's "2026 … 2031" tables) is in money too, though no row label names it."""
    def money(table: TextTable) -> bool:
        cells = [c for row in table.rows for c in row.cells]
        return sum(c.unit in MONEY_UNITS for c in cells) * 2 > len(cells)

    def periods(table: TextTable) -> tuple[str, ...]:  # the years its header heads columns with
        found = tuple(YEAR_HEADS.findall(table.header or ""))
        return found if len(found) >= 2 else ()

    read = [(t, money(t), periods(t)) for t in tables]
    headers = {years for _, in_money, years in read if in_money} - {()}
    return [TextTable(t.start, t.end, t.header, t.columns, [_in_money(row, rules) for row in t.rows])
            if years in headers and not in_money and _amounts(t.rows) else t for t, in_money, years in read]


class _Spans:
    """Tables in text order, apart from each other: does a span overlap one? (by bisection)"""

    def __init__(self, tables: list[TextTable]):
        self.tables, self.starts = tables, [t.start for t in tables]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return any(0 <= j < len(self.tables) and self.tables[j].start < end and start < self.tables[j].end
                   for j in (i, i + 1))


MIN_TICKS = 4  # a chart's axis printed one tick a line ("€0.00", "€10.00", "€20.00", …) has at least this many


def _stacked_axes(text: str, lines) -> list[tuple[int, int]]:
    """A chart's axis printed one tick a line: a run of lone figures rising (or falling) in equal steps."""
    axes, run = [], []  # run: (line start, end, value) of consecutive lone figures

    def close() -> None:
        steps = {round(b[2] - a[2], 6) for a, b in zip(run, run[1:])}
        if len(run) >= MIN_TICKS and len(steps) == 1 and steps != {0}:
            axes.extend((a, b) for a, b, _ in run)

    for start, end, found in lines:
        if not text[start:end].strip():
            continue
        lone = found and found[0] == start and len(found[1]) == 1 and _cell(found[1][0])
        if lone:
            run.append((start, end, _value(found[1][0], None, None).value))
            continue
        close()
        run = []
    close()
    return axes


MIN_MONEY_ROWS = 3  # two lone amounts under labels ("Current Account / £1,200 / Deposit Account / £8,000") are no table
NUMBERING = re.compile(r"^\d{1,2}[.)]\s")  # a row label's own number ("1. Local Property Tax") is no sentence
LABEL_UNIT = re.compile(r"\([^()]{1,20}\)\s*$")


def _stacked_tables(text: str, lines, rules: Rules, as_of: str | None) -> list[TextTable]:
    """Tables printed one cell to a line (PDFs and DOCX converted to Markdown, some text layers): a
    header of column labels, then each row's label on a line and its figures on the lines under it
    ("Division / Draft Budget 2024 / Adopted Budget 2023 / A - Housing & Building / €67,606,276 /
    €59,374,462 / …"). Kept only where the header names as many columns as the rows hold figures."""
    tables: list[TextTable] = []
    run: list[list] = []  # label lines so far, each [start, end, first figure start, figures under it]
    labels = 0  # label lines since the last figure (a section label, "Prices", may stand between rows)

    def close() -> None:
        first = next((i for i, r in enumerate(run) if r[3]), None)
        rows = [r for r in run if r[3] and rules.label_word.search(text, r[0], r[2])]
        if first is not None and len(rows) >= rules.min_rows:
            width = Counter(len(r[3]) for r in rows).most_common(1)[0][0]  # a page number may follow a row
            above = [(a, b) for a, b, *_ in run[max(0, first - rules.header_lines):first]]
            table = _table(text, [(a, b, c, cells[:width]) for a, b, c, cells in rows], above, rules, as_of)
            if (table.header and width >= rules.min_cells) or (width == 1 and _money_column(table)):
                tables.append(table)

    for start, end, found in lines:
        line = text[start:end].strip()
        if not line:
            continue
        bare = found and found[0] == start and all(_cell_or_nil(t) for t in found[1])
        if bare and not years(found[1]) and run:
            if not run[-1][3]:
                run[-1][2] = start
            run[-1][1] = end
            run[-1][3] += [t for t in found[1] if _cell(t)]
            labels = 0
        elif len(line) <= rules.header_chars and ". " not in NUMBERING.sub("", line) and labels < rules.header_lines and \
                (years(found[1]) if bare else rules.label_word.search(line)):
            if bare and any(r[3] for r in run):  # a line of years after rows: the next table's header
                last = max(i for i, r in enumerate(run) if r[3])
                run, header = run[:last + 1], run[last + 1:]
                close()
                run = header
            labels += 1
            run.append([start, end, end, []])
        else:
            close()
            run, labels = [], 0
    close()
    return tables


def _money_column(table: TextTable) -> bool:
    """A one-column table printed a cell to a line ("Source / Amount / 1. Local Property Tax /
    €21,329,589 / …") is kept only when it has three rows or more, each an amount with its currency sign."""
    return len(table.rows) >= MIN_MONEY_ROWS and all(c.rule_id == "unit.cell_currency" for row in table.rows for c in row.cells)


def _table(text: str, run, above: list[tuple[int, int]], rules: Rules, as_of: str | None) -> TextTable:
    caption_lines = [text[s:e] for s, e in above]
    width = Counter(len(cells) for *_, cells in run).most_common(1)[0][0]
    header, readings = read_header(header_lines(caption_lines, rules), width, rules)
    readings = [period_roles(reading, as_of) for reading in readings]
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
        unit = (rate, 1.0, "unit.rate_label") if rate else _label_unit(label, rules) or table_unit
        for token, column in zip(cells, aligned):
            if _cell(token):
                row.cells.append(_value(token, column, unit))
        rows.append(row)
    if table_unit is None and _names_money(rows, header or "", rules) and _amounts(rows):
        rows = [_in_money(row, rules) for row in rows]
    return TextTable(run[0][0], run[-1][1], header, max(len(cells) for *_, cells in run), rows)


def _label_unit(label: str, rules: Rules) -> tuple[str, float, str] | None:
    """The unit in brackets closing a row's label: "Total Employment ('000)", "Net debt (€ billion)"."""
    if bracket := LABEL_UNIT.search(label):
        return next(((u, mult, uid) for pattern, u, mult, uid in rules.units if pattern.search(bracket.group())), None)
    return None


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
