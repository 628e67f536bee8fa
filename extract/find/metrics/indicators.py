"""What a figure measures: its subject (words from the sentence) and canonical indicator key.

Indicators and their phrasings live in rules/indicators.yaml; the same measure phrased differently
across years ("re-referral rate", "re-referrals into Social Care") shares one key.
"""

import re
from functools import cache, lru_cache
from typing import NamedTuple

from extract.find.metrics.matcher import triggers
from extract.rules import compile_pattern, load_yaml, require

RULE_FILE = "indicators.yaml"
CLAUSE_BREAK = re.compile(r"[;:()\[\]]|\s[-–—]\s|\n\s*[-•*]\s|[.!?]\s")
VERB = re.compile(r"\s(?:was|were|is|are|has|have|had|been|remained|remains|improved|increased|decreased|"
                  r"reduced|rose|fell|stood|shows?|showed|reached|reaching|dropped|declined|equates|"
                  r"demonstrates|continued|performing|performed|highlights?)\b")  # searched in lower case
LAST_BREAK = re.compile(r"(?s:.*)(?:" + CLAUSE_BREAK.pattern + ")")
# A bracketed abbreviation is part of the phrase it follows ("Looked After Children (LAC) visits"), not a break.
ABBREVIATION = re.compile(r"\([A-Z]{2,6}[’']?s?\)")
RELATIVE_END = re.compile(r"\b(?:who|which|that)\Z", re.I)  # a subject that runs on into its own clause
# Words trimmed from the ends of a subject: connectives before it, cue words between it and the figure.
LEADING_WORDS = {"-", "•", "*", "·", "and", "but", "however", "however,", "with", "while", "whilst", "also",
                 "only", "overall", "there", "has", "have", "had", "been", "was", "were", "are", "is", "in",
                 "total", "a"}
TRAILING_WORDS = {"at", "of", "to", "from", "by", "was", "is", "the", "a", "an", "and", "in", "on", "for", "with",
                  "than", "around", "approximately", "about", "nearly", "over", "under", "only", "currently",
                  "reported", "now", "up", "down", "target", "set", "national", "average", "increased", "improved",
                  "reduced", "decreased", "reaching"}
RIGHT_STOP = {"in", "for", "at", "to", "and", "compared", "which", "with", "during", "is", "was", "were", "are",
              "had", "has", "than", "respectively", "nationally", "per", "a", "an", "the", "on", "from", "over",
              "by", "as", "but", "this", "reduction", "increase", "percent", "cent", "so"}
MAX_WORDS = 14
INLINE_FLAG = re.compile(r"\(\?[aiLmsux]")
SECTION_NUMBER = re.compile(r"\(?\d+(?:\.\d+)*[.)]?|(?:19|20)\d\d(?:/\d\d)?,?|(?:january|february|march|april|may|"
                            r"june|july|august|september|october|november|december),?", re.I)  # paragraph numbers, dates


class Indicator(NamedTuple):
    key: str
    label: str
    domain: str
    pattern: re.Pattern


@cache
def indicators() -> list[Indicator]:
    """The canonical indicators, in file order (more specific measures are listed first)."""
    found = []
    for entry in load_yaml(RULE_FILE)["indicators"]:
        require(RULE_FILE, entry, "key", "label", "domain", "phrasings")
        regex = "|".join(f"(?:{p})" for p in entry["phrasings"])
        found.append(Indicator(entry["key"], entry["label"], entry["domain"],
                               compile_pattern(RULE_FILE, {**entry, "p": regex}, "p", re.I)))
    return found


@cache
def weak_subject_words() -> frozenset[str]:
    return frozenset(load_yaml(RULE_FILE)["weak_subject_words"])


def names_a_measure(subject: str) -> bool:
    """Whether a subject has a word, of two letters or more, other than connectives and role words
    ("Target" alone has not, nor OCR's "/ é")."""
    return any(w.lower() not in weak_subject_words() for w in re.findall(r"[^\W\d_]{2}[\w'’-]*", subject))


@cache
def _referring_words() -> tuple[frozenset[str], frozenset[str]]:
    rules = load_yaml(RULE_FILE)["referring_subjects"]
    return frozenset(rules["pointers"]), weak_subject_words() | frozenset(rules["measureless_words"])


def refers_back(subject: str) -> bool:
    """Whether a subject only points back to a measure named before it: it ends in a pronoun and names
    no measure itself ("As of the end of 2015/16 this", "… advised that this", not "children who had 3
    or more placements, however, this"), or it has a word besides the weak ones (a figure with none is
    read from its line, as a table's) but says only when and how ("March performance")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", subject.lower())
    pointers, measureless = _referring_words()
    if words and words[-1] in pointers:
        return not _named(ABBREVIATION.sub("", subject))
    return names_a_measure(subject) and all(w in measureless for w in words)


class _Screen(NamedTuple):
    """What rules indicators out of a text before any regex runs."""
    by_literal: dict[str, tuple[int, ...]]  # a literal → the indicators whose matches may start with it
    always: frozenset[int]  # indicators whose matches' first literals are not known: always searched
    alone: tuple[re.Pattern, ...]  # each indicator's phrasings as `_combined` matches them (lower case, no flags)


@cache
def _screen() -> _Screen:
    by_literal: dict[str, tuple[int, ...]] = {}
    always = set()
    for k, indicator in enumerate(indicators()):
        regex = indicator.pattern.pattern
        # (?i) would let a match start with a letter its literal lacks
        leads = None if INLINE_FLAG.search(regex) else triggers(regex)
        if leads is None:
            always.add(k)
        for lead in leads or ():
            by_literal[lead] = by_literal.get(lead, ()) + (k,)
    return _Screen(by_literal, frozenset(always), tuple(re.compile(i.pattern.pattern) for i in indicators()))


@lru_cache(maxsize=1024)
def _combined(present: tuple[int, ...]) -> re.Pattern:
    """These indicators' phrasings as one alternation in file order, group i{k} → indicator k."""
    return re.compile("|".join(f"(?P<i{k}>{indicators()[k].pattern.pattern})" for k in present))


@lru_cache(maxsize=4096)
def _named(text: str) -> frozenset[int]:
    """Indexes of the indicators a text names (the earliest-listed one at each place).

    One alternation of all 100-odd indicators costs ~0.35 ms on a 45-character subject (re tries every
    branch at every place). Most texts name none: an indicator none of whose leading literals occurs
    is ruled out with `in`, the rest by their own regex, and only those found are scanned together,
    which finds the same matches as all of them would, since the others match nowhere in the text."""
    lower = text.lower()
    screen = _screen()
    found = screen.always.union(*(ks for lead, ks in screen.by_literal.items() if lead in lower))
    present = tuple(k for k in sorted(found) if screen.alone[k].search(lower))
    if len(present) < 2:
        return frozenset(present)
    return frozenset(int(m.lastgroup[1:]) for m in _combined(present).finditer(lower))


def match(subject: str, sentence: str = "") -> str | None:
    """Indicator key for a subject; failing that, the one indicator its sentence names, if only one."""
    named = _named(ABBREVIATION.sub("", subject))  # "Looked After Children (LAC) visits"
    if named:
        return indicators()[min(named)].key
    named = _named(sentence) if sentence else frozenset()
    return indicators()[next(iter(named))].key if len(named) == 1 else None


def label_of(key: str) -> str:
    return next(i.label for i in indicators() if i.key == key)


def keys_for(query: str) -> list[str]:
    """Indicator keys a user's query names: a key itself; else those whose key or label contains the
    query's words; else the one indicator the query's words are a phrasing of."""
    q = " ".join(query.strip().lower().split())
    if any(i.key == q for i in indicators()):
        return [q]
    named = [i.key for i in indicators() if q in i.key.replace("_", " ") or q in i.label.lower()]
    if named:
        return named
    key = match(q)
    return [key] if key else []


def _unbracketed(text: str) -> str:
    """The text with its bracketed abbreviations blanked, the same length, for finding clause breaks."""
    return ABBREVIATION.sub(lambda m: " " * len(m.group()), text)


def _words(text: str, limit: int = MAX_WORDS) -> str:
    return " ".join(text.split()[:limit]).rstrip(" .,;:")


def _trim(text: str) -> str:
    """Drop connectives and paragraph numbers from the start, cue words ("was", "at") from the end."""
    words = text.replace(",", " , ").split()
    while words and (words[0].lower() in LEADING_WORDS or words[0] == "," or SECTION_NUMBER.fullmatch(words[0])):
        words.pop(0)
    while words and (words[-1].lower() in TRAILING_WORDS or words[-1] == ","):
        words.pop()
    return " ".join(words).replace(" , ", ", ")


def subject(text: str, start: int, end: int, context: tuple[int, int], between: tuple[int, int]) -> str:
    """What the figure at text[start:end] measures, in its sentence's words (`context`), read no
    further than its neighbouring figures (`between`): '89.3% of families were contacted …' →
    'families were contacted within 3 working days of allocation'; '3,914 contacts' → 'contacts';
    'Social Worker caseloads were currently reported at 19.2' → 'Social Worker caseloads'."""
    context_start, context_end = context
    left_start, right_end = between
    right = text[end:min(right_end, end + 200)]
    if cut := CLAUSE_BREAK.search(_unbracketed(right)):
        right = right[:cut.start()]
    right = right.split(",")[0].strip()
    head = right.split(None, 1)[0].lower() if right else ""
    if head == "of":
        rest = right.split(None, 1)[1] if " " in right else ""
        for article in ("the ", "these ", "those ", "all "):
            rest = rest[len(article):] if rest.lower().startswith(article) else rest
        if rest:
            return _words(rest)
    if right and right[0].isalpha() and head not in RIGHT_STOP and (trimmed := _trim(right)):
        return _words(trimmed)
    left = text[max(left_start, start - 200):start]
    if start - 200 > left_start:  # the window cut a word in two: drop its tail
        left = left.split(None, 1)[-1] if " " in left else left
    if (last := LAST_BREAK.match(_unbracketed(left))) and left[last.end():].strip():
        left = left[last.end():]
    if left := _trim(_before_verb(left)):
        return _words(left)
    return _opening(text[context_start:min(context_end, context_start + 200)])


@lru_cache(maxsize=1024)
def _opening(sentence: str) -> str:
    """A sentence's subject: its opening words up to the first verb (shared by every figure of a
    table row, hence cached)."""
    return _words(_trim(_before_verb(sentence))) or _words(sentence)


def _before_verb(text: str) -> str:
    """The words before the first verb, or after it if those are empty; a subject that runs on into
    a relative clause keeps it ("children on a CPP who had had a visit")."""
    verb = VERB.search(text.lower())
    if verb is None or RELATIVE_END.search(text[:verb.start()].rstrip()):
        return text
    return _trim(text[:verb.start()]) or text[verb.end():]
