"""Oversight commands, written to the district log: the only writers of audit aggregates."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.auth.queries import get_user_row
from core.errors import N_, check_version
from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit import rules
from plugins.audit.domain import AccessRecord, Assignment, AuditError, Finding


def _check_schools(k: Kernel, schools: list[str]) -> None:
    known = set(k.tenant_slugs())
    unknown = [s for s in schools if s not in known]
    if unknown:
        raise AuditError(N_("没有这些学校：%(unknown)s"), unknown='、'.join(unknown), field="schools")


# -- assignments --------------------------------------------------------------------------------
def create_assignment(k: Kernel, inspector: str, schools: list[str], starts_on: date, ends_on: date,
                      note: str = "") -> Assignment:
    with k.reading() as conn:
        user = get_user_row(conn, (inspector or "").strip().lower())
    if user is None:
        raise AuditError(N_("没有用户 %(inspector)s"), inspector=inspector, field="inspector")
    _check_schools(k, schools)
    assignment = Assignment.create(inspector, schools, starts_on, ends_on, note)
    k.save(DISTRICT, assignment)
    return assignment


def _assignment(k: Kernel, assignment_id: UUID, expected_version: int | None) -> Assignment:
    assignment = k.get(DISTRICT, assignment_id, Assignment)
    check_version(assignment, expected_version)
    return assignment


def add_school_to_assignment(k: Kernel, assignment_id: UUID, school: str,
                             expected_version: int | None = None) -> Assignment:
    _check_schools(k, [school])
    assignment = _assignment(k, assignment_id, expected_version)
    assignment.add_school(school)
    k.save(DISTRICT, assignment)
    return assignment


def revoke_assignment(k: Kernel, assignment_id: UUID, reason: str,
                      expected_version: int | None = None) -> Assignment:
    assignment = _assignment(k, assignment_id, expected_version)
    assignment.revoke(reason)
    k.save(DISTRICT, assignment)
    return assignment


# -- findings and rectification ----------------------------------------------------------------
def record_finding(k: Kernel, school: str, title: str, description: str, events: list[dict],
                   deadline: date | None, inspector: str, deadline_days: int | None = None) -> Finding:
    _check_schools(k, [school])
    today = k.today()
    deadline = deadline or rules.default_deadline(today, deadline_days)
    links = [{"id": str(e["id"]), "version": int(e["version"])} for e in events]
    for link in links:
        try:
            UUID(link["id"])
        except ValueError as exc:
            raise AuditError(N_("记录编号无效：%(id)s"), id=link['id'], field="events") from exc
        if not _event_exists(k, school, UUID(link["id"]), link["version"]):
            raise AuditError(N_("该校没有记录 %(id)s 的第 %(version)s 版事件"),
                             id=link['id'], version=link['version'], field="events")
    finding = Finding.record(school, title, description, links, deadline, inspector, today)
    k.save(DISTRICT, finding)
    return finding


def _event_exists(k: Kernel, school: str, originator_id: UUID, version: int) -> bool:
    recorder = k.stores.log(school).recorder
    return bool(recorder.select_events(originator_id, gt=version - 1, lte=version, limit=1))


def _finding(k: Kernel, finding_id: UUID, expected_version: int | None) -> Finding:
    finding = k.get(DISTRICT, finding_id, Finding)
    check_version(finding, expected_version)
    return finding


def answer_finding(k: Kernel, finding_id: UUID, notes: str, evidence: list[dict] | None = None,
                   expected_version: int | None = None) -> Finding:
    finding = _finding(k, finding_id, expected_version)
    finding.answer(notes, list(evidence or []), k.today())
    k.save(DISTRICT, finding)
    return finding


def close_finding(k: Kernel, finding_id: UUID, note: str = "", expected_version: int | None = None) -> Finding:
    finding = _finding(k, finding_id, expected_version)
    finding.close(note)
    k.save(DISTRICT, finding)
    return finding


def reopen_finding(k: Kernel, finding_id: UUID, reason: str, expected_version: int | None = None) -> Finding:
    finding = _finding(k, finding_id, expected_version)
    finding.reopen(reason)
    k.save(DISTRICT, finding)
    return finding


def extend_deadline(k: Kernel, finding_id: UUID, deadline: date, reason: str,
                    expected_version: int | None = None) -> Finding:
    finding = _finding(k, finding_id, expected_version)
    finding.extend_deadline(deadline, reason)
    k.save(DISTRICT, finding)
    return finding


# -- the auditors are audited ------------------------------------------------------------------
def record_access(k: Kernel, kind: str, schools: list[str], subject: str, details: dict | None = None) -> UUID:
    """Record an export or a reading of personal data in the console (in the district log)."""
    record = AccessRecord(kind=kind, schools=sorted(set(schools)), subject=subject[:300],
                          details=dict(details or {}))
    k.save(DISTRICT, record)
    return record.id
