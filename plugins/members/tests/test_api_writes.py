"""Every write of the member registry's API once, as a branch secretary keeps the roll through a
school year (issue 13: each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

import io
from datetime import date

import pytest

from plugins.members.tests.conftest import id_number, workbook_bytes

pytestmark = pytest.mark.usefixtures("api_writes")


def new_member(name: str, seq: int) -> dict:
    return {"name": name, "gender": "male" if seq % 2 else "female", "id_number": id_number(date(1985, 5, 5), seq),
            "joined_on": "2010-01-01", "converted_on": "2011-01-01"}


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/members/members",
    "PATCH /api/v1/t/{tenant}/members/members/{member_id}",
    "POST /api/v1/t/{tenant}/members/import",
    "POST /api/v1/t/{tenant}/members/members/{member_id}/status",
    "POST /api/v1/t/{tenant}/members/members/{member_id}/sanctions",
    "PUT /api/v1/t/{tenant}/members/members/{member_id}/account",
    "DELETE /api/v1/t/{tenant}/members/members/{member_id}/account",
)
def test_a_secretary_registers_imports_corrects_and_records_status_sanction_and_account(
        api_as, tenant, make_user):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/members"

    r = api.post(f"{base}/members", json=new_member("王芳", 1))
    assert r.status_code == 201, r.json
    wang = r.json["id"]
    assert api.get(f"{base}/members/{wang}").json["name"] == "王芳"

    r = api.patch(f"{base}/members/{wang}", json={"title": "中学高级教师", "expected_version": 1, "reason": "职称评定"})
    assert r.status_code == 200, r.json
    assert api.get(f"{base}/members/{wang}").json["title"] == "中学高级教师"

    rows = [["李强", "男", "汉族", None, id_number(date(1980, 1, 1), 3), "", "", "", "", "", "", "", "2010-01-01",
             "2011-01-01"]]
    r = api.post(f"{base}/import", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(workbook_bytes(rows)), "名册.xlsx")})
    assert r.status_code == 200 and r.json["imported"] is True, r.json
    roll = {m["name"]: m for m in api.get(f"{base}/members").json["items"]}
    assert set(roll) == {"王芳", "李强"}
    li = roll["李强"]["id"]

    r = api.post(f"{base}/members/{li}/sanctions", json={"kind": "警告", "start": "2026-10-08",
                                                        "reason": "党委决定（2026）3号", "expected_version": 1})
    assert r.status_code == 200, r.json
    assert api.get(f"{base}/members/{li}/history").json[-1]["version"] == 2

    r = api.post(f"{base}/members/{li}/status", json={"status": "lost_contact", "effective_on": "2026-11-01",
                                                     "reason": "半年未联系上", "expected_version": 2})
    assert r.status_code == 200, r.json
    assert api.get(f"{base}/members/{li}").json["status"] == "lost_contact"

    account = make_user("member", tenant)
    r = api.put(f"{base}/members/{wang}/account", json={"username": account})
    assert r.status_code == 200, r.json
    assert api.get(f"{base}/members/{wang}/account").json["username"] == account
    r = api.delete(f"{base}/members/{wang}/account")
    assert r.status_code == 200, r.json
    assert api.get(f"{base}/members/{wang}/account").json["username"] is None


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/members/members/{member_id}/transfer-out",
    "POST /api/v1/t/{tenant}/members/transfers/{transfer_id}/receipt",
    "POST /api/v1/t/{tenant}/members/transfers/in",
    "POST /api/v1/t/{tenant}/members/committee",
    "POST /api/v1/t/{tenant}/members/committee/seats",
    "POST /api/v1/t/{tenant}/members/committee/seats/{member_id}/vacate",
    "PUT /api/v1/t/{tenant}/members/groups",
)
def test_an_organiser_transfers_members_elects_the_committee_fills_and_vacates_a_seat_and_sets_a_group(
        api_as, tenant):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/members"
    zhang, zhao, qian = (api.post(f"{base}/members", json=new_member(name, seq)).json["id"]
                         for name, seq in (("张敏", 11), ("赵刚", 12), ("钱进", 13)))

    r = api.post(f"{base}/members/{qian}/transfer-out", json={
        "letter_no": "L2026-01", "other_org": "区教育局党委", "issued_on": "2026-11-01", "dues_paid_to": "2026-10",
        "expected_version": 1})
    assert r.status_code == 201, r.json
    out = r.json["id"]
    r = api.post(f"{base}/transfers/{out}/receipt", json={"on": "2026-11-10", "expected_version": 1})
    assert r.status_code == 200, r.json
    r = api.post(f"{base}/transfers/in", json={
        "letter_no": "W2026-07", "other_org": "外校党支部", "issued_on": "2026-11-05",
        "member": new_member("孙新", 14)})
    assert r.status_code == 201, r.json
    transfers = {t["letter_no"]: t for t in api.get(f"{base}/transfers").json}
    assert transfers["L2026-01"]["receipt_returned_on"] == "2026-11-10"
    assert transfers["W2026-07"]["direction"] == "in" and transfers["W2026-07"]["member_name"] == "孙新"
    assert api.get(f"{base}/members/{qian}").json["status"] == "transferred_out"

    r = api.post(f"{base}/committee", json={"term_start": "2024-09-01",
                                            "seats": [{"member_id": zhang, "post": "secretary"}]})
    assert r.status_code == 201, r.json
    version = api.get(f"{base}/committee").json["version"]
    r = api.post(f"{base}/committee/seats", json={"member_id": zhao, "post": "organisation", "since": "2025-03-01",
                                                  "expected_version": version})
    assert r.status_code == 200, r.json
    assert {s["name"] for s in api.get(f"{base}/committee").json["seats"]} == {"张敏", "赵刚"}
    version = api.get(f"{base}/committee").json["version"]
    r = api.post(f"{base}/committee/seats/{zhao}/vacate", json={"on": "2026-06-30", "reason": "工作调动",
                                                               "expected_version": version})
    assert r.status_code == 200, r.json
    assert [s["name"] for s in api.get(f"{base}/committee").json["seats"]] == ["张敏"]

    r = api.put(f"{base}/groups", json={"name": "第一党小组", "leader_id": zhang})
    assert r.status_code == 200, r.json
    groups = {g["name"]: g for g in api.get(f"{base}/committee").json["groups"]}
    assert groups["第一党小组"]["leader"] == "张敏"
