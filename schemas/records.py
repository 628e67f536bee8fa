"""Pydantic models, one per record type; the SQLite tables are derived from these.

Every extracted record shares the `Evidence` shape: the document it was read from and the exact
characters (`documents.text[char_start:char_end]`, end exclusive), with the page and sentence they
stand in and the id of the rule that produced it, so an auditor can see why the row exists.
`agenda_item_id` and `resolution_id` are filled by the store, which alone knows database ids.
"""

from bisect import bisect_right
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, model_validator

Format = Literal["txt", "html", "pdf", "md", "docx", "doc", "xml"]
MetricRole = Literal["actual", "target", "national", "statistical_neighbour", "regional", "previous", "other"]
AttendeeRole = Literal["councillor", "officer", "other"]
AttendeeStatus = Literal["present", "apologies", "substitute", "in_attendance", "invited"]
DocumentKind = Literal["minutes", "agenda", "report", "decision_notice", "other"]
MotionKind = Literal["motion", "amendment", "procedural"]
MotionResult = Literal["carried", "lost", "withdrawn", "deferred"]
VoteCast = Literal["for", "against", "abstain", "absent"]
InterestKind = Literal["disclosable_pecuniary", "other_registrable", "non_registrable", "prejudicial", "personal"]


class Record(BaseModel):
    """Immutable, strict base: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    table: ClassVar[str]


class Page(Record):
    """Where one PDF page sits in the stored text (1-based number)."""

    table: ClassVar[str] = "pages"
    document_id: str
    number: int
    char_start: int
    char_end: int
    text_source: Literal["layer", "ocr"] = "layer"  # the PDF's text layer, or OCR of the page image
    ocr_confidence: float | None = None  # Tesseract's mean word confidence (0-100) for an OCR'd page


class Document(Record):
    """A source file as stored: `text` is what every offset in every table indexes into."""

    table: ClassVar[str] = "documents"
    id: str  # sha256 of the file's bytes
    source_path: str
    format: Format
    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None  # ISO date
    title: str | None = None
    kind: DocumentKind | None = None  # what the text reads as: minutes, an agenda, a report …
    no_declarations: bool = False  # the text records that no interests were declared
    source_url: str | None = None
    metadata_source: str = "inferred"  # "inferred" from the text, or "sidecar" (NAME.meta.json)
    sidecar: str | None = None  # the sidecar's fields as JSON: a changed sidecar re-reads the document
    text: str
    pages: int | None = None  # page count, PDFs only
    page_starts: tuple[int, ...] = (0,)  # char offset where each page starts

    def page_at(self, offset: int) -> int | None:
        """1-based page holding `offset`, or None for documents without pages."""
        if self.pages is None:
            return None
        return max(1, bisect_right(self.page_starts, offset))


class Evidence(Record):
    """Provenance shared by every extracted record."""

    document_id: str
    char_start: int
    char_end: int
    page: int | None = None
    sentence: str = ""
    rule_id: str
    agenda_item_id: int | None = None

    @model_validator(mode="after")
    def _span_is_ordered(self):
        if not 0 <= self.char_start <= self.char_end:
            raise ValueError(f"bad span {self.char_start}..{self.char_end}")
        return self


class AgendaItem(Evidence):
    """One agenda item / minute / report section; its span is the item's whole extent."""

    table: ClassVar[str] = "agenda_items"
    position: int
    number: str | None = None
    title: str


class Metric(Evidence):
    """One reported figure; `quote` is exactly documents.text[char_start:char_end]."""

    table: ClassVar[str] = "metrics"
    value: float
    unit: str
    role: MetricRole
    subject: str
    indicator: str | None = None
    period: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    period_inferred: bool = False  # True when the period comes from the document, not the sentence
    quote: str
    table_position: int | None = None  # the document's table (1, 2 …) whose cell it is
    table_id: int | None = None  # that table's row in `tables`, set when stored
    row_label: str | None = None
    column_label: str | None = None


class Table(Evidence):
    """A table read from the text's lines; the span runs from its first row to its last."""

    table: ClassVar[str] = "tables"
    position: int  # 1, 2 … in the document
    rows: int
    columns: int
    header: str | None = None  # the lines naming its columns, joined
    first_row: str  # its first row as printed: what its span opens with


class Attendee(Evidence):
    """One person per document; the span is the name's first mention."""

    table: ClassVar[str] = "attendees"
    name: str
    role: AttendeeRole
    status: AttendeeStatus
    is_chair: bool = False
    title: str | None = None


class Resolution(Evidence):
    """One resolved part; `text` is the span's text."""

    table: ClassVar[str] = "resolutions"
    position: int
    text: str
    is_recommendation: bool = False  # "RECOMMENDED to Cabinet that …": a recommendation to another body


class Action(Evidence):
    """One deliverable someone is to produce; `resolution_id` links resolution-derived actions."""

    table: ClassVar[str] = "actions"
    resolution_id: int | None = None
    text: str
    owner: str | None = None
    due_text: str | None = None
    due_date: str | None = None


class Motion(Evidence):
    """One motion or amendment put to the meeting; the span is its wording (or the sentence making it).

    `inferred` names the fields read from context rather than stated ("result" when "Proposed …,
    seconded … and RESOLVED" implies it was carried; "votes_for" when counted from a named vote).
    """

    table: ClassVar[str] = "motions"
    position: int  # order in the document; votes point at it until the store gives ids
    resolution_id: int | None = None
    kind: MotionKind = "motion"
    text: str
    mover: str | None = None
    seconder: str | None = None
    result: MotionResult | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    absent: int | None = None
    unanimous: bool = False
    result_offset: int | None = None  # where in documents.text the outcome is stated
    inferred: str = ""


class Vote(Evidence):
    """One member's vote in a recorded (named) vote; the span is the name as printed."""

    table: ClassVar[str] = "votes"
    motion_position: int
    motion_id: int | None = None
    name: str
    vote: VoteCast
    attendee_id: int | None = None


class Declaration(Evidence):
    """One declared interest; the span is the declaration as written."""

    table: ClassVar[str] = "declarations"
    name: str
    member: str | None = None  # the listed attendee `name` refers to ("The Chair" → "Dave Roberts"), when one
    interest: str | None = None
    kind: InterestKind | None = None
    left_room: bool | None = None
    attendee_id: int | None = None


class Check(Record):
    """A finding about how well a document was read (OCR confidence, unsplit items, missing
    attendance, conflicting figures …); the span, where one applies, is what it is about."""

    table: ClassVar[str] = "checks"
    document_id: str
    code: str
    message: str
    char_start: int | None = None
    char_end: int | None = None
    page: int | None = None
    rule_id: str


class Extraction(BaseModel):
    """Everything the pipeline read from one document, ready to store in one transaction."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    document: Document
    pages: list[Page] = []
    agenda_items: list[AgendaItem] = []
    tables: list[Table] = []
    metrics: list[Metric] = []
    attendees: list[Attendee] = []
    resolutions: list[Resolution] = []
    actions: list[Action] = []
    motions: list[Motion] = []
    votes: list[Vote] = []
    declarations: list[Declaration] = []
    checks: list[Check] = []


EXTRACTED_RECORDS: tuple[type[Evidence], ...] = (AgendaItem, Table, Metric, Attendee, Resolution, Action, Motion,
                                                 Vote, Declaration)
