"""Server-side sessions (会话) in ``core_sessions``: start, find, touch, end.

The cookie holds a 256-bit random id and the table its SHA-256, so neither a copy of the table nor a
log line gives a usable cookie. A session ends at logout, when its owner or an administrator ends it,
after ``idle`` without a request, or ``lifetime`` after it began (whatever is done in it).
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from uuid import UUID

from sqlalchemy import delete, insert, or_, select, update

from core.db import sessions
from core.kernel import Kernel

TOUCH_EVERY = timedelta(seconds=60)  # last_seen is rewritten at most once a minute per session


@dataclass(frozen=True)
class Limits:
    idle: timedelta
    lifetime: timedelta

    def expired(self, row, now: datetime) -> bool:
        return now - aware(row.last_seen) > self.idle or now - aware(row.created_at) > self.lifetime


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # SQLite drops the zone


def hash_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def new_id() -> str:
    return secrets.token_urlsafe(32)


def find(k: Kernel, session_id: str):
    with k.reading() as conn:
        return conn.execute(select(sessions).where(sessions.c.id_hash == hash_id(session_id))).first()


def start(k: Kernel, session_id: str, user_id: UUID | None, data: str, remote_addr: str,
          user_agent: str) -> None:
    now = k.wall_now()
    with k.engine.begin() as conn:
        conn.execute(insert(sessions).values(
            id_hash=hash_id(session_id), public_id=secrets.token_hex(8), user_id=user_id,
            created_at=now, last_seen=now, remote_addr=remote_addr[:64], user_agent=user_agent[:300],
            data=data))


def save(k: Kernel, session_id: str, user_id: UUID | None, data: str) -> None:
    """Store the data of a live session; a session ended meanwhile stays ended (no row comes back)."""
    with k.engine.begin() as conn:
        conn.execute(update(sessions).where(sessions.c.id_hash == hash_id(session_id))
                     .values(user_id=user_id, data=data, last_seen=k.wall_now()))


def touch(k: Kernel, session_id: str) -> None:
    with k.engine.begin() as conn:
        conn.execute(update(sessions).where(sessions.c.id_hash == hash_id(session_id))
                     .values(last_seen=k.wall_now()))


def end(k: Kernel, session_id: str) -> None:
    with k.engine.begin() as conn:
        conn.execute(delete(sessions).where(sessions.c.id_hash == hash_id(session_id)))


def end_one_of(k: Kernel, user_id: UUID, public_id: str) -> bool:
    """End one of a user's sessions by its public id; False when it is not theirs or already over."""
    with k.engine.begin() as conn:
        return conn.execute(delete(sessions).where(sessions.c.user_id == user_id,
                                                   sessions.c.public_id == public_id)).rowcount > 0


def end_all_of(k: Kernel, user_id: UUID) -> int:
    """End every session of a user at once (password changed, account deactivated)."""
    with k.engine.begin() as conn:
        return conn.execute(delete(sessions).where(sessions.c.user_id == user_id)).rowcount


def purge_expired(k: Kernel, limits: Limits) -> None:
    now = k.wall_now()
    with k.engine.begin() as conn:
        conn.execute(delete(sessions).where(or_(sessions.c.last_seen < now - limits.idle,
                                                sessions.c.created_at < now - limits.lifetime)))


def list_of(k: Kernel, user_id: UUID, limits: Limits):
    """A user's live sessions, the most recently used first."""
    now = k.wall_now()
    with k.reading() as conn:
        rows = conn.execute(select(sessions).where(sessions.c.user_id == user_id)
                            .order_by(sessions.c.last_seen.desc())).all()
    return [r for r in rows if not limits.expired(r, now)]
