"""Pure rules of district oversight: inspection scope, rectification deadlines, seal arithmetic.

DOMAIN.md names no national rule for inspections; the rectification period (整改期限) is a local
practice, so it is a versioned table here and a setting (``default_deadline_days``).
"""
from __future__ import annotations

import hashlib
import hmac
import struct
from datetime import date, timedelta

# -- findings (督查发现) and rectification (整改) ---------------------------------------------
FINDING_STATUSES: dict[str, str] = {"open": "待整改", "answered": "已反馈待审核", "closed": "已销号"}

# (effective from, default days to rectify) — local practice, newest last. [local]
RECTIFICATION_DAYS: list[tuple[date, int]] = [(date(2018, 1, 1), 30)]


def default_deadline_days(on: date, table=RECTIFICATION_DAYS) -> int:
    days = table[0][1]
    for since, value in table:
        if on >= since:
            days = value
    return days


def default_deadline(recorded_on: date, days: int | None = None) -> date:
    return recorded_on + timedelta(days=days if days is not None else default_deadline_days(recorded_on))


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    """Overdue: no rectification answered yet and the deadline has passed."""
    return status == "open" and deadline is not None and deadline < today


def finding_state(status: str, deadline: date | None, today: date) -> str:
    """open / overdue / answered / closed, as the district counts them."""
    return "overdue" if is_overdue(status, deadline, today) else status


# -- inspection scope (督查任务) --------------------------------------------------------------
def covers(schools, starts_on: date, ends_on: date, revoked: bool, school: str, day: date) -> bool:
    """An assignment lets its inspector see ``school`` on ``day``: listed, in range, not revoked."""
    return not revoked and school in (schools or ()) and starts_on <= day <= ends_on


# -- seal arithmetic (封存) -------------------------------------------------------------------
SEAL_VERSION = b"zhibu-seal-v1"


def row_digest(notification_id: int, originator_id, version: int, topic: str, state: bytes) -> str:
    """A digest of one stored notification: its position, identity, type and exact bytes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(struct.pack(">q", int(notification_id)))
    for part in (str(originator_id).encode(), str(int(version)).encode(), topic.encode(), bytes(state)):
        h.update(struct.pack(">I", len(part)))
        h.update(part)
    return h.hexdigest()


def genesis(log: str) -> str:
    return hashlib.sha256(SEAL_VERSION + b":" + log.encode()).hexdigest()


def chain_step(previous: str, digest: str) -> str:
    """The running hash after one more notification."""
    return hashlib.sha256(bytes.fromhex(previous) + bytes.fromhex(digest)).hexdigest()


def checkpoint_message(log: str, last_id: int, count: int, chain_hash: str, sealed_at: str,
                       last_event_at: str | None) -> bytes:
    return "|".join([SEAL_VERSION.decode(), log, str(last_id), str(count), chain_hash, sealed_at,
                     last_event_at or ""]).encode()


def sign(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signature_ok(key: bytes, message: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key, message), signature or "")


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"key-id:" + key).hexdigest()[:16]
