"""Read side of oversight: assignments, findings, access records (over models.py)."""
from __future__ import annotations

from collections import Counter
from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.audit import rules
from plugins.audit.models import access, assignments, findings


# -- assignments --------------------------------------------------------------------------------
def list_assignments(k: Kernel, inspector: str | None = None) -> list:
    query = select(assignments).order_by(assignments.c.starts_on.desc(), assignments.c.inspector)
    if inspector:
        query = query.where(assignments.c.inspector == inspector)
    with k.reading() as conn:
        return conn.execute(query).all()


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
    query = select(findings)
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
    """open / overdue / answered / closed counts."""
    query = select(findings.c.status, findings.c.deadline)
    if schools is not None:
        query = query.where(findings.c.school.in_(schools))
    with k.reading() as conn:
        return Counter(rules.finding_state(s, d, today) for s, d in conn.execute(query).all())


def district_findings(k: Kernel, today: date) -> tuple[dict[str, Counter], dict[str, list]]:
    """Every school's finding counts and overdue findings, in one read (for the dashboard)."""
    counts: dict[str, Counter] = {}
    overdue: dict[str, list] = {}
    with k.reading() as conn:
        for row in conn.execute(select(findings.c.id, findings.c.school, findings.c.title, findings.c.status,
                                       findings.c.deadline).order_by(findings.c.deadline)).all():
            state = rules.finding_state(row.status, row.deadline, today)
            counts.setdefault(row.school, Counter())[state] += 1
            if state == "overdue":
                overdue.setdefault(row.school, []).append(row)
    return counts, overdue


# -- access records -----------------------------------------------------------------------------
def list_access_page(k: Kernel, page: int = 1, per_page: int = 50, actor: str | None = None) -> Page:
    query = select(access).order_by(access.c.at.desc())
    if actor:
        query = query.where(access.c.actor == actor)
    with k.reading() as conn:
        return paginate(conn, query, page, per_page)
