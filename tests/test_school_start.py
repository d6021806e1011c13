"""A school's records in Zhibu start on a day of its own (issue 15.3): set at creation, moved by the
district administrator alone with a reason recorded on the district log (page and API)."""
from datetime import date

import pytest

from core.errors import DomainError
from core.eventstore import DISTRICT
from core.tenancy import queries
from tenants import services
from tenants.domain import School


def start_of(k, slug):
    with k.engine.connect() as conn:
        return queries.get_school(conn, slug).records_from


def test_a_new_school_keeps_records_from_the_day_it_is_created(k, clock, make_tenant):
    slug = make_tenant(records_from=None)
    assert start_of(k, slug) == k.today() == date(2026, 11, 23)


def test_a_start_day_given_at_creation_is_kept(k, clock, actor):
    services.create_school(k, "late1", "晚建学校", records_from=date(2026, 9, 1))
    assert start_of(k, "late1") == date(2026, 9, 1)


def test_moving_the_start_is_an_event_with_its_reason_and_needs_one(k, clock, actor, tenant):
    with pytest.raises(DomainError, match="原因"):
        services.change_records_start(k, tenant, date(2026, 1, 1), "  ")
    with pytest.raises(DomainError, match="晚于今天"):
        services.change_records_start(k, tenant, date(2026, 12, 1), "原因")
    services.change_records_start(k, tenant, date(2026, 1, 1), "年初纸质记录已补录")
    school = k.get(DISTRICT, services.school_id(tenant), School)
    assert school.records_from == date(2026, 1, 1)
    events = [e for e in k.stores.log(DISTRICT).repository.event_store.get(school.id)
              if isinstance(e, School.RecordsStartChanged)]
    assert [(e.records_from, e.reason) for e in events] == [(date(2000, 1, 1), "创建学校时设定"),
                                                            (date(2026, 1, 1), "年初纸质记录已补录")]
    assert start_of(k, tenant) == date(2026, 1, 1)


def test_the_district_admin_moves_the_start_on_the_schools_page(k, clock, login_as, tenant):
    admin = login_as("district_admin")
    version = k.get(DISTRICT, services.school_id(tenant)).version
    page = admin.get(f"/district/schools/{tenant}").get_data(as_text=True)
    assert "2000-01-01" in page and "记录的起始日期" in page
    no_reason = admin.post(f"/district/schools/{tenant}", data={
        "csrf_token": admin.csrf(), "action": "records_from", "records_from": "2026-03-01",
        "reason": "", "version": str(version)})
    assert no_reason.status_code == 422 and start_of(k, tenant) == date(2000, 1, 1)
    r = admin.post(f"/district/schools/{tenant}", data={
        "csrf_token": admin.csrf(), "action": "records_from", "records_from": "2026-03-01",
        "reason": "三月起有电子记录", "version": str(version)})
    assert r.status_code == 302 and start_of(k, tenant) == date(2026, 3, 1)
    listing = admin.get("/district/schools/").get_data(as_text=True)
    assert "2026-03-01" in listing


@pytest.mark.parametrize("role,school_role", [("secretary", True), ("inspector", False), ("member", True)])
def test_only_the_district_admin_may_move_the_start(k, clock, login_as, api_as, tenant, role, school_role):
    client = login_as(role, tenant if school_role else None)
    r = client.post(f"/district/schools/{tenant}", data={
        "csrf_token": client.csrf(), "action": "records_from", "records_from": "2026-01-01",
        "reason": "试图修改", "version": "1"})
    assert r.status_code == 403
    api = api_as(role, tenant if school_role else None)
    r = api.post(f"/api/v1/district/schools/{tenant}/records-from",
                 json={"records_from": "2026-01-01", "reason": "试图修改"})
    assert r.status_code == 403
    assert start_of(k, tenant) == date(2000, 1, 1)


def test_the_api_moves_the_start_with_a_reason_and_a_version(k, clock, api_as, tenant):
    api = api_as("district_admin")
    got = api.get(f"/api/v1/district/schools/{tenant}").get_json()
    assert got["records_from"] == "2000-01-01"
    assert api.post(f"/api/v1/district/schools/{tenant}/records-from",
                    json={"records_from": "2026-01-01"}).status_code == 422
    stale = api.post(f"/api/v1/district/schools/{tenant}/records-from",
                     json={"records_from": "2026-01-01", "reason": "补录", "expected_version": got["version"] - 1})
    assert stale.status_code == 409
    r = api.post(f"/api/v1/district/schools/{tenant}/records-from",
                 json={"records_from": "2026-01-01", "reason": "补录", "expected_version": got["version"]})
    assert r.status_code == 200 and r.get_json()["records_from"] == "2026-01-01"
    assert api.post("/api/v1/district/schools/nope/records-from",
                    json={"records_from": "2026-01-01", "reason": "补录"}).status_code == 404


def test_the_district_admin_gives_the_start_day_when_creating_a_school(k, clock, login_as):
    admin = login_as("district_admin")
    form = admin.get("/district/schools/").get_data(as_text=True)
    assert 'name="records_from"' in form
    r = admin.post("/district/schools/", data={"csrf_token": admin.csrf(), "_form": "school", "slug": "newer",
                                               "name": "新建学校", "records_from": "2026-09-01"})
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
    assert start_of(k, "newer") == date(2026, 9, 1)
    r = admin.post("/district/schools/", data={"csrf_token": admin.csrf(), "_form": "school", "slug": "newest",
                                               "name": "最新学校", "records_from": ""})
    assert r.status_code == 302 and start_of(k, "newest") == date(2026, 11, 23)
