"""One Chinese sentence per care event, for the audit console; names and field labels of the events."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.care import rules
from plugins.care.domain import AwayRecord, HardshipCase, Visit

DESCRIBE = {
    HardshipCase.Opened: lambda e: f"登记困难党员 {e.member_name}（{e.kind}，自 {e.since}）",
    HardshipCase.Helped: lambda e: f"帮扶（{e.on}，{e.by}）：{e.what}，{e.cost} 元",
    HardshipCase.Closed: lambda e: f"结束帮扶（{e.on}）：{e.reason}",
    Visit.Recorded: lambda e: f"慰问 {e.member_name}（{e.on}，{e.by}）：{e.what}，{e.cost} 元",
    Visit.CostCorrected: lambda e: f"更正慰问金额：由 {e.before} 元改为 {e.cost} 元，原因：{e.reason}",
    AwayRecord.Registered: lambda e: f"登记{rules.AWAY_KINDS.get(e.kind, e.kind)} {e.member_name}：{e.place}，自 {e.since}",
    AwayRecord.Contacted: lambda e: f"联系外出党员（{e.on}，{rules.CONTACT_MEANS.get(e.means, e.means)}）"
                                    + (f"：{e.note}" if e.note else ""),
    AwayRecord.Returned: lambda e: f"外出党员返回（{e.on}）" + (f"：{e.note}" if e.note else ""),
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {
    "HardshipCase.Opened": "困难党员·登记", "HardshipCase.Helped": "困难党员·帮扶", "HardshipCase.Closed": "困难党员·结束帮扶",
    "Visit.Recorded": "走访慰问·记录", "Visit.CostCorrected": "走访慰问·更正金额",
    "AwayRecord.Registered": "外出党员·登记", "AwayRecord.Contacted": "外出党员·联系", "AwayRecord.Returned": "外出党员·返回",
}
FIELDS = FieldLabels(
    labels={"member_id": "党员", "member_name": "姓名", "kind": "类型", "since": "开始日期", "situation": "困难情况",
            "what": "内容", "on": "日期", "cost": "金额", "by": "经办人", "reason": "原因", "occasion": "事由",
            "funds_note": "经费列支说明", "place": "外出地点", "keep_in_touch": "联系方式",
            "certificate_no": "流动党员活动证号", "means": "联系方式", "note": "说明", "before": "原金额"},
    choices={"AwayRecord.Registered.kind": rules.AWAY_KINDS, "means": rules.CONTACT_MEANS},
)
