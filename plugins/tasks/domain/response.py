"""A school's handling of one district task (任务办理), kept in the school's own log."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.tasks import rules
from plugins.tasks.domain.base import TasksError, required, response_id


class TaskResponse(Aggregate):
    """Signed for (签收), owned, worked on, drafted, submitted; after a return, submitted again."""

    @staticmethod
    def create_id(school: str, task_id: UUID, **_):
        return response_id(school, task_id)

    @event("Opened")
    def __init__(self, school: str, task_id: UUID, title: str, deadline: date, on: date):
        self.school = school
        self.task_id = task_id
        self.title = title
        self.deadline = deadline
        self.owner = ""
        self.round = 0          # submissions so far
        self.progress = 0

    def assign_owner(self, owner: str) -> None:
        owner = required(owner, N_("请填写负责人"), "owner")
        if owner == self.owner:
            raise TasksError(N_("负责人没有变化"), field="owner")
        self._owner_assigned(owner=owner, before=self.owner)

    @event("OwnerAssigned")
    def _owner_assigned(self, owner: str, before: str) -> None:
        self.owner = owner

    def report_progress(self, text: str, on: date) -> None:
        self._progress_reported(text=required(text, N_("请填写办理进展"), "text"), on=on)

    @event("ProgressReported")
    def _progress_reported(self, text: str, on: date) -> None:
        self.progress += 1

    def save_draft(self, text: str, files: list, fields: dict, lines: list | None) -> None:
        """A draft stays at the school: the district sees only what is submitted."""
        self._draft_saved(text=(text or "").strip(), files=list(files), fields=dict(fields or {}),
                          lines=list(lines) if lines is not None else None)

    @event("DraftSaved")
    def _draft_saved(self, text: str, files: list, fields: dict, lines: list | None) -> None:
        pass

    def submit(self, returns: dict, text: str, files: list, fields: dict, lines: list | None, on: date,
               judged: dict | None, deadline: date | None = None) -> None:
        """Submit the answer; again only after the district returned the last one. ``deadline`` is the
        task's deadline now (the district may have extended it)."""
        if self.round:
            if not judged or judged.get("round") != self.round:
                raise TasksError(N_("已提交，正在等待区里审核"), field="text")
            if judged.get("outcome") != "returned":
                raise TasksError(N_("本任务已通过审核，无需再提交"), field="text")
        problems = rules.answer_problems(returns, text, files, fields, lines)
        if len(problems) == 1:
            (field, message), = problems.items()
            raise TasksError(message, field=field, problems=problems)
        if problems:
            raise TasksError(N_("报送内容不完整"), problems=problems)
        keys = {spec["key"] for spec in returns.get("fields") or ()}
        self._submitted(round=self.round + 1, text=(text or "").strip(), files=list(files),
                        fields={key: str(value).strip() for key, value in (fields or {}).items() if key in keys},
                        lines=list(lines) if lines is not None else None, on=on, late=on > (deadline or self.deadline))

    @event("Submitted")
    def _submitted(self, round: int, text: str, files: list, fields: dict, lines: list | None, on: date,
                   late: bool) -> None:
        self.round = round
