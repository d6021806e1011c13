"""Member events → members_members, members_history, members_personal_reads."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import insert, update

from core.projections import Projection, on
from plugins.members.domain import Member, PersonalDataRead
from plugins.members.models import history, members, personal_reads

COLUMNS = frozenset(c.name for c in members.columns)


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


def _jsonable(changes: dict) -> dict:
    return {f: {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in c.items()}
            for f, c in changes.items()}


class MembersProjection(Projection):
    name = "members.roster"
    tables = (history, personal_reads, members)

    def _history(self, conn, e, tenant, kind, changes, reason=None):
        meta = _meta(e)
        conn.execute(insert(history).values(
            tenant=tenant, member_id=e.originator_id, version=e.originator_version, kind=kind,
            changes=_jsonable(changes), actor=meta.get("actor_name"),
            reason=reason or meta.get("reason"), at=e.timestamp))

    def _update(self, conn, e, **values):
        conn.execute(update(members).where(members.c.id == e.originator_id)
                     .values(version=e.originator_version, updated_at=e.timestamp, **values))

    @on(Member.Registered)
    def _registered(self, conn, e, tenant):
        row = {k: v for k, v in e.fields.items() if k in COLUMNS}
        row.setdefault("party_age_correction", 0)
        row["party_age_correction"] = row["party_age_correction"] or 0
        conn.execute(insert(members).values(
            id=e.originator_id, tenant=tenant, status=e.status, source=e.source,
            status_since=e.fields.get("converted_on") or e.fields.get("joined_on"),
            version=e.originator_version, registered_at=e.timestamp, updated_at=e.timestamp, **row))
        self._history(conn, e, tenant, "registered",
                      {f: {"before": None, "after": v} for f, v in e.fields.items() if v not in (None, "")})

    @on(Member.FieldsCorrected)
    def _corrected(self, conn, e, tenant):
        values = {f: c["after"] for f, c in e.changes.items() if f in COLUMNS}
        if "party_age_correction" in values:
            values["party_age_correction"] = values["party_age_correction"] or 0
        self._update(conn, e, **values)
        self._history(conn, e, tenant, "corrected", e.changes)

    @on(Member.StatusChanged)
    def _status(self, conn, e, tenant):
        self._update(conn, e, status=e.after, status_since=e.effective_on)
        self._history(conn, e, tenant, "status",
                      {"status": {"before": e.before, "after": e.after},
                       "effective_on": {"before": None, "after": e.effective_on}}, reason=e.reason)

    @on(Member.Converted)
    def _converted(self, conn, e, tenant):
        self._update(conn, e, status="full", converted_on=e.converted_on, status_since=e.converted_on)
        self._history(conn, e, tenant, "converted",
                      {"status": {"before": "probationary", "after": "full"},
                       "converted_on": {"before": None, "after": e.converted_on}}, reason=e.reason)

    @on(PersonalDataRead.Recorded)
    def _read(self, conn, e, tenant):
        conn.execute(insert(personal_reads).values(
            id=e.originator_id, tenant=tenant, member_id=UUID(str(e.member_id)), fields=e.fields,
            purpose=e.purpose, actor=_meta(e).get("actor_name"), at=e.timestamp))
