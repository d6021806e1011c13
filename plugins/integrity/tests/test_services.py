from datetime import date, datetime, timezone

import pytest

from core.errors import ConflictError
from core.plugins import flatten
from plugins.integrity import queries, services
from plugins.integrity.domain import IntegrityRuleError
from tenants import services as tenant_services


def at(clock, day: date):
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc))


def test_story_of_a_commitment_from_writing_to_published_result(k, tenant, clock, actor, add_member):
    at(clock, date(2026, 2, 20))
    zhang = add_member(tenant, "张敏")
    # 承诺: the secretary opens Zhang's letter and Zhang's items are submitted.
    letter = services.write_commitment(k, tenant, 2026, "member", zhang)
    study = services.add_commitment_item(k, tenant, letter.id, "study", "每月读一本理论书", "写笔记", date(2026, 12, 20))
    serve = services.add_commitment_item(k, tenant, letter.id, "service", "社区志愿服务", "20 小时", date(2026, 6, 30))
    # Review: one item is sent back as too vague, revised, then both are accepted.
    services.send_back_item(k, tenant, letter.id, study, "衡量标准不具体")
    row = queries.list_items(k, tenant, letter.id)[0]
    assert (row.status, row.return_reason) == ("returned", "衡量标准不具体")
    services.revise_item(k, tenant, letter.id, study, "study", "每月读一本理论书", "全年笔记 10 篇", date(2026, 12, 20))
    services.accept_item(k, tenant, letter.id, study)
    services.accept_item(k, tenant, letter.id, serve)
    assert queries.get_commitment(k, tenant, letter.id).status == "accepted"
    assert [i.content for i in queries.list_board_items(k, tenant, 2026)] == ["每月读一本理论书", "社区志愿服务"]
    # 践诺: progress before and after the deadline.
    at(clock, date(2026, 6, 10))
    services.log_progress(k, tenant, letter.id, serve, date(2026, 6, 9), "服务 12 小时")
    at(clock, date(2026, 7, 3))
    services.log_progress(k, tenant, letter.id, serve, date(2026, 7, 2), "补足 8 小时")
    progress = queries.list_progress(k, tenant, letter.id)
    assert [(p.on, p.after_deadline, p.late) for p in progress] == [
        (date(2026, 6, 9), False, False), (date(2026, 7, 2), True, False)]
    assert queries.list_items(k, tenant, letter.id)[1].after_deadline_count == 1
    # 评诺: conclusions, evaluation, publication; evidence for the Five Goods assessment.
    at(clock, date(2026, 12, 28))
    services.conclude_item(k, tenant, letter.id, study, "fulfilled")
    services.conclude_item(k, tenant, letter.id, serve, "partial", "服务时间延后")
    result = services.evaluate_commitment(k, tenant, letter.id, 90, [80, 90], [70, 80, 90])
    assert str(result.total) == "84.5"
    services.publish_result(k, tenant, letter.id)
    row = queries.get_commitment(k, tenant, letter.id)
    assert (row.status, row.total, row.rating, row.published_on) == ("published", "84.5", "良好", date(2026, 12, 28))
    evidence = {e.item: e for e in flatten(k.hooks(tenant).zhibu_assessment_evidence(tenant=tenant, year=2026))}
    commitments = evidence["integrity.commitments"]
    assert commitments.score_ratio == 0.75
    assert commitments.links[0]["events"] == [{"id": str(letter.id), "version": row.version}]


def test_one_letter_per_member_and_year(k, tenant, actor, add_member):
    zhang = add_member(tenant, "张敏")
    services.write_commitment(k, tenant, 2026, "member", zhang)
    with pytest.raises(IntegrityRuleError) as exc:
        services.write_commitment(k, tenant, 2026, "member", zhang)
    assert exc.value.field == "member_id"
    services.write_commitment(k, tenant, 2027, "member", zhang)
    services.write_commitment(k, tenant, 2026, "branch")


def test_a_member_of_another_school_cannot_be_used(k, tenant, other_tenant, actor, add_member):
    stranger = add_member(other_tenant, "外校党员")
    with pytest.raises(IntegrityRuleError) as exc:
        services.write_commitment(k, tenant, 2026, "member", stranger)
    assert exc.value.field == "member_id"


def test_a_stale_expected_version_is_a_conflict(k, tenant, actor, add_member):
    letter = services.write_commitment(k, tenant, 2026, "member", add_member(tenant, "张敏"))
    services.add_commitment_item(k, tenant, letter.id, "study", "读书", "10 篇", date(2026, 12, 1), expected_version=1)
    with pytest.raises(ConflictError):
        services.add_commitment_item(k, tenant, letter.id, "work", "公开课", "1 节", date(2026, 12, 1),
                                     expected_version=1)


def test_missed_without_cause_is_flagged_for_the_member(k, tenant, clock, actor, add_member):
    at(clock, date(2026, 12, 20))
    li = add_member(tenant, "李强")
    letter = services.write_commitment(k, tenant, 2026, "member", li)
    item = services.add_commitment_item(k, tenant, letter.id, "work", "公开课", "1 节", date(2026, 12, 1))
    services.accept_item(k, tenant, letter.id, item)
    services.conclude_item(k, tenant, letter.id, item, "missed")
    flags = flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=li, year=2026))
    assert [f.code for f in flags] == ["integrity.commitment_missed"]
    alerts = flatten(k.hooks(tenant).zhibu_alerts(tenant=tenant, today=date(2026, 12, 20)))
    assert any("无故未兑现" in a.text for a in alerts)
    services.conclude_item(k, tenant, letter.id, item, "missed", "长期病假")
    assert flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=li, year=2026)) == []


def test_an_ethics_veto_is_visible_through_the_member_flags_hook(k, tenant, clock, actor, add_member):
    at(clock, date(2026, 12, 30))
    wang = add_member(tenant, "王芳")
    zhao = add_member(tenant, "赵雷")
    services.assess_ethics(k, tenant, 2026, wang, "不合格", veto_reason="违规有偿补课")
    services.assess_ethics(k, tenant, 2026, zhao, "良好")
    flags = flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=wang, year=2026))
    assert [(f.code, f.severity) for f in flags] == [("integrity.ethics_veto", "danger")]
    assert "违规有偿补课" in flags[0].label
    assert flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=zhao, year=2026)) == []
    assert flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=wang, year=2025)) == []
    figures = {f.key: f for f in flatten(k.hooks(tenant).zhibu_district_figures(tenant=tenant, today=date(2026, 12, 30)))}
    assert figures["integrity.ethics_vetoes"].value == 1
    ethics = {e.item: e for e in flatten(k.hooks(tenant).zhibu_assessment_evidence(tenant=tenant, year=2026))}
    assert ethics["integrity.ethics"].score_ratio == 0.0 and ethics["integrity.ethics"].figures["vetoes"] == 1


def test_a_corrected_ethics_grade_lifts_the_veto(k, tenant, actor, add_member):
    wang = add_member(tenant, "王芳")
    a = services.assess_ethics(k, tenant, 2026, wang, "不合格", veto_reason="投诉")
    services.correct_ethics(k, tenant, a.id, "合格", expected_version=1)
    row = queries.get_ethics(k, tenant, a.id)
    assert (row.grade, row.veto, row.veto_reason, row.version) == ("合格", False, None, 2)
    assert flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=wang, year=2026)) == []


def test_ethics_assessment_is_for_teacher_members_with_the_configured_grades(k, tenant, actor, add_member):
    staff = add_member(tenant, "周会计", category="staff")
    with pytest.raises(IntegrityRuleError):
        services.assess_ethics(k, tenant, 2026, staff, "良好")
    teacher = add_member(tenant, "吴老师")
    tenant_services.configure_plugin(k, tenant, "integrity", {"ethics_grades": "A,B,C", "ethics_veto_grades": "C"})
    with pytest.raises(IntegrityRuleError) as exc:
        services.assess_ethics(k, tenant, 2026, teacher, "良好")
    assert exc.value.field == "grade"
    services.assess_ethics(k, tenant, 2026, teacher, "C", veto_reason="违纪")
    assert queries.list_ethics(k, tenant, 2026)[0].veto


def test_configured_weights_change_the_evaluation(k, tenant, clock, actor, add_member):
    tenant_services.configure_plugin(k, tenant, "integrity", {"weight_self": 0, "weight_members": 100,
                                                               "weight_public": 0})
    at(clock, date(2026, 12, 20))
    letter = services.write_commitment(k, tenant, 2026, "branch")
    item = services.add_commitment_item(k, tenant, letter.id, "work", "公开课", "1 节", date(2026, 12, 1))
    services.accept_item(k, tenant, letter.id, item)
    services.conclude_item(k, tenant, letter.id, item, "fulfilled")
    result = services.evaluate_commitment(k, tenant, letter.id, 100, [70], [100])
    assert str(result.total) == "70.0" and result.rating == "合格"


def test_pair_closure_refuses_further_log_entries(k, tenant, clock, actor, add_member):
    at(clock, date(2026, 3, 1))
    pair = services.form_pair(k, tenant, "member", "student", "王小明", ["每周辅导"], member_id=add_member(tenant, "张敏"))
    services.log_visit(k, tenant, pair.id, date(2026, 3, 1), "辅导", "1.5")
    services.close_pair(k, tenant, pair.id, "achieved", "成绩提高")
    with pytest.raises(IntegrityRuleError) as exc:
        services.log_visit(k, tenant, pair.id, date(2026, 3, 1), "回访", "1")
    assert "已结束" in exc.value.message
    row = queries.get_pair(k, tenant, pair.id)
    assert (row.visits, row.hours_x100, row.outcome) == (1, 150, "achieved")


def test_volunteer_hours_are_summed_per_member_and_year(k, tenant, clock, actor, add_member):
    at(clock, date(2026, 5, 1))
    a, b = add_member(tenant, "甲"), add_member(tenant, "乙")
    services.record_volunteer(k, tenant, "敬老", date(2026, 4, 1), "敬老院", [{"member_id": a, "hours": "2.5"},
                                                                           {"member_id": b, "hours": "1"}])
    v = services.record_volunteer(k, tenant, "劝导", date(2026, 4, 20), "路口", [{"member_id": a, "hours": "1.25"}])
    services.record_volunteer(k, tenant, "去年", date(2025, 12, 1), "路口", [{"member_id": a, "hours": "9"}])
    hours = {r.member_name: r.hours_x100 for r in queries.volunteer_hours_by_member(k, tenant, 2026)}
    assert hours == {"甲": 375, "乙": 100}
    services.correct_volunteer(k, tenant, v.id, {"participants": [{"member_id": b, "hours": "2"}]}, expected_version=1)
    hours = {r.member_name: r.hours_x100 for r in queries.volunteer_hours_by_member(k, tenant, 2026)}
    assert hours == {"甲": 250, "乙": 300}


def test_education_agreements_inspections_and_pledges(k, tenant, clock, actor, add_member):
    at(clock, date(2026, 7, 10))
    a, b = add_member(tenant, "甲"), add_member(tenant, "乙")
    services.record_education(k, tenant, "warning", "警示教育片", date(2026, 7, 1), [a], [b])
    with pytest.raises(IntegrityRuleError):
        services.record_education(k, tenant, "warning", "重复", date(2026, 7, 1), [a], [a])
    services.sign_agreement(k, tenant, 2026, a, "教研组长", "一岗双责", "支部书记")
    with pytest.raises(IntegrityRuleError):
        services.sign_agreement(k, tenant, 2026, a, "教研组长", "一岗双责", "支部书记")
    services.file_inspection(k, tenant, "half", 2026, "逐项自查", half=1)
    with pytest.raises(IntegrityRuleError):
        services.file_inspection(k, tenant, "half", 2026, "再次", half=1)
    services.file_inspection(k, tenant, "annual", 2026, "年度自查")
    services.sign_pledge(k, tenant, a, "ethics")
    o = queries.overview(k, tenant, 2026)
    assert (o["sessions_total"], o["agreements"], o["inspections"]) == (1, 1, 2)
    assert queries.list_pledges(k, tenant)[0].term == "2025-2026学年第二学期"


def test_hooks_are_silent_for_a_school_without_the_plugin(k, make_tenant, actor):
    plain = make_tenant(plugins=[])
    hooks = k.hooks(plain)
    items = [e.item for e in flatten(hooks.zhibu_assessment_evidence(tenant=plain, year=2026))]
    assert not [i for i in items if i.startswith("integrity.")]
    assert flatten(hooks.zhibu_member_flags(tenant=plain, member_id="00000000-0000-0000-0000-000000000001",
                                            year=2026)) == []
    assert not [f for f in flatten(hooks.zhibu_district_figures(tenant=plain, today=date(2026, 1, 1)))
                if f.key.startswith("integrity.")]
