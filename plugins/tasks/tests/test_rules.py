"""The pure rules: typed fields, what an answer lacks, a school's standing on a task, lateness."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugins.tasks import rules


def test_typed_fields_accept_only_values_of_their_type():
    assert rules.field_problem("integer", "4") is None
    assert rules.field_problem("integer", "4.5") == "应为整数"
    assert rules.field_problem("number", "4.5") is None
    assert rules.field_problem("number", "NaN") == "应为数字"
    assert rules.field_problem("date", "2026-13-01").startswith("应为日期")
    assert rules.field_problem("text", " ") == "请填写"


def test_an_answer_lacks_what_the_task_asked_for():
    returns = {"text": True, "files": True, "fields": [{"key": "f1", "label": "次数", "type": "integer"}]}
    assert set(rules.answer_problems(returns, "", [], {}, None)) == {"text", "files", "field_f1"}
    assert rules.answer_problems(returns, "好", [{"sha256": "x"}], {"f1": "2"}, None) == {}
    assert set(rules.answer_problems({}, "", [], {}, [{"title": "求是", "copies": 0}])) == {"lines"}


def test_a_decision_counts_only_for_the_round_it_judged():
    assert rules.school_status(False, False, 0, None, None) == "received"
    assert rules.school_status(True, False, 0, None, None) == "opened"
    assert rules.school_status(True, True, 0, None, None) == "in_progress"
    assert rules.school_status(True, True, 1, None, None) == "submitted"
    assert rules.school_status(True, True, 1, 1, "returned") == "returned"
    assert rules.school_status(True, True, 2, 1, "returned") == "submitted"      # resubmitted after a return
    assert rules.school_status(True, True, 2, 2, "accepted") == "accepted"


def test_late_means_still_to_do_after_the_deadline_or_submitted_after_it():
    deadline = date(2026, 12, 1)
    assert not rules.is_late("opened", deadline, date(2026, 12, 1), False)
    assert rules.is_late("opened", deadline, date(2026, 12, 2), False)
    assert rules.is_late("returned", deadline, date(2026, 12, 2), False)
    assert not rules.is_late("submitted", deadline, date(2026, 12, 9), False)
    assert rules.is_late("accepted", deadline, date(2026, 12, 9), True)


def test_subscription_totals_add_copies_and_amounts_exactly():
    assert rules.subscription_totals([{"copies": 2, "amount": "720.10"}, {"copies": 1, "amount": "0.20"}]) == \
        (3, Decimal("720.30"))
