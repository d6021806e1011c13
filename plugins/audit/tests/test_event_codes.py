"""Event codes in the console and the API: every event is shown with its code (``core.events.event_code``:
``members.member.registered``) beside its Chinese name, and the type filter takes a code as well as the
name the index stores."""
from __future__ import annotations

import csv
import io
import re

from plugins.audit.tests.test_views import assign, first_nid, two_schools  # noqa: F401  (a fixture)

CODE = "members.member.registered"


def test_the_api_returns_each_events_code(api_as, k, two_schools):
    api = api_as("district_admin")
    items = api.get("/api/v1/audit/events?event_type=Member.Registered").get_json()["items"]
    assert items and {i["code"] for i in items} == {CODE}
    every = api.get("/api/v1/audit/events?per_page=500").get_json()["items"]
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_]+\.[a-z_]+", i["code"]) for i in every)
    assert {"tenants.school.registered", CODE} <= {i["code"] for i in every}
    n = first_nid(k, two_schools[0])
    one = api.get(f"/api/v1/audit/events/{two_schools[0]}/{n.id}").get_json()
    assert one["code"] == CODE and one["event_type"] == "Member.Registered"
    record = api.get(f"/api/v1/audit/records/{two_schools[0]}/{n.originator_id}").get_json()
    assert [h["code"] for h in record["history"]] == [CODE]


def test_the_api_filters_the_history_by_code_as_by_the_stored_name(api_as, k, two_schools):
    api = api_as("inspector")
    assign(k, api.username, [two_schools[0]])
    by_name = api.get("/api/v1/audit/events?event_type=Member.Registered").get_json()
    by_code = api.get(f"/api/v1/audit/events?event_type={CODE}").get_json()
    assert by_code["meta"]["total"] == by_name["meta"]["total"] == 3
    assert by_code["items"] == by_name["items"]
    unknown = api.get("/api/v1/audit/events?event_type=members.member.vanished")
    assert unknown.status_code == 200 and unknown.get_json()["items"] == []


def test_the_console_shows_the_code_beside_the_name_and_filters_by_it(login_as, k, two_schools):
    admin = login_as("district_admin")
    page = admin.get(f"/audit/?school={two_schools[1]}&event_type={CODE}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "陈静" in html and "张伟" not in html                # the other school's member only, as by name
    assert "党员·登记入册" in html and f"<code>{CODE}</code>" in html
    assert re.search(r'<option value="Member.Registered" title="members.member.registered" selected>', html)
    listed = html.split('<section class="panel">')[1]
    assert set(re.findall(r"<code>([^<]+)</code>", listed)) == {CODE}             # only that type listed
    n = first_nid(k, two_schools[0])
    event = admin.get(f"/audit/events/{two_schools[0]}/{n.id}").get_data(as_text=True)
    assert "党员·登记入册" in event and f"<code>{CODE}</code>" in event


def test_an_export_filtered_by_code_holds_that_type_only(login_as, two_schools):
    admin = login_as("district_admin")
    r = admin.get(f"/audit/export?format=csv&event_type={CODE}")
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 + 4 and {row[5] for row in rows[1:]} == {"党员·登记入册"}
