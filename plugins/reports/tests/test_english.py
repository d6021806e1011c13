"""The pages read in English too (the catalogue is complete and every page renders with it)."""
from __future__ import annotations

from datetime import date

from plugins.reports import services


def test_the_pages_render_in_english(k, clock, tenant, login_as, add_member, as_system):
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    form = services.define_form(k, "年报", "2026", date(2026, 12, 31),
                                [{"label": "党员", "kind": "count", "figure": "members.total"}])
    report = services.open_report(k, tenant, form.id)
    services.correct_value(k, tenant, report.id, "f1", "2", "在办")
    services.submit_report(k, tenant, report.id)
    services.submit_report(k, tenant, services.prepare_statistics(k, tenant, 2025).id)
    school, admin = login_as("secretary", tenant), login_as("district_admin")
    for client in (school, admin):
        client.get("/lang/en")
    for url in (f"/t/{tenant}/reports/", f"/t/{tenant}/reports/forms/{form.id}", f"/t/{tenant}/reports/statistics/2025"):
        r = school.get(url)
        assert r.status_code == 200 and "Submitted" in r.get_data(as_text=True), url
    for url in ("/district/reports/", f"/district/reports/forms/{form.id}", "/district/reports/statistics/2025",
                f"/district/reports/statistics/2025/{tenant}"):
        r = admin.get(url)
        assert r.status_code == 200, url
    assert "Pre-fill rate" in admin.get(f"/district/reports/forms/{form.id}").get_data(as_text=True)
