"""Text → its figures: each number (after a currency sign, with its multiplier and percent sign)
and the number words a count rule accepts, with the unit they are written in and the currency of
the document's money signs. Which figures are measures is decided after (figures.py)."""

import re
from dataclasses import dataclass

from extract.find.metrics.matcher import Places, Span, matches
from extract.find.metrics.periods import Period
from extract.find.metrics.rule_language import rule_set
from schemas.records import Document

# A figure: a number, perhaps after a currency sign, with its multiplier and percent sign. It starts at
# a digit or sign not glued to a word, a number, a time or a reference; each branch opens with its
# first character so the regex engine skips text without digits quickly.
_GLUED = r"(?<![\w£$€.,/]{c})(?<![a-z]-{c})(?<![0-9]:{c})"
FIGURE = re.compile(
    r"(?:(?P<cur>[£$€])" + _GLUED.format(c="[£$€]") + r"\s?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<bare>[0-9]" + _GLUED.format(c="[0-9]") + r"(?:[0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]*(?:\.[0-9]+)?)))"
    r"(?:(?P<mult>m|mn|bn|k)\b|\s?(?P<multw>million|billion|thousand)\b)?"
    r"(?P<pct>\s?(?:%|per\s?cent\b|percent\b))?(?P<pence>p)?"  # "£913.18p": some clerks add a p
    r"(?!\w|/(?!10\s?k|10,000)|[.,:]\d)"
)


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    value: float
    unit: str
    explicit_unit: bool  # %, a currency sign or a unit rule, not the default count
    rule_id: str
    kind: str = "plain"  # "plain" (a bare number), "unit" (written with %, £ …) or "word"
    role: str | None = None
    role_rule: str | None = None
    excluded: str | None = None
    kept: bool = False
    period: Period | None = None


def currency_of(doc: Document, symbol: str) -> str:
    currencies = rule_set().currencies
    if symbol != "$":
        return currencies["symbols"][symbol]
    # the country the document names most often ("Ontario Land Tribunal", "Denver, CO"); once each, linear
    named = [(len(re.findall(entry["pattern"], doc.text)), entry["currency"]) for entry in currencies["dollar_by_country"]]
    count, currency = max(named, default=(0, None), key=lambda n: n[0])
    return currency if count else currencies["dollar_default"]


def find_figures(doc: Document, places: Places) -> list[Figure]:
    rules = rule_set()
    multipliers = rules.currencies["multipliers"]
    lower = places.lower
    figures = []
    currency: dict[str, str] = {}  # symbol → currency, worked out at its first figure (a $ reads the whole text)
    for m in FIGURE.finditer(lower):
        cur, num, bare, mult, multw, pct, pence = m.groups()
        num = num or bare
        if (num[0] == "0" and num[1:2].isdigit()) or (mult and not cur) or (pence and not (cur or "." in num)):
            continue  # "01709" is a phone number, "5m" a length, "5p" pence
        if cur or pct or pence or mult or multw:
            mult = mult or multw
            value = float(num.replace(",", "")) * (multipliers[mult] if mult else 1)
            if cur and cur not in currency:
                currency[cur] = currency_of(doc, cur)
            unit = currency[cur] if cur else "gbp" if pence else "percent" if pct else "count"
            figures.append(Figure(m.start(), m.end(), value, unit, unit != "count", "figure.number", "unit"))
        else:
            figures.append(Figure(m.start(), m.end(), float(num.replace(",", "")), "count", False, "figure.number"))
    words = rules.number_words
    taken = {f.start for f in figures}
    for hit in matches(rules.word_counts, places, figures_exist=False):
        for start in hit.marks or [hit.start]:
            word = re.match(r"[a-z]+", lower[start:]).group()
            if start not in taken and word in words:
                taken.add(start)
                figures.append(Figure(start, start + len(word), float(words[word]), "count", False, rule_id=hit.rule.id,
                                      kind="word"))
    figures.sort(key=lambda f: f.start)
    places.figures = [Span(f.start, f.end, f.kind) for f in figures]
    return figures


def money_symbol(doc: Document) -> str:
    """The currency sign a document writes its money in (for amounts printed without one); with
    no sign at all, the dollar where it names a dollar country, else the pound."""
    if "£" in doc.text:
        return "£"
    if "$" in doc.text or "€" in doc.text:
        return "$" if "$" in doc.text else "€"
    return "$" if _names_country(doc) else "£"


def _names_country(doc: Document) -> bool:
    return any(re.search(entry["pattern"], doc.text) for entry in rule_set().currencies["dollar_by_country"])


def minus_before(text: str, start: int) -> bool:
    """A minus sign glued to the figure after a word or at a line start ("Property crime -13%"), not
    a range's dash ("10 -15%", "2022-23") nor a word's hyphen."""
    if start < 1 or text[start - 1] not in "-−":
        return False
    space = text[start - 2] if start >= 2 else "\n"
    return space == "\n" or space in " \t" and (start < 3 or not (text[start - 3].isdigit() or text[start - 3] in "-–"))
