"""Services of the assessment plugin: a narrated year, then named cases."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from uuid import UUID

import pytest

from core.errors import ConflictError
from core.eventstore import DISTRICT
from plugins.assessment import queries, services
from plugins.assessment.domain import ids
from plugins.assessment.domain import AssessmentError, Assessment
from plugins.members import public as members


def _links(k, tenant, member_ids):
    """Links to the registration events of some members (real events of the school's log)."""
    return [{"label": "党员登记", "url": None, "events": [{"id": str(m), "version": 1} for m in member_ids]}]


def _self_score_all(k, tenant, year):
    assessment = k.get(tenant, ids.assessment_id(tenant, year), Assessment)
    for code, item in assessment.items.items():
        services.self_score(k, tenant, year, code, item["points"], "")


def _score_all(k, tenant, year, value=None):
    assessment = k.get(tenant, ids.assessment_id(tenant, year), Assessment)
    for code, item in assessment.items.items():
        prefilled = (assessment.evidence.get(code) or {}).get("score")
        services.score_item(k, tenant, year, code, prefilled if prefilled is not None else item["points"], "")


def test_a_school_year_from_self_assessment_to_published_grade(k, tenant, roster, year_set, source, actor, clock):
    # The dues and meetings plugins measured the year: 9 of 12 months paid in full and on time,
    # 10 of 12 required meetings held. Their figures link to real events.
    source.items = {"dues.full_on_time": (9 / 12, _links(k, tenant, roster[:2])),
                    "meetings.compliance": (10 / 12, _links(k, tenant, roster[2:3]))}
    assessment = services.open_assessment(k, tenant, 2026)
    # Pre-filled: M6 is worth 2 points → 2 × 0.75 = 1.5; W1 is worth 6 → 6 × 10/12 = 5.0.
    assert assessment.evidence["M6"]["score"] == 1.5
    assert assessment.evidence["W1"]["score"] == 5.0
    assert assessment.evidence["M6"]["verified"] and assessment.evidence["W1"]["verified"]

    # The branch scores itself and submits; it cannot change its self-assessment afterwards.
    _self_score_all(k, tenant, 2026)
    services.submit_self_assessment(k, tenant, 2026, "全年工作总结")
    with pytest.raises(AssessmentError):
        services.self_score(k, tenant, 2026, "L1", 1, "")

    # The district agrees with the pre-filled scores, except one, which it changes with a reason.
    _score_all(k, tenant, 2026)
    with pytest.raises(AssessmentError, match="须说明理由"):
        services.score_item(k, tenant, 2026, "M6", 2, "")
    services.score_item(k, tenant, 2026, "M6", 2, "补交记录经核实为按时交纳")
    services.comment(k, tenant, 2026, "制度落实较好")
    published = services.publish(k, tenant, 2026)
    # 100 points, minus W1's 1 point not earned (5.0 of 6), minus what other pre-filled items (e.g. our
    # own W2, no evaluation held: 0 of 4) did not earn; M6 was raised to its full 2 points.
    others = {c: e for c, e in assessment.evidence.items() if c not in ("M6", "W1")}
    lost = sum(assessment.items[c]["points"] - e["score"] for c, e in others.items())
    assert others["W2"]["score"] == 0.0
    assert published.total == 100 - 1.0 - lost

    row = queries.get_assessment(k, tenant, 2026)
    assert row.status == "published" and row.total == published.total
    assert row.by_criterion["mechanism"] == 20 - 1.0 - 4.0
    assert row.scores["M6"] == {"score": 2.0, "reason": "补交记录经核实为按时交纳", "agreed": False,
                                "prefilled": 1.5}


def test_prefilled_scores_link_only_to_events_that_exist(k, tenant, roster, year_set, source, actor):
    source.items = {"dues.full_on_time": (1.0, _links(k, tenant, roster[:3]))}
    services.open_assessment(k, tenant, 2026)
    row = queries.get_assessment(k, tenant, 2026)
    assert len([e for link in row.evidence["M6"]["links"] for e in link["events"]]) == 3
    for code, evidence in row.evidence.items():
        refs = [e for link in evidence["links"] for e in link["events"]]
        assert evidence["verified"]
        for ref in refs:
            stored = list(k.stores.log(tenant).events.get(UUID(ref["id"]), lte=ref["version"]))
            assert stored and stored[-1].originator_version == ref["version"]


def test_a_link_to_a_missing_event_is_flagged_not_trusted(k, tenant, roster, year_set, source, actor):
    source.items = {"dues.full_on_time": (1.0, [{"label": "x", "events": [
        {"id": str(roster[0]), "version": 1}, {"id": str(roster[0]), "version": 99},
        {"id": "00000000-0000-0000-0000-000000000001", "version": 1}]}])}
    assessment = services.open_assessment(k, tenant, 2026)
    assert assessment.evidence["M6"]["verified"] is False
    assert assessment.evidence["M6"]["missing"] == 2


def test_a_published_score_changes_only_through_a_recorded_reassessment(k, tenant, roster, year_set, actor):
    services.open_assessment(k, tenant, 2026)
    _self_score_all(k, tenant, 2026)
    services.submit_self_assessment(k, tenant, 2026)
    _score_all(k, tenant, 2026)
    services.publish(k, tenant, 2026)
    with pytest.raises(AssessmentError, match="须先发起复核"):
        services.score_item(k, tenant, 2026, "L1", 1, "改分")
    services.reassess(k, tenant, 2026, "群众来信反映班子问题，复核")
    with pytest.raises(AssessmentError, match="复核改分须说明理由"):
        services.score_item(k, tenant, 2026, "L2", 1, "")
    before = queries.get_assessment(k, tenant, 2026).total
    services.score_item(k, tenant, 2026, "L2", 1, "核实后扣分")
    republished = services.publish(k, tenant, 2026)
    assert republished.total == before - 2 and republished.publications == 2
    texts = [h.text for h in queries.list_history(k, tenant, ids.assessment_id(tenant, 2026))]
    assert any("发起复核" in t for t in texts) and any("L2：3→1 分" in t for t in texts)


def test_an_older_year_is_judged_by_its_own_indicator_set(k, tenant, roster, actor, clock):
    criteria_2025 = [{"code": c, "title": t, "points": 20, "items": [{"code": code, "title": "旧要点", "points": 20}]}
                     for c, t, code in (("leadership", "领导班子好", "L0"), ("membership", "党员队伍好", "M0"),
                                        ("mechanism", "工作机制好", "W0"), ("results", "工作业绩好", "R0"),
                                        ("public", "群众反映好", "P0"))]
    services.create_indicator_set(k, 2025, "2025年度旧指标", criteria_2025,
                                  [{"grade": "优秀", "min": 95}, {"grade": "合格", "min": 0}])
    services.create_indicator_set(k, 2026)
    old = services.open_assessment(k, tenant, 2025)
    new = services.open_assessment(k, tenant, 2026)
    assert set(old.items) == {"L0", "M0", "W0", "R0", "P0"}
    assert "L1" in new.items and "L0" not in new.items
    for code in old.items:
        services.self_score(k, tenant, 2025, code, 19, "")
    services.submit_self_assessment(k, tenant, 2025)
    for code in old.items:
        services.score_item(k, tenant, 2025, code, 19, "")
    published = services.publish(k, tenant, 2025)
    assert published.total == 95.0 and published.grade == "优秀"   # the 2025 bands, not the 2026 ones


def test_revising_a_set_keeps_open_assessments_on_their_version_until_adopted(k, tenant, roster, year_set, actor):
    services.open_assessment(k, tenant, 2026)
    revised = [dict(c, items=[dict(i) for i in c["items"]]) for c in year_set.criteria]
    revised[0]["items"][0]["points"], revised[0]["items"][1]["points"] = 4, 2
    services.revise_indicator_set(k, 2026, year_set.title, revised, year_set.grade_bands, "班子建设权重调整", 1)
    assessment = k.get(tenant, ids.assessment_id(tenant, 2026), Assessment)
    assert assessment.set_version == 1 and assessment.items["L1"]["points"] == 3
    adopted = services.adopt_current_set(k, tenant, 2026)
    assert adopted.set_version == 2 and adopted.items["L1"]["points"] == 4
    with pytest.raises(ConflictError):
        services.revise_indicator_set(k, 2026, year_set.title, year_set.criteria, year_set.grade_bands, "回退", 1)


def test_a_school_cannot_open_a_year_the_district_has_not_defined(k, tenant, actor):
    with pytest.raises(AssessmentError, match="尚未发布2030年度"):
        services.open_assessment(k, tenant, 2030)


# -- democratic evaluation -------------------------------------------------------------------------
def _evaluate(k, tenant, roster, year=2026):
    services.open_evaluation(k, tenant, year)
    for voter in roster:
        choices = {str(m): ("excellent" if n < 2 else "qualified") for n, m in enumerate(roster[:7]) if m != voter}
        services.cast_ballot(k, tenant, year, voter, choices)
    return services.close_ballot(k, tenant, year)


def test_the_democratic_rating_is_the_total_of_the_anonymous_ballots(k, tenant, roster, actor):
    evaluation = _evaluate(k, tenant, roster)
    # 9 voters; member 1 was rated by the 8 others: all "excellent"
    assert evaluation.tallies[str(roster[0])] == {"excellent": 8, "qualified": 0, "basic": 0, "unqualified": 0}
    assert evaluation.tallies[str(roster[3])]["qualified"] == 8
    assert str(roster[7]) not in evaluation.tallies      # probationary members are not rated
    assert queries.get_round(k, tenant, 2026).ballots == 9


def test_a_member_votes_once(k, tenant, roster, actor):
    services.open_evaluation(k, tenant, 2026)
    services.cast_ballot(k, tenant, 2026, roster[0], {str(roster[1]): "excellent"})
    with pytest.raises(AssessmentError, match="只能投一次"):
        services.cast_ballot(k, tenant, 2026, roster[0], {str(roster[2]): "excellent"})
    evaluation = services.close_ballot(k, tenant, 2026)
    assert evaluation.tallies[str(roster[1])]["excellent"] == 1
    assert evaluation.tallies[str(roster[2])]["excellent"] == 0


def test_no_stored_event_or_row_links_a_voter_to_the_choices(k, tenant, roster, actor, app):
    services.open_evaluation(k, tenant, 2026)
    voter, target = roster[4], roster[5]
    services.cast_ballot(k, tenant, 2026, voter, {str(target): "unqualified"})
    services.cast_ballot(k, tenant, 2026, roster[6], {str(target): "excellent"})
    # While the ballot is open, the pool holds totals only: no voter column, no row per ballot.
    from plugins.assessment.models import ballot_pool
    assert "voter" not in {c.name for c in ballot_pool.columns}
    services.close_ballot(k, tenant, 2026)
    log = k.stores.log(tenant)
    seen = set()
    for notification in log.recorder.select_notifications(start=1, limit=10000):
        event = log.mapper.to_domain_event(notification)
        name = type(event).__qualname__
        seen.add(name)
        if name == "BallotBox.VoteCast":     # names the voter, and nothing about the choices
            assert set(vars(event)) - {"meta", "originator_id", "originator_version", "timestamp",
                                       "originator_topic"} == {"voter", "round_id"}
        elif name == "EvaluationRound.BallotClosed":   # the choices, as totals, recorded by the closer
            assert event.tallies[str(target)]["unqualified"] == 1 and event.tallies[str(target)]["excellent"] == 1
            assert event.meta["actor_id"] == "system:test" and not hasattr(event, "voter")
        else:
            assert not hasattr(event, "voter") and not hasattr(event, "choices")
    assert {"BallotBox.VoteCast", "EvaluationRound.BallotClosed"} <= seen


def test_excellent_is_capped_at_one_third_of_full_members_rounded_down(k, tenant, roster, actor):
    _evaluate(k, tenant, roster)
    # 7 full members: 7 / 3 = 2.33 → at most 2 excellent
    services.propose_grade(k, tenant, 2026, roster[0], "excellent")
    services.propose_grade(k, tenant, 2026, roster[1], "excellent")
    with pytest.raises(AssessmentError, match=r"7 人 × 1/3 向下取整 = 2 人"):
        services.propose_grade(k, tenant, 2026, roster[2], "excellent")
    services.propose_grade(k, tenant, 2026, roster[1], "qualified")       # making room
    services.propose_grade(k, tenant, 2026, roster[2], "excellent")


def test_the_cap_follows_the_school_setting(k, tenant, roster, actor):
    from tenants import services as tenants
    tenants.configure_plugin(k, tenant, "assessment", {"excellent_cap_numerator": 1, "excellent_cap_denominator": 7})
    _evaluate(k, tenant, roster)
    services.propose_grade(k, tenant, 2026, roster[0], "excellent")
    with pytest.raises(AssessmentError, match="1/7"):
        services.propose_grade(k, tenant, 2026, roster[1], "excellent")


def test_probationary_members_take_part_but_are_not_graded(k, tenant, roster, actor):
    services.open_evaluation(k, tenant, 2026)
    services.write_self_assessment(k, tenant, 2026, roster[7], "预备期内的自我分析")
    services.cast_ballot(k, tenant, 2026, roster[7], {str(roster[0]): "qualified"})   # a probationary voter
    with pytest.raises(AssessmentError, match="本人和预备党员不参加被评"):
        services.cast_ballot(k, tenant, 2026, roster[0], {str(roster[8]): "qualified"})
    services.close_ballot(k, tenant, 2026)
    with pytest.raises(AssessmentError, match="预备党员：参加民主评议，但不评定等次"):
        services.propose_grade(k, tenant, 2026, roster[7], "qualified")
    for member in roster[:7]:
        services.propose_grade(k, tenant, 2026, member, "qualified")
    published = services.publish_results(k, tenant, 2026)
    assert published.status == "published"
    assert queries.round_member(k, tenant, 2026, roster[7]).grade is None


def test_results_wait_for_every_full_member_to_be_graded(k, tenant, roster, actor):
    _evaluate(k, tenant, roster)
    services.propose_grade(k, tenant, 2026, roster[0], "qualified")
    with pytest.raises(AssessmentError, match="还有 6 名正式党员未评定等次"):
        services.publish_results(k, tenant, 2026)


# -- unqualified members --------------------------------------------------------------------------
def _unqualified(k, tenant, roster):
    _evaluate(k, tenant, roster)
    for n, member in enumerate(roster[:7]):
        services.propose_grade(k, tenant, 2026, member, "unqualified" if n == 6 else "qualified")
    services.publish_results(k, tenant, 2026)
    return roster[6]


def test_removal_is_approved_by_the_higher_committee_and_reaches_the_registry(k, tenant, roster, actor):
    member = _unqualified(k, tenant, roster)
    track = services.open_handling(k, tenant, 2026, member, "remove", "连续六个月不参加组织生活", "经教育仍无转变",
                                   proposed_on=date(2026, 11, 25))
    services.pre_review(k, tenant, track.id, date(2026, 11, 28), "同意提交大会")
    with pytest.raises(AssessmentError, match="须经支部党员大会表决通过"):
        services.approve_handling(k, tenant, track.id, date(2026, 12, 1), "区委教育工委")
    services.record_congress_vote(k, tenant, track.id, date(2026, 12, 5), entitled=7, present=6, yes=5, no=1)
    assert members.get_member(k, tenant, member).status == "full"
    services.approve_handling(k, tenant, track.id, date(2026, 12, 20), "区委教育工委", "教工委〔2026〕9号")
    assert members.get_member(k, tenant, member).status == "removed"
    assert queries.get_track(k, tenant, track.id).outcome == "removed"


def test_a_congress_vote_without_a_majority_of_those_entitled_fails(k, tenant, roster, actor):
    member = _unqualified(k, tenant, roster)
    track = services.open_handling(k, tenant, 2026, member, "advise", "事实", "理由")
    services.pre_review(k, tenant, track.id, date(2026, 11, 28))
    failed = services.record_congress_vote(k, tenant, track.id, date(2026, 12, 5), entitled=7, present=6, yes=3)
    assert failed.status == "rejected"
    with pytest.raises(AssessmentError):
        services.approve_handling(k, tenant, track.id, date(2026, 12, 20), "区委教育工委")


def test_correction_gets_the_default_time_limit_and_only_unqualified_members_are_handled(k, tenant, roster, actor):
    member = _unqualified(k, tenant, roster)
    with pytest.raises(AssessmentError, match="评定为不合格"):
        services.open_handling(k, tenant, 2026, roster[0], "correct", "事实", "理由")
    with pytest.raises(AssessmentError, match="党纪处分"):
        services.open_handling(k, tenant, 2026, member, "correct", "事实", "理由", already_disciplined=True)
    track = services.open_handling(k, tenant, 2026, member, "correct", "事实", "理由", proposed_on=date(2026, 11, 30))
    assert track.deadline == date(2027, 5, 30)    # six months: the setting's default


# -- self-checks -----------------------------------------------------------------------------------
def test_a_late_self_check_is_marked_late_and_entered_once(k, tenant, roster, actor, clock):
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc))
    late = services.record_self_check(k, tenant, 2026, "Q3", str(roster[0]), "党员1", "第三季度自查")
    assert queries.get_self_check(k, tenant, late.id).late is True      # Q3 due 15 Oct
    with pytest.raises(AssessmentError, match="已经提交"):
        services.record_self_check(k, tenant, 2026, "Q3", str(roster[0]), "党员1", "再交一次")
    with pytest.raises(AssessmentError, match="尚未开始"):
        services.record_self_check(k, tenant, 2027, "Q1", str(roster[0]), "党员1", "提前")
    with pytest.raises(AssessmentError, match="由支部填写"):
        services.record_self_check(k, tenant, 2026, "Y", str(roster[0]), "党员1", "总评")
    clock.set(datetime(2026, 12, 5, 2, 0, tzinfo=timezone.utc))
    on_time = services.record_self_check(k, tenant, 2026, "Q4", str(roster[0]), "党员1", "第四季度自查")
    assert queries.get_self_check(k, tenant, on_time.id).late is False


def test_indicator_sets_live_in_the_district_log(k, year_set, actor):
    assert k.exists(DISTRICT, ids.set_id(2026))
    row = queries.get_set(k, 2026)
    assert row.version == 1 and sum(c["points"] for c in row.criteria) == 100
