"""Which member a login account is (账号关联). Re-exported by ``plugins.members.domain``."""
from __future__ import annotations

from core.errors import N_

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from core.ids import natural_id
from plugins.members.domain.errors import MemberError


@keeps_topics("plugins.members.domain")
class AccountLink(Aggregate):
    """Which member of the school a login account is (账号关联). One per school and username; the
    other plugins ask the registry (``public.member_for_user``) instead of keeping their own link."""

    @staticmethod
    def create_id(tenant: str, username: str, **_) -> UUID:
        return natural_id("members-account", tenant, username)

    @event("Started")
    def __init__(self, tenant: str, username: str):
        self.username = username
        self.member_id: str | None = None

    def link(self, member_id: str, member_name: str, relink: bool = False) -> None:
        member_id = str(member_id)
        if self.member_id == member_id:
            raise MemberError(N_("账号 %(username)s 已关联这名党员"), username=self.username, field="username")
        if self.member_id is not None and not relink:
            raise MemberError(N_("账号 %(username)s 已关联另一名党员；如确需改为关联这名党员，请选择「改为关联」"), username=self.username,
                              field="username")
        self._linked(username=self.username, member_id=member_id, member_name=member_name,
                     before=self.member_id)

    @event("Linked")
    def _linked(self, username: str, member_id: str, member_name: str, before: str | None) -> None:
        self.member_id = member_id

    def unlink(self, member_name: str) -> None:
        if self.member_id is None:
            raise MemberError(N_("账号 %(username)s 没有关联党员"), username=self.username, field="username")
        self._unlinked(username=self.username, member_id=self.member_id, member_name=member_name)

    @event("Unlinked")
    def _unlinked(self, username: str, member_id: str, member_name: str) -> None:
        self.member_id = None
