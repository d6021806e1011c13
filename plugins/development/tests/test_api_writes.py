"""Every write of the member development API once: one applicant taken to development-target
publicity and then refused, one probationary member whose probation is extended and then cancelled
(issue 13: each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from plugins.development import services
from plugins.development.tests.helpers import full_members, person, set_today, walk

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/development/cases",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/documents",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/steps",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/assessments",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/publicity",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/objections",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/refusal",
)
def test_an_applicant_is_recorded_assessed_publicised_objected_to_and_refused(k, tenant, clock, api_as, actor):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/development/cases"
    set_today(clock, date(2024, 5, 1))

    r = api.post(base, json={**person(), "applied_on": "2024-04-20"})
    assert r.status_code == 201, r.json
    case = f"{base}/{r.json['id']}"
    r = api.post(f"{case}/documents?code=application&expected_version={r.json['version']}",
                 content_type="multipart/form-data", data={"file": (io.BytesIO(b"%PDF-1.4 letter"), "申请书.pdf")})
    assert r.status_code == 201, r.json
    assert [d["name"] for d in api.get(case).json["documents"]] == ["申请书.pdf"]
    r = api.post(f"{case}/steps", json={"step": 2, "happened_on": "2024-05-01", "actor": "组织委员",
                                        "expected_version": api.get(case).json["version"]})
    assert r.status_code == 200, r.json
    assert [s["step"] for s in api.get(case).json["steps"]] == [1, 2]

    case_id, ids = r.json["id"], full_members(k, tenant)
    day = walk(k, tenant, clock, case_id, 6, ids) + timedelta(days=180)
    set_today(clock, day)
    version = api.get(case).json["version"]
    r = api.post(f"{case}/assessments", json={"happened_on": day.isoformat(), "actor": "培养联系人",
                                              "notes": "表现良好", "expected_version": version})
    assert r.status_code == 200, r.json
    assert api.get(case).json["version"] == version + 1

    walk(k, tenant, clock, case_id, 7, ids)
    start = k.today()
    version = api.get(case).json["version"]
    r = api.post(f"{case}/publicity", json={"kind": "target", "start": start.isoformat(),
                                            "expected_version": version})
    assert r.status_code == 200, r.json
    r = api.post(f"{case}/objections", json={"kind": "target", "received_on": start.isoformat(),
                                             "text": "群众反映工作作风问题", "expected_version": version + 1})
    assert r.status_code == 200, r.json
    assert api.get(case).json["version"] == version + 2

    r = api.post(f"{case}/refusal", json={"decided_on": start.isoformat(), "reason": "经核实群众意见属实",
                                          "expected_version": version + 2})
    assert r.status_code == 200, r.json
    got = api.get(case).json
    assert got["status"] == "refused" and got["closed_on"] == start.isoformat()


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/extension",
    "POST /api/v1/t/{tenant}/development/cases/{case_id}/cancellation",
)
def test_a_probationary_members_probation_is_extended_and_then_cancelled(k, tenant, clock, api_as, actor):
    set_today(clock, date(2023, 3, 1))
    case_id = services.open_case(k, tenant, person(), date(2023, 3, 1)).id
    walk(k, tenant, clock, case_id, 17, full_members(k, tenant))
    api = api_as("secretary", tenant)
    case = f"/api/v1/t/{tenant}/development/cases/{case_id}"
    before = api.get(case).json
    assert before["status"] == "probationary"

    today = k.today().isoformat()
    r = api.post(f"{case}/extension", json={"decided_on": today, "months": 6, "reason": "考察期间表现欠佳",
                                            "expected_version": before["version"]})
    assert r.status_code == 200, r.json
    got = api.get(case).json
    assert got["extensions"] == 1 and got["probation_end"] > before["probation_end"]

    r = api.post(f"{case}/cancellation", json={"decided_on": today, "reason": "延长期满仍不具备党员条件",
                                               "expected_version": got["version"]})
    assert r.status_code == 200, r.json
    assert api.get(case).json["status"] == "cancelled"


@pytest.mark.covers("POST /api/v1/t/{tenant}/development/late-entries")
def test_cases_already_under_way_are_entered_late_from_their_paper_files(k, tenant, clock, api_as, actor):
    contacts = full_members(k, tenant)[:2]
    api = api_as("secretary", tenant)
    steps = [{"step": n, "happened_on": d} for n, d in
             enumerate(["2025-01-10", "2025-01-25", "2025-03-01", "2025-03-10", "2025-03-15"], start=1)]
    r = api.post(f"/api/v1/t/{tenant}/development/late-entries",
                 json={"cases": [{**person(), "steps": steps, "contacts": contacts}]})
    assert r.status_code == 201, r.json
    got = api.get(f"/api/v1/t/{tenant}/development/cases/{r.json[0]['id']}").json
    assert got["status"] == "activist" and [s["step"] for s in got["steps"]] == [1, 2, 3, 4, 5]
    assert {(s["happened_on"], s["recorded_on"]) for s in got["steps"]} >= {("2025-01-10", k.today().isoformat())}
