"""Information reporting (信息报送): a school's news item or work information, and the district's review.

A report's photos are kept with it but never counted as anything else (not evidence, not a meeting)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.tasks import rules
from plugins.tasks.domain.base import TasksError, info_review_id, required


class InfoReport(Aggregate):
    """Drafted at the school, revised while a draft or returned, submitted (again after a return)."""

    @event("Drafted")
    def __init__(self, kind: str, title: str, text: str, photos: list):
        self.kind = kind
        self.title = title
        self.text = text
        self.photos = list(photos)
        self.round = 0

    @classmethod
    def draft(cls, kind: str, title: str, text: str, photos: list) -> "InfoReport":
        cls._check(kind, title, text)
        return cls(kind=kind, title=title.strip(), text=text.strip(), photos=list(photos))

    @staticmethod
    def _check(kind: str, title: str, text: str) -> None:
        if kind not in rules.INFO_KINDS:
            raise TasksError(N_("信息类型应为 新闻稿 或 工作信息"), field="kind")
        required(title, N_("请填写标题"), "title")
        required(text, N_("请填写正文"), "text")

    def revise(self, kind: str, title: str, text: str, photos: list, judged: dict | None) -> None:
        self._check_editable(judged)
        self._check(kind, title, text)
        self._revised(kind=kind, title=title.strip(), text=text.strip(), photos=list(photos),
                      before={"kind": self.kind, "title": self.title, "text": self.text})

    @event("Revised")
    def _revised(self, kind: str, title: str, text: str, photos: list, before: dict) -> None:
        self.kind, self.title, self.text, self.photos = kind, title, text, list(photos)

    def _check_editable(self, judged: dict | None) -> None:
        if self.round and not (judged and judged.get("round") == self.round and judged.get("outcome") == "returned"):
            raise TasksError(N_("信息已报送，只有被退回后才能修改"), field="title")

    def submit(self, on: date, judged: dict | None) -> None:
        self._check_editable(judged)
        self._submitted(round=self.round + 1, on=on)

    @event("Submitted")
    def _submitted(self, round: int, on: date) -> None:
        self.round = round


class InfoReview(Aggregate):
    """The district's decisions on one school's report, in the district log."""

    @staticmethod
    def create_id(school: str, report_id: UUID, **_):
        return info_review_id(school, report_id)

    @event("Started")
    def __init__(self, school: str, report_id: UUID, title: str):
        self.school = school
        self.report_id = report_id
        self.title = title
        self.judged: dict = {}     # {"round", "outcome"}
        self.published = False

    def decide(self, outcome: str, submitted_round: int, reason: str) -> None:
        """采用 (accepted), 退回 (returned, with a reason) or 发布 (published, from submitted or accepted)."""
        if outcome not in rules.DECISIONS:
            raise TasksError(N_("审核结果应为 采用、退回 或 发布"), field="outcome")
        if not submitted_round:
            raise TasksError(N_("该信息尚未报送"), field="outcome")
        if self.published:
            raise TasksError(N_("该信息已发布"), field="outcome")
        same = self.judged.get("round") == submitted_round
        if same and (self.judged.get("outcome") == outcome or self.judged.get("outcome") == "returned"):
            raise TasksError(N_("该信息本次报送已审核"), field="outcome")
        if outcome == "returned":
            reason = required(reason, N_("退回须说明理由"), "reason")
        self._decided(school=self.school, report_id=self.report_id, round=submitted_round, outcome=outcome,
                      reason=(reason or "").strip())

    @event("Decided")
    def _decided(self, school: str, report_id: UUID, round: int, outcome: str, reason: str) -> None:
        self.judged = {"round": round, "outcome": outcome}
        self.published = outcome == "published"
