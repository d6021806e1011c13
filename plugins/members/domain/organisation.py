"""The branch's organisation (组织架构): committee terms and party groups. Re-exported by
``plugins.members.domain``."""
from __future__ import annotations

from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from core.ids import natural_id
from plugins.members import rules
from plugins.members.domain.errors import MemberError, refuse


@keeps_topics("plugins.members.domain")
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
