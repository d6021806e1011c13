"""The district returns a submitted report with a reason (退回): the school sees why, corrects and
submits again; every submission keeps its receipt and the return is an event in the district log, its
record in the school's log; the district's aggregate counts only reports standing."""
from __future__ import annotations

from datetime import date

import pytest

from core.errors import DomainError, NotFoundError
from core.eventstore import DISTRICT
from plugins.reports import queries, services
from plugins.reports.domain import Report, ReportReview


def _types(k, log, *classes):
    events, _ = k.history(log, *classes)
    return [type(e).__qualname__ for e in events]


def test_a_returned_statistics_report_is_corrected_and_submitted_again_keeping_both_receipts(
        k, clock, tenant, other_tenant, add_member, as_system):
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    report = services.prepare_statistics(k, tenant, 2025)
    with pytest.raises(NotFoundError):
        services.return_report(k, tenant, "statistics", "2025", "草稿不能退回")     # never a draft
    services.submit_report(k, tenant, report.id)
    first = queries.get_report(k, tenant, "statistics", "2025").receipt_no
    with pytest.raises(DomainError, match="退回须说明理由"):
        services.return_report(k, tenant, "statistics", "2025", " ")
    services.return_report(k, tenant, "statistics", "2025", "年末党员数与组织部系统不一致")
    with pytest.raises(DomainError, match="已退回"):
        services.return_report(k, tenant, "statistics", "2025", "再退一次")
    assert queries.list_receipts(k, "statistics", "2025") == []                  # no longer standing
    [back] = queries.list_receipts(k, "statistics", "2025", returned=True)
    assert back.returned_reason == "年末党员数与组织部系统不一致" and back.round == 1
    row = queries.get_report(k, tenant, "statistics", "2025")
    assert queries.returned_reason(k, tenant, row) == "年末党员数与组织部系统不一致"

    add_member(tenant, "乙", date(2015, 6, 1), date(2016, 6, 1))                  # the school corrects its roll
    services.prepare_statistics(k, tenant, 2025)                                 # the draft again, from the roll
    assert queries.get_report(k, tenant, "statistics", "2025").status == "returned"
    services.submit_report(k, tenant, report.id)
    [standing] = queries.list_receipts(k, "statistics", "2025")
    assert standing.round == 2 and standing.answers["closing"] == 2 and standing.receipt_no != first
    assert [(h["round"], h["kind"]) for h in queries.history(k, tenant, report.id)] == [
        (1, "submitted"), (1, "returned"), (2, "submitted")]
    assert _types(k, tenant, Report.Submitted, Report.Reopened) == ["Report.Submitted", "Report.Reopened",
                                                                     "Report.Submitted"]
    assert _types(k, DISTRICT, ReportReview.Returned) == ["ReportReview.Returned"]


def test_a_returned_form_is_corrected_and_resubmitted(k, tenant, form, as_system):
    report = services.open_report(k, tenant, form.id)
    services.confirm_all(k, tenant, report.id)
    services.enter_value(k, tenant, report.id, "f2", "亮点")
    services.submit_report(k, tenant, report.id)
    services.return_report(k, tenant, str(form.id), "2026", "党员总数应含新转入的一人")
    services.correct_value(k, tenant, report.id, "f1", "3", "一人转入，手续在办")
    services.submit_report(k, tenant, report.id)
    [receipt] = queries.list_receipts(k, str(form.id), "2026")
    assert receipt.answers["f1"]["value"] == 3 and receipt.corrected == 1 and receipt.round == 2


def test_the_district_returns_through_its_pages_and_the_school_sees_why(k, clock, tenant, add_member, as_system,
                                                                       login_as):
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    report = services.prepare_statistics(k, tenant, 2025)
    services.submit_report(k, tenant, report.id)
    admin = login_as("district_admin")
    url = f"/district/reports/statistics/2025/{tenant}"
    r = admin.post(f"{url}/return", data={"csrf_token": admin.csrf(), "_form": "return", "reason": ""})
    assert r.status_code == 422
    r = admin.post(f"{url}/return", data={"csrf_token": admin.csrf(), "_form": "return", "reason": "请核对民族"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    assert "请核对民族" in admin.get(url).get_data(as_text=True)
    school = login_as("secretary", tenant)
    page = school.get(f"/t/{tenant}/reports/statistics/2025").get_data(as_text=True)
    assert "请核对民族" in page and "报送区里" in page
    r = school.post(f"/t/{tenant}/reports/statistics/2025/submit",
                    data={"csrf_token": school.csrf(), "_form": "submit", "explanation": ""})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    page = school.get(f"/t/{tenant}/reports/statistics/2025").get_data(as_text=True)
    assert "第 2 次报送" in page and "第 1 次报送于" in page
    viewer = login_as("secretary", tenant)
    assert viewer.post(f"{url}/return", data={"csrf_token": viewer.csrf(), "reason": "x"}).status_code == 403
