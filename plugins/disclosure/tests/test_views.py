"""The disclosure pages, the public board and the API: permissions, bad input, 404 when disabled, no
access to another school's records, the public board's audience, window, limit and cache."""
from __future__ import annotations

from datetime import date

from plugins.disclosure import services
from plugins.disclosure.tests.conftest import day, system


def _public_and_members_items(k, tenant, clock, source):
    clock.set(day(2026, 3, 10))
    source.add(tenant, "development.publicity:1", "发展对象公示：张三", date(2026, 3, 2), kind="development.publicity",
               text="张三同志拟列入发展对象，公示期 2026-03-02 至 2026-03-09。")
    source.add(tenant, "meetings.decision:1", "关于经费使用的决定", date(2026, 3, 3), text="党内决定的内容")
    source.add(tenant, "development.publicity:2", "发展对象公示：李四", date(2026, 3, 4), kind="development.publicity",
               text="李四的公示内容")
    with system():
        shown = services.disclose_offer(k, tenant, "development.publicity:1", date(2026, 3, 2), date(2026, 3, 2),
                                        date(2026, 3, 20))
        services.disclose_offer(k, tenant, "meetings.decision:1", date(2026, 3, 3), date(2026, 3, 3), None)
        ended = services.disclose_offer(k, tenant, "development.publicity:2", date(2026, 3, 4), date(2026, 3, 4),
                                        date(2026, 3, 9))
    return shown, ended


def test_the_public_board_shows_only_items_for_everyone_in_their_window(app, k, tenant, other_tenant, clock, source):
    _public_and_members_items(k, tenant, clock, source)
    with system():
        services.disclose_by_hand(k, other_tenant, "commitments", "别校的承诺", date(2026, 3, 1), "别校内容",
                                  date(2026, 3, 1), None, audience="everyone")
    client = app.test_client()
    r = client.get(f"/public/{tenant}/disclosure/")
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "张三同志拟列入发展对象" in page            # for everyone, window open
    assert "党内决定的内容" not in page                # members only
    assert "李四" not in page                          # window ended on the 9th
    assert "别校" not in page                          # nothing from another school
    assert "别校内容" in client.get(f"/public/{other_tenant}/disclosure/").get_data(as_text=True)


def test_the_public_board_is_cached_with_an_etag_and_limited_per_address(app, k, tenant, clock, source):
    _public_and_members_items(k, tenant, clock, source)
    app.config["ZHIBU_PUBLIC_PER_MINUTE"] = 3
    app.extensions.pop("zhibu_rate_limits", None)
    client = app.test_client()
    first = client.get(f"/public/{tenant}/disclosure/")
    assert first.status_code == 200 and first.headers["Cache-Control"] == "public, max-age=300"
    assert first.headers["ETag"] and first.headers["Content-Security-Policy"]
    again = client.get(f"/public/{tenant}/disclosure/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert client.get(f"/public/{tenant}/disclosure/").status_code == 200
    limited = client.get(f"/public/{tenant}/disclosure/")
    assert limited.status_code == 429 and limited.headers["Cache-Control"] == "no-store"
    other = app.test_client().get(f"/public/{tenant}/disclosure/", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200
    app.extensions.pop("zhibu_rate_limits", None)


def test_the_public_board_is_404_for_an_unknown_school_or_when_the_plugin_is_disabled(app, make_tenant):
    without = make_tenant("school-c", plugins=[])
    client = app.test_client()
    assert client.get("/public/no-such-school/disclosure/").status_code == 404
    assert client.get(f"/public/{without}/disclosure/").status_code == 404


def test_pages_and_api_are_404_when_the_plugin_is_disabled(make_tenant, login_as, api_as):
    without = make_tenant("school-c", plugins=[])
    assert login_as("secretary", without).get(f"/t/{without}/disclosure/").status_code == 404
    assert api_as("secretary", without).get(f"/api/v1/t/{without}/disclosure/obligations").status_code == 404


def test_the_secretary_discloses_an_offered_fact_and_records_its_proof_on_the_pages(k, tenant, clock, source,
                                                                                   login_as):
    clock.set(day(2026, 3, 10))
    source.add(tenant, "meetings.decision:9", "关于表彰的决定", date(2026, 3, 1))
    client = login_as("secretary", tenant)
    page = client.get(f"/t/{tenant}/disclosure/").get_data(as_text=True)
    assert "关于表彰的决定" in page and "逾期未公开" in page
    bad = client.post(f"/t/{tenant}/disclosure/disclose", data={
        "csrf_token": client.csrf(), "_form": "offer-1", "key": "meetings.decision:9", "event_date": "2026-03-01",
        "window_from": "2026-02-01"})
    assert bad.status_code == 422 and "不能早于事项发生日期" in bad.get_data(as_text=True)
    r = client.post(f"/t/{tenant}/disclosure/disclose", data={
        "csrf_token": client.csrf(), "_form": "offer-1", "key": "meetings.decision:9", "event_date": "2026-03-01",
        "window_from": "2026-03-10", "window_until": "2026-03-20"})
    assert r.status_code == 302
    item_url = r.headers["Location"]
    r = client.post(f"{item_url}/proofs", data={"csrf_token": client.csrf(), "_form": "proof", "on": "2026-03-10",
                                                "place": "党务公开栏", "shown": "决定全文", "expected_version": 1})
    assert r.status_code == 302
    page = client.get(item_url).get_data(as_text=True)
    assert "党务公开栏" in page and "决定全文" in page
    assert "关于表彰的决定" in client.get(f"/t/{tenant}/disclosure/items").get_data(as_text=True)
    xlsx = client.get(f"/t/{tenant}/disclosure/items?export=xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_a_member_reads_but_may_not_disclose(tenant, clock, source, login_as):
    clock.set(day(2026, 3, 10))
    client = login_as("member", tenant)
    assert client.get(f"/t/{tenant}/disclosure/").status_code == 200
    r = client.post(f"/t/{tenant}/disclosure/manual", data={"csrf_token": client.csrf(), "entry_code": "work",
                                                           "title": "x", "event_date": "2026-03-01",
                                                           "window_from": "2026-03-01"})
    assert r.status_code == 403


def test_another_schools_disclosure_is_not_found(k, tenant, other_tenant, clock, source, api_as, login_as):
    clock.set(day(2026, 3, 10))
    with system():
        theirs = services.disclose_by_hand(k, other_tenant, "work", "别校计划", date(2026, 3, 1), "", date(2026, 3, 1),
                                           None)
    assert api_as("secretary", tenant).get(f"/api/v1/t/{tenant}/disclosure/items/{theirs.id}").status_code == 404
    assert login_as("secretary", tenant).get(f"/t/{tenant}/disclosure/items/{theirs.id}").status_code == 404
    mine = api_as("secretary", tenant).get(f"/api/v1/t/{tenant}/disclosure/items").get_json()
    assert mine["total"] == 0


def test_the_district_sees_compliance_across_schools_and_revises_the_catalogue(k, tenant, other_tenant, clock,
                                                                               source, login_as):
    clock.set(day(2026, 3, 10))
    source.add(tenant, "meetings.decision:1", "关于表彰的决定", date(2026, 3, 1))
    client = login_as("district_admin")
    page = client.get("/district/disclosure/").get_data(as_text=True)
    assert "第一中学" in page and "实验小学" in page
    xlsx = client.get("/district/disclosure/?export=xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert "集体决定" in client.get("/district/disclosure/catalogue").get_data(as_text=True)
    form = {"csrf_token": client.csrf(), "_form": "catalogue", "effective_from": "2026-03-10",
            "entry-1-code": "decisions", "entry-1-content": "集体决定的事项", "entry-1-audience": "everyone",
            "entry-1-timing": "event", "entry-1-period": "", "entry-1-days": "3", "entry-1-form": "online",
            "entry-1-kinds": "meetings.decision"}
    assert client.post("/district/disclosure/catalogue", data=form).status_code == 302
    assert login_as("secretary", tenant).get("/district/disclosure/").status_code == 403
    bad = dict(form, **{"entry-1-days": "999", "effective_from": "2026-03-11"})
    assert client.post("/district/disclosure/catalogue", data=bad).status_code == 422
    assert "自 2026-03-10 起：1 项" in client.get("/district/disclosure/catalogue").get_data(as_text=True)


def test_a_member_sees_only_what_is_being_disclosed_never_what_is_not_yet(k, tenant, clock, source, login_as):
    shown, ended = _public_and_members_items(k, tenant, clock, source)
    source.add(tenant, "development.publicity:3", "发展对象公示：王五", date(2026, 3, 9), kind="development.publicity")
    client = login_as("member", tenant)
    index = client.get(f"/t/{tenant}/disclosure/").get_data(as_text=True)
    assert "王五" not in index and "逾期" not in index
    items = client.get(f"/t/{tenant}/disclosure/items").get_data(as_text=True)
    assert "张三" in items and "李四" not in items
    assert client.get(f"/t/{tenant}/disclosure/items/{ended.id}").status_code == 403
    assert client.get(f"/t/{tenant}/disclosure/items/{shown.id}").status_code == 200
    assert client.get(f"/t/{tenant}/disclosure/?export=xlsx").status_code == 403
    assert "王五" in login_as("secretary", tenant).get(f"/t/{tenant}/disclosure/").get_data(as_text=True)
