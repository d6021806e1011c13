"""One Chinese sentence per reporting event, for the audit console (before/after for corrections)."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.reports import rules
from plugins.reports.domain import Receipt, Report, ReportForm, ReportReview
from plugins.reports.schemas import LABELS


def _v(value) -> str:
    return "（空）" if value is None or value == "" else str(value)


DESCRIBE = {
    Report.Opened: lambda e: f"打开报表《{e.title}》（{e.period}），由系统预填 "
                             f"{sum(1 for v in e.values.values() if isinstance(v, dict) and v.get('prefilled') is not None)} 栏",
    Report.ValueConfirmed: lambda e: f"确认预填数据（栏目 {e.key}）",
    Report.ValueCorrected: lambda e: f"更正预填数据（栏目 {e.key}）：由「{_v(e.before)}」改为「{_v(e.after)}」，原因：{e.reason}",
    Report.ValueEntered: lambda e: f"填写栏目 {e.key}：由「{_v(e.before)}」改为「{_v(e.after)}」",
    Report.Refreshed: lambda e: "按党籍日期重新生成统计数据",
    Report.Submitted: lambda e: f"报送区里，回执号 {e.receipt_no}" + (f"；情况说明：{e.explanation}" if e.explanation else ""),
    Report.Reopened: lambda e: f"区里退回第 {e.round} 次报送，重新填报：{e.reason}",
    ReportReview.Started: lambda e: f"开始审核{e.school}报送的《{e.title}》（{e.period}）",
    ReportReview.Returned: lambda e: f"退回{e.school}第 {e.round} 次报送的报表（{e.period}），理由：{e.reason}",
    ReportForm.Defined: lambda e: f"制发报表《{e.title}》（{e.period}，{e.due_on} 前报送，{len(e.fields)} 栏）"
                                  + (f"；已知悉 {len(e.repeats)} 栏在同期其他报表中收取过" if e.repeats else ""),
    ReportForm.Closed: lambda e: f"报表停止收取：{e.reason}",
    Receipt.Received: lambda e: f"收到{e.school_name}报送的《{e.title}》（{e.period}），回执号 {e.receipt_no}",
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {
    "Report.Opened": "报表报送·打开报表", "Report.ValueConfirmed": "报表报送·确认预填数据",
    "Report.ValueCorrected": "报表报送·更正预填数据", "Report.ValueEntered": "报表报送·填写栏目",
    "Report.Refreshed": "报表报送·重新生成统计", "Report.Submitted": "报表报送·报送",
    "ReportForm.Defined": "报表报送·制发报表", "ReportForm.Closed": "报表报送·停止收取",
    "Receipt.Received": "报表报送·区里收到报表", "Report.Reopened": "报表报送·被退回后重新填报",
    "ReportReview.Started": "报表报送·开始审核", "ReportReview.Returned": "报表报送·退回",
}
FIELDS = FieldLabels(labels={**LABELS, "values": "数据", "state": "状态", "prefilled": "预填值",
                             "value": "数值", "due_on": "截止日期", "tenant": "学校", "round": "报送次数"},
                     choices={"kind": rules.FIELD_KINDS, "state": rules.VALUE_STATES, "status": rules.STATUSES})
