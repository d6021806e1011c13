"""The aggregates alone: state machines and guards."""
from datetime import date
from uuid import uuid4

import pytest

from plugins.assessment import rules
from plugins.assessment.domain import (
    Assessment, AssessmentError, BallotBox, EvaluationRound, HandlingTrack, IndicatorSet, SelfCheck,
)


def _assessment() -> Assessment:
    title, criteria, bands = rules.template_for(date(2026, 1, 1))
    return Assessment.start(uuid4(), 2026, 1, title, criteria, bands)


def test_an_indicator_set_revision_keeps_the_values_before():
    title, criteria, bands = rules.template_for(date(2026, 1, 1))
    s = IndicatorSet.create(uuid4(), 2026, "t", criteria, bands, "K-12")
    changed = [dict(c, items=[dict(i) for i in c["items"]]) for c in criteria]
    changed[4]["items"][0]["title"] = "师德师风"
    s.revise("t", changed, bands, "措辞")
    event = s.collect_events()[-1]
    assert event.before["criteria"][4]["items"][0]["title"] != "师德师风" and s.version == 2
    with pytest.raises(AssessmentError, match="没有变化"):
        s.revise("t", changed, bands, "再次")


def test_scores_must_lie_within_the_items_points():
    a = _assessment()
    with pytest.raises(AssessmentError, match="0 到 3 分"):
        a.self_score("L1", 3.5, "")
    with pytest.raises(AssessmentError, match="没有考核要点"):
        a.self_score("ZZ", 1, "")


def test_the_district_scores_only_a_submitted_self_assessment():
    a = _assessment()
    with pytest.raises(AssessmentError, match="尚未提交自评"):
        a.score("L1", 3, "")
    with pytest.raises(AssessmentError, match="未自评"):
        a.submit("")


def _published() -> Assessment:
    a = _assessment()
    for code, item in a.items.items():
        a.self_score(code, item["points"], "")
    a.submit("")
    for code, item in a.items.items():
        a.score(code, item["points"], "")
    a.publish()
    return a


def test_publishing_computes_the_total_and_the_grade_from_the_bands():
    a = _published()
    assert a.total == 100 and a.grade == "好" and a.status == "published"


def test_a_grade_other_than_the_bands_says_why():
    a = _assessment()
    for code, item in a.items.items():
        a.self_score(code, item["points"], "")
    a.submit("")
    for code, item in a.items.items():
        a.score(code, item["points"], "")
    with pytest.raises(AssessmentError, match="须说明理由"):
        a.publish("较好")
    a.publish("较好", "存在违纪问题，降档")
    assert a.grade == "较好"


def test_after_publication_scores_change_only_after_reassessment():
    a = _published()
    with pytest.raises(AssessmentError, match="须先发起复核"):
        a.score("L1", 1, "理由")
    with pytest.raises(AssessmentError, match="请先发起复核"):
        a.record_evidence({"L1": {"score": 0}})
    a.reassess("复核")
    a.score("L1", 1, "理由")
    a.publish()
    assert a.total == 98 and a.publications == 2


def _round(full=7, probationary=2) -> EvaluationRound:
    people = [{"id": str(uuid4()), "name": f"P{n}", "status": "full" if n < full else "probationary"}
              for n in range(full + probationary)]
    return EvaluationRound.open(uuid4(), 2026, people, 1, 3, date(2026, 11, 1))


def test_grades_are_proposed_after_the_ballot_closes():
    r = _round()
    with pytest.raises(AssessmentError, match="请先结束互评投票"):
        r.propose_grade(r.participants[0]["id"], "qualified")


def test_one_excellent_too_many_is_refused():
    r = _round(full=7)
    r.close_ballot({}, 0)
    r.propose_grade(r.participants[0]["id"], "excellent")
    r.propose_grade(r.participants[1]["id"], "excellent")
    with pytest.raises(AssessmentError, match="向下取整 = 2 人"):
        r.propose_grade(r.participants[2]["id"], "excellent")
    r.propose_grade(r.participants[1]["id"], "excellent")   # re-proposing the same is not one more


def test_a_probationary_member_is_not_graded():
    r = _round()
    r.close_ballot({}, 0)
    with pytest.raises(AssessmentError, match="不评定等次"):
        r.propose_grade(r.participants[-1]["id"], "qualified")


def test_a_round_needs_full_members():
    with pytest.raises(AssessmentError, match="没有正式党员"):
        EvaluationRound.open(uuid4(), 2026, [{"id": "x", "name": "x", "status": "probationary"}], 1, 3,
                             date(2026, 1, 1))


def test_the_ballot_box_refuses_a_second_vote_and_votes_after_closing():
    box = BallotBox.start(uuid4(), "r", 2026)
    box.cast("m1")
    with pytest.raises(AssessmentError, match="只能投一次"):
        box.cast("m1")
    box.close()
    with pytest.raises(AssessmentError, match="已经结束"):
        box.cast("m2")


def test_a_handling_track_follows_its_steps_in_order():
    t = HandlingTrack.open("m", "张三", 2026, "advise", "事实", "理由", date(2026, 11, 1), None)
    with pytest.raises(AssessmentError, match="预审"):
        t.congress_vote(date(2026, 11, 5), 7, 6, 5, 1, 0)
    t.pre_review(date(2026, 11, 3), "")
    t.congress_vote(date(2026, 11, 5), 7, 6, 5, 1, 0)
    t.approve(date(2026, 11, 20), "区委教育工委", "")
    with pytest.raises(AssessmentError, match="不能以此结果办结"):
        t.conclude("removed", date(2026, 11, 25), "x")
    t.conclude("left", date(2026, 11, 25), "本人同意")
    assert t.status == "concluded"


def test_correction_needs_a_deadline_after_the_proposal():
    with pytest.raises(AssessmentError, match="改正期限"):
        HandlingTrack.open("m", "张三", 2026, "correct", "事实", "理由", date(2026, 11, 1), None)
    with pytest.raises(AssessmentError, match="晚于"):
        HandlingTrack.open("m", "张三", 2026, "correct", "事实", "理由", date(2026, 11, 1), date(2026, 10, 1))


def test_a_self_check_after_its_due_date_is_late():
    check = SelfCheck.record(uuid4(), 2026, "Q1", "m", "张三", "自查", date(2026, 5, 1), date(2026, 4, 15))
    assert check.collect_events()[0].late is True
