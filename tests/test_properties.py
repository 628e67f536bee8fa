"""Property: arbitrary Unicode through every stage raises nothing and every span is its evidence."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.find.actions import extract_actions
from extract.find.attendees import extract_attendees
from extract.find.declarations import extract_declarations
from extract.find.metrics.figures import extract_metrics
from extract.find.motions import decided, extract_motions
from extract.find.resolutions import extract_resolutions
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from extract.find.votes import extract_votes
from extract.read.html import html_to_lines
from extract.read.metadata import infer_metadata
from extract.read.text import build_text
from schemas.records import Document

# Pieces of real minutes, so the rules fire, mixed with anything at all.
FRAGMENTS = [
    "\n", "\n\n", " ", "Present:- Councillor Pitchley (in the Chair); Councillors Atkin, Bacon",
    "Apologies for absence were received from Councillors X and Y.", "Resolved:- That", "RESOLVED: 1) ",
    "(i) ", "(a) ", "- ", "• ", "95. MINUTES OF THE PREVIOUS MEETING", "3.4 Assessments", "(Item 4)",
    "89.3% of families were contacted within 3 working days", "£2.143m", "from 70.1% in 2014/15 to 92.8%",
    "the rate per 10,000 population of 262.1", "four adoptions", "Tuesday 25 July 2023", "period ending",
    "Clerk to write to", "The Chair invited Helen Sweaton, Head of Service,", "early in 2024", "Ms. R. Wall",
    "<p>", "</p>", "<br />", "&pound;", "\u00a0", "\ufeff", "\u200b", "\ufffe", "Mr.", "e.g.", "?", ":-",
]
DOCUMENT_TEXT = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(FRAGMENTS)), max_size=40).map("".join)
EVIDENCE = {"metrics": "quote", "attendees": "name", "resolutions": "text", "actions": "text", "motions": "text",
            "votes": "name", "declarations": "name"}


def run_all_stages(pages: list[str]):
    text, starts = build_text(pages)
    document = Document(id="x", source_path="x.txt", format="pdf", text=text, page_starts=starts,
                        pages=len(starts), **infer_metadata(text))
    items = segment(document)
    sentences = SentenceIndex(text)
    motions = extract_motions(document, items, sentences)
    resolutions = extract_resolutions(document, items, sentences, motions)
    votes, motions = extract_votes(document, sentences, decided(motions, resolutions))
    records = {
        "agenda_items": items,
        "metrics": extract_metrics(document, items, sentences),
        "attendees": extract_attendees(document, items, sentences),
        "resolutions": resolutions,
        "actions": extract_actions(document, items, sentences, resolutions),
        "motions": motions,
        "votes": votes,
        "declarations": extract_declarations(document, sentences)[0],
    }
    return text, records


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCUMENT_TEXT, min_size=1, max_size=3))
def test_every_stage_survives_any_text_and_every_span_is_its_evidence(pages):
    text, records = run_all_stages(pages)
    for table, rows in records.items():
        for row in rows:
            assert 0 <= row.char_start <= row.char_end <= len(text), (table, row)
            if table in EVIDENCE:
                assert text[row.char_start:row.char_end] == getattr(row, EVIDENCE[table]), (table, row)


@settings(max_examples=200, deadline=None)
@given(DOCUMENT_TEXT)
def test_html_reader_survives_any_markup(markup):
    text, _ = html_to_lines(markup)
    assert isinstance(text, str)
    run_all_stages([text])


@settings(max_examples=200, deadline=None)
@given(DOCUMENT_TEXT)
def test_sentences_cover_the_text_without_overlap(text):
    spans = SentenceIndex(text).spans
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(text[s.start:s.end].strip() for s in spans)
