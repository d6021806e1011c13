"""Who is expected at a meeting (应到人员), from the member registry's public interface only."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from plugins.meetings import rules
from plugins.members import public as members


def committee(k: Kernel, tenant: str, on: date) -> list:
    """The branch committee's seats on a day (``members.public.committee``)."""
    seats = getattr(members, "committee", None)
    return list(seats(k, tenant, on)) if seats else []


def party_groups(k: Kernel, tenant: str) -> dict[str, list]:
    groups = getattr(members, "party_groups", None)
    if groups is not None:
        return {name: list(ids) for name, ids in groups(k, tenant).items()}
    out: dict[str, list] = {}
    for m in members.list_members(k, tenant):
        if m.party_group:
            out.setdefault(m.party_group, []).append(m.id)
    return out


# A member who lost contact (失联) is still on the roll and still counts among those who should
# attend: only the five kinds of DOMAIN.md §1.3 may be left out, with consent (``Meeting.leave_out``).
EXPECTED_STATUSES = ("full", "probationary", "lost_contact")


def _votes(m) -> bool:
    """Full members vote; a member who lost contact votes if they had been converted."""
    return m.is_full or (m.status == "lost_contact" and m.converted_on is not None)


def _entry(m) -> dict:
    return {"member_id": str(m.id), "name": m.name, "vote": _votes(m)}


def expected_attendees(k: Kernel, tenant: str, body: str, on: date,
                       party_group: str | None = None) -> list[dict]:
    """Expected attendees of a meeting of ``body``; ``vote`` is True only for full members
    (probationary members attend a congress without vote). Members who lost contact stay expected.
    Who was on the roll, and with which status, is read for the meeting day by the dates in the world."""
    on_roll = members.list_members(k, tenant, statuses=EXPECTED_STATUSES, on=on)
    if body in ("congress", "all"):
        return [_entry(m) for m in on_roll]
    if body == "group":
        ids = {str(i) for i in party_groups(k, tenant).get(party_group or "", [])}
        return [_entry(m) for m in on_roll if str(m.id) in ids]
    # committee, leadership: the committee in office on the meeting day
    by_id = {str(m.id): m for m in on_roll}
    out, seen = [], set()
    for seat in committee(k, tenant, on):
        member_id = str(seat.member_id)
        if member_id in seen:
            continue
        seen.add(member_id)
        m = by_id.get(member_id)
        out.append({"member_id": member_id, "name": seat.name,
                    "vote": _votes(m) if m else True})
    return out


def people(k: Kernel, tenant: str) -> list:
    """Members who may chair or record a meeting."""
    return members.list_members(k, tenant, statuses=("full", "probationary"))


def presiders(k: Kernel, tenant: str, types: dict, on: date, party_group: str | None = None) -> dict[str, set[str]]:
    """Meeting type code → ids of the ``people`` who may chair or record it on ``on``
    (``rules.may_preside``, the rule the meeting itself checks)."""
    everyone = [str(p.id) for p in people(k, tenant)]
    expected = {body: {e["member_id"] for e in expected_attendees(k, tenant, body, on, party_group)}
                for body in {t.body for t in types.values()} & rules.PRESIDED_FROM_ATTENDEES}
    return {code: {m for m in everyone if rules.may_preside(t.body, m, expected.get(t.body, ()))}
            for code, t in types.items()}
