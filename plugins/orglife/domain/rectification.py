"""One item of a life meeting's rectification list (整改清单): item, owner, deadline, progress, and its
closing with evidence (a text, files, or both)."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.orglife.domain.base import OrglifeError


class Rectification(Aggregate):
    """A rectification item (整改事项) followed up after the meeting until it is closed."""

    @event("Listed")
    def __init__(self, meeting_id: str, meeting_title: str, item: str, owner: str, deadline: date):
        self.meeting_id, self.meeting_title = meeting_id, meeting_title
        self.item, self.owner, self.deadline = item, owner, deadline
        self.status = "open"
        self.progress: list[dict] = []
        self.closed_on: date | None = None
        self.evidence: dict | None = None

    @classmethod
    def list_item(cls, meeting_id, meeting_title: str, held_on: date, item: str, owner: str,
                  deadline: date) -> "Rectification":
        if not (item or "").strip():
            raise OrglifeError(N_("请填写整改事项"), field="item")
        if not (owner or "").strip():
            raise OrglifeError(N_("请填写责任人"), field="owner")
        if deadline < held_on:
            raise OrglifeError(N_("整改期限不能早于会议日期"), field="deadline")
        return cls(meeting_id=str(meeting_id), meeting_title=meeting_title, item=item.strip(),
                   owner=owner.strip(), deadline=deadline)

    def note_progress(self, on: date, text: str) -> None:
        self.check_open()
        if not (text or "").strip():
            raise OrglifeError(N_("请填写整改进展"), field="text")
        self._progress(on=on, text=text.strip())

    @event("ProgressNoted")
    def _progress(self, on: date, text: str) -> None:
        self.progress.append({"on": on, "text": text})
        self.status = "in_progress"

    def close(self, on: date, text: str, files: list[dict]) -> None:
        """Closed only with evidence (整改佐证): a description, files, or both."""
        self.check_open()
        text = (text or "").strip()
        if not text and not files:
            raise OrglifeError(N_("销号须提供整改佐证（说明或文件）"), field="evidence_text")
        self._close(on=on, text=text, files=[dict(f) for f in files], late=on > self.deadline)

    @event("Closed")
    def _close(self, on: date, text: str, files: list, late: bool) -> None:
        self.status = "closed"
        self.closed_on = on
        self.evidence = {"text": text, "files": list(files)}

    def check_open(self) -> None:
        if self.status == "closed":
            raise OrglifeError(N_("该整改事项已销号"), field="status")
