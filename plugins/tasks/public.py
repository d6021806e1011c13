"""What other plugins may use of district tasks. Nothing else of this package is public."""
from __future__ import annotations

from plugins.tasks.domain import Task

__all__ = ["TaskIssued"]

# A task issued by the district (the district log), for projections of other plugins (notices: the
# schools' secretaries are told). Fields: ``title``, ``kind``, ``deadline``, ``schools``, ``issued_on``.
TaskIssued = Task.Issued
