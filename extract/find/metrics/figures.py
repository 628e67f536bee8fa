"""Document → one `Metric` per reported figure: value, unit, role, subject, period, indicator.

Figures are found with one compiled regex over the stored text (number words only where a count
rule accepts them). rules/metric_figures.yaml then drops what is not a measure (dates, references,
timescales, ages …) and sets units; rules/metric_roles.yaml sets roles. Each row keeps the id of
the rules that decided it. Matching runs on the stored text or a lower-cased copy of the same length,
so every span indexes `documents.text` directly (nothing is cleaned and shifted back). The period
of a figure comes from the phrase that qualifies it, else from the reporting period the document
(or its agenda item) states; a comparator's subject is that of the figure it is compared with.
"""

import re
from bisect import bisect_left, bisect_right

from extract.find.cues import lowered_text
from extract.find.metrics import indicators
from extract.find.metrics.figure_reading import Figure, currency_of, find_figures, minus_before, money_symbol
from extract.find.metrics.indicator_keys import subject_key
from extract.find.metrics.matcher import Places, Span, matches
from extract.find.metrics.periods import Period, period_statements, resolve, scan_periods
from extract.find.metrics.rule_language import ASCII_LOWER, local_cue, rule_set
from extract.find.segment import item_at
from extract.find.sentences import SentenceIndex, stored_context
from extract.find.tables import Cell, Row, TextTable
from schemas.records import AgendaItem, Document, Metric

OPENING_CHARS = 1500  # a reporting period stated this early covers the whole document
SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*\s*\Z")
NUMBERED_LINE = re.compile(r"\s*\d+(?:\.\d+)+\s")
MAX_CONTEXT = 700  # a merged sentence longer than this is a table, not prose


def _contexts(sentences: SentenceIndex, text: str) -> list[tuple[int, int]]:
    """Sentence spans, with fragments cut by a PDF line or page break joined back together."""
    spans: list[tuple[int, int]] = []
    for span in sentences.spans:
        if spans:
            start, end = spans[-1]
            head = text[span.start:span.start + 12]
            if (not SENTENCE_END.search(text[max(start, end - 4):end]) and span.end - start <= MAX_CONTEXT
                    and (head[:1].islower() or head[:1].isdigit() and not NUMBERED_LINE.match(head))):
                spans[-1] = (start, span.end)
                continue
        spans.append((span.start, span.end))
    return spans


def _targets(hit, by_start: dict, starts: list[int]) -> list[tuple[Figure, str]]:
    """(figure, label) pairs a rule hit acts on: the figures it marks, or every figure inside it."""
    if hit.marks is None:
        default = hit.rule.data.get("role") or hit.rule.data.get("unit") or ""
        return [(by_start[s], default) for s in starts[bisect_left(starts, hit.start):bisect_left(starts, hit.end)]]
    return [(by_start[s], label) for s, label in hit.marks.items() if s in by_start]


def _apply_figure_rules(doc: Document, figures: list[Figure], places: Places) -> None:
    """Keep, drop and unit rules, in that order of precedence."""
    rules = rule_set()
    by_start = {f.start: f for f in figures}
    starts = sorted(by_start)
    for hit in matches(rules.keep, places):
        for f, _ in _targets(hit, by_start, starts):
            f.kept, f.rule_id = True, hit.rule.id
            unit = hit.rule.data.get("unit") or (hit.unit.rstrip("s") + "s" if hit.unit else "")
            if unit:  # "weeks" in "cleared within two weeks"
                f.unit, f.explicit_unit = unit, True
            if hit.rule.data.get("role"):
                f.role, f.role_rule = hit.rule.data["role"], hit.rule.id
    for hit in matches(rules.not_metrics, places, ordered=False):
        for f, _ in _targets(hit, by_start, starts):
            if not f.kept and not f.excluded:
                f.excluded = hit.rule.id
    places.figures = [Span(f.start, f.end, f.kind) for f in figures if not f.excluded]
    for hit in matches(rules.units, places):
        for f, unit in _targets(hit, by_start, starts):
            if not f.excluded and f.unit == "count" and not f.kept:
                unit = currency_of(doc, money_symbol(doc)) if unit == "money" else unit
                f.unit, f.explicit_unit, f.rule_id = unit, True, hit.rule.id


def _apply_roles(figures: list[Figure], places: Places, contexts, council: str | None) -> None:
    by_start = {f.start: f for f in figures}
    starts = sorted(by_start)
    places.figures = [Span(f.start, f.end, f.kind) for f in figures]
    carries = []
    for hit in matches(rule_set().roles, places):
        targets = _targets(hit, by_start, starts)
        if len(targets) > 1 and any(f.role for f, _ in targets):
            continue  # a pair is read whole or not at all
        for f, role in targets:
            if f.role is None and role:
                f.role, f.role_rule = role, hit.rule.id
                if hit.rule.data.get("carry"):
                    carries.append(f)
        _share_unit([f for f, _ in targets if f.role_rule == hit.rule.id])
    cue = local_cue(council)
    for source in carries:  # "national figures showed 4.8% …, 3.3% …, and Kirklees 5.6%"
        _, end = _context_of(contexts, source.start)
        for f in figures:
            if source.start < f.start < end and f.role is None:
                if cue.search(places.lower, max(source.end, f.start - 40), f.start):
                    break
                f.role, f.role_rule = source.role, source.role_rule


def _share_unit(pair: list[Figure]) -> None:
    """Two ends written with one unit: "10 to 11 percent", "from 661 days … to 338.5"."""
    units = {f.unit for f in pair if f.explicit_unit}
    if len(pair) > 1 and len(units) == 1:
        for f in pair:
            f.unit, f.explicit_unit = next(iter(units)), True


def _context_of(contexts, offset: int) -> tuple[int, int]:
    i = bisect_right(contexts, (offset, float("inf"))) - 1
    if i >= 0 and contexts[i][0] <= offset < contexts[i][1]:
        return contexts[i]
    return (offset, offset)


def _inherit_units(group: list[Figure]) -> None:
    """A comparator written without a unit takes the unit of the figure it is compared with:
    'a rate of 65.4 per 10,000 … national average of 46.1' → 46.1 is a rate too."""
    for i, f in enumerate(group):
        if f.explicit_unit or f.role_rule is None or f.role == "other":
            continue
        partner = next((g for g in reversed(group[:i]) if g.role != "other"), None) \
            or next((g for g in group[i + 1:] if g.role_rule == f.role_rule), None)
        if partner and partner.explicit_unit:
            f.unit, f.explicit_unit = partner.unit, True


# "70.1% in 2014/15", "81.4% (March 2015)": the words that tie a period to the figure before it
BACK_LINK = re.compile(r"\s*[(,]?\s*(?:(?:in|for|at|during|as\s+at|as\s+of|by|of|on)\s+)?(?:the\s+)?")
FORWARD_LINK = re.compile(r"(?:(?!\s(?:and|but|which|who)\s)[^;:]){0,60}")  # "In September 2023, absence … was 4%"
COMPARATORS = ("national", "statistical_neighbour", "regional")


def _attach_periods(group: list[Figure], periods: list[Period], lower: str) -> None:
    """Each period phrase goes to the figure it qualifies: the one just before it ("70.1% in 2014/15")
    or else the next one, if no other period comes first ("In September 2023, absence … was 4%")."""
    for i, p in enumerate(periods):
        before = [f for f in group if f.end <= p.char_start]
        after = [f for f in group if f.start >= p.char_end]
        if before and before[-1].period is None and BACK_LINK.fullmatch(lower, before[-1].end, p.char_start):
            before[-1].period = p
        elif after and after[0].period is None and FORWARD_LINK.fullmatch(lower, p.char_end, after[0].start) \
                and not any(q.char_start >= p.char_end and q.char_end <= after[0].start for q in periods[i + 1:]):
            after[0].period = p
    attached = {id(f.period) for f in group if f.period is not None}
    for f in group:  # otherwise the nearest earlier period no other figure took still governs
        if f.period is None and f.role not in (*COMPARATORS, "previous"):
            earlier = [p for p in periods if p.char_end <= f.start and p.kind != "previous_year" and id(p) not in attached]
            if earlier:
                f.period = earlier[-1]


def extract_metrics(doc: Document, items: list[AgendaItem], sentences: SentenceIndex,
                    tables: tuple[list[TextTable], list[tuple[int, int]]] = ([], [])) -> list[Metric]:
    """Every reported figure in the document → a Metric with its exact span and the deciding rules.
    `tables` (from `read_tables`): the cells of table rows are read by their row and column, the
    figures of a chart's axis not at all."""
    text = doc.text
    lower = lowered_text(text)
    if len(lower) != len(text):  # a few characters lower-case to two: keep offsets aligned
        lower = text.translate(ASCII_LOWER)
    places = Places(text, lower)
    figures = find_figures(doc, places)
    _apply_figure_rules(doc, figures, places)
    read_apart = sorted([(row.cells[0].start, row.end) for t in tables[0] for row in t.rows] + tables[1])
    in_rows = rule_set().row_exclusions  # a phone or cheque number is none in a table's row either
    not_figures = {f.start for f in figures if f.excluded in in_rows}
    figures = [f for f in figures if not f.excluded and not _within(read_apart, f.start)]
    contexts = _contexts(sentences, text)
    _apply_roles(figures, places, contexts, doc.council)
    groups: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        groups.setdefault(_context_of(contexts, f.start), []).append(f)
    references = _References(doc, items, places)
    raws = scan_periods(places.literals[False])
    raw_starts = [r.start for r in raws]
    metrics = []
    before: dict[str, tuple[Metric, int]] = {}  # unit → the last prose figure's metric, where its sentence ends
    for (start, end), group in groups.items():
        _inherit_units(group)
        reference = references.at(start)
        inside = [r for r in raws[bisect_left(raw_starts, start):bisect_left(raw_starts, end)] if r.end <= end]
        _attach_periods(group, resolve(inside, reference, doc.meeting_date), lower)
        named = []  # the indicator the sentence names, found once and only if a subject needs it
        subjects = {}
        for i, f in enumerate(group):  # a subject is read between the neighbouring figures
            left = group[i - 1].end if i else start
            right = group[i + 1].start if i + 1 < len(group) else end
            subjects[f.start] = indicators.subject(text, f.start, f.end, (start, end), (left, right))
        for i, f in enumerate(group):
            own = subjects[f.start]
            weak = len(own.split()) <= 2 or own.lower().startswith("of ")  # "of families", "This"
            subject = subjects[_measured(i, group).start] if weak or f.role in COMPARATORS else own
            named_here = named
            if indicators.refers_back(subject) and (pointed := _antecedent(text, before.get(f.unit), f.start)):
                subject, named_here = pointed
            if not indicators.names_a_measure(subject):  # ") (", "Target": its line's label, or the line above
                subject = next((s for s in (_line_label(text, f.start), _line_above(text, f.start))
                                if indicators.names_a_measure(s)), subject)
            if not indicators.names_a_measure(subject):
                continue  # a figure nothing says the measure of ("€52.65" alone on its line) is no metric
            metrics.append(_metric(doc, f, (start, end), subject, sentences, reference, named_here))
            before[f.unit] = (metrics[-1], end)
    for position, table in enumerate(tables[0], 1):
        for row in table.rows:
            metrics += [_cell_metric(doc, position, row, cell, sentences, references.at(cell.start))
                        for cell in row.cells if cell.start not in not_figures]
    return sorted(metrics, key=lambda m: m.char_start)


LETTER = re.compile(r"[^\W\d_]")
MAX_LABEL = 80
LABEL_END = re.compile(r"[\s(£$€+\-–]*\d")


def _line_label(text: str, offset: int) -> str:
    """The words a line opens with before its first figure: a lone table row's label."""
    start = text.rfind("\n", 0, offset) + 1
    head = text[start:offset]
    cut = LABEL_END.search(head)
    return " ".join(head[:cut.start() if cut else len(head)].split()).strip(" *:–-")


def _line_above(text: str, offset: int) -> str:
    """The nearest line above that has words (a figure alone on its line: "Rates\n€90.30")."""
    end = text.rfind("\n", 0, offset)
    for _ in range(3):
        if end <= 0:
            return ""
        start = text.rfind("\n", 0, end) + 1
        line = " ".join(text[start:end].split())
        if LETTER.search(line):
            return line[:MAX_LABEL].rsplit(" ", 1)[0] if len(line) > MAX_LABEL else line
        end = start - 1
    return ""


MAX_REFERENCE_GAP = 300
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n[ \t]*[-•*·▪][ \t]")  # a blank line or a new bullet


def _antecedent(text: str, before: tuple[Metric, int] | None, at: int) -> tuple[str, list] | None:
    """What a referring subject ("March performance", "… advised that this") points back to, as a
    subject and the indicator list `_metric` reads: the last figure in its unit before it in its
    paragraph, in its sentence or one shortly before ("… 88.3% of ICPCs …, with one conference late.
    In March performance was at 94.1%"); else the one indicator its paragraph names before it, by its label;
    else None."""
    if before is not None:
        metric, sentence_end = before
        if sentence_end > at or (at - sentence_end <= MAX_REFERENCE_GAP
                                 and not PARAGRAPH_BREAK.search(text, sentence_end, at)):
            return metric.subject, [metric.indicator]
    opening = max(0, at - MAX_REFERENCE_GAP)
    paragraph = max((m.end() for m in PARAGRAPH_BREAK.finditer(text, opening, at)), default=opening)
    key = indicators.match("", text[paragraph:at]) if paragraph < at else None
    return (indicators.label_of(key), [key]) if key else None


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _cell_metric(doc: Document, position: int, row: Row, cell: Cell, sentences: SentenceIndex,
                 reference: Period | None) -> Metric:
    """A table cell → its metric: subject from the row label, role, period and unit from the column."""
    column = cell.column
    period, inferred = (column.period, False) if column and column.period else (reference, True)
    unit = _cell_currency(doc, cell.unit)
    role, column_rule = (column.role if column else None), (column.rule_id if column else "column.unlabelled")
    if role is None and _after_meeting(period, doc):
        role, column_rule = "target", "column.unlabelled_planned"  # a budget pack's table for the year ahead
    return Metric(
        document_id=doc.id, char_start=cell.start, char_end=cell.end, page=doc.page_at(cell.start),
        sentence=sentences.sentence_text(cell.start),
        rule_id=f"table.row+{column_rule}+{cell.rule_id}", value=cell.value, unit=unit, role=role or "actual",
        subject=row.label, indicator=indicators.match(row.label) or subject_key(row.label, unit),
        period=period.label if period else None, period_start=period.start if period else None,
        period_end=period.end if period else None, period_inferred=bool(period) and inferred,
        quote=doc.text[cell.start:cell.end], table_position=position, row_label=row.label,
        column_label=column.label if column else None,
    )


def _after_meeting(period: Period | None, doc: Document) -> bool:
    """Whether a period starts after the meeting: a budget or plan for it, not an achieved value."""
    return bool(period and period.start and doc.meeting_date and period.start > doc.meeting_date)


def _cell_currency(doc: Document, unit: str) -> str:
    """A cell's unit, with money in the document's currency: `$` is the dollar of the country it
    names, and a money table's plain figures are in the currency its amounts are written in."""
    if unit == "money":
        return currency_of(doc, money_symbol(doc))
    return currency_of(doc, "$") if unit == "usd" else unit


class _References:
    """The reporting period for an offset: the document's when stated up front (or when it is one
    item), else the one its agenda item states (a period named inside one minute does not cover
    the others). The statements are found once, in one pass over the document."""

    def __init__(self, doc: Document, items: list[AgendaItem], places: Places):
        self.items = items
        self.statements = period_statements(places.literals[False], doc.meeting_date)
        self.whole = self.statements[0][2] if self.statements else None
        self.cache: dict[int, Period | None] = {}

    def at(self, offset: int) -> Period | None:
        if self.whole and (self.whole.char_start < OPENING_CHARS or len(self.items) <= 1):
            return self.whole
        item = item_at(self.items, offset)
        if item is None:
            return None
        if item.position not in self.cache:
            self.cache[item.position] = next((p for _, at, p in self.statements
                                              if item.char_start <= at < item.char_end), None)
        return self.cache[item.position]


def _measured(i: int, group: list[Figure]) -> Figure:
    """The figure whose words say what a comparator measures: a target, benchmark or earlier value
    measures what the council's own figure beside it measures ("89.3% of families …, with a target
    set of 75%"); the nearest such figure in the sentence, before it if any."""
    f = group[i]
    if f.role not in (*COMPARATORS, "target", "previous"):
        return f
    own = [g for g in reversed(group[:i]) if g.role in (None, "actual")] or \
          [g for g in group[i + 1:] if g.role in (None, "actual")]
    return own[0] if own else f


def _metric(doc: Document, f: Figure, context: tuple[int, int], subject: str,
            sentences: SentenceIndex, reference: Period | None, named: list) -> Metric:
    text = doc.text
    period, inferred = f.period, False
    if period is not None and period.kind == "reporting_year":
        inferred = True
    if period is None and f.role not in (*COMPARATORS, "previous"):
        period, inferred = reference, True
    role, role_rule = f.role, f.role_rule
    if role is None:
        earlier = period and reference and period.end and reference.start and period.end < reference.start
        role, role_rule = ("previous", "role.earlier_period") if earlier else ("actual", "role.default_actual")
        # a period after the meeting, stated or the document's own (a budget for next year), is not yet achieved
        if _after_meeting(period, doc):
            planned = inferred or rule_set().future_planned.search(text, *context)
            role, role_rule = ("target", "role.future_planned") if planned else ("other", "role.future_period")
    indicator = indicators.match(subject)
    if indicator is None:
        if not named:
            named.append(indicators.match("", stored_context(text, *context, f.start)))  # a runaway sentence: near f
        indicator = named[0] or subject_key(subject, f.unit)
    start, value = f.start, f.value
    if minus_before(text, f.start):
        start, value = f.start - 1, -f.value
        if f.unit == "percent" and role_rule == "role.default_actual":  # "Burglary -10%": a change
            role, role_rule = "other", "role.signed_percent"
    rule_id = f"{f.rule_id}+{role_rule}" + ("+sign.minus" if start < f.start else "")
    return Metric(
        document_id=doc.id, char_start=start, char_end=f.end, page=doc.page_at(f.start),
        sentence=sentences.sentence_text(f.start), rule_id=rule_id,
        value=value, unit=f.unit, role=role, subject=subject,
        indicator=indicator,
        period=period.label if period else None, period_start=period.start if period else None,
        period_end=period.end if period else None, period_inferred=bool(period) and inferred,
        quote=text[start:f.end],
    )
