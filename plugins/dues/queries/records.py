"""Plain reads of the dues records a page lists: a member's bases and reliefs, the school's bases and
remittances, dues paid elsewhere (one indexed statement each; ``plugins.dues.queries`` re-exports them)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import and_, select

from core.kernel import Kernel
from plugins.dues.models import bases, elsewhere, reliefs, remittances


def member_bases(k: Kernel, tenant: str, member_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(bases).where(bases.c.tenant == tenant, bases.c.member_id == member_id)
                            .order_by(bases.c.starts, bases.c.version)).all()


def list_bases(k: Kernel, tenant: str, year: int | None = None) -> list:
    with k.reading() as conn:
        query = select(bases).where(bases.c.tenant == tenant, bases.c.current.is_(True))
        if year:
            query = query.where(bases.c.year == year)
        return conn.execute(query.order_by(bases.c.member_id, bases.c.starts)).all()


def member_reliefs(k: Kernel, tenant: str, member_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(reliefs).where(reliefs.c.tenant == tenant, reliefs.c.member_id == member_id)
                            .order_by(reliefs.c.first_month)).all()


def list_remittances(k: Kernel, tenant: str, year: int | None = None) -> list:
    with k.reading() as conn:
        query = select(remittances).where(remittances.c.tenant == tenant)
        if year:
            query = query.where(and_(remittances.c.remitted_on >= date(year, 1, 1),
                                     remittances.c.remitted_on <= date(year, 12, 31)))
        return conn.execute(query.order_by(remittances.c.remitted_on.desc())).all()


def get_remittance(k: Kernel, tenant: str, remittance_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(remittances).where(remittances.c.tenant == tenant,
                                                      remittances.c.id == remittance_id)).first()


def member_elsewhere(k: Kernel, tenant: str, member_id: UUID) -> list:
    """Dues a member away paid where they are (流入地党组织), by the day paid: one indexed read."""
    t = elsewhere
    with k.reading() as conn:
        return list(conn.execute(select(t).where(t.c.tenant == tenant, t.c.member_id == member_id)
                                 .order_by(t.c.paid_on, t.c.key)))
