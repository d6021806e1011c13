"""The registers that keep ID numbers unique: in a school (``MemberRegister``) and on the rolls of
the district (``RollClaim``). Re-exported by ``plugins.members.domain``."""
from __future__ import annotations

from core.errors import N_

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.aggregates import FlatCopy, keeps_topics
from core.ids import natural_id
from plugins.members.domain.errors import MemberError


@keeps_topics("plugins.members.domain")
class MemberRegister(FlatCopy, Aggregate):
    """The ID numbers on a school's register (身份证号登记): one member per ID number in a school.

    One per school, saved in the same transaction as every registration and every correction of
    an ID number, so two concurrent registrations of one person collide on its version. Schools
    registered members before it existed: it is opened from the school's own log (``derived_from``
    says how much of it was read).
    """

    snapshot_interval = 100
    flat_containers = ("numbers",)
    # ID numbers under other names, masked in the audit console like ``id_number``.
    personal_fields = {"before": "id_number"}
    personal_keys = {"numbers": "id_number"}

    @staticmethod
    def create_id(tenant: str, **_) -> UUID:
        return natural_id("members.register", tenant)

    @event("Opened")
    def __init__(self, tenant: str, numbers: dict, derived_from: dict):
        self.numbers = dict(numbers)   # ID number → member id

    def holder(self, id_number: str | None) -> str | None:
        return self.numbers.get(id_number) if id_number else None

    def check_free(self, id_number: str | None, member_id) -> None:
        holder = self.holder(id_number)
        if holder is not None and holder != str(member_id):
            raise MemberError(N_("本支部已有相同身份证号的党员"), field="id_number")

    def enter(self, id_number: str | None, member_id, previous: str | None = None) -> None:
        """Enter a member's (new) ID number; a number another member has is refused. ``previous`` is
        the number the member had, when the caller knows it (else the register is searched)."""
        if not id_number:
            return
        self.check_free(id_number, member_id)
        if self.holder(id_number) == str(member_id):
            return
        if previous is not None or not self.numbers:
            before = previous if previous and self.numbers.get(previous) == str(member_id) else None
        else:
            before = next((n for n, m in self.numbers.items() if m == str(member_id)), None)
        self._entered(id_number=id_number, member_id=str(member_id), before=before)

    @event("Entered")
    def _entered(self, id_number: str, member_id: str, before: str | None) -> None:
        if before is not None:
            self.numbers.pop(before, None)
        self.numbers[id_number] = member_id


@keeps_topics("plugins.members.domain")
class RollClaim(Aggregate):
    """Where a person is on a roll in the district (在册登记): one branch at a time, by ID number.

    One per ID number, in the district's log. A school takes it when a member comes on its roll
    (registered, admitted, transferred in) and releases it when they leave (transferred out,
    died, removed, …). Opened from the schools' rolls as the read model shows them when no claim
    exists yet (members registered before it existed); ``derived_from`` says so.
    """

    @staticmethod
    def create_id(id_number: str, **_) -> UUID:
        return natural_id("members.roll-claim", id_number)

    class Opened(Aggregate.Created):
        """Version 2 may name the member who takes the claim as it is opened (``taken_by``: a
        registration of someone no roll has, one event instead of an opening and a taking); version 1
        never did (None)."""
        id_number: str
        holders: list
        derived_from: dict
        taken_by: dict | None
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["taken_by"] = None

    @event(Opened)
    def __init__(self, id_number: str, holders: list, derived_from: dict, taken_by: dict | None = None):
        self.id_number = id_number
        self.holders = [dict(h) for h in holders]   # {"tenant", "member_id"}
        if taken_by is not None:
            self.holders.append(dict(taken_by))

    @classmethod
    def open(cls, id_number: str, holders: list, derived_from: dict, tenant: str | None = None,
             member_id=None) -> RollClaim:
        """A claim as the rolls show it (``holders``), taken at once by ``member_id`` of ``tenant`` when
        given — refused, as ``take`` refuses, when someone else holds it."""
        taker = None if tenant is None else {"tenant": tenant, "member_id": str(member_id)}
        if taker is not None:
            _check_free(holders, taker)
        taken_by = None if taker in holders else taker   # on the roll already, as the read model shows it
        return cls(id_number=id_number, holders=holders, derived_from=derived_from, taken_by=taken_by)

    def holds(self, tenant: str, member_id) -> bool:
        return {"tenant": tenant, "member_id": str(member_id)} in self.holders

    def check_free(self, tenant: str, member_id) -> None:
        _check_free(self.holders, {"tenant": tenant, "member_id": str(member_id)})

    def take(self, tenant: str, member_id) -> None:
        self.check_free(tenant, member_id)
        if not self.holds(tenant, member_id):
            self._taken(tenant=tenant, member_id=str(member_id))

    @event("Taken")
    def _taken(self, tenant: str, member_id: str) -> None:
        self.holders.append({"tenant": tenant, "member_id": member_id})

    def release(self, tenant: str, member_id, reason: str) -> None:
        if self.holds(tenant, member_id):
            self._released(tenant=tenant, member_id=str(member_id), reason=reason)

    @event("Released")
    def _released(self, tenant: str, member_id: str, reason: str) -> None:
        self.holders.remove({"tenant": tenant, "member_id": member_id})


def _check_free(holders: list, taker: dict) -> None:
    others = [h for h in holders if h != taker]
    if others:
        raise MemberError(N_("此人仍在其他支部（%(tenant)s）的党员名册上；须先由该支部办理组织关系转出"),
                          tenant=others[0]["tenant"], field="id_number")
