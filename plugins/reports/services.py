"""Reporting commands: load, call the aggregate, save. The only writers of reporting records.

A form is defined in the district log; a school's report lives in its own log. Submitting is one event
in the school's log (``Report.Submitted``, saved once): the district's copy of what was sent is
projected from it, so nothing is ever half-written. The district's return (退回) is an event in the
district log; the school's report records it (``Report.Reopened``) the next time the school acts on it."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.plugins import ReportPeriod
from plugins.reports import queries, rules
from plugins.reports.domain import Report, ReportForm, ReportReview, ReportsError
from plugins.reports.domain.base import report_id, review_id


def check_period(period: str) -> str:
    try:
        return ReportPeriod.parse(period).code
    except ValueError as exc:
        raise ReportsError(N_("报送期间应为 2026、2026-H1、2026-Q3 或 2026-05 这样的写法"), field="period") from exc


# -- the district: forms -----------------------------------------------------------------------------
def _fields(k: Kernel, raw: list[dict]) -> list[dict]:
    catalogue = queries.figure_catalogue(k)
    out = []
    for n, f in enumerate(raw, 1):
        figure = (f.get("figure") or "").strip() or None
        if figure is not None and figure not in catalogue:
            raise ReportsError(N_("第 %(n)s 栏绑定的数据项不存在"), n=n, field="fields")
        kind = f.get("kind") or "count"
        out.append({"key": f"f{n}", "label": (f.get("label") or "").strip(), "kind": kind, "figure": figure,
                    "figure_label": catalogue.get(figure) if figure else None,
                    "optional": bool(f.get("optional"))})
    return out


def repeats_of(k: Kernel, period: str, fields: list[dict]) -> list[dict]:
    """The fields bound to a figure that another open form already asks for the same period, with how
    many schools already reported it there."""
    out = []
    for form in queries.forms_of_period(k, period):
        asked = {f["figure"] for f in form.fields if f.get("figure")}
        for f in fields:
            if f["figure"] and f["figure"] in asked:
                out.append({"key": f["key"], "label": f["label"], "figure": f["figure"],
                            "figure_label": f.get("figure_label"), "form_id": str(form.id), "title": form.title,
                            "schools": len(queries.list_receipts(k, str(form.id), period))})
    return out


def define_form(k: Kernel, title: str, period: str, due_on: date, fields: list[dict], notes: str = "",
                repeat_acknowledged: bool = False) -> ReportForm:
    """Define a report form once for every school. A field bound to a figure that another form already
    asks for the same period is refused until the district says it has seen that it was reported."""
    period = check_period(period)
    fields = _fields(k, fields)
    repeats = repeats_of(k, period, fields)
    if repeats and not repeat_acknowledged:
        said = "；".join(f"「{r['label']}」已在《{r['title']}》中收取（{r['schools']} 所学校已报送）" for r in repeats)
        raise ReportsError(N_("同一期间已收取过这些数据：%(said)s。确需再次收取请勾选“已知悉重复”"), said=said,
                           field="repeat_acknowledged")
    form = ReportForm.define(title, period, due_on, notes, fields, repeats)
    k.save(DISTRICT, form)
    return form


def close_form(k: Kernel, form_id: UUID, reason: str, expected_version: int | None = None) -> None:
    form = k.get(DISTRICT, form_id, ReportForm)
    check_version(form, expected_version)
    form.close((reason or "").strip() or "停止收取")
    k.save(DISTRICT, form)


# -- a school: reports -------------------------------------------------------------------------------
def _form(k: Kernel, form_id) -> ReportForm:
    """The form as the district's log holds it (not its read model: a form just defined is there)."""
    try:
        form = k.get_or_none(DISTRICT, UUID(str(form_id)), ReportForm)
    except ValueError:
        form = None
    if not isinstance(form, ReportForm):
        raise ReportsError(N_("没有这张报表"), field="form")
    return form


def open_report(k: Kernel, tenant: str, form_id: UUID) -> Report:
    """Open a form for the school, every bound field pre-filled from its records for the period."""
    form = _form(k, form_id)
    rid = Report.create_id(tenant, str(form.id), form.period)
    if k.exists(tenant, rid):
        return k.get(tenant, rid, Report)
    if form.closed:
        raise ReportsError(N_("这张报表已停止收取"), field="form")
    figures = queries.figures(k, tenant, form.period)
    report = Report.open(tenant, str(form.id), form.title, form.period, list(form.fields), figures)
    k.save(tenant, report)
    return report


def _report(k: Kernel, tenant: str, rid: UUID, expected_version: int | None) -> Report:
    report = k.get(tenant, rid, Report)
    check_version(report, expected_version)
    _reopen_if_returned(k, tenant, report)
    return report


def _reopen_if_returned(k: Kernel, tenant: str, report: Report) -> None:
    """A submission the district returned becomes editable again, the return recorded in the school's
    log (saved with the school's next act)."""
    if report.status != "submitted":
        return
    review = k.get_or_none(DISTRICT, review_id(tenant, report.subject, report.period), ReportReview)
    reason = review.reason_of(getattr(report, "round", 0)) if review is not None else None
    if reason is not None:
        report.reopen(report.round, reason)


def confirm_value(k: Kernel, tenant: str, rid: UUID, key: str, expected_version: int | None = None) -> Report:
    report = _report(k, tenant, rid, expected_version)
    report.confirm(key)
    k.save(tenant, report)
    return report


def correct_value(k: Kernel, tenant: str, rid: UUID, key: str, value, reason: str,
                  expected_version: int | None = None) -> Report:
    report = _report(k, tenant, rid, expected_version)
    report.correct(key, value, reason)
    k.save(tenant, report)
    return report


def enter_value(k: Kernel, tenant: str, rid: UUID, key: str, value, expected_version: int | None = None) -> Report:
    report = _report(k, tenant, rid, expected_version)
    report.enter(key, value)
    k.save(tenant, report)
    return report


def confirm_all(k: Kernel, tenant: str, rid: UUID, expected_version: int | None = None) -> Report:
    """Confirm every pre-filled figure still waiting, in one save."""
    report = _report(k, tenant, rid, expected_version)
    for f in report.fields:
        if report.values[f["key"]]["state"] == "prefilled":
            report.confirm(f["key"])
    k.save(tenant, report)
    return report


def submit_report(k: Kernel, tenant: str, rid: UUID, explanation: str | None = None,
                  expected_version: int | None = None) -> Report:
    """Send the report up: one event (``Report.Submitted``) in the school's log, saved once, carrying
    the receipt number; the district's receipt is projected from it (the district never reads a
    draft). After a return it is sent again as a new round; every round's receipt is kept."""
    report = _report(k, tenant, rid, expected_version)
    if report.status == "submitted":
        raise ReportsError(N_("报表已报送，不能再修改"), field="report")
    resending = getattr(report, "round", 0) > 0
    if report.subject != rules.STATISTICS and _form(k, report.subject).closed and not resending:
        raise ReportsError(N_("这张报表已停止收取"), field="report")
    checks = report.values.get("checks", []) if report.subject == rules.STATISTICS else []
    code = "TJ" if report.subject == rules.STATISTICS else "BB"
    number = f"{code}-{report.period}-{str(report.id)[:8]}".upper() + (f"-{report.round + 1}" if resending else "")
    report.submit(number, k.today(), checks, explanation)
    k.save(tenant, report)
    return report


# -- the district: returns -------------------------------------------------------------------------
def return_report(k: Kernel, school: str, subject: str, period: str, reason: str) -> ReportReview:
    """退回 a school's submitted report with a reason: the school sees it, corrects and submits again."""
    if school not in k.tenant_slugs():
        raise NotFoundError(N_("该校尚未报送这张报表"))
    rid = report_id(school, subject, period)
    report = k.get_or_none(school, rid, Report)
    if report is None or not getattr(report, "round", 0):
        raise NotFoundError(N_("该校尚未报送这张报表"))
    review = k.get_or_none(DISTRICT, review_id(school, subject, period), ReportReview) \
        or ReportReview(school=school, subject=subject, period=period, report_id=str(rid), title=report.title)
    if report.status != "submitted":
        raise ReportsError(N_("这次报送已退回，等待学校重新报送"), field="school")
    review.send_back(report.round, reason)
    k.save(DISTRICT, review)
    return review


# -- a school: the annual statistics -------------------------------------------------------------------
def prepare_statistics(k: Kernel, tenant: str, year: int) -> Report:
    """Compute the year's statistics from the roll into the draft (opened, or refreshed while a draft)."""
    if not 1950 <= int(year) <= k.today().year:
        raise ReportsError(N_("年度无效"), field="year")
    snapshot = queries.statistics(k, tenant, int(year))
    rid = Report.create_id(tenant, rules.STATISTICS, str(year))
    if k.exists(tenant, rid):
        report = k.get(tenant, rid, Report)
        _reopen_if_returned(k, tenant, report)
        report.refresh(snapshot)
    else:
        report = Report(tenant=tenant, subject=rules.STATISTICS, title=f"{year}年度党员统计报表",
                        period=str(year), fields=[], values=snapshot)
    k.save(tenant, report)
    return report
