"""Pages and API: statements only for the committee and their author (another member gets 403 and
never sees them in a list), permissions, bad input, 404 when the plugin is disabled, no access to
another school's records, the district's list of terms (paginated, Excel)."""
from __future__ import annotations

import base64
from datetime import date, datetime, timezone
from io import BytesIO

from openpyxl import load_workbook

from plugins.orglife import services
from plugins.orglife.tests.conftest import make_branch, system

SECTIONS = {"work": "带头完成教学任务", "criticism": "对新党员关心不够", "measures": "每学期谈心 4 次"}


def test_a_statement_is_seen_only_by_the_committee_and_its_author(k, tenant, life, branch, linked, api_as,
                                                                  login_as):
    base = f"/api/v1/t/{tenant}/orglife"
    author = linked("member", branch["党员丁"], api=True)
    drafted = author.post(f"{base}/meetings/{life}/statement", json=SECTIONS)
    assert drafted.status_code == 200 and drafted.get_json()["author"] == "党员丁"
    statement_id = drafted.get_json()["id"]
    assert author.get(f"{base}/statements/{statement_id}").status_code == 200

    other = linked("member", branch["党员戊"], api=True)
    assert other.get(f"{base}/statements/{statement_id}").status_code == 403
    assert other.get(f"{base}/statements").get_json() == []
    assert other.get(f"{base}/meetings/{life}").get_json()["statements"] == []
    assert "对新党员关心不够" not in other.get(f"{base}/meetings").get_data(as_text=True)
    viewer = api_as("viewer", tenant)
    assert viewer.get(f"{base}/statements/{statement_id}").status_code == 403
    assert viewer.get(f"{base}/statements").get_json() == []

    secretary = api_as("secretary", tenant)
    assert [s["author"] for s in secretary.get(f"{base}/statements").get_json()] == ["党员丁"]
    assert secretary.get(f"{base}/statements/{statement_id}").get_json()["sections"] == SECTIONS

    page = linked("member", branch["党员己"]).get(f"/t/{tenant}/orglife/meetings/{life}")
    assert page.status_code == 200 and "对新党员关心不够" not in page.get_data(as_text=True)
    own = login_as("secretary", tenant).get(f"/t/{tenant}/orglife/meetings/{life}")
    assert "对新党员关心不够" in own.get_data(as_text=True)


def test_criticisms_are_seen_by_the_committee_and_the_two_members_concerned(k, tenant, life, branch, linked, clock):
    clock.set(datetime(2026, 11, 30, 8, tzinfo=timezone.utc))
    with system():
        services.record_criticism(k, tenant, life, branch["书记甲"], branch["党员丁"], "理论学习不够")
    base = f"/api/v1/t/{tenant}/orglife/meetings/{life}"
    assert len(linked("member", branch["党员丁"], api=True).get(base).get_json()["criticisms"]) == 1
    assert linked("member", branch["党员戊"], api=True).get(base).get_json()["criticisms"] == []


def test_a_member_whose_account_is_not_linked_cannot_draft_a_statement(tenant, life, api_as):
    r = api_as("member", tenant).post(f"/api/v1/t/{tenant}/orglife/meetings/{life}/statement", json=SECTIONS)
    assert r.status_code == 403


def test_only_the_secretary_deputy_and_organiser_keep_the_record(tenant, life, api_as):
    r = api_as("member", tenant).post(f"/api/v1/t/{tenant}/orglife/meetings/{life}/rectifications",
                                      json={"item": "x", "owner": "y", "deadline": "2026-12-31"})
    assert r.status_code == 403


def test_bad_input_is_422_with_field_messages(tenant, life, api_as):
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/orglife/meetings/{life}/rectifications", json={"item": "", "deadline": "soon"})
    assert r.status_code == 422 and {"item", "owner", "deadline"} <= set(r.get_json()["errors"]["json"])
    r = api.post(f"/api/v1/t/{tenant}/orglife/elections", json={"meeting_id": "nope", "seats": 0, "candidates": []})
    assert r.status_code == 422


def test_a_rectification_item_is_closed_on_its_page_with_a_file(k, tenant, life, login_as):
    with system():
        item = services.list_rectification(k, tenant, life, "学习笔记检查不及时", "组织委员", date(2026, 12, 31))
    client = login_as("org", tenant)
    url = f"/t/{tenant}/orglife/rectifications/{item.id}"
    refused = client.post(url + "/close", data={"csrf_token": client.csrf(), "expected_version": item.version})
    assert refused.status_code == 422
    done = client.post(url + "/close", data={"csrf_token": client.csrf(), "expected_version": item.version,
                                             "files": (BytesIO(b"%PDF-1.4 ok"), "记录.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "已销号" in page and "记录.pdf" in page


def test_the_pages_and_api_answer_404_where_the_plugin_is_disabled(k, make_tenant, login_as, api_as):
    bare = make_tenant("no-orglife", plugins=[p for p in k.registry.optional() if p != "orglife"])
    assert login_as("secretary", bare).get(f"/t/{bare}/orglife/").status_code == 404
    assert api_as("secretary", bare).get(f"/api/v1/t/{bare}/orglife/term").status_code == 404


def test_another_schools_meetings_and_items_are_not_found(k, tenant, other_tenant, life, api_as, login_as):
    with system():
        item = services.list_rectification(k, tenant, life, "事项", "书记", date(2026, 12, 31))
    api = api_as("secretary", other_tenant)
    assert api.get(f"/api/v1/t/{other_tenant}/orglife/meetings/{life}").status_code == 404
    assert api.post(f"/api/v1/t/{other_tenant}/orglife/rectifications/{item.id}/close",
                    json={"evidence_text": "x", "expected_version": 1}).status_code == 404
    assert api.get(f"/api/v1/t/{tenant}/orglife/rectifications").status_code in (403, 404)
    assert login_as("secretary", other_tenant).get(f"/t/{other_tenant}/orglife/rectifications/{item.id}").status_code == 404


def test_the_pages_open_for_the_committee(tenant, life, login_as):
    client = login_as("secretary", tenant)
    for path in ("", "term", "dual", f"meetings/{life}"):
        assert client.get(f"/t/{tenant}/orglife/{path}").status_code == 200, path


def test_the_district_sees_every_branchs_term_paginated_and_in_excel(k, tenant, other_tenant, branch, login_as,
                                                                     api_as):
    make_branch(k, other_tenant, offset=100)
    page = login_as("district_admin").get("/district/orglife/terms")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "第一中学" in text and "2028-08-31" in text
    xlsx = login_as("district_admin").get("/district/orglife/terms?format=xlsx")
    rows = list(load_workbook(BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("学校", "本届任期开始", "任期届满") and len(rows) == 3
    body = api_as("district_admin").get("/api/v1/district/orglife/terms").get_json()
    assert body["total"] == 2 and body["items"][0]["term_end"] == "2028-08-31"
    assert login_as("secretary", tenant).get("/district/orglife/terms").status_code == 403


def test_the_api_downloads_the_evidence_it_lists(k, tenant, life, api_as):
    with system():
        item = services.list_rectification(k, tenant, life, "事项", "书记", date(2026, 12, 31))
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/orglife/rectifications/{item.id}/close", json={
        "expected_version": item.version, "evidence": [{"name": "e.pdf", "content": base64.b64encode(b"%PDF-1.4 e").decode()}]})
    sha = r.get_json()["evidence"]["files"][0]["sha256"]
    assert api.get(f"/api/v1/t/{tenant}/orglife/files/{sha}").status_code == 200


def test_a_member_finds_their_own_statement_on_their_own_page(k, tenant, life, branch, linked):
    with system():
        services.draft_statement(k, tenant, life, branch["党员丁"], SECTIONS)
    mine = linked("member", branch["党员丁"]).get(f"/t/{tenant}/me").get_data(as_text=True)
    assert "我的发言材料" in mine and "还没有民主生活会或组织生活会的发言材料" not in mine
    theirs = linked("member", branch["党员戊"]).get(f"/t/{tenant}/me").get_data(as_text=True)
    assert "还没有民主生活会或组织生活会的发言材料" in theirs
