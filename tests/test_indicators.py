"""Indicators: one key per measure across phrasings and years; subjects read from the sentence."""

import re

import pytest

from extract.find.metrics.indicators import indicators, keys_for, match, subject
from extract.rules import load_yaml


@pytest.mark.parametrize("phrase", [
    "re-referrals into Social Care",                        # 2016/17 year-end minute
    "The re-referral rate to social care",                  # 2015/16 report
    "Re-referrals to children's social care within 12 months",
    "Small increase in re-referrals of children referred back into the service",  # Kirklees 2023
    "% of children social care referrals that were repeat referrals",             # Kent 2025
])
def test_the_same_measure_phrased_differently_lands_on_one_key(phrase):
    assert match(phrase) == "csc_re_referrals"


def test_a_more_specific_measure_wins_over_the_general_one():
    assert match("Early Help assessments completed by partners") == "eh_assessments_by_partners"
    assert match("social care referrals") == "csc_referrals"
    assert match("month on month social care referral numbers") == "csc_referrals"  # "care referral" is no re-referral


def test_a_sentence_naming_one_indicator_supplies_it_when_the_subject_does_not():
    assert match("the figure", "The rate of children in need was lower than statistical neighbours") == "csc_cin"
    assert match("the figure", "Contacts and re-referrals both rose") is None  # two named: no guess


@pytest.mark.parametrize("query, key", [
    ("csc_re_referrals", "csc_re_referrals"), ("re-referral", "csc_re_referrals"),
    ("care leavers in suitable accommodation", "cl_suitable_accommodation"),
])
def test_a_query_names_keys_by_key_label_or_phrasing(query, key):
    assert keys_for(query) == [key]


def test_a_query_naming_nothing_gives_no_keys():
    assert keys_for("zebra crossings painted") == []


def test_the_indicator_file_has_unique_keys_labels_and_lower_case_phrasings():
    entries = load_yaml("indicators.yaml")["indicators"]
    keys = [e["key"] for e in entries]
    assert len(keys) == len(set(keys)) and all(re.fullmatch(r"[a-z]+(?:_[a-z0-9]+)+", k) for k in keys)
    assert all(p == p.lower() for e in entries for p in e["phrasings"])
    assert len(indicators()) == len(entries)


def test_every_domain_the_brief_names_has_indicators():
    domains = {i.domain for i in indicators()}
    assert {"early_help", "childrens_social_care", "education", "send", "youth_justice", "finance"} <= domains


def subject_of(text: str, quote: str) -> str:
    start = text.index(quote)
    return subject(text, start, start + len(quote), (0, len(text)), (0, len(text)))


def test_subject_after_a_percentage_of_is_what_follows_of():
    assert subject_of("89.3% of families were contacted within 3 working days of allocation, with a target",
                      "89.3%") == "families were contacted within 3 working days of allocation"


def test_subject_of_a_count_is_the_noun_that_follows():
    assert subject_of("Early Help received 3,914 contacts during the last 12 months", "3,914").startswith("contacts")


def test_subject_of_a_figure_at_the_end_is_the_sentence_subject_without_its_verb():
    assert subject_of("Social Worker caseloads were currently reported at 19.2", "19.2") == "Social Worker caseloads"
    assert subject_of("3.3.5 Timeliness of engagement improved from 18.4%", "18.4%") == "Timeliness of engagement"
