"""Document → resolutions: one row per resolved part, `text == doc.text[char_start:char_end]`.

A formal cue (RESOLVED, It was APPROVED, RECOMMENDED, a moderngov "Decision:") is followed by one
part, by a numbered, lettered or bulleted list whose items are the parts (sub-items stay inside their
parent; a parent that is only a heading gives way to its sub-items), or, after a bare "Resolved:-
That", by the paragraphs below it. Minutes without such labels (parish and community councils) record
decisions in sentences ("It was proposed by …, seconded by … and unanimously agreed that …", "The
minutes … were agreed as accurate."); each such sentence is a part. Rules: rules/resolutions.yaml.
"""

import re
from bisect import bisect_left
from functools import cache, lru_cache
from itertools import accumulate, islice

from extract.find.consent import consent_parts
from extract.find.cues import finditer_near, load_cues, lowered_text, sentences_with
from extract.find.motions import extract_motions
from extract.find.resolution_lists import SEPARATORS, Part, inline_end, list_below, marker_at, parse_list
from extract.find.segment import item_at
from extract.find.sentences import SentenceIndex
from extract.rules import compile_pattern, load_yaml, require
from schemas.records import AgendaItem, Document, Motion, Resolution

RULE_FILE = "resolutions.yaml"
LEADING_NUMBER = re.compile(r"\s*(?:\(?\d+(?:\.\d+)*[.)]|(?:\d+\.)*\d+[a-z]{1,4}\)|\d+/\d+\.?|\(?[a-z]{1,4}\)|[-•])\s*(?=\S)")


@cache
def _rules():
    rules = load_yaml(RULE_FILE)
    cues = load_cues(RULE_FILE, rules["cues"])
    for entry, _ in cues:  # what may not stand just before a cue's match ("Seconded by …": a motion as moved)
        if "not_after" in entry:
            entry["_not_after"] = compile_pattern(RULE_FILE, entry, "not_after")
    sentence_rules = []
    for entry in rules["sentence_rules"]:
        require(RULE_FILE, entry, "id", "pattern")
        sentence_rules.append((entry, compile_pattern(RULE_FILE, entry)))
    compiled = {key: re.compile(rules[key]) for key in
                ("lead_in", "announces_list", "recommends", "assent_only", "not_decisions",
                 "run_on_heading", "minutes_evidence")}
    compiled["minutes_keywords"] = rules["minutes_evidence_keywords"]
    compiled["decision_words"] = rules["decision_words"]
    return cues, sentence_rules, compiled, rules["list_lookahead_lines"]


def _cue_parts(text: str, lowered: str, items: list[AgendaItem]) -> list[Part]:
    cues, _, compiled, lookahead = _rules()
    parts: list[Part] = []
    for entry, pattern in cues:
        matches = finditer_near(pattern, text, lowered, entry["keywords"])
        not_after = entry.get("_not_after")
        for i, m in enumerate(matches):
            if not_after and not_after.search(text, max(0, m.start() - LOOKBEHIND), m.start()):
                continue
            item = item_at(items, m.start())
            limit = item.char_end if item else len(text)
            if i + 1 < len(matches):  # a part ends where the next "RESOLVED" begins
                limit = min(limit, max(m.end(), matches[i + 1].start()))
            found = _parts_after(text, m, entry, compiled, lookahead, limit)
            if entry.get("lead_part") and found:  # the decision's own opening, then each of its parts
                found.insert(0, Part(m.start(), m.end(), ""))
            for part in found:
                part.rule_id = entry["id"]
                part.recommendation = bool(entry.get("recommendation"))
            parts += found
    return parts


def _parts_after(text: str, m: re.Match, entry: dict, compiled: dict, lookahead: int, limit: int) -> list[Part]:
    if entry.get("bare"):
        return [Part(m.start(), m.start() + len(m.group().strip()), "")]
    if entry.get("one_paragraph"):
        body = re.compile(r"\s*").match(text, m.end()).end()
        return [Part(body, inline_end(text, body, limit), "")] if body < limit else []
    start = SEPARATORS.match(text, m.end()).end()
    if marker_at(text, start):
        return parse_list(text, start, limit, paragraphs=False)
    line_end = text.find("\n", start, limit)
    line_end = limit if line_end == -1 else line_end
    lead = text[compiled["lead_in"].match(text, m.end()).end():line_end]
    if not lead.strip() or compiled["announces_list"].search(text[start:line_end]):
        if (first := list_below(text, line_end, limit, lookahead)) is not None:
            return parse_list(text, first, limit, paragraphs=False)
        if not lead.strip():
            return parse_list(text, line_end + 1, limit, paragraphs=True)
    return [Part(start, inline_end(text, start, limit), "")] if start < line_end else []


def skip_numbering(text: str, s: int, e: int) -> int:
    """Start of a sentence's words after item and list numbers ("4. 4.4.4.4.4.4.4.9. The letter …")."""
    while (lead := LEADING_NUMBER.match(text, s, e)) and lead.end() < e and lead.end() > s:
        s = lead.end()
    return s


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9£%]+", text.lower())


def _prefer_resolved(text: str, parts: list[Part]) -> list[Part]:
    """A part restated later by a RESOLVED summary ("SUMMARY OF APPROVED RECOMMENDATIONS") is the summary's."""
    cues, _, _, _ = _rules()
    superseded = {e["id"]: e["superseded_by"] for e, _ in cues if "superseded_by" in e}
    keep = []
    for part in parts:
        winner = superseded.get(part.rule_id)
        if winner:
            mine = set(_words(text[part.start:part.end])[:20])
            if any(p.rule_id == winner and p.start > part.start
                   and len(mine & set(_words(text[p.start:p.end])[:20])) >= 0.6 * len(mine) for p in parts):
                continue
        keep.append(part)
    return keep


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside curly quotes: another body's words ("The Panel has agreed …"), not this meeting's."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”]{20,3000}”", text)]


def _sentence_parts(text: str, lowered: str, sentences: SentenceIndex, taken: list[Part]) -> list[Part]:
    _, rules, compiled, _ = _rules()
    spans_taken = sorted((p.start, p.end) for p in taken)
    recorded = {p.end for p in taken}
    quotes = quoted_spans(text)
    spans = [(sp.start, sp.end) for sp in sentences.spans]
    parts: list[Part] = []
    for index in sorted(sentences_with(lowered, compiled["decision_words"], [s for s, _ in spans])):
        s, e = spans[index]
        if (compiled["not_decisions"].search(text[s:e]) or any(a < e and s < b for a, b in spans_taken)
                or any(a < s and e <= b for a, b in quotes)):
            continue
        _decide(text, s, e, spans[index - 1] if index else None, parts, rules, compiled, recorded)
    return parts


MAX_CUTS = 12  # headings run into one sentence: more than this is no prose, and is read as one clause
CLAUSE_REACH = 600  # a decision rule's match starts in its clause and is shorter than this past its end


def _decide(text: str, s: int, e: int, previous, parts: list[Part], rules, compiled, recorded: set[int]) -> None:
    """Add the parts one sentence records: one per clause after a heading that ran into it (`recorded`:
    where the decisions found by their cues end)."""
    start = skip_numbering(text, s, e)
    if compiled["assent_only"].match(text[start:e].strip()):
        if parts and previous and parts[-1].end >= previous[1] - 1 and "\n" not in text[parts[-1].end:s]:
            parts[-1].end = e  # "… seconded by Cllr Evans. All Councillors present unanimously agreed."
        elif previous and "\n" not in text[previous[1]:s]:
            parts.append(Part(previous[0], e, "resolution.assent"))  # "Cllr Hayward suggested it be …. All Cllrs agreed …"
        return
    cuts = [start] + [m.end() for m in islice(compiled["run_on_heading"].finditer(text, start, e), MAX_CUTS)]
    for seg_start, seg_end in zip(cuts, cuts[1:] + [e]):
        clause = text[seg_start:min(e, seg_end + CLAUSE_REACH)]  # bounded: linear however many cuts
        for entry, pattern in rules:
            hit = pattern.search(clause)
            if not hit or hit.start() >= seg_end - seg_start:
                continue
            begin = seg_start + hit.start() if entry.get("from_match") else seg_start
            if entry.get("span") == "line" and re.match(r"(?i)proposed|seconded", clause) and previous:
                if previous[1] in recorded or parts and parts[-1].end == previous[1]:
                    return  # "It was RESOLVED that …\n\nProposed by: Cllr A": the resolution above's proposal
                if "\n\n" not in text[previous[1]:s]:
                    begin = skip_numbering(text, *previous)  # "(3) Tintern Charities – Cllr Shewell.\nProposed by …"
            parts.append(Part(begin, e, entry["id"]))
            return


@lru_cache(maxsize=1)  # asked by the resolutions, actions and kind of each document
def minutes_evidence_at(text: str, lowered: str) -> int | None:
    """Where the text first shows it records a meeting (an attendance list, apologies, "in the
    Chair"), or None for a text that does not (a report about one)."""
    _, _, compiled, _ = _rules()
    found = finditer_near(compiled["minutes_evidence"], text, lowered, compiled["minutes_keywords"], reach=40)
    return found[0].start() if found else None


def reads_as_minutes(text: str, lowered: str) -> bool:
    return minutes_evidence_at(text, lowered) is not None


class _Spans:
    """Sorted spans answering "does [a, b) overlap any of them?" by bisection, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max, initial=-1))[1:]  # furthest end so far

    def overlap(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b) - 1
        return i >= 0 and self.reach[i] > a


RESTATED_WITHIN = 3000  # how far after a carried motion's outcome its "RESOLVED that …" restatement may stand
LEAD_IN = 300  # how far before a resolved part its lead-in may start
LOOKBEHIND = 200  # how far before a cue its `not_after` is looked for
RESTATING_CUE = "resolution.resolved"  # the cue that restates a carried motion as the meeting's decision


def _restating_words(text: str, lead_start: int, part: Part) -> set[str]:
    """A resolved part's opening words and the last words of its lead-in."""
    return set(_words(text[lead_start:part.start])[-40:]) | set(_words(text[part.start:part.end])[:24])


def _carried_parts(text: str, motions: list[Motion], taken: list[Part], cued: list[Part]) -> list[Part]:
    """The wording of each carried motion that no cue or decision sentence already holds (`cued`: the
    cue parts, with those a later summary restates), nor restates just after it ("… Motion carried.
    (4) RESOLVED that pursuant to section 25 …"), nor repeats from just before it (eScribe prints the
    decision as adopted, then "Additional votes:" with the motion that adopted it)."""
    spans = _Spans([(p.start, p.end) for p in taken + cued])
    starts = [p.start for p in taken]
    out = []
    for m in motions:
        if m.result != "carried" or spans.overlap(m.char_start, m.char_end):
            continue
        opening = _first_line(text, m.char_start, m.char_end)
        before = taken[bisect_left(starts, m.char_start - RESTATED_WITHIN):bisect_left(starts, m.char_start)]
        if any(_first_line(text, p.start, p.end) == opening for p in before):
            continue
        mine = set(_words(m.text)[:20])
        closed = max(m.char_end, m.result_offset or 0)  # restated after its outcome, which may come much later
        after = [p for p in taken[bisect_left(starts, closed):bisect_left(starts, closed + RESTATED_WITHIN)]
                 if p.rule_id == RESTATING_CUE]
        # the part, with its lead-in ("RESOLVED that: County Council, having given due regard … (a) …")
        if not any(len(mine & _restating_words(text, max(m.char_end, p.start - LEAD_IN), p)) >= 0.6 * len(mine)
                   for p in after):
            out += _motion_parts(text, m)
    return out


def _first_line(text: str, start: int, end: int) -> str:
    line_end = text.find("\n", start, end)
    return " ".join(text[start:end if line_end == -1 else line_end].split())


def _motion_parts(text: str, motion: Motion) -> list[Part]:
    """A carried motion's resolution rows: its wording, or where its first line leads into a list
    ("That the following actions be taken …:\n\na) … b) …"), that line and each part, as a resolved
    list is read (tests/gold/WRITING.md: one row per part)."""
    _, _, compiled, lookahead = _rules()
    rule_id = f"resolution.carried:{motion.rule_id}"
    line_end = text.find("\n", motion.char_start, motion.char_end)
    if line_end != -1 and compiled["announces_list"].search(text, motion.char_start, line_end):
        if (first := list_below(text, line_end, motion.char_end, lookahead)) is not None:
            parts = parse_list(text, first, motion.char_end, paragraphs=False)
            for part in parts:
                part.rule_id = rule_id
            return [Part(motion.char_start, line_end, rule_id), *parts]
    return [Part(motion.char_start, motion.char_end, rule_id)]


def extract_resolutions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex,
                        motions: list[Motion] | None = None) -> list[Resolution]:
    """Document → its resolved parts in order, numbered within each agenda item; a carried motion
    is a resolution too (`motions`: the document's, when the caller has found them already)."""
    text = doc.text
    _, _, compiled, _ = _rules()
    lowered = lowered_text(text)
    cued = _cue_parts(text, lowered, items)
    parts = _prefer_resolved(text, cued)
    if reads_as_minutes(text, lowered):
        parts += _sentence_parts(text, lowered, sentences, cued)
    if motions is None:
        motions = extract_motions(doc, items, sentences)
    lost = _Spans([(m.char_start, m.char_end) for m in motions if m.result in ("lost", "withdrawn")])
    parts = [p for p in parts if not lost.overlap(p.start, p.start + 1)]  # a motion that fell decided nothing
    parts += _carried_parts(text, motions, sorted(parts, key=lambda p: p.start), cued)
    parts += consent_parts(text, motions)
    out, seen, position = [], set(), {}
    for part in sorted(parts, key=lambda p: p.start):
        end = part.start + len(text[part.start:part.end].rstrip())
        if end <= part.start or (part.start, end) in seen:
            continue
        seen.add((part.start, end))
        item = item_at(items, part.start)
        key = item.position if item else 0
        position[key] = position.get(key, 0) + 1
        body = text[part.start:end]
        out.append(Resolution(
            document_id=doc.id, char_start=part.start, char_end=end, page=doc.page_at(part.start),
            sentence=sentences.sentence_text(part.start), rule_id=part.rule_id, position=position[key],
            text=body, is_recommendation=part.recommendation or bool(compiled["recommends"].search(body)),
        ))
    return out
