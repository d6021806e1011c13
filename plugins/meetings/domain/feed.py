"""The calendar feed of a user (``AttendeeProfile``: the hash of the feed's token). Re-exported by
``plugins.meetings.domain``."""
from __future__ import annotations

from core.errors import N_

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from core.ids import natural_id
from plugins.meetings.domain.meeting_guards import MeetingError


@keeps_topics("plugins.meetings.domain")
class AttendeeProfile(Aggregate):
    """The hash of a user's calendar-feed token (the feed follows the member the account is linked to)."""

    @staticmethod
    def create_id(tenant: str, user_id: str, **_) -> UUID:
        return natural_id("meetings", "profile", tenant, user_id)

    @event("Opened")
    def __init__(self, tenant: str, user_id: str):
        self.user_id = user_id
        self.token_hash: str | None = None

    def issue_feed_token(self, token_hash: str) -> None:
        self._issue(token_hash=token_hash, replaced=self.token_hash is not None)

    @event("FeedTokenIssued")
    def _issue(self, token_hash: str, replaced: bool) -> None:
        self.token_hash = token_hash

    def revoke_feed_token(self) -> None:
        if self.token_hash is None:
            raise MeetingError(N_("没有可停用的日历订阅链接"))
        self._revoke()

    @event("FeedTokenRevoked")
    def _revoke(self) -> None:
        self.token_hash = None
