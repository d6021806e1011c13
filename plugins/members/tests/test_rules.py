"""Pure rules of the registry: ID numbers, masking, party age, statuses, organisation rules."""
from datetime import date

import pytest

from plugins.members import rules


@pytest.mark.parametrize("number", ["11010519491231002X", "110105194912310021"[:17] + rules.id_check_digit("11010519491231002")])
def test_valid_id_numbers_pass_the_checksum(number):
    assert rules.id_number_error(number) is None


def test_a_wrong_check_digit_is_refused_with_a_sentence():
    assert rules.id_number_error("110105194912310021") == "身份证号校验位不正确"


def test_an_impossible_birth_date_in_the_id_number_is_refused():
    first17 = "11010519490231002"
    assert rules.id_number_error(first17 + rules.id_check_digit(first17)) == "身份证号中的出生日期无效"


@pytest.mark.parametrize("number", ["", "1101051949123100", "11010519491231002Y", "A1010519491231002X"])
def test_malformed_id_numbers_are_refused(number):
    assert "18 位" in rules.id_number_error(number)


def test_lower_case_x_is_accepted():
    assert rules.id_number_error("11010519491231002x") is None


def test_id_number_masking_keeps_region_and_last_four():
    assert rules.mask_id_number("11010519491231002X") == "110105********002X"
    assert rules.mask("id_number", "11010519491231002X") == "110105********002X"


def test_phone_masking_keeps_first_three_and_last_four():
    assert rules.mask_phone("13812345678") == "138****5678"
    assert rules.mask("phone", None) == ""


def test_party_age_counts_whole_years_and_months_from_conversion():
    assert rules.party_age(date(2011, 6, 15), date(2026, 11, 23)) == rules.PartyAge(15, 5)
    assert str(rules.party_age(date(2011, 6, 15), date(2026, 11, 23))) == "15年5个月"


def test_party_age_month_is_not_complete_before_the_day_of_conversion():
    assert rules.party_age(date(2020, 3, 24), date(2026, 11, 23)) == rules.PartyAge(6, 7)
    assert rules.party_age(date(2020, 3, 23), date(2026, 11, 23)) == rules.PartyAge(6, 8)


def test_party_age_adds_the_correction_in_months():
    assert rules.party_age(date(2020, 11, 23), date(2026, 11, 23), correction_months=14) == rules.PartyAge(7, 2)
    assert str(rules.PartyAge(7, 0)) == "7年"


def test_probationary_members_have_no_party_age():
    assert rules.party_age(None, date(2026, 11, 23)) is None
    assert rules.party_age(date(2027, 1, 1), date(2026, 11, 23)) is None


@pytest.mark.parametrize("before,after", [("probationary", "removed"), ("full", "transferred_out"),
                                          ("full", "lost_contact"), ("lost_contact", "suspended"),
                                          ("suspended", "left"), ("transferred_out", "full"), ("full", "expelled")])
def test_allowed_status_transitions(before, after):
    assert rules.transition_error(before, after) is None


@pytest.mark.parametrize("before,after,sentence", [
    ("deceased", "full", "不能从「去世」直接变为「正式党员」"),
    ("full", "probationary", "不能从「正式党员」直接变为「预备党员」"),
    ("full", "suspended", "不能从「正式党员」直接变为「停止党籍」"),
    ("full", "full", "该党员已是「正式党员」状态"),
    ("full", "retired", "未知的党籍状态：retired"),
])
def test_refused_status_transitions_say_why(before, after, sentence):
    assert rules.transition_error(before, after) == sentence


def test_add_months_clamps_to_the_end_of_the_month():
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert rules.add_months(date(2026, 11, 23), -6) == date(2026, 5, 23)


def test_a_term_of_three_years_ends_the_day_before_the_anniversary():
    assert rules.default_term_end(date(2024, 9, 1), 3) == date(2027, 8, 31)


def test_the_term_warning_starts_six_months_before_the_end():
    end = date(2027, 8, 31)
    assert rules.term_status(end, date(2027, 2, 27), 6) is None
    assert rules.term_status(end, date(2027, 2, 28), 6) == "ending"
    assert rules.term_status(end, date(2027, 9, 1), 6) == "expired"


def test_school_overrides_apply_only_to_local_rules():
    config = rules.rules_on(date(2026, 1, 1), {"term_years": 5, "committee_required_full": 2})
    assert config.term_years == 5
    assert config.committee_required_full == 7


def test_size_rules_warn_when_seven_full_members_have_no_committee():
    config = rules.rules_on(date(2026, 1, 1))
    warnings = rules.size_warnings(full=7, total=8, committee_size=0, has_secretary=False, rules=config)
    assert "应设立支部委员会" in warnings[0]


def test_size_rules_warn_above_fifty_members_and_below_three_full_members():
    config = rules.rules_on(date(2026, 1, 1))
    assert any("超过 50 名" in w for w in rules.size_warnings(49, 51, 5, True, config))
    assert any("联合党支部" in w for w in rules.size_warnings(2, 2, 1, True, config))
    assert rules.size_warnings(20, 25, 5, True, config) == []


def test_a_committee_needs_exactly_one_secretary_and_distinct_members():
    start, end = date(2026, 1, 1), date(2028, 12, 31)
    assert rules.committee_errors([{"member_id": 1, "post": "organisation"}], start, end) == \
        {"seats": "支部须有且只有一名书记"}
    two = [{"member_id": 1, "post": "secretary"}, {"member_id": 1, "post": "deputy"}]
    assert rules.committee_errors(two, start, end) == {"seats": "同一党员不能担任两个职务"}
    assert rules.committee_errors([{"member_id": 1, "post": "secretary"}], start, start) == \
        {"term_end": "任期结束日期须晚于开始日期"}


def test_party_probation_needs_a_period_of_one_or_two_years():
    assert rules.sanction_error("留党察看", date(2026, 1, 1), None)[0] == "end"
    assert rules.sanction_error("留党察看", date(2026, 1, 1), date(2029, 1, 1))[1] == "留党察看期为一年或两年"
    assert rules.sanction_error("留党察看", date(2026, 1, 1), date(2027, 1, 1)) is None
    assert rules.sanction_error("记过", date(2026, 1, 1), None)[0] == "kind"


def test_party_probation_is_in_force_between_its_dates_only():
    sanctions = [{"kind": "留党察看", "start": date(2026, 1, 1), "end": date(2027, 1, 1)},
                 {"kind": "警告", "start": date(2020, 1, 1), "end": None}]
    assert rules.under_party_probation(sanctions, date(2026, 6, 1))
    assert not rules.under_party_probation(sanctions, date(2027, 1, 2))
    assert not rules.under_party_probation(sanctions[1:], date(2026, 6, 1))


def test_a_letter_may_be_valid_for_at_most_the_configured_months():
    assert rules.transfer_errors(date(2026, 1, 10), date(2026, 4, 10), "2025-12", 3) == {}
    assert rules.transfer_errors(date(2026, 1, 10), date(2026, 4, 11), None, 3) == \
        {"valid_until": "介绍信有效期最长 3 个月"}
    assert "dues_paid_to" in rules.transfer_errors(date(2026, 1, 10), date(2026, 2, 10), "2025-13", 3)


def test_an_outgoing_letter_is_overdue_after_its_validity_without_receipt():
    assert rules.transfer_overdue("out", date(2026, 10, 1), False, date(2026, 10, 2))
    assert not rules.transfer_overdue("out", date(2026, 10, 1), True, date(2026, 10, 2))
    assert not rules.transfer_overdue("out", date(2026, 10, 1), False, date(2026, 10, 1))
    assert not rules.transfer_overdue("in", date(2026, 10, 1), False, date(2026, 12, 1))


def test_age_bands_include_their_upper_bound():
    assert rules.age_band(30) == "30岁及以下"
    assert rules.age_band(31) == "31–35岁"
    assert rules.age_band(61) == "61岁及以上"
    assert rules.age_band(None) == "未知"
