"""Who was a member in a period decides dues obligations and meeting compliance by the dates in the
world (issue 15.2), not by when the records were typed in."""
from __future__ import annotations

from datetime import date

from plugins.dues import queries as dues
from plugins.meetings import queries as meetings
from plugins.meetings.queries.roster import expected_attendees
from plugins.members.tests.test_two_axes import late_roll, recorded_at  # noqa: F401  (fixtures)


def names(rows) -> list[str]:
    return sorted(r["name"] if isinstance(r, dict) else r.name for r in rows)


def test_a_member_transferred_out_in_june_owes_dues_in_may_and_june_not_july(k, tenant, late_roll):
    def owing(month):
        return sorted(account.name for account, line in dues.monthly(k, tenant, month) if line is not None)
    assert owing(date(2026, 5, 1)) == ["丁", "丙", "乙", "甲"]
    assert owing(date(2026, 6, 1)) == ["丁", "丙", "乙", "甲"]
    assert owing(date(2026, 7, 1)) == ["丁", "乙", "甲"]
    assert owing(date(2026, 3, 1)) == ["丙", "乙", "甲"]      # 丁 arrived in April


def test_a_congress_held_before_the_records_were_typed_in_expects_who_belonged_that_day(k, tenant, late_roll):
    congress = {e["name"]: e["vote"] for e in expected_attendees(k, tenant, "congress", date(2026, 3, 2))}
    assert congress == {"丙": True, "乙": False, "甲": True}   # 乙 was probationary then: no vote
    july = names(expected_attendees(k, tenant, "congress", date(2026, 7, 2)))
    assert july == ["丁", "乙", "甲"]


def test_talk_compliance_of_last_year_names_the_members_of_last_year(k, tenant, late_roll):
    last_year = meetings.talk_compliance(k, tenant, 2025)
    assert (last_year.total, sorted(last_year.missing)) == (3, ["丙", "乙", "甲"])
