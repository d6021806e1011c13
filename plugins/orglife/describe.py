"""One Chinese sentence per organisational-life event, for the audit console."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.orglife import rules
from plugins.orglife.domain import Election, LifeRecord, Rectification, Statement


def _files(files) -> str:
    return f"（附佐证材料 {len(files)} 份）" if files else ""


DESCRIBE = {
    Statement.Drafted: lambda e: f"{e.author} 起草发言材料",
    Statement.Revised: lambda e: "修改发言材料",
    Statement.Submitted: lambda e: f"提交发言材料（{e.on}）",
    LifeRecord.Opened: lambda e: f"开始整理「{e.title}」（{e.held_on}）的会前谈话与相互批评记录",
    LifeRecord.TalkLinked: lambda e: f"关联会前谈心谈话：{e.first_name} 与 {e.second_name}（{e.held_on}）",
    LifeRecord.CriticismRecorded: lambda e: f"登记批评意见：{e.from_name} 对 {e.to_name}",
    Rectification.Listed: lambda e: f"「{e.meeting_title}」列入整改事项：{e.item}，责任人 {e.owner}，期限 {e.deadline}",
    Rectification.ProgressNoted: lambda e: f"整改进展（{e.on}）：{e.text}",
    Rectification.Closed: lambda e: f"整改销号（{e.on}）{_files(e.files)}" + ("，逾期完成" if e.late else ""),
    Election.Recorded: lambda e: f"登记换届选举结果（{e.held_on}）：应到 {e.entitled} 人，实到 {e.present} 人，"
                                 f"应选 {e.seats} 名，当选 {len(e.elected)} 名",
    Election.TookOffice: lambda e: f"新一届支部委员会就职，任期 {e.term_start} 至 {e.term_end}",
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {
    "Statement.Drafted": "组织生活·起草发言材料", "Statement.Revised": "组织生活·修改发言材料",
    "Statement.Submitted": "组织生活·提交发言材料", "LifeRecord.Opened": "组织生活·建立会议记录",
    "LifeRecord.TalkLinked": "组织生活·关联会前谈心谈话", "LifeRecord.CriticismRecorded": "组织生活·登记批评意见",
    "Rectification.Listed": "组织生活·列入整改清单", "Rectification.ProgressNoted": "组织生活·整改进展",
    "Rectification.Closed": "组织生活·整改销号", "Election.Recorded": "组织生活·登记换届选举",
    "Election.TookOffice": "组织生活·新一届支委就职",
}
FIELDS = FieldLabels(labels={"meeting_id": "会议", "member_id": "党员", "author": "发言人", "sections": "发言材料",
                             "work": "工作情况", "criticism": "批评和自我批评", "measures": "整改措施",
                             "submitted_on": "提交日期", "talk_id": "谈心谈话", "summary": "谈话要点",
                             "first_name": "谈话人", "second_name": "谈话对象", "from_name": "提出批评",
                             "to_name": "收到批评", "item": "整改事项", "owner": "责任人", "deadline": "整改期限",
                             "evidence": "整改佐证", "seats": "应选人数", "entitled": "应到人数", "present": "实到人数",
                             "candidates": "候选人", "elected": "当选", "term_start": "任期开始", "term_end": "任期届满",
                             "posts": "分工"},
                     choices={"status": rules.STATUSES})
