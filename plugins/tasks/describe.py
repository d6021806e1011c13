"""One Chinese sentence per tasks event, for the audit console; names and field labels of the events."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.tasks import rules
from plugins.tasks.domain import InfoReport, InfoReview, Task, TaskResponse

_OUTCOMES = {"accepted": "采用", "returned": "退回", "published": "发布"}


def _files(e) -> str:
    return f"（附材料 {len(e.files)} 份）" if getattr(e, "files", None) else ""


DESCRIBE = {
    Task.Issued: lambda e: f"下发{rules.KINDS.get(e.kind, e.kind)}「{e.title}」给 {len(e.schools)} 所学校，截止 {e.deadline}",
    Task.SchoolAdded: lambda e: f"任务增加学校 {e.school}",
    Task.Reminded: lambda e: f"催办 {'、'.join(e.schools)}（{e.on}）" + (f"：{e.note}" if e.note else ""),
    Task.DeadlineExtended: lambda e: f"截止日期由 {e.before} 延至 {e.deadline}，理由：{e.reason}",
    Task.Closed: lambda e: f"办结任务（{e.on}）" + (f"：{e.note}" if e.note else ""),
    Task.Cancelled: lambda e: f"撤销任务（{e.on}），理由：{e.reason}",
    Task.Accepted: lambda e: f"通过 {e.school} 第 {e.round} 次报送" + (f"，意见：{e.note}" if e.note else ""),
    Task.Returned: lambda e: f"退回 {e.school} 第 {e.round} 次报送，理由：{e.reason}",
    TaskResponse.Opened: lambda e: f"签收任务「{e.title}」（截止 {e.deadline}）",
    TaskResponse.OwnerAssigned: lambda e: f"确定负责人：{e.owner}" + (f"（原为 {e.before}）" if e.before else ""),
    TaskResponse.ProgressReported: lambda e: f"报告办理进展（{e.on}）：{e.text}",
    TaskResponse.DraftSaved: lambda e: f"保存报送草稿{_files(e)}",
    TaskResponse.Submitted: lambda e: f"第 {e.round} 次上报任务（{e.on}）{_files(e)}" + ("，已逾期" if e.late else ""),
    InfoReport.Drafted: lambda e: f"起草{rules.INFO_KINDS.get(e.kind, e.kind)}「{e.title}」",
    InfoReport.Revised: lambda e: f"修改信息「{e.title}」（原标题「{e.before.get('title')}」）",
    InfoReport.Submitted: lambda e: f"第 {e.round} 次报送信息（{e.on}）",
    InfoReview.Started: lambda e: f"开始审核 {e.school} 的信息「{e.title}」",
    InfoReview.Decided: lambda e: f"{_OUTCOMES.get(e.outcome, e.outcome)} {e.school} 第 {e.round} 次报送的信息"
                                  + (f"，理由：{e.reason}" if e.reason else ""),
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {
    "Task.Issued": "上级任务·下发", "Task.SchoolAdded": "上级任务·增加学校", "Task.Reminded": "上级任务·催办",
    "Task.DeadlineExtended": "上级任务·延期", "Task.Closed": "上级任务·办结", "Task.Cancelled": "上级任务·撤销", "Task.Accepted": "上级任务·通过",
    "Task.Returned": "上级任务·退回", "TaskResponse.Opened": "任务办理·签收",
    "TaskResponse.OwnerAssigned": "任务办理·确定负责人", "TaskResponse.ProgressReported": "任务办理·报告进展",
    "TaskResponse.DraftSaved": "任务办理·保存草稿", "TaskResponse.Submitted": "任务办理·上报",
    "InfoReport.Drafted": "信息报送·起草", "InfoReport.Revised": "信息报送·修改", "InfoReport.Submitted": "信息报送·报送",
    "InfoReview.Started": "信息审核·开始", "InfoReview.Decided": "信息审核·审核",
}
FIELDS = FieldLabels(
    labels={"kind": "类型", "title": "标题", "content": "内容", "deadline": "截止日期", "schools": "学校",
            "returns": "报送要求", "titles": "征订报刊", "issued_on": "下发日期", "note": "说明", "on": "日期",
            "school": "学校", "round": "报送次数", "reason": "理由", "task_id": "任务", "owner": "负责人",
            "before": "之前", "text": "内容", "files": "材料", "fields": "填报项", "lines": "征订明细",
            "late": "逾期", "photos": "照片", "report_id": "信息", "outcome": "审核结果"},
    choices={"Task.Issued.kind": rules.KINDS, "InfoReport.Drafted.kind": rules.INFO_KINDS,
             "InfoReport.Revised.kind": rules.INFO_KINDS, "outcome": _OUTCOMES},
)
