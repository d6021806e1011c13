"""The aggregates on their own: a statement final once submitted, a talk linked once and only from
before the meeting, an item closed once and late past its deadline, an election's office taken once."""
from datetime import date

import pytest

from plugins.orglife.domain import Election, LifeRecord, OrglifeError, Rectification, Statement

FULL = {"work": "w", "criticism": "c", "measures": "m"}


def test_a_submitted_statement_is_final():
    s = Statement.draft("t", "m1", "p1", "甲", FULL)
    s.submit(date(2026, 11, 1), date(2026, 11, 2))
    with pytest.raises(OrglifeError):
        s.revise({**FULL, "work": "x"})
    with pytest.raises(OrglifeError):
        s.submit(date(2026, 11, 1), date(2026, 11, 2))


def test_only_talks_held_before_the_meeting_are_linked_and_each_once():
    r = LifeRecord(tenant="t", meeting_id="m1", kind="org_life", title="组织生活会", held_on=date(2026, 11, 30))
    talk = {"talk_id": "x", "held_on": date(2026, 11, 20), "first_name": "甲", "second_name": "乙"}
    r.link_talk(talk, "要点")
    with pytest.raises(OrglifeError):
        r.link_talk(talk, "要点")
    with pytest.raises(OrglifeError):
        r.link_talk({**talk, "talk_id": "y", "held_on": date(2026, 12, 1)}, "要点")


def test_an_item_closed_after_its_deadline_is_marked_late():
    item = Rectification.list_item("m1", "组织生活会", date(2026, 11, 30), "事项", "书记", date(2026, 12, 31))
    item.close(date(2027, 1, 2), "完成", [])
    assert item.status == "closed" and item.collect_events()[-1].late is True


def test_the_elected_take_office_once_with_a_post_each():
    e = Election.record("t", "m1", date(2026, 11, 10), 6, 6, 1,
                        [{"member_id": "a", "name": "甲", "votes": 6}, {"member_id": "b", "name": "乙", "votes": 2}], None)
    assert e.elected == ["a"]
    with pytest.raises(OrglifeError):
        e.take_office(date(2026, 11, 11), date(2029, 11, 10), {})
    e.take_office(date(2026, 11, 11), date(2029, 11, 10), {"a": "secretary"})
    with pytest.raises(OrglifeError):
        e.take_office(date(2026, 11, 11), date(2029, 11, 10), {"a": "secretary"})


def test_an_election_without_quorum_is_refused_with_the_meetings_rules_words():
    with pytest.raises(OrglifeError, match="不足"):
        Election.record("t", "m1", date(2026, 11, 10), 6, 4, 1, [{"member_id": "a", "name": "甲", "votes": 4}],
                        "会议不足法定人数")
