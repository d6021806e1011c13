"""Read side of district tasks and information reporting, reading ``with k.reading() as conn:``.

A school's rows are read by its slug first; the district's tables by the school slugs it asks about.
The district reads ``tasks_responses`` (submitted answers only) and never ``tasks_drafts``."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple
from uuid import UUID

from sqlalchemy import func, select

from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.tasks import models as m
from plugins.tasks import rules


class Standing(NamedTuple):
    """One school on one task: what the district sent and decided, and what the school submitted."""
    task_id: UUID
    school: str
    title: str
    kind: str
    deadline: date
    issued_on: date
    status: str
    late: bool
    owner: str | None
    progress: int
    submitted_round: int
    submitted_on: date | None
    submitted_late: bool
    copies: int | None
    amount: object
    reminded_on: date | None
    reminder_note: str | None
    reminders: int
    decision_note: str | None
    response_version: int | None
    task_state: str = "open"
    state_reason: str | None = None
    extended_reason: str | None = None


def _standing(a, r, today: date) -> Standing:
    submitted_round = r.round if r is not None else 0
    status = rules.school_status(r is not None, bool(r is not None and (r.owner or r.progress)), submitted_round,
                                 a.decision_round, a.decision, a.state or "open")
    submitted_late = bool(r is not None and r.late)
    return Standing(
        task_id=a.task_id, school=a.tenant, title=a.title, kind=a.kind, deadline=a.deadline, issued_on=a.issued_on,
        status=status, late=rules.is_late(status, a.deadline, today, submitted_late),
        owner=r.owner if r is not None else None, progress=r.progress if r is not None else 0,
        submitted_round=submitted_round, submitted_on=r.submitted_on if r is not None else None,
        submitted_late=submitted_late, copies=r.copies if r is not None else None,
        amount=r.amount if r is not None else None, reminded_on=a.reminded_on, reminder_note=a.reminder_note,
        reminders=a.reminders, decision_note=a.decision_note, response_version=r.version if r is not None else None,
        task_state=a.state or "open", state_reason=a.state_reason, extended_reason=a.extended_reason)


def _responses(conn, school: str, task_ids: list) -> dict:
    if not task_ids:
        return {}
    return {r.task_id: r for r in conn.execute(select(m.responses).where(
        m.responses.c.tenant == school, m.responses.c.task_id.in_(task_ids)))}


def list_school_tasks(k: Kernel, school: str, today: date) -> list[Standing]:
    """A school's tasks, the nearest deadline first."""
    with k.reading() as conn:
        rows = conn.execute(select(m.assignments).where(m.assignments.c.tenant == school)
                            .order_by(m.assignments.c.deadline.desc(), m.assignments.c.task_id)).all()
        responses = _responses(conn, school, [a.task_id for a in rows])
    return [_standing(a, responses.get(a.task_id), today) for a in rows]


def school_standing(k: Kernel, school: str, task_id: UUID, today: date) -> Standing | None:
    with k.reading() as conn:
        a = conn.execute(select(m.assignments).where(m.assignments.c.tenant == school,
                                                     m.assignments.c.task_id == task_id)).first()
        if a is None:
            return None
        r = _responses(conn, school, [task_id]).get(task_id)
    return _standing(a, r, today)


def get_task(k: Kernel, task_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(m.tasks).where(m.tasks.c.tenant == DISTRICT, m.tasks.c.id == task_id)).first()


def task_query(state: str | None = None, sort: str = "-deadline"):
    query = select(m.tasks).where(m.tasks.c.tenant == DISTRICT)
    if state:
        query = query.where(m.tasks.c.state == state)
    deadline = m.tasks.c.deadline.desc() if sort == "-deadline" else m.tasks.c.deadline
    return query.order_by(deadline, m.tasks.c.id)


def list_tasks(k: Kernel, state: str | None = None, sort: str = "-deadline") -> list:
    with k.reading() as conn:
        return conn.execute(task_query(state, sort)).all()


def tasks_page(k: Kernel, state: str | None, sort: str, page: int, per_page: int = 50) -> Page:
    """A page of the district's tasks, by state and deadline."""
    with k.reading() as conn:
        return paginate(conn, task_query(state, sort), page, per_page)


def page_of(items: list, page: int, per_page: int = 50) -> Page:
    """A page of a list already computed (standings, whose status is derived from two tables)."""
    page = max(1, int(page or 1))
    return Page(items=items[(page - 1) * per_page:page * per_page], page=page, per_page=per_page, total=len(items))


def task_table(k: Kernel, task_id: UUID, today: date) -> list[Standing]:
    """The district's live table of one task: every school, what it submitted (never a draft)."""
    with k.reading() as conn:
        rows = conn.execute(select(m.assignments).where(m.assignments.c.task_id == task_id)
                            .order_by(m.assignments.c.tenant)).all()
        schools = [a.tenant for a in rows]
        responses = {r.tenant: r for r in conn.execute(select(m.responses).where(
            m.responses.c.tenant.in_(schools), m.responses.c.task_id == task_id))} if schools else {}
    return [_standing(a, responses.get(a.tenant), today) for a in rows]


def counts(standings: list[Standing]) -> dict:
    """The live table's counts: received (not signed for), opened, in progress, submitted, late,
    accepted, returned."""
    out = {key: 0 for key in (*rules.STATUSES, "late")}
    for s in standings:
        out[s.status] += 1
        out["late"] += s.late
    return out


def submitted_answer(k: Kernel, school: str, task_id: UUID):
    """What the school submitted last (None before it submitted): the district's only view of it."""
    with k.reading() as conn:
        return conn.execute(select(m.responses).where(m.responses.c.tenant == school, m.responses.c.task_id == task_id,
                                                      m.responses.c.round > 0)).first()


def school_view(k: Kernel, school: str, task_id: UUID) -> tuple:
    """The school's own response row, draft and progress notes."""
    with k.reading() as conn:
        response = conn.execute(select(m.responses).where(m.responses.c.tenant == school,
                                                          m.responses.c.task_id == task_id)).first()
        draft = conn.execute(select(m.drafts).where(m.drafts.c.tenant == school,
                                                    m.drafts.c.task_id == task_id)).first()
        notes = conn.execute(select(m.progress).where(m.progress.c.tenant == school, m.progress.c.task_id == task_id)
                             .order_by(m.progress.c.id)).all()
    return response, draft, notes


def find_file(k: Kernel, school: str, task_id: UUID, sha256: str, submitted_only: bool) -> dict | None:
    """A file of a school's answer (the district: of the submitted answer only)."""
    response, draft, _ = school_view(k, school, task_id)
    sources = [response] + ([] if submitted_only else [draft])
    for row in sources:
        for ref in (row.files or []) if row is not None else ():
            if ref["sha256"] == sha256:
                return ref
    return None


def subscription_lines(k: Kernel, school: str, first: date, last: date) -> list[dict]:
    """The lines of the subscription answers a school submitted between two days (the last round of
    each; a cancelled task's answer does not count)."""
    with k.reading() as conn:
        ids = [a.task_id for a in conn.execute(select(m.assignments.c.task_id).where(
            m.assignments.c.tenant == school, m.assignments.c.kind == "subscription",
            m.assignments.c.state != "cancelled"))]
        if not ids:
            return []
        rows = conn.execute(select(m.responses.c.lines).where(
            m.responses.c.tenant == school, m.responses.c.task_id.in_(ids), m.responses.c.round > 0,
            m.responses.c.submitted_on >= first, m.responses.c.submitted_on <= last)).all()
    return [line for r in rows for line in (r.lines or [])]


# -- information reporting -----------------------------------------------------------------------
class InfoRow(NamedTuple):
    id: UUID
    school: str
    kind: str
    title: str
    text: str
    photos: list
    round: int
    submitted_on: date | None
    year: int | None
    version: int
    status: str
    reason: str | None


def _info_row(row, review) -> InfoRow:
    if not row.round:
        status = "draft"
    elif review is not None and review.published:
        status = "published"
    elif review is not None and review.round == row.round:
        status = review.outcome
    else:
        status = "submitted"
    return InfoRow(row.id, row.tenant, row.kind, row.title, row.text, list(row.photos or ()), row.round,
                   row.submitted_on, row.year, row.version, status,
                   review.reason if review is not None and status == "returned" else None)


def _reviews(conn, schools: list[str], ids: list) -> dict:
    if not ids:
        return {}
    return {r.report_id: r for r in conn.execute(select(m.info_reviews).where(
        m.info_reviews.c.tenant.in_(schools), m.info_reviews.c.report_id.in_(ids)))}


def list_school_info(k: Kernel, school: str) -> list[InfoRow]:
    with k.reading() as conn:
        rows = conn.execute(select(m.info).where(m.info.c.tenant == school)
                            .order_by(m.info.c.created_at.desc())).all()
        reviews = _reviews(conn, [school], [r.id for r in rows])
    return [_info_row(r, reviews.get(r.id)) for r in rows]


def get_info(k: Kernel, school: str, report_id: UUID, submitted_only: bool = False) -> InfoRow | None:
    with k.reading() as conn:
        row = conn.execute(select(m.info).where(m.info.c.tenant == school, m.info.c.id == report_id)).first()
        if row is None or (submitted_only and not row.round):
            return None
        review = _reviews(conn, [school], [report_id]).get(report_id)
    return _info_row(row, review)


def list_submitted_info(k: Kernel, schools: list[str], year: int) -> list[InfoRow]:
    """Reports submitted in ``year`` by these schools (the district never sees drafts)."""
    with k.reading() as conn:
        rows = conn.execute(select(m.info).where(m.info.c.tenant.in_(schools), m.info.c.year == year)
                            .order_by(m.info.c.submitted_on.desc(), m.info.c.id)).all()
        reviews = _reviews(conn, schools, [r.id for r in rows])
    return [_info_row(r, reviews.get(r.id)) for r in rows]


def info_counts(k: Kernel, schools: list[str], year: int) -> dict[str, dict]:
    """Per school: reports submitted in the year, accepted, published, returned (信息报送统计)."""
    out = {s: {"submitted": 0, "accepted": 0, "published": 0, "returned": 0} for s in schools}
    for row in list_submitted_info(k, schools, year):
        out[row.school]["submitted"] += 1
        if row.status in ("accepted", "published", "returned"):
            out[row.school][row.status] += 1
    return out


def count_info(k: Kernel, school: str, year: int) -> int:
    with k.reading() as conn:
        return conn.scalar(select(func.count()).select_from(m.info).where(m.info.c.tenant == school,
                                                                         m.info.c.year == year)) or 0
