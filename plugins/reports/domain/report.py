"""A school's report to the district (报表): opened pre-filled from the record, bound fields confirmed
or corrected with a reason, other fields filled in, then submitted once with the district's receipt.
A draft stays in the school's log; the district sees the report only once submitted (its Receipt)."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.reports import rules
from plugins.reports.domain.base import ReportsError, report_id


class Report(Aggregate):
    """One school's report of a subject (a form, or the annual statistics) for one period."""

    @event("Opened")
    def __init__(self, tenant: str, subject: str, title: str, period: str, fields: list, values: dict):
        self.subject = subject
        self.title = title
        self.period = period
        self.fields = fields          # [{key, label, kind, figure}] as the form asked when opened
        self.values = values          # key → {"value", "prefilled", "state", "reason"}
        self.status = "draft"
        self.receipt_no: str | None = None
        self.explanation: str | None = None

    @staticmethod
    def create_id(tenant: str, subject: str, period: str, **_):
        return report_id(tenant, subject, period)

    @classmethod
    def open(cls, tenant: str, subject: str, title: str, period: str, fields: list, figures: dict) -> "Report":
        """Open the report with every bound field pre-filled from ``figures`` (figure key → value)."""
        values = {}
        for f in fields:
            value = rules.figure_value(f["kind"], figures.get(f["figure"])) if f.get("figure") else None
            values[f["key"]] = {"value": value, "prefilled": value, "reason": None,
                                "state": "prefilled" if value is not None else "empty"}
        return cls(tenant=tenant, subject=subject, title=title, period=period, fields=fields, values=values)

    # -- guards ------------------------------------------------------------------------------------
    def _draft(self) -> None:
        if self.status not in ("draft", "returned"):
            raise ReportsError(N_("报表已报送，不能再修改"), field="report")

    def _field(self, key: str) -> dict:
        for f in self.fields:
            if f["key"] == key:
                return f
        raise ReportsError(N_("表中没有这一栏"), field="key")

    def is_bound(self, key: str) -> bool:
        return bool(self._field(key).get("figure")) and self.values[key]["prefilled"] is not None

    # -- commands ----------------------------------------------------------------------------------
    def confirm(self, key: str) -> None:
        """The school confirms a figure pre-filled from its record."""
        self._draft()
        if not self.is_bound(key):
            raise ReportsError(N_("这一栏不是由系统预填的，请直接填写"), field="key")
        if self.values[key]["state"] != "prefilled":
            raise ReportsError(N_("这一栏已确认或已更正"), field="key")
        self._confirmed(key=key)

    @event("ValueConfirmed")
    def _confirmed(self, key: str) -> None:
        self.values[key]["state"] = "confirmed"

    def correct(self, key: str, raw, reason: str) -> None:
        """A pre-filled figure corrected, with the reason (the district sees both)."""
        self._draft()
        field = self._field(key)
        if not self.is_bound(key):
            raise ReportsError(N_("这一栏不是由系统预填的，请直接填写"), field="key")
        after = self._value(field, raw)
        if after is None or after == self.values[key]["value"]:
            raise ReportsError(N_("更正后的数值应与现值不同"), field="value")
        if not (reason or "").strip():
            raise ReportsError(N_("更正系统预填的数据须说明原因"), field="reason")
        self._corrected(key=key, before=self.values[key]["value"], after=after, reason=reason.strip())

    @event("ValueCorrected")
    def _corrected(self, key: str, before, after, reason: str) -> None:
        self.values[key].update(value=after, state="corrected", reason=reason)

    def enter(self, key: str, raw) -> None:
        """A field the record cannot fill, filled in by the school."""
        self._draft()
        field = self._field(key)
        if self.is_bound(key):
            raise ReportsError(N_("系统预填的数据只能确认或说明原因后更正"), field="value")
        after = self._value(field, raw)
        if after == self.values[key]["value"]:
            return
        self._entered(key=key, before=self.values[key]["value"], after=after)

    @event("ValueEntered")
    def _entered(self, key: str, before, after) -> None:
        self.values[key].update(value=after, state="entered" if after is not None else "empty")

    @staticmethod
    def _value(field: dict, raw):
        try:
            return rules.value_of(field["kind"], raw)
        except rules.BadValue as exc:
            raise ReportsError(N_("「%(label)s」%(why)s"), label=field["label"], why=exc.message,
                               field="value") from exc

    def refresh(self, values: dict) -> None:
        """The annual statistics computed again from the record while still a draft."""
        self._draft()
        self._refreshed(values=values)

    @event("Refreshed")
    def _refreshed(self, values: dict) -> None:
        self.values = values

    def problems(self) -> list[str]:
        """What stops the report from being submitted."""
        out = []
        for f in self.fields:
            v = self.values[f["key"]]
            if v["state"] == "prefilled":
                out.append(N_("「%(label)s」待确认或更正", label=f["label"]))
            elif v["value"] is None and not f.get("optional"):
                out.append(N_("「%(label)s」未填写", label=f["label"]))
        return out

    def submit(self, receipt_no: str, on: date, checks: list[str], explanation: str | None) -> None:
        """Send the report up. A failed cross-check needs an explanation the district reads."""
        self._draft()
        missing = self.problems()
        if missing:
            raise ReportsError(N_("还不能报送：%(what)s"), what="；".join(missing), field="report")
        if checks and not (explanation or "").strip():
            raise ReportsError(N_("校验未通过，报送前须说明原因：%(what)s"), what="；".join(checks),
                               field="explanation")
        self._submitted(receipt_no=receipt_no, on=on, checks=list(checks),
                        explanation=(explanation or "").strip() or None)

    @event("Submitted")
    def _submitted(self, receipt_no: str, on: date, checks: list, explanation: str | None) -> None:
        self.round = getattr(self, "round", 0) + 1     # submissions so far (a return opens another)
        self.status = "submitted"
        self.receipt_no = receipt_no
        self.explanation = explanation
        self.submitted_on = on
        self.checks = checks

    def reopen(self, round: int, reason: str) -> None:
        """The district returned this submission (``round``) with a reason: the school corrects it and
        submits again. Recorded in the school's log the first time the school acts on it."""
        if self.status != "submitted" or round != getattr(self, "round", 0):
            raise ReportsError(N_("只有已报送的报表才能被退回"), field="report")
        self._reopened(round=round, reason=reason)

    @event("Reopened")
    def _reopened(self, round: int, reason: str) -> None:
        self.status = "returned"
