"""Development events → development_cases, _steps, _history, _documents, _publicity."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from core.projections import Projection, on
from plugins.development import rules
from plugins.development.describe import describe
from plugins.development.domain import DevelopmentCase as C
from plugins.development.models import cases, documents, history, publicity, steps


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


def _next_step(dates: dict, status: str) -> int | None:
    if status in ("refused", "cancelled"):
        return None
    return next((n for n in range(1, rules.LAST_STEP + 1) if str(n) not in dates), None)


class DevelopmentProjection(Projection):
    name = "development.cases"
    tables = (history, documents, publicity, steps, cases)

    # -- helpers ---------------------------------------------------------------------------
    def _row(self, conn, e):
        return conn.execute(select(cases).where(cases.c.id == e.originator_id)).first()

    def _update(self, conn, e, **values):
        conn.update(cases, {"id": e.originator_id}, version=e.originator_version, updated_at=e.timestamp, **values)

    def _history(self, conn, e, tenant, kind):
        conn.insert(history,
            tenant=tenant, case_id=e.originator_id, version=e.originator_version, kind=kind,
            text=(describe(e) or kind)[:1000], actor=_meta(e).get("actor_name"), at=e.timestamp)

    def _step_row(self, conn, e, tenant, step, kind, **values):
        conn.insert(steps,
            tenant=tenant, case_id=e.originator_id, version=e.originator_version, step=step, kind=kind,
            recorded_by=_meta(e).get("actor_name"), **values)

    # -- handlers --------------------------------------------------------------------------
    @on(C.Opened)
    def _opened(self, conn, e, tenant):
        p = e.person
        conn.insert(cases,
            id=e.originator_id, tenant=tenant, name=p["name"], gender=p.get("gender"),
            birth_date=p.get("birth_date"), id_number=p.get("id_number"), category=p.get("category"),
            job_post=p.get("job_post"), applied_on=e.applied_on, status="applicant", next_step=2,
            dates={"1": e.applied_on.isoformat()}, extensions=0, decision_needed=False, late_steps=0,
            version=e.originator_version, opened_at=e.timestamp, updated_at=e.timestamp)
        self._step_row(conn, e, tenant, 1, "step", happened_on=e.applied_on, recorded_on=e.recorded_on,
                       actor=e.actor, notes=e.notes, records=e.records, data={}, passed=True, late=False,
                       rule_set=e.rule_set)
        self._history(conn, e, tenant, "opened")

    @on(C.StepRecorded)
    def _step(self, conn, e, tenant):
        self._step_row(conn, e, tenant, e.step, "step", happened_on=e.happened_on, recorded_on=e.recorded_on,
                       due=e.due, actor=e.actor, notes=e.notes, records=e.records, data=_jsonable(e.data),
                       passed=e.passed, late=e.late, late_reason=e.late_reason,
                       special_reason=e.special_reason, rule_set=e.rule_set)
        row = self._row(conn, e)
        values: dict = {"late_steps": row.late_steps + int(e.late)}
        if e.passed:
            dates = {**row.dates, str(e.step): e.happened_on.isoformat()}
            status = rules.STATUS_AFTER_STEP.get(e.step, row.status)
            values.update(dates=dates, status=status, next_step=_next_step(dates, status), decision_needed=False)
            extra = {3: "activist_on", 8: "target_on", 6: "last_assessment_on"}
            if e.step in extra:
                values[extra[e.step]] = e.happened_on
            if e.step == rules.LAST_STEP:
                values.update(closed_on=e.happened_on, next_step=None)
        elif e.step in (23, 24):
            values["decision_needed"] = True
        self._update(conn, e, **values)
        self._history(conn, e, tenant, f"step{e.step}")

    @on(C.AssessmentRecorded)
    def _assessed(self, conn, e, tenant):
        self._step_row(conn, e, tenant, 6, "assessment", happened_on=e.happened_on, recorded_on=e.recorded_on,
                       due=e.due, actor=e.actor, notes=e.notes, records=[], data={}, passed=True,
                       late=e.late, late_reason=e.late_reason, rule_set=e.rule_set)
        row = self._row(conn, e)
        self._update(conn, e, last_assessment_on=e.happened_on, late_steps=row.late_steps + int(e.late))
        self._history(conn, e, tenant, "assessment")

    @on(C.Admitted)
    def _admitted(self, conn, e, tenant):
        self._update(conn, e, member_id=UUID(str(e.member_id)), joined_on=e.joined_on, probation_end=e.probation_end)
        self._history(conn, e, tenant, "admitted")

    @on(C.Converted)
    def _converted(self, conn, e, tenant):
        self._update(conn, e, converted_on=e.converted_on, on_time=e.on_time)
        self._history(conn, e, tenant, "converted")

    @on(C.ProbationExtended)
    def _extended(self, conn, e, tenant):
        row = self._row(conn, e)
        dates = {k: v for k, v in row.dates.items() if k not in ("22", "23")}
        for step in (22, 23, 24):
            conn.update(steps, {"case_id": e.originator_id, "step": step}, superseded=True)
        conn.update(publicity, {"tenant": tenant, "case_id": e.originator_id, "kind": "conversion"},
                    superseded=True)
        self._update(conn, e, probation_end=e.after_end, extensions=row.extensions + 1, dates=dates,
                     next_step=_next_step(dates, row.status), decision_needed=False)
        self._history(conn, e, tenant, "extended")

    @on(C.ProbationCancelled)
    def _cancelled(self, conn, e, tenant):
        self._update(conn, e, status="cancelled", next_step=None, closed_on=e.decided_on,
                     close_reason=e.reason, decision_needed=False)
        self._history(conn, e, tenant, "cancelled")

    @on(C.Refused)
    def _refused(self, conn, e, tenant):
        self._update(conn, e, status="refused", next_step=None, closed_on=e.refused_on, close_reason=e.reason)
        self._history(conn, e, tenant, "refused")

    @on(C.PublicityOpened)
    def _publicity(self, conn, e, tenant):
        conn.update(publicity, {"tenant": tenant, "case_id": e.originator_id, "kind": e.kind}, superseded=True)
        conn.insert(publicity, tenant=tenant, case_id=e.originator_id, kind=e.kind, start=e.start,
                               end=e.end, working_days=e.working_days, objections=[],
                               superseded=False)
        self._update(conn, e)
        self._history(conn, e, tenant, "publicity")

    def _objections(self, conn, e, change):
        where = {"case_id": e.originator_id, "kind": e.kind, "superseded": False}
        current = conn.execute(select(publicity.c.objections).where(
            *(publicity.c[k] == v for k, v in where.items()))).scalar_one()
        conn.update(publicity, where, objections=change([dict(o) for o in current]))

    @on(C.ObjectionRecorded)
    def _objection(self, conn, e, tenant):
        self._objections(conn, e, lambda items: items + [
            {"received_on": e.received_on.isoformat(), "text": e.text, "resolution": None}])
        self._update(conn, e)
        self._history(conn, e, tenant, "objection")

    @on(C.ObjectionResolved)
    def _resolved(self, conn, e, tenant):
        def change(items):
            items[e.index]["resolution"] = e.resolution
            return items
        self._objections(conn, e, change)
        self._update(conn, e)
        self._history(conn, e, tenant, "objection_resolved")

    @on(C.DocumentAttached)
    def _attached(self, conn, e, tenant):
        f = e.file
        conn.insert(documents,
            tenant=tenant, case_id=e.originator_id, version=e.originator_version, code=e.code,
            sha256=f["sha256"], name=f["name"], content_type=f.get("content_type"), size=f.get("size"),
            actor=_meta(e).get("actor_name"), at=e.timestamp)
        self._update(conn, e)
        self._history(conn, e, tenant, "document")

    @on(C.StepCorrected)
    def _corrected(self, conn, e, tenant):
        values = {f: c["after"] for f, c in e.changes.items() if f in ("notes", "actor")}
        conn.update(steps, {"case_id": e.originator_id, "step": e.step, "kind": "step", "passed": True,
                            "superseded": False}, **values)
        self._update(conn, e)
        self._history(conn, e, tenant, "corrected")


def _jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in (data or {}).items()}
