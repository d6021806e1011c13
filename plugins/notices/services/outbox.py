"""The outbox: every message to a person outside Zhibu is recorded (to, subject, when queued,
attempts, last error, when sent) before any attempt, and sent by ``zhibu worker`` through its channel.
A failed attempt is kept with its error and retried with backoff; nothing is dropped. Each message has
a ``key`` (the notice or the digest's week, the account and the channel), so it is queued once even
when two workers or a rebuild see the same notice again."""
from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import exc as sa_exc, insert, select, update

from core import context
from core.kernel import Kernel
from core.plugins import flatten
from plugins.notices import models as m, queries, rules
from plugins.notices.public import Message
from plugins.notices.services.inbox import send_reminder

logger = logging.getLogger("zhibu")


def channels(k: Kernel, tenant: str) -> dict:
    """The channels the school has (``zhibu_notice_channels``), by name."""
    return {c.name: c for c in flatten(k.hooks(tenant).zhibu_notice_channels(tenant=tenant))}


def _queue(k: Kernel, tenant: str, username: str, channel: str, key: str, address: str, subject: str,
           body: str) -> bool:
    now = k.now()
    try:
        with k.engine.begin() as conn:
            conn.execute(insert(m.outbox).values(
                tenant=tenant, username=username, channel=channel, key=key[:200], address=address,
                subject=subject[:300], body=body, queued_at=now, attempts=0, next_attempt_at=now))
        return True
    except sa_exc.IntegrityError:
        return False   # queued already


def _each_channel(k: Kernel, tenant: str, pref, make) -> int:
    queued = 0
    for channel in channels(k, tenant).values():
        address = channel.address(tenant, pref.username, pref)
        if address:
            for key, subject, body in make(channel.name):
                queued += _queue(k, tenant, pref.username, channel.name, key, address, subject, body)
    return queued


def queue_notices(k: Kernel, tenant: str) -> int:
    """Queue a message for each unread notice of an account that chose "each", created since it chose."""
    queued = 0
    for pref in queries.list_preferences(k, tenant, "each"):
        reader = queries.reader_of(k, tenant, pref.username)
        notices = queries.list_unread_since(k, tenant, reader, pref.since)
        if not notices:
            continue
        keys = {f"notice:{n.id}:{pref.username}" for n in notices}
        done = {key.rsplit(":", 1)[0] for key in queries.queued_keys(
            k, tenant, [f"{key}:{c}" for key in keys for c in channels(k, tenant)])}
        fresh = [n for n in notices if f"notice:{n.id}:{pref.username}" not in done]
        queued += _each_channel(k, tenant, pref, lambda channel: [
            (f"notice:{n.id}:{pref.username}:{channel}", n.title, n.body) for n in fresh])
    return queued


def queue_digests(k: Kernel, tenant: str, today: date) -> int:
    """On Mondays: each account that chose the weekly digest gets its unread notices of the past week
    (for a secretary that includes the daily reminders of what is due)."""
    if not rules.digest_day(today):
        return 0
    week, queued = rules.week_of(today), 0
    since = k.now() - timedelta(days=7)
    for pref in queries.list_preferences(k, tenant, "weekly"):
        reader = queries.reader_of(k, tenant, pref.username)
        notices = [{"created": n.created_at.date().isoformat(), "title": n.title}
                   for n in queries.list_unread_since(k, tenant, reader, since)]
        if not notices:
            continue
        subject, body = rules.digest(today, notices)
        queued += _each_channel(k, tenant, pref, lambda channel: [
            (f"digest:{week}:{pref.username}:{channel}", subject, body)])
    return queued


def deliver(k: Kernel, tenant: str) -> tuple[int, int]:
    """Attempt every message that is due; (sent, failed)."""
    now, sent, failed = k.now(), 0, 0
    known = channels(k, tenant)
    with k.reading() as conn:
        due = conn.execute(select(m.outbox).where(m.outbox.c.tenant == tenant, m.outbox.c.sent_at.is_(None),
                                                  m.outbox.c.next_attempt_at <= now)
                           .order_by(m.outbox.c.next_attempt_at, m.outbox.c.id)).all()
    for row in due:
        attempts = row.attempts + 1
        try:
            channel = known.get(row.channel)
            if channel is None:
                raise LookupError(f"channel {row.channel!r} is not available at this school")
            channel.send(Message(tenant=tenant, username=row.username, to=row.address, subject=row.subject,
                                 body=row.body))
        except Exception as exc:  # noqa: BLE001  (any failure is recorded and retried)
            failed += 1
            values = {"last_error": f"{type(exc).__name__}: {exc}"[:500],
                      "next_attempt_at": now + rules.backoff(attempts)}
        else:
            sent += 1
            values = {"sent_at": now, "last_error": None}
        with k.engine.begin() as conn:
            conn.execute(update(m.outbox).where(m.outbox.c.id == row.id, m.outbox.c.tenant == tenant)
                         .values(attempts=attempts, last_attempt_at=now, **values))
    return sent, failed


def run_delivery(k: Kernel) -> None:
    """``zhibu worker``: at every school with notices, the day's reminder, then queue and send."""
    today = k.today()
    for tenant in k.tenant_slugs():
        if "notices" not in k.enabled_plugins(tenant):
            continue
        try:
            with context.acting(context.system("notices", source="worker", tenant=tenant)):
                send_reminder(k, tenant, today)
            queue_notices(k, tenant)
            queue_digests(k, tenant, today)
            deliver(k, tenant)
        except Exception:  # noqa: BLE001  (one school's trouble must not stop the others)
            logger.exception("notices: delivery at %s failed; it runs again next round", tenant)
