"""Care events → care_* tables (the school's log)."""
from __future__ import annotations

from decimal import Decimal

from core.projections import Projection, on
from plugins.care import models as m
from plugins.care.domain import AwayRecord, HardshipCase, Visit


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
                    funds_note=e.funds_note[:500], recorded_by=_actor(e))

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


PROJECTIONS = (CareProjection,)
