"""Reporting events → reports_* tables: a school's log → its reports, values and submissions (from its
one ``Report.Submitted`` event); the district log → forms and the returns of submissions."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from core.projections import Projection, on
from plugins.reports import models as m
from plugins.reports.domain import Report, ReportForm, ReportReview


def _text(value) -> str | None:
    return None if value is None else str(value)


class SchoolReportsProjection(Projection):
    name = "reports.school"
    scope = "tenant"
    tables = (m.values, m.submissions, m.reports)

    def _touch(self, conn, e, **values):
        conn.update(m.reports, {"id": e.originator_id}, version=e.originator_version, **values)

    @on(Report.Opened)
    def _opened(self, conn, e, tenant):
        conn.insert(m.reports, id=e.originator_id, tenant=tenant, subject=e.subject, title=e.title,
                    period=e.period, status="draft", round=0, fields=e.fields, answers=e.values,
                    version=e.originator_version, opened_at=e.timestamp)
        for f in e.fields:
            v = e.values[f["key"]]
            conn.insert(m.values, report_id=e.originator_id, field_key=f["key"], tenant=tenant, title=e.title,
                        period=e.period, label=f["label"], figure=f.get("figure"), value=_text(v["value"]),
                        prefilled=_text(v["prefilled"]), state=v["state"])

    def _value(self, conn, e, **values):
        current = conn.execute(select(m.reports.c.answers).where(m.reports.c.id == e.originator_id)).scalar_one()
        line = {**current[e.key], **{k: v for k, v in values.items() if k in ("value", "state", "reason")}}
        self._touch(conn, e, answers={**current, e.key: line})
        conn.update(m.values, {"report_id": e.originator_id, "field_key": e.key},
                    **{k: _text(v) if k == "value" else v for k, v in values.items()})

    @on(Report.ValueConfirmed)
    def _confirmed(self, conn, e, tenant):
        self._value(conn, e, state="confirmed")

    @on(Report.ValueCorrected)
    def _corrected(self, conn, e, tenant):
        self._value(conn, e, value=e.after, state="corrected", reason=e.reason)

    @on(Report.ValueEntered)
    def _entered(self, conn, e, tenant):
        self._value(conn, e, value=e.after, state="entered" if e.after is not None else "empty")

    @on(Report.Refreshed)
    def _refreshed(self, conn, e, tenant):
        self._touch(conn, e, answers=e.values)

    @on(Report.Submitted)
    def _submitted(self, conn, e, tenant):
        """One event: the school's report is marked submitted and the district's copy of what was sent
        (a submission row, a round of its own) comes from it."""
        report = conn.execute(select(m.reports).where(m.reports.c.tenant == tenant,
                                                      m.reports.c.id == e.originator_id)).one()
        round_ = (report.round or 0) + 1
        self._touch(conn, e, status="submitted", receipt_no=e.receipt_no, submitted_on=e.on,
                    explanation=e.explanation, round=round_)
        for f in report.fields:
            conn.update(m.values, {"report_id": e.originator_id, "field_key": f["key"]}, submitted_on=e.on)
        lines = [v for v in report.answers.values() if isinstance(v, dict) and "state" in v]
        conn.insert(m.submissions, report_id=e.originator_id, round=round_, tenant=tenant, subject=report.subject,
                    title=report.title, period=report.period, receipt_no=e.receipt_no, answers=report.answers,
                    fields=report.fields, checks=list(e.checks), explanation=e.explanation,
                    field_count=len(report.fields), prefilled=sum(v["prefilled"] is not None for v in lines),
                    corrected=sum(v["state"] == "corrected" for v in lines), submitted_on=e.on,
                    received_at=e.timestamp)

    @on(Report.Reopened)
    def _reopened(self, conn, e, tenant):
        self._touch(conn, e, status="returned")


class DistrictReportsProjection(Projection):
    name = "reports.district"
    scope = "district"
    tables = (m.forms, m.returns)

    @on(ReportForm.Defined)
    def _defined(self, conn, e, tenant):
        conn.insert(m.forms, id=e.originator_id, tenant=tenant, title=e.title, period=e.period, due_on=e.due_on,
                    notes=e.notes, fields=e.fields, repeats=e.repeats, closed=False,
                    version=e.originator_version, defined_at=e.timestamp)

    @on(ReportForm.Closed)
    def _closed(self, conn, e, tenant):
        conn.update(m.forms, {"id": e.originator_id}, closed=True, version=e.originator_version)

    @on(ReportReview.Started)
    def _review(self, conn, e, tenant):
        pass   # a row appears with the first return

    @on(ReportReview.Returned)
    def _returned(self, conn, e, tenant):
        conn.insert(m.returns, report_id=UUID(str(e.report_id)), round=e.round, tenant=e.school, subject=e.subject,
                    period=e.period, reason=e.reason, returned_by=(getattr(e, "meta", None) or {})
                    .get("actor_name"), returned_at=e.timestamp)


PROJECTIONS = (SchoolReportsProjection, DistrictReportsProjection)
