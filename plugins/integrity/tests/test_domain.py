from datetime import date

import pytest

from plugins.integrity import rules
from plugins.integrity.domain import Commitment, EthicsAssessment, IntegrityRuleError, Pair, Post, VolunteerActivity

RULE = rules.evaluation_rule(date(2026, 12, 1))


def letter() -> Commitment:
    return Commitment.write("t/2026/m1", 2026, "member", "m1", "张老师")


def test_a_sent_back_item_is_revised_resubmitted_and_accepted():
    c = letter()
    item = c.add_item("work", "开设公开课", "完成", date(2026, 6, 30))
    c.send_back(item, "衡量标准不具体")
    assert c.items[item]["status"] == "returned" and c.status == "returned"
    with pytest.raises(IntegrityRuleError):
        c.accept_item(item)                     # a returned item must be revised first
    changes = c.revise_item(item, "work", "开设一节区级公开课", "完成公开课并提交教学设计", date(2026, 6, 30))
    assert changes["measure"] == {"before": "完成", "after": "完成公开课并提交教学设计"}
    assert c.items[item]["status"] == "submitted"
    c.accept_item(item)
    assert c.status == "accepted"
    names = [type(e).__name__ for e in c.collect_events()]
    assert names == ["Written", "ItemSubmitted", "ItemSentBack", "ItemRevised", "ItemAccepted"]


def test_sending_back_needs_a_reason():
    c = letter()
    item = c.add_item("study", "读书", "10 篇笔记", date(2026, 12, 1))
    with pytest.raises(IntegrityRuleError) as exc:
        c.send_back(item, " ")
    assert exc.value.field == "reason"


def test_items_need_an_area_a_measure_and_a_deadline_within_the_year():
    c = letter()
    with pytest.raises(IntegrityRuleError):
        c.add_item("sports", "x", "y", date(2026, 6, 1))
    with pytest.raises(IntegrityRuleError) as exc:
        c.add_item("study", "x", "", date(2026, 6, 1))
    assert exc.value.field == "measure"
    with pytest.raises(IntegrityRuleError) as exc:
        c.add_item("study", "x", "y", date(2027, 1, 1))
    assert exc.value.field == "deadline"


def test_progress_after_the_deadline_is_flagged_and_late_entries_marked():
    c = letter()
    item = c.add_item("service", "社区服务", "20 小时", date(2026, 6, 30))
    c.accept_item(item)
    on_time = c.log_progress(item, date(2026, 6, 1), "服务 5 小时", [], date(2026, 6, 2), 7)
    after = c.log_progress(item, date(2026, 7, 2), "服务 8 小时", [], date(2026, 7, 20), 7)
    assert not on_time["after_deadline"] and not on_time["late"]
    assert after["after_deadline"] and after["late"]


def test_progress_only_on_accepted_items_and_not_in_the_future():
    c = letter()
    item = c.add_item("service", "社区服务", "20 小时", date(2026, 6, 30))
    with pytest.raises(IntegrityRuleError):
        c.log_progress(item, date(2026, 5, 1), "x", [], date(2026, 5, 2), 7)
    c.accept_item(item)
    with pytest.raises(IntegrityRuleError) as exc:
        c.log_progress(item, date(2026, 5, 3), "x", [], date(2026, 5, 2), 7)
    assert exc.value.field == "on"


def test_evaluation_needs_every_accepted_item_concluded_then_publication_locks_the_letter():
    c = letter()
    a = c.add_item("study", "读书", "10 篇", date(2026, 12, 1))
    b = c.add_item("service", "服务", "20 小时", date(2026, 12, 1))
    c.accept_item(a)
    c.accept_item(b)
    c.conclude_item(a, "fulfilled")
    with pytest.raises(IntegrityRuleError):
        c.evaluate(90, [85], [], RULE, date(2026, 12, 20))
    c.conclude_item(b, "missed")
    result = c.evaluate(90, [80, 90], [70, 80, 90], RULE, date(2026, 12, 20))
    assert str(result.total) == "84.5" and c.evaluation["rating"] == "良好"
    again = c.evaluate(100, [100], [], RULE, date(2026, 12, 21))
    assert str(again.total) == "100.0"
    c.publish(date(2026, 12, 22))
    with pytest.raises(IntegrityRuleError):
        c.evaluate(90, [85], [], RULE, date(2026, 12, 23))
    with pytest.raises(IntegrityRuleError):
        c.add_item("work", "x", "y", date(2026, 12, 30))
    events = c.collect_events()
    reevaluated = [e for e in events if type(e).__name__ == "Evaluated"][1]
    assert reevaluated.before == {"total": "84.5", "rating": "良好"}
    concluded = [e for e in events if type(e).__name__ == "ItemConcluded"]
    assert concluded[1].missed_without_cause is True


def test_scores_outside_0_to_100_are_refused():
    c = letter()
    a = c.add_item("study", "读书", "10 篇", date(2026, 12, 1))
    c.accept_item(a)
    c.conclude_item(a, "fulfilled")
    with pytest.raises(IntegrityRuleError) as exc:
        c.evaluate(90, [101], [], RULE, date(2026, 12, 20))
    assert exc.value.field == "member_scores"


def test_a_closed_pair_refuses_further_log_entries():
    pair = Pair.form("member", "m1", "张老师", "student", "王小明", "单亲家庭", date(2026, 3, 1), ["每周辅导"])
    pair.log_visit(date(2026, 3, 8), "课后辅导", "1.5", [], date(2026, 3, 8), 7)
    pair.close(date(2026, 6, 30), "achieved", "成绩提高一个等级")
    with pytest.raises(IntegrityRuleError) as exc:
        pair.log_visit(date(2026, 7, 1), "回访", "1", [], date(2026, 7, 1), 7)
    assert exc.value.field == "pair"
    with pytest.raises(IntegrityRuleError):
        pair.set_plan(["新目标"])


@pytest.mark.parametrize("hours", ["0", "25", "abc"])
def test_visit_hours_must_be_between_0_and_24(hours):
    pair = Pair.form("member", "m1", "张老师", "student", "王小明", "", date(2026, 3, 1), ["辅导"])
    with pytest.raises(IntegrityRuleError) as exc:
        pair.log_visit(date(2026, 3, 8), "辅导", hours, [], date(2026, 3, 8), 7)
    assert exc.value.field == "hours"


def test_a_pair_needs_goals_and_a_member_for_member_pairs():
    with pytest.raises(IntegrityRuleError) as exc:
        Pair.form("member", None, "x", "student", "王小明", "", date(2026, 3, 1), ["辅导"])
    assert exc.value.field == "member_id"
    with pytest.raises(IntegrityRuleError) as exc:
        Pair.form("branch", None, "党支部", "organisation", "社区", "", date(2026, 3, 1), [" "])
    assert exc.value.field == "goals"


def test_post_holders_are_assigned_once_and_assessed_with_the_configured_grades():
    post = Post.define("教学先锋岗", "pioneer", "上好示范课", date(2026, 1, 1))
    post.assign("m1", "张老师", date(2026, 1, 5))
    with pytest.raises(IntegrityRuleError):
        post.assign("m1", "张老师", date(2026, 1, 6))
    with pytest.raises(IntegrityRuleError) as exc:
        post.assess("m1", "2026年上半年", "很好", "", rules.DEFAULT_POST_GRADES)
    assert exc.value.field == "grade"
    with pytest.raises(IntegrityRuleError):
        post.assess("m2", "2026年上半年", "优秀", "", rules.DEFAULT_POST_GRADES)
    post.assess("m1", "2026年上半年", "优秀", "示范课效果好", rules.DEFAULT_POST_GRADES)
    post.release("m1", date(2026, 7, 1), "调岗")
    assert post.current_holders() == {}


def test_a_post_cannot_end_before_it_starts():
    with pytest.raises(IntegrityRuleError) as exc:
        Post.define("岗", "duty", "职责", date(2026, 3, 1), date(2026, 2, 1))
    assert exc.value.field == "ends_on"


def test_ethics_veto_from_the_grade_or_a_violation_needs_a_reason():
    grades, veto = rules.DEFAULT_ETHICS_GRADES, rules.DEFAULT_ETHICS_VETO
    with pytest.raises(IntegrityRuleError) as exc:
        EthicsAssessment.assess("k1", 2026, "m1", "张老师", "不合格", grades, veto, date(2026, 12, 30))
    assert exc.value.field == "veto_reason"
    by_violation = EthicsAssessment.assess("k2", 2026, "m2", "李老师", "合格", grades, veto, date(2026, 12, 30),
                                           violation=True, veto_reason="有偿补课")
    assert by_violation.veto
    fine = EthicsAssessment.assess("k3", 2026, "m3", "王老师", "良好", grades, veto, date(2026, 12, 30))
    assert not fine.veto
    change = fine.correct("不合格", grades, veto, veto_reason="收受礼金")
    assert change["before"]["veto"] is False and change["after"]["veto"] is True
    with pytest.raises(IntegrityRuleError):
        fine.correct("优秀 ", grades, veto)


def test_volunteer_participants_are_unique_with_positive_hours():
    with pytest.raises(IntegrityRuleError):
        VolunteerActivity.record("敬老", date(2026, 3, 1), "敬老院",
                                 [{"member_id": "m1", "hours": "2"}, {"member_id": "m1", "hours": "1"}],
                                 date(2026, 3, 1), 7)
    with pytest.raises(IntegrityRuleError):
        VolunteerActivity.record("敬老", date(2026, 3, 1), "敬老院", [], date(2026, 3, 1), 7)
    ok = VolunteerActivity.record("敬老", date(2026, 3, 1), "敬老院", [{"member_id": "m1", "hours": "2.5"}],
                                  date(2026, 3, 20), 7)
    assert ok.participants[0]["hours"] == "2.5"
    assert ok.collect_events()[0].late is True


def test_every_integrity_event_class_has_a_chinese_sentence():
    from eventsourcing.domain import Aggregate

    from plugins.integrity.describe import DESCRIBE
    from plugins.integrity.domain import AGGREGATES
    classes = {v for a in AGGREGATES for n, v in vars(a).items()
               if isinstance(v, type) and issubclass(v, Aggregate.Event) and n not in ("Event", "Created")}
    assert classes == set(DESCRIBE)


def test_descriptions_keep_before_and_after_and_hide_the_helped_persons_name():
    from plugins.integrity.describe import describe
    c = letter()
    item = c.add_item("work", "开设公开课", "完成", date(2026, 6, 30))
    c.send_back(item, "不具体")
    c.revise_item(item, "work", "开设公开课", "提交教学设计", date(2026, 6, 30))
    sentences = [describe(e) for e in c.collect_events()]
    assert sentences[-1] == "修改承诺事项 i1 后重新提交：衡量标准由「完成」改为「提交教学设计」"
    pair = Pair.form("member", "m1", "张老师", "student", "王小明", "", date(2026, 3, 1), ["辅导"])
    formed = describe(pair.collect_events()[0])
    assert "王某某" in formed and "王小明" not in formed
    a = EthicsAssessment.assess("k", 2026, "m1", "张老师", "良好", rules.DEFAULT_ETHICS_GRADES,
                                rules.DEFAULT_ETHICS_VETO, date(2026, 12, 30))
    a.correct("合格", rules.DEFAULT_ETHICS_GRADES, rules.DEFAULT_ETHICS_VETO)
    assert describe(a.collect_events()[-1]) == "更正师德考核结果：等次由「良好」改为「合格」"
    assert describe(object()) is None
