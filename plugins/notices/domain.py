"""Aggregates of notices (通知与回执).

- ``Inbox`` (收件箱, the school's log): one login account at one school; which notices it has read and
  when (阅读回执: a receipt is an event, so who read what when is in the audit log like every other
  act), and how it wants notices delivered (each by e-mail, a weekly digest, or only in Zhibu).
- ``Reminder`` (到期提醒, the school's log): the worker's daily reminder of what is due at a school, taken
  from the school's alerts, for its secretaries.

Notices themselves are not aggregates: they are what other plugins' events mean for people (a
meeting scheduled, a task issued, a member's record changed), projected by ``projections``.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from core.ids import natural_id
from plugins.notices import rules


class NoticesError(DomainError):
    pass


def inbox_id(tenant: str, username: str) -> UUID:
    return natural_id("notices", "inbox", tenant, username)


def reminder_id(tenant: str, day: date) -> UUID:
    return natural_id("notices", "reminder", tenant, day.isoformat())


class Inbox(Aggregate):
    """One account's inbox at one school: its read receipts and its delivery choice."""

    snapshot_interval = 100

    @staticmethod
    def create_id(tenant: str, username: str, **_) -> UUID:
        return inbox_id(tenant, username)

    @event("Opened")
    def __init__(self, tenant: str, username: str):
        self.username = username
        self.read: dict = {}          # notice id → True
        self.email = ""
        self.delivery = "none"

    def unread_of(self, notice_ids: list) -> list[str]:
        return [str(n) for n in dict.fromkeys(str(n) for n in notice_ids) if str(n) not in self.read]

    def mark_read(self, notice_ids: list, member_id: UUID | None) -> bool:
        """Record that the account read these notices; False (no event) when all were read already."""
        new = self.unread_of(notice_ids)
        if not new:
            return False
        self._read(username=self.username, notices=new, member_id=str(member_id) if member_id else None)
        return True

    @event("Read")
    def _read(self, username: str, notices: list, member_id: str | None) -> None:
        for notice in notices:
            self.read[notice] = True

    def choose_delivery(self, email: str, delivery: str) -> None:
        email = (email or "").strip()
        problem = rules.delivery_problem(email, delivery)
        if problem:
            raise NoticesError(problem[1], field=problem[0])
        if (email, delivery) == (self.email, self.delivery):
            raise NoticesError(N_("设置没有变化"), field="delivery")
        self._delivery(username=self.username, email=email, delivery=delivery,
                       before={"email": self.email, "delivery": self.delivery})

    @event("DeliveryChosen")
    def _delivery(self, username: str, email: str, delivery: str, before: dict) -> None:
        self.email, self.delivery = email, delivery


class Reminder(Aggregate):
    """The day's reminder of what is due at a school (one per school and day)."""

    @staticmethod
    def create_id(tenant: str, day: date, **_) -> UUID:
        return reminder_id(tenant, day)

    @event("Sent")
    def __init__(self, tenant: str, day: date, items: list, roles: list):
        self.day = day
        self.items = [dict(i) for i in items]
        self.roles = list(roles)


AGGREGATES = (Inbox, Reminder)
