"""Document + its motions → named votes: one `Vote` per member per recorded vote, the name as its span.

Four layouts (rules/votes.yaml): a sentence ("Councilmembers Butts, Groves and Rye voted in favor"),
and three read from labels: a label line and the names under it
("For (57)" then "Mr Baker, Mr Baldock, …"; "Yeas:" then one name a line); a header row of labels
heading columns of names ("Yeas: | Nays:" then "Mayor J. Morgan | A. Hopkins"); and Legistar's
flattened table, its labels first ("RESULT:", "MOVER:", … "AYES:") and their values after in the
same order. A block's votes belong to the motion whose outcome follows it ("… Mr D Ross\nMotion carried."),
else to the last motion whose wording starts before it; counts stated
on a label ("Abstain (2)") fill the motion's counts where its outcome gave none.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from extract.find.person_keys import KEY_HONORIFICS
from extract.find.sentences import SentenceIndex
from extract.rules import compile_pattern, load_yaml
from schemas.records import Document, Motion, Vote

RULE_FILE = "votes.yaml"
COUNT_FIELDS = {"for": "votes_for", "against": "votes_against", "abstain": "abstentions", "absent": "absent"}


@dataclass(frozen=True)
class Rules:
    vote_of: dict[str, str]  # label (lower case) → for / against / abstain / absent
    label_line: re.Pattern
    legistar: frozenset[str]
    not_names: frozenset[str]
    post_nominals: frozenset[str]
    particles: frozenset[str]
    group_words: frozenset[str]
    max_words: int
    outcome_reach: int
    announces_vote: re.Pattern  # an outcome owning the vote printed under it
    announced_reach: int
    sentence_vote: re.Pattern
    sentence_votes: dict[str, str]
    pair_vote: re.Pattern
    pair_votes: dict[str, str]
    min_pairs: int


@cache
def _rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    vote_of = {label: vote for vote, labels in rules["labels"].items() for label in labels}
    alternatives = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in sorted(vote_of, key=len, reverse=True))
    label_line = compile_pattern(RULE_FILE, {"p": rules["label_line"].format(labels=alternatives)}, "p")
    return Rules(vote_of, label_line, *(frozenset(rules[k]) for k in ("legistar_labels", "not_names", "post_nominals",
                                                                       "particles", "group_words")),
                 rules["max_words"], rules["outcome_reach"],
                 compile_pattern(RULE_FILE, {"p": rules["announces_vote"]}, "p", re.I), rules["announced_reach"],
                 compile_pattern(RULE_FILE, {"p": rules["sentence_vote"]}, "p"),
                 rules["sentence_votes"], compile_pattern(RULE_FILE, {"p": rules["pair_vote"]}, "p"),
                 {k.lower(): v for k, v in rules["pair_votes"].items()}, rules["min_pairs"])


@dataclass(frozen=True)
class Cast:
    start: int
    end: int
    vote: str


@dataclass(frozen=True)
class Block:
    """A recorded vote's block: its casts, the counts stated on its labels, the motion fields a
    Legistar summary states (mover, seconder, counts), and where it ends when it holds no casts."""

    start: int
    casts: list[Cast]
    counts: dict[str, int] = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    end: int | None = None


def _is_name(chunk: str, rules: Rules) -> bool:
    words = chunk.split()
    if not 0 < len(words) <= rules.max_words or DIGIT.search(chunk):
        return False
    if any(w.lower().strip(".") in rules.not_names for w in words):
        return False  # "Motion Carried", "None"
    if all(w.lower().strip(".") in KEY_HONORIFICS for w in words):
        return False  # "Mr" alone: the name wrapped onto the next line
    return all(w[0].isupper() or w.lower() in rules.particles for w in words) and any(len(w.strip(".")) > 1 for w in words)


LINE_SEPARATOR = re.compile(r"[\n|]")
DIGIT = re.compile(r"\d")
LIST_SEPARATOR = re.compile(r",|;|\band\b")


def _names(text: str, start: int, end: int, vote: str, rules: Rules, by_line: bool) -> list[Cast]:
    """The names in text[start:end], up to the first chunk that is not a name → casts.

    A run with commas is split on commas, semicolons and "and" (a name may wrap over a line break);
    otherwise one name a line."""
    casts = []
    pos = start
    for piece in [*(LINE_SEPARATOR if by_line else LIST_SEPARATOR).finditer(text, start, end), None]:
        piece_end = piece.start() if piece else end
        chunk = text[pos:piece_end]
        core = chunk.strip().rstrip(".")
        lead = pos + len(chunk) - len(chunk.lstrip())
        words = core.split()
        if words and words[0].lower() in rules.group_words:  # "Councilmembers Daysog"
            lead = text.index(words[1], lead) if len(words) > 1 else lead + len(core)
            core = " ".join(words[1:])
        if core and core.lower() in rules.post_nominals:
            pass  # "Sir Paul Carter, CBE": letters after the name before
        elif core and _is_name(core, rules):
            casts.append(Cast(lead, lead + len(text[lead:piece_end].strip().rstrip(".")), vote))
        elif core:
            lines = chunk.strip().split("\n")
            heads = ["\n".join(lines[:n]).strip().rstrip(".") for n in range(len(lines) - 1, 0, -1)]
            last = next((h for h in heads if _is_name(h, rules)), None)
            if not by_line and last:  # "Mr D Ross\nMotion carried.": the last name, then prose
                casts.append(Cast(lead, lead + len(last), vote))
            return casts  # not a name: the list has ended
        pos = piece.end() if piece else end
    return casts


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


RUNS_ON = re.compile(r"(?:,|\band|\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Cllr|Councillor|Councilmember)\.?)\s*\Z")
RUN_GOES_ON = re.compile(r"\s*(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Cllr|Councillor|Councilmember)\b|[A-Z][\w’'-]+,)")


def _run_end(text: str, start: int, limit: int) -> int:
    """Where a comma-run of names ends: at a blank line after a whole name ("… and Councilmember
    Lee\n\n24-102 Contract …"), not one a page break put inside the run ("Mr Hood, Mr\n\nJeffrey",
    "Mr Hook\n\nMr Jeffrey, …")."""
    blank = text.find("\n\n", start, limit)
    while blank != -1:
        if not RUNS_ON.search(text, start, blank) and not RUN_GOES_ON.match(text, blank + 2):
            return blank
        blank = text.find("\n\n", blank + 2, limit)
    return limit


BLOCK_REACH = 4000  # characters: how far a label's names may run
NEAR_LABEL = 400  # characters: how near a vote's next label stands


def _label_blocks(text: str, rules: Rules) -> list[Block]:
    """Label lines and the names under each → (block start, casts, counts stated on labels)."""
    labels = list(rules.label_line.finditer(text))
    votes = [rules.vote_of[re.sub(r"\s+", " ", m.group("label").lower())] for m in labels]
    cast_at = [m.start() for m, vote in zip(labels, votes) if vote != "absent"]  # labels of votes cast
    blocks = []
    for i, (m, vote) in enumerate(zip(labels, votes)):
        at = bisect_right(cast_at, m.start())
        if vote == "absent" and not (at and m.start() - cast_at[at - 1] < BLOCK_REACH
                                     or at < len(cast_at) and cast_at[at] - m.start() < NEAR_LABEL):
            continue  # "Absent: Councilman Zorn" with no vote beside it: the attendance, not a vote
        line_end = _line_end(text, m.start())
        stated = m.group("count") or m.group("dash") or m.group("after") or m.group("tally")
        counts = {vote: int(stated)} if stated else {}
        if "|" in text[m.end():line_end]:
            blocks.append(Block(m.start(), _columns(text, m.start(), line_end, rules)))
            continue
        limit = labels[i + 1].start() if i + 1 < len(labels) else min(len(text), line_end + BLOCK_REACH)
        first_line = next((line for line in text[m.end():limit].split("\n") if line.strip()), "")
        # "Mr Baker, Mr Baldock, Mr\nBooth" and "Mayor Kim and Councilmember Jobs" run on; "Mayor J. Morgan" stands alone
        by_line = not re.search(r",|\band\b", first_line)
        if not by_line:
            limit = _run_end(text, m.end(), limit)
        blocks.append(Block(m.start(), _names(text, m.end(), limit, vote, rules, by_line), counts))
    return blocks


SENTENCE_START = re.compile(r"(?:^|(?<=[.;:!?])\s+|\n)(?=[A-Z])")


def _sentence_blocks(text: str, rules: Rules) -> list[Block]:
    """Votes told in a sentence ("Councilmembers Butts, Groves and Rye voted in favor.") → blocks."""
    blocks = []
    for m in rules.sentence_vote.finditer(text):
        starts = [s.end() for s in SENTENCE_START.finditer(text, max(0, m.start() - 300), m.start())]
        vote = rules.sentence_votes[" ".join(m.group("how").lower().split())]
        if starts and (casts := _names(text, starts[-1], m.start(), vote, rules, by_line=False)):
            blocks.append(Block(starts[-1], casts))
    return blocks


PAIR_GAP = re.compile(r"[ \t]*(?:[;,]\s*|\.?[ \t]*\n[ \t]*)(?:and\s+)?")  # one pair a line too


def _pair_blocks(text: str, rules: Rules) -> list[Block]:
    """A roll call told name by vote ("Councilmembers Daysog: Aye; Herrera Spencer: Aye; … and Mayor
    Ezzy Ashcraft: Aye.") → blocks, the group word before the first name dropped."""
    runs, run, previous = [], [], None
    for m in rules.pair_vote.finditer(text):
        if not (previous and PAIR_GAP.fullmatch(text, previous.end(), m.start())):
            runs.append(run := [])
        run.append(m)
        previous = m
    blocks = []
    for run in (r for r in runs if len(r) >= rules.min_pairs):
        casts = []
        for m in run:
            start = m.start("name")
            first = text[start:m.end("name")].split(" ", 1)
            if len(first) == 2 and first[0].lower() in rules.group_words:
                start += len(first[0]) + 1  # "Councilmembers Daysog: Aye" names Daysog
            casts.append(Cast(start, m.end("name"), rules.pair_votes[m.group("how").lower()]))
        blocks.append(Block(run[0].start(), casts))
    return blocks


def _columns(text: str, start: int, header_end: int, rules: Rules) -> list[Cast]:
    """A header row of labels over columns of names, one row a line, cells split on "|"."""
    cells = text[start:header_end].split("|")
    votes = [rules.vote_of.get(re.sub(r"[\s:]+", " ", c).strip().lower()) for c in cells]
    if None in votes:
        return []
    casts, pos = [], header_end + 1
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end]
        if line.strip():
            cell_start = pos
            row = []
            for column, cell in enumerate(line.split("|")):
                core = cell.strip()
                if core and (column >= len(votes) or not _is_name(core, rules)):
                    return casts
                if core:
                    lead = cell_start + len(cell) - len(cell.lstrip())
                    row.append(Cast(lead, lead + len(core), votes[column]))
                cell_start += len(cell) + 1
            casts += row
        pos = end + 1
    return casts, {}


LEGISTAR_LABEL = re.compile(r"(?m)^[ \t]*([A-Z]+):[ \t]*$")


def _legistar_blocks(text: str, rules: Rules) -> list[Block]:
    """Legistar's flattened table: a run of three or more labels alone on their lines, then one
    value per label in the same order (a value ending in a comma goes on over the next line)."""
    runs, current = [], []
    for m in LEGISTAR_LABEL.finditer(text):
        label = m.group(1).lower()
        if label in rules.legistar and (not current or not text[current[-1][1]:m.start()].strip()):
            current.append((label, m.end()))
            continue
        if len(current) >= 3:
            runs.append(current)
        current = [(label, m.end())] if label in rules.legistar else []
    if len(current) >= 3:
        runs.append(current)
    blocks = []
    for run in runs:
        pos = run[-1][1]
        casts, values = [], {}
        for label, _ in run:
            while pos < len(text) and text[pos] in " \t\n":
                pos += 1
            end = _line_end(text, pos)
            while text[pos:end].rstrip().endswith(",") and end < len(text):  # a value wrapped over lines
                end = _line_end(text, end + 1)
            vote = rules.vote_of.get(label)
            if vote:
                casts += _names(text, pos, end, vote, rules, by_line=False)
            values[label] = text[pos:end]
            pos = end + 1
        blocks.append(Block(run[0][1], casts, fields=_stated(values)))
    return blocks


# A summary field with its value on its line or the next ("RESULT: ADOPTED [UNANIMOUS]", "MOVER:\nVince
# Buzek, Director, District J"); a value that is itself a bare label is the flattened table's.
LEGISTAR_FIELD = re.compile(r"(?m)^[ \t]*(RESULT|MOVER|SECONDER):[ \t]*(?:(\S[^\n]*)|\n[ \t]*(?![A-Z]+:[ \t]*$)(\S[^\n]*))")
OUTCOME_VALUE = re.compile(r"(?P<word>[A-Z][A-Z ]*?)\s*\[(?:(?P<for>\d+)\s+TO\s+(?P<against>\d+)|(?P<unanimous>UNANIMOUS))\]"
                           r"(?:\s+WITH\s+(?P<abstain>\d+)\s+ABSTENTIONS?)?")
FIELD_REACH = 300  # how far after RESULT its MOVER and SECONDER may stand


def _stated(values: dict[str, str]) -> dict:
    """Legistar's RESULT, MOVER and SECONDER values → motion fields: "PASSED [13 TO 0]" its counts,
    "[UNANIMOUS]" unanimous, "Kate Williams, Director, District A" the name before its post."""
    fields = {role: values[role].split(",")[0].strip() for role in ("mover", "seconder") if values.get(role, "").strip()}
    if outcome := OUTCOME_VALUE.match(values.get("result", "").strip()):
        if outcome.group("unanimous"):
            fields["unanimous"] = True
        else:
            fields.update(votes_for=int(outcome.group("for")), votes_against=int(outcome.group("against")))
        if outcome.group("abstain"):
            fields["abstentions"] = int(outcome.group("abstain"))
    return fields


SUMMARY_LABEL = re.compile(r"[ \t]*([A-Z]+):[ \t]*(\S?)")


def _summary_end(text: str, pos: int, rules: Rules) -> int:
    """Where a Legistar summary's lines end: past its labels, each bare label's value line, and
    values wrapped after a comma."""
    value_due, previous = False, ""
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end]
        label = SUMMARY_LABEL.match(line)
        if label and label.group(1).lower() in rules.legistar:
            value_due = not label.group(2)
        elif value_due or previous.rstrip().endswith(","):
            value_due = False
        elif line.strip():
            return pos
        previous, pos = line, end + 1
    return len(text)


def _legistar_fields(text: str, rules: Rules) -> list[Block]:
    """Legistar's summary printed label by value, on one line or two ("RESULT: ADOPTED [12 TO 1]",
    "MOVER:\nVince Buzek, Director, District J", "SECONDER: …"): its motion fields (the AYES lines
    under it are label lines, read as votes)."""
    blocks: list[tuple[int, dict[str, str]]] = []
    for m in LEGISTAR_FIELD.finditer(text):
        label, value = m.group(1).lower(), m.group(2) or m.group(3)
        if label == "result":
            blocks.append((m.start(), {"result": value}))
        elif blocks and m.start() - blocks[-1][0] <= FIELD_REACH:
            blocks[-1][1].setdefault(label, value)
    return [Block(start, [], fields=_stated(values), end=_summary_end(text, start, rules)) for start, values in blocks]


def extract_votes(doc: Document, sentences: SentenceIndex, motions: list[Motion]) -> tuple[list[Vote], list[Motion]]:
    """Document → its named votes, and its motions with the counts stated on vote labels added."""
    if not motions:
        return [], motions
    text, rules = doc.text, _rules()
    starts = [m.char_start for m in motions]
    outcomes = sorted((m.result_offset, i) for i, m in enumerate(motions) if m.result_offset is not None)
    votes, seen, stated, fields = [], set(), {}, {}
    blocks = (_label_blocks(text, rules) + _legistar_blocks(text, rules) + _legistar_fields(text, rules)
              + _sentence_blocks(text, rules) + _pair_blocks(text, rules))
    for block in sorted(blocks, key=lambda b: b.start):
        start, casts, counts, block_fields = block.start, block.casts, block.counts, block.fields
        end = casts[-1].end if casts else block.end or start
        following = bisect_right(outcomes, (end, -1))
        before = bisect_right(outcomes, (start, -1)) - 1
        if before >= 0 and start - outcomes[before][0] <= rules.announced_reach and \
                rules.announces_vote.search(text, outcomes[before][0], start):
            index = outcomes[before][1]  # "The motion carried by the following vote:" then the block
        elif following < len(outcomes) and outcomes[following][0] - end <= rules.outcome_reach:
            index = outcomes[following][1]  # the vote before "Motion carried." is that motion's
        else:
            index = bisect_right(starts, start) - 1  # else the motion last moved before it
        if index < 0:
            continue
        motion = motions[index]
        for vote, count in counts.items():
            stated.setdefault(motion.position, {}).setdefault(vote, count)
        for name, value in block_fields.items():
            fields.setdefault(motion.position, {}).setdefault(name, value)
        for cast in casts:
            name = text[cast.start:cast.end]
            key = (motion.position, " ".join(name.split()), cast.vote)
            if key in seen:
                continue  # the same vote printed twice (prose and table)
            seen.add(key)
            votes.append(Vote(document_id=doc.id, char_start=cast.start, char_end=cast.end, page=doc.page_at(cast.start),
                              sentence=sentences.sentence_text(cast.start), rule_id="vote.named",
                              motion_position=motion.position, name=name, vote=cast.vote))
    return votes, [_with_counts(m, stated.get(m.position, {}), fields.get(m.position, {})) for m in motions]


def _with_counts(motion: Motion, stated: dict[str, int], fields: dict) -> Motion:
    """The motion with the counts stated on vote labels, and a Legistar summary's fields, where its own
    wording gave none."""
    update = {COUNT_FIELDS[vote]: count for vote, count in stated.items() if getattr(motion, COUNT_FIELDS[vote]) is None}
    update |= {name: value for name, value in fields.items() if getattr(motion, name) in (None, False)}
    return motion.model_copy(update=update) if update else motion
