"""The district's side (its own log): report forms it defines once (报表), and the receipts of what
schools submitted (回执). The district reads submitted reports only through receipts, never drafts."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.reports import rules
from plugins.reports.domain.base import ReportsError, receipt_id, review_id


class ReportForm(Aggregate):
    """A report form asked of every school for one period: fields with kinds, each maybe bound to a
    figure the schools' records provide (一表同享)."""

    @event("Defined")
    def __init__(self, title: str, period: str, due_on: date, notes: str, fields: list, repeats: list):
        self.title = title
        self.period = period
        self.due_on = due_on
        self.notes = notes
        self.fields = fields          # [{key, label, kind, figure, optional}]
        self.repeats = repeats        # [{key, figure, form_id, title}]: figures already asked for this period
        self.closed = False

    @classmethod
    def define(cls, title: str, period: str, due_on: date, notes: str, fields: list, repeats: list) -> "ReportForm":
        title = (title or "").strip()
        if not title:
            raise ReportsError(N_("请填写报表名称"), field="title")
        if not fields:
            raise ReportsError(N_("报表至少要有一栏"), field="fields")
        keys, labels = set(), set()
        for n, f in enumerate(fields, 1):
            if not f.get("label"):
                raise ReportsError(N_("第 %(n)s 栏没有名称"), n=n, field="fields")
            if f["kind"] not in rules.FIELD_KINDS:
                raise ReportsError(N_("第 %(n)s 栏的类型无效"), n=n, field="fields")
            if f["key"] in keys or f["label"] in labels:
                raise ReportsError(N_("第 %(n)s 栏与前面的栏重名"), n=n, field="fields")
            keys.add(f["key"])
            labels.add(f["label"])
        return cls(title=title, period=period, due_on=due_on, notes=(notes or "").strip(), fields=fields,
                   repeats=repeats)

    def close(self, reason: str) -> None:
        if self.closed:
            raise ReportsError(N_("报表已停止收取"), field="form")
        self._closed(reason=reason)

    @event("Closed")
    def _closed(self, reason: str) -> None:
        self.closed = True


class Receipt(Aggregate):
    """The district's receipt of one school's submitted report, as written before submission became
    one event in the school's log (kept so that stored receipts still load; no longer written: the
    district reads submissions from the school's ``Report.Submitted``)."""

    @event("Received")
    def __init__(self, school: str, school_name: str, subject: str, title: str, period: str, receipt_no: str,
                 report_id: str, values: dict, fields: list, checks: list, explanation: str | None, on: date):
        self.school = school
        self.subject = subject
        self.period = period
        self.receipt_no = receipt_no
        self.values = values

    @staticmethod
    def create_id(school: str, subject: str, period: str, **_):
        return receipt_id(school, subject, period)


class ReportReview(Aggregate):
    """The district's returns (退回) of one school's report, each naming the submission it returns
    and why; the school reads the reason, corrects and submits again (a new round)."""

    @staticmethod
    def create_id(school: str, subject: str, period: str, **_):
        return review_id(school, subject, period)

    @event("Started")
    def __init__(self, school: str, subject: str, period: str, report_id: str, title: str):
        self.school = school
        self.subject = subject
        self.period = period
        self.report_id = report_id
        self.returns: list[dict] = []      # [{"round", "reason"}]

    def send_back(self, round: int, reason: str) -> None:
        if not round:
            raise ReportsError(N_("该校尚未报送这张报表"), field="school")
        if self.reason_of(round) is not None:
            raise ReportsError(N_("这次报送已退回，等待学校重新报送"), field="school")
        reason = (reason or "").strip()
        if not reason:
            raise ReportsError(N_("退回须说明理由"), field="reason")
        self._returned(school=self.school, subject=self.subject, period=self.period, report_id=self.report_id,
                       round=round, reason=reason)

    @event("Returned")
    def _returned(self, school: str, subject: str, period: str, report_id: str, round: int, reason: str) -> None:
        self.returns = [*self.returns, {"round": round, "reason": reason}]

    def reason_of(self, round: int) -> str | None:
        """Why the district returned that submission, or None when it did not."""
        return next((r["reason"] for r in self.returns if r["round"] == round), None)
