"""Every dues event in one Chinese sentence, for the audit console."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.dues import rules
from plugins.dues.domain import DuesAccount, DuesFund, ReceiptBook, Remittance


def _base(category: str, base) -> str:
    label = rules.CATEGORIES.get(category, category)
    return f"{label}" if category in rules.FIXED_RATE else f"{label}，月基数 ¥{base}"


def describe(event) -> str | None:
    """A sentence for one stored event of this plugin, or None when the event is not ours."""
    if isinstance(event, DuesAccount.Opened):
        return f"为党员{event.member_name}建立党费账户"
    if isinstance(event, DuesAccount.BaseRecorded):
        text = (f"登记 {event.year} 年党费基数（自 {event.from_month} 月起）：{_base(event.category, event.base)}，"
                f"月交纳额 ¥{event.amount}")
        if event.before:
            text += f"；更正前：{_base(event.before['category'], event.before['base'])}，更正后：" \
                    f"{_base(event.category, event.base)}"
        return text + (f"（{event.note}）" if event.note else "")
    if isinstance(event, DuesAccount.ReliefGranted):
        what = "免交" if event.kind == "waive" else f"减交为每月 ¥{event.amount}"
        return (f"批准 {event.first} 至 {event.last} {what}，原因：{event.reason}，"
                f"审批：{event.approver}（{event.approved_on}）")
    if isinstance(event, DuesAccount.PaidElsewhere):
        return (f"登记在外地交纳的党费 ¥{event.amount}（{'、'.join(event.months)}），收取党组织：{event.organisation}，"
                f"凭证 {event.proof_no}，交纳日期 {event.paid_on}（{event.key}，不计入本支部收缴）")
    if isinstance(event, DuesAccount.PaidElsewhereWithdrawn):
        return (f"撤销在外地交纳的党费 {event.key}（¥{event.amount}，{'、'.join(event.months)}），"
                f"原因：{event.reason}；这些月份恢复为未交")
    if isinstance(event, DuesAccount.Paid):
        months = "、".join(sorted(event.months))
        text = (f"收到党费 ¥{event.total}（{months}），收据 {event.receipt_no}，"
                f"{rules.METHODS.get(event.method, event.method)}，交纳日期 {event.paid_on}")
        if event.payer:
            text += f"，代缴人 {event.payer}"
        if event.voluntary:
            text += f"，其中自愿多交 ¥{event.voluntary}"
            if event.voluntary >= rules.VOLUNTARY_TO_CENTRE:
                text += "（全部上缴中央）"
        if event.late:
            text += "（补录）"
        if event.backpay_flag:
            text += "（补交超过规定月数）"
        return text
    if isinstance(event, DuesAccount.Reversed):
        return f"冲正收据 {event.receipt_no}（¥{event.total}，{'、'.join(event.months)}），原因：{event.reason}"
    if isinstance(event, ReceiptBook.Opened):
        return f"启用 {event.year} 年党费收据编号"
    if isinstance(event, ReceiptBook.Issued):
        return f"编出党费收据号 {rules.receipt_no(event.year, event.number)}"
    if isinstance(event, Remittance.Recorded):
        return (f"上缴党费 ¥{event.amount}（{event.period_from} 至 {event.period_to}）至"
                f"{event.recipient or '上级党委'}，日期 {event.remitted_on}，凭证 {event.reference}")
    if isinstance(event, Remittance.Cancelled):
        return f"冲正上缴记录 ¥{event.amount}，原因：{event.reason}"
    if isinstance(event, DuesFund.Opened):
        return f"建立支部党费结存，据本支部已有记录结存 ¥{event.held}"
    if isinstance(event, DuesFund.PaymentReceived):
        return f"党费结存收入 ¥{event.amount}（收据 {event.receipt_no}）"
    if isinstance(event, DuesFund.PaymentReversed):
        return f"党费结存冲减 ¥{event.amount}（冲正收据 {event.receipt_no}）"
    if isinstance(event, DuesFund.Remitted):
        return f"党费结存上缴支出 ¥{event.amount}"
    if isinstance(event, DuesFund.RemittanceCancelled):
        return f"上缴冲正，党费结存收回 ¥{event.amount}"
    return None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "DuesAccount.Opened": "党费·建立账户", "DuesAccount.BaseRecorded": "党费·登记基数",
    "DuesAccount.ReliefGranted": "党费·批准减免", "DuesAccount.Paid": "党费·交纳",
    "DuesAccount.PaidElsewhere": "党费·登记外地交纳", "DuesAccount.PaidElsewhereWithdrawn": "党费·撤销外地交纳",
    "DuesAccount.Reversed": "党费·冲正收据",
    "ReceiptBook.Opened": "党费收据·启用", "ReceiptBook.Issued": "党费收据·编号",
    "Remittance.Recorded": "党费·上缴", "Remittance.Cancelled": "党费·冲正上缴",
    "DuesFund.Opened": "党费结存·建立", "DuesFund.PaymentReceived": "党费结存·收入",
    "DuesFund.PaymentReversed": "党费结存·冲减", "DuesFund.Remitted": "党费结存·上缴",
    "DuesFund.RemittanceCancelled": "党费结存·冲正上缴",
}
FIELDS = FieldLabels(
    labels={"member_id": "党员", "member_name": "党员", "year": "年度", "from_month": "自几月起",
            "category": "收入类别", "base": "月基数", "amount": "金额", "note": "说明", "before": "更正前",
            "first": "起始月份", "last": "截止月份", "kind": "类别", "reason": "原因", "approver": "审批人",
            "approved_on": "审批日期", "receipt_no": "收据编号", "months": "月份", "total": "合计",
            "voluntary": "自愿多交", "method": "交纳方式", "payer": "代缴人", "paid_on": "交纳日期",
            "late": "补录", "backpay_flag": "补交超过规定月数", "prepaid": "预交", "reversed_on": "冲正日期",
            "number": "序号", "account_id": "党费账户", "period_from": "所属期起", "period_to": "所属期止",
            "remitted_on": "上缴日期", "reference": "凭证号", "recipient": "上缴单位", "held": "结存",
            "derived_from": "依据", "remittance_id": "上缴记录", "tenant": "学校",
            "due_months": "应交月数", "paid_months": "已交月数", "on_time_months": "按时交纳月数", "collected": "已收",
            "reversed": "已冲正", "remitted": "已上缴", "restored": "恢复", "bases": "党费基数", "reliefs": "减免",
            "payments": "交纳记录", "paid": "已交月份", "starts": "起始月份", "cancelled": "已冲正",
            "key": "外地交纳编号", "organisation": "收取党组织", "proof_no": "收据或凭证号", "proof_file": "凭证文件",
            "elsewhere": "外地交纳"},
    choices={"category": rules.CATEGORIES, "method": rules.METHODS, "kind": rules.RELIEF_KINDS,
             "remit_period": {"monthly": "按月", "quarterly": "按季"}},
    money=frozenset({"base", "amount", "total", "voluntary", "held"}),
)
