import re
from datetime import date
from decimal import Decimal

import pytest

from plugins.dues import queries, services


@pytest.fixture
def member(k, tenant, add_member, actor):
    member_id = add_member(tenant, "张三")
    services.record_base(k, tenant, member_id, 2026, 1, "employed", Decimal("4000"))
    return member_id


PAGES = ["", "members", "payments", "arrears", "remittances", "reports/annual", "reports/monthly",
         "reports/monthly?month=2026-03", "publication", "payments?year=2026"]
EXPORTS = ["payments?export=xlsx", "arrears?export=xlsx", "remittances?export=xlsx",
           "reports/annual?export=xlsx&year=2026", "reports/monthly?export=xlsx", "publication?export=xlsx"]


def test_the_secretary_sees_every_page_and_export(login_as, tenant, member, k, actor):
    services.record_payment(k, tenant, member, [date(2026, 1, 1)], "cash")
    client = login_as("secretary", tenant)
    for page in PAGES:
        r = client.get(f"/t/{tenant}/dues/{page}")
        assert r.status_code == 200, (page, r.get_data(as_text=True)[:800])
        assert "四舍五入" in r.get_data(as_text=True), page
    for page in EXPORTS:
        r = client.get(f"/t/{tenant}/dues/{page}")
        assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet"), page
    assert client.get(f"/t/{tenant}/dues/members/{member}").status_code == 200
    assert client.get(f"/t/{tenant}/dues/receipts/2026-0001").status_code == 200
    home = client.get(f"/t/{tenant}/").get_data(as_text=True)
    assert "进入党费" in home and f"/t/{tenant}/dues/" in home


def test_a_collector_records_a_payment_in_the_page_and_gets_a_printable_receipt(login_as, tenant, member):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/members/{member}/pay", data={
        "csrf_token": client.csrf(), "months": ["2026-01", "2026-02"], "method": "proxy", "payer": "李芳",
        "paid_on": "2026-11-23", "expected_version": "2"})
    assert r.status_code == 302 and r.location.endswith("/dues/receipts/2026-0001")
    page = client.get(r.location).get_data(as_text=True)
    assert "党费收据" in page and "¥80.00" in page and "李芳" in page and "打印收据" in page
    assert client.username in page                                    # the collector is the actor


def test_a_wrong_payment_is_reversed_in_the_page_and_both_entries_show(login_as, tenant, member, k, actor):
    services.record_payment(k, tenant, member, [date(2026, 1, 1)], "cash")
    client = login_as("secretary", tenant)
    r = client.post(f"/t/{tenant}/dues/receipts/2026-0001/reverse",
                    data={"csrf_token": client.csrf(), "reason": "登记错误", "expected_version": "3"})
    assert r.status_code == 302
    page = client.get(f"/t/{tenant}/dues/payments").get_data(as_text=True)
    assert page.count("2026-0001") >= 2 and "已冲正" in page and "登记错误" in page


def test_bad_page_input_answers_422_with_the_reason(login_as, tenant, member):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/members/{member}/pay",
                    data={"csrf_token": client.csrf(), "method": "cash"})
    assert r.status_code == 422 and "月份" in r.get_data(as_text=True)
    r = client.post(f"/t/{tenant}/dues/members/{member}/pay",
                    data={"csrf_token": client.csrf(), "months": ["2027-09"], "method": "cash"})
    assert r.status_code == 422 and "预交最多 6 个月" in r.get_data(as_text=True)
    r = client.post(f"/t/{tenant}/dues/members/{member}/base",
                    data={"csrf_token": client.csrf(), "year": "2026", "category": "employed", "base": "-5"})
    assert r.status_code == 422
    r = client.post(f"/t/{tenant}/dues/members/{member}/relief", data={
        "csrf_token": client.csrf(), "year": "2026", "from_month": "3", "to_month": "4", "kind": "waive",
        "reason": "困难", "approver": " "})
    assert r.status_code == 422 and "审批" in r.get_data(as_text=True)


def test_a_stale_form_is_a_conflict(login_as, tenant, member):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/members/{member}/base", data={
        "csrf_token": client.csrf(), "year": "2026", "from_month": "1", "category": "employed", "base": "5000",
        "expected_version": "1"})
    assert r.status_code == 409


def test_roles_decide_what_may_be_seen_and_done(login_as, tenant, member):
    plain = login_as("member", tenant)
    assert plain.get(f"/t/{tenant}/dues/").status_code == 403
    assert plain.get(f"/t/{tenant}/dues/publication").status_code == 200
    publicity = login_as("publicity", tenant)
    assert publicity.get(f"/t/{tenant}/dues/").status_code == 200
    r = publicity.post(f"/t/{tenant}/dues/members/{member}/pay",
                       data={"csrf_token": publicity.csrf(), "months": ["2026-01"], "method": "cash"})
    assert r.status_code == 403
    viewer = login_as("viewer", tenant)
    r = viewer.post(f"/t/{tenant}/dues/members/{member}/base", data={"csrf_token": viewer.csrf(), "year": "2026"})
    assert r.status_code == 403


def test_a_user_of_another_school_is_refused(login_as, tenant, other_tenant, member):
    stranger = login_as("secretary", other_tenant)
    assert stranger.get(f"/t/{tenant}/dues/").status_code == 403
    assert stranger.get(f"/t/{other_tenant}/dues/members/{member}").status_code == 404


def test_the_plugin_answers_404_when_the_school_has_not_enabled_it(make_tenant, login_as, api_as):
    slug = make_tenant(plugins=[])
    assert login_as("secretary", slug).get(f"/t/{slug}/dues/").status_code == 404
    assert api_as("secretary", slug).get(f"/api/v1/t/{slug}/dues/arrears").status_code == 404


# -- API ---------------------------------------------------------------------------------------------------
def test_api_records_bases_payments_reversals_and_reports(api_as, tenant, add_member, actor, k, clock):
    api = api_as("org", tenant)
    member = str(add_member(tenant, "李四"))
    base = f"/api/v1/t/{tenant}/dues"
    r = api.post(f"{base}/bases", json={"member_id": member, "year": 2026, "category": "retired", "base": "5000"})
    assert r.status_code == 201, r.json
    assert r.json["amount"] == "25.00" and r.json["version"] == 2
    r = api.post(f"{base}/reliefs", json={"member_id": member, "year": 2026, "from_month": 2, "to_month": 2,
                                          "kind": "reduce", "amount": "10", "reason": "生病", "approver": "上级党委"})
    assert r.status_code == 201 and r.json["account_version"] == 3
    r = api.post(f"{base}/payments", json={"member_id": member, "months": ["2026-01", "2026-02"], "method": "online",
                                           "expected_version": 3})
    assert r.status_code == 201, r.json
    assert r.json["receipt_no"] == "2026-0001" and r.json["amount"] == "35.00" and r.json["collector"] == api.username
    assert api.get(f"{base}/payments/2026-0001").json["months"] == ["2026-01", "2026-02"]
    r = api.post(f"{base}/payments/2026-0001/reversal", json={"reason": "重复登记", "expected_version": 4})
    assert r.status_code == 201 and r.json["amount"] == "-35.00" and r.json["kind"] == "reversal"
    listed = api.get(f"{base}/payments").json
    assert listed["meta"]["total"] == 2 and {i["kind"] for i in listed["items"]} == {"payment", "reversal"}
    arrears = api.get(f"{base}/arrears").json
    assert arrears[0]["name"] == "李四" and arrears[0]["streak"] == 10 and arrears[0]["level"] == "danger"
    report = api.get(f"{base}/reports/annual?year=2026").json
    assert report["due"] == "260.00" and report["paid"] == "0.00" and "四舍五入" in report["rounding"]
    monthly = api.get(f"{base}/reports/monthly?month=2026-02").json
    assert monthly["members"][0]["due"] == "10.00" and monthly["members"][0]["status"] == "unpaid"
    assert api.get(f"{base}/bases?year=2026").json[0]["base"] == "5000.00"


def test_api_remittances_respect_the_held_balance(api_as, tenant, member, k, actor):
    services.record_payment(k, tenant, member, [date(2026, 1, 1), date(2026, 2, 1)], "cash")
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/dues/remittances"
    r = api.post(base, json={"period_from": "2026-01", "period_to": "2026-03", "amount": "80.01",
                             "remitted_on": "2026-11-23", "reference": "R1"})
    assert r.status_code == 422 and "amount" in r.json["errors"]["json"]
    r = api.post(base, json={"period_from": "2026-01", "period_to": "2026-03", "amount": "80",
                             "remitted_on": "2026-11-23", "reference": "R1"})
    assert r.status_code == 201 and r.json["recipient"] == "上级党委"
    assert api.get(f"{base}/{r.json['id']}").status_code == 200
    assert queries.ledger(k, tenant)["held"] == 0


def test_api_validation_errors_are_422_with_field_messages(api_as, tenant, member):
    api = api_as("org", tenant)
    base = f"/api/v1/t/{tenant}/dues"
    r = api.post(f"{base}/payments", json={"member_id": str(member), "months": ["2026-13"], "method": "gold"})
    assert r.status_code == 422 and {"months", "method"} <= set(r.json["errors"]["json"])
    r = api.post(f"{base}/payments", json={"member_id": str(member), "months": ["2026-01"], "method": "proxy"})
    assert r.status_code == 422 and r.json["errors"]["json"]["payer"]
    r = api.post(f"{base}/bases", json={"member_id": str(member), "year": 2026, "category": "employed", "base": "1.001"})
    assert r.status_code == 422 and "base" in r.json["errors"]["json"]


def test_api_answers_409_on_a_stale_expected_version(api_as, tenant, member):
    api = api_as("org", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/payments", json={"member_id": str(member), "months": ["2026-01"],
                                                             "method": "cash", "expected_version": 1})
    assert r.status_code == 409


def test_api_answers_404_for_another_schools_records(api_as, tenant, other_tenant, add_member, k, actor):
    theirs = add_member(other_tenant, "外校")
    services.record_base(k, other_tenant, theirs, 2026, 1, "employed", Decimal("5000"))
    services.record_payment(k, other_tenant, theirs, [date(2026, 1, 1)], "cash")
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/dues"
    r = api.post(f"{base}/payments", json={"member_id": str(theirs), "months": ["2026-02"], "method": "cash"})
    assert r.status_code == 404
    assert api.get(f"{base}/payments/2026-0001").status_code == 404
    assert api.post(f"{base}/payments/2026-0001/reversal", json={"reason": "x"}).status_code == 404
    assert api.get(f"{base}/payments").json["meta"]["total"] == 0
    assert api_as("secretary", other_tenant).get(f"/api/v1/t/{tenant}/dues/arrears").status_code == 403


def test_api_permissions(api_as, tenant, member):
    base = f"/api/v1/t/{tenant}/dues"
    assert api_as("member", tenant).get(f"{base}/arrears").status_code == 403
    r = api_as("viewer", tenant).post(f"{base}/payments", json={"member_id": str(member), "months": ["2026-01"],
                                                               "method": "cash"})
    assert r.status_code == 403


def test_the_openapi_document_lists_the_dues_api(app):
    spec = app.test_client().get("/api/openapi.json").json
    paths = [p for p in spec["paths"] if "/dues/" in p]
    for suffix in ("/bases", "/reliefs", "/payments", "/payments/{receipt_no}/reversal", "/arrears",
                   "/reports/annual", "/reports/monthly", "/remittances"):
        assert any(p.endswith(suffix) for p in paths), suffix


def test_the_school_can_configure_the_local_rules(login_as, tenant, k):
    admin = login_as("district_admin")
    page = admin.get(f"/district/schools/{tenant}").get_data(as_text=True)
    assert "最多可预交月数" in page and "建账月份" in page
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    r = admin.post(f"/district/schools/{tenant}", data={
        "csrf_token": admin.csrf(), "action": "configure", "plugin": "dues", "version": version,
        "s_prepay_limit_months": "3", "s_ledger_start": "2025-09", "s_warning_months": "3", "s_alert_months": "6",
        "s_backpay_flag_months": "6", "s_higher_committee": "区教育工委", "s_remit_period": "monthly"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    policy = queries.policy(k, tenant)
    assert policy.prepay_limit_months == 3 and policy.ledger_start == date(2025, 9, 1)


def test_with_inline_projections_off_a_payment_through_the_api_answers_201_with_its_receipt(
        api_as, tenant, member, k):
    k.inline_projections = False  # the multi-worker deployment: a separate `zhibu worker` runs projections
    api = api_as("org", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/payments", json={"member_id": str(member), "months": ["2026-01"],
                                                            "method": "cash"})
    assert r.status_code == 201, r.get_data(as_text=True)[:300]
    assert r.json["receipt_no"] == "2026-0001"
    r = api.post(f"/api/v1/t/{tenant}/dues/payments/2026-0001/reversal", json={"reason": "登记错误"})
    assert r.status_code == 201 and r.json["kind"] == "reversal"


def test_a_payment_stored_while_the_ledger_projection_fails_answers_202_and_is_kept(api_as, tenant, member, k,
                                                                                    monkeypatch):
    from plugins.dues.projections import DuesProjection

    def broken(self, conn, e, tenant):  # a bug in the ledger's handler
        raise RuntimeError("ledger bug")
    monkeypatch.setattr(DuesProjection, "_paid", broken)
    api = api_as("org", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/payments", json={"member_id": str(member), "months": ["2026-01"],
                                                            "method": "cash"})
    assert r.status_code == 202, r.get_data(as_text=True)[:300]
    assert "已保存" in r.json["message"] and any(s["log"] == tenant for s in r.json["stored"])
    from plugins.dues.domain import DuesAccount
    account = k.get(tenant, DuesAccount.create_id(tenant, str(member)), DuesAccount)
    assert account.version == 3  # the payment is in the log
    stopped = {s.projection: s for s in k.projector.states([tenant]) if s.stopped_at is not None}
    assert "ledger bug" in stopped["dues.ledger"].error
