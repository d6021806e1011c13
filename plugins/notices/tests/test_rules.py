"""Pure rules of notices: delivery choices, the retry schedule, the digest's week, the texts."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from plugins.notices import rules


def test_e_mail_delivery_needs_a_valid_address():
    assert rules.delivery_problem("", "none") is None
    assert rules.delivery_problem("", "each") == ("email", "选择邮件通知时请填写电子邮箱")
    assert rules.delivery_problem("not-an-address", "weekly")[0] == "email"
    assert rules.delivery_problem("a@b.org", "hourly")[0] == "delivery"
    assert rules.delivery_problem("a@b.org", "weekly") is None


def test_retries_back_off_doubling_to_at_most_six_hours():
    assert [rules.backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=1), timedelta(minutes=2),
                                                      timedelta(minutes=4)]
    assert rules.backoff(30) == timedelta(hours=6)


def test_digests_go_on_mondays_and_name_their_iso_week():
    assert rules.digest_day(date(2026, 11, 23)) and not rules.digest_day(date(2026, 11, 24))
    assert rules.week_of(date(2026, 11, 23)) == "2026-W48"
    assert rules.week_of(date(2027, 1, 1)) == "2026-W53"


def test_a_meeting_notice_says_when_and_where():
    title, body = rules.meeting_notice("支部党员大会", "换届选举", datetime(2026, 12, 10, 15), "活动室")
    assert title == "会议通知：换届选举" and "2026-12-10 15:00" in body and "活动室" in body
