"""Document → motions put to the meeting: wording, mover, seconder, outcome and stated counts.

A motion is found from its outcome backwards ("Motion Passed (15 to 0)", "declared the motion
PASSED", "passed 7-0", a "CARRIED" line): the outcome closes the motion recorded before it, in the
same agenda item and after the previous outcome. Its wording is what the proposal announced ("Mr A
proposed, and Mr B seconded the motion that:" and the paragraph after), else the last "That …"
paragraph there (eScribe and UK/Canadian style), else the last sentence that makes the motion
("Director Williams made the motion to approve …"). A proposal no outcome closes ("It was proposed
by Cllr A, seconded by Cllr B and agreed that …", "Proposed by Councillor A; Seconded by Councillor
B") is a motion of its own: its line, or the paragraph above a proposal printed on lines of its
own; a notice of motion ("I will move at the next meeting that …") is one until a proposal moves it.
Where wording stands around its proposal: find/motion_wording.py. Rules: rules/motions.yaml, loaded
by find/motion_rules.py.
"""

import re
from bisect import bisect_left

from extract.find.cues import finditer_near, lowered_text
from extract.find.motion_rules import Rules, motion_rules, stated_count
from extract.find.motion_wording import (
    announced_wording,
    notice_mover,
    notice_wording,
    own_wording,
    paragraph_end,
    proposed_wording,
)
from extract.find.segment import item_at
from extract.find.sentences import SentenceIndex
from schemas.records import AgendaItem, Document, Motion, Resolution


def _name(pattern: re.Pattern, text: str, start: int, end: int, first: bool = False) -> str | None:
    """The last name `pattern` finds in text[start:end] (the one nearest the outcome), or the first."""
    found = None
    for m in pattern.finditer(text, start, end):
        found = m.group("name") or m.group("subject") or m.groupdict().get("passive")
        if first:
            break
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
    rules = motion_rules()
    last = next(reversed(list(rules.wording_start.finditer(text, start, end))), None)
    if last:
        begin = last.start("lower") if last.group("lower") else last.start() + len(last.group()) - len(last.group().lstrip())
        return _lead_in(text, start, begin), paragraph_end(text, begin, end), "motion.that_paragraph"
    for low, high, how in ((start, end, "motion.moved_sentence"), (end - 2 * rules.window, start, "motion.moved_earlier")):
        if (at := _last_unused(moved, used, low, high)) is not None:
            used.add(at)
            sentence = sentences.at(at)
            return max(sentence.start, low if how == "motion.moved_sentence" else 0), min(sentence.end, end), how
    return None


def _lead_in(text: str, start: int, begin: int) -> int:
    """Where wording opening at `begin` starts: at the paragraph above it, after `start`, when
    that paragraph announces it ("The motion be amended … that reads as follows:")."""
    above_end = text.rfind("\n\n", start, begin)
    if above_end == -1 or text[above_end:begin].strip():
        return begin
    above = max(start, text.rfind("\n\n", start, above_end) + 2)
    lead_in = text[above:above_end].strip()
    if lead_in and motion_rules().wording_lead_in.search(lead_in) and not lead_in.startswith(("That", "THAT")):
        return above + len(text[above:above_end]) - len(text[above:above_end].lstrip())
    return begin


def _block_start(text: str, floor: int, reach: int, start: int) -> int:
    """Where the motion an outcome closes begins: its item's start, or, when no "Motion made by" line
    stands after that but one stands before it (sub-items printed inside the motion's wording:
    "That Council go into closed session to consider: 4.1 …"), that line."""
    rules = motion_rules()
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


def _restates(found: list, outcome: re.Match, start: int, rules: Rules) -> None:
    """An outcome closing no motion of its own just after the last one's restates it ("The motion
    passed with 13 in favor …" then "Chair Buzek declared the motion PASSED unanimously.")."""
    if found and outcome.groupdict().get("unanimous") and \
            0 <= start - found[-1][3]["result_offset"] <= rules.restated_within:
        found[-1][3]["unanimous"] = True


def _open_proposals(text: str, items: list[AgendaItem], proposing: list[tuple[re.Match, str]], starts: list[int],
                    closed: set[int], taken: list[tuple[int, int]], sentences: SentenceIndex) -> list[tuple]:
    """The proposals no outcome closed, each a motion of its own. A notice of motion ("I will move at
    the next meeting that …") takes the mover, seconder and outcome of the proposal that moves it
    next in its item ("The Motion was proposed by Councillor A, seconded by Councillor B and agreed")."""
    rules = motion_rules()
    found, notice = [], None  # notice: (its item's start, its fields) while no proposal has moved it
    for index, (proposal, rule_id) in enumerate(proposing):
        spot = bisect_left(taken, (proposal.start() + 1,)) - 1
        if index in closed or spot >= 0 and taken[spot][1] > proposal.start():
            continue  # it closed a motion, or stands inside one's wording
        item = item_at(items, proposal.start())
        floor = item.char_start if item else 0
        limit = min(item.char_end if item else len(text), starts[index + 1] if index + 1 < len(starts) else len(text))
        agreed = bool(proposal.groupdict().get("agreed"))
        seconder = _group(proposal, "seconder") or _name(rules.seconder, text, proposal.end(),
                                                         min(limit, proposal.end() + rules.seconder_reach))
        fields = dict(
            result="carried" if agreed else None, mover=_group(proposal, "mover"), seconder=seconder,
            unanimous=bool(proposal.groupdict().get("unanimous")), said=proposal.groupdict().get("kind"),
            result_offset=proposal.start("agreed") if agreed else None)
        if notice and notice[0] == floor and \
                rules.moves_notice.fullmatch(text, sentences.at(proposal.start()).start, proposal.start()):
            notice[1].update({key: value for key, value in fields.items() if value})
            notice = None
        elif rule_id in rules.notices:
            fields["mover"] = notice_mover(text, proposal, floor)
            found.append((*notice_wording(text, proposal, limit), f"{rule_id}+motion.notice", fields))
            notice = (floor, fields)
        else:
            begin, finish = own_wording(text, proposal, floor, limit, rule_id in rules.wording_below, sentences)
            found.append((begin, finish, f"{rule_id}+motion.proposal", fields))
    return found


def extract_motions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Motion]:
    """Document → its motions in text order, each with the outcome that closed it."""
    text, rules = doc.text, motion_rules()
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
        result = rules.outcomes.get(m.group("result").lower())
        if result == "withdrawn" and m.groupdict().get("for"):
            result = "lost"  # "the amendment FELL with 2 voting FOR and 7 AGAINST": put to the vote, it fell
        last = bisect_left(proposal_starts, start) - 1
        proposal = proposals[last] if last >= 0 and proposal_starts[last] >= floor and last not in closed else None
        wording = list(announced_wording(text, proposal, _next_start(closes, proposal_starts, proposal.end(), start))
                       or ()) if proposal else None
        how = "motion.announced"
        if not wording:
            located = _wording(text, floor, start, moved, used, sentences)
            if not located:  # the proposal's own wording, or the substantive motion put after its amendments
                last = _last_open(proposal_starts, closed, item.char_start if item else 0, start)
                proposal = proposals[last] if last is not None else None
                limit = _next_start(closes, proposal_starts, end, item.char_end if item else len(text))
                located = proposal and proposed_wording(
                    text, proposal, proposing[last][1] in rules.wording_below, floor,
                    _next_start(closes, proposal_starts, proposal.end(), start), end, limit, result, sentences)
                if not located:
                    _restates(found, m, start, rules)
                    continue
            *wording, how = located
        if proposal is None:  # a proposal inside the wording found ("X moved approval of …") is its own
            inside = bisect_left(proposal_starts, wording[0])
            if inside < len(proposal_starts) and proposal_starts[inside] < wording[1] and inside not in closed:
                proposal, last = proposals[inside], inside
        if proposal:
            closed.add(last)
        later = rules.seconded_later.search(text, proposal.end(), start) if proposal else None
        if later and wording[0] < later.start() < wording[1]:  # the amendment's wording, then its seconder
            wording[1] = max(wording[0], text.rfind("\n", 0, later.start()))
        if proposal:
            mover = _group(proposal, "mover")
            seconder = (_group(proposal, "seconder") or (_group(later, "name") if later else None)
                        or _name(rules.seconder, text, proposal.end(), start))
        else:  # named in the wording's own sentence ("Director Green made the motion …"), the seconder
            # just after it; else the last named in the block the outcome closes
            after = (wording[1], min(start, wording[1] + rules.seconder_reach))
            mover = _name(rules.mover, text, *wording) or _name(rules.mover, text, floor, start)
            seconder = _name(rules.seconder, text, *after, first=True) or _name(rules.seconder, text, floor, start)
        found.append((*wording, f"{entry['id']}+{how}", dict(
            result=result, mover=mover, seconder=seconder,
            votes_for=stated_count(m, "for"), votes_against=stated_count(m, "against"), abstentions=stated_count(m, "abstain"),
            unanimous=bool(m.groupdict().get("unanimous")), result_offset=start, said=m.groupdict().get("kind"))))
    taken = sorted((a, b) for a, b, *_ in found)
    found += _open_proposals(text, items, proposing, proposal_starts, closed, taken, sentences)
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
