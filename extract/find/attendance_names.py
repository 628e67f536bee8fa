"""The grammar of an attendance list: text → name mentions, with honorific, title, role and chair.

A list is cut into chunks at commas, semicolons, "and", brackets and honorifics; each chunk is a
name, a job title or noise, decided with the vocabularies in rules/attendees.yaml and
rules/titles.yaml. `attendees.py` finds where lists and attendance sentences are.
"""

import re
from dataclasses import dataclass, field

from extract.find.attendance_vocab import core_honorific, vocab

WINDOW = 2500  # an attendance list longer than this is not a list
BEFORE_WINDOW = 400  # how far back a "… attended as substitute" sentence is read


@dataclass
class Mention:
    start: int
    end: int
    name: str
    status: str
    role: str
    rule_id: str
    block: int  # mentions of one list or sentence never merge with each other
    honorific: str = ""
    councillor: bool = False  # written with a councillor prefix, or in a "Councillors …" run
    title: str | None = None
    chair: bool = False
    vice_chair: bool = False
    tokens: list[str] = field(default_factory=list)
    title_span: tuple[int, int] | None = None  # set when the title came from the list text


PAREN = re.compile(r"\(([^()]{0,200})\)")
TOKEN = re.compile(r"(?:-\n|\S)+")  # "Barrington-\nKing" is one word broken at a line end
INITIAL = re.compile(r"^(?:[A-Z]\.?|(?:[A-Z]\.){2,3})$")  # "A", "A.", and run together: "J.P.", "H.J.B."
INITIALLED = re.compile(r"(?:[A-Z]\.?[ \t]*)+[A-Z][a-z’'-]+")  # "A Lewis", "C.J. Hadley": a name, not a post
# "M.Sheahan" (an initial written against the surname) is one name word.
NAME_WORD = re.compile(r"^(?:[A-Z]\.)?[A-Z](?=[A-Za-z'’]*[a-z])[A-Za-z'’]*(?:[-‐‑]+\n?[A-Z]?[A-Za-z'’]+)*$")  # lookahead: linear
LEADING_NOISE = re.compile(r"^(?:(?:and|with|also|plus)\s+|&\s*)", re.I)  # ", & Jean Pike": the comma parts them
PROSE_WORD = re.compile(r"\b[a-z][a-z'’]+\b")


def _name_tokens(chunk: str, lenient: bool = False, last: bool = False) -> list[str] | None:
    """The chunk's words if it is shaped like a name ("Z. Collingham", "Mr R W Gough"), else None.

    A tail after the name that starts with a digit or a lower-case word ("Colin Sampson 1 member of
    the public") is dropped. `lenient` allows title words, for a name followed by a bracketed post
    ("Mrs C Head (Head of Finance Operations)"). In the `last` chunk of a list, one lower-case final
    word is a mis-cased surname ("Diane Neil mills").
    """
    v = vocab()
    tokens = TOKEN.findall(chunk)
    for i, token in enumerate(tokens):
        if i and (token[:1].isdigit() or token[:1].islower() and token not in v.particles):
            if (last and i == len(tokens) - 1 and i >= 2 and token.isalpha() and token not in v.tail_stop
                    and not token.endswith(("ed", "ing"))):
                return tokens if all(NAME_WORD.match(t) for t in tokens[:i]) else None
            tokens = tokens[:i]
            break
    if not tokens or len(tokens) > 6 or not NAME_WORD.match(tokens[-1]) or tokens[0] in v.particles:
        return None
    for token in tokens:
        if token in v.particles or INITIAL.match(token):
            continue
        if not NAME_WORD.match(token) or token in v.not_name or (token in v.title_words and not lenient):
            return None
    return tokens


def _trailing_post(chunk: str) -> tuple[list[str], int] | None:
    """A name followed by its post with no comma ("E Frost Deputy Parish Clerk") → (the name's
    words, where the post starts in the chunk)."""
    for gap in re.finditer(r"\s+", chunk):
        head, rest = chunk[:gap.start()], chunk[gap.end():]
        if _is_title(rest) and (tokens := _name_tokens(head)) and len(tokens) >= 2:
            return tokens, gap.end()
    return None


def _leading_post(chunk: str) -> tuple[list[str], str] | None:
    """A post written before a name with no comma ("City Manager Carl Bogan") → (the name's words,
    the post): the post ends in a title word, the rest is a name."""
    v = vocab()
    for gap in re.finditer(r"\s+", chunk):
        head, rest = chunk[:gap.start()], chunk[gap.end():]
        if head.split()[-1] in v.title_words and _is_title(head) and (tokens := _name_tokens(rest)):
            return tokens, head
    return None


def _is_title(chunk: str) -> bool:
    v = vocab()
    words = re.findall(r"[\w'’-]+", chunk)
    return bool(words) and chunk[:1].isupper() and any(w in v.title_words for w in words)


def _separator_kind(separator: str) -> str:
    stripped = separator.strip()
    if stripped == ":":
        return "colon"
    return "and" if stripped in vocab().conjunctions else "stop" if stripped == "." else "comma"


WORD_REACH = 40  # longer than any honorific or qualifier


def _ends_with(pattern: re.Pattern, region: str, end: int) -> bool:
    """`pattern` (anchored with $) matches just before `end`: only the last few characters are read,
    so a long run of names costs linear time."""
    return bool(pattern.search(region, max(0, end - WORD_REACH), end))


def _chunks(text: str, start: int, end: int):
    """Region → (chunk start, chunk end, separator before it, bracket text after it or None)."""
    v = vocab()
    region = text[start:end]
    parens = [(m.start(), m.end(), m.group(1)) for m in PAREN.finditer(region)]
    cuts = [(m.start(), m.end(), _separator_kind(m.group())) for m in v.separator.finditer(region)
            if not (m.group().startswith(".") and _ends_with(v.honorific_end, region, m.start()))]
    cuts = [c for c in cuts if not any(ps <= c[0] < pe for ps, pe, _ in parens)]
    cuts += [(ps, pe, "paren") for ps, pe, _ in parens]
    cuts += [(m.start(), m.end(), "honorific") for m in v.honorific_split.finditer(region)
             if not _ends_with(v.qualifier_before, region, m.start()) and not _ends_with(v.honorific_end, region, m.start())]
    cuts += [(m.start(), m.end(), "honorific") for m in v.title_split.finditer(region)]
    cuts.sort()
    out, pos, sep = [], 0, "start"
    for cut_start, cut_end, kind in cuts + [(len(region), len(region), "end")]:
        if cut_start < pos:
            continue
        paren = next((p for ps, pe, p in parens if ps == cut_start), None)
        piece = region[pos:cut_start]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            out.append((start + pos + lead, start + pos + lead + len(piece), sep, paren))
        elif paren is not None and out and out[-1][3] is None:
            out[-1] = (*out[-1][:3], paren)  # "Cath Head (Head of Finance)" after a cut
        sep = kind if piece or sep == "start" else sep
        pos = cut_end
    return out


def _split_pairs(tokens: list[str]) -> list[list[str]]:
    """A run-on list with no commas → its names: 'Janet Taylor Helen Richardson' → two; written initials
    first, 'A B Doherty C Dunne' → a name at each initial after a surname."""
    if INITIAL.match(tokens[0]):
        cuts = [0] + [i for i in range(1, len(tokens)) if INITIAL.match(tokens[i]) and not INITIAL.match(tokens[i - 1])]
        return [tokens[a:b] for a, b in zip(cuts, cuts[1:] + [len(tokens)])]
    if len(tokens) >= 4 and len(tokens) % 2 == 0 and not any(INITIAL.match(t) for t in tokens):
        return [tokens[i:i + 2] for i in range(0, len(tokens), 2)]
    return [tokens]


def parse_names(text: str, start: int, end: int, status: str, role: str, rule_id: str, block: int,
                bare_ok: bool) -> list[Mention]:
    """A list or sentence region → the people it names, with titles and chair flags."""
    v = vocab()
    mentions: list[Mention] = []
    chunks = _chunks(text, start, end)
    councillor_context = False
    last_kind = None  # "name" or "title": what the previous chunk was
    pending_chair = False
    pending_post = None  # a post written before its name with a colon
    for index, (s, e, sep, paren) in enumerate(chunks):
        chunk = text[s:e].rstrip(".")
        e = s + len(chunk)
        if lead := LEADING_NOISE.match(chunk):
            s, chunk = s + lead.end(), chunk[lead.end():]
        if not chunk:
            continue
        if sep == "stop":
            councillor_context = False
        following = chunks[index + 1] if index + 1 < len(chunks) else None
        if v.chair_marker.match(chunk):
            if mentions and last_kind == "name" and sep != "honorific" and not (following and following[2] == "colon"):
                mentions[-1].chair = mentions[-1].chair or status == "present"
            else:
                pending_chair = True  # "Chairman Cllr Shewell": the marker comes first
            continue
        if chunk in v.post_nominals or v.none_phrase.match(chunk):
            continue
        chair, pending_chair = pending_chair, False
        if m := v.chair_prefix.match(chunk):
            chair, s, chunk = True, s + m.end(), chunk[m.end():]
        if m := v.chair_tail.search(chunk):
            chair, chunk = True, chunk[:m.start()]
        while (words := chunk.rsplit(None, 1)) and len(words) == 2 and words[1] in v.post_nominals:
            chunk = words[0]
        post, pending_post = pending_post, None
        if m := v.title_prefix.match(chunk):
            post, s, chunk = m.group("post"), s + m.end(), chunk[m.end():]
        honorific = ""
        while m := v.honorific.match(chunk):  # "Cynghorydd Sir Joseph Davies": two in a row
            honorific = honorific or m.group("hon").rstrip(".")
            s, chunk = s + m.end(), chunk[m.end():]
        if honorific:
            councillor_context = core_honorific(honorific) in v.plural
        tokens = _name_tokens(chunk, lenient=paren is not None and not v.chair_marker.match(paren.strip()),
                              last=index == len(chunks) - 1)
        next_is_title = bool(following and following[2] in ("comma", "colon") and _is_title(text[following[0]:following[1]]))
        if tokens and not honorific and paren is None and last_kind == "title" and sep == "and" and not next_is_title:
            tokens = None  # "… of Education and Inclusion": the title goes on
        if not honorific and paren is not None and (v.honorific.match(paren.strip() + " ")
                                                    or _is_title(chunk) and INITIALLED.fullmatch(paren.strip())):
            # "Chief Executive (Mr. P. Daly)", "Financial Accountants (Ms. I. Griffin and Mr. P. Murnane)",
            # "Group Manager Infrastructure (A Lewis)"
            inner = text.index(paren, e) if paren in text[e:e + len(paren) + 4] else -1
            named = parse_names(text, inner, inner + len(paren), status, role, rule_id, block, bare_ok=True) if inner >= 0 else []
            for person in named:
                person.title = person.title or _flat(text, s, e)
            mentions += named
            last_kind = "name" if named else None
            continue
        trailing = _trailing_post(chunk) if tokens is None and honorific else None
        if trailing:  # "Mr E Frost Deputy Parish Clerk": a post after the name, with no comma
            tokens, post_at = trailing
        leading = _leading_post(chunk) if tokens is None and not honorific else None
        if leading:  # "City Manager Carl Bogan", "Finance Director Hahne": the post before the name
            tokens, post = leading
        if tokens is None:
            if following and following[2] == "colon" and (_is_title(chunk) or chunk in v.posts):
                pending_post = chunk  # "Secretary: Mr G M Beat": the post labels the name after it
                last_kind = None
                continue
            if _is_title(chunk) and mentions and last_kind in ("name", "title") and sep in ("comma", "colon", "and"):
                person = mentions[-1]
                if last_kind == "name" and person.title is None and sep in ("comma", "colon"):
                    person.title, last_kind = _flat(text, s, s + len(chunk)), "title"
                    person.title_span = (s, s + len(chunk))
                elif last_kind == "title" and sep == "and" and person.title_span:
                    _extend_title(text, person, s + len(chunk))
                else:
                    last_kind = "title"
            elif chunk[:1].isupper() and last_kind == "title" and sep == "and" and mentions and mentions[-1].title_span:
                _extend_title(text, mentions[-1], s + len(chunk))
            else:
                last_kind = "title" if _is_title(chunk) else None
            continue
        if len(tokens) == 1 and not (honorific or bare_ok or councillor_context or paren is not None):
            last_kind = None
            continue
        offset = s
        for n, group in enumerate(_split_pairs(tokens)):
            begin = text.index(group[0], offset)
            finish = text.index(group[-1], begin) + len(group[-1])
            offset = finish
            own = honorific if n == 0 else ""
            mentions.append(Mention(begin, finish, text[begin:finish], status, role, rule_id, block, own,
                                    councillor=councillor_context or _councillor_word(own),
                                    chair=chair and status == "present" and n == 0, tokens=group))
        if trailing and mentions[-1].title is None:
            mentions[-1].title, mentions[-1].title_span = _flat(text, s + post_at, e), (s + post_at, e)
        if post and mentions[-1].title is None:
            mentions[-1].title = " ".join(post.split())
            mentions[-1].councillor = v.posts.get(post) == "member"
            councillor_context = False
        if paren is not None and _apply_paren(mentions[-1], paren.strip(), status):
            councillor_context = False  # a bracketed post: the run of councillors is over
        last_kind = "name"
    return mentions


def _councillor_word(honorific: str) -> bool:
    return bool(honorific) and core_honorific(honorific).lower() in vocab().councillor_words


def _flat(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _extend_title(text: str, mention: Mention, end: int) -> None:
    """A title that runs on past "and" ("Head of Service Safeguarding and Quality Assurance")."""
    start = mention.title_span[0]
    mention.title_span = (start, end)
    mention.title = _flat(text, start, end)


VICE_CHAIR = re.compile(r"[Vv]ice[- ][Cc]hair(?:man|woman|person)?")
AFFILIATION = re.compile(r"\b(?:Council|Authority|Ward|Division|Borough|District|Parish)$")


def _apply_paren(mention: Mention, content: str, status: str) -> bool:
    """A bracket after a name: chair marker, initials, or a post. True when it gave a title."""
    v = vocab()
    flat = " ".join(content.split())
    if initialled := re.fullmatch(r"[A-Z]{2,4}\s*[-–]\s*(\S.*)", flat):  # "(SH-Chair)": the member's initials, then a post
        flat = initialled.group(1)
        mention.councillor = mention.councillor or v.posts.get(flat.replace("-", " ")) == "member" or \
            bool(v.chair_marker.match(flat) or VICE_CHAIR.fullmatch(flat))
    if v.chair_marker.match(flat):
        mention.chair = status == "present"
    elif VICE_CHAIR.fullmatch(flat):
        mention.vice_chair = status == "present"
    elif re.fullmatch(r"[A-Z]", flat):
        mention.tokens = [flat] + mention.tokens  # "Collins (M)": the initial that tells namesakes apart
    elif re.fullmatch(r"[A-Z]{2,4}", flat):
        pass  # "(PB)": the initials the minutes use for this member
    elif flat[:1].isupper() and mention.title is None:
        mention.title = flat
        return not AFFILIATION.search(flat)  # "(Powys County Council)": whom a member sits for, not a post
    return False
