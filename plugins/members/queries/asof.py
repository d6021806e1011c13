"""The roll on a past day, on two axes (issue 15.2):

- by the date in the world (按党籍日期): who was a member on that day and with which status, from
  joining, conversion, transfer and status-change dates (``roster_on``); rosters and statistics use it;
- by recording time (按录入时间): what the system held at a moment, replayed from the events recorded
  up to then (``roster_as_of``); the audit's time travel uses it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time

from eventsourcing.utils import get_topic
from sqlalchemy import func, select

from core.clock import LOCAL_TZ, local_day
from core.kernel import Kernel
from plugins.members import rules
from plugins.members.domain import Member
from plugins.members.models import history, members, status_changes, transfers
from plugins.members.rules import ON_ROLL

AXES = {"world": "按党籍日期", "recorded": "按录入时间（系统当时的记录）"}


# -- by the date in the world ----------------------------------------------------------------------
def _facts(conn, tenant: str, day: date):
    """Members who had joined by ``day``; their status changes up to it; first arrivals by transfer;
    when each conversion was recorded."""
    rows = conn.execute(select(members).where(members.c.tenant == tenant, members.c.joined_on <= day)
                        .order_by(members.c.name, members.c.id)).all()
    changes = defaultdict(list)
    for c in conn.execute(select(status_changes).where(status_changes.c.tenant == tenant,
                                                       status_changes.c.effective_on <= day)):
        changes[c.member_id].append(c)
    arrivals = dict(conn.execute(select(transfers.c.member_id, func.min(transfers.c.issued_on))
                                 .where(transfers.c.tenant == tenant, transfers.c.direction == "in")
                                 .group_by(transfers.c.member_id)).all())
    converted_at = dict(conn.execute(select(history.c.member_id, func.max(history.c.at))
                                     .where(history.c.tenant == tenant, history.c.kind == "converted")
                                     .group_by(history.c.member_id)).all())
    return rows, changes, arrivals, converted_at


def arrival(row, arrivals: dict) -> date | None:
    """The day a member received by transfer came on this roll (None: on it from joining)."""
    return arrivals.get(row.id) if row.source == "transfer_in" else None


def roster_on(k: Kernel, tenant: str, day: date, on_roll_only: bool = True) -> list[dict]:
    """Members on the roll on ``day`` by the dates in the world, each with their status that day,
    ``since`` (the day that status took effect), ``recorded_on`` (the local day the fact was typed
    in) and ``late`` (recorded after the day it describes)."""
    with k.reading() as conn:
        rows, changes, arrivals, converted_at = _facts(conn, tenant, day)
    out = []
    for row in rows:
        mine = changes.get(row.id, [])
        standing = rules.standing_on(day, row.joined_on, row.converted_on, arrival(row, arrivals),
                                     [rules.Change(c.effective_on, c.after, c.version) for c in mine])
        if standing is None or (on_roll_only and standing.status not in ON_ROLL):
            continue
        recorded = row.registered_at
        change = max((c for c in mine if c.effective_on == standing.since and c.after == standing.status),
                     key=lambda c: c.version, default=None)
        if change is not None:
            recorded = change.recorded_at
        elif standing.status == "full" and standing.since == row.converted_on and row.id in converted_at:
            recorded = converted_at[row.id]
        recorded_on = local_day(recorded)
        out.append({**row._mapping, "status": standing.status, "status_since": standing.since,
                    "since": standing.since, "recorded_on": recorded_on, "late": recorded_on > standing.since})
    return out


def movements_in(k: Kernel, tenant: str, first: date, last: date) -> Counter:
    """Additions to and removals from the roll that took effect between ``first`` and ``last``."""
    with k.reading() as conn:
        rows, _, arrivals, _ = _facts(conn, tenant, last)
        changed = conn.execute(select(status_changes.c.before, status_changes.c.after).where(
            status_changes.c.tenant == tenant, status_changes.c.effective_on >= first,
            status_changes.c.effective_on <= last)).all()
        moved_in = conn.scalar(select(func.count()).select_from(transfers).where(
            transfers.c.tenant == tenant, transfers.c.direction == "in",
            transfers.c.issued_on >= first, transfers.c.issued_on <= last))
    moved = Counter(transferred_in=moved_in)
    for row in rows:
        came = arrival(row, arrivals)
        if came is None and first <= row.joined_on:
            moved["admitted"] += 1
        if row.converted_on and first <= row.converted_on <= last and (came is None or row.converted_on >= came):
            moved["converted"] += 1
    for before, after in changed:
        if after in rules.REMOVED:
            moved[after] += 1
        elif before in ("lost_contact", "suspended") and after in ("full", "probationary"):
            moved["restored"] += 1
    return moved


def statistics(k: Kernel, tenant: str, year: int | None = None, on: date | None = None) -> dict:
    """The roll on ``on`` (default: the end of ``year``, or today for the current year) by the dates
    in the world, broken down by gender, ethnicity, education, age band, category and status; and
    the year's movements (to that day) by kind."""
    year = on.year if on else year
    as_of = on or min(k.today(), date(year, 12, 31))
    roll = roster_on(k, tenant, as_of)

    def tally(key) -> list[tuple[str, int]]:
        return sorted(Counter(key(r) for r in roll).items(), key=lambda kv: (-kv[1], kv[0]))
    by_age = Counter(rules.age_band(rules.age_on(r["birth_date"], as_of)) for r in roll)
    age_order = [label for _, label in rules.AGE_BANDS] + ["未知"]
    moved = movements_in(k, tenant, date(year, 1, 1), as_of)
    return {
        "year": year, "as_of": as_of, "axis": "world", "total": len(roll),
        "full": sum(1 for r in roll if r["status"] == "full"),
        "probationary": sum(1 for r in roll if r["status"] == "probationary"),
        "by_gender": tally(lambda r: rules.GENDERS.get(r["gender"], "未填")),
        "by_ethnicity": tally(lambda r: r["ethnicity"] or "未填"),
        "by_education": tally(lambda r: r["education"] or "未填"),
        "by_age": [(label, by_age[label]) for label in age_order if by_age[label]],
        "by_category": tally(lambda r: rules.CATEGORIES.get(r["category"], "未填")),
        "by_status": tally(lambda r: rules.STATUSES.get(r["status"], r["status"])),
        "added": [(label, moved.get(kind, 0)) for kind, label in rules.ADDED.items()],
        "removed": [(label, moved.get(kind, 0)) for kind, label in rules.REMOVED.items()],
        "converted": moved.get("converted", 0),
    }


# -- by recording time (what the system held) ------------------------------------------------------
MEMBER_EVENTS = (Member.Registered, Member.FieldsCorrected, Member.StatusChanged, Member.Converted,
                 Member.Sanctioned)


def aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=LOCAL_TZ)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59, 999999), tzinfo=LOCAL_TZ)


def members_as_of(k: Kernel, tenant: str, at: datetime) -> list[Member]:
    """Every member as the log stood at ``at``: replayed from the events recorded up to then."""
    at = aware(at)
    log = k.stores.log(tenant)
    topics = [get_topic(c) for c in MEMBER_EVENTS]
    state: dict = {}
    start = 0
    while True:
        batch = log.recorder.select_notifications(start=start, limit=500, topics=topics,
                                                  inclusive_of_start=False)
        for notification in batch:
            event = log.mapper.to_domain_event(notification)
            if event.timestamp <= at:
                state[event.originator_id] = event.mutate(state.get(event.originator_id))
        if len(batch) < 500:
            break
        start = batch[-1].id
    return sorted(state.values(), key=lambda m: (m.fields.get("name") or "", str(m.id)))


def as_row(member: Member) -> dict:
    """A replayed member as a plain row (the same keys as members_members)."""
    fields = member.fields
    return {"id": member.id, "version": member.version, "status": member.status,
            **{f: fields.get(f) for f in rules.FIELD_LABELS},
            "party_age_correction": fields.get("party_age_correction") or 0}


def roster_as_of(k: Kernel, tenant: str, at: datetime, on_roll_only: bool = True) -> list[dict]:
    """The roll as the system held it at ``at`` (recording time)."""
    rows = [as_row(m) for m in members_as_of(k, tenant, at)]
    return [r for r in rows if r["status"] in ON_ROLL] if on_roll_only else rows
