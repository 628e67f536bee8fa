"""Document → motions put to the meeting: wording, mover, seconder, outcome and stated counts.

A motion is found from its outcome backwards ("Motion Passed (15 to 0)", "declared the motion
PASSED", "passed 7-0", a "CARRIED" line): the outcome closes the motion recorded before it, in the
same agenda item and after the previous outcome. Its wording is what the proposal announced ("Mr A
proposed, and Mr B seconded the motion that:" and the paragraph after), else the last "That …"
paragraph there (eScribe and UK/Canadian style), else the last sentence that makes the motion
("Director Williams made the motion to approve …"). A proposal no outcome closes ("It was proposed
by Cllr A, seconded by Cllr B and agreed that …", "Proposed by Councillor A; Seconded by Councillor
B") is a motion of its own: its line, or the paragraph above a proposal printed on lines of its
own. Rules: rules/motions.yaml.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from extract.find.cues import check_keywords, finditer_near, load_cues, lowered_text
from extract.find.segment import item_at
from extract.find.sentences import SentenceIndex
from extract.rules import compile_pattern, load_yaml
from schemas.records import AgendaItem, Document, Motion, Resolution

RULE_FILE = "motions.yaml"


@dataclass(frozen=True)
class Rules:
    results: list[tuple[dict, re.Pattern]]
    proposals: list[tuple[dict, re.Pattern]]
    outcomes: dict[str, str]
    wording_start: re.Pattern
    moved: re.Pattern
    moved_keywords: list[str]
    mover: re.Pattern
    seconder: re.Pattern
    seconded_later: re.Pattern
    adopted: re.Pattern
    adopted_reach: int
    procedural: re.Pattern
    amendment: re.Pattern
    window: int
    restated_within: int
    wording_below: frozenset[str]  # proposals printed over their wording ("Moved by …" lines)


@cache
def _rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    results = load_cues(RULE_FILE, rules["results"])
    for entry in rules["proposals"]:
        entry["pattern"] = entry["pattern"].replace("{name}", rules["name"]).replace("{agreed}", rules["agreed"])
    outcomes = {word: outcome for outcome, words in rules["outcomes"].items() for word in words}
    rules["seconded_later"] = rules["seconded_later"].replace("{name}", rules["name"])
    moved = rules["moved"]
    one = lambda key: compile_pattern(RULE_FILE, {"p": rules[key]}, "p")  # noqa: E731 - a local shorthand
    return Rules(results, load_cues(RULE_FILE, rules["proposals"]), outcomes, one("wording_start"),
                 compile_pattern(RULE_FILE, moved), check_keywords(RULE_FILE, moved), one("mover"), one("seconder"),
                 one("seconded_later"), one("adopted"), rules["adopted_reach"],
                 one("procedural"), one("amendment"), rules["window"], rules["restated_within"],
                 frozenset(e["id"] for e in rules["proposals"] if e.get("wording") == "after"))


COUNT_WORDS = {"none": 0, "no": 0, "one": 1}


def _count(m: re.Match, group: str) -> int | None:
    value = m.groupdict().get(group)
    if not value:
        return None
    return int(value) if value.isdigit() else COUNT_WORDS[value.lower()]


LIST_ITEM = re.compile(r"\n\n[ \t]*(?:\(?[a-z]{1,4}\)|\(?\d{1,2}\)|[a-z]{1,4}\.|\d{1,2}\.)[ \t]+\S")


def _paragraph_end(text: str, start: int, limit: int) -> int:
    """The end of the paragraph opening at `start`: the next blank line, or `limit`. A paragraph
    that leads into a list ("… the following actions be taken:") runs on over the list's items."""
    if start >= limit:
        return start
    end = text.find("\n\n", start, limit)
    while end != -1 and text[:end].rstrip().endswith(":") and LIST_ITEM.match(text, end):
        while (after := text.find("\n\n", end + 2, limit)) != -1 and LIST_ITEM.match(text, after):
            end = after
        end = text.find("\n\n", end + 2, limit)
    return limit if end == -1 else end


def _name(pattern: re.Pattern, text: str, start: int, end: int) -> str | None:
    found = None
    for m in pattern.finditer(text, start, end):
        found = m.group("name") or m.group("subject")
    return found.strip() if found else None


def _last_unused(moved: list[int], used: set[int], low: int, high: int) -> int | None:
    """The last moving-sentence offset in [low, high) not yet given to a motion."""
    for i in range(bisect_left(moved, high) - 1, bisect_left(moved, low) - 1, -1):
        if moved[i] not in used:
            return moved[i]
    return None


def _wording(text: str, start: int, end: int, moved: list[int], used: set[int],
             sentences: SentenceIndex) -> tuple[int, int, str] | None:
    """The motion recorded in text[start:end]: its "That …" paragraph or its moving sentence; else
    the last motion moved earlier and not yet closed (a main motion voted after its amendment)."""
    rules = _rules()
    last = next(reversed(list(rules.wording_start.finditer(text, start, end))), None)
    if last:
        begin = last.start("lower") if last.group("lower") else last.start() + len(last.group()) - len(last.group().lstrip())
        return begin, _paragraph_end(text, begin, end), "motion.that_paragraph"
    for low, high, how in ((start, end, "motion.moved_sentence"), (end - 2 * rules.window, start, "motion.moved_earlier")):
        if (at := _last_unused(moved, used, low, high)) is not None:
            used.add(at)
            sentence = sentences.at(at)
            return max(sentence.start, low if how == "motion.moved_sentence" else 0), min(sentence.end, end), how
    return None


# A proposal that announces its wording: its line ends in a colon, or "as follows" on it ends a line
# ("… The amendment text as\nfollows:").
ANNOUNCES = re.compile(r"[^\n]*:[ \t]*(?=\n|\Z)|[^\n]*\bas\s+follows\b[ \t]*[:;,]?[ \t]*(?=\n|\Z)")


def _announced(text: str, proposal: re.Match, limit: int) -> tuple[int, int] | None:
    """The wording a proposal announces ("… seconded the motion that:", "… moved an amendment to the
    report as follows;"): the next paragraph that is not a label ("Proposed Purpose:"), without its
    opening quote mark, to its closing quote or paragraph end."""
    announces = ANNOUNCES.match(text, proposal.end(), limit)
    if not announces:
        return None
    pos = announces.end() + 1
    while pos < limit:
        end = text.find("\n", pos, limit)
        end = limit if end == -1 else end
        line = text[pos:end].strip()
        if line and not line.endswith(":"):
            begin = pos + len(text[pos:end]) - len(text[pos:end].lstrip()) + (line[0] in "“\"'‘")
            close = text.find("”", begin, limit)
            return begin, close if close != -1 else _paragraph_end(text, begin, limit)
        pos = end + 1
    return None


NUMBER_MARK = r"\(?\d{1,3}(?:\)[.:]?|[.:])|\(?[a-z]{1,3}[.)]"  # "(3)", "813.", "(10):", "a."
NUMBERED = re.compile(rf"[ \t]*(?:{NUMBER_MARK})")
NUMBERING = re.compile(rf"[ \t]*(?:{NUMBER_MARK})?[ \t]*")  # a line's number, if any, and the space after it
QUOTE_AFTER = re.compile(r"[ \t.;,]*\n\s*([“\"])")  # a proposal's line, then a quoted recommendation


def _quoted(text: str, proposal: re.Match, limit: int) -> tuple[int, int] | None:
    """The recommendation a proposal moves, quoted on the lines after it ("… seconded by Councillor
    B.\n“Recommendation 4c\nApproves the removal of …”"), to its closing quote."""
    quote = QUOTE_AFTER.match(text, proposal.end(), limit)
    if not quote:
        return None
    close = text.find("”" if quote.group(1) == "“" else '"', quote.end(), limit)
    return quote.end(), close if close != -1 else _paragraph_end(text, quote.end(), limit)


def _sentence_lines_end(text: str, begin: int, limit: int) -> int:
    """Where wording printed as lines ends: at a blank line, or after a line ending a sentence that
    no numbered line follows (a list of adopted recommendations runs on over its items)."""
    pos = begin
    while (end := text.find("\n", pos, limit)) != -1:
        after = end + 1
        next_end = text.find("\n", after, limit)
        blank = not text[after:limit if next_end == -1 else next_end].strip()
        if blank or text[pos:end].rstrip().endswith(".") and not NUMBERED.match(text, after):
            return end
        pos = after
    return limit


def _adopted(text: str, after: int, limit: int) -> tuple[int, int] | None:
    """The wording a carried outcome adopts, printed after it ("… was CARRIED unanimously.\nIt was
    APPROVED:\nThat the Committee:\n1. Approved the proposed approach …"): from the cue's line, or
    the first line after it that is not a lead-in to a list, without that line's number."""
    rules = _rules()
    cue = rules.adopted.search(text, after, min(limit, after + rules.adopted_reach))
    if not cue:
        return None
    pos = cue.end()
    line_end = text.find("\n", pos, limit)
    line_end = limit if line_end == -1 else line_end
    if text[pos:line_end].strip():  # "It was APPROVED that a Task and Finish Group be initiated …"
        return pos, _sentence_lines_end(text, pos, limit)
    pos = line_end + 1
    while pos < limit:
        end = text.find("\n", pos, limit)
        end = limit if end == -1 else end
        line = text[pos:end].strip()
        lead_in = line.endswith((":", ";")) or \
            not line.endswith(".") and not _numbered(text, pos) and _numbered(text, end + 1)
        if line and not lead_in:
            begin = NUMBERING.match(text, pos).end()
            return begin, _sentence_lines_end(text, begin, limit)
        pos = end + 1
    return None


def _numbered(text: str, line_start: int) -> bool:
    return bool(NUMBERED.match(text, line_start))


def _below(text: str, proposal: re.Match, limit: int) -> tuple[int, int] | None:
    """The paragraph printed under mover lines ("Moved by A\n\nSeconded by B\n\nMotion to open …")."""
    after = text[proposal.end():limit]
    if not after.strip():
        return None
    begin = proposal.end() + len(after) - len(after.lstrip())
    return begin, _paragraph_end(text, begin, limit)


def _own_wording(text: str, proposal: re.Match, floor: int, limit: int, below: bool,
                 sentences: SentenceIndex) -> tuple[int, int]:
    """A proposal that no outcome closes → its wording: what it announces ("… and agreed and
    resolved:"); the paragraph below mover lines printed over their wording (`below`), before
    `limit`; the paragraph printed above a proposal standing on lines of its own; else its sentence
    ("It was proposed by …"), with the label before it on its line ("Village Hall – Cllr Cobb.
    Proposed by …", "Election of Chairman: Cllr A, proposed by …")."""
    if announced := _announced(text, proposal, len(text)):
        return announced
    if below and (wording := _below(text, proposal, limit)):
        return wording
    line_start = text.rfind("\n", 0, proposal.start()) + 1
    line_end = text.find("\n", proposal.end())
    line_end = len(text) if line_end == -1 else line_end
    sentence = sentences.at(proposal.start())
    own_paragraph = text[max(0, line_start - 2):line_start] == "\n\n"
    if own_paragraph and not text[line_start:proposal.start()].strip(" \t(") and \
            not text[proposal.end():line_end].strip(" \t.;,:)"):  # "(Proposed by … and seconded by …)"
        above = text.rfind("\n\n", floor, max(floor, line_start - 2))
        begin = floor if above == -1 else above + 2
        begin = begin + len(text[begin:line_start]) - len(text[begin:line_start].lstrip())
        if begin < line_start:
            return begin, begin + len(text[begin:line_start].rstrip())
    if text[max(sentence.start, line_start):proposal.start()].strip():
        begin = max(sentence.start, line_start)  # "It was proposed by …", "Cllr Shewell, proposed by …"
    else:
        begin = line_start  # the label before it on its line, or from the numbered line above it
        previous = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        if _numbered(text, previous) and not _numbered(text, line_start) and not own_paragraph:
            begin = previous
    begin = NUMBERING.match(text, begin).end()
    return begin, max(line_end, sentence.end) if proposal.groupdict().get("agreed") else max(line_end, proposal.end())


def _block_start(text: str, floor: int, reach: int, start: int) -> int:
    """Where the motion an outcome closes begins: its item's start, or, when no "Motion made by" line
    stands after that but one stands before it (sub-items printed inside the motion's wording:
    "That Council go into closed session to consider: 4.1 …"), that line."""
    rules = _rules()
    if floor <= reach or any(m.group("name") for m in rules.mover.finditer(text, floor, start)):
        return floor
    lines = [m.start() for m in rules.mover.finditer(text, reach, floor) if m.group("name")]
    return lines[-1] if lines else floor


def _last_open(starts: list[int], closed: set[int], low: int, high: int) -> int | None:
    """Index of the last proposal in [low, high) no outcome has closed yet."""
    for i in range(bisect_left(starts, high) - 1, bisect_left(starts, low) - 1, -1):
        if i not in closed:
            return i
    return None


def _kind(rules: Rules, wording: str, said: str | None) -> str:
    if said and said.lower() == "amendment" or rules.amendment.search(wording[:200]):
        return "amendment"
    return "procedural" if rules.procedural.search(wording[:300]) else "motion"


def _group(m: re.Match, name: str) -> str | None:
    value = m.groupdict().get(name)
    return " ".join(value.split()).rstrip(".") if value else None


def _next_start(closes: list, proposal_starts: list[int], after: int, limit: int) -> int:
    """Where the next outcome or proposal after `after` begins, or `limit`."""
    i = bisect_left(proposal_starts, after)
    j = bisect_left(closes, (after,))
    return min(limit, proposal_starts[i] if i < len(proposal_starts) else limit,
               closes[j][0] if j < len(closes) else limit)


def _proposed_wording(text: str, proposal: re.Match, below: bool, floor: int, reach: int, end: int, limit: int,
                      result: str | None, sentences: SentenceIndex) -> tuple[int, int, str] | None:
    """The wording of a proposal an outcome closes with no motion paragraph of its own before it: what
    the proposal announces, prints below it (`below`) or quotes before `reach` (the next proposal or
    outcome), else what the carried outcome, ending at `end`, adopts before `limit` ("It was
    APPROVED: …"), else the sentence recording the proposal ("Recommendation 2A was moved by …")."""
    announced = _announced(text, proposal, reach)
    if announced:
        return (*announced, "motion.announced" if proposal.start() >= floor else "motion.put_after_amendments")
    if below and (wording := _below(text, proposal, reach)):
        return (*wording, "motion.below_mover")
    if quoted := _quoted(text, proposal, reach):
        return (*quoted, "motion.quoted")
    if result == "carried" and (adopted := _adopted(text, end, limit)):
        return (*adopted, "motion.adopted")
    if proposal.start() < floor:
        return None
    line_start = text.rfind("\n", 0, proposal.start()) + 1
    sentence = sentences.at(proposal.start())
    return max(sentence.start, line_start), max(sentence.end, proposal.end()), "motion.proposal_sentence"


def _restates(found: list, outcome: re.Match, start: int, rules: Rules) -> None:
    """An outcome closing no motion of its own just after the last one's restates it ("The motion
    passed with 13 in favor …" then "Chair Buzek declared the motion PASSED unanimously.")."""
    if found and outcome.groupdict().get("unanimous") and \
            0 <= start - found[-1][3]["result_offset"] <= rules.restated_within:
        found[-1][3]["unanimous"] = True


def extract_motions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Motion]:
    """Document → its motions in text order, each with the outcome that closed it."""
    text, rules = doc.text, _rules()
    lowered = lowered_text(text)
    closes = sorted(((m.start(), m.end(), entry, m) for entry, pattern in rules.results
                     for m in finditer_near(pattern, text, lowered, entry["keywords"])), key=lambda c: c[:2])
    proposing = sorted(((m, entry["id"]) for entry, pattern in rules.proposals
                        for m in finditer_near(pattern, text, lowered, entry["keywords"])), key=lambda p: p[0].start())
    proposals = [m for m, _ in proposing]
    proposal_starts = [m.start() for m in proposals]
    moved = [m.start() for m in finditer_near(rules.moved, text, lowered, rules.moved_keywords)]
    found, previous_end, used, closed = [], 0, set(), set()
    for start, end, entry, m in closes:
        if start < previous_end:
            continue  # one outcome read by two rules
        item = item_at(items, start)
        floor = max(previous_end, item.char_start if item else 0, start - rules.window)
        floor = _block_start(text, floor, max(previous_end, start - rules.window), start)
        previous_end = end
        last = bisect_left(proposal_starts, start) - 1
        proposal = proposals[last] if last >= 0 and proposal_starts[last] >= floor and last not in closed else None
        wording = list(_announced(text, proposal, _next_start(closes, proposal_starts, proposal.end(), start))
                       or ()) if proposal else None
        how = "motion.announced"
        if not wording:
            located = _wording(text, floor, start, moved, used, sentences)
            if not located:  # the proposal's own wording, or the substantive motion put after its amendments
                last = _last_open(proposal_starts, closed, item.char_start if item else 0, start)
                proposal = proposals[last] if last is not None else None
                limit = _next_start(closes, proposal_starts, end, item.char_end if item else len(text))
                located = proposal and _proposed_wording(
                    text, proposal, proposing[last][1] in rules.wording_below, floor,
                    _next_start(closes, proposal_starts, proposal.end(), start), end, limit,
                    rules.outcomes.get(m.group("result").lower()), sentences)
                if not located:
                    _restates(found, m, start, rules)
                    continue
            *wording, how = located
        if proposal:
            closed.add(last)
        later = rules.seconded_later.search(text, proposal.end(), start) if proposal else None
        if later and wording[0] < later.start() < wording[1]:  # the amendment's wording, then its seconder
            wording[1] = max(wording[0], text.rfind("\n", 0, later.start()))
        mover = _group(proposal, "mover") if proposal else _name(rules.mover, text, floor, start)
        seconder = (_group(proposal, "seconder") or (_group(later, "name") if later else None) if proposal
                    else _name(rules.seconder, text, floor, start))
        result = rules.outcomes.get(m.group("result").lower())
        if result == "withdrawn" and m.groupdict().get("for"):
            result = "lost"  # "the amendment FELL with 2 voting FOR and 7 AGAINST": put to the vote, it fell
        found.append((*wording, f"{entry['id']}+{how}", dict(
            result=result, mover=mover, seconder=seconder,
            votes_for=_count(m, "for"), votes_against=_count(m, "against"), abstentions=_count(m, "abstain"),
            unanimous=bool(m.groupdict().get("unanimous")), result_offset=start, said=m.groupdict().get("kind"))))
    taken = sorted((a, b) for a, b, *_ in found)
    for index, (proposal, rule_id) in enumerate(proposing):
        spot = bisect_left(taken, (proposal.start() + 1,)) - 1
        if index in closed or spot >= 0 and taken[spot][1] > proposal.start():
            continue  # it closed a motion, or stands inside one's wording
        item = item_at(items, proposal.start())
        limit = min(item.char_end if item else len(text),
                    proposal_starts[index + 1] if index + 1 < len(proposal_starts) else len(text))
        begin, finish = _own_wording(text, proposal, item.char_start if item else 0, limit,
                                     rule_id in rules.wording_below, sentences)
        agreed = bool(proposal.groupdict().get("agreed"))
        found.append((begin, finish, f"{rule_id}+motion.proposal", dict(
            result="carried" if agreed else None, mover=_group(proposal, "mover"), seconder=_group(proposal, "seconder"),
            unanimous=bool(proposal.groupdict().get("unanimous")), said=proposal.groupdict().get("kind"),
            result_offset=proposal.start("agreed") if agreed else None)))
    motions = []
    for begin, finish, rule_id, fields in sorted(found, key=lambda f: f[0]):
        finish = begin + len(text[begin:finish].rstrip())
        if finish <= begin:
            continue
        wording = text[begin:finish]
        motions.append(Motion(
            document_id=doc.id, char_start=begin, char_end=finish, page=doc.page_at(begin),
            sentence=sentences.sentence_text(begin), rule_id=rule_id, position=len(motions) + 1, text=wording,
            kind=_kind(rules, wording, fields.pop("said")), **fields))
    return motions


def decided(motions: list[Motion], resolutions: list[Resolution]) -> list[Motion]:
    """A motion with no stated outcome whose wording the minutes record as resolved was carried
    (inferred: "Election of Chairman: Cllr A, proposed by Cllr B, seconded by Cllr C")."""
    spans = sorted((r.char_start, r.char_end) for r in resolutions)
    starts = [s for s, _ in spans]
    out = []
    for motion in motions:
        i = bisect_left(starts, motion.char_end) - 1
        overlaps = i >= 0 and any(spans[j][1] > motion.char_start for j in range(max(0, i - 2), i + 1))
        if motion.result is None and overlaps:
            motion = motion.model_copy(update={"result": "carried", "inferred": "result"})
        out.append(motion)
    return out
