"""The table reader's rules (rules/tables.yaml), loaded and checked once, and the shapes it reads:
columns, cells, rows and tables."""

import re
from dataclasses import dataclass, field
from functools import cache

from extract.find.metrics.periods import Period
from extract.rules import compile_pattern, load_yaml, require

RULE_FILE = "tables.yaml"
CELL = re.compile(r"(?P<open>\()?(?P<minus>[-–−+])?(?P<cur>[£$€])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                  r"(?P<pct>%)?(?P<mult>[km])?(?P<close>\))?")
TOKEN = re.compile(r"\S+")
# How a row's line can end: a figure, a bracket or %, a dash, a RAG word or an arrow (cheap to test).
LINE_END = re.compile(r"(?:[\d)%\-–—]|\b(?:red|amber|green|rag|up|down|same|n/a|[rag])|[↑↓→▲▼])\s*$", re.I)
TAIL_REACH = 60  # a RAG or direction tail after a row's figures is shorter than this
PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")
MULTIPLIERS = {"k": 1e3, "m": 1e6}
CURRENCIES = {"£": "gbp", "€": "eur", "$": "usd"}
YEAR = re.compile(r"(?:19|20)\d\d")
MAX_LABEL_FIGURES = 1  # figures a row label may hold before its cells ("Pierce School (2024) …")


@dataclass(frozen=True)
class Column:
    label: str
    role: str | None
    rule_id: str
    period: Period | None = None
    unit: tuple[str, float, str] | None = None  # (unit, multiplier, rule id) written after its label


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    value: float
    unit: str
    rule_id: str  # how its unit was decided
    column: Column | None


@dataclass
class Row:
    start: int
    end: int
    label: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class TextTable:
    start: int
    end: int
    header: str | None
    columns: int
    rows: list[Row]


@dataclass(frozen=True)
class Rules:
    columns: list[tuple[re.Pattern, str, str]]  # (words, role, rule id)
    modifiers: frozenset[str]
    units: list[tuple[re.Pattern, str, float, str]]
    row_tail: re.Pattern
    min_rows: int
    min_cells: int
    max_gap: int
    label_word: re.Pattern
    prose_label_end: re.Pattern
    header_lines: int
    header_chars: int
    header_prose_words: int
    caption_lines: int
    caption: re.Pattern
    column_joint: re.Pattern
    rate_label: re.Pattern
    rates: dict[str, str]  # a rate's denominator as written → its unit
    money_words: re.Pattern
    money_share: float
    not_money_rows: re.Pattern


@cache
def load_rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    columns = []
    for entry in rules["columns"]:
        require(RULE_FILE, entry, "id", "role", "words")
        words = sorted(entry["words"], key=len, reverse=True)
        alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        columns.append((compile_pattern(RULE_FILE, {**entry, "p": rf"(?<![\w£€$])(?:{alternation})(?!\w)"}, "p", re.I),
                        entry["role"], entry["id"]))
    units = []
    for entry in rules["units"]:
        require(RULE_FILE, entry, "id", "pattern", "unit", "multiplier")
        units.append((compile_pattern(RULE_FILE, entry, flags=re.I), entry["unit"], float(entry["multiplier"]), entry["id"]))
    one = lambda key: compile_pattern(RULE_FILE, {"p": rules[key]}, "p", re.I)  # noqa: E731 - a local shorthand
    one_of = lambda entry, key: compile_pattern(RULE_FILE, entry, key, re.I)  # noqa: E731 - a local shorthand
    rate = rules["rate_label"]
    return Rules(columns, frozenset(rules["modifiers"]), units, one("row_tail"), rules["min_rows"], rules["min_cells"],
                 rules["max_gap"], one("label_word"), one("prose_label_end"), rules["header_lines"],
                 rules["header_chars"], rules["header_prose_words"], rules["caption_lines"], one("caption"),
                 one("column_joint"), compile_pattern(RULE_FILE, rate, flags=re.I), rate["denominators"],
                 _words_pattern(rules["money_table"]["words"]), rules["money_table"]["share"],
                 one_of(rules["money_table"], "not_money_rows"))


def _words_pattern(words: list[str]) -> re.Pattern:
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])", re.I)
