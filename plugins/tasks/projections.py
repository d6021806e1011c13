"""Tasks events → tasks_* tables: the district's tasks and decisions (district log), the schools'
answers, drafts and reports (each school's log)."""
from __future__ import annotations

from sqlalchemy import select

from core.projections import Projection, on
from plugins.tasks import models as m
from plugins.tasks.domain import InfoReport, InfoReview, Task, TaskResponse
from plugins.tasks.rules import subscription_totals


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


class TasksDistrictProjection(Projection):
    """The district log → tasks issued, one row per task and school, reviews of reports."""

    name = "tasks.district"
    scope = "district"
    tables = (m.tasks, m.assignments, m.info_reviews)

    @on(Task.Issued)
    def _issued(self, rows, e, tenant):
        rows.insert(m.tasks, id=e.originator_id, tenant=tenant, kind=e.kind, title=e.title, content=e.content,
                    deadline=e.deadline, schools=list(e.schools), returns=dict(e.returns), titles=list(e.titles),
                    issued_on=e.issued_on, issued_by=_actor(e), reminders=0, state="open", changes=[],
                    version=e.originator_version)
        for school in e.schools:
            rows.insert(m.assignments, task_id=e.originator_id, tenant=school, kind=e.kind, title=e.title,
                        deadline=e.deadline, issued_on=e.issued_on, reminders=0, state="open")

    @staticmethod
    def _change(rows, e, task, **change):
        """The task's history as both sides read it (added schools, extensions, closing, cancelling)."""
        on = change.pop("on", None) or e.timestamp.date()
        return [*(task.changes or []), {"kind": change.pop("kind"), "on": on.isoformat(), **change}]

    @on(Task.SchoolAdded)
    def _school_added(self, rows, e, tenant):
        task = self._task_row(rows, e)
        rows.update(m.tasks, {"id": e.originator_id}, schools=sorted({*task.schools, e.school}),
                    changes=self._change(rows, e, task, kind="school_added", school=e.school),
                    version=e.originator_version)
        rows.insert(m.assignments, task_id=e.originator_id, tenant=e.school, kind=task.kind, title=task.title,
                    deadline=task.deadline, issued_on=task.issued_on, reminders=0, state=task.state)

    def _task_row(self, rows, e):
        return rows.execute(select(m.tasks).where(m.tasks.c.tenant == "district",
                                                  m.tasks.c.id == e.originator_id)).first()

    def _each_school(self, rows, e, task, **values):
        for school in task.schools:
            rows.update(m.assignments, {"task_id": e.originator_id, "tenant": school}, **values)

    @on(Task.DeadlineExtended)
    def _extended(self, rows, e, tenant):
        task = self._task_row(rows, e)
        rows.update(m.tasks, {"id": e.originator_id}, deadline=e.deadline, version=e.originator_version,
                    changes=self._change(rows, e, task, kind="extended", before=e.before.isoformat(),
                                         after=e.deadline.isoformat(), reason=e.reason))
        self._each_school(rows, e, task, deadline=e.deadline, extended_reason=e.reason[:500])

    @on(Task.Closed)
    def _closed(self, rows, e, tenant):
        task = self._task_row(rows, e)
        rows.update(m.tasks, {"id": e.originator_id}, state="closed", state_reason=e.note[:500], state_on=e.on,
                    changes=self._change(rows, e, task, kind="closed", on=e.on, reason=e.note),
                    version=e.originator_version)
        self._each_school(rows, e, task, state="closed", state_reason=e.note[:500])

    @on(Task.Cancelled)
    def _cancelled(self, rows, e, tenant):
        task = self._task_row(rows, e)
        rows.update(m.tasks, {"id": e.originator_id}, state="cancelled", state_reason=e.reason[:500],
                    state_on=e.on, changes=self._change(rows, e, task, kind="cancelled", on=e.on, reason=e.reason),
                    version=e.originator_version)
        self._each_school(rows, e, task, state="cancelled", state_reason=e.reason[:500])

    @on(Task.Reminded)
    def _reminded(self, rows, e, tenant):
        rows.update(m.tasks, {"id": e.originator_id}, version=e.originator_version, add={"reminders": 1})
        for school in e.schools:
            rows.update(m.assignments, {"task_id": e.originator_id, "tenant": school}, reminded_on=e.on,
                        reminder_note=e.note[:500], add={"reminders": 1})

    def _judged(self, rows, e, outcome: str, note: str):
        rows.update(m.tasks, {"id": e.originator_id}, version=e.originator_version)
        rows.update(m.assignments, {"task_id": e.originator_id, "tenant": e.school}, decision=outcome,
                    decision_round=e.round, decision_note=note[:500], decided_at=e.timestamp)

    @on(Task.Accepted)
    def _accepted(self, rows, e, tenant):
        self._judged(rows, e, "accepted", e.note)

    @on(Task.Returned)
    def _returned(self, rows, e, tenant):
        self._judged(rows, e, "returned", e.reason)

    @on(InfoReview.Started)
    def _review(self, rows, e, tenant):
        pass   # a row appears with the first decision

    @on(InfoReview.Decided)
    def _decided(self, rows, e, tenant):
        rows.delete(m.info_reviews, tenant=e.school, report_id=e.report_id)
        rows.insert(m.info_reviews, report_id=e.report_id, tenant=e.school, id=e.originator_id, round=e.round,
                    outcome=e.outcome, reason=e.reason[:500], published=e.outcome == "published",
                    decided_at=e.timestamp, version=e.originator_version)


class TasksSchoolProjection(Projection):
    """A school's log → its answers (submitted only), drafts, progress notes and reports."""

    name = "tasks.school"
    tables = (m.responses, m.drafts, m.progress, m.info)

    def _response(self, rows, e, tenant, **values):
        rows.update(m.responses, {"tenant": tenant, "task_id": e.task_id}, version=e.originator_version, **values)

    @on(TaskResponse.Opened)
    def _opened(self, rows, e, tenant):
        rows.insert(m.responses, tenant=tenant, task_id=e.task_id, id=e.originator_id, owner=None, progress=0,
                    opened_at=e.timestamp, round=0, late=False, version=e.originator_version)

    @on(TaskResponse.OwnerAssigned)
    def _owner(self, rows, e, tenant):
        rows.update(m.responses, {"tenant": tenant, "task_id": self._task(rows, e, tenant)},
                    owner=e.owner, version=e.originator_version)

    @on(TaskResponse.ProgressReported)
    def _progress(self, rows, e, tenant):
        task_id = self._task(rows, e, tenant)
        rows.update(m.responses, {"tenant": tenant, "task_id": task_id}, last_progress=e.text,
                    version=e.originator_version, add={"progress": 1})
        rows.insert(m.progress, tenant=tenant, task_id=task_id, on=e.on, text=e.text, actor=_actor(e),
                    recorded_at=e.timestamp)

    @on(TaskResponse.DraftSaved)
    def _draft(self, rows, e, tenant):
        task_id = self._task(rows, e, tenant)
        rows.delete(m.drafts, tenant=tenant, task_id=task_id)
        rows.insert(m.drafts, tenant=tenant, task_id=task_id, text=e.text, files=list(e.files),
                    fields=dict(e.fields), lines=e.lines, saved_at=e.timestamp)
        rows.update(m.responses, {"tenant": tenant, "task_id": task_id}, version=e.originator_version)

    @on(TaskResponse.Submitted)
    def _submitted(self, rows, e, tenant):
        task_id = self._task(rows, e, tenant)
        copies, amount = subscription_totals(e.lines) if e.lines is not None else (None, None)
        rows.update(m.responses, {"tenant": tenant, "task_id": task_id}, round=e.round, text=e.text,
                    files=list(e.files), fields=dict(e.fields), lines=e.lines, copies=copies, amount=amount,
                    submitted_on=e.on, submitted_at=e.timestamp, late=e.late, version=e.originator_version)
        rows.delete(m.drafts, tenant=tenant, task_id=task_id)

    @staticmethod
    def _task(rows, e, tenant):
        return rows.execute(select(m.responses.c.task_id).where(
            m.responses.c.tenant == tenant, m.responses.c.id == e.originator_id)).scalar_one()

    @on(InfoReport.Drafted)
    def _info(self, rows, e, tenant):
        rows.insert(m.info, id=e.originator_id, tenant=tenant, kind=e.kind, title=e.title, text=e.text,
                    photos=list(e.photos), round=0, created_at=e.timestamp, version=e.originator_version)

    @on(InfoReport.Revised)
    def _info_revised(self, rows, e, tenant):
        rows.update(m.info, {"id": e.originator_id}, kind=e.kind, title=e.title, text=e.text,
                    photos=list(e.photos), version=e.originator_version)

    @on(InfoReport.Submitted)
    def _info_submitted(self, rows, e, tenant):
        values = {"year": e.on.year} if e.round == 1 else {}
        rows.update(m.info, {"id": e.originator_id}, round=e.round, submitted_on=e.on,
                    version=e.originator_version, **values)


PROJECTIONS = (TasksDistrictProjection, TasksSchoolProjection)
