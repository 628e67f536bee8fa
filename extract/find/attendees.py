"""Document → attendees: one row per person, from attendance lists and attendance sentences.

Lists ("Present:- Councillor Pitchley (in the Chair); Councillors Atkin, …", "IN ATTENDANCE: Dr A
Ghosh (Director of Public Health), …") are cut into chunks at commas, semicolons, "and", brackets and
honorifics; each chunk is a name, a job title or noise, decided with the vocabularies in
rules/attendees.yaml and rules/titles.yaml. Sentences name people on one side of a cue ("Apologies
were received from …", "… attended as substitute", "The Chair invited …"). A later mention of the same
person (same surname, compatible initials and honorific) merges into the first, whose span the row
keeps: `doc.text[char_start:char_end] == name`.
"""
import re
from itertools import count

from extract.find.attendance_names import BEFORE_WINDOW, PAREN, PROSE_WORD, WINDOW, Mention, parse_names
from extract.find.attendance_vocab import vocab
from extract.find.bracketed_names import bracketed_mentions
from extract.find.cues import finditer_near, lowered_text
from extract.find.roll_call import grid_mentions
from extract.find.sentences import SentenceIndex
from schemas.records import AgendaItem, Attendee, Document

# A substitution noted inside a list is no prose: "Councillor J Penrose, for whom Councillor W Tate was substitute;"
SUBSTITUTE_CLAUSE = re.compile(
    r"\bfor\s+whom\s+[^,;\n]{1,60}?\s+(?:was|were|is|attended|acted)\s+(?:as\s+)?(?:a\s+)?substitutes?\b")


def _spaces(m: re.Match) -> str:
    return " " * len(m.group())


def _list_end(text: str, start: int) -> int:
    """Where an attendance list opened at `start` stops: blank line, heading, numbered item or prose."""
    v = vocab()
    window = text[start:start + WINDOW]
    masked = SUBSTITUTE_CLAUSE.sub(_spaces, PAREN.sub(_spaces, window))  # same length: offsets hold
    pos = 0
    if not masked[:masked.find("\n") if "\n" in masked else len(masked)].strip():
        pos = len(masked) - len(masked.lstrip())  # "PRESENT" alone on its line: the list is below
        if masked[pos:pos + 1] and v.stop_line.match(masked[pos:masked.find("\n", pos) if "\n" in masked[pos:] else len(masked)]):
            return start
    line_end = masked.find("\n", pos)
    while line_end != -1:
        nxt = masked.find("\n", line_end + 1)
        line = masked[line_end + 1: nxt if nxt != -1 else len(masked)]
        prose = [w for w in PROSE_WORD.findall(line) if w not in v.connectors]
        blank = not window[line_end + 1: nxt if nxt != -1 else len(window)].strip()  # "(AT)" alone is no blank
        if blank and nxt != -1 and _runs_on(masked, line_end, nxt):
            line_end = nxt  # a blank line inside the list: the line before it runs on
            continue
        if blank or v.stop_line.match(line) or len(prose) >= v.prose_words:
            return start + line_end
        line_end = nxt
    return start + len(window)


def _runs_on(masked: str, blank_start: int, after: int) -> bool:
    """Whether a list goes on past the blank line at `blank_start`: the line before ends like a list
    line ("… Donegan,"), or breaks off mid-name and the line after is more names ("Chonchúir, O’Donoghue,")."""
    v = vocab()
    before = masked[:blank_start].rstrip()
    if v.list_goes_on.search(before):
        return True
    nxt = masked.find("\n", after + 1)
    line = masked[after + 1: nxt if nxt != -1 else len(masked)]
    last = before[before.rfind("\n") + 1:]
    if v.name_line.match(last) and v.name_line.match(line):  # one name a paragraph: "Cllr K Burn\n\nCllr G Hunt"
        return True
    if v.name_line.match(last) and v.headcount_line.match(line) or \
            v.headcount_line.match(last) and v.honorific.match(line.strip()):  # "Two members of the public" among them
        return True
    if v.group_line.match(line):  # the next group of members: "Aldermen C Dale, …", "Councillors F Gray, …"
        return True
    return (not before.endswith((".", ":")) and line.count(",") >= 2
            and not [w for w in PROSE_WORD.findall(line) if w not in v.connectors])


def _list_mentions(text: str, lowered: str, block_ids) -> list[Mention]:
    v = vocab()
    found = sorted(((m.start(), m.end(), cue) for cue in v.list_cues
                    for m in finditer_near(cue.pattern, text, lowered, cue.extra["keywords"], reach=60)),
                   key=lambda f: f[:2])
    mentions = []
    for i, (start, end, cue) in enumerate(found):
        if i and found[i - 1][1] > start:
            continue  # overlapping cue ("OFFICERS IN ATTENDANCE" and "IN ATTENDANCE")
        next_cue = found[i + 1][0] if i + 1 < len(found) else len(text)
        status, role, rule_id = cue.status, cue.role, cue.rule_id
        while True:
            stop = min(_list_end(text, end), max(end, next_cue))
            block = next(block_ids)
            listed = (bracketed_mentions(text, end, stop, status, role, rule_id, block)
                      or parse_names(text, end, stop, status, role, rule_id, block, bare_ok=True))
            if cue.extra.get("chair") and listed and rule_id == cue.rule_id:
                listed[0].chair = True
            mentions += listed
            label = _group_label(text, stop, next_cue, in_block=rule_id != cue.rule_id)
            if label is None:
                break
            end, (status, role) = label[0], label[1]
            rule_id = f"{cue.rule_id}+group"
    return mentions


BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")  # blank lines, spaces on them too ("\n \n" between a list's paragraphs)


def _group_label(text: str, at: int, limit: int, in_block: bool) -> tuple[int, tuple[str, str]] | None:
    """A label line just below a list ("OFFICIALS:") → (where its group starts, (status, role)).
    Among labelled groups (`in_block`) a label needs no colon ("COMMUNITY" over its names)."""
    v = vocab()
    line_start = BLANK_LINES.match(text, at, limit).end()
    line_end = text.find("\n", line_start, limit)
    line_end = limit if line_end == -1 else line_end
    m = v.group_label.match(text, line_start, line_end)
    if not m or line_start >= limit:
        return None
    words = m.group("label").lower()
    for entry in v.group_statuses:
        if any(w in words for w in entry["words"]):
            return line_end, (entry["status"], entry["role"])
    return (line_end, ("present", "other")) if m.group("colon") or "present" in words or in_block else None


LIST_BELOW = re.compile(r"[ \t]*:?[ \t]*\n")  # a cue that ends its line: the names are the lines below
MAX_SENTENCE_LIST = 3000  # characters: no sentence names more people than fit in this


def _sentence_mentions(text: str, lowered: str, sentences: SentenceIndex, has_list: bool, block_ids) -> list[Mention]:
    v = vocab()
    mentions = []
    for cue in v.sentence_cues:
        if cue.extra.get("needs_no_list") and has_list:
            continue
        until = re.compile(cue.extra["until"]) if "until" in cue.extra else None
        found = finditer_near(cue.pattern, text, lowered, cue.extra["keywords"])
        for i, m in enumerate(found):
            sentence = sentences.at(m.start())
            if cue.extra["side"] == "after":
                # the names run to the end of the sentence they stand in (a heading cue ends at its line),
                # to the next such cue, and never further than a list of names runs
                after = sentences.at(min(m.end(), len(text) - 1)) if text else sentence
                start = m.end()
                stop = min(max(sentence.end, after.end, start), start + MAX_SENTENCE_LIST)
                if LIST_BELOW.match(text, start):  # "Apologies for absence were received from:" over a list
                    below = text.index("\n", start)
                    stop = max(stop, min(_list_end(text, below), start + MAX_SENTENCE_LIST))
                if until and (u := until.search(text, start, stop)):
                    stop = u.start()
                if v.none_phrase.match(text[start:stop]):
                    continue
                if i + 1 < len(found):
                    stop = max(start, min(stop, found[i + 1].start()))
            else:
                start, stop = max(sentence.start, m.start() - BEFORE_WINDOW), m.start()
            bare = cue.status in ("apologies", "substitute") or cue.extra.get("bare_names", False)
            named = parse_names(text, start, stop, cue.status, cue.role, cue.rule_id, next(block_ids), bare)
            if cue.extra.get("honorific_only"):  # "Cr Marston argued", not "Colin Stirling has asked"
                named = [n for n in named if n.honorific and n.tokens and n.tokens[-1][:1].isupper()]
            mentions += named
    for cue in v.chair_cues:
        for m in finditer_near(cue.pattern, text, lowered, cue.extra["keywords"]):
            sentence = sentences.at(m.start())
            if cue.extra["side"] == "before":
                start, stop, pick = max(sentence.start, m.start() - 60), m.start(), -1
            else:  # not cut at the sentence end: "Cyng." is an abbreviation the splitter does not know
                blank = text.find("\n\n", m.end())
                start, stop, pick = m.end(), min(m.end() + 60, blank if blank != -1 else len(text)), 0
            post_only = pick == -1 and bool(v.chair_post_surname.search(text[start:stop]))
            names = parse_names(text, start, stop, "present", "councillor", cue.rule_id, next(block_ids), bare_ok=post_only)
            for mention in names[pick:][:1]:
                mention.chair = True
                mentions.append(mention)
    return mentions


LIST_RULE = "attendee.list."  # the rule ids of attendance lists


def _key(mention: Mention) -> tuple[str, str, str]:
    """(surname, first name or initial, gender) for deciding whether two mentions are one person."""
    v = vocab()
    words = [t for t in mention.tokens if t not in v.particles]
    surname = re.sub(r"\W", "", words[-1].lower())
    first = words[0].rstrip(".") if len(words) > 1 else ""
    hon = mention.honorific.lower()
    gender = "m" if hon in v.male else "f" if hon in v.female else ""
    return surname, first, gender


def _same_person(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Keys from `_key` name one person: same surname, no clash of initials, names or gender."""
    (sa, fa, ga), (sb, fb, gb) = a, b
    if sa != sb or (ga and gb and ga != gb):
        return False
    if fa and fb:
        if fa[0] != fb[0]:
            return False
        if len(fa) > 1 and len(fb) > 1 and fa != fb:
            return False
    return True


def _role(m: Mention) -> str:
    v = vocab()
    if m.councillor:
        return "councillor"
    if m.title:
        if v.councillor_title.search(m.title):
            return "councillor"
        # a post of someone the list calls external ("GARDA NOMINATIONS:", "Also present:") stays other
        return "other" if m.role == "other" or v.organisation_title.search(m.title) else "officer"
    if m.role == "officer":
        return "other"  # named in an officers' cue but with no post: cannot tell
    return m.role


def _two_lists_apart(a: Mention, b: Mention) -> bool:
    """Two attendance lists of different roles name different people, however alike: Councillor Daly
    among the members and "Chief Executive (Mr. P. Daly)" among the officials."""
    both_listed = a.rule_id.startswith(LIST_RULE) and b.rule_id.startswith(LIST_RULE)
    return both_listed and {a.role, b.role} == {"councillor", "officer"}


def _merge(mentions: list[Mention], text: str) -> list[Mention]:
    people: list[Mention] = []
    by_surname: dict[str, list[tuple[tuple, Mention]]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key = _key(m)
        match = next((p for k, p in by_surname.get(key[0], [])
                      if p.block != m.block and _same_person(k, key) and not _two_lists_apart(p, m)), None)
        if match is None:
            people.append(m)
            by_surname.setdefault(key[0], []).append((key, m))
            continue
        if m.status == "substitute" and (match.status == "present" or m.start == match.start):
            match.status = m.status  # a substitute read inside an apologies list ("…, for whom X was substitute")
        match.chair = match.chair or (m.chair and m.status == "present")
        match.title = match.title or m.title
        match.councillor = match.councillor or m.councillor
        if len(m.tokens) > len(match.tokens) and not match.honorific and m.honorific:
            match.honorific = m.honorific
    for p in people:
        p.role = _role(p)
        if p.status == "present" and p.role == "officer":
            p.status = "in_attendance"  # a clerk or officer written into the Present list with their post
        if len(p.tokens) >= 2:  # a full name first written earlier (a "Contact:" line) keeps that span
            if (earlier := _first_whole(text, p.name, p.start)) is not None:
                p.start, p.end = earlier, earlier + len(p.name)
    return people


def _first_whole(text: str, name: str, end: int) -> int | None:
    """Where `name` first stands whole (no word character or hyphen either side) in text[:end]; a
    regex of each name would be compiled anew for every person of every document."""
    i = text.find(name, 0, end)
    while i != -1:
        before, after = text[i - 1:i], text[i + len(name):i + len(name) + 1] if i + len(name) < end else ""
        if not any(c.isalnum() or c in "_-" for c in before + after):
            return i
        i = text.find(name, i + 1, end)
    return None


def extract_attendees(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Attendee]:
    """Document → one `Attendee` per person named as present, absent, substituting, attending or invited."""
    text = doc.text
    block_ids = count()
    lowered = lowered_text(text)
    in_grids, grids = grid_mentions(text, block_ids)
    listed = [m for m in _list_mentions(text, lowered, block_ids)
              if not any(start <= m.start < end for start, end in grids)] + in_grids
    people = _merge(listed + _sentence_mentions(text, lowered, sentences, bool(listed), block_ids), text)
    vice = [p for p in people if p.vice_chair]
    if not any(p.chair for p in people) and len(vice) == 1 and finditer_near(
            vocab().vice_presiding, text, lowered, ["vice"], reach=60):
        vice[0].chair = True
    return [
        Attendee(
            document_id=doc.id, char_start=p.start, char_end=p.end, page=doc.page_at(p.start),
            sentence=sentences.sentence_text(p.start), rule_id=p.rule_id, name=p.name, role=p.role,
            status=p.status, is_chair=p.chair, title=p.title,
        )
        for p in people
    ]
