"""Read side of notices: a user's inbox and unread count, one notice, its receipts, the notices a
school sent, delivery choices and the outbox. Every statement filters by tenant first."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import and_, func, literal, select, union

from core.auth.models import role_grants, users
from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.notices import models as m


@dataclass(frozen=True)
class Reader:
    """Who is reading: the account, the member it is linked to at the school (or None), its roles there."""

    username: str
    member_id: UUID | None
    roles: frozenset


def _addressed(tenant: str, reader: Reader):
    """The ids of the notices addressed to this reader (as a member or through a role)."""
    parts = []
    if reader.member_id is not None:
        parts.append(select(m.recipients.c.notice_id).where(m.recipients.c.tenant == tenant,
                                                            m.recipients.c.member_id == reader.member_id))
    if reader.roles:
        parts.append(select(m.recipients.c.notice_id).where(m.recipients.c.tenant == tenant,
                                                            m.recipients.c.role.in_(sorted(reader.roles))))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else union(*parts)


def _inbox_query(tenant: str, reader: Reader, unread_only: bool = False):
    addressed = _addressed(tenant, reader)
    if addressed is None:
        return None
    q = (select(m.notices, m.receipts.c.read_at)
         .outerjoin(m.receipts, and_(m.receipts.c.tenant == tenant, m.receipts.c.notice_id == m.notices.c.id,
                                     m.receipts.c.username == reader.username))
         .where(m.notices.c.tenant == tenant, m.notices.c.id.in_(addressed)))
    if unread_only:
        q = q.where(m.receipts.c.read_at.is_(None))
    return q


def list_inbox(k: Kernel, tenant: str, reader: Reader, page: int = 1, per_page: int = 20,
               unread_only: bool = False) -> Page:
    q = _inbox_query(tenant, reader, unread_only)
    if q is None:
        return Page(items=[], page=1, per_page=per_page, total=0)
    with k.reading() as conn:
        return paginate(conn, q.order_by(m.notices.c.created_at.desc(), m.notices.c.id), page, per_page)


def unread_ids(k: Kernel, tenant: str, reader: Reader) -> list[UUID]:
    q = _inbox_query(tenant, reader, unread_only=True)
    if q is None:
        return []
    with k.reading() as conn:
        return [r.id for r in conn.execute(q)]


def count_unread(k: Kernel, tenant: str, reader: Reader) -> int:
    q = _inbox_query(tenant, reader, unread_only=True)
    if q is None:
        return 0
    with k.reading() as conn:
        return conn.scalar(select(func.count()).select_from(q.subquery())) or 0


def get_notice(k: Kernel, tenant: str, notice_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(m.notices).where(m.notices.c.tenant == tenant,
                                                    m.notices.c.id == notice_id)).first()


def is_addressed(k: Kernel, tenant: str, notice_id: UUID, reader: Reader) -> bool:
    addressed = _addressed(tenant, reader)
    if addressed is None:
        return False
    with k.reading() as conn:
        return notice_id in {r[0] for r in conn.execute(addressed)}


def read_at(k: Kernel, tenant: str, notice_id: UUID, username: str):
    with k.reading() as conn:
        return conn.scalar(select(m.receipts.c.read_at).where(
            m.receipts.c.tenant == tenant, m.receipts.c.notice_id == notice_id, m.receipts.c.username == username))


@dataclass(frozen=True)
class Receipt:
    name: str
    username: str | None
    read_at: object


def list_receipts(k: Kernel, tenant: str, notice_id: UUID) -> list[Receipt]:
    """Everyone a notice is addressed to, with when they read it (None: not yet). A member is one
    person whichever account read it; a role means every account holding it at the school now."""
    out: dict[str, Receipt] = {}
    with k.reading() as conn:
        reads = conn.execute(select(m.receipts).where(m.receipts.c.tenant == tenant,
                                                      m.receipts.c.notice_id == notice_id)).all()
        by_member = {r.member_id: r for r in reads if r.member_id}
        by_user = {r.username: r for r in reads}
        for r in conn.execute(select(m.recipients).where(m.recipients.c.tenant == tenant,
                                                         m.recipients.c.notice_id == notice_id)
                              .order_by(m.recipients.c.position)):
            if r.member_id is not None:
                read = by_member.get(r.member_id)
                out[f"m:{r.member_id}"] = Receipt(r.name or "", read.username if read else None,
                                                  read.read_at if read else None)
            elif r.role:
                for u in conn.execute(select(users.c.username, users.c.display_name)
                                      .join(role_grants, role_grants.c.user_id == users.c.id)
                                      .where(role_grants.c.tenant == tenant, role_grants.c.role == r.role,
                                             users.c.active.is_(True))
                                      .order_by(users.c.username)):
                    read = by_user.get(u.username)
                    out.setdefault(f"u:{u.username}", Receipt(u.display_name, u.username,
                                                             read.read_at if read else None))
    return list(out.values())


def list_sent(k: Kernel, tenant: str, page: int = 1, per_page: int = 20, source_id: UUID | None = None) -> Page:
    """The school's notices, newest first, with how many receipts each has."""
    read = (select(func.count()).where(m.receipts.c.tenant == tenant, m.receipts.c.notice_id == m.notices.c.id)
            .scalar_subquery())
    q = select(m.notices, read.label("read")).where(m.notices.c.tenant == tenant)
    if source_id is not None:
        q = q.where(m.notices.c.source_id == source_id)
    with k.reading() as conn:
        return paginate(conn, q.order_by(m.notices.c.created_at.desc(), m.notices.c.id), page, per_page)


def get_preferences(k: Kernel, tenant: str, username: str):
    with k.reading() as conn:
        return conn.execute(select(m.preferences).where(m.preferences.c.tenant == tenant,
                                                        m.preferences.c.username == username)).first()


def list_preferences(k: Kernel, tenant: str, delivery: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(m.preferences).where(m.preferences.c.tenant == tenant,
                                                        m.preferences.c.delivery == delivery)
                            .order_by(m.preferences.c.username)).all()


def list_outbox(k: Kernel, tenant: str, username: str | None = None, limit: int = 50) -> list:
    q = select(m.outbox).where(m.outbox.c.tenant == tenant)
    if username is not None:
        q = q.where(m.outbox.c.username == username)
    with k.reading() as conn:
        return conn.execute(q.order_by(m.outbox.c.queued_at.desc(), m.outbox.c.id.desc()).limit(limit)).all()


def queued_keys(k: Kernel, tenant: str, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    with k.reading() as conn:
        return {r[0] for r in conn.execute(select(m.outbox.c.key).where(m.outbox.c.key.in_(keys)))}


def has_reminder(k: Kernel, tenant: str, day) -> bool:
    with k.reading() as conn:
        return conn.execute(select(literal(1)).where(m.reminders.c.tenant == tenant,
                                                     m.reminders.c.day == day.isoformat())).first() is not None


def roles_of(k: Kernel, tenant: str, username: str) -> frozenset:
    """The roles an account holds at the school."""
    with k.reading() as conn:
        return frozenset(r[0] for r in conn.execute(
            select(role_grants.c.role).join(users, users.c.id == role_grants.c.user_id)
            .where(role_grants.c.tenant == tenant, users.c.username == username)))


def reader_of(k: Kernel, tenant: str, username: str, roles=None) -> Reader:
    """The reader an account is at a school: its linked member (the registry says, through
    ``zhibu_linked_member``) and its roles there."""
    member = k.hooks(tenant).zhibu_linked_member(tenant=tenant, username=username)
    return Reader(username=username, member_id=UUID(str(member)) if member else None,
                  roles=frozenset(roles) if roles is not None else roles_of(k, tenant, username))


def list_unread_since(k: Kernel, tenant: str, reader: Reader, since) -> list:
    """Unread notices of the reader created at or after ``since``, oldest first."""
    q = _inbox_query(tenant, reader, unread_only=True)
    if q is None:
        return []
    with k.reading() as conn:
        return conn.execute(q.where(m.notices.c.created_at >= since)
                            .order_by(m.notices.c.created_at, m.notices.c.id)).all()
