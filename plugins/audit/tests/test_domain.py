from datetime import date
from uuid import uuid4

import pytest

from plugins.audit.domain import AccessRecord, Assignment, AuditError, Finding

TODAY = date(2026, 5, 10)


def finding() -> Finding:
    return Finding.record("no1", "会议记录不全", "缺少表决情况", [{"id": str(uuid4()), "version": 2}],
                          date(2026, 6, 10), "insp", TODAY)


def test_a_finding_goes_from_open_to_answered_to_closed_and_keeps_every_step():
    f = finding()
    assert f.status == "open"
    f.answer("已补充会议记录", [{"sha256": "0" * 64, "name": "记录.pdf"}], date(2026, 6, 1))
    assert f.status == "answered" and f.answers[0]["late"] is False
    f.close("整改到位")
    assert f.status == "closed"
    kinds = [type(e).__name__ for e in f.collect_events()]
    assert kinds == ["Recorded", "Answered", "Closed"]


def test_a_late_answer_is_marked_late_and_a_reopened_finding_is_open_again():
    f = finding()
    f.answer("补交", [], date(2026, 6, 11))
    assert f.answers[0]["late"] is True
    f.reopen("材料不足")
    assert f.status == "open"
    with pytest.raises(AuditError):
        f.reopen("again")


def test_a_finding_needs_a_title_a_description_a_future_deadline_and_proper_links():
    with pytest.raises(AuditError) as exc:
        Finding.record("no1", " ", "x", [], date(2026, 6, 1), "insp", TODAY)
    assert exc.value.field == "title"
    with pytest.raises(AuditError) as exc:
        Finding.record("no1", "t", "x", [], date(2026, 5, 9), "insp", TODAY)
    assert exc.value.field == "deadline"
    with pytest.raises(AuditError) as exc:
        Finding.record("no1", "t", "x", [{"id": "abc"}], date(2026, 6, 1), "insp", TODAY)
    assert exc.value.field == "events"


def test_only_an_answered_finding_can_be_closed_and_a_closed_one_takes_no_answer():
    f = finding()
    with pytest.raises(AuditError):
        f.close("")
    f.answer("ok", [], TODAY)
    f.close("")
    with pytest.raises(AuditError):
        f.answer("more", [], TODAY)


def test_extending_a_deadline_keeps_before_and_after():
    f = finding()
    f.extend_deadline(date(2026, 7, 1), "暑假")
    event = f.collect_events()[-1]
    assert (event.before, event.after, f.deadline) == (date(2026, 6, 10), date(2026, 7, 1), date(2026, 7, 1))
    with pytest.raises(AuditError):
        f.extend_deadline(date(2026, 6, 30), "earlier")


def test_an_assignment_covers_listed_schools_within_its_range_until_revoked():
    a = Assignment.create("Insp", ["no2", "no1", "no1"], date(2026, 1, 1), date(2026, 12, 31))
    assert a.inspector == "insp" and a.schools == ["no1", "no2"]
    assert a.covers("no1", TODAY) and not a.covers("no3", TODAY)
    a.add_school("no3")
    assert a.covers("no3", TODAY)
    a.revoke("调整")
    assert not a.covers("no1", TODAY)
    with pytest.raises(AuditError):
        a.add_school("no4")


def test_an_assignment_needs_an_inspector_schools_and_an_ordered_range():
    with pytest.raises(AuditError):
        Assignment.create("", ["no1"], TODAY, TODAY)
    with pytest.raises(AuditError):
        Assignment.create("insp", [], TODAY, TODAY)
    with pytest.raises(AuditError) as exc:
        Assignment.create("insp", ["no1"], TODAY, date(2026, 1, 1))
    assert exc.value.field == "ends_on"


def test_an_access_record_is_an_export_or_a_read():
    assert AccessRecord(kind="export", schools=["no1"], subject="导出", details={}).kind == "export"
    with pytest.raises(AuditError):
        AccessRecord(kind="print", schools=[], subject="x", details={})
