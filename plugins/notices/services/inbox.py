"""Receipts (阅读回执), delivery choices and the daily reminder: events in the school's log, stamped
with who did it, so who read what and when is audited like every other act."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.kernel import Kernel
from core.plugins import flatten
from plugins.notices import queries, rules
from plugins.notices.domain import Inbox, Reminder, inbox_id, reminder_id
from plugins.notices.queries import Reader


def _inbox(k: Kernel, tenant: str, username: str) -> Inbox:
    return k.get_or_none(tenant, inbox_id(tenant, username), Inbox) or Inbox(tenant=tenant, username=username)


def mark_read(k: Kernel, tenant: str, reader: Reader, notice_ids: list[UUID]) -> int:
    """Mark notices addressed to the reader as read; how many were unread. A notice not addressed to
    the reader is not found (the reader cannot learn that it exists)."""
    for notice_id in notice_ids:
        if not queries.is_addressed(k, tenant, notice_id, reader):
            raise NotFoundError(N_("没有这条通知"))
    inbox = _inbox(k, tenant, reader.username)
    new = len(inbox.unread_of(notice_ids))
    if inbox.mark_read(notice_ids, reader.member_id):
        k.save(tenant, inbox)
    return new


def mark_all_read(k: Kernel, tenant: str, reader: Reader) -> int:
    unread = queries.unread_ids(k, tenant, reader)
    if not unread:
        return 0
    inbox = _inbox(k, tenant, reader.username)
    new = len(inbox.unread_of(unread))
    if inbox.mark_read(unread, reader.member_id):
        k.save(tenant, inbox)
    return new


def choose_delivery(k: Kernel, tenant: str, username: str, email: str, delivery: str,
                    expected_version: int | None = None) -> Inbox:
    """The account's e-mail address and how it wants notices: each by e-mail, a weekly digest, none."""
    inbox = _inbox(k, tenant, username)
    check_version(inbox, expected_version)
    inbox.choose_delivery(email, delivery)
    k.save(tenant, inbox)
    return inbox


def send_reminder(k: Kernel, tenant: str, today: date) -> Reminder | None:
    """The day's reminder of what is due, from the school's own alerts (warnings and overdue items),
    for its secretaries; once a day, only when something is due, and not when the school switched
    reminders off (setting ``reminders``)."""
    if not k.settings(tenant, "notices")["reminders"] or k.exists(tenant, reminder_id(tenant, today)):
        return None
    alerts = [a for a in flatten(k.hooks(tenant).zhibu_alerts(tenant=tenant, today=today))
              if a.level in rules.REMINDER_LEVELS]
    if not alerts:
        return None
    items = [{"text": str(a.text), "level": a.level, "source": a.source} for a in alerts]
    reminder = Reminder(tenant=tenant, day=today, items=items, roles=list(rules.REMINDER_ROLES))
    k.save(tenant, reminder)
    return reminder
