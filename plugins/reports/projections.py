"""Reporting events → reports_* tables: a school's log → its reports and values; the district log →
forms and receipts."""
from __future__ import annotations

from sqlalchemy import select

from core.projections import Projection, on
from plugins.reports import models as m
from plugins.reports.domain import Receipt, Report, ReportForm


def _text(value) -> str | None:
    return None if value is None else str(value)


class SchoolReportsProjection(Projection):
    name = "reports.school"
    scope = "tenant"
    tables = (m.values, m.reports)

    def _touch(self, conn, e, **values):
        conn.update(m.reports, {"id": e.originator_id}, version=e.originator_version, **values)

    @on(Report.Opened)
    def _opened(self, conn, e, tenant):
        conn.insert(m.reports, id=e.originator_id, tenant=tenant, subject=e.subject, title=e.title,
                    period=e.period, status="draft", fields=e.fields, answers=e.values,
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
        self._touch(conn, e, status="submitted", receipt_no=e.receipt_no, submitted_on=e.on,
                    explanation=e.explanation)
        fields = conn.execute(select(m.reports.c.fields).where(m.reports.c.id == e.originator_id)).scalar_one()
        for f in fields:
            conn.update(m.values, {"report_id": e.originator_id, "field_key": f["key"]}, submitted_on=e.on)


class DistrictReportsProjection(Projection):
    name = "reports.district"
    scope = "district"
    tables = (m.forms, m.receipts)

    @on(ReportForm.Defined)
    def _defined(self, conn, e, tenant):
        conn.insert(m.forms, id=e.originator_id, tenant=tenant, title=e.title, period=e.period, due_on=e.due_on,
                    notes=e.notes, fields=e.fields, repeats=e.repeats, closed=False,
                    version=e.originator_version, defined_at=e.timestamp)

    @on(ReportForm.Closed)
    def _closed(self, conn, e, tenant):
        conn.update(m.forms, {"id": e.originator_id}, closed=True, version=e.originator_version)

    @on(Receipt.Received)
    def _received(self, conn, e, tenant):
        lines = [v for v in e.values.values() if isinstance(v, dict) and "state" in v]
        conn.insert(m.receipts, id=e.originator_id, tenant=tenant, school=e.school, school_name=e.school_name,
                    subject=e.subject, title=e.title, period=e.period, receipt_no=e.receipt_no, answers=e.values,
                    fields=e.fields, checks=e.checks, explanation=e.explanation, field_count=len(e.fields),
                    prefilled=sum(v["prefilled"] is not None for v in lines),
                    corrected=sum(v["state"] == "corrected" for v in lines), submitted_on=e.on,
                    received_at=e.timestamp)


PROJECTIONS = (SchoolReportsProjection, DistrictReportsProjection)
