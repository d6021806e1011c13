"""One Chinese sentence per plans event, for the audit console (before/after for revisions)."""
from __future__ import annotations

from core.money import from_fen, yuan
from core.plugins import FieldLabels
from plugins.plans import rules
from plugins.plans.domain import ActivityRoom, BudgetRuleBook, FundsYear, WorkPlan

LABELS = {"what": "工作事项", "measure": "衡量标准", "target": "数量", "owner": "责任人", "due_on": "完成时限",
          "link": "关联记录", "members": "党员人数", "per_member_fen": "每人标准（分）", "minimum_fen": "支部最低额（分）",
          "amount_fen": "预算（分）", "rule_from": "标准执行日期"}


def _v(value) -> str:
    return "（空）" if value is None or value == "" else str(value)


def _changes(changes: dict) -> str:
    return "；".join(f"{LABELS.get(f, f)}由「{_v(c['before'])}」改为「{_v(c['after'])}」" for f, c in changes.items())


def _files(refs, word="证明材料") -> str:
    return f"（附{word} {len(refs)} 份）" if refs else ""


def _budget(b: dict) -> str:
    return (f"{b['members']} 名党员 × {yuan(from_fen(b['per_member_fen']))}，不少于 {yuan(from_fen(b['minimum_fen']))}，"
            f"预算 {yuan(from_fen(b['amount_fen']))}")


DESCRIBE = {
    WorkPlan.Drafted: lambda e: f"起草{e.year}年度党建工作计划「{e.title}」",
    WorkPlan.ItemAdded: lambda e: f"计划增加事项 {e.item_id}：{e.what}" + (f"（{e.target}）" if e.target else "")
                                  + f"，责任人 {e.owner}，时限 {e.due_on}",
    WorkPlan.ItemRevised: lambda e: f"修改计划事项 {e.item_id}：{_changes(e.changes)}",
    WorkPlan.ItemRemoved: lambda e: f"删除计划事项 {e.item_id}",
    WorkPlan.Adopted: lambda e: f"计划经「{e.meeting_title}」（{e.held_on}）通过",
    WorkPlan.Reviewed: lambda e: f"「{e.meeting_title}」（{e.held_on}）检查{rules.HALVES.get(e.half, '')}计划落实情况",
    WorkPlan.ProgressReported: lambda e: f"报告计划事项 {e.item_id} 完成情况（{e.on}）"
                                         + (f"，已完成 {e.done}" if e.done is not None else "")
                                         + ("，已全部完成" if e.complete else "") + _files(e.evidence),
    FundsYear.BudgetSet: lambda e: f"核定{e.year}年度党建经费：{_budget(vars(e))}",
    FundsYear.BudgetReset: lambda e: f"重新核定党建经费：由「{_budget(e.before)}」改为「{_budget(e.after)}」",
    FundsYear.SpendingRecorded: lambda e: f"登记经费支出 {e.entry_id}：{e.purpose} {yuan(from_fen(e.amount_fen))}"
                                          f"（{e.on}，用于{e.meeting_title or e.activity}）{_files(e.receipts, '票据')}",
    FundsYear.SpendingWithdrawn: lambda e: f"撤销经费支出 {e.entry_id}，原因：{e.reason}",
    FundsYear.SpendingBooked: lambda e: f"计入经费支出 {e.entry_id}：{e.purpose} {yuan(from_fen(e.amount_fen))}"
                                        f"（{e.on}，{e.source.get('title') or e.source['kind']}）",
    FundsYear.SpendingCorrected: lambda e: f"更正经费支出 {e.entry_id}：由 {yuan(from_fen(e.before_fen))} 改为 "
                                           f"{yuan(from_fen(e.amount_fen))}，原因：{e.reason}",
    ActivityRoom.Opened: lambda e: f"建立{e.name}检查记录",
    ActivityRoom.ElementChecked: lambda e: f"检查活动室「{e.element}」（{e.on}）："
                                           + ("齐全" if e.present else f"缺失或不合要求，{e.note}") + _files(e.photos, "照片"),
    BudgetRuleBook.Opened: lambda e: "建立党建经费标准",
    BudgetRuleBook.VersionAdded: lambda e: f"党建经费标准自 {e.effective_from} 起：每名党员 {yuan(from_fen(e.per_member_fen))}，"
                                           f"每支部不少于 {yuan(from_fen(e.minimum_fen))}（{e.note}）"
                                           + (f"，取代同日的每名党员 {yuan(from_fen(e.before['per_member_fen']))}、"
                                              f"不少于 {yuan(from_fen(e.before['minimum_fen']))}" if e.before else ""),
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {
    "WorkPlan.Drafted": "年度计划·起草", "WorkPlan.ItemAdded": "年度计划·增加事项",
    "WorkPlan.ItemRevised": "年度计划·修改事项", "WorkPlan.ItemRemoved": "年度计划·删除事项",
    "WorkPlan.Adopted": "年度计划·支委会通过", "WorkPlan.Reviewed": "年度计划·半年检查",
    "WorkPlan.ProgressReported": "年度计划·报告完成情况",
    "FundsYear.BudgetSet": "党建经费·核定预算", "FundsYear.BudgetReset": "党建经费·重新核定",
    "FundsYear.SpendingRecorded": "党建经费·登记支出", "FundsYear.SpendingWithdrawn": "党建经费·撤销支出",
    "FundsYear.SpendingBooked": "党建经费·计入支出", "FundsYear.SpendingCorrected": "党建经费·更正支出",
    "ActivityRoom.Opened": "党员活动室·建立", "ActivityRoom.ElementChecked": "党员活动室·检查",
    "BudgetRuleBook.Opened": "党建经费标准·建立", "BudgetRuleBook.VersionAdded": "党建经费标准·增加版本",
}
FIELDS = FieldLabels(
    labels={**LABELS, "key": "编号", "year": "年度", "title": "名称", "item_id": "事项", "changes": "变更",
            "meeting_id": "会议", "meeting_title": "会议", "held_on": "召开日期", "resolution_id": "决议",
            "half": "半年", "summary": "检查情况", "before": "之前", "after": "之后", "on": "日期", "text": "完成情况",
            "done": "已完成数量", "complete": "已全部完成", "evidence": "证明材料", "entry_id": "支出",
            "purpose": "支出事由", "activity": "用于的活动", "receipts": "票据", "reason": "原因", "name": "名称",
            "element": "检查项目", "present": "齐全", "note": "情况说明", "photos": "照片",
            "effective_from": "执行日期", "source": "来源记录", "before_fen": "原金额（分）"},
    choices={"half": rules.HALVES},
)
