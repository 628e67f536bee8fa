"""Adversarial texts: shapes that once made a stage super-linear, and the time each stage takes on them.

Each case is a generator of about `size` characters; `stage_seconds` runs every stage on one text.
`make bench` prints the worst stage per case per 100 KB; tests/test_linear.py checks on small sizes
that no stage grows faster than linearly.
"""

import time
from collections.abc import Callable

from extract.find.actions import extract_actions
from extract.find.attendees import extract_attendees
from extract.find.declarations import extract_declarations
from extract.find.kind import document_kind
from extract.find.metrics.figures import extract_metrics
from extract.find.motions import decided, extract_motions
from extract.find.resolutions import extract_resolutions
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from extract.find.votes import extract_votes
from extract.read.html import html_to_lines
from extract.read.metadata import infer_metadata
from schemas.records import Document


def _repeat(head: str, unit: str, tail: str = "") -> Callable[[int], str]:
    return lambda size: head + unit * max(1, (size - len(head)) // len(unit)) + tail


CASES: dict[str, Callable[[int], str]] = {
    "one long word in an apology": _repeat("Apologies were received from Cllr A", "a", "!"),
    "agreed after a Present line": _repeat("Present: Cllr A Brown\n", "x The a agreed "),
    "undertakings after the Clerk": _repeat("The Clerk ", "will provide x and "),
    "apologies from initials": _repeat("Apologies were received from ", "ab. "),
    "Welsh apologies cue repeated": _repeat("", "ymddiheuriadau gan y "),
    "RESOLVED repeated on one line": _repeat("", "RESOLVED: That x. "),
    "a run of thousands": _repeat("", "1,000,"),
    "numbered lines": _repeat("", "7 Abcdef\n"),
    "one line of rates": _repeat("", "the rate rose to 45% and "),
    "a named vote with no end": _repeat("Motion carried.\nFor (2)\n", "Mr A, "),
    "proposals repeated": _repeat("", "Proposed by Cllr A "),
    "declarations repeated": _repeat("", "Cllr A declared an interest in "),
    "a vote table with no end": _repeat("Motion made by A\n\nThat x.\n\nYeas: | Nays:\n", "A B | C D\n"),
    "Legistar labels, endless ayes": _repeat("RESULT:\nMOVER:\nSECONDER:\nAYES:\n\n", "Ab, "),
    "nested HTML": lambda size: "<div>" * (size // 10) + "</p>" * (size // 10),
}


def _document(text: str) -> Document:
    return Document(id="x", source_path="x.txt", format="txt", text=text, **infer_metadata(text))


def stage_seconds(name: str, size: int) -> dict[str, float]:
    """Seconds each stage takes on case `name` at about `size` characters (HTML cases: the reader too)."""
    raw = CASES[name](size)
    times: dict[str, float] = {}

    def timed(stage: str, run):
        start = time.perf_counter()
        result = run()
        times[stage] = time.perf_counter() - start
        return result

    text = timed("read html", lambda: html_to_lines(raw)[0]) if raw.startswith("<") else raw
    doc = _document(text)
    items = timed("segment", lambda: segment(doc))
    sentences = timed("sentences", lambda: SentenceIndex(text))
    motions = timed("motions", lambda: extract_motions(doc, items, sentences))
    resolutions = timed("resolutions", lambda: extract_resolutions(doc, items, sentences, motions))
    timed("votes", lambda: extract_votes(doc, sentences, decided(motions, resolutions)))
    timed("metrics", lambda: extract_metrics(doc, items, sentences))
    timed("attendees", lambda: extract_attendees(doc, items, sentences))
    timed("actions", lambda: extract_actions(doc, items, sentences, resolutions))
    timed("declarations", lambda: extract_declarations(doc, sentences))
    timed("kind", lambda: document_kind(doc))
    return times


def bench_adversarial(size: int = 100_000) -> None:
    """Print, per case, the slowest stage and its time per 100 KB."""
    stage_seconds("numbered lines", 2_000)  # load and compile the rules first
    print(f"== adversarial texts (~{size // 1000} KB each): the slowest stage, seconds per 100 KB")
    worst_of_all = 0.0
    for name in CASES:
        times = stage_seconds(name, size)
        stage, seconds = max(times.items(), key=lambda kv: kv[1])
        per_100kb = seconds * 100_000 / size
        worst_of_all = max(worst_of_all, per_100kb)
        print(f"  {name:<34}{stage:<14}{per_100kb:7.2f} s")
    print(f"  {'worst':<48}{worst_of_all:7.2f} s")
