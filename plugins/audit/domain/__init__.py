"""Aggregates of district oversight, all in the district log.

- ``Assignment`` (督查任务): an inspector, a list of schools, a date range.
- ``Finding`` (督查发现/整改): found by an inspector at a school, linked to exact events, answered
  by the school with rectification notes and evidence, closed or reopened by the district.
  Findings live in the district log, not the school's: the district owns them, a school must not
  be able to rewrite them, and an inspector's scope may end while the finding stays open.
- ``AccessRecord`` (查阅/导出记录): an inspector's reading of personal data or an export.
"""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from core.ids import natural_id
from plugins.audit import rules


class AuditError(DomainError):
    pass


class Assignment(Aggregate):
    """Scoped, time-limited inspection: outside it the inspector sees nothing of a school."""

    @event("Created")
    def __init__(self, inspector: str, schools: list, starts_on: date, ends_on: date, note: str = ""):
        self.inspector = inspector
        self.schools = list(schools)
        self.starts_on = starts_on
        self.ends_on = ends_on
        self.note = note
        self.revoked = False

    @classmethod
    def create(cls, inspector: str, schools: list, starts_on: date, ends_on: date,
               note: str = "") -> "Assignment":
        if not (inspector or "").strip():
            raise AuditError(N_("请填写督查员用户名"), field="inspector")
        if not schools:
            raise AuditError(N_("请至少选择一所学校"), field="schools")
        if ends_on < starts_on:
            raise AuditError(N_("结束日期不能早于开始日期"), field="ends_on")
        return cls(inspector=inspector.strip().lower(), schools=sorted(set(schools)),
                   starts_on=starts_on, ends_on=ends_on, note=(note or "").strip())

    def covers(self, school: str, day: date) -> bool:
        return rules.covers(self.schools, self.starts_on, self.ends_on, self.revoked, school, day)

    def add_school(self, school: str) -> None:
        if self.revoked:
            raise AuditError(N_("督查任务已撤销"), field="schools")
        if school in self.schools:
            raise AuditError(N_("该学校已在督查任务中"), field="schools")
        self._add_school(school=school)

    @event("SchoolAdded")
    def _add_school(self, school: str) -> None:
        self.schools = sorted({*self.schools, school})

    def revoke(self, reason: str) -> None:
        if self.revoked:
            raise AuditError(N_("督查任务已撤销"))
        if not (reason or "").strip():
            raise AuditError(N_("撤销督查任务须说明原因"), field="reason")
        self._revoke(reason=reason.strip())

    @event("Revoked")
    def _revoke(self, reason: str) -> None:
        self.revoked = True


class Finding(Aggregate):
    """A finding against a school and its rectification (整改), step by step."""

    @event("Recorded")
    def __init__(self, school: str, title: str, description: str, events: list, deadline: date,
                 inspector: str):
        self.school = school
        self.title = title
        self.description = description
        self.events = list(events)
        self.deadline = deadline
        self.inspector = inspector
        self.status = "open"
        self.answers: list[dict] = []

    @classmethod
    def record(cls, school: str, title: str, description: str, events: list, deadline: date,
               inspector: str, today: date) -> "Finding":
        if not (title or "").strip():
            raise AuditError(N_("请填写问题标题"), field="title")
        if not (description or "").strip():
            raise AuditError(N_("请描述发现的问题"), field="description")
        if deadline < today:
            raise AuditError(N_("整改期限不能早于今天"), field="deadline")
        for link in events:
            if not isinstance(link, dict) or not link.get("id") or not isinstance(link.get("version"), int):
                raise AuditError(N_("关联事件应为记录编号与版本号"), field="events")
        return cls(school=school, title=title.strip(), description=description.strip(),
                   events=list(events), deadline=deadline, inspector=inspector)

    def answer(self, notes: str, evidence: list, answered_on: date) -> None:
        if self.status == "closed":
            raise AuditError(N_("该问题已销号，不能再反馈"), field="notes")
        if not (notes or "").strip():
            raise AuditError(N_("请填写整改情况"), field="notes")
        self._answer(notes=notes.strip(), evidence=list(evidence), answered_on=answered_on,
                     late=answered_on > self.deadline)

    @event("Answered")
    def _answer(self, notes: str, evidence: list, answered_on: date, late: bool) -> None:
        self.status = "answered"
        self.answers.append({"notes": notes, "evidence": evidence, "answered_on": answered_on, "late": late})

    def close(self, note: str) -> None:
        if self.status != "answered":
            raise AuditError(N_("学校反馈整改情况后才能销号"), field="status")
        self._close(note=(note or "").strip())

    @event("Closed")
    def _close(self, note: str) -> None:
        self.status = "closed"

    def reopen(self, reason: str) -> None:
        if self.status == "open":
            raise AuditError(N_("该问题仍在整改中"), field="status")
        if not (reason or "").strip():
            raise AuditError(N_("退回整改须说明原因"), field="reason")
        self._reopen(reason=reason.strip(), before=self.status)

    @event("Reopened")
    def _reopen(self, reason: str, before: str) -> None:
        self.status = "open"

    def extend_deadline(self, deadline: date, reason: str) -> None:
        if self.status == "closed":
            raise AuditError(N_("该问题已销号"), field="deadline")
        if deadline <= self.deadline:
            raise AuditError(N_("新的整改期限应晚于原期限"), field="deadline")
        if not (reason or "").strip():
            raise AuditError(N_("延长整改期限须说明原因"), field="reason")
        self._extend(before=self.deadline, after=deadline, reason=reason.strip())

    @event("DeadlineExtended")
    def _extend(self, before: date, after: date, reason: str) -> None:
        self.deadline = after


class AccessRecord(Aggregate):
    """One reading of personal data or one export in the console (查阅/导出记录)."""

    @event("Recorded")
    def __init__(self, kind: str, schools: list, subject: str, details: dict):
        if kind not in ("export", "read"):
            raise AuditError(N_("未知的记录类型：%(kind)s"), kind=kind)
        self.kind = kind
        self.schools = list(schools)
        self.subject = subject
        self.details = dict(details)


class SealRegister(Aggregate):
    """The district's copy of one school log's signed checkpoints (封存检查点副本): a rollback or a
    deletion of the school's seal rows is caught against it. One per school log, in the district log."""

    snapshot_interval = 100

    @staticmethod
    def create_id(log: str, **_):
        return natural_id("audit", "seal-register", log)

    @event("Opened")
    def __init__(self, log: str):
        self.log = log
        self.size = 0
        self.root = ""

    @event("CheckpointRecorded")
    def record_checkpoint(self, size: int, last_notification_id: int, root: str, signed_at: str,
                          public_key: str, signature: str, leaves: list, log: str | None = None) -> None:
        """``leaves``: [notification id, leaf hash] of the events this checkpoint added (a locator);
        ``log``: the school's log again, so that each checkpoint names the school it is about (core.summaries
        marks that school's audit summary alone; events recorded before it was added have none)."""
        self.size = size
        self.root = root


class SigningKeys(Aggregate):
    """The checkpoint signing keys in use over time (签名密钥轮换): each rotation is signed by both the
    outgoing and the incoming key, so a verifier that trusts the newest key trusts its predecessors."""

    @staticmethod
    def create_id(**_):
        return natural_id("audit", "signing-keys")

    @event("Opened")
    def __init__(self, public_key: str):
        self.public_key = public_key
        self.previous: list[str] = []

    def check_rotation(self, old_public: str, new_public: str) -> None:
        if old_public != self.public_key:
            raise AuditError(N_("旧密钥不是当前的签名密钥"), field="old_key")
        if new_public == self.public_key or new_public in self.previous:
            raise AuditError(N_("新密钥已经用过"), field="new_key")

    @event("KeyRotated")
    def rotate(self, old_public: str, new_public: str, old_signature: str, new_signature: str) -> None:
        self.previous.append(old_public)
        self.public_key = new_public
