"""Read side of member development (over models.py): cases, steps, the work list, rosters, figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import and_, func, or_, select

from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.development import rules
from plugins.development.models import cases, documents, history, publicity, steps
from plugins.development.rules import RuleBook


def settings(k: Kernel, tenant: str) -> dict:
    return k.settings(tenant, "development")


def open_case_for(k: Kernel, tenant: str, id_number: str) -> UUID | None:
    with k.reading() as conn:
        return conn.scalar(select(cases.c.id).where(cases.c.tenant == tenant, cases.c.id_number == id_number,
                                                    cases.c.next_step.is_not(None)))


def get_case(k: Kernel, tenant: str, case_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(cases).where(cases.c.tenant == tenant, cases.c.id == case_id)).first()


def case_of_member(k: Kernel, tenant: str, member_id: UUID):
    """The development case (发展党员材料) that admitted this member, or None."""
    with k.reading() as conn:
        return conn.execute(select(cases).where(cases.c.tenant == tenant, cases.c.member_id == member_id)
                            .order_by(cases.c.applied_on.desc())).first()


def case_query(tenant: str, status: str | None = None, q: str | None = None):
    query = select(cases).where(cases.c.tenant == tenant)
    if status == "open":
        query = query.where(cases.c.next_step.is_not(None))
    elif status:
        query = query.where(cases.c.status == status)
    if q:
        query = query.where(or_(cases.c.name.like(f"%{q.strip()}%"), cases.c.job_post.like(f"%{q.strip()}%")))
    return query.order_by(cases.c.applied_on.desc(), cases.c.name, cases.c.id)


def list_cases_page(k: Kernel, tenant: str, status: str | None = None, q: str | None = None,
                    page: int = 1, per_page: int = 50) -> Page:
    with k.reading() as conn:
        return paginate(conn, case_query(tenant, status, q), page, per_page)


def list_cases(k: Kernel, tenant: str, status: str | None = None) -> list:
    with k.reading() as conn:
        return conn.execute(case_query(tenant, status)).all()


def status_counts(k: Kernel, tenant: str) -> dict[str, int]:
    with k.reading() as conn:
        rows = conn.execute(select(cases.c.status, func.count()).where(cases.c.tenant == tenant)
                            .group_by(cases.c.status)).all()
    found = dict(rows)
    return {s: found.get(s, 0) for s in rules.STATUSES}


def case_steps(k: Kernel, tenant: str, case_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(steps).where(steps.c.tenant == tenant, steps.c.case_id == case_id)
                            .order_by(steps.c.version, steps.c.id)).all()


def case_history(k: Kernel, tenant: str, case_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(history).where(history.c.tenant == tenant, history.c.case_id == case_id)
                            .order_by(history.c.version)).all()


def case_documents(k: Kernel, tenant: str, case_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(documents).where(documents.c.tenant == tenant, documents.c.case_id == case_id)
                            .order_by(documents.c.id)).all()


def document_by_hash(k: Kernel, tenant: str, case_id: UUID, sha256: str):
    with k.reading() as conn:
        return conn.execute(select(documents).where(documents.c.tenant == tenant, documents.c.case_id == case_id,
                                                    documents.c.sha256 == sha256)).first()


def case_publicity(k: Kernel, tenant: str, case_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(publicity).where(publicity.c.tenant == tenant, publicity.c.case_id == case_id,
                                                    publicity.c.superseded.is_(False))
                            .order_by(publicity.c.start)).all()


def completeness(k: Kernel, tenant: str, row) -> rules.Completeness:
    done = [int(n) for n in row.dates]
    return rules.completeness(done, {d.code for d in case_documents(k, tenant, row.id)})


# -- the work list (what is due) ------------------------------------------------------------
@dataclass(frozen=True)
class WorkItem:
    case_id: UUID
    name: str
    status: str
    step: int | None
    title: str
    due: date | None
    earliest: date | None
    overdue: bool
    rule: str = ""

    @property
    def status_label(self) -> str:
        return rules.STATUSES.get(self.status, self.status)


def _dates(row) -> dict[int, date]:
    return {int(n): date.fromisoformat(v) for n, v in row.dates.items()}


def work_items(row, today: date, book: RuleBook) -> list[WorkItem]:
    """What an open case needs next, with its due date by the rules in force today."""
    rs = book.on(today)
    dates = _dates(row)
    items = []

    def item(step, title, due=None, earliest=None, rule=""):
        items.append(WorkItem(row.id, row.name, row.status, step, title, due, earliest,
                              bool(due and due < today), rule))

    if row.decision_needed:
        item(None, "转正未获通过：须决定延长预备期或取消预备党员资格", row.probation_end)
    elif row.next_step:
        step = row.next_step
        dl = rules.deadline(step, dates, rs, row.probation_end, None)
        first = rules.earliest(step, dates, rs) or (dl.earliest if dl else None)
        title = f"第{step}步 {rules.STEPS[step].title}"
        for kind, before in rules.PUBLICITY_BEFORE_STEP.items():
            if before == step and rs.publicity_required:
                title += f"（须先完成{rules.PUBLICITY_KINDS[kind]}）"
        item(step, title, dl.due if dl else None, first, dl.label if dl else "")
    if row.status == "activist" and 6 in dates:
        dl = rules.deadline(6, dates, rs, None, row.last_assessment_on)
        item(6, "入党积极分子定期考察", dl.due, None, dl.label)
    return items


def worklist(k: Kernel, tenant: str, today: date, book: RuleBook) -> list[WorkItem]:
    """Every open case's next step and due date: overdue first, then by due date."""
    items = [i for row in list_cases(k, tenant, "open") for i in work_items(row, today, book)]
    return sorted(items, key=lambda i: (not i.overdue, i.due is None, i.due or date.max, i.name))


# -- rosters ----------------------------------------------------------------------------------
ROSTER_KINDS = {"applicant": "入党申请人名册", "activist": "入党积极分子名册", "target": "发展对象名册",
                "probationary": "预备党员名册"}


def status_on(row, as_of: date) -> str | None:
    """What the person was on ``as_of`` according to the dates of the case."""
    if row.applied_on > as_of:
        return None
    if row.closed_on and row.closed_on <= as_of and row.status in ("refused", "cancelled"):
        return row.status
    dates = _dates(row)
    if row.converted_on and dates.get(24) and dates[24] <= as_of:
        return "full"
    if row.joined_on and dates.get(17) and dates[17] <= as_of:
        return "probationary"
    if row.target_on and row.target_on <= as_of:
        return "target"
    if row.activist_on and row.activist_on <= as_of:
        return "activist"
    return "applicant"


def roster(k: Kernel, tenant: str, as_of: date) -> dict[str, list]:
    out: dict[str, list] = {kind: [] for kind in ROSTER_KINDS}
    for row in list_cases(k, tenant):
        status = status_on(row, as_of)
        if status in out:
            out[status].append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (r.applied_on, r.name))
    return out


# -- figures and evidence ----------------------------------------------------------------------
def year_steps(k: Kernel, tenant: str, year: int) -> list:
    """Steps and assessments that had a deadline and happened in ``year`` (for the quality figure)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    with k.reading() as conn:
        return conn.execute(select(steps).where(and_(
            steps.c.tenant == tenant, steps.c.due.is_not(None), steps.c.happened_on >= start,
            steps.c.happened_on <= end)).order_by(steps.c.happened_on)).all()


def conversions(k: Kernel, tenant: str, year: int) -> list:
    """Cases converted in ``year`` or whose conversion vote fell due in it without happening."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    with k.reading() as conn:
        return conn.execute(select(cases).where(cases.c.tenant == tenant, cases.c.probation_end.is_not(None),
                                                or_(and_(cases.c.converted_on >= start, cases.c.converted_on <= end),
                                                    and_(cases.c.converted_on.is_(None),
                                                         cases.c.status == "probationary",
                                                         cases.c.probation_end >= start,
                                                         cases.c.probation_end <= end)))
                            .order_by(cases.c.name)).all()


def publicity_windows(k: Kernel, tenant: str, since: date, until: date) -> list:
    """The publicity windows (公示) that began from ``since`` to ``until``, with the person's name."""
    with k.reading() as conn:
        return conn.execute(select(publicity, cases.c.name).join(cases, cases.c.id == publicity.c.case_id)
                            .where(publicity.c.tenant == tenant, publicity.c.superseded.is_(False),
                                   publicity.c.start >= since, publicity.c.start <= until)
                            .order_by(publicity.c.start, publicity.c.id)).all()
