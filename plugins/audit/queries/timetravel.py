"""Time travel: a record, or a school's roster, as it stood at a past moment (recording time); two
moments compared; and a school's roster on a day by the dates in the world."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from core.kernel import Kernel
from plugins.audit.queries.history import plain, shown_state
from plugins.members import public as members_public


@dataclass
class AsOf:
    record: UUID
    at: datetime
    version: int | None           # None: the record did not exist yet
    state: dict
    kind: str

    @property
    def exists(self) -> bool:
        return self.version is not None


def state_of(aggregate, reveal: bool = False) -> dict:
    """An aggregate's recorded attributes (without the library's bookkeeping and secrets; ID numbers
    and phones masked unless ``reveal``)."""
    return shown_state(aggregate, reveal)


def record_events(k: Kernel, tenant: str, record: UUID) -> list:
    return list(k.stores.log(tenant).events.get(record))


def record_as_of(k: Kernel, tenant: str, record: UUID, at: datetime, reveal: bool = False) -> AsOf:
    """Replay the record's events with timestamp ≤ ``at``."""
    history = record_events(k, tenant, record)
    upto = [e for e in history if e.timestamp <= at]
    kind = history[0].__class__.__qualname__.split(".")[0] if history else ""
    if not upto:
        return AsOf(record, at, None, {}, kind)
    version = upto[-1].originator_version
    aggregate = k.stores.log(tenant).repository.get(record, version=version)
    return AsOf(record, at, version, state_of(aggregate, reveal), kind)


@dataclass
class Comparison:
    before: AsOf
    after: AsOf
    changed: list[tuple[str, object, object]]
    events: list                   # the events between the two moments (who changed what)


def compare(k: Kernel, tenant: str, record: UUID, first: datetime, second: datetime,
            reveal: bool = False) -> Comparison:
    a, b = sorted((first, second))
    before, after = record_as_of(k, tenant, record, a, reveal), record_as_of(k, tenant, record, b, reveal)
    keys = sorted(set(before.state) | set(after.state))
    changed = [(key, before.state.get(key), after.state.get(key)) for key in keys
               if before.state.get(key) != after.state.get(key)]
    between = [e for e in record_events(k, tenant, record) if a < e.timestamp <= b]
    return Comparison(before, after, changed, between)


# -- a school's roster (党员名册) at a moment -----------------------------------------------------
def roster_as_of(k: Kernel, tenant: str, at: datetime) -> list[dict]:
    """The roll as it stood at ``at``, from the member registry (ID number and phone masked)."""
    return [{key: plain(v) for key, v in row.items()} for row in members_public.roster_as_of(k, tenant, at)]


def roster_on(k: Kernel, tenant: str, day: date) -> list[dict]:
    """Who was on the roll on ``day`` by the dates in the world (ID number and phone masked)."""
    return [{key: plain(v) for key, v in row.items()} for row in members_public.roster_on(k, tenant, day)]


AXES = members_public.AXES


@dataclass
class RosterDiff:
    first: datetime
    second: datetime
    added: list[dict]
    removed: list[dict]
    changed: list[tuple[dict, list[tuple[str, object, object]]]]
    events: list                   # the member events between the two moments


def roster_diff(k: Kernel, tenant: str, first: datetime, second: datetime) -> RosterDiff:
    a, b = sorted((first, second))
    before = {r["id"]: r for r in roster_as_of(k, tenant, a)}
    after = {r["id"]: r for r in roster_as_of(k, tenant, b)}
    changed = []
    for member_id in sorted(set(before) & set(after), key=lambda i: after[i].get("name") or ""):
        diffs = [(key, before[member_id].get(key), after[member_id].get(key)) for key in after[member_id]
                 if key != "version" and before[member_id].get(key) != after[member_id].get(key)]
        if diffs:
            changed.append((after[member_id], diffs))
    ids = set(before) | set(after)
    events = [e for member_id in ids for e in record_events(k, tenant, UUID(str(member_id)))
              if a < e.timestamp <= b]
    events.sort(key=lambda e: e.timestamp)
    return RosterDiff(a, b, [after[i] for i in after if i not in before],
                      [before[i] for i in before if i not in after], changed, events)
