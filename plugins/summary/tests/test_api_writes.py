"""Every write of the summary API once, as a secretary keeps the year's summary: drafted from the record,
edited (a figure changed by hand), adopted (each write answered 2xx and visible to the caller, in both
projection modes)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/summary/{year}/draft",
    "POST /api/v1/t/{tenant}/summary/{year}",
    "POST /api/v1/t/{tenant}/summary/{year}/adopt",
)
def test_the_api_drafts_edits_and_adopts(api_as, tenant, clock, year_of_records):
    year_of_records(tenant)
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/summary/2025"
    r = api.post(f"{base}/draft")
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    facts = {f["key"]: f for f in body["facts"]}
    assert facts["meetings.held.committee"]["value"] == 3 and facts["meetings.held.committee"]["url"]
    assert api.post(base, json={"sections": {"nowhere": "x"}, "expected_version": 1}).status_code == 422
    assert api.post(base, json={"sections": "x"}).status_code == 422
    r = api.post(base, json={"sections": {"excellence": "评选优秀党员。"}, "overrides": {"meetings.held.committee": "4"},
                             "expected_version": 1})
    assert r.status_code == 200, r.get_json()
    facts = {f["key"]: f for f in r.get_json()["facts"]}
    assert (facts["meetings.held.committee"]["shown"], facts["meetings.held.committee"]["changed"]) == ("4", True)
    assert api.post(base, json={"sections": {"excellence": "再改"}, "expected_version": 1}).status_code == 409
    r = api.post(f"{base}/adopt", json={"adopted_on": "2026-01-15", "expected_version": 2})
    assert r.status_code == 200 and r.get_json()["adopted_on"] == "2026-01-15"
    assert api.get(base).get_json()["version"] == 3


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/summary/{year}/send",
    "POST /api/v1/t/{tenant}/summary/{year}/reopen",
)
def test_the_api_sends_reopens_and_sends_the_correction(api_as, tenant, clock, year_of_records):
    year_of_records(tenant)
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/summary/2025"
    api.post(f"{base}/draft")
    api.post(f"{base}/adopt", json={"adopted_on": "2026-01-15", "expected_version": 1})
    r = api.post(f"{base}/send", json={"expected_version": 2})
    assert r.status_code == 200 and r.get_json()["sends"][0]["route"] == "info"
    r = api.post(f"{base}/reopen", json={"reason": "人数有误", "expected_version": 3})
    assert r.status_code == 200 and r.get_json()["adopted_on"] is None
    api.post(f"{base}/adopt", json={"adopted_on": "2026-01-20", "expected_version": 4})
    r = api.post(f"{base}/send", json={"reason": "更正人数", "expected_version": 5})
    assert r.status_code == 200 and len(r.get_json()["sends"]) == 2
