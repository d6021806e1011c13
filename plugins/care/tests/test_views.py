"""The care pages: the committee keeps hardship cases, visits and members away through its pages;
an ordinary member cannot open them; the home page shows the month's political birthdays; the
district's medal list spans schools with Excel; another school sees nothing; without the plugin, 404."""
from __future__ import annotations

from datetime import date

from plugins.care import queries, services


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_the_committee_keeps_care_records_through_its_pages(k, login_as, tenant, member, catch_up, clock):
    zhang = member(tenant, "张老师")
    catch_up()
    secretary = login_as("secretary", tenant)
    r = secretary.post(f"/t/{tenant}/care/hardship", data={"csrf_token": secretary.csrf(), "_form": "hardship",
                                                          "member_id": str(zhang.id), "kind": "因病致困",
                                                          "since": "2026-03-01", "situation": "住院"})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    [case] = queries.list_hardship(k, tenant)
    r = secretary.post(f"/t/{tenant}/care/hardship/{case.id}/close",
                       data={"csrf_token": secretary.csrf(), "_form": "close", "on": "2026-04-01", "reason": "",
                             "expected_version": "1"})
    assert r.status_code == 422
    r = secretary.post(f"/t/{tenant}/care/hardship/{case.id}/help",
                       data={"csrf_token": secretary.csrf(), "_form": "help", "what": "送慰问金", "on": "2026-03-05",
                             "cost": "500", "by": "王书记", "expected_version": "1"})
    assert r.status_code == 302
    assert "送慰问金" in page(secretary, f"/t/{tenant}/care/hardship/{case.id}")
    r = secretary.post(f"/t/{tenant}/care/visits", data={"csrf_token": secretary.csrf(), "_form": "visit",
                                                        "member_id": str(zhang.id), "on": "2026-01-20", "by": "王书记",
                                                        "what": "春节慰问", "cost": "300"})
    assert r.status_code == 302
    index = page(secretary, f"/t/{tenant}/care/?year=2026")
    assert "春节慰问" in index and "张老师" in index
    xlsx = secretary.get(f"/t/{tenant}/care/visits.xlsx?year=2026")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    r = secretary.post(f"/t/{tenant}/care/away", data={"csrf_token": secretary.csrf(), "_form": "away",
                                                      "member_id": str(zhang.id), "kind": "mobile", "place": "深圳",
                                                      "since": "2026-01-01", "keep_in_touch": "微信",
                                                      "certificate_no": "LD1"})
    assert r.status_code == 302
    away = page(secretary, f"/t/{tenant}/care/away")
    assert "深圳" in away and "超过6个月未联系" in away          # the clock: 2026-11-23, away since 1 January
    assert "外出党员 张老师（深圳）自 2026-01-01 起已超过 6 个月未联系" in page(secretary, f"/t/{tenant}/")


def test_care_records_are_for_the_committee_only(k, login_as, tenant, member, catch_up):
    zhang = member(tenant, "张老师")
    services.open_hardship(k, tenant, zhang.id, "生活困难", date(2026, 3, 1))
    catch_up()
    plain = login_as("member", tenant)
    page(plain, f"/t/{tenant}/care/", 403)
    page(plain, f"/t/{tenant}/care/away", 403)
    assert "本月政治生日" not in page(plain, f"/t/{tenant}/")
    assert plain.get(f"/api/v1/t/{tenant}/care/hardship").status_code in (401, 403)


def test_the_home_page_shows_the_months_political_birthdays(k, login_as, tenant, member, catch_up, clock):
    member(tenant, "十一月入党", joined_on=date(2015, 11, 9), converted_on=date(2016, 11, 9))   # the clock: 2026-11-23
    member(tenant, "七月入党", joined_on=date(2015, 7, 9), converted_on=date(2016, 7, 9))
    catch_up()
    home = page(login_as("secretary", tenant), f"/t/{tenant}/")
    assert "本月政治生日" in home and home.count("入党 11 周年") == 1       # only the November one


def test_the_districts_medal_list_spans_schools(k, login_as, tenant, other_tenant, member, catch_up):
    member(tenant, "甲校老党员", joined_on=date(1975, 7, 1), converted_on=date(1976, 7, 1))
    member(other_tenant, "乙校老党员", joined_on=date(1975, 1, 1), converted_on=date(1976, 1, 1))
    member(other_tenant, "乙校差一天", joined_on=date(1975, 7, 2), converted_on=date(1976, 7, 2))
    catch_up()
    district = login_as("district_admin")
    listing = page(district, "/district/care/medals?year=2026")
    assert "甲校老党员" in listing and "乙校老党员" in listing and "乙校差一天" not in listing
    xlsx = district.get("/district/care/medals.xlsx?year=2026")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    school = page(login_as("secretary", tenant), f"/t/{tenant}/care/medals?year=2026")
    assert "甲校老党员" in school and "乙校老党员" not in school


def test_another_school_sees_nothing_of_its_records(k, login_as, api_as, tenant, other_tenant, member, catch_up):
    zhang = member(tenant, "张老师")
    case = services.open_hardship(k, tenant, zhang.id, "生活困难", date(2026, 3, 1))
    record = services.register_away(k, tenant, zhang.id, "mobile", "深圳", date(2026, 1, 1), "微信")
    catch_up()
    other = login_as("secretary", other_tenant)
    assert "张老师" not in page(other, f"/t/{other_tenant}/care/")
    page(other, f"/t/{other_tenant}/care/hardship/{case.id}", 404)
    page(other, f"/t/{other_tenant}/care/away/{record.id}", 404)
    page(other, f"/t/{tenant}/care/", 403)
    api = api_as("secretary", other_tenant)
    assert api.get(f"/api/v1/t/{other_tenant}/care/hardship/{case.id}").status_code == 404
    r = api.post(f"/api/v1/t/{other_tenant}/care/away/{record.id}/contact", json={"on": "2026-02-01", "means": "phone"})
    assert r.status_code == 404
    r = api.post(f"/api/v1/t/{other_tenant}/care/hardship", json={"member_id": str(zhang.id), "kind": "生活困难",
                                                                  "since": "2026-03-01"})
    assert r.status_code == 422 and "member_id" in r.json["errors"]["json"]


def test_a_school_without_the_plugin_answers_404(k, login_as, api_as, make_tenant):
    school = make_tenant("plain", plugins=[p for p in k.registry.optional() if p != "care"])
    client = login_as("secretary", school)
    page(client, f"/t/{school}/care/", 404)
    page(client, f"/t/{school}/care/away", 404)
    assert api_as("secretary", school).get(f"/api/v1/t/{school}/care/away").status_code == 404
    assert "本月政治生日" not in page(client, f"/t/{school}/")
