"""Where a motion's wording stands around the sentence that proposes it: announced after it ("… as
follows:"), quoted under it, printed under mover lines, adopted after its outcome ("It was APPROVED:
…"), or above a proposal standing on lines of its own. Each finder returns the wording's span."""

import re

from extract.find.motion_rules import motion_rules
from extract.find.sentences import SentenceIndex

LIST_ITEM = re.compile(r"\n\n[ \t]*(?:\(?[a-z]{1,4}\)|\(?[A-Z]\)|\(?\d{1,2}\)|[a-z]{1,4}\.|\d{1,2}\.)[ \t]+\S"
                       r"|\n\n[ \t]*it[ \t]+being[ \t]+(?:further[ \t]+)?noted\b")  # eScribe's rider after the parts
LEADS_IN = re.compile(r"(?::|\bfollowing\b[^\n]*;)[ \t]*\Z")  # "… be taken:", or with a semicolon typed for it


LEAD_IN_REACH = 400  # a list's lead-in colon is looked for this near the paragraph's end, not over the whole text


def paragraph_end(text: str, start: int, limit: int) -> int:
    """The end of the paragraph opening at `start`: the next blank line, or `limit`. A paragraph
    that leads into a list ("… the following actions be taken:") runs on over the list's items."""
    if start >= limit:
        return start
    end = text.find("\n\n", start, limit)
    while end != -1 and LEADS_IN.search(text[max(start, end - LEAD_IN_REACH):end].rstrip()) and LIST_ITEM.match(text, end):
        while (after := text.find("\n\n", end + 2, limit)) != -1 and LIST_ITEM.match(text, after):
            end = after
        end = text.find("\n\n", end + 2, limit)
    return limit if end == -1 else end


# A proposal that announces its wording: its line ends in a colon, or "as follows" on it ends a line
# ("… The amendment text as\nfollows:").
ANNOUNCES = re.compile(r"[^\n]*:[ \t]*(?=\n|\Z)|[^\n]*\bas\s+follows\b[ \t]*[:;,]?[ \t]*(?=\n|\Z)")


def announced_wording(text: str, proposal: re.Match, limit: int) -> tuple[int, int] | None:
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
            return begin, close if close != -1 else paragraph_end(text, begin, limit)
        pos = end + 1
    return None


NUMBER_MARK = r"\(?\d{1,3}(?:\)[.:]?|[.:])|\(?[a-z]{1,3}[.)]"  # "(3)", "813.", "(10):", "a."
NUMBERED = re.compile(rf"[ \t]*(?:{NUMBER_MARK})")
NUMBERING = re.compile(rf"[ \t]*(?:{NUMBER_MARK})?[ \t]*")  # a line's number, if any, and the space after it
QUOTE_AFTER = re.compile(r"[ \t.;,]*\n\s*([“\"])")  # a proposal's line, then a quoted recommendation


def quoted_wording(text: str, proposal: re.Match, limit: int) -> tuple[int, int] | None:
    """The recommendation a proposal moves, quoted on the lines after it ("… seconded by Councillor
    B.\n“Recommendation 4c\nApproves the removal of …”"), to its closing quote."""
    quote = QUOTE_AFTER.match(text, proposal.end(), limit)
    if not quote:
        return None
    close = text.find("”" if quote.group(1) == "“" else '"', quote.end(), limit)
    return quote.end(), close if close != -1 else paragraph_end(text, quote.end(), limit)


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


def adopted_wording(text: str, after: int, limit: int) -> tuple[int, int] | None:
    """The wording a carried outcome adopts, printed after it ("… was CARRIED unanimously.\nIt was
    APPROVED:\nThat the Committee:\n1. Approved the proposed approach …"): from the cue's line, or
    the first line after it that is not a lead-in to a list, without that line's number."""
    rules = motion_rules()
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


VOTE_LINE = re.compile(r"[ \t]*(?:Ayes|AYES|Yeas|YEAS|Noes|NOES|Nays|NAYS|Vote|VOTE|Result|RESULT)[ \t]*:")


def _first_below(text: str, proposal: re.Match, limit: int) -> int | None:
    """Where the first text under a proposal starts, before `limit`."""
    after = text[proposal.end():limit]
    return proposal.end() + len(after) - len(after.lstrip()) if after.strip() else None


def _vote_below(text: str, proposal: re.Match, limit: int) -> bool:
    """Whether the vote follows mover lines directly ("Motion: Patel\nSecond: Brooks\nAyes: …")."""
    begin = _first_below(text, proposal, limit)
    return begin is not None and bool(VOTE_LINE.match(text, begin))


def wording_below(text: str, proposal: re.Match, limit: int) -> tuple[int, int] | None:
    """The paragraph printed under mover lines ("Moved by A\n\nSeconded by B\n\nMotion to open …"); none
    when the vote follows them (the motion is printed above)."""
    begin = _first_below(text, proposal, limit)
    if begin is None or VOTE_LINE.match(text, begin):
        return None
    return begin, paragraph_end(text, begin, limit)


def paragraph_above(text: str, proposal: re.Match, floor: int) -> tuple[int, int] | None:
    """The paragraph printed just above a proposal on lines of its own, from `floor` on (past the item's
    heading, when the paragraph opens with it: "3. CONSENT CALENDAR\n3.A Approve Minutes …")."""
    line_start = text.rfind("\n", 0, proposal.start()) + 1
    above = text.rfind("\n\n", floor, max(floor, line_start - 2))
    begin = floor if above == -1 else above + 2
    if above == -1 and (heading_end := text.find("\n", floor, line_start - 1)) != -1:
        begin = heading_end + 1
    begin = begin + len(text[begin:line_start]) - len(text[begin:line_start].lstrip())
    return (begin, begin + len(text[begin:line_start].rstrip())) if begin < line_start else None


def own_wording(text: str, proposal: re.Match, floor: int, limit: int, below: bool,
                 sentences: SentenceIndex) -> tuple[int, int]:
    """A proposal that no outcome closes → its wording: what it announces ("… and agreed and
    resolved:"); the paragraph below mover lines printed over their wording (`below`), before
    `limit`; the paragraph printed above a proposal standing on lines of its own; else its sentence
    ("It was proposed by …"), with the label before it on its line ("Village Hall – Cllr Cobb.
    Proposed by …", "Election of Chairman: Cllr A, proposed by …")."""
    if announced := announced_wording(text, proposal, len(text)):
        return announced
    if below and (wording := wording_below(text, proposal, limit)):
        return wording
    line_start = text.rfind("\n", 0, proposal.start()) + 1
    line_end = text.find("\n", proposal.end())
    line_end = len(text) if line_end == -1 else line_end
    sentence = sentences.at(proposal.start())
    own_paragraph = text[max(0, line_start - 2):line_start] == "\n\n"
    if own_paragraph and not text[line_start:proposal.start()].strip(" \t(") and \
            not text[proposal.end():line_end].strip(" \t.;,:)"):  # "(Proposed by … and seconded by …)"
        if above := paragraph_above(text, proposal, floor):
            return above
    if text[max(sentence.start, line_start):proposal.start()].strip():
        begin = max(sentence.start, line_start)  # "It was proposed by …", "Cllr Shewell, proposed by …"
    else:
        begin = line_start  # the label before it on its line, or from the numbered line above it
        previous = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        if _numbered(text, previous) and not _numbered(text, line_start) and not own_paragraph:
            begin = previous
    begin = NUMBERING.match(text, begin).end()
    return begin, max(line_end, sentence.end) if proposal.groupdict().get("agreed") else max(line_end, proposal.end())


def proposed_wording(text: str, proposal: re.Match, below: bool, floor: int, reach: int, end: int, limit: int,
                      result: str | None, sentences: SentenceIndex) -> tuple[int, int, str] | None:
    """The wording of a proposal an outcome closes with no motion paragraph of its own before it: what
    the proposal announces, prints below it (`below`) or quotes before `reach` (the next proposal or
    outcome), else what the carried outcome, ending at `end`, adopts before `limit` ("It was
    APPROVED: …"), else the sentence recording the proposal ("Recommendation 2A was moved by …")."""
    announced = announced_wording(text, proposal, reach)
    if announced:
        return (*announced, "motion.announced" if proposal.start() >= floor else "motion.put_after_amendments")
    if below and (wording := wording_below(text, proposal, reach)):
        return (*wording, "motion.below_mover")
    if below and _vote_below(text, proposal, reach) and (wording := paragraph_above(text, proposal, floor)):
        return (*wording, "motion.above_mover")
    if quoted := quoted_wording(text, proposal, reach):
        return (*quoted, "motion.quoted")
    if result == "carried" and (adopted := adopted_wording(text, end, limit)):
        return (*adopted, "motion.adopted")
    if proposal.start() < floor:
        return None
    line_start = text.rfind("\n", 0, proposal.start()) + 1
    sentence = sentences.at(proposal.start())
    return max(sentence.start, line_start), max(sentence.end, proposal.end()), "motion.proposal_sentence"


NOTICE_END = re.compile(r"”|\.(?=\**(?:\s|$))")  # a notice's closing quote, or its sentence's full stop


def notice_wording(text: str, notice: re.Match, limit: int) -> tuple[int, int]:
    """A notice of motion's wording: the rest of its sentence ("… next meeting that the Council write to
    the Minister …."), to its closing quote or full stop."""
    end = NOTICE_END.search(text, notice.end(), limit)
    return notice.end(), end.start() + (end.group() == ".") if end else limit


def notice_mover(text: str, notice: re.Match, floor: int) -> str | None:
    """Who gave the notice: its heading above it ("NOTICE OF MOTION SUBMITTED BY DEPUTY MAURICE
    QUINLIVAN, T.D. (DEFERRED …)", "Notice of Motion submitted by Councillor C. Sheehan")."""
    rules = motion_rules()
    headings = list(rules.notice_mover.finditer(text, max(floor, notice.start() - rules.notice_reach), notice.start()))
    return " ".join(headings[-1].group("name").split()).strip(" ,") if headings else None
