"""Every write of the notices API once: a member marks one notice read, then all; chooses a weekly
digest by e-mail (each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

from datetime import datetime

import pytest

from plugins.meetings import services as meetings
from plugins.members import public as members

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/notices/read",
    "POST /api/v1/t/{tenant}/notices/read-all",
    "POST /api/v1/t/{tenant}/notices/settings",
)
def test_a_member_reads_notices_and_chooses_a_digest_through_the_api(k, api_as, tenant, roll, actor):
    member = api_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[0])
    for title in ("第四季度党员大会", "换届选举大会"):
        meetings.schedule_meeting(k, tenant, "congress", title, datetime(2026, 12, 10, 15), "活动室")
    base = f"/api/v1/t/{tenant}/notices"
    items = member.get(f"{base}/").json["items"]
    assert len(items) == 2
    r = member.post(f"{base}/read", json={"notices": [items[0]["id"]]})
    assert r.status_code == 200 and r.json == {"marked": 1, "unread": 1}, r.json
    r = member.post(f"{base}/read-all")
    assert r.status_code == 200 and r.json == {"marked": 1, "unread": 0}, r.json
    assert all(n["read_at"] for n in member.get(f"{base}/").json["items"])

    r = member.post(f"{base}/settings", json={"email": "m@example.org", "delivery": "weekly"})
    assert r.status_code == 200 and r.json["delivery"] == "weekly", r.json
    r = member.post(f"{base}/settings", json={"email": "m@example.org", "delivery": "each", "expected_version": 1})
    assert r.status_code == 409, r.json
    r = member.post(f"{base}/settings", json={"email": "m@example.org", "delivery": "each",
                                              "expected_version": r.json and member.get(f"{base}/settings").json["version"]})
    assert r.status_code == 200 and member.get(f"{base}/settings").json == {
        "email": "m@example.org", "delivery": "each", "version": r.json["version"]}
