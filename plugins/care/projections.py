"""Care events → care_* tables (the school's log)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from core.projections import Projection, on
from plugins.care import models as m
from plugins.care.domain import AwayRecord, HardshipCase, Visit
from plugins.members.public import ON_ROLL, Member


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


class CareProjection(Projection):
    """A school's hardship cases and help, visits, members away and their contacts."""

    name = "care.school"
    tables = (m.hardship, m.help_given, m.visits, m.away, m.contacts)

    @on(HardshipCase.Opened)
    def _opened(self, rows, e, tenant):
        rows.insert(m.hardship, id=e.originator_id, tenant=tenant, member_id=e.member_id, member_name=e.member_name,
                    kind=e.kind, since=e.since, situation=e.situation, help_count=0, help_cost=Decimal(0),
                    version=e.originator_version)

    @on(HardshipCase.Helped)
    def _helped(self, rows, e, tenant):
        rows.insert(m.help_given, hardship_id=e.originator_id, seq=e.originator_version, tenant=tenant, on=e.on,
                    what=e.what, cost=Decimal(e.cost), by=e.by)
        rows.update(m.hardship, {"id": e.originator_id}, version=e.originator_version,
                    add={"help_count": 1, "help_cost": Decimal(e.cost)})

    @on(HardshipCase.Closed)
    def _closed(self, rows, e, tenant):
        rows.update(m.hardship, {"id": e.originator_id}, closed_on=e.on, close_reason=e.reason,
                    version=e.originator_version)

    @on(Visit.Recorded)
    def _visit(self, rows, e, tenant):
        rows.insert(m.visits, id=e.originator_id, tenant=tenant, member_id=e.member_id, member_name=e.member_name,
                    on=e.on, year=e.on.year, by=e.by, what=e.what, cost=Decimal(e.cost), occasion=e.occasion,
                    funds_note=e.funds_note[:500], recorded_by=_actor(e), version=e.originator_version,
                    corrections=[])

    @on(Visit.CostCorrected)
    def _visit_cost(self, rows, e, tenant):
        before = rows.scalar(select(m.visits.c.corrections).where(m.visits.c.tenant == tenant,
                                                                  m.visits.c.id == e.originator_id)) or []
        rows.update(m.visits, {"id": e.originator_id}, cost=Decimal(e.cost), version=e.originator_version,
                    corrections=[*before, {"before": e.before, "cost": e.cost, "reason": e.reason}])

    @on(AwayRecord.Registered)
    def _registered(self, rows, e, tenant):
        rows.insert(m.away, id=e.originator_id, tenant=tenant, member_id=e.member_id, member_name=e.member_name,
                    kind=e.kind, place=e.place, since=e.since, keep_in_touch=e.keep_in_touch[:500],
                    certificate_no=e.certificate_no, last_contact=e.since, contacts=0, version=e.originator_version)

    @on(AwayRecord.Contacted)
    def _contacted(self, rows, e, tenant):
        rows.insert(m.contacts, away_id=e.originator_id, seq=e.originator_version, tenant=tenant, on=e.on,
                    means=e.means, note=e.note, logged_at=e.timestamp)
        row = rows.execute(m.away.select().where(m.away.c.tenant == tenant, m.away.c.id == e.originator_id)).first()
        rows.update(m.away, {"id": e.originator_id}, last_contact=max(row.last_contact, e.on),
                    version=e.originator_version, add={"contacts": 1})

    @on(AwayRecord.Returned)
    def _returned(self, rows, e, tenant):
        rows.update(m.away, {"id": e.originator_id}, returned_on=e.on, version=e.originator_version)


def _day(value) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class CareRollProjection(Projection):
    """Each member's admission and conversion and whether they are on the roll, kept from the members
    plugin's events: the birthdays of a month and the medal list of a year are single indexed queries
    instead of a read of the whole roll (the rule of issue 19 applied to care)."""

    name = "care.roll"
    tables = (m.roll,)

    def _set(self, rows, tenant: str, member_id, **values) -> None:
        where = {"tenant": tenant, "member_id": member_id}
        if "joined_on" in values:
            values["joined_month"] = values["joined_on"].month if values["joined_on"] else None
        if "status" in values:
            values["on_roll"] = values["status"] in ON_ROLL
        held = rows.execute(select(m.roll.c.member_id).where(m.roll.c.tenant == tenant,
                                                             m.roll.c.member_id == member_id)).first()
        if held is None:
            rows.insert(m.roll, **where, **{"status": "", "on_roll": False, **values})
        else:
            rows.update(m.roll, where, **values)

    @on(Member.Registered)
    def _registered(self, rows, e, tenant):
        self._set(rows, tenant, e.originator_id, name=e.fields.get("name"), status=e.status,
                  joined_on=_day(e.fields.get("joined_on")), converted_on=_day(e.fields.get("converted_on")))

    @on(Member.FieldsCorrected)
    def _corrected(self, rows, e, tenant):
        values = {}
        if "name" in e.changes:
            values["name"] = e.changes["name"]["after"]
        for field in ("joined_on", "converted_on"):
            if field in e.changes:
                values[field] = _day(e.changes[field]["after"])
        if values:
            self._set(rows, tenant, e.originator_id, **values)

    @on(Member.StatusChanged)
    def _status(self, rows, e, tenant):
        self._set(rows, tenant, e.originator_id, status=e.after)

    @on(Member.Converted)
    def _converted(self, rows, e, tenant):
        self._set(rows, tenant, e.originator_id, status="full", converted_on=_day(e.converted_on))


PROJECTIONS = (CareProjection, CareRollProjection)
