"""Read side of oversight: assignments, findings, access records (over models.py)."""
from __future__ import annotations

from collections import Counter
from datetime import date
from uuid import UUID

from sqlalchemy import func, select

from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.audit import rules
from plugins.audit.models import access, assignments, findings


# -- assignments --------------------------------------------------------------------------------
def _assignment_query(inspector: str | None = None):
    query = (select(assignments).where(assignments.c.tenant == DISTRICT)
             .order_by(assignments.c.starts_on.desc(), assignments.c.inspector, assignments.c.id))
    return query.where(assignments.c.inspector == inspector) if inspector else query


def list_assignments(k: Kernel, inspector: str) -> list:
    """One inspector's assignments (their scope), newest first."""
    with k.reading() as conn:
        return conn.execute(_assignment_query(inspector)).all()


def list_assignments_page(k: Kernel, page: int = 1, per_page: int = 50) -> Page:
    """Every inspector's assignments, newest first, a page at a time."""
    with k.reading() as conn:
        return paginate(conn, _assignment_query(), page, per_page)


def get_assignment(k: Kernel, assignment_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(assignments).where(assignments.c.id == assignment_id)).first()


def inspector_schools(k: Kernel, inspector: str, today: date) -> list[str]:
    """The schools an inspector may see today (union of their live assignments)."""
    out: set[str] = set()
    for a in list_assignments(k, inspector):
        out |= {s for s in a.schools if rules.covers(a.schools, a.starts_on, a.ends_on, a.revoked, s, today)}
    return sorted(out)


def inspector_may_see(k: Kernel, inspector: str, school: str, today: date) -> bool:
    return any(rules.covers(a.schools, a.starts_on, a.ends_on, a.revoked, school, today)
               for a in list_assignments(k, inspector))


# -- findings -----------------------------------------------------------------------------------
def finding_query(schools: list[str] | None = None, state: str | None = None, today: date | None = None):
    query = select(findings).where(findings.c.tenant == DISTRICT)
    if schools is not None:
        query = query.where(findings.c.school.in_(schools))
    if state == "overdue":
        query = query.where(findings.c.status == "open", findings.c.deadline < today)
    elif state:
        query = query.where(findings.c.status == state)
    return query.order_by(findings.c.deadline, findings.c.recorded_at)


def list_findings_page(k: Kernel, schools: list[str] | None, state: str | None, today: date,
                       page: int = 1, per_page: int = 50) -> Page:
    with k.reading() as conn:
        return paginate(conn, finding_query(schools, state, today), page, per_page)


def list_findings(k: Kernel, schools: list[str] | None = None, state: str | None = None,
                  today: date | None = None) -> list:
    with k.reading() as conn:
        return conn.execute(finding_query(schools, state, today)).all()


def get_finding(k: Kernel, finding_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(findings).where(findings.c.id == finding_id)).first()


def finding_counts(k: Kernel, schools: list[str] | None, today: date) -> Counter:
    """open / overdue / answered / closed counts (counted by the database: one row per state)."""
    overdue = (findings.c.status == "open") & (findings.c.deadline < today)
    query = (select(findings.c.status, overdue.label("overdue"), func.count().label("n"))
             .where(findings.c.tenant == DISTRICT).group_by(findings.c.status, overdue))
    if schools is not None:
        query = query.where(findings.c.school.in_(schools))
    counts: Counter = Counter()
    with k.reading() as conn:
        for status, late, n in conn.execute(query):
            counts["overdue" if late else status] += n
    return counts


def school_findings(k: Kernel, school: str, today: date) -> tuple[Counter, list]:
    """One school's finding counts and its overdue findings, most urgent first (its district summary)."""
    counts: Counter = Counter()
    overdue = []
    with k.reading() as conn:
        for row in conn.execute(select(findings.c.id, findings.c.school, findings.c.title, findings.c.status,
                                       findings.c.deadline)
                                .where(findings.c.tenant == DISTRICT, findings.c.school == school)
                                .order_by(findings.c.deadline)):
            state = rules.finding_state(row.status, row.deadline, today)
            counts[state] += 1
            if state == "overdue":
                overdue.append(row)
    return counts, overdue


# -- access records -----------------------------------------------------------------------------
def list_access_page(k: Kernel, page: int = 1, per_page: int = 50, actor: str | None = None) -> Page:
    query = select(access).order_by(access.c.at.desc())
    if actor:
        query = query.where(access.c.actor == actor)
    with k.reading() as conn:
        return paginate(conn, query, page, per_page)
