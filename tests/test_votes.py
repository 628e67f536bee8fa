"""Named votes: tiny literal rule tests in the layouts councils use (invented names), and the county
council's recorded votes read whole."""

from extract.find.motions import decided, extract_motions
from extract.find.resolutions import extract_resolutions
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from extract.find.votes import extract_votes
from extract.run.pipeline import extract_document
from schemas.records import Document

from .conftest import corpus_file, db_file, run


def votes_in(text: str):
    doc = Document(id="t", source_path="t.txt", format="txt", text=text)
    items, sentences = segment(doc), SentenceIndex(text)
    motions = extract_motions(doc, items, sentences)
    votes, motions = extract_votes(doc, sentences, decided(motions, extract_resolutions(doc, items, sentences, motions)))
    assert all(text[v.char_start:v.char_end] == v.name for v in votes)
    return votes, motions


def test_a_uk_recorded_vote_lists_names_under_counted_labels_wrapping_over_lines():
    text = ("(2) Mr Green proposed, and Mrs White seconded the motion that:\n"
            "“The budget be agreed.”\n"
            "(3) The Chairman put the motion to the vote and the voting was as follows:\n"
            "For (3)\nMr Green, Mrs White, Sir Tom Black, CBE, Mr\nGrey\nAgainst (0)\nAbstain (1)\nMs Brown\n"
            "Motion carried.\n")
    votes, [motion] = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Mr Green", "for"), ("Mrs White", "for"), ("Sir Tom Black", "for"),
                                                 ("Mr\nGrey", "for"), ("Ms Brown", "abstain")]
    assert (motion.text, motion.mover, motion.seconder, motion.result) == (
        "The budget be agreed.", "Mr Green", "Mrs White", "carried")
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (3, 0, 1)


def test_a_vote_table_heads_columns_of_names():
    text = ("Motion made by A. Brown\n\nThat the report BE RECEIVED.\n\nVote:\n\nYeas: | Nays:\n\n"
            "Mayor C. Dunn | E. Fox\n\nA. Brown\n\nMotion Passed (2 to 1)\n")
    votes, [motion] = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Mayor C. Dunn", "for"), ("E. Fox", "against"), ("A. Brown", "for")]
    assert (motion.votes_for, motion.votes_against) == (2, 1)


def test_legistars_flattened_table_gives_its_labels_values_in_order():
    text = ("Director Green made the motion to approve the minutes.\n\nDirector Black seconded the motion.\n\n"
            "The motion passed with 3 in favor.\n\nRESULT:\nMOVER:\nSECONDER:\nAYES:\nABSENT:\n\n"
            "PASSED [3 TO 0]\nAnn Green, Director, District A\nBo Black, Director, District B\n"
            "Green, Black,\nWhite\nCy Grey\n")
    votes, _ = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Green", "for"), ("Black", "for"), ("White", "for"),
                                                 ("Cy Grey", "absent")]


def test_a_vote_is_given_to_the_motion_whose_outcome_follows_it():
    text = ("(4) Mr Green proposed and Mrs White seconded the following motion:\n\n“That the plan be adopted.”\n\n"
            "(5) Mr Grey proposed, and Ms Brown seconded the following amendment:\n“Add a reserve.”\n"
            "For (1)\nMr Grey\nAgainst (2)\nMr Green, Mrs White\nAmendment lost.\n"
            "(6) The Chairman put the substantive motion to the vote:\nFor (2)\nMr Green, Mrs White\n"
            "Against (1)\nMr Grey\nSubstantive Motion Carried.\n")
    votes, motions = votes_in(text)
    main, amendment = motions
    assert (main.kind, main.result, amendment.kind, amendment.result) == ("motion", "carried", "amendment", "lost")
    assert [(v.name, v.vote, v.motion_position) for v in votes] == [
        ("Mr Grey", "for", 2), ("Mr Green", "against", 2), ("Mrs White", "against", 2),
        ("Mr Green", "for", 1), ("Mrs White", "for", 1), ("Mr Grey", "against", 1)]


def test_no_motion_no_votes():
    votes, motions = votes_in("For (2)\nMr Green, Mrs White\n")
    assert (votes, motions) == ([], [])


def test_the_county_councils_section_25_vote_gives_59_named_votes_and_one_carried_motion():
    extraction = extract_document(corpus_file("kent_county-council_2025-02-13.pdf"))
    [motion] = [m for m in extraction.motions if m.text.startswith("Pursuant to section 25")]
    assert (motion.result, motion.mover, motion.seconder) == ("carried", "Mr Oakford", "Mr Gough")
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (57, 0, 2)
    cast = [v for v in extraction.votes if v.motion_position == motion.position]
    assert len(cast) == 59 and sum(v.vote == "for" for v in cast) == 57
    assert sorted(v.name for v in cast if v.vote == "abstain") == ["Mr B Lewis", "Mr D Ross"]


def test_stored_votes_point_at_their_motion_and_trace_to_the_printed_name(corpus_db):
    db, _ = corpus_db
    motion_id, resolution_id = db.execute(
        "select m.id, m.resolution_id from motions m join documents d on d.id = m.document_id "
        "where d.source_path like '%kent_county-council_2025-02-13.pdf' and m.text like 'Pursuant to section 25%'"
    ).fetchone()
    votes = db.execute("select vote, count(*) from votes where motion_id = ? group by vote order by vote",
                       [motion_id]).fetchall()
    assert votes == [("abstain", 2), ("for", 57)]
    assert resolution_id is None  # restated by its own "RESOLVED that …", which is the resolution
    vote_id = db.execute("select id from votes where motion_id = ? and name = 'Mr D Ross'", [motion_id]).fetchone()[0]
    traced = run("trace", "votes", vote_id, "--db", db_file(corpus_db))
    assert traced.exit_code == 0 and "[[Mr D Ross]]" in traced.output


def test_a_us_roll_call_told_in_sentences_gives_each_members_vote():
    text = ("4. COUNCIL CONSIDERATION ITEMS\nCouncilmember Butts moved and Councilmember Groves seconded to adopt "
            "RESOLUTION NO. 2023-120 Approving the Final Plat.\nCouncilmembers Butts, Groves and Rye voted in favor. "
            "Councilmember Lane voted against the same. Motion passed.\n")
    votes, motions = votes_in(text)
    assert [(m.mover, m.seconder, m.result) for m in motions] == [("Councilmember Butts", "Councilmember Groves", "carried")]
    assert [(v.name, v.vote) for v in votes] == [("Butts", "for"), ("Groves", "for"), ("Rye", "for"), ("Lane", "against")]


def test_escribe_labels_with_the_count_after_the_colon_and_the_names_on_its_line():
    text = ("2. Consent Items\nMoved by: H. Mack\nSeconded by: P. Cuddie\nThat Items 2.1 to 2.4 BE APPROVED.\n"
            "Yeas: (3): Mayor J. Morgan, H. Mack, and P. Cuddie\nNays: (1): S. Lewis\nMotion Passed (3 to 1)\n")
    votes, motions = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Mayor J. Morgan", "for"), ("H. Mack", "for"), ("P. Cuddie", "for"),
                                                 ("S. Lewis", "against")]
    assert [(m.votes_for, m.votes_against) for m in motions] == [(3, 1)]


def test_a_legistar_summary_printed_label_by_value_names_the_mover_seconder_and_tally():
    text = ("Director Green made the motion to approve the budget.\n\nDirector Black seconded the motion.\n\n"
            "RESULT:\nADOPTED [2 TO 1] WITH 1 ABSTENTION\nMOVER:\nAnn Green, Director, District A\n"
            "SECONDER: Bo Black, Director, District B\nAYES:\nGreen, Black\nNAYS:\nCy Grey\nABSTAIN:\nDee Brown\n"
            "Chair Grey declared the motion PASSED.\n")
    votes, [motion] = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Green", "for"), ("Black", "for"), ("Cy Grey", "against"),
                                                 ("Dee Brown", "abstain")]
    assert (motion.seconder, motion.votes_for, motion.votes_against, motion.abstentions) == (
        "Director Black", 2, 1, 1)


def test_a_roll_call_told_name_by_vote_gives_each_members_vote():
    text = ("Councilmember Lane moved approval of the staff recommendation.\nVice Mayor Rye seconded the motion.\n"
            "On the call for the question, the motion carried by the following roll call vote:\n"
            "Councilmembers Aube: Aye; Bright Moss: No; Lane: Aye; and\nMayor Rye: Abstain. Ayes: 2.\n")
    votes, [motion] = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Aube", "for"), ("Bright Moss", "against"), ("Lane", "for"),
                                                 ("Mayor Rye", "abstain")]
    assert (motion.mover, motion.seconder, motion.result) == ("Councilmember Lane", "Vice Mayor Rye", "carried")


def test_a_town_boards_voting_aye_and_voting_nay_lines():
    votes, _ = votes_in("Bills: Moved by R Dahl, second by M Berg to pay the bills.\n\nVoting AYE: Olsen, Dahl and Berg\n\n"
                        "Voting Nay: Holm\n\nMotion carried\n")
    assert [(v.name, v.vote) for v in votes] == [("Olsen", "for"), ("Dahl", "for"), ("Berg", "for"), ("Holm", "against")]


def test_a_roll_call_one_member_a_line_and_an_attendance_absent_line_that_is_no_vote():
    text = ("ROLL CALL (Present): Councilmen Gary Benz, Fred Hollis and Deputy Mayor Jim Rowe\n\n"
            "Absent: Councilman Richard Zorn\n\nAPPROVAL OF MINUTES\n\nMr. Benz made a motion to approve the minutes. "
            "Mr. Hollis seconded the motion.\n\nRoll Call: Mr. Benz - Yes\nMr. Hollis - Yes\nDeputy Mayor Rowe - Yes\n\n"
            "Motion carried 3 to 0.\n")
    votes, motions = votes_in(text)
    assert [(v.name, v.vote) for v in votes] == [("Mr. Benz", "for"), ("Mr. Hollis", "for"), ("Deputy Mayor Rowe", "for")]
    assert [(m.result, m.votes_for, m.votes_against) for m in motions] == [("carried", 3, 0)]


def test_legistars_following_vote_belongs_to_the_motion_above_it_and_its_run_of_names_ends_at_a_blank_line():
    text = ("3. CONSENT CALENDAR\n24-101 Approval of the Minutes\nA motion was made by Councilmember Ford, seconded by "
            "Councilmember Holt, that this item be approved. The motion carried by the following vote:\n"
            "Aye: 3 - Mayor Kim, Councilmember Ford and Councilmember Holt\n\n"
            "24-102 Contract for Street Resurfacing\nA motion was made by Councilmember Jobs, seconded by "
            "Councilmember Lee, that this item be approved. The motion carried by the following vote:\n"
            "Aye: 2 - Mayor Kim and Councilmember Jobs\nNay: 1 - Councilmember Holt\n\n4. ADJOURNMENT\n")
    votes, motions = votes_in(text)
    by_motion = [[(v.name, v.vote) for v in votes if v.motion_position == m.position] for m in motions]
    assert by_motion == [[("Mayor Kim", "for"), ("Ford", "for"), ("Holt", "for")],
                         [("Mayor Kim", "for"), ("Jobs", "for"), ("Holt", "against")]]
    assert [(m.votes_for, m.votes_against) for m in motions] == [(3, None), (2, 1)]
