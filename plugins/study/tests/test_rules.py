from datetime import date

from plugins.study import rules


def test_the_requirement_in_force_is_the_latest_version_started():
    table = (rules.Requirement(date(2019, 1, 1), 32, 16), rules.Requirement(date(2027, 1, 1), 40, 20))
    assert rules.required_hours("teacher", 2026, {}, table) == 32
    assert rules.required_hours("teacher", 2027, {}, table) == 40
    assert rules.required_hours("retiree", 2026, {}, table) == 16
    assert rules.required_hours("retiree", 2027, {"retiree_hours": 12}, table) == 12
    assert rules.required_hours("teacher", 2026, {"regular_hours": 0}, table) == 32


def test_behind_only_from_the_alert_month_and_only_when_short():
    assert rules.behind_reason(25, 32, 8, 9) is None
    reason = rules.behind_reason(25, 32, 9, 9)
    assert "2.5" in reason and "29.5" in reason
    assert rules.behind_reason(320, 32, 12, 9) is None


def test_a_session_needs_its_people():
    assert rules.session_problem("group", None, [], None)[0] == "attendees"
    assert rules.session_problem("lecture", "m", [], None) is None
    assert rules.session_problem("online", None, [], None)[0] == "member_id"
    assert rules.session_problem("nope", None, [], None)[0] == "kind"
