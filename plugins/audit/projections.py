"""Audit projections: the index of every log (audit_events) and the district's oversight tables.

Handlers write through the core's ``Rows`` writer (``conn`` here), which batches inserts.
"""
from __future__ import annotations

from eventsourcing.utils import get_topic
from sqlalchemy import delete, select

from core.eventstore import DISTRICT
from core.projections import Projection, on
from plugins.audit.domain import AccessRecord, Assignment, Finding
from plugins.audit.models import access, assignments, events, findings
from plugins.audit.rules.catalogue import all_event_topics, event_type


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


NAME_FIELDS = ("name", "member_name", "title", "owner_name", "subject_name", "display_name", "username")


def name_of(event) -> str | None:
    """What a record's first event calls it (a member's name, a meeting's title …)."""
    for attr in NAME_FIELDS:
        value = getattr(event, attr, None)
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    for attr in ("fields", "person"):
        value = getattr(event, attr, None)
        if isinstance(value, dict) and value.get("name"):
            return str(value["name"])[:200]
    return None


def index_row(e, log_name: str, notification_id: int) -> dict:
    meta = _meta(e)
    first = e.originator_version == 1
    year = getattr(e, "year", None) if first else None
    return dict(tenant=log_name, notification_id=notification_id, originator_id=e.originator_id,
                version=e.originator_version, topic=get_topic(type(e)),
                event_type=event_type(e), actor=(meta.get("actor_name") or "")[:80] or None,
                actor_id=(meta.get("actor_id") or "")[:80] or None, role=(meta.get("role") or "")[:120] or None,
                source=meta.get("source"), reason=(meta.get("reason") or None) and meta["reason"][:500],
                correlation_id=(meta.get("correlation_id") or "")[:64] or None, timestamp=e.timestamp,
                record_name=name_of(e) if first else None,
                record_year=year if isinstance(year, int) and not isinstance(year, bool) else None)


class _Indexing(Projection):
    """Indexes every event it is given (all topics), then applies its own handlers."""

    @property
    def topics(self) -> list[str]:
        return all_event_topics()

    def handles(self, event_class: type) -> bool:
        return True

    def apply_notification(self, rows, notification, event, tenant: str) -> None:
        rows.insert(events, **index_row(event, tenant, notification.id))
        self.apply(rows, event, tenant)


class AuditIndexProjection(_Indexing):
    """Every school's log → audit_events (one row per stored event)."""

    name = "audit.index"
    scope = "tenant"
    tables = (events,)


class AuditDistrictProjection(_Indexing):
    """The district log → audit_events (tenant "district"), assignments, findings, access records."""

    name = "audit.district"
    scope = "district"
    tables = (assignments, findings, access)

    def clear(self, conn, log_name: str) -> None:
        super().clear(conn, log_name)
        conn.execute(delete(events).where(events.c.tenant == DISTRICT))

    # -- assignments ----------------------------------------------------------------------
    @on(Assignment.Created)
    def _assignment(self, conn, e, tenant):
        conn.insert(
            assignments, id=e.originator_id, tenant=tenant, inspector=e.inspector, schools=list(e.schools),
            starts_on=e.starts_on, ends_on=e.ends_on, note=e.note, revoked=False,
            version=e.originator_version, created_by=_meta(e).get("actor_name"), created_at=e.timestamp)

    @on(Assignment.SchoolAdded)
    def _school_added(self, conn, e, tenant):
        row = conn.execute(select(assignments.c.schools).where(assignments.c.id == e.originator_id)).first()
        conn.update(assignments, {"id": e.originator_id}, schools=sorted({*row.schools, e.school}),
                    version=e.originator_version)

    @on(Assignment.Revoked)
    def _revoked(self, conn, e, tenant):
        conn.update(assignments, {"id": e.originator_id}, revoked=True, version=e.originator_version)

    # -- findings -------------------------------------------------------------------------
    @on(Finding.Recorded)
    def _finding(self, conn, e, tenant):
        conn.insert(
            findings, id=e.originator_id, tenant=tenant, school=e.school, title=e.title, description=e.description,
            events=list(e.events), deadline=e.deadline, status="open", inspector=e.inspector,
            answers=[], version=e.originator_version, recorded_at=e.timestamp, updated_at=e.timestamp)

    def _finding_update(self, conn, e, **values):
        conn.update(findings, {"id": e.originator_id}, version=e.originator_version, updated_at=e.timestamp,
                    **values)

    @on(Finding.Answered)
    def _answered(self, conn, e, tenant):
        row = conn.execute(select(findings.c.answers).where(findings.c.id == e.originator_id)).first()
        answer = {"notes": e.notes, "evidence": list(e.evidence), "answered_on": e.answered_on.isoformat(),
                  "late": e.late, "by": _meta(e).get("actor_name"), "at": e.timestamp.isoformat()}
        self._finding_update(conn, e, status="answered", answers=[*row.answers, answer])

    @on(Finding.Closed)
    def _closed(self, conn, e, tenant):
        self._finding_update(conn, e, status="closed", closing_note=e.note)

    @on(Finding.Reopened)
    def _reopened(self, conn, e, tenant):
        self._finding_update(conn, e, status="open")

    @on(Finding.DeadlineExtended)
    def _extended(self, conn, e, tenant):
        self._finding_update(conn, e, deadline=e.after)

    # -- access records -------------------------------------------------------------------
    @on(AccessRecord.Recorded)
    def _access(self, conn, e, tenant):
        meta = _meta(e)
        conn.insert(
            access, id=e.originator_id, tenant=tenant, kind=e.kind, actor=meta.get("actor_name"),
            role=meta.get("role"), schools=list(e.schools), subject=e.subject[:300],
            details=dict(e.details), at=e.timestamp)
