"""What other plugins may use of district tasks. Nothing else of this package is public."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.kernel import Kernel
from plugins.tasks import queries, services
from plugins.tasks.domain import Task, TasksError

__all__ = ["Submission", "TaskIssued", "TasksError", "open_task_of_kind", "submit_to_district"]

# A task issued by the district (the district log), for projections of other plugins (notices: the
# schools' secretaries are told). Fields: ``title``, ``kind``, ``deadline``, ``schools``, ``issued_on``.
TaskIssued = Task.Issued


@dataclass(frozen=True)
class Submission:
    """What ``submit_to_district`` did: answered the district's task (``route`` "task", ``record_id`` the
    task's id) or sent an information report (``route`` "info", ``record_id`` the report's id); the
    school's page of it is ``endpoint`` with ``values``."""
    route: str
    record_id: UUID
    title: str
    endpoint: str
    values: dict


def open_task_of_kind(k: Kernel, school: str, kind: str, years: tuple[int, ...]):
    """The school's task of ``kind`` issued in one of ``years`` that it may still answer (not closed or
    cancelled, not accepted, not waiting for the district's review), the latest issued first; or None."""
    answerable = [s for s in queries.list_school_tasks(k, school, k.today())
                  if s.kind == kind and s.issued_on.year in years and s.task_state == "open"
                  and s.status in ("received", "opened", "in_progress", "returned")]
    return max(answerable, key=lambda s: (s.issued_on, str(s.task_id)), default=None)


def submit_to_district(k: Kernel, school: str, *, task_kind: str, years: tuple[int, ...], title: str, text: str,
                       file: tuple[bytes, str] | None = None) -> Submission:
    """Report something up to the district without typing it again: when the district issued a task of
    ``task_kind`` (e.g. "summary") in one of ``years`` that the school may still answer, the answer is
    submitted on it with ``file`` attached; otherwise it goes as an information report (信息报送, work
    information) the district sees among its schools' reports. Raises ``TasksError`` when the task asks
    for more than can be sent this way (its figures)."""
    standing = open_task_of_kind(k, school, task_kind, years)
    if standing is not None:
        files = services.store_files(k, [file]) if file is not None else []
        services.submit(k, school, standing.task_id, text, files, {})
        return Submission("task", standing.task_id, standing.title, "tasks.task",
                          {"tenant": school, "task_id": standing.task_id})
    report = services.draft_info(k, school, "work", title, text, [])
    services.submit_info(k, school, report.id)
    return Submission("info", report.id, title, "tasks.info_report", {"tenant": school, "report_id": report.id})
