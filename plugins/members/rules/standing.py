"""A member's standing on a day of the world (党籍日期): on this branch's roll or not, and with
which status, from the dates things happened — never from when they were typed in.

Pure: dates and small tuples in, a status out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Change:
    """A change of status with the date it took effect (``after`` is the status from that day)."""

    effective_on: date
    after: str
    order: int = 0            # the event's version: two changes on one day apply in recorded order


@dataclass(frozen=True)
class Standing:
    status: str
    since: date               # the day this status took effect


def standing_on(day: date, joined_on: date | None, converted_on: date | None,
                arrived_on: date | None = None, changes: tuple[Change, ...] | list[Change] = ()) -> Standing | None:
    """The member's status on ``day``, or None when they were not yet on this branch's books.

    Joining makes a probationary member (预备党员) and conversion a full member (正式党员) from
    their dates; a member received by transfer (``arrived_on``) is on this roll from the letter's
    date; every later change of status (transferred out, lost contact, died, …) from its own date.
    Whether the status counts as "on the roll" is the caller's question (``ON_ROLL``).
    """
    if joined_on is None or day < joined_on or (arrived_on is not None and day < arrived_on):
        return None
    steps = [(joined_on, -2, 0, "probationary")]
    if converted_on is not None:
        steps.append((converted_on, -1, 0, "full"))
    steps += [(c.effective_on, 0, c.order, c.after) for c in changes]
    effective, _, _, status = max(s for s in steps if s[0] <= day)
    if arrived_on is not None and effective < arrived_on:
        effective = arrived_on
    return Standing(status, effective)
