"""A visit's cost is booked against the year's activity funds (plans.public) in the same write: the
visit links to the funds page with what is left, the funds page links back to the visit; a refused
spending (over budget where the school forbids it, plans off where the school requires it) stores
neither; correcting the cost corrects the spending with a new event, and it is the only way to: the
funds page refuses to withdraw a visit's spending and says where to correct it; another school sees
nothing."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from plugins.care import queries, services
from plugins.care.domain import CareError, Visit
from plugins.plans import public as plans
from plugins.plans import queries as plan_queries, services as plan_services
from plugins.plans.domain import FundsYear
from tenants import services as tenancy


@pytest.fixture
def zhang(k, tenant, member, clock, actor):
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    return member(tenant, "张老师")


def _forbid_overspend(k, tenant):
    tenancy.configure_plugin(k, tenant, "plans", {"overspend": "forbid"})
    k.catch_up()


def test_a_visits_cost_is_booked_against_the_years_funds_in_the_same_write(k, tenant, zhang, catch_up):
    visit = services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("500"))
    catch_up()
    balance = plans.remaining_budget(k, tenant, 2026)
    # one member on the roll: the branch minimum (3000 yuan) is the budget; 500 spent
    assert (balance.budget, balance.spent, balance.left) == (Decimal("3000.00"), Decimal("500.00"), Decimal("2500.00"))
    funds = k.get(tenant, FundsYear.create_id(f"{tenant}/2026"), FundsYear)
    [entry] = funds.spendings.values()
    assert entry["source"] == {"kind": "care.visit", "id": str(visit.id), "title": "走访慰问（2026-11-02）"}
    # the visit and the spending were stored together: the same notification batch
    booked, _ = k.history(tenant, FundsYear.SpendingBooked)
    recorded, _ = k.history(tenant, Visit.Recorded)
    assert len(booked) == 1 and len(recorded) == 1


def test_a_visit_without_cost_books_nothing(k, tenant, zhang, catch_up):
    services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "看望", 0)
    catch_up()
    assert plans.remaining_budget(k, tenant, 2026) is None
    assert k.history(tenant, FundsYear.SpendingBooked)[0] == []


def test_over_budget_where_forbidden_refuses_the_visit_and_writes_nothing(k, tenant, zhang, catch_up):
    _forbid_overspend(k, tenant)
    services.record_visit(k, tenant, zhang.id, date(2026, 11, 1), "王书记", "慰问金", Decimal("2800"))
    with pytest.raises(CareError) as refused:
        services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问品", Decimal("300"))
    assert refused.value.field == "cost" and "超出 2026 年度党建经费预算" in refused.value.message
    assert "余额 200.00 元" in refused.value.message
    catch_up()
    assert len(queries.list_visits(k, tenant, 2026)) == 1
    assert len(k.history(tenant, Visit.Recorded)[0]) == 1
    assert plans.remaining_budget(k, tenant, 2026).left == Decimal("200.00")
    # exactly the balance is within budget
    services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问品", Decimal("200"))
    catch_up()
    assert plans.remaining_budget(k, tenant, 2026).left == Decimal("0.00")


def test_over_budget_is_allowed_by_default_and_shows_a_negative_balance(k, tenant, zhang, catch_up):
    services.record_visit(k, tenant, zhang.id, date(2026, 11, 1), "王书记", "慰问金", Decimal("3200"))
    catch_up()
    assert plans.remaining_budget(k, tenant, 2026).left == Decimal("-200.00")


def test_a_school_requiring_funds_without_plans_is_refused_and_nothing_written(k, tenant, zhang, catch_up):
    tenancy.configure_plugin(k, tenant, "care", {"funds_required": True})
    tenancy.disable_plugin(k, tenant, "plans")
    k.catch_up()
    with pytest.raises(CareError) as refused:
        services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("100"))
    assert "未启用" in refused.value.message
    assert k.history(tenant, Visit.Recorded)[0] == []
    services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "看望", 0)   # no cost: fine


def test_without_plans_a_visit_is_recorded_alone(k, tenant, zhang, catch_up):
    tenancy.disable_plugin(k, tenant, "plans")
    k.catch_up()
    services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("100"), funds_note="工会")
    assert k.history(tenant, FundsYear.SpendingBooked)[0] == []
    assert len(k.history(tenant, Visit.Recorded)[0]) == 1


def test_correcting_the_cost_corrects_the_spending_with_a_new_event(k, tenant, zhang, catch_up):
    visit = services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("500"))
    services.correct_visit_cost(k, tenant, visit.id, Decimal("450"), "票据为450元", expected_version=1)
    catch_up()
    [corrected] = k.history(tenant, FundsYear.SpendingCorrected)[0]
    assert (corrected.before_fen, corrected.amount_fen, corrected.reason) == (50000, 45000, "票据为450元")
    assert plans.remaining_budget(k, tenant, 2026).spent == Decimal("450.00")
    assert queries.get_visit(k, tenant, visit.id).cost == Decimal("450.00")
    services.correct_visit_cost(k, tenant, visit.id, 0, "改由工会经费列支")
    catch_up()
    assert plans.remaining_budget(k, tenant, 2026).spent == Decimal("0.00")
    assert len(k.history(tenant, FundsYear.SpendingWithdrawn)[0]) == 1


def test_a_correction_over_budget_where_forbidden_changes_neither(k, tenant, zhang, catch_up):
    _forbid_overspend(k, tenant)
    visit = services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("500"))
    with pytest.raises(CareError):
        services.correct_visit_cost(k, tenant, visit.id, Decimal("3500"), "补录")
    catch_up()
    assert queries.get_visit(k, tenant, visit.id).cost == Decimal("500.00")
    assert k.history(tenant, Visit.CostCorrected)[0] == []
    assert plans.remaining_budget(k, tenant, 2026).spent == Decimal("500.00")


def test_the_visit_and_the_funds_page_link_to_each_other(k, tenant, other_tenant, zhang, catch_up, login_as):
    visit = services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("500"))
    catch_up()
    secretary = login_as("secretary", tenant)
    page = secretary.get(f"/t/{tenant}/care/visits/{visit.id}").get_data(as_text=True)
    assert "已计入党组织活动经费（余额 ¥2,500.00）" in page and f"/t/{tenant}/plans/funds?year=2026" in page
    funds = secretary.get(f"/t/{tenant}/plans/funds?year=2026").get_data(as_text=True)
    assert "走访慰问 张老师（2026-11-02）" in funds and f"/t/{tenant}/care/visits/{visit.id}" in funds
    # a member reads the statement: the spending, without the name of the member visited nor a link
    plain = login_as("member", tenant).get(f"/t/{tenant}/plans/funds?year=2026").get_data(as_text=True)
    assert "走访慰问（2026-11-02）" in plain and "张老师" not in plain and f"care/visits/{visit.id}" not in plain
    # another school: neither the visit nor its spending
    elsewhere = login_as("secretary", other_tenant)
    assert elsewhere.get(f"/t/{other_tenant}/care/visits/{visit.id}").status_code == 404
    assert "张老师" not in elsewhere.get(f"/t/{other_tenant}/plans/funds?year=2026").get_data(as_text=True)
    assert plans.remaining_budget(k, other_tenant, 2026) is None


def test_the_visit_form_says_why_a_spending_was_refused(k, tenant, zhang, catch_up, login_as):
    _forbid_overspend(k, tenant)
    catch_up()
    secretary = login_as("secretary", tenant)
    r = secretary.post(f"/t/{tenant}/care/visits", data={"csrf_token": secretary.csrf(), "_form": "visit",
                                                        "member_id": str(zhang.id), "on": "2026-11-02",
                                                        "by": "王书记", "what": "慰问金", "cost": "3500"})
    assert r.status_code == 422
    assert "超出 2026 年度党建经费预算" in r.get_data(as_text=True)
    assert queries.list_visits(k, tenant, 2026) == []
    v = services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("100"))
    catch_up()
    r = secretary.post(f"/t/{tenant}/care/visits/{v.id}/cost", data={
        "csrf_token": secretary.csrf(), "_form": "cost", "cost": "120", "reason": "补差", "expected_version": "1"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    r = secretary.post(f"/t/{tenant}/care/visits/{v.id}/cost", data={
        "csrf_token": secretary.csrf(), "_form": "cost", "cost": "130", "reason": "补差", "expected_version": "1"})
    assert r.status_code == 409


def _a_visit_and_an_ordinary_spending(k, tenant, zhang, catch_up):
    """A visit's spending (e1) and one recorded on the funds page (e2), in the same year."""
    visit = services.record_visit(k, tenant, zhang.id, date(2026, 11, 2), "王书记", "慰问金", Decimal("500"))
    plan_services.record_spending(k, tenant, 2026, date(2026, 11, 3), "80", "茶水", activity="主题党日")
    catch_up()
    return visit, plan_queries.get_budget(k, tenant, 2026).version


def test_the_funds_page_refuses_to_withdraw_a_visits_spending_and_says_where_to_correct_it(
        k, tenant, zhang, catch_up, login_as):
    visit, version = _a_visit_and_an_ordinary_spending(k, tenant, zhang, catch_up)
    secretary = login_as("secretary", tenant)
    page = secretary.get(f"/t/{tenant}/plans/funds?year=2026").get_data(as_text=True)
    # no withdraw button for the visit's spending: where it came from, with the way to the visit
    assert "/plans/funds/spendings/e1/withdraw" not in page and "/plans/funds/spendings/e2/withdraw" in page
    assert "由慰问记录登记" in page and f'href="/t/{tenant}/care/visits/{visit.id}"' in page
    r = secretary.post(f"/t/{tenant}/plans/funds/spendings/e1/withdraw?year=2026", data={
        "csrf_token": secretary.csrf(), "_form": "withdraw-e1", "reason": "重复", "expected_version": str(version)})
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "这笔支出由慰问记录「走访慰问（2026-11-02）」登记，不能在经费页撤销" in body
    assert "请到「党内关怀」更正慰问记录的费用" in body and f"/t/{tenant}/care/visits/{visit.id}" in body
    catch_up()
    assert k.history(tenant, FundsYear.SpendingWithdrawn)[0] == []
    assert plans.remaining_budget(k, tenant, 2026).spent == Decimal("580.00")
    assert queries.get_visit(k, tenant, visit.id).cost == Decimal("500.00")


def test_the_api_refuses_to_withdraw_a_visits_spending_with_the_same_message(k, tenant, zhang, catch_up, api_as):
    _visit, version = _a_visit_and_an_ordinary_spending(k, tenant, zhang, catch_up)
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/plans/funds/2026/spendings/e1/withdraw",
                 json={"reason": "重复", "expected_version": version})
    assert r.status_code == 422, r.get_json()
    message = r.get_json()["message"]
    assert message.startswith("这笔支出由慰问记录「走访慰问（2026-11-02）」登记") and "党内关怀" in message
    assert r.get_json()["errors"]["json"]["entry_id"] == [message]
    english = api.post(f"/api/v1/t/{tenant}/plans/funds/2026/spendings/e1/withdraw", headers={"Accept-Language": "en"},
                       json={"reason": "重复", "expected_version": version}).get_json()["message"]
    assert english.startswith("This spending was booked by the care visit “走访慰问（2026-11-02）”")
    assert "in “Care for members”" in english
    assert k.history(tenant, FundsYear.SpendingWithdrawn)[0] == []
    statement = api.get(f"/api/v1/t/{tenant}/plans/funds/2026").get_json()
    assert [(s["entry_id"], s["source_kind"]) for s in statement["spendings"]] == [("e1", "care.visit"), ("e2", None)]


def test_a_spending_not_booked_by_a_visit_is_still_withdrawn_on_the_funds_page(k, tenant, zhang, catch_up, login_as):
    _visit, version = _a_visit_and_an_ordinary_spending(k, tenant, zhang, catch_up)
    secretary = login_as("secretary", tenant)
    r = secretary.post(f"/t/{tenant}/plans/funds/spendings/e2/withdraw?year=2026", data={
        "csrf_token": secretary.csrf(), "_form": "withdraw-e2", "reason": "重复", "expected_version": str(version)})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    catch_up()
    [withdrawn] = k.history(tenant, FundsYear.SpendingWithdrawn)[0]
    assert withdrawn.entry_id == "e2"
    assert plans.remaining_budget(k, tenant, 2026).spent == Decimal("500.00")
