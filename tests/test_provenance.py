"""The auditor's invariant: every stored record's span reproduces its evidence, over every table."""

import pytest

# Per table: the column that must equal documents.text[char_start:char_end]; for an item or a table,
# whose span is its whole extent, the column that must stand inside it.
EVIDENCE = {"metrics": "quote", "attendees": "name", "resolutions": "text", "actions": "text", "motions": "text",
            "votes": "name", "declarations": "name"}
EXTENT = {"agenda_items": "title", "tables": "first_row"}


@pytest.fixture(params=["seeds_db", "corpus_db"])
def any_db(request):
    """Each invariant runs on the seeds alone and on the seeds with the shared real documents."""
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("table", sorted({**EVIDENCE, **EXTENT}))
def test_every_span_reproduces_its_evidence(any_db, table):
    db, _ = any_db
    column = EVIDENCE.get(table) or EXTENT[table]
    rows = db.execute(
        f"select t.id, t.char_start, t.char_end, t.{column}, d.text "
        f"from {table} t join documents d on d.id = t.document_id").fetchall()
    bad = []
    for row_id, start, end, evidence, text in rows:
        span = text[start:end]
        ok = span == evidence if table in EVIDENCE else " ".join(evidence.split()) in " ".join(span.split())
        if not (0 <= start <= end <= len(text)) or not ok:
            bad.append((row_id, span[:60], evidence[:60]))
    assert not bad, f"{len(bad)} {table} rows whose span is not their evidence, e.g. {bad[:3]}"


@pytest.mark.parametrize("table", sorted({**EVIDENCE, **EXTENT}))
def test_every_record_is_on_the_page_that_holds_its_span(any_db, table):
    db, _ = any_db
    wrong = db.execute(
        f"select count(*) from {table} t join documents d on d.id = t.document_id "
        f"where d.format = 'pdf' and t.page is not (select p.number from pages p "
        f"where p.document_id = t.document_id and p.char_start <= t.char_start "
        f"order by p.char_start desc limit 1)").fetchone()[0]
    assert wrong == 0


def test_pdf_pages_tile_the_text_in_order(any_db):
    db, _ = any_db
    for doc_id, pages, length in db.execute("select id, pages, length(text) from documents where format = 'pdf'"):
        spans = db.execute("select number, char_start, char_end from pages where document_id = ? order by number",
                           [doc_id]).fetchall()
        assert [n for n, _, _ in spans] == list(range(1, pages + 1))
        assert spans[0][1] == 0 and spans[-1][2] == length
        assert all(a[2] == b[1] for a, b in zip(spans, spans[1:])), "pages must meet end to start"


def test_the_stored_sentence_is_where_the_evidence_starts(any_db):
    """A record's sentence holds its evidence, or (for a resolution running over several sentences)
    its opening."""
    db, _ = any_db
    for table in ("metrics", "attendees", "resolutions", "actions"):
        for evidence, sentence in db.execute(
                f"select substr(d.text, t.char_start + 1, t.char_end - t.char_start), t.sentence "
                f"from {table} t join documents d on d.id = t.document_id"):
            assert evidence[:20] in sentence or sentence in evidence, (table, evidence, sentence)
