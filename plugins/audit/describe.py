"""Every event of district oversight in one Chinese sentence, for the audit console."""
from __future__ import annotations

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
