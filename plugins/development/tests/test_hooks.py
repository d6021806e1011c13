"""What development contributes through hooks: alerts, figures, rosters, evidence, event descriptions."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from plugins.development import services
from plugins.development.domain import DevelopmentCase
from plugins.development.tests.helpers import full_members, person, set_today, walk


def events_of(k, tenant):
    log = k.stores.log(tenant)
    return [log.mapper.to_domain_event(n) for n in log.recorder.select_notifications(start=1, limit=10000)]


def test_every_development_event_is_described_in_chinese(k, tenant, clock, actor):
    fulls = full_members(k, tenant)
    set_today(clock, date(2024, 3, 1))
    a = services.open_case(k, tenant, person(seq=1), date(2024, 3, 1))
    walk(k, tenant, clock, a.id, 21, fulls)
    case = k.get(tenant, a.id)
    set_today(clock, case.probation_end)
    services.extend_probation(k, tenant, a.id, case.probation_end, 6, "继续考察")
    walk(k, tenant, clock, a.id, 25, fulls)
    d = services.open_case(k, tenant, person(seq=4), k.today())
    walk(k, tenant, clock, d.id, 18, fulls)
    services.cancel_probation(k, tenant, d.id, k.today(), "不履行义务")
    b = services.open_case(k, tenant, person(seq=2), date(2024, 3, 1))
    walk(k, tenant, clock, b.id, 7, fulls)
    start = k.get(tenant, b.id).last_date + timedelta(days=1)
    set_today(clock, start)
    services.open_publicity(k, tenant, b.id, "target", start)
    services.record_objection(k, tenant, b.id, "target", start, "有意见")
    services.resolve_objection(k, tenant, b.id, "target", 0, "不属实")
    services.attach_document(k, tenant, b.id, "application", b"%PDF-1.4", "a.pdf")
    services.correct_step(k, tenant, b.id, 2, "补充", notes="新的记录")
    services.refuse(k, tenant, b.id, start, "撤回")
    c = services.open_case(k, tenant, person(seq=3), date(2024, 3, 1))
    walk(k, tenant, clock, c.id, 6, fulls)
    day = k.get(tenant, c.id).last_date + timedelta(days=1)
    set_today(clock, day)
    services.record_assessment(k, tenant, c.id, day)
    mine = [e for e in events_of(k, tenant) if e.originator_id in (a.id, b.id, c.id, d.id)]
    kinds = {type(e).__name__ for e in mine}
    declared = {n for n, v in vars(DevelopmentCase).items()
                if isinstance(v, type) and issubclass(v, DevelopmentCase.Event)} - {"Event", "Created"}
    assert len(declared) == 13 and declared <= kinds
    hook = k.registry.hook.zhibu_describe_event
    for e in mine:
        text = hook(event=e, locale="zh_CN")
        assert text and any("\u4e00" <= ch <= "\u9fff" for ch in text), type(e).__name__
    extended = next(e for e in mine if isinstance(e, DevelopmentCase.ProbationExtended))
    assert str(extended.before_end) in hook(event=extended, locale="zh_CN")
    corrected = next(e for e in mine if isinstance(e, DevelopmentCase.StepCorrected))
    assert "改为「新的记录」" in hook(event=corrected, locale="zh_CN")


def test_alerts_and_district_figures_show_overdue_cases(k, tenant, clock, actor):
    set_today(clock, date(2024, 3, 25))
    services.open_case(k, tenant, person(seq=1, name="甲"), date(2024, 3, 1))
    services.open_case(k, tenant, person(seq=2, name="乙"), date(2024, 3, 25))
    hooks = k.hooks(tenant)
    alerts = [a for group in hooks.zhibu_alerts(tenant=tenant, today=date(2024, 4, 2)) for a in group
              if a.source == "development"]
    assert [(a.level, a.due) for a in alerts] == [("danger", date(2024, 4, 1))]
    figures = {f.key: f for group in hooks.zhibu_district_figures(tenant=tenant, today=date(2024, 4, 2)) for f in group}
    assert figures["development.open"].value == 2 and figures["development.overdue"].value == 1


def test_disabled_plugin_contributes_nothing(k, make_tenant, clock):
    slug = make_tenant(plugins=[])
    hooks = k.hooks(slug)
    assert not [a for g in hooks.zhibu_alerts(tenant=slug, today=date(2024, 4, 2)) for a in g
                if a.source == "development"]


def test_roster_sections_accept_a_date_or_a_time(k, tenant, clock, actor):
    set_today(clock, date(2024, 3, 1))
    services.open_case(k, tenant, person(name="甲"), date(2024, 3, 1))
    hooks = k.hooks(tenant)
    for as_of in (date(2024, 3, 2), datetime(2024, 3, 2, 8, tzinfo=timezone.utc)):
        sections = {s.key: s for g in hooks.zhibu_roster_sections(tenant=tenant, as_of=as_of) for s in g
                    if s.key.startswith("development.")}
        assert [r[0] for r in sections["development.applicant"].rows] == ["甲"]


def test_evidence_counts_late_steps_and_on_time_conversions_with_event_links(k, tenant, clock, actor):
    fulls = full_members(k, tenant)
    set_today(clock, date(2023, 1, 10))
    late = services.open_case(k, tenant, person(seq=1, name="迟"), date(2023, 1, 10))
    set_today(clock, date(2023, 2, 20))
    services.record_step(k, tenant, late.id, 2, date(2023, 2, 20), late_reason="寒假")
    good = services.open_case(k, tenant, person(seq=2, name="准"), date(2023, 1, 10))
    walk(k, tenant, clock, good.id, 25, fulls)
    converted_year = k.get(tenant, good.id).converted_on.year
    evidence = {e.item: e for g in k.hooks(tenant).zhibu_assessment_evidence(tenant=tenant, year=2023) for e in g}
    quality = evidence["development.quality"]
    assert quality.figures["late"] == 1 and 0 < quality.score_ratio < 1
    late_link = next(link for link in quality.links if link["label"] == "迟")
    assert late_link["events"] == [{"id": str(late.id), "version": 2}]
    conv = {e.item: e for g in k.hooks(tenant).zhibu_assessment_evidence(tenant=tenant, year=converted_year)
            for e in g}["development.conversion_on_time"]
    assert conv.score_ratio == 1 and conv.figures == {"due": 1, "on_time": 1}
    assert conv.links[0]["events"][-1]["id"] == str(good.id)
