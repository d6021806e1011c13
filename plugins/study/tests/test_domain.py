from datetime import date

import pytest

from plugins.study.domain import Session, StudyError


def test_a_session_records_withdraws_once_and_only_online_evidence_is_marked():
    s = Session.record("t", "group", "学习", date(2026, 3, 1), 20, attendees=[{"member_id": "x", "name": "甲"}])
    with pytest.raises(StudyError):
        s.mark_evidence(True, "")
    with pytest.raises(StudyError):
        s.withdraw(" ")
    s.withdraw("重复记录")
    with pytest.raises(StudyError):
        s.withdraw("again")
    with pytest.raises(StudyError):
        Session.record("t", "group", "学习", date(2026, 3, 1), 0, attendees=[{"member_id": "x", "name": "甲"}])
    online = Session.record("t", "online", "课", date(2026, 3, 1), 10, member_id="x", evidence="心得")
    online.mark_evidence(False, "过于简单")
    assert online.mark == {"accepted": False, "comment": "过于简单"}
