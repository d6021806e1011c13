"""Pure rules of heart-to-heart talks (谈心谈话): kinds, who may read or record, yearly compliance.
The ``Talk`` aggregate is in ``plugins.meetings.domain``; no I/O here.

DOMAIN.md §3.3: committee member ↔ committee member, committee member ↔ member, member ↔ member,
each at least once a year [S33a][S34]. What was said is seen only by the two people and the
branch secretary; who talked with whom, and when, is part of the branch's compliance.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = {"committee": "支委之间", "committee_member": "支委与党员", "members": "党员之间"}
PRIVATE = "（谈话内容仅谈话双方和支部书记可见）"


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


STARTS = {"transfer_in": "转入", "joined": "入党"}   # how a member came on this roll during the year


@dataclass(frozen=True)
class Start:
    """A member's own start on this branch's roll (本支部起计日): transferred in (转入) or admitted
    as a probationary member (入党)."""

    on: date
    how: str                      # a key of STARTS


def start_of(joined_on: date | None, arrived_on: date | None) -> Start | None:
    """The day a member came on this roll: the transfer letter's day for a member received from
    another branch, else the day they joined (None when not known)."""
    if arrived_on is not None and (joined_on is None or arrived_on >= joined_on):
        return Start(arrived_on, "transfer_in")
    return Start(joined_on, "joined") if joined_on is not None else None


def expected_by_year_end(counted_from: date, year: int, min_months: int) -> bool:
    """Whether a member counted from ``counted_from`` should have had a talk by the end of ``year``:
    only if they are counted for the whole year, or for at least ``min_months`` whole calendar
    months of it (1–12). With 6 (the default), one counted from 1 July is expected and one counted
    from 2 July is not: half a year leaves time for a talk; less is too short to ask for one yet."""
    return counted_from <= date(year, 13 - min(max(min_months, 1), 12), 1)


@dataclass(frozen=True)
class Counted:
    """One member's talk obligation in a year, counted from ``counted_from``."""

    member_id: str
    name: str
    counted_from: date            # the later of 1 January, the school's records start and ``start``
    start: Start | None           # set when the member came on this roll during the year
    talked: bool
    expected: bool                # see ``expected_by_year_end``


@dataclass(frozen=True)
class TalkCompliance:
    """A year's talks against the roll: each member at least one talk a year, from their own start."""

    year: int
    members: tuple[Counted, ...]
    min_months: int = 6

    @property
    def total(self) -> int:
        return len(self.members)

    @property
    def missing(self) -> tuple[str, ...]:
        """Names of members with no talk counted in the year."""
        return tuple(m.name for m in self.members if not m.talked)

    @property
    def talked(self) -> int:
        return self.total - len(self.missing)

    @property
    def started(self) -> tuple[Counted, ...]:
        """Members who came on this roll during the year: counted from their start."""
        return tuple(m for m in self.members if m.start is not None)

    @property
    def missing_started(self) -> tuple[Counted, ...]:
        return tuple(m for m in self.started if not m.talked)

    @property
    def expected_missing(self) -> tuple[str, ...]:
        """Names of members without a talk who should have had one by the year's end."""
        return tuple(m.name for m in self.members if not m.talked and m.expected)


def compliance(year: int, members: dict[str, str], talks: list[tuple[date, set[str]]],
               starts: dict[str, Start | None] | None = None, records_from: date | None = None,
               min_months: int = 6) -> TalkCompliance:
    """``members``: id → name of those on the roll; ``talks``: (day, ids of the two people) of the
    year's talks; ``starts``: id → the member's own start on this roll.

    Each member is counted from the later of 1 January, the school's records start and their own
    start here. A talk counts for a member if it was held in the year on or after their own start:
    a talk before the school's records start (typed in later from paper) counts, one before the
    member came here belongs to their former branch."""
    first_day = date(year, 1, 1)
    starts = starts or {}
    out = []
    for member_id, name in members.items():
        own = starts.get(member_id)
        start = own if own is not None and own.on > first_day else None
        here_from = start.on if start else first_day
        counted_from = max(here_from, records_from or first_day)
        talked = any(member_id in people and here_from <= day for day, people in talks)
        out.append(Counted(member_id, name, counted_from, start, talked,
                           expected_by_year_end(counted_from, year, min_months)))
    return TalkCompliance(year, tuple(out), min_months)
