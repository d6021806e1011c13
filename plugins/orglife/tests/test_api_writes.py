"""Every write of the orglife API once, as a school keeps its organisational life: a member drafts
and submits their statement, the organiser links a talk held beforehand, records a criticism at the
meeting, lists a rectification item, notes its progress and closes it with evidence; the secretary
records the committee election at a branch congress and the elected take office (each write
answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from plugins.meetings import services as meetings
from plugins.orglife.tests.conftest import system

pytestmark = pytest.mark.usefixtures("api_writes")
SECTIONS = {"work": "完成教学任务", "criticism": "学习不够", "measures": "每月读书"}


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/orglife/meetings/{meeting_id}/statement",
    "POST /api/v1/t/{tenant}/orglife/meetings/{meeting_id}/statement/submit",
)
def test_a_member_drafts_and_submits_their_statement(tenant, life, branch, linked):
    api = linked("member", branch["党员丁"], api=True)
    base = f"/api/v1/t/{tenant}/orglife/meetings/{life}/statement"
    draft = api.post(base, json={"work": "初稿"})
    assert draft.status_code == 200 and draft.get_json()["status"] == "draft"
    incomplete = api.post(base + "/submit", json={"expected_version": draft.get_json()["version"]})
    assert incomplete.status_code == 422 and "criticism" in incomplete.get_json()["errors"]["json"]
    revised = api.post(base, json={**SECTIONS, "expected_version": draft.get_json()["version"]})
    assert revised.status_code == 200
    stale = api.post(base, json={**SECTIONS, "work": "又改", "expected_version": draft.get_json()["version"]})
    assert stale.status_code == 409
    submitted = api.post(base + "/submit", json={"expected_version": revised.get_json()["version"]})
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    assert api.get(f"/api/v1/t/{tenant}/orglife/statements").get_json()[0]["submitted_on"] == "2026-11-23"


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/orglife/meetings/{meeting_id}/talks",
    "POST /api/v1/t/{tenant}/orglife/meetings/{meeting_id}/criticisms",
    "POST /api/v1/t/{tenant}/orglife/meetings/{meeting_id}/rectifications",
    "POST /api/v1/t/{tenant}/orglife/rectifications/{item_id}/progress",
    "POST /api/v1/t/{tenant}/orglife/rectifications/{item_id}/close",
)
def test_the_organiser_keeps_the_meetings_record_and_its_rectification_list(k, tenant, life, branch, api_as, clock):
    with system():
        talk = meetings.record_talk(k, tenant, date(2026, 11, 20), branch["书记甲"], branch["党员丁"], "谈学习")
    api = api_as("org", tenant)
    base = f"/api/v1/t/{tenant}/orglife"
    linked_talk = api.post(f"{base}/meetings/{life}/talks", json={"talk_id": str(talk.id), "summary": "交流学习体会"})
    assert linked_talk.status_code == 200 and linked_talk.get_json()["talks"][0]["first_name"] == "书记甲"
    clock.set(datetime(2026, 11, 30, 8, tzinfo=timezone.utc))
    criticism = api.post(f"{base}/meetings/{life}/criticisms", json={
        "from_member_id": str(branch["书记甲"]), "to_member_id": str(branch["党员丁"]), "text": "学习不够深入",
        "expected_version": linked_talk.get_json()["record_version"]})
    assert criticism.status_code == 200 and criticism.get_json()["criticisms"][0]["to_name"] == "党员丁"
    item = api.post(f"{base}/meetings/{life}/rectifications", json={"item": "学习笔记检查", "owner": "组织委员",
                                                                 "deadline": "2026-12-31"})
    assert item.status_code == 200 and item.get_json()["status"] == "open"
    item_id = item.get_json()["id"]
    progress = api.post(f"{base}/rectifications/{item_id}/progress", json={"text": "已检查一半", "expected_version": 1})
    assert progress.status_code == 200 and progress.get_json()["status"] == "in_progress"
    closed = api.post(f"{base}/rectifications/{item_id}/close", json={"evidence_text": "已全部检查",
                                                                     "expected_version": progress.get_json()["version"]})
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    assert [r["status"] for r in api.get(f"{base}/rectifications").get_json()] == ["closed"]


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/orglife/elections",
    "POST /api/v1/t/{tenant}/orglife/elections/{meeting_id}/take-office",
)
def test_the_secretary_records_the_election_and_the_elected_take_office(k, tenant, branch, api_as):
    with system():
        [congress] = meetings.record_held_meetings(k, tenant, [{
            "held_on": date(2026, 11, 10), "starts": time(15, 0), "type": "congress", "title": "换届选举大会",
            "place": "会议室"}])
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/orglife"
    election = api.post(f"{base}/elections", json={"meeting_id": str(congress.id), "seats": 2, "candidates": [
        {"member_id": str(branch["书记甲"]), "votes": 6}, {"member_id": str(branch["党员丁"]), "votes": 4},
        {"member_id": str(branch["党员戊"]), "votes": 2}]})
    assert election.status_code == 200
    assert election.get_json()["elected"] == [str(branch["书记甲"]), str(branch["党员丁"])]
    took = api.post(f"{base}/elections/{congress.id}/take-office", json={
        "term_start": "2026-11-11", "expected_version": election.get_json()["version"],
        "posts": [{"member_id": str(branch["书记甲"]), "post": "secretary"},
                  {"member_id": str(branch["党员丁"]), "post": "deputy"}]})
    assert took.status_code == 200 and took.get_json()["term_end"] == "2029-11-10"
    term = api.get(f"{base}/term").get_json()
    assert (term["term_start"], term["term_end"], term["status"]) == ("2026-11-11", "2029-11-10", "current")
