"""A branch's disclosures as a story: what its records offer, what is due and overdue, a disclosure
with its proof, an objection answered, a withdrawal; and the district's catalogue revised from a date."""
from __future__ import annotations

from datetime import date

import pytest

from core.errors import ConflictError
from core.eventstore import DISTRICT
from plugins.disclosure import contributions, queries, services
from plugins.disclosure.domain import Disclosure, DisclosureCatalogue, DisclosureError
from plugins.disclosure.tests.conftest import day, system


def _statuses(k, tenant):
    return {o["title"]: o["status"] for o in queries.obligations(k, tenant, k.today())}


def test_a_decision_is_due_then_overdue_then_disclosed_with_proof_and_an_answered_objection(k, tenant, clock, source):
    clock.set(day(2026, 3, 1))
    source.add(tenant, "meetings.decision:1", "关于评选优秀党员的决定", date(2026, 3, 1))
    # the catalogue says collective decisions are disclosed within 7 days
    assert _statuses(k, tenant)["关于评选优秀党员的决定"] == "due"
    clock.set(day(2026, 3, 8))
    assert _statuses(k, tenant)["关于评选优秀党员的决定"] == "due"
    clock.set(day(2026, 3, 9))
    assert _statuses(k, tenant)["关于评选优秀党员的决定"] == "overdue"
    why = [a.text for a in contributions.alerts(k, tenant, k.today()) if a.level == "danger"]
    assert any("关于评选优秀党员的决定" in t and "7 日内" in t and "2026-03-08 前" in t for t in why), why
    with system():
        item = services.disclose_offer(k, tenant, "meetings.decision:1", date(2026, 3, 1), date(2026, 3, 9),
                                       date(2026, 3, 20))
        services.record_proof(k, tenant, item.id, "决定全文", "党务公开栏", date(2026, 3, 9))
    clock.set(day(2026, 3, 11))
    with system():
        oid = services.receive_objection(k, tenant, item.id, date(2026, 3, 10), "建议写明评选标准")
        services.answer_objection(k, tenant, item.id, oid, date(2026, 3, 11), "已补充评选标准")
    assert _statuses(k, tenant)["关于评选优秀党员的决定"] == "disclosed"
    row = queries.get_item(k, tenant, item.id)
    assert (row.title, row.text, row.entry_code, row.audience, row.proofs, row.objections, row.objections_open) == \
        ("关于评选优秀党员的决定", "关于评选优秀党员的决定的公开内容", "decisions", "members", 1, 1, 0)
    assert [o.answer for o in queries.list_objections(k, tenant, item.id)] == ["已补充评选标准"]
    with system():
        services.withdraw(k, tenant, item.id, "内容有误", expected_version=row.version)
    assert queries.get_item(k, tenant, item.id).withdrawn
    assert _statuses(k, tenant)["关于评选优秀党员的决定"] == "overdue"   # a withdrawn one no longer counts


def test_an_open_objection_is_an_alert_until_answered(k, tenant, clock, source):
    clock.set(day(2026, 3, 1))
    source.add(tenant, "x:1", "事项一", date(2026, 3, 1))
    with system():
        item = services.disclose_offer(k, tenant, "x:1", date(2026, 3, 1), date(2026, 3, 1), None)
        services.receive_objection(k, tenant, item.id, date(2026, 3, 1), "有意见")
    assert any("1 条尚未答复" in a.text for a in contributions.alerts(k, tenant, k.today()))


def test_a_fact_is_disclosed_once_and_only_if_the_records_offer_it(k, tenant, clock, source):
    clock.set(day(2026, 3, 1))
    source.add(tenant, "x:1", "事项一", date(2026, 3, 1))
    with system():
        services.disclose_offer(k, tenant, "x:1", date(2026, 3, 1), date(2026, 3, 1), None)
        with pytest.raises(DisclosureError, match="已经公开过"):
            services.disclose_offer(k, tenant, "x:1", date(2026, 3, 1), date(2026, 3, 2), None)
        with pytest.raises(DisclosureError, match="没有这一可公开事项"):
            services.disclose_offer(k, tenant, "x:2", date(2026, 3, 1), date(2026, 3, 1), None)
        with pytest.raises(DisclosureError, match="不能早于事项发生日期"):
            source.add(tenant, "x:3", "事项三", date(2026, 3, 1))
            services.disclose_offer(k, tenant, "x:3", date(2026, 3, 1), date(2026, 2, 28), None)


def test_a_periodic_entry_is_due_for_each_period_that_ended(k, tenant, clock, source):
    clock.set(day(2026, 1, 10))
    found = {(o["entry"].code, o["period"]): o for o in queries.obligations(k, tenant, k.today())}
    assert found[("dues", "2025")]["status"] == "due" and found[("dues", "2025")]["due_by"] == date(2026, 1, 30)
    clock.set(day(2026, 1, 31))
    assert {(o["entry"].code, o["period"]): o["status"] for o in queries.obligations(k, tenant, k.today())}[
        ("dues", "2025")] == "overdue"
    with system():
        services.disclose_by_hand(k, tenant, "dues", "2025年党费收缴情况", date(2025, 12, 31), "收缴齐全",
                                  date(2026, 1, 31), None)
    assert {(o["entry"].code, o["period"]): o["status"] for o in queries.obligations(k, tenant, k.today())}[
        ("dues", "2025")] == "disclosed"


def test_a_school_is_not_asked_for_what_happened_before_its_records_start(k, make_tenant, clock, source):
    clock.set(day(2026, 3, 20))
    late = make_tenant("school-late", records_from=date(2026, 3, 10))
    source.add(late, "x:old", "旧事项", date(2026, 3, 1))
    source.add(late, "x:new", "新事项", date(2026, 3, 11))
    assert [o["title"] for o in queries.obligations(k, late, k.today())] == ["新事项"]


def test_the_district_revises_the_catalogue_from_a_date(k, tenant, clock, source):
    clock.set(day(2026, 3, 1))
    source.add(tenant, "x:1", "事项一", date(2026, 3, 1))
    entries = [{"code": "decisions", "content": "集体决定的事项", "audience": "everyone", "timing": "event",
                "days": 2, "form": "online", "kinds": ["meetings.decision"]}]
    with system():
        services.revise_catalogue(k, date(2026, 3, 1), entries)
        with pytest.raises(DisclosureError, match="已经制定"):
            services.revise_catalogue(k, date(2026, 3, 1), entries)
    assert queries.catalogue_on(k, date(2026, 2, 28)).entry("decisions").days == 7
    assert queries.catalogue_on(k, date(2026, 3, 1)).entry("decisions").days == 2
    clock.set(day(2026, 3, 4))
    assert _statuses(k, tenant)["事项一"] == "overdue"
    with system():
        item = services.disclose_offer(k, tenant, "x:1", date(2026, 3, 1), date(2026, 3, 4), None)
    assert queries.get_item(k, tenant, item.id).audience == "everyone"
    assert k.exists(DISTRICT, DisclosureCatalogue.create_id())
    assert [r.effective_from for r in queries.list_revisions(k)] == [date(2026, 3, 1)]


def test_a_stale_version_is_a_conflict(k, tenant, clock, source):
    clock.set(day(2026, 3, 1))
    with system():
        item = services.disclose_by_hand(k, tenant, "work", "工作计划", date(2026, 3, 1), "", date(2026, 3, 1), None)
        services.record_proof(k, tenant, item.id, "计划", "公开栏", date(2026, 3, 1), expected_version=item.version)
        with pytest.raises(ConflictError):
            services.withdraw(k, tenant, item.id, "错", expected_version=item.version)
    assert isinstance(k.get(tenant, item.id, Disclosure), Disclosure)
