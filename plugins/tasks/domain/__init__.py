"""Aggregates of district tasks and information reporting.

- ``Task`` (上级任务, district log): issued by the district to schools, reminded, each school's
  answer accepted or returned with a reason.
- ``TaskResponse`` (任务办理, the school's log): the school signs for the task, names an owner,
  reports progress, keeps a draft, submits (again after a return).
- ``InfoReport`` (信息报送, the school's log): a news item or work information, drafted and submitted.
- ``InfoReview`` (信息审核, district log): the district accepts, returns or publishes a report.
"""
from plugins.tasks.domain.base import TasksError, info_review_id, response_id
from plugins.tasks.domain.info import InfoReport, InfoReview
from plugins.tasks.domain.response import TaskResponse
from plugins.tasks.domain.task import Task

AGGREGATES = (Task, TaskResponse, InfoReport, InfoReview)

__all__ = ["AGGREGATES", "InfoReport", "InfoReview", "Task", "TaskResponse", "TasksError", "info_review_id",
           "response_id"]
