"""Motions: tiny literal rule tests in the layouts councils use (invented names), found from their outcome."""

import pytest

from extract.find.motions import extract_motions
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from schemas.records import Document


def motions_in(text: str) -> list:
    doc = Document(id="t", source_path="t.md", format="md", text=text)
    return extract_motions(doc, segment(doc), SentenceIndex(text))


def wording(text: str, motion) -> str:
    assert motion.text == text[motion.char_start:motion.char_end]
    return motion.text


def summary(text: str, *fields: str, width: int = 24) -> list[tuple]:
    """Each motion as its wording's first `width` characters, then the named fields."""
    return [(wording(text, m)[:width], *(getattr(m, f) for f in fields)) for m in motions_in(text)]


def test_an_escribe_motion_block_gives_its_wording_mover_seconder_and_tally():
    text = ("2.1 Budget Targets\n\nMotion made by A. Brown\n\nSeconded by C. Dunn\n\n"
            "That the Civic Administration BE DIRECTED to report back.\n\nVote:\n\nYeas:\n\nA. Brown\n\nC. Dunn\n\n"
            "Motion Passed (2 to 0)\n")
    [motion] = motions_in(text)
    assert wording(text, motion) == "That the Civic Administration BE DIRECTED to report back."
    assert (motion.mover, motion.seconder, motion.result, motion.votes_for, motion.votes_against) == (
        "A. Brown", "C. Dunn", "carried", 2, 0)


def test_an_amendment_announcing_its_new_part_opens_the_wording_it_announces():
    text = ("2.2 Reserve Policy\n\nMoved by A. Brown\n\nSeconded by C. Dunn\n\n"
            "The motion be amended to include a new part that reads as follows:\n\n"
            "That the reserve contribution BE REDUCED to 15%.\n\nVote:\n\nYeas:\n\nA. Brown\n\nC. Dunn\n\n"
            "Motion Passed (2 to 0)\n")
    [motion] = motions_in(text)
    assert wording(text, motion) == ("The motion be amended to include a new part that reads as follows:\n\n"
                                     "That the reserve contribution BE REDUCED to 15%.")
    assert motion.kind == "amendment"


def test_a_label_above_a_motions_wording_is_not_its_lead_in():
    text = ("2.1 Budget Targets\n\nMoved by A. Brown\n\nSeconded by C. Dunn\n\nRecommendation:\n\n"
            "That the targets BE APPROVED.\n\nMotion Passed (2 to 0)\n")
    [motion] = motions_in(text)
    assert wording(text, motion) == "That the targets BE APPROVED."


def test_a_us_board_motion_sentence_closed_by_the_chairs_declaration():
    text = ("Director Green made the motion to approve the minutes.\n\nDirector Black seconded the motion.\n\n"
            "The motion passed with 9 in favor.\n\nChair White declared the motion PASSED unanimously.\n")
    [motion] = motions_in(text)  # two outcome lines for one motion give one motion
    assert wording(text, motion).startswith("Director Green made the motion to approve the minutes")
    assert (motion.mover, motion.seconder, motion.result, motion.votes_for) == (
        "Director Green", "Director Black", "carried", 9)


def test_a_lost_motion_is_not_a_resolution():
    from extract.find.resolutions import extract_resolutions

    text = ("Present: Cllr A Brown\n\n3. Parking\n\nMotion made by A. Brown\n\n"
            "That the car park charges BE APPROVED.\n\nMotion Failed (1 to 4)\n\n"
            "Motion made by C. Dunn\n\nThat the charges BE DEFERRED.\n\nMotion Passed (5 to 0)\n")
    doc = Document(id="t", source_path="t.md", format="md", text=text)
    rows = extract_resolutions(doc, segment(doc), SentenceIndex(text))
    assert [r.text for r in rows] == ["That the charges BE DEFERRED."]
    assert [m.result for m in motions_in(text)] == ["lost", "carried"]


def test_a_main_motion_voted_after_its_amendment_keeps_its_own_wording():
    text = ("Director Green made the motion to approve the budget.\n\nDirector Black seconded the motion.\n\n"
            "Director White made the motion to amend the budget by adding a reserve.\n\n"
            "Chair Grey declared the motion to amend PASSED.\n\n"
            "Chair Grey declared the main motion as amended PASSED unanimously.\n")
    main, amendment = motions_in(text)  # in the order their wording stands
    assert wording(text, amendment).startswith("Director White made the motion to amend")
    assert (amendment.kind, main.kind) == ("amendment", "motion")
    assert wording(text, main).startswith("Director Green made the motion to approve the budget")
    assert main.unanimous and main.result == "carried"


def test_us_minutes_moved_for_approval_and_passed_with_a_tally():
    text = "The minutes of the April meeting were moved for approval by Member Smith and seconded by Member Jones. Passed 3-0.\n"
    [motion] = motions_in(text)
    assert (motion.result, motion.votes_for, motion.votes_against) == ("carried", 3, 0)


def test_a_bracketed_proposal_under_a_resolution_names_its_mover_and_seconder():
    from extract.find.motions import decided
    from extract.find.resolutions import extract_resolutions

    text = ("Present: Mr A Lee\n\n4.\n\nELECTION OF CHAIRMAN\n\nMinutes:\n\nRESOLVED\n\n"
            "That Mr T Egan be elected Chairman of the Panel for the ensuing year.\n\n"
            "(Proposed by Mr D Carr and seconded by Mr N Bryce)\n")
    motions = motions_in(text)
    doc = Document(id="t", source_path="t.md", format="md", text=text)
    resolutions = extract_resolutions(doc, segment(doc), SentenceIndex(text), motions)
    wording = "That Mr T Egan be elected Chairman of the Panel for the ensuing year."
    assert [r.text for r in resolutions] == [wording]
    assert [(m.text, m.mover, m.seconder, m.result) for m in decided(motions, resolutions)] == [
        (wording, "Mr D Carr", "Mr N Bryce", "carried")]


def test_us_movers_and_seconders_told_in_the_sentence_that_holds_the_motion():
    text = ("3. APPROVAL OF AGENDA\nCouncilmember Rye moved and Councilmember Lane seconded to approve the Agenda.\n"
            "Motion passed unanimously.\n4.02) Consider Approval of the Budget\nMotion was made by Councilmember "
            "Hewett, and seconded by Councilmember Stine, to approve the budget. With all members voting in favor, "
            "the motion carried.\n")
    assert summary(text, "mover", "seconder", "result", "unanimous", width=28) == [
        ("Councilmember Rye moved and ", "Councilmember Rye", "Councilmember Lane", "carried", True),
        ("Motion was made by Councilme", "Councilmember Hewett", "Councilmember Stine", "carried", False)]


def test_a_committee_records_each_recommendation_moved_put_to_the_vote_and_approved():
    text = ("5 Bus Lanes\nThe Committee considered a report on bus lanes.\n"
            "Recommendation 1 was moved by Councillor Amis and seconded by Councillor Bell. On being put\n"
            "to the vote the recommendation was CARRIED (6 members voting in favour, none against with 2\n"
            "abstentions)\nIt was APPROVED:\nThat the Committee:\n1. Approved the trial of a bus lane on Mill Road.\n"
            "Recommendation 2 was moved by Councillor Amis and seconded by Councillor Cole.\n"
            "Councillor Dean moved an amendment to the report as follows:\n"
            "Delay the trial until the spring.\nThe amendment was seconded by Councillor Bell\n"
            "On being put to the vote the amendment was LOST (2 members voting in favour and 7 against)\n"
            "Recommendation 3 was moved by Councillor Amis and seconded by Councillor Bell.\n"
            "“Recommendation 3\nApproves a new camera at the junction.”\n"
            "On being put to the vote the recommendation was LOST (4 members voting in favour, 5 against).\n")
    got = [(wording(text, m).split("\n")[-1][:32], m.mover, m.seconder, m.kind, m.result, m.votes_for,
            m.votes_against, m.abstentions) for m in motions_in(text)]
    assert got == [
        ("Approved the trial of a bus lane", "Councillor Amis", "Councillor Bell", "motion", "carried", 6, 0, 2),
        ("Recommendation 2 was moved by Co", "Councillor Amis", "Councillor Cole", "motion", None, None, None, None),
        ("Delay the trial until the spring", "Councillor Dean", "Councillor Bell", "amendment", "lost", 2, 7, None),
        ("Approves a new camera at the jun", "Councillor Amis", "Councillor Bell", "motion", "lost", 4, 5, None)]


def test_a_motion_moved_seconded_and_resolved_or_put_to_the_vote_with_votes_for_and_abstentions():
    text = ("78. Minutes\nIt was moved by Councillor Hale seconded by Councillor Ince and\n\n"
            "RESOLVED – That the minutes of the meeting held on 1st May be approved.\n\n"
            "79. Terms of Reference\nIt was moved by Councillor Hale,\nSeconded by Councillor Jory,\n"
            "“That the Terms of Reference be extended.”\n"
            "The recommendations were put to the vote and carried with 30 votes for and 3 abstentions.\n"
            "80. Procedure\nThe procedural motion was put to the vote and declared to be carried.\n")
    minutes, terms = motions_in(text)[:2]
    assert (minutes.mover, minutes.seconder, minutes.result) == ("Councillor Hale", "Councillor Ince", "carried")
    assert wording(text, terms) == "That the Terms of Reference be extended."
    assert (terms.mover, terms.seconder, terms.result, terms.votes_for, terms.abstentions) == (
        "Councillor Hale", "Councillor Jory", "carried", 30, 3)


def test_mover_lines_over_the_wording_make_a_motion_even_when_no_outcome_closes_it():
    text = ("2.1 Budget Update\n\nMoved by A. Brown\n\nSeconded by C. Dunn\n\n"
            "That the budget update BE RECEIVED.\n\nMoved by E. Fox\n\nSeconded by G. Hill\n\n"
            "That the motion be amended to add a part b).\n\nMotion Passed (9 to 2)\n\n"
            "3. ADOPTION OF AGENDA\nMoved by Evans, Seconded by Crawford\n"
            "Be it resolved that the agenda be received and adopted.\nCarried.\n")
    assert summary(text, "mover", "seconder", "result", "votes_for") == [
        ("That the budget update B", "A. Brown", "C. Dunn", None, None),
        ("That the motion be amend", "E. Fox", "G. Hill", "carried", 9),
        ("Be it resolved that the ", "Evans", "Crawford", "carried", None)]


def test_a_notice_of_motion_takes_the_mover_seconder_and_outcome_of_the_proposal_that_moves_it():
    text = ("8. NOTICE OF MOTION SUBMITTED BY COUNCILLOR ANNE BRADY\n\n"
            "“I will move at the next meeting of the Roads Committee that the Council write to the Minister "
            "for Transport about speed limits”.\n\nThe Notice of Motion was proposed by Councillor A. Brady, "
            "seconded by Councillor B. Quinn and agreed.\n\n9. NOTICE OF MOTION SUBMITTED BY DEPUTY C. DALY, T.D.\n\n"
            "“I will move at the next meeting for the provision of more bus shelters”.\n\n"
            "This matter was dealt with earlier in the meeting.\n")
    moved, dealt_with = motions_in(text)
    assert wording(text, moved) == "that the Council write to the Minister for Transport about speed limits"
    assert (moved.mover, moved.seconder, moved.result) == ("Councillor A. Brady", "Councillor B. Quinn", "carried")
    assert wording(text, dealt_with) == "for the provision of more bus shelters"
    assert (dealt_with.mover, dealt_with.seconder, dealt_with.result) == ("DEPUTY C. DALY, T.D.", None, None)


def test_a_motion_moved_and_seconded_in_sentences_is_a_motion_without_an_outcome():
    text = ("Councilmember Aube moved approval of directing staff to return with funding for paving.\n"
            "Councilmember Lane seconded the motion.\nThe matter was further discussed.\n")
    [motion] = motions_in(text)
    assert wording(text, motion).startswith("Councilmember Aube moved approval of directing staff")
    assert (motion.mover, motion.seconder, motion.result) == ("Councilmember Aube", "Councilmember Lane", None)


@pytest.mark.parametrize("text, expected", [
    # Australian shires: mover and seconder without "by", the tally as "CARRIED 4/0"
    ("3.1 Minutes\n\nCouncil Resolution 20201101\nMoved Cr Finch Seconded Cr Gould\nThat the minutes be "
     "confirmed.\nCARRIED 4/0\n", ("That the minutes be conf", "Cr Finch", "Cr Gould", "carried", 4, 0)),
    # Northern Irish councils: "X Moved, Y Seconded and the Council Resolved"
    ("3. Standing Orders\n\nCouncillor Brady Moved, Councillor Quigley Seconded and the Council\n\nResolved that "
     "Standing Orders be suspended.\n", ("Councillor Brady Moved, ", "Councillor Brady", "Councillor Quigley",
                                         "carried", None, None)),
    # two honorifics before one seconder's name; "Seconded by X and" on its line
    ("1.1 It was\n\nProposed by Councillor G H Kearney Seconded by Councillor Mrs E F Gallagher, and\n\nResolved: "
     "that the Minutes be signed.\n", ("Proposed by Councillor G", "Councillor G H Kearney",
                                       "Councillor Mrs E F Gallagher", "carried", None, None)),
    ("3 MINUTES\n\nMoved by Councillor Doyle\nSeconded by Alderman Carey and\n\nRESOLVED - that the Minutes be "
     "signed.\n", (None, "Councillor Doyle", "Alderman Carey", "carried", None, None)),
])
def test_movers_seconders_and_tallies_in_more_house_styles(text, expected):
    [row] = summary(text, "mover", "seconder", "result", "votes_for", "votes_against")
    assert row[1:] == expected[1:] and (expected[0] is None or row[0] == expected[0])


@pytest.mark.parametrize("text, mover, seconder", [
    # New Zealand councils: "Moved:" and "Seconded:" labels, and "Moved X, seconded Y and resolved"
    ("1 Apologies\n\nResolution 2020/21\n\nMoved: Mayor Joan Carver\n\nSeconded: Cr Ann Cole\n\nThat the apology "
     "be accepted.\n\nCarried\n", "Mayor Joan Carver", "Cr Ann Cole"),
    ("2 Minutes\n\nResolution\n\nMoved Cr Bates, seconded Deputy Mayor Duffield and resolved\n\nThat Council "
     "confirms the minutes.\n", "Cr Bates", "Deputy Mayor Duffield"),
])
def test_new_zealand_movers_and_seconders(text, mover, seconder):
    assert [row[1:] for row in summary(text, "mover", "seconder", "result")] == [(mover, seconder, "carried")]


@pytest.mark.parametrize("text, expected", [
    # US clerks' shorthand: moved / seconded / carried, the names with a slash
    ("3. CONSENT CALENDAR\nM/S/C Adams/Baker to approve the consent calendar as presented. (5-0)\n",
     [("Adams", "Baker", "carried")]),
    ("5. ADJOURNMENT\nIt was M/S/C (Baker/Chen) to adjourn at 8:15 p.m.\n", [("Baker", "Chen", "carried")]),
    ("4. PARK IMPROVEMENTS\nM/S Chen/Diaz to award the park contract to Green Co.\nMotion carried 4-1 (Adams no).\n",
     [("Chen", "Diaz", "carried")]),
    # an older clerk's capitals, and the outcome in a sentence of its own
    ("FIRE\n\nIt was MOVED by Fox, seconded by Boyd, to adopt Item A. Unanimously carried by voice vote.\n",
     [("Fox", "Boyd", "carried")]),
])
def test_us_shorthand_and_capitals_give_mover_seconder_and_result(text, expected):
    assert [row[1:] for row in summary(text, "mover", "seconder", "result")] == expected


def test_us_town_boards_write_the_mover_and_seconder_on_the_motions_own_line():
    text = ("Town Board Minutes for March 11, 2019\n\nApprove Minutes: Moved by R Dahl second by M Berg to approve the "
            "minutes as presented.\n\nMotion carried\n\nBills: Motion by Voss, second by Sauer to pay the bills. Motion "
            "carried.\n\nHighways: Motion by Supervisor Kerr, seconded by Councilman Reyes, to purchase a plow.\n\n"
            "Ayes: All Noes: None Motion Carried\n\nAdjournment: Motion by Sauer/Voss to adjourn.\n")
    assert summary(text, "mover", "seconder", "result") == [
        ("Approve Minutes: Moved b", "R Dahl", "M Berg", "carried"),
        ("Bills: Motion by Voss, s", "Voss", "Sauer", "carried"),
        ("Highways: Motion by Supe", "Supervisor Kerr", "Councilman Reyes", "carried"),
        ("Adjournment: Motion by S", "Sauer", "Voss", None)]


def test_moved_seconded_by_in_one_sentence_and_carried_at_the_lines_end():
    text = ("4. Reports\n\nCouncillor Ames moved, seconded by Councillor Baker, that the report be received. Carried.\n\n"
            "5. Close\n\nMotion by Sauer/Voss to adjourn. Carried.\n")
    assert [(m.mover, m.seconder, m.result) for m in motions_in(text)] == [
        ("Councillor Ames", "Councillor Baker", "carried"), ("Sauer", "Voss", "carried")]


def test_a_proposal_on_the_line_under_a_resolution_names_its_mover_and_seconder():
    text = ("21.51 ELECTION OF VICE-CHAIR\n\nIt was RESOLVED that Cllr Allen be elected Vice-Chair of the Council.\n\n"
            "Proposed by: Cllr Bright                   Seconded by: Cllr Corder\n\n21.52 PLANNING\n\nNone.\n")
    assert summary(text, "mover", "seconder") == [("It was RESOLVED that Cll", "Cllr Bright", "Cllr Corder")]


def test_a_proposal_with_bare_colons_after_the_decision_names_its_mover_and_seconder():
    text = ("1. Minutes of the previous meeting\nThe minutes of the February meeting were approved. "
            "Proposed: Kirsty Bell Seconded: Iain Ross\n\n2. Matters Arising\nNone.\n")
    assert [(m.mover, m.seconder) for m in motions_in(text)] == [("Kirsty Bell", "Iain Ross")]



@pytest.mark.parametrize("text, expected", [
    # Irish minutes: the proposal opens the decision's sentence; a motion quoted, then seconded
    ("Item 1: Minutes\nOn the proposal of Councillor Dillon, seconded by Councillor Garvey, the minutes of the "
     "meeting of 9th April 2024 were confirmed.\n", [("Councillor Dillon", "Councillor Garvey")]),
    ("Item 2: Notice of Motion\nCouncillor Keane moved the following motion: \"That the Council request a "
     "pedestrian crossing at Main Street.\" The motion was seconded by Councillor Crowe and agreed.\n",
     [("Councillor Keane", "Councillor Crowe")]),
    # Northern Irish: proposer and seconder over the decision, "AGREED" in capitals
    ("E25/24 Bin Collection Review\nProposed by Councillor Kerr,\nSeconded by Alderman Boyd and\n"
     "AGREED – that the revised collection schedule be adopted.\n", [("Councillor Kerr", "Alderman Boyd")]),
])
def test_irish_and_northern_irish_proposals_name_mover_and_seconder(text, expected):
    assert [(m.mover, m.seconder) for m in motions_in(text)] == expected



def test_a_us_summary_block_of_mover_seconder_and_result_closes_the_items_printed_above_it():
    text = ("3. CONSENT CALENDAR\n3.A Approve Minutes of January 23, 2024\n3.B Adopt the Annual Audit Report\n\n"
            "Motion: Patel\nSecond: Brooks\nAyes: Ortiz, Patel, Chen\nNoes: Dawson\nResult: Approved 3-1\n\n4. ADJOURNMENT\n")
    [motion] = motions_in(text)
    assert wording(text, motion).startswith("3.A Approve Minutes")
    assert (motion.mover, motion.seconder, motion.result, motion.votes_for, motion.votes_against) == \
        ("Patel", "Brooks", "carried", 3, 1)
