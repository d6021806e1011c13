"""Heart-to-heart talks (谈心谈话) as aggregates, and their pure rules. No framework imports.

DOMAIN.md §3.3: committee member ↔ committee member, committee member ↔ member, member ↔ member,
each at least once a year [S33a][S34]. What was said is seen only by the two people and the
branch secretary; who talked with whom, and when, is part of the branch's compliance.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import DomainError

KINDS = {"committee": "支委之间", "committee_member": "支委与党员", "members": "党员之间"}
PRIVATE = "（谈话内容仅谈话双方和支部书记可见）"


class TalkError(DomainError):
    pass


class Talk(Aggregate):
    """One talk between two people of the branch, recorded after it took place."""

    secret_fields = ("content",)   # the audit console shows who and when, never what was said

    @event("Recorded")
    def __init__(self, held_on: date, first: dict, second: dict, kind: str, place: str, content: str,
                 recorded_on: date):
        self.held_on, self.first, self.second, self.kind = held_on, dict(first), dict(second), kind
        self.place, self.content, self.recorded_on = place, content, recorded_on

    @classmethod
    def record(cls, held_on: date, first: dict, second: dict, first_on_committee: bool,
               second_on_committee: bool, place: str, content: str, recorded_on: date) -> "Talk":
        """``first`` and ``second``: {"member_id", "name"} of the two people who talked."""
        if first["member_id"] == second["member_id"]:
            raise TalkError("谈心谈话须是两个人之间的谈话", field="second_id")
        if held_on > recorded_on:
            raise TalkError("谈话日期不能晚于今天", field="held_on")
        if not (content or "").strip():
            raise TalkError("请填写谈话内容", field="content")
        return cls(held_on=held_on, first=first, second=second,
                   kind=kind_of(first_on_committee, second_on_committee), place=(place or "").strip(),
                   content=content.strip(), recorded_on=recorded_on)

    @property
    def people(self) -> set[str]:
        return {self.first["member_id"], self.second["member_id"]}


def kind_of(first_on_committee: bool, second_on_committee: bool) -> str:
    if first_on_committee and second_on_committee:
        return "committee"
    return "committee_member" if first_on_committee or second_on_committee else "members"


def may_read_content(people: set[str], reader_member_id: str | None, reads_all: bool) -> bool:
    """The content is for the two who talked and the secretary (``reads_all``) only."""
    return reads_all or (reader_member_id is not None and str(reader_member_id) in people)


def may_record(people: set[str], recorder_member_id: str | None, records_any: bool) -> bool:
    """A member records a talk they took part in; the committee records any talk."""
    return records_any or (recorder_member_id is not None and str(recorder_member_id) in people)


@dataclass(frozen=True)
class TalkCompliance:
    """A year's talks against the roll: each member at least one talk a year."""

    year: int
    total: int
    missing: tuple[str, ...]      # names of members with no talk in the year

    @property
    def talked(self) -> int:
        return self.total - len(self.missing)


def compliance(year: int, members: dict[str, str], talked: set[str]) -> TalkCompliance:
    """``members``: id → name of those on the roll; ``talked``: ids of those who had a talk."""
    return TalkCompliance(year, len(members), tuple(n for m, n in members.items() if m not in talked))


def present(row, reader_member_id, reads_all: bool) -> dict:
    """A talk as pages and the API show it: the content only to those who may read it."""
    readable = may_read_content({row.first_id, row.second_id}, reader_member_id, reads_all)
    return {"id": row.id, "held_on": row.held_on, "kind": row.kind, "kind_label": KINDS.get(row.kind, row.kind),
            "first": {"member_id": row.first_id, "name": row.first_name},
            "second": {"member_id": row.second_id, "name": row.second_name},
            "place": row.place, "content": row.content if readable else None, "readable": readable,
            "recorded_on": row.recorded_on, "actor": row.actor}
