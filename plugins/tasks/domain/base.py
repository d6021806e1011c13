"""What the tasks aggregates share: the error and the natural ids."""
from __future__ import annotations

import uuid

from core.errors import DomainError
from core.ids import natural_id


class TasksError(DomainError):
    pass


def response_id(tenant: str, task_id) -> uuid.UUID:
    """One response per school and task (the key includes the school)."""
    return natural_id("tasks", "response", tenant, str(task_id))


def info_review_id(tenant: str, report_id) -> uuid.UUID:
    """One district review per school's report."""
    return natural_id("tasks", "info-review", tenant, str(report_id))


def required(value, message: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise TasksError(message, field=field)
    return text
