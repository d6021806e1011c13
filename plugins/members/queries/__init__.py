"""Read side of the member registry (over models.py); the roll on a past day is in ``asof``."""
from __future__ import annotations

from collections import Counter
from datetime import date
from uuid import UUID

from sqlalchemy import and_, bindparam, func, or_, select

from core.kernel import Kernel
from core.projections.rows import fetch_direct
from core.pagination import Page, paginate
from plugins.members import rules
from plugins.members.models import (
    accounts, groups, history, imports, members, organisation, personal_reads, sanctions, seats,
    transfers,
)
from plugins.members.queries.asof import (  # noqa: F401  (re-exported)
    AXES, as_row, aware, end_of_day, members_as_of, movements_in, roster_as_of, roster_on, statistics,
)
from plugins.members.rules import ON_ROLL

FILTERS = ("gender", "ethnicity", "education", "category", "status", "party_group", "job_post", "title")


# Asked before every registration: built once, so a command pays for the query alone.
_BY_ID_NUMBER = select(members.c.id).where(members.c.tenant == bindparam("tenant"),
                                           members.c.id_number == bindparam("id_number"))


def find_by_id_number(k: Kernel, tenant: str, id_number: str) -> UUID | None:
    with k.reading() as conn:
        return conn.scalar(_BY_ID_NUMBER, {"tenant": tenant, "id_number": id_number.upper()})


def rows_with_id_number(k: Kernel, id_number: str) -> list:
    """Everyone (any school, any status) with this ID number, as the read model shows them: what a
    district roll claim is opened from the first time it is needed."""
    with k.reading() as conn:
        return fetch_direct(conn, _ROWS_WITH_ID_NUMBER, {"id_number": id_number.upper()})


# Built once: every registration of a new person asks it (through an index on the ID number).
_ROWS_WITH_ID_NUMBER = (select(members.c.tenant, members.c.id, members.c.status)
                        .where(members.c.id_number == bindparam("id_number"))
                        .order_by(members.c.tenant, members.c.id))


def id_numbers(k: Kernel, tenant: str) -> set[str]:
    """Every ID number on this branch's register (for checking an import in one query)."""
    with k.reading() as conn:
        return {n for n in conn.scalars(select(members.c.id_number).where(members.c.tenant == tenant)) if n}


def get_member(k: Kernel, tenant: str, member_id: UUID):
    with k.reading() as conn:
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
    for name, column in (("born_from", members.c.birth_date), ("born_to", members.c.birth_date),
                         ("converted_from", members.c.converted_on), ("converted_to", members.c.converted_on)):
        value = filters.get(name)
        if value:
            query = query.where(column >= value if name.endswith("_from") else column <= value)
    return query.order_by(members.c.name, members.c.id)


def list_members_page(k: Kernel, tenant: str, page: int = 1, per_page: int = 50, **criteria) -> Page:
    with k.reading() as conn:
        return paginate(conn, member_query(tenant, **criteria), page, per_page)


def list_members(k: Kernel, tenant: str, statuses=ON_ROLL) -> list:
    with k.reading() as conn:
        return conn.execute(select(members).where(members.c.tenant == tenant,
                                                  members.c.status.in_(list(statuses)))
                            .order_by(members.c.name)).all()


def list_names_and_joining(k: Kernel, tenant: str, statuses=ON_ROLL) -> list:
    """(id, name, joined_on) of the members with the given statuses, by name: the narrow read of a roll."""
    with k.reading() as conn:
        return conn.execute(select(members.c.id, members.c.name, members.c.joined_on)
                            .where(members.c.tenant == tenant, members.c.status.in_(list(statuses)))
                            .order_by(members.c.name)).all()


def member_history(k: Kernel, tenant: str, member_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(history).where(and_(history.c.tenant == tenant,
                                                       history.c.member_id == member_id))
                            .order_by(history.c.version)).all()


def distinct_values(k: Kernel, tenant: str, column: str) -> list[str]:
    col = getattr(members.c, column)
    with k.reading() as conn:
        return [v for v in conn.scalars(select(col).where(members.c.tenant == tenant).distinct()
                                        .order_by(col)) if v]


def list_new_members(k: Kernel, tenant: str, year: int) -> list:
    """Members admitted (joined) during ``year``, by joining date."""
    with k.reading() as conn:
        return conn.execute(select(members).where(
            members.c.tenant == tenant, members.c.joined_on >= date(year, 1, 1),
            members.c.joined_on <= date(year, 12, 31)).order_by(members.c.joined_on, members.c.name)).all()


def personal_reads_of(k: Kernel, tenant: str, member_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(personal_reads).where(personal_reads.c.tenant == tenant,
                                                         personal_reads.c.member_id == member_id)
                            .order_by(personal_reads.c.at.desc())).all()


def sanctions_of(k: Kernel, tenant: str, member_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(sanctions).where(sanctions.c.tenant == tenant,
                                                    sanctions.c.member_id == member_id)
                            .order_by(sanctions.c.starts_on)).all()


def sanctions_between(k: Kernel, tenant: str, first: date, last: date) -> dict[str, int]:
    """Sanctions (处分) given between two days, by the day they took effect: kind → count."""
    with k.reading() as conn:
        rows = conn.execute(select(sanctions.c.kind, func.count()).where(
            sanctions.c.tenant == tenant, sanctions.c.starts_on >= first, sanctions.c.starts_on <= last)
            .group_by(sanctions.c.kind)).all()
    return {kind: n for kind, n in rows}


def under_party_probation(k: Kernel, tenant: str, member_id: UUID, on: date) -> bool:
    with k.reading() as conn:
        return bool(conn.scalar(select(func.count()).select_from(sanctions).where(
            sanctions.c.tenant == tenant, sanctions.c.member_id == member_id,
            sanctions.c.kind == rules.PARTY_PROBATION, sanctions.c.starts_on <= on,
            sanctions.c.ends_on >= on)))


# -- organisation ------------------------------------------------------------------------
def get_organisation(k: Kernel, tenant: str):
    with k.reading() as conn:
        return conn.execute(select(organisation).where(organisation.c.tenant == tenant)).first()


def committee_on(k: Kernel, tenant: str, on: date) -> list:
    """Seats held on ``on``: taken up by then and not yet ended (a term runs until the next election)."""
    order = {p: i for i, p in enumerate(rules.POSTS)}
    with k.reading() as conn:
        rows = conn.execute(select(seats).where(
            seats.c.tenant == tenant, seats.c.since <= on,
            or_(seats.c.ended_on.is_(None), seats.c.ended_on > on))).all()
    return sorted(rows, key=lambda r: (order.get(r.post, 99), r.name))


def seat_history(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(seats).where(seats.c.tenant == tenant)
                            .order_by(seats.c.term_start.desc(), seats.c.since, seats.c.id)).all()


def list_groups(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(groups).where(groups.c.tenant == tenant).order_by(groups.c.name)).all()


def group_rolls(k: Kernel, tenant: str) -> dict[str, list[UUID]]:
    """Party group name → ids of members on the roll, for every registered group and every group
    named on a member's record."""
    out: dict[str, list[UUID]] = {g.name: [] for g in list_groups(k, tenant)}
    for row in list_members(k, tenant):
        if row.party_group:
            out.setdefault(row.party_group, []).append(row.id)
    return out


# -- transfers -----------------------------------------------------------------------------
def list_transfers(k: Kernel, tenant: str, direction: str | None = None) -> list:
    query = select(transfers).where(transfers.c.tenant == tenant)
    if direction:
        query = query.where(transfers.c.direction == direction)
    with k.reading() as conn:
        return conn.execute(query.order_by(transfers.c.issued_on.desc(), transfers.c.letter_no)).all()


def get_transfer(k: Kernel, tenant: str, transfer_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(transfers).where(transfers.c.tenant == tenant,
                                                    transfers.c.id == transfer_id)).first()


def overdue_transfers(k: Kernel, tenant: str, today: date) -> list:
    with k.reading() as conn:
        return conn.execute(select(transfers).where(
            transfers.c.tenant == tenant, transfers.c.direction == "out",
            transfers.c.receipt_returned_on.is_(None), transfers.c.valid_until < today)
            .order_by(transfers.c.valid_until)).all()


def list_imports(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(imports).where(imports.c.tenant == tenant)
                            .order_by(imports.c.at.desc())).all()


def lost_contact_since(k: Kernel, tenant: str, before: date) -> list:
    """Members recorded as lost contact (失联) since on or before ``before``."""
    with k.reading() as conn:
        return conn.execute(select(members).where(
            members.c.tenant == tenant, members.c.status == "lost_contact",
            members.c.status_since <= before).order_by(members.c.status_since)).all()


def counts(k: Kernel, tenant: str) -> Counter:
    with k.reading() as conn:
        return Counter(dict(conn.execute(select(members.c.status, func.count())
                                         .where(members.c.tenant == tenant)
                                         .group_by(members.c.status)).all()))


# -- account links ---------------------------------------------------------------------------
def member_for_user(k: Kernel, tenant: str, username: str) -> UUID | None:
    """The member a login account is linked to at this school, or None."""
    if not username:
        return None
    with k.reading() as conn:
        return conn.scalar(select(accounts.c.member_id).where(accounts.c.tenant == tenant,
                                                              accounts.c.username == username))


def account_of(k: Kernel, tenant: str, member_id: UUID):
    """The account row (username, version, linked_at) linked to a member, or None."""
    with k.reading() as conn:
        return conn.execute(select(accounts).where(accounts.c.tenant == tenant, accounts.c.member_id == member_id)
                            .order_by(accounts.c.username)).first()


def list_accounts(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(accounts).where(accounts.c.tenant == tenant)
                            .order_by(accounts.c.username)).all()
