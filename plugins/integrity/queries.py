"""Read side of integrity building (over models.py). Every query filters by tenant."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from sqlalchemy import and_, case, func, select

from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.integrity import models as m


def get_settings(k: Kernel, tenant: str) -> dict:
    """A school's settings with defaults filled in (stored settings are validated when saved)."""
    return k.settings(tenant, "integrity")


def _all(k: Kernel, query) -> list:
    with k.reading() as conn:
        return conn.execute(query).all()


def _first(k: Kernel, query):
    with k.reading() as conn:
        return conn.execute(query).first()


def _year(column, year: int):
    return and_(column >= date(year, 1, 1), column <= date(year, 12, 31))


def _page(k: Kernel, query, page: int, per_page: int) -> Page:
    with k.reading() as conn:
        return paginate(conn, query, page, per_page)


# -- commitments ---------------------------------------------------------------------------------
def commitments_query(tenant: str, year: int, status: str | None = None):
    t = m.commitments
    query = select(t).where(t.c.tenant == tenant, t.c.year == year)
    if status:
        query = query.where(t.c.status == status)
    return query.order_by(t.c.owner_kind, t.c.owner_name, t.c.id)


def list_commitments_page(k: Kernel, tenant: str, year: int, status: str | None = None, page: int = 1,
                          per_page: int = 50) -> Page:
    return _page(k, commitments_query(tenant, year, status), page, per_page)


def list_commitments(k: Kernel, tenant: str, year: int) -> list:
    return _all(k, commitments_query(tenant, year))


def get_commitment(k: Kernel, tenant: str, commitment_id: UUID):
    return _first(k, select(m.commitments).where(m.commitments.c.tenant == tenant,
                                                 m.commitments.c.id == commitment_id))


def list_items(k: Kernel, tenant: str, commitment_id: UUID) -> list:
    t = m.commitment_items
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.commitment_id == commitment_id)
                .order_by(func.length(t.c.item_id), t.c.item_id))


def list_progress(k: Kernel, tenant: str, commitment_id: UUID) -> list:
    t = m.progress
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.commitment_id == commitment_id)
                .order_by(t.c.on, t.c.id))


def list_board_items(k: Kernel, tenant: str, year: int) -> list:
    """Accepted items of the year, for the public board and the printable sheet."""
    t, c = m.commitment_items, m.commitments
    return _all(k, select(t, c.c.owner_kind).join(c, c.c.id == t.c.commitment_id)
                .where(t.c.tenant == tenant, t.c.year == year, t.c.status == "accepted")
                .order_by(c.c.owner_kind, t.c.owner_name, func.length(t.c.item_id), t.c.item_id))


def list_missed_without_cause(k: Kernel, tenant: str, year: int) -> list:
    t = m.commitment_items
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.year == year, t.c.missed_without_cause.is_(True))
                .order_by(t.c.owner_name))


def member_missed_without_cause(k: Kernel, tenant: str, member_id: UUID, year: int) -> int:
    t, c = m.commitment_items, m.commitments
    with k.reading() as conn:
        return conn.scalar(select(func.count()).select_from(t.join(c, c.c.id == t.c.commitment_id)).where(
            t.c.tenant == tenant, t.c.year == year, c.c.member_id == member_id,
            t.c.missed_without_cause.is_(True))) or 0


def member_items(k: Kernel, tenant: str, member_id: UUID, year: int) -> list:
    """A member's own commitment items of ``year`` (承诺事项), with the commitment they belong to."""
    t, c = m.commitment_items, m.commitments
    return _all(k, select(t).join(c, c.c.id == t.c.commitment_id)
                .where(t.c.tenant == tenant, t.c.year == year, c.c.member_id == member_id)
                .order_by(func.length(t.c.item_id), t.c.item_id))


def items_due(k: Kernel, tenant: str, today: date, days: int) -> list:
    """Accepted items with a deadline within ``days`` and no conclusion yet (overdue ones included)."""
    t = m.commitment_items
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.status == "accepted", t.c.outcome.is_(None),
                                   t.c.deadline <= today + timedelta(days=days), t.c.year == today.year)
                .order_by(t.c.deadline))


def list_pending_review(k: Kernel, tenant: str) -> list:
    t = m.commitment_items
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.status == "submitted").order_by(t.c.owner_name))


# -- posts ---------------------------------------------------------------------------------------
def list_posts(k: Kernel, tenant: str) -> list:
    return _all(k, select(m.posts).where(m.posts.c.tenant == tenant).order_by(m.posts.c.kind, m.posts.c.name))


def get_post(k: Kernel, tenant: str, post_id: UUID):
    return _first(k, select(m.posts).where(m.posts.c.tenant == tenant, m.posts.c.id == post_id))


def list_holders(k: Kernel, tenant: str, post_id: UUID | None = None, current: bool = True) -> list:
    h, p = m.post_holders, m.posts
    query = select(h, p.c.name.label("post_name"), p.c.kind, p.c.duties).join(p, p.c.id == h.c.post_id) \
        .where(h.c.tenant == tenant)
    if post_id:
        query = query.where(h.c.post_id == post_id)
    if current:
        query = query.where(h.c.released_on.is_(None))
    return _all(k, query.order_by(p.c.kind, p.c.name, h.c.member_name))


def list_post_assessments(k: Kernel, tenant: str, post_id: UUID) -> list:
    a, h = m.post_assessments, m.post_holders
    return _all(k, select(a, h.c.member_name).join(h, and_(h.c.post_id == a.c.post_id, h.c.member_id == a.c.member_id))
                .where(a.c.tenant == tenant, a.c.post_id == post_id).order_by(a.c.period, h.c.member_name))


# -- pairs ---------------------------------------------------------------------------------------
def list_pairs(k: Kernel, tenant: str) -> list:
    t = m.pairs
    return _all(k, select(t).where(t.c.tenant == tenant).order_by(t.c.closed_on.isnot(None), t.c.started_on.desc()))


def get_pair(k: Kernel, tenant: str, pair_id: UUID):
    return _first(k, select(m.pairs).where(m.pairs.c.tenant == tenant, m.pairs.c.id == pair_id))


def list_visits(k: Kernel, tenant: str, pair_id: UUID) -> list:
    t = m.pair_visits
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.pair_id == pair_id).order_by(t.c.on, t.c.id))


# -- volunteer service, education, agreements, self-inspection ---------------------------------------
def list_volunteer_page(k: Kernel, tenant: str, year: int, page: int = 1, per_page: int = 50) -> Page:
    t = m.volunteer
    return _page(k, select(t).where(t.c.tenant == tenant, _year(t.c.on, year)).order_by(t.c.on.desc(), t.c.id),
                 page, per_page)


def get_volunteer(k: Kernel, tenant: str, activity_id: UUID):
    return _first(k, select(m.volunteer).where(m.volunteer.c.tenant == tenant, m.volunteer.c.id == activity_id))


def volunteer_hours_by_member(k: Kernel, tenant: str, year: int) -> list:
    """[(member_id, member_name, activities, hours_x100)] for the year, most hours first."""
    t = m.volunteer_hours
    return _all(k, select(t.c.member_id, func.max(t.c.member_name).label("member_name"),
                          func.count().label("activities"), func.sum(t.c.hours_x100).label("hours_x100"))
                .where(t.c.tenant == tenant, _year(t.c.on, year)).group_by(t.c.member_id)
                .order_by(func.sum(t.c.hours_x100).desc()))


def list_education_page(k: Kernel, tenant: str, year: int, page: int = 1, per_page: int = 50) -> Page:
    t = m.education
    return _page(k, select(t).where(t.c.tenant == tenant, _year(t.c.on, year)).order_by(t.c.on.desc(), t.c.id),
                 page, per_page)


def get_education(k: Kernel, tenant: str, session_id: UUID):
    return _first(k, select(m.education).where(m.education.c.tenant == tenant, m.education.c.id == session_id))


def list_agreements(k: Kernel, tenant: str, year: int) -> list:
    t = m.agreements
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.year == year).order_by(t.c.member_name))


def list_inspections(k: Kernel, tenant: str, year: int) -> list:
    t = m.inspections
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.period.like(f"{year}%"))
                .order_by(t.c.period, t.c.owner_name))


def get_inspection(k: Kernel, tenant: str, inspection_id: UUID):
    return _first(k, select(m.inspections).where(m.inspections.c.tenant == tenant,
                                                 m.inspections.c.id == inspection_id))


# -- ethics --------------------------------------------------------------------------------------
def list_ethics(k: Kernel, tenant: str, year: int) -> list:
    t = m.ethics
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.year == year).order_by(t.c.member_name))


def get_ethics(k: Kernel, tenant: str, assessment_id: UUID):
    return _first(k, select(m.ethics).where(m.ethics.c.tenant == tenant, m.ethics.c.id == assessment_id))


def ethics_of(k: Kernel, tenant: str, member_id: UUID, year: int):
    t = m.ethics
    return _first(k, select(t).where(t.c.tenant == tenant, t.c.member_id == member_id, t.c.year == year))


def list_pledges(k: Kernel, tenant: str, term: str | None = None) -> list:
    t = m.pledges
    query = select(t).where(t.c.tenant == tenant)
    if term:
        query = query.where(t.c.term == term)
    return _all(k, query.order_by(t.c.term.desc(), t.c.member_name, t.c.kind))


# -- files ---------------------------------------------------------------------------------------
def find_file(k: Kernel, tenant: str, sha256: str) -> list:
    """The records of this school that refer to an uploaded file (none: not this school's file)."""
    t = m.files
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.sha256 == sha256))


# -- overview ------------------------------------------------------------------------------------
def overview(k: Kernel, tenant: str, year: int) -> dict:
    """The figures of the overview page, the district dashboard and the Excel export."""
    c, i, p, v, e = m.commitments, m.commitment_items, m.pairs, m.volunteer, m.education
    with k.reading() as conn:
        statuses, outcomes, missed = {}, {}, 0
        for status, outcome, missed_here, n in conn.execute(
                select(i.c.status, i.c.outcome, i.c.missed_without_cause, func.count())
                .where(i.c.tenant == tenant, i.c.year == year)
                .group_by(i.c.status, i.c.outcome, i.c.missed_without_cause)):
            statuses[status] = statuses.get(status, 0) + n
            if outcome is not None:
                outcomes[outcome] = outcomes.get(outcome, 0) + n
            missed += n if missed_here else 0
        letters, published = conn.execute(select(func.count(), func.count(c.c.published_on)).select_from(c).where(
            c.c.tenant == tenant, c.c.year == year)).one()
        by_kind = conn.execute(select(m.posts.c.kind, func.count(), func.sum(m.posts.c.holders),
                                      func.sum(case((m.posts.c.holders > 0, 1), else_=0)))
                               .where(m.posts.c.tenant == tenant).group_by(m.posts.c.kind)).all()
        posts = [(kind, n, h) for kind, n, h, _staffed in by_kind]
        staffed = sum(int(n or 0) for *_rest, n in by_kind)
        all_pairs, closed_pairs = conn.execute(select(func.count(), func.count(p.c.closed_on)).select_from(p).where(
            p.c.tenant == tenant)).one()
        help_x100 = conn.scalar(select(func.sum(m.pair_visits.c.hours_x100)).where(
            m.pair_visits.c.tenant == tenant, _year(m.pair_visits.c.on, year))) or 0
        volunteer_x100, activities = conn.execute(select(func.sum(v.c.hours_x100), func.count()).where(
            v.c.tenant == tenant, _year(v.c.on, year))).one()
        sessions = dict(conn.execute(select(e.c.kind, func.count()).where(e.c.tenant == tenant, _year(e.c.on, year))
                                     .group_by(e.c.kind)).all())
        graded = conn.execute(select(m.ethics.c.grade, func.count(),
                                     func.sum(case((m.ethics.c.veto.is_(True), 1), else_=0))).where(
            m.ethics.c.tenant == tenant, m.ethics.c.year == year).group_by(m.ethics.c.grade)).all()
        ethics = {grade: n for grade, n, _vetoes in graded}
        vetoes = sum(int(n or 0) for *_rest, n in graded)
        agreements = conn.scalar(select(func.count()).select_from(m.agreements).where(
            m.agreements.c.tenant == tenant, m.agreements.c.year == year))
        inspections = conn.scalar(select(func.count()).select_from(m.inspections).where(
            m.inspections.c.tenant == tenant, m.inspections.c.period.like(f"{year}%")))
    return {
        "year": year, "letters": letters or 0, "published": published or 0,
        "items": statuses, "items_accepted": statuses.get("accepted", 0),
        "items_pending": statuses.get("submitted", 0), "items_returned": statuses.get("returned", 0),
        "items_fulfilled": outcomes.get("fulfilled", 0), "outcomes": outcomes, "missed_without_cause": missed or 0,
        "items_in_progress": statuses.get("accepted", 0) - sum(outcomes.values()),
        "posts": {kind: {"count": n, "holders": int(h or 0)} for kind, n, h in posts},
        "posts_total": sum(n for _, n, _ in posts), "posts_staffed": staffed or 0,
        "pairs_active": all_pairs - closed_pairs, "pairs_closed": closed_pairs or 0, "help_hours": help_x100 / 100,
        "volunteer_hours": (volunteer_x100 or 0) / 100, "volunteer_activities": activities or 0,
        "sessions": sessions, "sessions_total": sum(sessions.values()), "ethics": ethics,
        "ethics_vetoes": vetoes or 0, "agreements": agreements or 0, "inspections": inspections or 0,
    }


def evidence_commitments(k: Kernel, tenant: str, year: int) -> tuple[list, list]:
    """(published letters with their concluded items' outcomes) for the Five Goods evidence."""
    c, i = m.commitments, m.commitment_items
    letters = _all(k, select(c).where(c.c.tenant == tenant, c.c.year == year, c.c.published_on.isnot(None))
                   .order_by(c.c.owner_name))
    outcomes = _all(k, select(i.c.commitment_id, i.c.outcome).join(c, c.c.id == i.c.commitment_id).where(
        i.c.tenant == tenant, i.c.year == year, c.c.published_on.isnot(None), i.c.outcome.isnot(None)))
    return letters, outcomes


def ethics_years(k: Kernel, tenant: str) -> list[int]:
    with k.reading() as conn:
        return list(conn.scalars(select(m.ethics.c.year).where(m.ethics.c.tenant == tenant).distinct()
                                 .order_by(m.ethics.c.year.desc())))

