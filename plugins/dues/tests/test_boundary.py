"""What a client or a form sends is checked at the boundary, so no stored event can break a projection
or an export later (issue 13)."""
from datetime import date
from decimal import Decimal

import pytest

from plugins.dues import queries, services


@pytest.fixture
def member(k, tenant, add_member, actor):
    member_id = add_member(tenant, "张三")
    services.record_base(k, tenant, member_id, 2026, 1, "employed", Decimal("4000"))
    services.record_payment(k, tenant, member_id, [date(2026, 1, 1), date(2026, 2, 1)], "cash")
    return member_id


def events(k, log):
    return k.stores.log(log).recorder.max_notification_id() or 0


REMITTANCE = {"period_from": "2026-01", "period_to": "2026-03", "amount": "80", "remitted_on": "2026-11-23",
              "reference": "R1"}


def test_a_remittance_note_with_nul_is_refused_by_the_api_and_nothing_is_stored(api_as, tenant, member, k,
                                                                                catch_up):
    api = api_as("secretary", tenant)
    before = events(k, tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/remittances", json={**REMITTANCE, "note": "a\u0000b"})
    assert r.status_code == 422 and r.json["errors"]["json"]["note"] == ["不能包含控制字符"]
    assert events(k, tenant) == before
    catch_up()
    assert queries.list_remittances(k, tenant) == []


def test_a_remittance_note_with_nul_is_refused_by_the_page_with_a_message(login_as, tenant, member, k):
    client = login_as("secretary", tenant)
    before = events(k, tenant)
    r = client.post(f"/t/{tenant}/dues/remittances",
                    data={**REMITTANCE, "note": "a\u0000b", "csrf_token": client.csrf()})
    assert r.status_code == 422 and "不能包含控制字符" in r.get_data(as_text=True)
    assert events(k, tenant) == before


@pytest.mark.parametrize("amount", [1e308, "1e308", 10**19, "NaN", "Infinity", "12.345", "-5", True])
def test_amounts_out_of_range_or_finer_than_a_fen_are_422(api_as, tenant, member, amount):
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/remittances", json={**REMITTANCE, "amount": amount})
    assert r.status_code == 422 and "amount" in r.json["errors"]["json"]


def test_valid_amounts_are_kept_to_the_fen_and_shown_as_strings(api_as, tenant, member):
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/remittances", json={**REMITTANCE, "amount": 12.5})
    assert r.status_code == 201 and r.json["amount"] == "12.50"


@pytest.mark.parametrize("month", ["0000-01", "1899-12", "2101-01", "2026-13"])
def test_months_outside_the_calendar_window_are_422(api_as, tenant, member, month):
    api = api_as("org", tenant)
    r = api.post(f"/api/v1/t/{tenant}/dues/payments",
                 json={"member_id": str(member), "months": [month], "method": "cash"})
    assert r.status_code == 422 and "months" in r.json["errors"]["json"]
    r = api.get(f"/api/v1/t/{tenant}/dues/reports/monthly", query_string={"month": month})
    assert r.status_code == 422


def test_a_huge_page_or_year_in_a_query_is_422_not_a_server_error(api_as, login_as, tenant, member):
    api = api_as("secretary", tenant)
    for query in ({"page": 10**25}, {"per_page": 10**25}, {"year": 10**22}, {"page": -1}):
        assert api.get(f"/api/v1/t/{tenant}/dues/payments", query_string=query).status_code == 422, query
    client = login_as("secretary", tenant)
    for url in ("payments?page=10000000000000000000000000", "payments?year=10000000000000000000000",
                "?year=10000000000000000000000", "reports/monthly?month=10000000000000000000000-01"):
        assert client.get(f"/t/{tenant}/dues/{url}").status_code in (200, 404), url


def test_money_is_declared_as_a_decimal_string_in_openapi(app):
    spec = app.test_client().get("/api/openapi.json").json
    amount = spec["components"]["schemas"]["DuesRemittanceIn"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"]
    shown = spec["components"]["schemas"]["DuesRemittanceOut"]["properties"]["amount"]
    assert shown["type"] == "string"


def test_every_export_survives_a_name_with_an_escape_character_stored_before_the_rule(
        login_as, tenant, add_member, k, actor):
    member_id = add_member(tenant, "张\x1b三")     # written by a service, as old events were
    services.record_base(k, tenant, member_id, 2026, 1, "employed", Decimal("4000"))
    services.record_payment(k, tenant, member_id, [date(2026, 1, 1)], "cash", note="旧\x1b说明")
    client = login_as("secretary", tenant)
    for page in ("payments?export=xlsx", "arrears?export=xlsx", "remittances?export=xlsx",
                 "reports/annual?export=xlsx&year=2026", "reports/monthly?export=xlsx&month=2026-01",
                 "publication?export=xlsx"):
        r = client.get(f"/t/{tenant}/dues/{page}")
        assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet"), page
    admin = login_as("district_admin")
    r = admin.get("/district/export.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
