"""Commands of district tasks and information reporting: the only writers. The district's acts go
to the district log, a school's to its own log; a school's answer reaches the district only when
submitted (``tasks_responses`` holds nothing else)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.eventstore import DISTRICT
from core.files import store_file
from core.kernel import Kernel
from plugins.tasks.domain import InfoReport, InfoReview, Task, TaskResponse, TasksError, info_review_id, response_id

FILE_TYPES = {".pdf": "application/pdf", ".docx": None, ".xlsx": None, ".jpg": "image/jpeg",
              ".jpeg": "image/jpeg", ".png": "image/png"}
PHOTO_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def store_files(k: Kernel, uploads: list[tuple[bytes, str]], photos: bool = False) -> list[dict]:
    """Check and store uploaded files; their references as kept in events."""
    return [store_file(k, data, name, PHOTO_TYPES if photos else FILE_TYPES).as_dict() for data, name in uploads]


# -- the district --------------------------------------------------------------------------------
def issue_task(k: Kernel, kind: str, title: str, content: str, deadline: date, schools: list[str] | None,
               returns: dict, titles: list[str] | None = None) -> Task:
    """下发任务 to the schools named, or to every school when none is named."""
    known = list(k.tenant_slugs())
    chosen = list(schools or known)
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise TasksError(N_("没有这些学校：%(unknown)s"), unknown="、".join(unknown), field="schools")
    task = Task.issue(kind, title, content, deadline, chosen, returns, list(titles or ()), k.today())
    k.save(DISTRICT, task)
    return task


def get_task(k: Kernel, task_id: UUID, expected_version: int | None = None) -> Task:
    task = k.get_or_none(DISTRICT, task_id, Task)
    if task is None:
        raise NotFoundError(N_("没有这项任务"))
    check_version(task, expected_version)
    return task


def add_schools(k: Kernel, task_id: UUID, schools: list[str], expected_version: int | None = None) -> Task:
    """补充下发: schools added to a task already issued (a new school, or one forgotten), in one save."""
    known = set(k.tenant_slugs())
    unknown = [s for s in schools if s not in known]
    if unknown:
        raise TasksError(N_("没有这些学校：%(unknown)s"), unknown="、".join(unknown), field="schools")
    if not schools:
        raise TasksError(N_("请至少选择一所学校"), field="schools")
    task = get_task(k, task_id, expected_version)
    for school in sorted(set(schools)):
        task.add_school(school)
    k.save(DISTRICT, task)
    return task


def add_school(k: Kernel, task_id: UUID, school: str, expected_version: int | None = None) -> Task:
    return add_schools(k, task_id, [school], expected_version)


def extend_deadline(k: Kernel, task_id: UUID, deadline: date, reason: str,
                    expected_version: int | None = None) -> Task:
    """延期 with a reason every school of the task reads."""
    task = get_task(k, task_id, expected_version)
    task.extend_deadline(deadline, reason)
    k.save(DISTRICT, task)
    return task


def close_task(k: Kernel, task_id: UUID, note: str = "", expected_version: int | None = None) -> Task:
    """办结: no more answers; schools that did not submit are shown as not submitted at closing."""
    task = get_task(k, task_id, expected_version)
    task.close(note, k.today())
    k.save(DISTRICT, task)
    return task


def cancel_task(k: Kernel, task_id: UUID, reason: str, expected_version: int | None = None) -> Task:
    """撤销 with a reason: the task leaves the schools' open work."""
    task = get_task(k, task_id, expected_version)
    task.cancel(reason, k.today())
    k.save(DISTRICT, task)
    return task


def response_of(k: Kernel, school: str, task_id: UUID) -> TaskResponse | None:
    return k.get_or_none(school, response_id(school, task_id), TaskResponse)


def remind(k: Kernel, task_id: UUID, schools: list[str] | None, note: str,
           expected_version: int | None = None) -> Task:
    """催办 the schools named, or every school of the task that has not submitted or was returned."""
    task = get_task(k, task_id, expected_version)
    if not schools:
        schools = [s for s in task.schools if _still_to_answer(k, task, s)]
    task.remind(schools, note, k.today())
    k.save(DISTRICT, task)
    return task


def _still_to_answer(k: Kernel, task: Task, school: str) -> bool:
    response = response_of(k, school, task.id)
    if response is None or not response.round:
        return True
    judged = task.judged.get(school) or {}
    return judged.get("round") == response.round and judged.get("outcome") == "returned"


def _submitted_round(k: Kernel, task: Task, school: str) -> int:
    task.check_school(school)
    response = response_of(k, school, task.id)
    return response.round if response is not None else 0


def accept(k: Kernel, task_id: UUID, school: str, note: str = "", expected_version: int | None = None) -> Task:
    task = get_task(k, task_id, expected_version)
    task.accept(school, _submitted_round(k, task, school), note)
    k.save(DISTRICT, task)
    return task


def send_back(k: Kernel, task_id: UUID, school: str, reason: str, expected_version: int | None = None) -> Task:
    """退回 a school's answer with a reason: the task goes back to the school."""
    task = get_task(k, task_id, expected_version)
    task.send_back(school, _submitted_round(k, task, school), reason)
    k.save(DISTRICT, task)
    return task


# -- the school ----------------------------------------------------------------------------------
def _task_for(k: Kernel, tenant: str, task_id: UUID) -> Task:
    task = get_task(k, task_id)
    if tenant not in task.schools:
        raise NotFoundError(N_("没有这项任务"))
    return task


def open_task(k: Kernel, tenant: str, task_id: UUID) -> TaskResponse:
    """签收: the school has read the task."""
    _task_for(k, tenant, task_id).check_open()
    if response_of(k, tenant, task_id) is not None:
        raise TasksError(N_("本任务已签收"), field="task")
    response = _new_response(k, tenant, task_id)
    k.save(tenant, response)
    return response


def _new_response(k: Kernel, tenant: str, task_id: UUID) -> TaskResponse:
    task = _task_for(k, tenant, task_id)
    return TaskResponse(school=tenant, task_id=task.id, title=task.title, deadline=task.deadline, on=k.today())


def _existing(k: Kernel, tenant: str, task_id: UUID, expected_version: int | None) -> tuple[Task, TaskResponse]:
    task = _task_for(k, tenant, task_id)
    task.check_open()
    response = response_of(k, tenant, task_id)
    if response is None:
        response = _new_response(k, tenant, task_id)
    else:
        check_version(response, expected_version)
    return task, response


def assign_owner(k: Kernel, tenant: str, task_id: UUID, owner: str,
                 expected_version: int | None = None) -> TaskResponse:
    _, response = _existing(k, tenant, task_id, expected_version)
    response.assign_owner(owner)
    k.save(tenant, response)
    return response


def report_progress(k: Kernel, tenant: str, task_id: UUID, text: str,
                    expected_version: int | None = None) -> TaskResponse:
    _, response = _existing(k, tenant, task_id, expected_version)
    response.report_progress(text, k.today())
    k.save(tenant, response)
    return response


def _lines(task: Task, lines: list | None) -> list | None:
    if task.kind != "subscription":
        return None
    by_title = {line.get("title"): line for line in lines or ()}
    unknown = [t for t in by_title if t not in task.titles]
    if unknown:
        raise TasksError(N_("不在征订目录中的报刊：%(titles)s"), titles="、".join(map(str, unknown)), field="lines")
    return [{"title": t, "copies": int(by_title.get(t, {}).get("copies") or 0),
             "amount": str(by_title.get(t, {}).get("amount") or "0.00")} for t in task.titles]


def save_draft(k: Kernel, tenant: str, task_id: UUID, text: str, files: list, fields: dict,
               lines: list | None = None, expected_version: int | None = None) -> TaskResponse:
    task, response = _existing(k, tenant, task_id, expected_version)
    response.save_draft(text, files, fields, _lines(task, lines))
    k.save(tenant, response)
    return response


def submit(k: Kernel, tenant: str, task_id: UUID, text: str, files: list, fields: dict,
           lines: list | None = None, expected_version: int | None = None) -> TaskResponse:
    """上报: the answer reaches the district; after the deadline it is marked late."""
    task, response = _existing(k, tenant, task_id, expected_version)
    response.submit(task.returns, text, files, fields, _lines(task, lines), k.today(), task.judged.get(tenant),
                    task.deadline)
    k.save(tenant, response)
    return response


# -- information reporting -----------------------------------------------------------------------
def draft_info(k: Kernel, tenant: str, kind: str, title: str, text: str, photos: list) -> InfoReport:
    report = InfoReport.draft(kind, title, text, photos)
    k.save(tenant, report)
    return report


def _review(k: Kernel, tenant: str, report_id: UUID) -> InfoReview | None:
    return k.get_or_none(DISTRICT, info_review_id(tenant, report_id), InfoReview)


def _judged(k: Kernel, tenant: str, report_id: UUID) -> dict | None:
    review = _review(k, tenant, report_id)
    return review.judged if review is not None else None


def _report(k: Kernel, tenant: str, report_id: UUID, expected_version: int | None) -> InfoReport:
    report = k.get_or_none(tenant, report_id, InfoReport)
    if report is None:
        raise NotFoundError(N_("没有这条信息"))
    check_version(report, expected_version)
    return report


def revise_info(k: Kernel, tenant: str, report_id: UUID, kind: str, title: str, text: str, photos: list | None,
                expected_version: int | None = None) -> InfoReport:
    report = _report(k, tenant, report_id, expected_version)
    report.revise(kind, title, text, report.photos if photos is None else photos, _judged(k, tenant, report_id))
    k.save(tenant, report)
    return report


def submit_info(k: Kernel, tenant: str, report_id: UUID, expected_version: int | None = None) -> InfoReport:
    report = _report(k, tenant, report_id, expected_version)
    report.submit(k.today(), _judged(k, tenant, report_id))
    k.save(tenant, report)
    return report


def decide_info(k: Kernel, tenant: str, report_id: UUID, outcome: str, reason: str = "") -> InfoReview:
    """The district: 采用, 退回 (with a reason) or 发布 a school's submitted report."""
    if tenant not in k.tenant_slugs():
        raise NotFoundError(N_("没有这条信息"))
    report = k.get_or_none(tenant, report_id, InfoReport)
    if report is None or not report.round:
        raise NotFoundError(N_("没有这条信息"))
    review = _review(k, tenant, report_id) or InfoReview(school=tenant, report_id=report_id, title=report.title)
    review.decide(outcome, report.round, reason)
    k.save(DISTRICT, review)
    return review
