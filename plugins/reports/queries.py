"""Read side of reporting up: the district's forms and receipts, a school's reports, the figures of
the schools' records (``zhibu_report_figures``) and the annual statistics computed from the roll."""
from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple
from uuid import UUID

from sqlalchemy import select

from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.messages import translated
from core.plugins import ReportPeriod, flatten
from core.tenancy.queries import list_schools
from plugins.development import public as development
from plugins.members import public as members
from plugins.reports import rules
from plugins.reports.domain.base import report_id
from plugins.reports.models import forms, reports, returns, submissions, values


# -- the district's side -----------------------------------------------------------------------------
def list_forms(k: Kernel, open_only: bool = False) -> list:
    with k.reading() as conn:
        query = select(forms).where(forms.c.tenant == DISTRICT)
        if open_only:
            query = query.where(forms.c.closed.is_(False))
        return conn.execute(query.order_by(forms.c.period.desc(), forms.c.title)).all()


def get_form(k: Kernel, form_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(forms).where(forms.c.tenant == DISTRICT, forms.c.id == form_id)).first()


def forms_of_period(k: Kernel, period: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(forms).where(forms.c.tenant == DISTRICT, forms.c.closed.is_(False),
                                                forms.c.period == period)).all()


class Received(NamedTuple):
    """One school's submission of a report as the district holds it (its latest round)."""
    id: UUID                 # the school's report
    school: str
    school_name: str
    subject: str
    title: str
    period: str
    round: int
    receipt_no: str
    answers: dict
    fields: list
    checks: list
    explanation: str | None
    field_count: int
    prefilled: int
    corrected: int
    submitted_on: date
    received_at: datetime
    returned_reason: str | None = None


def list_receipts(k: Kernel, subject: str, period: str | None = None, returned: bool = False,
                  schools: list[str] | None = None) -> list[Received]:
    """What the schools (all, or those named) submitted of a subject (a form's id, or ``statistics``),
    each school's latest submission, by school: those standing (``returned=False``) or those the
    district returned."""
    with k.reading() as conn:
        names = {s.slug: s.name for s in list_schools(conn) if schools is None or s.slug in schools}
        slugs = list(names)
        query = select(submissions).where(submissions.c.tenant.in_(slugs), submissions.c.subject == subject)
        back = select(returns.c.report_id, returns.c.round, returns.c.reason).where(
            returns.c.tenant.in_(slugs), returns.c.subject == subject)
        if period is not None:
            query, back = query.where(submissions.c.period == period), back.where(returns.c.period == period)
        rows = conn.execute(query).all() if slugs else []
        reasons = {(r.report_id, r.round): r.reason for r in conn.execute(back)} if slugs else {}
    latest: dict = {}
    for row in rows:
        if row.report_id not in latest or row.round > latest[row.report_id].round:
            latest[row.report_id] = row
    out = []
    for row in latest.values():
        reason = reasons.get((row.report_id, row.round))
        if (reason is not None) != returned:
            continue
        out.append(Received(row.report_id, row.tenant, names.get(row.tenant, row.tenant), row.subject, row.title,
                            row.period, row.round, row.receipt_no, row.answers, row.fields, row.checks,
                            row.explanation, row.field_count, row.prefilled, row.corrected, row.submitted_on,
                            row.received_at, reason))
    return sorted(out, key=lambda r: (r.period, r.school))


def history(k: Kernel, school: str, rid: UUID) -> list[dict]:
    """Every submission of a school's report and every return of one, in order (the receipts kept)."""
    with k.reading() as conn:
        sent = conn.execute(select(submissions.c.round, submissions.c.receipt_no, submissions.c.submitted_on,
                                   submissions.c.received_at)
                            .where(submissions.c.tenant == school, submissions.c.report_id == rid)).all()
        back = conn.execute(select(returns.c.round, returns.c.reason, returns.c.returned_at)
                            .where(returns.c.tenant == school, returns.c.report_id == rid)).all()
    out = [{"round": r.round, "kind": "submitted", "receipt_no": r.receipt_no, "on": r.submitted_on,
            "at": r.received_at, "reason": None} for r in sent]
    out += [{"round": r.round, "kind": "returned", "receipt_no": None, "on": r.returned_at.date(),
             "at": r.returned_at, "reason": r.reason} for r in back]
    return sorted(out, key=lambda x: (x["round"], x["kind"] == "returned"))


def returned_reason(k: Kernel, school: str, report) -> str | None:
    """Why the district returned the school's current submission (None when it did not)."""
    if report is None or not report.round:
        return None
    with k.reading() as conn:
        return conn.scalar(select(returns.c.reason).where(returns.c.tenant == school,
                                                          returns.c.report_id == report.id,
                                                          returns.c.round == report.round))


def schools(k: Kernel) -> list:
    with k.reading() as conn:
        return list_schools(conn)


def prefill_rate(rows) -> float | None:
    """The pre-fill rate of a form over its submissions: fields filled from the record / all fields."""
    return rules.prefill_rate(sum(r.field_count for r in rows), sum(r.prefilled for r in rows))


def figure_catalogue(k: Kernel) -> dict[str, str]:
    """Every figure a plugin offers (key → label), for binding a form's fields."""
    def compute():
        period = ReportPeriod.parse(str(k.today().year))
        found = flatten(k.district_hooks.zhibu_report_figures(tenant=DISTRICT, period=period))
        return {f.key: f.label for f in sorted(found, key=lambda f: (f.order, f.key))}
    return k.per_request(("reports", "catalogue"), compute)


def figure_labels(k: Kernel) -> dict[str, str]:
    """Every figure's label in the request's language (forms keep the Chinese label they were defined
    with; pages show it translated)."""
    return {key: translated(label) for key, label in figure_catalogue(k).items()}


# -- a school's side -------------------------------------------------------------------------------
def figures(k: Kernel, tenant: str, period: str) -> dict[str, object]:
    """The school's figures for a period from every plugin it has enabled (key → value)."""
    found = flatten(k.hooks(tenant).zhibu_report_figures(tenant=tenant, period=ReportPeriod.parse(period)))
    return {f.key: f.value for f in found}


def get_report(k: Kernel, tenant: str, subject: str, period: str):
    with k.reading() as conn:
        return conn.execute(select(reports).where(reports.c.tenant == tenant,
                                                  reports.c.id == report_id(tenant, subject, period))).first()


def get_report_by_id(k: Kernel, tenant: str, rid: UUID):
    with k.reading() as conn:
        return conn.execute(select(reports).where(reports.c.tenant == tenant, reports.c.id == rid)).first()


def list_reports(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(reports).where(reports.c.tenant == tenant)
                            .order_by(reports.c.period.desc(), reports.c.title)).all()


def already_reported(k: Kernel, tenant: str, figure_keys: list[str], period: str, besides: UUID | None) -> dict:
    """Figure key → the submitted lines of this school that reported it for ``period`` in another report."""
    if not figure_keys:
        return {}
    with k.reading() as conn:
        rows = conn.execute(select(values).where(values.c.tenant == tenant, values.c.figure.in_(figure_keys),
                                                 values.c.period == period, values.c.submitted_on.is_not(None))
                            .order_by(values.c.submitted_on)).all()
    out: dict[str, list] = {}
    for row in rows:
        if row.report_id != besides:
            out.setdefault(row.figure, []).append(row)
    return out


# -- the annual statistics (党员统计报表) --------------------------------------------------------------
def _pairs(items) -> list[list]:
    return [[label, n] for label, n in items]


def statistics(k: Kernel, tenant: str, year: int) -> dict:
    """The year-end basic statistics of a school by membership dates, with the cross-checks upper
    bodies apply: a plain JSON-able dict (what a draft keeps and the district receives)."""
    s = members.statistics(k, tenant, year)
    as_of, first = s["as_of"], date(year, 1, 1)
    opening = len(members.roster_on(k, tenant, date(year - 1, 12, 31)))
    names = members.movement_names(k, tenant, first, as_of)
    added = [[label, n, names.get(kind, [])]
             for (label, n), kind in zip(s["added"], ("admitted", "transferred_in", "restored"))]
    removed = [[label, n, names.get(kind, [])] for (label, n), kind in zip(s["removed"], rules.EXCEPTIONAL)]
    roll = members.roster_on(k, tenant, as_of)
    unfilled = [[label, [r["name"] for r in roll if not r.get(field)]]
                for field, label in (("gender", "性别未填"), ("ethnicity", "民族未填"),
                                     ("education", "学历未填"), ("birth_date", "出生日期未填"))]
    dev = development.figures(k, tenant, first, as_of)
    last = get_report(k, tenant, rules.STATISTICS, str(year - 1))
    last_closing = last.answers.get("closing") if last is not None and last.status == "submitted" else None
    # restored members come back from lost contact or suspension, both still on the roll: not an addition
    total_added, total_removed = added[0][1] + added[1][1], sum(r[1] for r in removed)
    checks = [c for c in (rules.balance_check(opening, total_added, total_removed, s["total"]),
                          rules.continuity_check(opening, last_closing, year - 1)) if c]
    checks += rules.name_list_checks([(label, n, who) for label, n, who in removed]
                                     + [(added[2][0], added[2][1], added[2][2])])
    return {"year": year, "as_of": as_of.isoformat(), "opening": opening, "closing": s["total"],
            "full": s["full"], "probationary": s["probationary"],
            "by_gender": _pairs(s["by_gender"]), "by_ethnicity": _pairs(s["by_ethnicity"]),
            "by_age": _pairs(s["by_age"]), "by_education": _pairs(s["by_education"]),
            "by_category": _pairs(s["by_category"]),
            "added": added, "removed": removed, "converted": [s["converted"], names.get("converted", [])],
            "development": dev, "unfilled": [u for u in unfilled if u[1]],
            "last_closing": last_closing, "checks": [str(c) for c in checks]}
