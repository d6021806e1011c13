"""One Chinese sentence per study event, for the audit console; names and field labels of the events."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.study import rules
from plugins.study.domain import Session

DESCRIBE = {
    Session.Recorded: lambda e: f"记录{rules.KINDS.get(e.kind, e.kind)}「{e.title}」（{e.held_on}，"
                                f"{rules.hours_text(e.hours_x10)} 学时）",
    Session.Withdrawn: lambda e: f"撤销学习记录：{e.reason}",
    Session.EvidenceMarked: lambda e: "审阅学习佐证：" + ("合格" if e.accepted else "不合格")
                                      + (f"（{e.comment}）" if e.comment else ""),
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {"Session.Recorded": "学习·记录学时", "Session.Withdrawn": "学习·撤销记录",
               "Session.EvidenceMarked": "学习·审阅佐证"}
FIELDS = FieldLabels(
    labels={"kind": "学习类型", "title": "学习内容", "held_on": "日期", "hours_x10": "学时（×10）",
            "meeting_id": "关联会议", "attendees": "参加党员", "member_id": "填报党员", "evidence": "佐证",
            "reason": "原因", "accepted": "是否合格", "comment": "审阅意见"},
    choices={"kind": rules.KINDS},
)
