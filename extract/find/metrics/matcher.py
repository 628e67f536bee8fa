"""Where metric rules match a text: the matcher for the rule language of `rule_language`.

Speed matters (the stage has a budget of 20 ms per 5,000 words), so rules are not scanned blindly:
a rule that starts at a figure ({N}…) matches only its tail, at the end of each figure, with such
rules joined into one alternation; lookup conditions (preceding words, line starts) pick the rules
a figure needs; any other rule is tried only where its leading literal words occur (str.find).
"""

import re
from functools import cache
from typing import NamedTuple

try:
    from re import _constants as sre_constants  # Python ≥ 3.11
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

from extract.find.metrics.rule_language import FIGURE_KINDS, START, Rule, last_words

# --- where rules may match ------------------------------------------------------------------------

def _zero_width(op, av) -> bool:
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return True
    if op is sre_constants.AT and av is sre_constants.AT_BOUNDARY:
        return True
    return op is sre_constants.BRANCH and all(len(a) == 1 and _zero_width(*a[0]) for a in av[1])


def _leading(items) -> set[str] | None:
    """Literal strings one of which every match of the parsed items starts with; None if unknown."""
    ops = list(items)
    while ops and _zero_width(*ops[0]):
        ops.pop(0)  # \b, lookarounds, or a choice of lookbehinds
    if not ops:
        return None
    op, av = ops[0]
    if op is sre_constants.LITERAL:
        text = ""
        while ops and ops[0][0] is sre_constants.LITERAL:
            text += chr(ops.pop(0)[1])
        if ops and ops[0][0] in (sre_constants.BRANCH, sre_constants.SUBPATTERN):
            more = _leading(ops)  # "th(?:is|e same)" → "this", "the same"
            if more:
                return {text + m for m in more if m != START}
        return {text}
    if op is sre_constants.AT and av is sre_constants.AT_BEGINNING_STRING:
        return {START}
    if op is sre_constants.SUBPATTERN:
        return _leading(av[-1])
    if op is sre_constants.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            sub = _leading(alternative)
            if sub is None:
                return None
            found |= sub
        return found
    if op is sre_constants.IN and len(av) <= 4 and all(o is sre_constants.LITERAL for o, _ in av):
        return {chr(c) for _, c in av}
    return None


@cache
def triggers(regex: str) -> tuple[str, ...] | None:
    """The literal words a regex's matches start with (None: it must be scanned in full)."""
    found = _leading(sre_parse.parse(regex))
    return tuple(sorted(found)) if found else None


class Literals:
    """Where each literal occurs in one text, found with str.find once and shared by every rule."""

    def __init__(self, source: str):
        self.source = source
        self._at: dict[str, list[int]] = {}

    def positions(self, literal: str) -> list[int]:
        """Where `literal` occurs; a word only where a word starts ("one" is not in "someone")."""
        if literal not in self._at:
            source = self.source
            found, find, i = [], source.find, source.find(literal)
            word = literal[:1].isalpha()
            while i != -1:
                if not (word and i and source[i - 1].isalnum()):
                    found.append(i)
                i = find(literal, i + 1)
            self._at[literal] = found
        return self._at[literal]


def scan(pattern: re.Pattern, literals: Literals, leading: tuple[str, ...] | None, where=None):
    """pattern.finditer, but tried only where one of its leading literals occurs and `where(start)`
    holds; overlapping matches are all returned, in text order."""
    if leading is None:
        yield from (m for m in pattern.finditer(literals.source) if where is None or where(m.start()))
        return
    starts: set[int] = set()
    for literal in leading:
        starts.update([0] if literal == START else literals.positions(literal))
    for i in sorted(starts):
        if (where is None or where(i)) and (m := pattern.match(literals.source, i)):
            yield m


LIST_WORDS = {",", "and", "&", "or", "to", "-", "–"}
LIST_NUMBER = re.compile(r"\d+[a-z]?")
LIST_NUMBER_COMMA = re.compile(r"\d+[a-z]?,")
LINE_HEAD = re.compile(r"[ \t]*(?:[-•*·o][ \t]+)?(?:\*\*|__)?\(?\Z")  # "**9.QUESTION": Markdown bold
LIST_ITEM = re.compile(r"\d+[a-z]?,?")
OPENERS = "([“‘\"'"
QUOTES = "“‘\"'"
FOLLOWED = frozenset(" \t\n\r\xa0(:" + QUOTES)


def _bare(token: str) -> str:
    """A word as rules name it: without an opening bracket or quote, or a dash glued on ("TUESDAY- -MAY")."""
    token = token.lstrip(OPENERS)
    return token if token in LIST_WORDS else token.lstrip("-–")


class Span(NamedTuple):
    start: int
    end: int
    kind: str  # "plain" (a bare number), "unit" (%, £ …) or "word" ("four")


class Places:
    """One document's text, lower-cased copy, figures and the facts rules look up about positions."""

    def __init__(self, text: str, lower: str):
        self.text, self.lower = text, lower
        self.literals = {False: Literals(lower), True: Literals(text)}  # keyed by a rule's `case`
        self.figures: list[Span] = []
        self._words: dict[int, tuple[str, ...]] = {}

    def phrases(self, start: int) -> tuple[str, ...]:
        """The one-, two- and three-word phrases that end just before `start` (past a list of numbers:
        in "paragraphs 2 and 3" the 3 follows "paragraphs"); () when no rule's words could end there."""
        if start not in self._words:
            found: tuple[str, ...] = ()
            if start and self.lower[start - 1] in FOLLOWED:  # a word ends here only after a space, ( : or quote
                window = self.lower[max(0, start - 40):start].rstrip(QUOTES)  # 'Schedule “1”'
                tail = window.rsplit(None, 1)
                last = _bare(tail[-1]) if tail else ""
                if last in last_words() or last in LIST_WORDS or LIST_NUMBER_COMMA.fullmatch(last):
                    found = self._tokens(window)
            self._words[start] = found
        return self._words[start]

    @staticmethod
    def _tokens(window: str) -> tuple[str, ...]:
        tokens = window.split()
        while len(tokens) > 1 and (tokens[-1] in LIST_WORDS and LIST_ITEM.fullmatch(tokens[-2])
                                   or LIST_NUMBER_COMMA.fullmatch(tokens[-1])):  # "Parts 1, 3, and 10"
            tokens.pop()
            if LIST_NUMBER.fullmatch(tokens[-1]):
                tokens.pop()
        tokens = [_bare(t) for t in tokens[-3:]]
        return tuple(" ".join(tokens[i:]) for i in range(len(tokens)))

    def opens_line(self, start: int) -> bool:
        line = self.text.rfind("\n", 0, start) + 1
        return start - line < 12 and bool(LINE_HEAD.match(self.text, line, start))


# --- matching ----------------------------------------------------------------------------------

class Hit(NamedTuple):
    rule: Rule
    start: int
    end: int
    marks: dict | None  # figure start → label, or None: every figure inside start..end
    unit: str | None = None  # what a (?P<unit>…) group caught


def _conditions_hold(rule: Rule, start: int, places: Places) -> bool:
    if rule.line_start and not places.opens_line(start):
        return False
    if rule.after_words and not rule.after_words.intersection(places.phrases(start)):
        return False
    return True


def _holds(rule: Rule, start: int, places: Places) -> bool:
    """All of a rule's conditions, for a match at `start` (each read in the text the rule is written for)."""
    return _conditions_hold(rule, start, places) and _before_holds(rule, places.text if rule.case else places.lower, start)


def _before_holds(rule: Rule, source: str, start: int) -> bool:
    return rule.before is None or bool(rule.before.search(source, max(0, start - 80), start))


def _hit(rule: Rule, m: re.Match, figure: Span | None = None) -> Hit:
    """A regex match → Hit; for a tail match, the figure it follows is the first mark."""
    default = rule.data.get("role") or rule.data.get("unit") or ""
    marks = {m.start(g): label or default for g, label in rule.marks.items()
             if g in m.re.groupindex and m.start(g) >= 0}
    start = m.start()
    if figure is not None:
        marks[figure.start] = rule.head_label or default
        start = figure.start
    unit_group = f"g{rule.uid}unit"
    unit = m.group(unit_group) if unit_group in m.re.groupindex else None
    return Hit(rule, start, m.end(), marks or None, unit)


def _plain(rule: Rule) -> bool:
    """Batchable: tried at figures with no lookup condition (a `before` is checked after the match)."""
    return rule.anchored and rule.document is None and not rule.after_words and not rule.line_start


def _shape(rule: Rule) -> str:
    """Rules batch together when they are tried at the same place: after the figure (head rules), or
    at it (written-out ones). Batches match the original text, case-insensitively unless `case`."""
    return "after" if rule.head else "at"


@cache
def _batches(rules: tuple[Rule, ...], ordered: bool) -> list[tuple[Rule, ...]]:
    """Figure-led rules with no lookup conditions and one shape form one batch, in rule order (at a
    figure the earliest rule that matches is the one reported)."""
    if not ordered:
        rules = tuple(sorted(rules, key=lambda r: (not _plain(r), _shape(r))))  # stable: keeps rule order
    out: list[tuple[Rule, ...]] = []
    for rule in rules:
        last = out[-1][0] if out else None
        if last and _plain(rule) and _plain(last) and _shape(last) == _shape(rule):
            out[-1] += (rule,)
        else:
            out.append((rule,))
    return out


SPACE = {ord(c) for c in " \t\n\r"}


def _spaces(op, av) -> bool:
    """A regex item that only ever matches whitespace (\\s, a space or tab, or a repeat of one)."""
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and len(av[2]) == 1:
        return _spaces(*av[2][0])
    if op is sre_constants.LITERAL:
        return av in SPACE
    return op is sre_constants.IN and all(
        (o is sre_constants.CATEGORY and a is sre_constants.CATEGORY_SPACE) or (o is sre_constants.LITERAL and a in SPACE)
        for o, a in av)


DIGITS = frozenset("0123456789")


def _first_chars(ops: list) -> frozenset | None:
    """The characters a match of the parsed items can start with, past spaces; None when any may."""
    while ops and (_zero_width(*ops[0]) or _spaces(*ops[0])):
        ops = ops[1:]
    if not ops:
        return None
    (op, av), rest = ops[0], ops[1:]
    if op is sre_constants.LITERAL:
        return frozenset(chr(av))
    if op is sre_constants.SUBPATTERN:
        return _first_chars(list(av[-1]) + rest)
    if op is sre_constants.BRANCH:
        found = [_first_chars(list(alternative) + rest) for alternative in av[1]]
        return None if any(f is None for f in found) else frozenset().union(*found)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        inner = _first_chars(list(av[2]))
        if inner is None or av[0] > 0:
            return inner
        after = _first_chars(rest)  # an optional part: what follows may come first
        return None if after is None else inner | after
    if op is sre_constants.IN:
        chars = set()
        for o, a in av:
            if o is sre_constants.LITERAL:
                chars.add(chr(a))
            elif o is sre_constants.RANGE and a[1] - a[0] < 30:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            elif o is sre_constants.CATEGORY and a is sre_constants.CATEGORY_DIGIT:
                chars.update(DIGITS)
            else:
                return None
        return frozenset(chars)
    return None


@cache
def _lead(rule: Rule) -> frozenset | None:
    """The characters the original text after a figure can show first (past spaces) for the rule's
    tail to match; None when any may."""
    found = _first_chars(list(sre_parse.parse(rule.tail.pattern))) if rule.tail is not None else None
    if found is None or rule.case:
        return found
    return found | {c.upper() for c in found}


def _compiled(rules: tuple[Rule, ...]) -> re.Pattern | None:
    """One alternation, in rule order, matched against the original text."""
    def branch(r: Rule) -> str:
        regex = (r.tail or r.pattern).pattern
        return f"(?P<g{r.uid}>{regex})" if r.case else f"(?P<g{r.uid}>(?i:{regex}))"
    return re.compile("|".join(branch(r) for r in rules)) if rules else None


@cache
def _plan(batch: tuple[Rule, ...], kind: str) -> tuple[dict, tuple, tuple]:
    """For figures of one kind ({D} rules only apply to plain numbers …): by the first character after
    the figure, the batch's rules that can match there, as one alternation of their tails in rule
    order (most figures then need one short regex call); the rules that can match anywhere; all."""
    rules = tuple(r for r in batch if not r.head or kind in FIGURE_KINDS[r.head])
    always = tuple(r for r in rules if _lead(r) is None)
    table = {}
    for char in set().union(*(_lead(r) for r in rules if _lead(r) is not None)):
        chosen = tuple(r for r in rules if _lead(r) is None or char in _lead(r))
        table[char] = (chosen, _compiled(chosen))
    return table, (always, _compiled(always)), (rules, _compiled(rules))


def _figure_hits(batch: tuple[Rule, ...], places: Places):
    first = batch[0]
    source = places.text
    after = first.head is not None  # a head rule is matched after its figure, a written-out one at it
    by_uid = {f"g{r.uid}": r for r in batch}
    found = []
    size = len(source)
    plans = {kind: _plan(batch, kind) for kind in ("plain", "unit", "word")}
    by_char = after and len(batch) > 4  # for a few rules the lookup costs more than it saves
    for f in places.figures:
        table, default, every = plans[f.kind]
        if by_char:
            j = f.end
            while j < size and source[j] in " \t\n\r":
                j += 1
            rules, pattern = table.get(source[j], default) if j < size else default
        else:
            rules, pattern = every
        if pattern is None or not (m := pattern.match(source, f.end if after else f.start)):
            continue
        rule = by_uid[m.lastgroup]
        if not _holds(rule, f.start, places):
            rule, m = next(((r, m2) for r in rules[rules.index(rule) + 1:]  # rare: try the later rules
                            if (m2 := (r.tail or r.pattern).match(places.text if r.case else places.lower, m.start()))
                            and _holds(r, f.start, places)), (None, None))
        if rule is not None:
            found.append((rule, m, f))
    for rule in batch:  # in rule order: earlier rules claim figures first
        yield from (_hit(rule, m, f if after else None) for r, m, f in found if r is rule)


def _by_condition(rules: list[Rule], places: Places):
    """Figure-led rules with lookup conditions, figure by figure: each figure tries only the rules
    its preceding words (or its place at a line start) call for."""
    by_word: dict[str, list[Rule]] = {}
    for rule in rules:
        for word in rule.after_words:
            by_word.setdefault(word, []).append(rule)
    line_rules = [r for r in rules if r.line_start and not r.after_words]
    for f in places.figures:
        phrases = places.phrases(f.start)
        candidates = [r for p in phrases for r in by_word.get(p, ())] if phrases else []
        if line_rules and places.opens_line(f.start):
            candidates += line_rules
        if not candidates:
            continue
        for rule in candidates:
            source = places.text if rule.case else places.lower
            if rule.head and f.kind not in FIGURE_KINDS[rule.head] or not _conditions_hold(rule, f.start, places):
                continue
            if (m := (rule.tail or rule.pattern).match(source, f.end if rule.head else f.start)) \
                    and _before_holds(rule, source, f.start):
                yield _hit(rule, m, f if rule.head else None)


def matches(rules: list[Rule], places: Places, ordered: bool = True, figures_exist: bool = True) -> list[Hit]:
    """Every Hit of the rules; when `ordered`, sorted by the rules' order in their file (earlier rules
    claim figures first), each rule's hits in text order. Figure-led rules are tried at the figures of
    `places`; with `figures_exist` False (finding word figures) they are scanned like the others."""
    hits = list(_all_hits(list(rules), places, figures_exist))
    if ordered:
        rank = {rule: i for i, rule in enumerate(rules)}
        hits.sort(key=lambda hit: rank[hit.rule])
    return hits


def _all_hits(rules: list[Rule], places: Places, figures_exist: bool):
    if figures_exist:
        indexed = [r for r in rules if r.anchored and (r.after_words or r.line_start) and r.document is None]
        yield from _by_condition(indexed, places)
        rules = [r for r in rules if r not in indexed]
    for batch in _batches(tuple(rules), False):
        first = batch[0]
        if first.document is not None and not first.document.search(places.lower):
            continue
        if first.anchored and figures_exist:
            yield from _figure_hits(batch, places)
            continue
        for rule in batch:
            source = places.text if rule.case else places.lower
            where = (lambda i, r=rule: _conditions_hold(r, i, places)) if rule.line_start or rule.after_words else None
            found = scan(rule.pattern, places.literals[rule.case], triggers(rule.regex), where)
            for m in found:
                if _before_holds(rule, source, m.start()):
                    yield _hit(rule, m)
