"""Reporting-up aggregates: a school's ``Report`` (its log), the district's ``ReportForm`` and
``Receipt`` (the district log). Pure: eventsourcing.domain, the standard library, rules."""
from plugins.reports.domain.base import ReportsError
from plugins.reports.domain.district import Receipt, ReportForm, ReportReview
from plugins.reports.domain.report import Report

AGGREGATES = (Report, ReportForm, Receipt, ReportReview)

__all__ = ["AGGREGATES", "ReportsError", "Report", "ReportForm", "ReportReview", "Receipt"]
