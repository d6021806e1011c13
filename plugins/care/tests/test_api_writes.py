"""Every write of the care API once: a secretary registers a member in hardship, records help and
closes the case, records a visit, registers a member away, logs a contact and their return (each
answered 2xx and read back, in both projection modes)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/care/hardship",
    "POST /api/v1/t/{tenant}/care/hardship/{hardship_id}/help",
    "POST /api/v1/t/{tenant}/care/hardship/{hardship_id}/close",
    "POST /api/v1/t/{tenant}/care/visits",
    "POST /api/v1/t/{tenant}/care/visits/{visit_id}/cost",
    "POST /api/v1/t/{tenant}/care/away",
    "POST /api/v1/t/{tenant}/care/away/{away_id}/contact",
    "POST /api/v1/t/{tenant}/care/away/{away_id}/return",
)
def test_a_secretary_keeps_care_records_through_the_api(api_as, tenant, member):
    zhang = member(tenant, "张老师")
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/care"
    r = api.post(f"{base}/hardship", json={"member_id": str(zhang.id), "kind": "因病致困", "since": "2026-03-01"})
    assert r.status_code == 201 and r.json["member_name"] == "张老师", r.json
    hardship_id = r.json["id"]
    r = api.post(f"{base}/hardship/{hardship_id}/help", json={"what": "送慰问金", "on": "2026-03-05", "cost": "800.00",
                                                          "by": "王书记", "expected_version": 1})
    assert r.status_code == 200 and r.json["help_cost"] == "800.00" and r.json["help"][0]["what"] == "送慰问金", r.json
    r = api.post(f"{base}/hardship/{hardship_id}/help", json={"what": "再送", "on": "2026-03-06", "by": "王书记",
                                                          "expected_version": 1})
    assert r.status_code == 409, r.json
    r = api.post(f"{base}/hardship/{hardship_id}/close", json={"on": "2026-10-01", "reason": "已康复", "expected_version": 2})
    assert r.status_code == 200 and r.json["closed_on"] == "2026-10-01", r.json
    r = api.post(f"{base}/visits", json={"member_id": str(zhang.id), "on": "2026-01-20", "by": "王书记",
                                         "what": "春节慰问", "cost": "300", "funds_note": "支部活动经费"})
    assert r.status_code == 201 and r.json["cost"] == "300.00", r.json
    assert [v["what"] for v in api.get(f"{base}/visits?year=2026").json] == ["春节慰问"]
    visit_id = r.json["id"]
    r = api.post(f"{base}/visits/{visit_id}/cost", json={"cost": "280", "reason": "按票据更正", "expected_version": 1})
    assert r.status_code == 200 and r.json["cost"] == "280.00" and r.json["version"] == 2, r.json
    r = api.post(f"{base}/visits/{visit_id}/cost", json={"cost": "290", "reason": "再改", "expected_version": 1})
    assert r.status_code == 409, r.json
    r = api.post(f"{base}/away", json={"member_id": str(zhang.id), "kind": "mobile", "place": "深圳",
                                       "since": "2026-01-01", "keep_in_touch": "微信", "certificate_no": "LD1"})
    assert r.status_code == 201 and r.json["overdue"] is True, r.json       # the clock: 2026-11-23
    away_id = r.json["id"]
    r = api.post(f"{base}/away/{away_id}/contact", json={"on": "2026-11-20", "means": "phone", "expected_version": 1})
    assert r.status_code == 200 and r.json["overdue"] is False and r.json["contact_due"] == "2027-05-20", r.json
    r = api.post(f"{base}/away/{away_id}/return", json={"on": "2026-11-22", "expected_version": 2})
    assert r.status_code == 200 and r.json["returned_on"] == "2026-11-22", r.json


def test_bad_input_is_422_with_field_messages(api_as, tenant, member):
    zhang = member(tenant, "张老师")
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/care/away", json={"member_id": str(zhang.id), "kind": "moon", "place": "",
                                                       "since": "2026-13-01"})
    assert r.status_code == 422 and {"kind", "since", "keep_in_touch"} <= set(r.json["errors"]["json"]), r.json
    r = api.post(f"/api/v1/t/{tenant}/care/hardship", json={"member_id": str(zhang.id), "kind": "生活困难",
                                                           "since": "2099-01-01"})
    assert r.status_code == 422 and "since" in r.json["errors"]["json"], r.json
