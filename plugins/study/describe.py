"""One Chinese sentence per study event, for the audit console; names and field labels of the events."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.study import rules
from plugins.study.domain import Quiz, RequirementBook, Session, StudyElsewhere

DESCRIBE = {
    Session.Recorded: lambda e: f"记录{rules.KINDS.get(e.kind, e.kind)}「{e.title}」（{e.held_on}，"
                                f"{rules.hours_text(e.hours_x10)} 学时）",
    Session.Withdrawn: lambda e: f"撤销学习记录：{e.reason}",
    Session.EvidenceMarked: lambda e: "审阅学习佐证：" + ("合格" if e.accepted else "不合格")
                                      + (f"（{e.comment}）" if e.comment else ""),
    StudyElsewhere.Recorded: lambda e: f"登记{e.member_name}在流入地参加的学习「{e.title}」（{e.organiser}，{e.held_on}，"
                                       f"{rules.hours_text(e.hours_x10)} 学时）",
    StudyElsewhere.Withdrawn: lambda e: f"撤销在流入地的学习记录：{e.reason}",
    Quiz.Set: lambda e: f"设置学习测验「{e.title}」（{len(e.questions)} 道题）",
    Quiz.Revised: lambda e: f"修改学习测验「{e.title}」（{len(e.questions)} 道题）",
    Quiz.Taken: lambda e: f"{e.name}完成学习测验，答对 {e.right} 题",
    RequirementBook.Opened: lambda e: "建立学时要求记录",
    RequirementBook.VersionAdded: lambda e: f"登记学时要求：自 {e.effective_from} 起在职党员每年 {e.regular} 学时、"
                                            f"离退休党员 {e.retiree} 学时" + (f"（{e.note}）" if e.note else ""),
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {"Session.Recorded": "学习·记录学时", "Session.Withdrawn": "学习·撤销记录",
               "Session.EvidenceMarked": "学习·审阅佐证", "StudyElsewhere.Recorded": "学习·登记流入地学习",
               "StudyElsewhere.Withdrawn": "学习·撤销流入地学习", "Quiz.Set": "学习·设置测验", "Quiz.Revised": "学习·修改测验",
               "Quiz.Taken": "学习·完成测验", "RequirementBook.Opened": "学习·建立学时要求",
               "RequirementBook.VersionAdded": "学习·登记学时要求"}
FIELDS = FieldLabels(
    labels={"kind": "学习类型", "title": "学习内容", "held_on": "日期", "hours_x10": "学时（×10）",
            "meeting_id": "关联会议", "attendees": "参加党员", "member_id": "填报党员", "evidence": "佐证",
            "reason": "原因", "accepted": "是否合格", "comment": "审阅意见", "member_name": "党员",
            "organiser": "组织学习的党组织", "category": "学习类型", "proof": "证明", "session_id": "学习记录",
            "questions": "题目", "answers": "答案", "right": "答对题数", "name": "党员",
            "effective_from": "执行日期", "regular": "在职党员学时", "retiree": "离退休党员学时", "note": "依据",
            "before": "更正前"},
    choices={"kind": rules.KINDS, "category": rules.KINDS},
)
