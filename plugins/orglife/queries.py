"""Read-side functions over orglife_* tables (every statement filters by tenant first), and the
district's list of every branch's term, read from the schools' summaries (core.summaries)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import select

from core import summaries
from core.kernel import Kernel
from core.tenancy import queries as tenancy
from plugins.orglife import models as m

OPEN = ("open", "in_progress")


def list_statements(k: Kernel, tenant: str, meeting_id=None, member_id=None) -> list:
    query = select(m.statements).where(m.statements.c.tenant == tenant)
    if meeting_id is not None:
        query = query.where(m.statements.c.meeting_id == str(meeting_id))
    if member_id is not None:
        query = query.where(m.statements.c.member_id == str(member_id))
    with k.reading() as conn:
        return conn.execute(query.order_by(m.statements.c.author)).all()


def get_statement(k: Kernel, tenant: str, statement_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(m.statements).where(m.statements.c.tenant == tenant,
                                                       m.statements.c.id == statement_id)).first()


def get_record(k: Kernel, tenant: str, meeting_id):
    with k.reading() as conn:
        return conn.execute(select(m.records).where(m.records.c.tenant == tenant,
                                                    m.records.c.meeting_id == str(meeting_id))).first()


def list_rectifications(k: Kernel, tenant: str, meeting_id=None, open_only: bool = False) -> list:
    query = select(m.rectifications).where(m.rectifications.c.tenant == tenant)
    if open_only:
        query = query.where(m.rectifications.c.status.in_(OPEN))
    if meeting_id is not None:
        query = query.where(m.rectifications.c.meeting_id == str(meeting_id))
    with k.reading() as conn:
        return conn.execute(query.order_by(m.rectifications.c.deadline, m.rectifications.c.item)).all()


def open_rectifications(k: Kernel, tenant: str) -> list:
    """Items not closed yet, by deadline (the alerts, the widget and the district figure share it)."""
    return k.per_request(("orglife.open", tenant), lambda: list_rectifications(k, tenant, open_only=True))


def get_rectification(k: Kernel, tenant: str, item_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(m.rectifications).where(m.rectifications.c.tenant == tenant,
                                                           m.rectifications.c.id == item_id)).first()


def find_file(k: Kernel, tenant: str, sha256: str):
    """A file given as evidence of a closed item of this school: {"name", "content_type"} or None."""
    with k.reading() as conn:
        rows = conn.execute(select(m.rectifications.c.evidence).where(
            m.rectifications.c.tenant == tenant, m.rectifications.c.status == "closed")).all()
    for (evidence,) in rows:
        for f in (evidence or {}).get("files", ()):
            if f["sha256"] == sha256:
                return f
    return None


def list_elections(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(m.elections).where(m.elections.c.tenant == tenant)
                            .order_by(m.elections.c.held_on.desc())).all()


def get_election(k: Kernel, tenant: str, meeting_id):
    with k.reading() as conn:
        return conn.execute(select(m.elections).where(m.elections.c.tenant == tenant,
                                                      m.elections.c.meeting_id == str(meeting_id))).first()


def _day(figure):
    """A term figure's date (None when the school has no term recorded)."""
    value = getattr(figure, "value", None)
    return value if isinstance(value, date) else None


# -- the district ------------------------------------------------------------------------------
def district_terms(k: Kernel, slugs_allowed=None) -> list[dict]:
    """Every school (that the caller may see) with its term as its orglife summary holds it: a fixed
    number of statements for any number of schools."""
    with k.reading() as conn:
        schools = tenancy.list_schools(conn)
    if slugs_allowed is not None:
        schools = [s for s in schools if slugs_allowed(s.slug)]
    figures, _alerts = summaries.read(k, [s.slug for s in schools])
    out = []
    for school in schools:
        mine = figures.get(school.slug, {})
        start, end = mine.get("orglife.term_start"), mine.get("orglife.term_end")
        if end is None:        # orglife not enabled at this school
            continue
        out.append({"slug": school.slug, "name": school.name,
                    "term_start": _day(start), "term_end": _day(end),
                    "status": end.status, "open_items": getattr(mine.get("orglife.open_items"), "value", 0)})
    return out
