"""Names at the boundary (issue 13): an escape character is refused by the API and the pages, and one
stored before that rule no longer breaks the Excel exports."""
from datetime import date

from plugins.members import services
from plugins.members.schemas import importing
from plugins.members.tests.conftest import id_number
from plugins.members.tests.test_views import api_url, members_url


def events(k, log):
    return k.stores.log(log).recorder.max_notification_id() or 0


def test_a_name_with_an_escape_character_is_refused_by_the_api_and_the_page(api_as, login_as, tenant, k):
    good = {"name": "张\x1b三", "gender": "male", "id_number": id_number(date(1985, 5, 5), 7),
            "joined_on": "2010-01-01", "converted_on": "2011-01-01"}
    before = events(k, tenant)
    r = api_as("secretary", tenant).post(api_url(tenant, "/members"), json=good)
    assert r.status_code == 422 and r.json["errors"]["json"]["name"] == ["不能包含控制字符"]
    client = login_as("secretary", tenant)
    r = client.post(members_url(tenant, "/new"), data={**good, "csrf_token": client.csrf()})
    assert r.status_code == 422 and "不能包含控制字符" in r.get_data(as_text=True)
    assert events(k, tenant) == before


def test_rosters_and_the_district_export_survive_a_name_stored_before_the_rule(login_as, tenant, k, actor):
    services.register_member(k, tenant, {"name": "张\x1b三", "gender": "male", "birth_date": date(1985, 5, 5),
                                         "id_number": id_number(date(1985, 5, 5), 7),
                                         "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})
    client = login_as("secretary", tenant)
    for path in ("/rosters/annual?format=xlsx&full=1", "/statistics?format=xlsx",
                 "/rosters/new-members?format=xlsx&year=2010"):
        r = client.get(members_url(tenant, path))
        assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet"), path
    r = login_as("district_admin").get("/district/export.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")


def test_an_import_confirmation_with_a_tampered_file_name_stores_nothing(login_as, tenant, k):
    client = login_as("secretary", tenant)
    before = events(k, tenant)
    r = client.post(members_url(tenant, "/import"), data={
        "csrf_token": client.csrf(), "action": "confirm", "sha256": "0" * 64, "filename": "a\x00b.xlsx"})
    assert r.status_code == 422 and events(k, tenant) == before  # no preview of this user: refused


def test_an_imported_row_with_a_control_character_or_a_huge_number_is_an_error_of_that_row():
    row = importing.parse_row(2, {"name": "张\x1b三", "party_age_correction": 10**25})
    assert "姓名：不能包含控制字符" in row.errors and "党龄校正值（月）超出范围" in row.errors
