"""An inspector's finding goes to the district log: a NUL in it is refused at the boundary, by the API
and by the page (issue 13)."""
from plugins.audit.tests.test_views import first_nid


def district_events(k):
    return k.stores.log("district").recorder.max_notification_id() or 0


def test_a_finding_with_nul_is_refused_by_the_api_and_the_district_log_is_untouched(api_as, k, school):
    admin = api_as("district_admin")
    n = first_nid(k, school)
    before = district_events(k)
    r = admin.post("/api/v1/audit/findings", json={
        "school": school, "title": "t", "description": "a\u0000b",
        "events": [{"id": str(n.originator_id), "version": 1}]})
    assert r.status_code == 422 and r.json["errors"]["json"]["description"] == ["不能包含控制字符"]
    assert district_events(k) == before
    k.catch_up()


def test_a_finding_form_with_nul_answers_with_the_pages_message(login_as, k, school):
    inspector = login_as("district_admin")
    before = district_events(k)
    r = inspector.post("/audit/findings", data={"csrf_token": inspector.csrf(), "school": school,
                                                "title": "登记\x00信息", "description": "d"})
    assert r.status_code == 422 and "不能包含控制字符" in r.get_data(as_text=True)
    assert district_events(k) == before
