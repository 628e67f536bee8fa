"""One document through every stage: file → `Extraction` (no database involved)."""

from pathlib import Path

from extract.find.actions import extract_actions
from extract.find.attendees import extract_attendees
from extract.find.checks import find_checks
from extract.find.declarations import extract_declarations, with_members
from extract.find.kind import document_kind
from extract.find.metrics.figures import extract_metrics
from extract.find.motions import decided, extract_motions
from extract.find.resolutions import extract_resolutions
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from extract.find.tables import read_tables, table_records
from extract.find.votes import extract_votes
from extract.read.document import load_document
from schemas.records import Extraction


def extract_document(path: Path, data: bytes | None = None, source_path: str | None = None,
                     ocr: bool = True, sidecar: dict | None = None) -> Extraction:
    """Read, segment and extract one file; raises a `MinutesError` subclass on bad input."""
    document, pages = load_document(path, data, source_path, ocr, sidecar)
    items = segment(document)
    sentences = SentenceIndex(document.text)
    motions = extract_motions(document, items, sentences)
    resolutions = extract_resolutions(document, items, sentences, motions)
    votes, motions = extract_votes(document, sentences, decided(motions, resolutions))
    declarations, none_declared = extract_declarations(document, sentences)
    document = document.model_copy(update={"kind": document_kind(document), "no_declarations": none_declared})
    tables = read_tables(document.text, document.meeting_date)
    metrics = extract_metrics(document, items, sentences, tables)
    attendees = extract_attendees(document, items, sentences)
    actions = extract_actions(document, items, sentences, resolutions)
    return Extraction(
        document=document,
        pages=pages,
        agenda_items=items,
        tables=table_records(document, tables[0], sentences),
        metrics=metrics,
        attendees=attendees,
        resolutions=resolutions,
        actions=actions,
        motions=motions,
        votes=votes,
        declarations=with_members(declarations, attendees),
        checks=find_checks(document, pages, items, attendees, resolutions, metrics, actions),
    )

WARM_UP_TEXT = ("Minutes of the Parish Council meeting held on 1 May 2024\nPresent: Cllr A Brown (Chair), Cllr C Dunn\n"
                "1. Declarations of interest\nNone.\n2. Finance\nSpending rose to 45% (£1,200). "
                "Proposed by Cllr A Brown, seconded by Cllr C Dunn and agreed.\n"
                "RESOLVED: That the Clerk writes to the council by 31 May 2024.\n"
                "Apologies for absence were received from Cllr E Fox. The Chair welcomed everyone.\n"
                "3. Performance\nIndicator 2022/23 2023/24 Target England\nRe-referrals 22.1% 20.4% 20% 21.4%\n"
                "The rate per 10,000 was 45.2 against a national average of 40.1 in March 2024; 12% as of last week.\n"
                "Councilmember A Brown moved and Councilmember C Dunn seconded to approve the budget.\n"
                "Yeas: A Brown, C Dunn\nMotion passed unanimously.\nAction: Clerk to write to the school.\n").encode()


def warm_up() -> None:
    """Load and compile every rule file once (by extracting a small text that touches each stage,
    dateparser's relative dates too), so that forked workers share them instead of each paying
    for it inside its first document's time limit."""
    extract_document(Path("warm-up.txt"), data=WARM_UP_TEXT, ocr=False)
