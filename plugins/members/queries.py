"""Read side of the member registry (over models.py)."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import and_, or_, select

from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.members.models import history, members
from plugins.members.rules import ON_ROLL

FILTERS = ("gender", "ethnicity", "education", "category", "status", "party_group", "job_post", "title")


def find_by_id_number(k: Kernel, tenant: str, id_number: str) -> UUID | None:
    with k.engine.connect() as conn:
        return conn.scalar(select(members.c.id).where(members.c.tenant == tenant,
                                                      members.c.id_number == id_number.upper()))


def get_member(k: Kernel, tenant: str, member_id: UUID):
    with k.engine.connect() as conn:
        return conn.execute(select(members).where(members.c.tenant == tenant,
                                                  members.c.id == member_id)).first()


def member_query(tenant: str, q: str | None = None, on_roll: bool | None = None, **filters):
    query = select(members).where(members.c.tenant == tenant)
    if q:
        like = f"%{q.strip()}%"
        query = query.where(or_(members.c.name.like(like), members.c.job_post.like(like),
                                members.c.party_group.like(like)))
    if on_roll is True:
        query = query.where(members.c.status.in_(ON_ROLL))
    for name in FILTERS:
        value = filters.get(name)
        if value:
            query = query.where(getattr(members.c, name) == value)
    for name, op in (("joined_from", ">="), ("joined_to", "<=")):
        value = filters.get(name)
        if value:
            query = query.where(members.c.joined_on >= value if op == ">=" else members.c.joined_on <= value)
    return query.order_by(members.c.name, members.c.id)


def list_members_page(k: Kernel, tenant: str, page: int = 1, per_page: int = 50, **criteria) -> Page:
    with k.engine.connect() as conn:
        return paginate(conn, member_query(tenant, **criteria), page, per_page)


def list_members(k: Kernel, tenant: str, statuses=ON_ROLL) -> list:
    with k.engine.connect() as conn:
        return conn.execute(select(members).where(members.c.tenant == tenant,
                                                  members.c.status.in_(list(statuses)))
                            .order_by(members.c.name)).all()


def member_history(k: Kernel, tenant: str, member_id: UUID) -> list:
    with k.engine.connect() as conn:
        return conn.execute(select(history).where(and_(history.c.tenant == tenant,
                                                       history.c.member_id == member_id))
                            .order_by(history.c.version)).all()


def distinct_values(k: Kernel, tenant: str, column: str) -> list[str]:
    col = getattr(members.c, column)
    with k.engine.connect() as conn:
        return [v for v in conn.scalars(select(col).where(members.c.tenant == tenant).distinct()
                                        .order_by(col)) if v]
