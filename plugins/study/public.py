"""What other plugins may use of study and training hours. Nothing else of this package is public."""
from __future__ import annotations

from plugins.study.domain import Session

__all__ = ["StudySessionRecorded"]

# An event other plugins may listen to in projections of their own (notices: each member credited is
# told). Fields promised: ``title``, ``held_on``, ``hours_x10`` (tenths of an hour) and ``attendees``
# (``member_id``, ``name``: the members credited).
StudySessionRecorded = Session.Recorded
