"""Document → actions: one row per deliverable someone is to produce, with owner and due date.

Three sources, rules in rules/actions.yaml:
- resolution parts: a parent that hands sub-items to someone ("The Assistant Director … provides:"
  → one action per sub-item, owner the Assistant Director) and parts written as deliverables ("The
  presentation slides be circulated …", "That a report be considered by the Panel early in 2024 …");
- commitments in the discussion of minutes ("this information would be provided on a one-page
  overview …", "The Chair agreed to write to …", parish shorthand "Clerk to circulate …");
- a minute line that ends with its owner ("… Poppy Appeal. Clerk").
A discussion commitment that restates a resolution-derived action of the same item is one row (the
resolution's). Actions inside a resolution's span are linked to it by the store. Only minutes (a
resolution, an attendance list or apologies) yield discussion actions: a report's "will" sentences
are service plans.
Due dates follow the convention in extract/find/due.py.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from extract.find.cues import check_keywords, lowered_text, sentences_with
from extract.find.due import resolve_due
from extract.find.resolution_lists import MARKER
from extract.find.resolutions import quoted_spans, reads_as_minutes, skip_numbering
from extract.find.segment import item_at
from extract.find.sentences import SentenceIndex
from extract.read.dates import find_dates
from extract.rules import compile_pattern, load_yaml, require
from schemas.records import Action, AgendaItem, Document, Resolution

RULE_FILE = "actions.yaml"
PRONOUNS = {"he", "she", "they"}


@dataclass
class Candidate:
    start: int
    end: int
    rule_id: str
    owner: str | None = None
    from_resolution: bool = False
    due: str | None = None  # a due phrase written apart from the action text ("… support. Feb")


@cache
def _rules():
    rules = load_yaml(RULE_FILE)
    verbs = "|".join(sorted(map(re.escape, rules["deliverable_verbs"]), key=len, reverse=True))
    acts = "(?:re-?)?(?:" + "|".join(sorted(map(re.escape, set(rules["action_verbs"])), key=len, reverse=True)) + ")"

    def compiled(section: str) -> list[tuple[dict, re.Pattern]]:
        out = []
        for entry in rules[section]:
            require(RULE_FILE, entry, "id", "pattern")
            if section == "cues":
                check_keywords(RULE_FILE, entry)
            pattern = entry["pattern"].replace("{VERB}", verbs).replace("{ACT}", acts)
            out.append((entry, compile_pattern(RULE_FILE, {**entry, "pattern": pattern})))
        return out

    singles = {key: re.compile(rules[key]) for key in ("provides", "trailing_owner", "action_label_owner", "trailing_month",
                                                        "owner_subject", "clause_start", "hard_boundary", "not_actions",
                                                        "collective", "question_clause", "deliverable_subject", "hedged",
                                                        "due_phrases", "leading_name", "after_label")}
    reporting = "|".join(map(re.escape, rules["reporting_verbs"]))
    singles["reported_that"] = re.compile(rf"\b(?:{reporting})\s+(?:that\s+)?")  # "said he would", "stated staff will"
    singles["stopwords"] = frozenset(rules["dedupe_stopwords"])
    return compiled("cues"), compiled("resolution_cues"), singles, rules["max_lead_words"]


def _clause_start(text: str, s: int, at: int) -> tuple[int, int]:
    """(where the action text starts, where the cue's clause starts): the text starts at the sentence
    start unless the clause opens more than `max_lead_words` words into it."""
    _, _, singles, max_lead = _rules()
    clause = s
    for m in singles["clause_start"].finditer(text, s, min(at + 40, len(text))):  # lookaheads see past the cue
        if m.end() <= at:
            clause = m.end()
    return (s if len(text[s:clause].split()) <= max_lead else clause), clause


def _owner(text: str, s: int, begin: int, cue_start: int) -> str | None:
    """The person or body before the cue, as written; a pronoun stands for the sentence's first name."""
    _, _, singles, _ = _rules()
    words = " ".join(text[begin:cue_start].split())
    words = re.sub(r"^(?:and|but|so|then)\s+|(?:\s+(?:also|then|now|further|first|duly|unanimously|all|is|are|was|were"
                   r"|has|have|had|been))+$", "", words)
    subject = singles["reported_that"].split(words)[-1].strip(" ,")
    after_and = text[max(0, begin - 12):begin].rstrip().endswith(" and")
    if subject.lower() in PRONOUNS or not subject and after_and:  # "Mr Read shared that … and offered to come back"
        if lead := singles["leading_name"].match(text, s):
            return " ".join(lead.group().split())
        # the one reporting it: "Councilmember Ames stated that she would …", "The Town Manager noted that he …"
        reporter = singles["reported_that"].split(" ".join(text[s:cue_start].split()), 1)
        reporter = reporter[0].strip(" ,") if len(reporter) > 1 else ""
        return reporter if reporter and singles["owner_subject"].match(reporter) else subject or None
    if not singles["owner_subject"].match(subject) or subject.startswith("It was") \
            or singles["deliverable_subject"].search(subject):
        return None
    return subject


def _segments(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence cut where a new unit starts in mid-sentence (inline bullets, run-on headings)."""
    _, _, singles, _ = _rules()
    cuts = [s] + [m.end() for m in singles["hard_boundary"].finditer(text, s, e)]
    return list(zip(cuts, cuts[1:] + [e]))


def _sentence_candidates(text: str, s: int, e: int, holder: tuple[int, int] | None, cues) -> list[Candidate]:
    out: list[Candidate] = []
    for a, b in _segments(text, s, e):
        out += _segment_candidates(text, a, b, holder, cues)
    return out


def _segment_candidates(text: str, s: int, e: int, holder: tuple[int, int] | None, cues) -> list[Candidate]:
    _, _, singles, _ = _rules()
    s = skip_numbering(text, s, e)
    if singles["not_actions"].search(text[s:e]):
        return []
    hits = []
    labelled = singles["after_label"].search(text, max(0, s - 12), s) is not None
    for entry, pattern in cues:
        if entry.get("after_label") and not labelled:
            continue
        for m in pattern.finditer(text[s:e]):
            hits.append((s + m.start(), entry, m))
            if not entry.get("split"):
                break
    hits.sort(key=lambda h: h[0])
    out: list[Candidate] = []
    for at, entry, m in hits:
        if singles["question_clause"].search(text, s, at) or singles["hedged"].search(text, max(s, at - 30), at):
            continue
        begin, clause = _clause_start(text, s, at)
        owner, named = None, True
        if entry["owner"] == "group":
            owner = m.group("owner")
            begin = s + m.start("owner") if out else begin
        elif entry["owner"] == "subject":
            owner = _owner(text, s, clause, at)
            subject = " ".join(text[clause:at].split())
            named = (owner is not None or subject.startswith("It was") and entry["id"] == "action.agreed_to"
                     or bool(singles["deliverable_subject"].search(subject)))
            if owner and singles["collective"].match(owner) and entry["id"] == "action.agreed_to":
                continue  # "Members agreed to refer …": a decision of the body
        active = entry.get("active_needs_owner") and not m.groupdict().get("passive") and not holder
        if not named and (entry.get("needs_owner") or active):
            continue
        if holder:  # inside a resolution: the action is the resolution, unless a later "and that" clause holds it
            tail = re.search(r"(?:,\s*)?\band\s+that\s+", text[holder[0]:at])
            begin = holder[0] + tail.end() if tail else holder[0]
        if out:
            # another cue in the same sentence is another action only with its own named owner
            # (not one of a joint owner's names: "Clerk and JL to complete …" is one action of both)
            if not (entry.get("split") and owner and owner != out[-1].owner and begin > out[-1].start
                    and not (out[-1].owner and owner in out[-1].owner)):
                continue
            previous = text[out[-1].start:begin].rstrip(" ,;").removesuffix(" and").rstrip()
            out[-1].end = out[-1].start + len(previous)
        out.append(Candidate(begin, e, entry["id"], owner, holder is not None))
    return out


def _resolution_candidates(text: str, resolution: Resolution, spans: list[tuple[int, int]]) -> list[Candidate]:
    """Sub-items a parent hands to someone, or the part itself when it is a deliverable."""
    _, resolution_cues, singles, _ = _rules()
    body = resolution.text
    first_line, _, rest = body.partition("\n")
    provides = singles["provides"].match(first_line.strip())
    if provides and rest.strip():
        out = []
        offset = resolution.char_start + len(first_line) + 1
        for line in rest.split("\n"):
            marker = MARKER.match(line)
            if marker:
                out.append(Candidate(offset + marker.end(), offset + len(line.rstrip()), "action.resolution.provides",
                                     provides.group("owner").strip(), True))
            elif out and line.strip():
                out[-1].end = offset + len(line.rstrip())
            offset += len(line) + 1
        return out
    if parts := _lettered_parts(text, resolution, resolution_cues, singles):
        return parts
    for entry, pattern in resolution_cues:
        if m := pattern.search(body):
            at = resolution.char_start + m.start()
            # "Implement … only. Refer consideration …": the sentence with the cue
            i = bisect_right(spans, (at, len(text))) - 1
            start = max(resolution.char_start, spans[i][0]) if i >= 0 else resolution.char_start
            if singles["not_actions"].search(text[start:resolution.char_end]) or singles["hedged"].search(text, at - 30, at):
                return []
            owner = m.groupdict().get("owner") or _named_before(text[start:at], singles)
            return [Candidate(start, resolution.char_end, entry["id"], owner, True)]
    return []


def _lettered_parts(text: str, resolution: Resolution, resolution_cues, singles) -> list[Candidate]:
    """A resolution in lettered or numbered parts ("That, … the following actions be taken: a) the
    property BE DECLARED SURPLUS; b) the property BE OFFERED for sale …"): each part with a
    deliverable of its own is an action."""
    parts: list[list[int]] = []
    offset = resolution.char_start
    for line in resolution.text.split("\n"):
        if (marker := MARKER.match(line)) and line[marker.end():].strip():
            parts.append([offset + marker.end(), offset + len(line.rstrip())])
        elif parts and line.strip():
            parts[-1][1] = offset + len(line.rstrip())
        offset += len(line) + 1
    out = []
    for start, end in parts if len(parts) >= 2 else ():
        start += len(text[start:end]) - len(text[start:end].lstrip())
        part = text[start:end]
        cue = next(((entry, m) for entry, pattern in resolution_cues if (m := pattern.search(part))), None)
        if cue and not singles["not_actions"].search(part):
            owner = cue[1].groupdict().get("owner") or _named_before(part[:cue[1].start()], singles)
            out.append(Candidate(start, end, cue[0]["id"], owner, True))
    return out


def _named_before(subject: str, singles) -> str | None:
    """The owner a resolved part names before its verb ("the Civic Administration BE DIRECTED to …"),
    if those words are a person or body."""
    subject = subject.strip()
    return subject if singles["owner_subject"].match(subject) else None


def _trailing_owners(text: str, spans: list[tuple[int, int]], inside: list[tuple[int, int]],
                     found: list[Candidate]) -> None:
    """"… Poppy Appeal. Clerk", "… the draft policy.\nACTION: AC": a minute line ending with an owner
    (or a deferral month) makes the sentence before it an action with that owner (or due month)."""
    _, _, singles, _ = _rules()
    for kind in ("trailing_owner", "action_label_owner", "trailing_month"):
        for m in singles[kind].finditer(text):
            body_end = m.start() + 1  # keep the full stop
            i = bisect_right(spans, (body_end - 1, len(text))) - 1
            if i < 0:
                continue
            line_start = text.rfind("\n", 0, body_end) + 1
            start = skip_numbering(text, max(spans[i][0], line_start), body_end)
            if singles["not_actions"].search(text[start:body_end]):
                continue
            owner = m.group("owner") if kind != "trailing_month" else None
            month = m.group("month") if kind == "trailing_month" else None
            existing = next((c for c in found if c.start < body_end and start < c.end), None)
            if existing:  # an "ACTION: AC" label names the owner outright
                existing.owner = owner if kind == "action_label_owner" else existing.owner or owner
                existing.end = min(existing.end, body_end)
                existing.due = existing.due or month
                continue
            in_resolution = any(a <= start < b for a, b in inside)
            found.append(Candidate(start, body_end, "action." + kind, owner, in_resolution, due=month))


def _content(text: str) -> set[str]:
    stopwords = _rules()[2]["stopwords"]
    return {w for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in stopwords}


def _dedupe(text: str, items: list[AgendaItem], found: list[Candidate]) -> list[Candidate]:
    """One row per deliverable: overlapping spans, and discussion restating a resolution's action."""
    keep: list[Candidate] = []
    # a resolution part's own reading first, then sentence cues, each in document order
    for c in sorted(found, key=lambda c: (not c.rule_id.startswith("action.resolution."), c.start)):
        if any(k.start < c.end and c.start < k.end for k in keep):
            continue
        keep.append(c)
    derived = [c for c in keep if c.from_resolution]
    out, seen = [], set()
    for c in sorted(keep, key=lambda c: c.start):
        item = item_at(items, c.start)
        words = _content(text[c.start:c.end])
        wording = " ".join(text[c.start:c.end].lower().split())
        if wording in seen:
            continue  # the same direction restated (a motion, its amendment, the motion as amended)
        seen.add(wording)
        if not c.from_resolution and any(
                d.start > c.start and item_at(items, d.start) == item
                and len(shared := words & (theirs := _content(text[d.start:d.end]))) >= 2
                and len(shared) >= 0.3 * min(len(words), len(theirs)) for d in derived):
            continue
        out.append(c)
    return out


def extract_actions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex,
                    resolutions: list[Resolution]) -> list[Action]:
    """Document (and its resolutions) → one `Action` per deliverable, in document order."""
    text = doc.text
    _, _, singles, _ = _rules()
    found: list[Candidate] = []
    lowered = lowered_text(text)
    # an agenda records no undertakings: its "The City Clerk will distribute your items …" tells the public what happens
    minutes = doc.kind != "agenda" and (bool(resolutions) or reads_as_minutes(text, lowered))
    spans = [(sp.start, sp.end) for sp in sentences.spans] if minutes else []
    for resolution in resolutions:
        found += _resolution_candidates(text, resolution, spans)
    if minutes:
        cues = _rules()[0]
        inside = [(r.char_start, r.char_end) for r in resolutions]
        quotes = quoted_spans(text)
        found_words = sentences_with(lowered, {k for entry, _ in cues for k in entry["keywords"]}, [s for s, _ in spans])
        for index in sorted(found_words):
            s, e = spans[index]
            if any(a < s and e <= b for a, b in quotes):
                continue  # a letter read out: its writer's plans, not the meeting's
            mine = [(entry, p) for entry, p in cues if not found_words[index].isdisjoint(entry["keywords"])]
            holder = next(((a, b) for a, b in inside if a <= s < b or s <= a < e), None)
            for c in _sentence_candidates(text, s, e, holder, mine):
                if holder:  # keep a resolution-derived action inside its resolution's span
                    c.start, c.end = max(c.start, holder[0]), min(c.end, holder[1])
                found.append(c)
        _trailing_owners(text, spans, inside, found)
    actions = []
    for c in _dedupe(text, items, found):
        end = c.start + len(text[c.start:c.end].rstrip())
        if end <= c.start:
            continue
        body = text[c.start:end]
        due = singles["due_phrases"].search(body)
        due_text = " ".join(due.group().split()) if due else c.due
        due_date = resolve_due(due_text, doc.meeting_date) if due_text else None
        if due_date and doc.meeting_date and due_date <= doc.meeting_date and find_dates(due_text):
            continue  # due on a stated date the meeting has reached ("BE INTRODUCED at the meeting held on March 4, 2025")
        actions.append(Action(
            document_id=doc.id, char_start=c.start, char_end=end, page=doc.page_at(c.start),
            sentence=sentences.sentence_text(c.start), rule_id=c.rule_id, text=body, owner=c.owner,
            due_text=due_text, due_date=due_date,
        ))
    return actions
