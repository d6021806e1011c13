"""Every event of district oversight in one Chinese sentence, for the audit console."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.audit import rules
from plugins.audit.domain import AccessRecord, Assignment, Finding, SealRegister, SigningKeys

KINDS = {"export": "导出", "read": "查阅"}


def describe(event) -> str | None:
    """A sentence for one of our events, or None for another plugin's."""
    kind = type(event)
    if kind is Assignment.Created:
        return (f"指派督查员 {event.inspector} 督查 {'、'.join(event.schools)}，"
                f"{event.starts_on} 至 {event.ends_on}" + (f"（{event.note}）" if event.note else ""))
    if kind is Assignment.SchoolAdded:
        return f"督查任务增加学校 {event.school}"
    if kind is Assignment.Revoked:
        return f"撤销督查任务；原因：{event.reason}"
    if kind is Finding.Recorded:
        return (f"督查发现 {event.school}：{event.title}，关联 {len(event.events)} 条事件，"
                f"整改期限 {event.deadline}")
    if kind is Finding.Answered:
        late = "（逾期反馈）" if event.late else ""
        return f"学校反馈整改情况{late}：{event.notes}；附证明材料 {len(event.evidence)} 份"
    if kind is Finding.Closed:
        return "整改通过，问题销号" + (f"：{event.note}" if event.note else "")
    if kind is Finding.Reopened:
        return (f"退回整改，状态由「{rules.FINDING_STATUSES.get(event.before, event.before)}」改为「待整改」；"
                f"原因：{event.reason}")
    if kind is Finding.DeadlineExtended:
        return f"整改期限由 {event.before} 延长至 {event.after}；原因：{event.reason}"
    if kind is AccessRecord.Recorded:
        return (f"{KINDS.get(event.kind, event.kind)}{'、'.join(event.schools) or '区级'}的数据："
                f"{event.subject}")
    if kind is SealRegister.Opened:
        return f"开始保存 {event.log} 日志封存检查点的区级副本"
    if kind is SealRegister.CheckpointRecorded:
        return f"记录封存检查点副本：{event.size} 条事件，根哈希 {event.root[:16]}…"
    if kind is SigningKeys.Opened:
        return f"登记封存签名公钥 {event.public_key[:16]}…"
    if kind is SigningKeys.KeyRotated:
        return f"封存签名密钥轮换：{event.old_public[:16]}… → {event.new_public[:16]}…"
    return None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "Assignment.Created": "督查任务·指派", "Assignment.SchoolAdded": "督查任务·增加学校", "Assignment.Revoked": "督查任务·撤销",
    "Finding.Recorded": "督查发现·记录", "Finding.Answered": "督查发现·学校反馈", "Finding.Closed": "督查发现·销号",
    "Finding.Reopened": "督查发现·退回整改", "Finding.DeadlineExtended": "督查发现·延长期限",
    "AccessRecord.Recorded": "督查查阅·记录",
    "SealRegister.Opened": "封存登记·建立", "SealRegister.CheckpointRecorded": "封存登记·记录学校检查点",
    "SigningKeys.Opened": "签名密钥·启用", "SigningKeys.KeyRotated": "签名密钥·更换",
}
FIELDS = FieldLabels(
    labels={"inspector": "督查员", "schools": "学校", "starts_on": "开始日期", "ends_on": "结束日期", "note": "说明",
            "school": "学校", "reason": "原因", "title": "问题", "description": "问题描述", "events": "关联事件",
            "deadline": "整改期限", "notes": "整改情况", "evidence": "证明材料", "answered_on": "反馈日期",
            "late": "逾期", "before": "之前", "after": "之后", "kind": "类别", "subject": "内容", "details": "详情",
            "path": "页面", "record": "记录", "format": "格式", "filters": "筛选条件", "rows": "条数",
            "seals": "封存检查点", "reveal": "显示完整信息", "month": "月份", "since": "起始日期",
            "until": "截止日期", "actor": "操作人", "event_type": "事件类型", "version": "版本",
            "content_type": "文件类型", "size": "大小（字节）", "at": "时间", "name": "名称", "sha256": "校验值",
            "log": "日志", "last_notification_id": "最后事件序号", "root": "根哈希", "signed_at": "签名时间",
            "public_key": "公钥", "signature": "签名", "leaves": "新增事件哈希", "old_public": "原公钥",
            "new_public": "新公钥", "old_signature": "原密钥签名", "new_signature": "新密钥签名"},
    choices={"AccessRecord.Recorded.kind": KINDS, "Finding.Reopened.before": rules.FINDING_STATUSES,
             "reveal": {"id_number": "身份证号", "phone": "手机号码"}},
)
