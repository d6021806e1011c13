"""The member registry's aggregates: the party member (党员), transfers, the organisation, imports,
personal data records, account links, and the registers that keep ID numbers unique.

Pure domain: eventsourcing.domain, the standard library, rules. Every aggregate is defined in this
module: a stored event's topic is ``plugins.members.domain:<Aggregate>.<Event>``, so moving one
would orphan its events.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.aggregates import FlatCopy
from core.errors import N_
from core.ids import natural_id
from plugins.members import rules
from plugins.members.domain.errors import MemberError, refuse


class Member(Aggregate):
    """One party member on a branch's roll. Nothing is edited in place: every change is an event."""

    snapshot_interval = 50

    @event("Registered")
    def __init__(self, fields: dict, status: str, source: str = "manual", batch: str | None = None):
        self.fields = dict(fields)
        self.status = status
        self.source = source
        self.sanctions: list[dict] = []

    @classmethod
    def register(cls, fields: dict, status: str, source: str = "manual",
                 batch: str | None = None) -> "Member":
        refuse(rules.registration_error(fields, status))
        return cls(fields=fields, status=status, source=source, batch=batch)

    def correct(self, values: dict) -> dict:
        """Record new values of some fields; the event keeps before and after of each."""
        changes = {f: {"before": self.fields.get(f), "after": v}
                   for f, v in values.items() if self.fields.get(f) != v}
        if not changes:
            raise MemberError(N_("没有需要更正的内容"))
        refuse(rules.first_field_error({**self.fields, **values}, among={*changes, "converted_on", "joined_on"}))
        self._correct(changes=changes)
        return changes

    @event("FieldsCorrected")
    def _correct(self, changes: dict) -> None:
        for field, change in changes.items():
            self.fields[field] = change["after"]

    def change_status(self, status: str, effective_on: date, reason: str) -> None:
        refuse(rules.status_change_error(self.status, status, reason))
        self._status(before=self.status, after=status, effective_on=effective_on, reason=reason.strip())

    @event("StatusChanged")
    def _status(self, before: str, after: str, effective_on: date, reason: str) -> None:
        self.status = after

    def convert(self, converted_on: date, reason: str = "按期转正") -> None:
        """Conversion of a probationary member to full member (转正)."""
        refuse(rules.conversion_error(self.status, self.fields.get("joined_on"), converted_on))
        self._convert(converted_on=converted_on, reason=reason)

    @event("Converted")
    def _convert(self, converted_on: date, reason: str) -> None:
        self.status = "full"
        self.fields["converted_on"] = converted_on

    def record_sanction(self, kind: str, start: date, end: date | None, reason: str) -> None:
        """A party discipline sanction (党纪处分) decided for this member."""
        refuse(rules.sanction_error(kind, start, end))
        if not (reason or "").strip():
            raise MemberError(N_("请填写处分决定或事由"), field="reason")
        self._sanction(kind=kind, start=start, end=end, reason=reason.strip())

    @event("Sanctioned")
    def _sanction(self, kind: str, start: date, end: date | None, reason: str) -> None:
        if not hasattr(self, "sanctions"):
            self.sanctions = []
        self.sanctions.append({"kind": kind, "start": start, "end": end, "reason": reason})

    def under_party_probation(self, on: date) -> bool:
        return rules.under_party_probation(getattr(self, "sanctions", []), on)


class Transfer(Aggregate):
    """A transfer of membership (组织关系转接), out of this branch or into it."""

    @event("Issued")
    def __init__(self, direction: str, member_id: str, member_name: str, letter_no: str,
                 other_org: str, issued_on: date, valid_until: date, dues_paid_to: str | None,
                 note: str = ""):
        self.direction = direction
        self.member_id = member_id
        self.member_name = member_name
        self.letter_no = letter_no
        self.other_org = other_org
        self.issued_on = issued_on
        self.valid_until = valid_until
        self.dues_paid_to = dues_paid_to
        self.receipt_returned_on: date | None = None

    @classmethod
    def issue(cls, direction: str, member_id: str, member_name: str, letter_no: str, other_org: str,
              issued_on: date, valid_until: date, dues_paid_to: str | None, validity_months: int,
              note: str = "") -> "Transfer":
        refuse(rules.letter_error(direction, letter_no, other_org, issued_on, valid_until, dues_paid_to,
                                  validity_months))
        return cls(direction=direction, member_id=member_id, member_name=member_name,
                   letter_no=letter_no.strip(), other_org=other_org.strip(), issued_on=issued_on,
                   valid_until=valid_until, dues_paid_to=dues_paid_to or None, note=note)

    def return_receipt(self, on: date) -> None:
        if self.receipt_returned_on is not None:
            raise MemberError(N_("回执已登记"), field="receipt")
        if on < self.issued_on:
            raise MemberError(N_("回执日期不能早于介绍信开具日期"), field="on")
        self._receipt(on=on)

    @event("ReceiptReturned")
    def _receipt(self, on: date) -> None:
        self.receipt_returned_on = on


class Organisation(Aggregate):
    """The branch's organisation (组织架构): its committee by term, and its party groups (党小组).

    One per school; its id is derived from the school.
    """

    @staticmethod
    def create_id(tenant: str, **_):
        return natural_id("members.organisation", tenant)

    @event("Started")
    def __init__(self, tenant: str):
        self.tenant = tenant
        self.term_start: date | None = None
        self.term_end: date | None = None
        self.seats: list[dict] = []          # current term: {"member_id", "name", "post"}
        self.groups: dict[str, dict] = {}    # name → {"leader_id", "leader_name"}

    def elect(self, term_start: date, term_end: date, seats: list[dict], max_size: int = 7) -> None:
        """A new committee (换届选举): the previous term's seats end when this term starts."""
        refuse(next(iter(rules.committee_errors(seats, term_start, term_end, max_size).items()), None))
        if self.term_start is not None and term_start <= self.term_start:
            raise MemberError(N_("新一届任期须晚于上一届开始日期"), field="term_start")
        self._elect(term_start=term_start, term_end=term_end,
                    seats=[{"member_id": str(s["member_id"]), "name": s["name"], "post": s["post"]}
                           for s in seats])

    @event("CommitteeElected")
    def _elect(self, term_start: date, term_end: date, seats: list) -> None:
        self.term_start, self.term_end = term_start, term_end
        self.seats = [dict(s) for s in seats]

    def fill_seat(self, member_id: str, name: str, post: str, since: date) -> None:
        """A by-election or appointment during the term (补选)."""
        refuse(rules.seat_error(self.seats, self.term_start, self.term_end, member_id, post, since))
        self._fill(member_id=str(member_id), name=name, post=post, since=since)

    @event("SeatFilled")
    def _fill(self, member_id: str, name: str, post: str, since: date) -> None:
        self.seats.append({"member_id": member_id, "name": name, "post": post})

    def vacate_seat(self, member_id: str, on: date, reason: str) -> None:
        seat = next((s for s in self.seats if s["member_id"] == str(member_id)), None)
        if seat is None:
            raise MemberError(N_("该党员不在本届支部委员会"), field="member_id")
        if not (reason or "").strip():
            raise MemberError(N_("请填写免职或辞职原因"), field="reason")
        self._vacate(member_id=str(member_id), post=seat["post"], on=on, reason=reason.strip())

    @event("SeatVacated")
    def _vacate(self, member_id: str, post: str, on: date, reason: str) -> None:
        self.seats = [s for s in self.seats if s["member_id"] != member_id]

    def set_group(self, name: str, leader_id: str | None, leader_name: str | None) -> None:
        """Form a party group or change its leader (党小组长)."""
        name = (name or "").strip()
        if not name:
            raise MemberError(N_("请填写党小组名称"), field="name")
        before = self.groups.get(name)
        if before is not None and before.get("leader_id") == (str(leader_id) if leader_id else None):
            raise MemberError(N_("党小组长没有变化"), field="leader_id")
        self._group(name=name, leader_id=str(leader_id) if leader_id else None, leader_name=leader_name,
                    before=(before or {}).get("leader_name"))

    @event("GroupSet")
    def _group(self, name: str, leader_id: str | None, leader_name: str | None, before: str | None) -> None:
        self.groups[name] = {"leader_id": leader_id, "leader_name": leader_name}

    def dissolve_group(self, name: str) -> None:
        if name not in self.groups:
            raise MemberError(N_("没有这个党小组"), field="name")
        self._dissolve(name=name)

    @event("GroupDissolved")
    def _dissolve(self, name: str) -> None:
        self.groups.pop(name, None)


class ImportBatch(Aggregate):
    """One Excel import: the source file and the members it registered, saved all together."""

    @staticmethod
    def create_id(batch_id: str, **_):
        return UUID(batch_id)

    @event("Imported")
    def __init__(self, batch_id: str, filename: str, sha256: str, member_ids: list, rows: int):
        self.filename = filename
        self.sha256 = sha256
        self.member_ids = list(member_ids)
        self.rows = rows


class PersonalDataExported(Aggregate):
    """An export that carried full ID numbers or phones of many members (个人信息导出记录)."""

    @event("Recorded")
    def __init__(self, member_ids: list, fields: list, purpose: str):
        self.member_ids = list(member_ids)
        self.fields = list(fields)
        self.purpose = purpose


class PersonalDataRead(Aggregate):
    """A record that someone saw a member's full ID number or phone (个人信息查看记录)."""

    @event("Recorded")
    def __init__(self, member_id: str, fields: list, purpose: str):
        self.member_id = member_id
        self.fields = list(fields)
        self.purpose = purpose


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

    @event("Opened")
    def __init__(self, id_number: str, holders: list, derived_from: dict):
        self.id_number = id_number
        self.holders = [dict(h) for h in holders]   # {"tenant", "member_id"}

    def holds(self, tenant: str, member_id) -> bool:
        return {"tenant": tenant, "member_id": str(member_id)} in self.holders

    def check_free(self, tenant: str, member_id) -> None:
        others = [h for h in self.holders if h != {"tenant": tenant, "member_id": str(member_id)}]
        if others:
            raise MemberError(N_("此人仍在其他支部（%(tenant)s）的党员名册上；须先由该支部办理组织关系转出"),
                              tenant=others[0]['tenant'], field="id_number")

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
