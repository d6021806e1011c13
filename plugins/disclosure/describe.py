"""One Chinese sentence per disclosure event, for the audit console."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.disclosure import rules
from plugins.disclosure.domain import Disclosure, DisclosureCatalogue


def _window(e) -> str:
    return f"{e.window_from} 至 {e.window_until}" if e.window_until else f"{e.window_from} 起"


DESCRIBE = {
    Disclosure.Published: lambda e: f"公开「{e.title}」（{rules.AUDIENCES.get(e.audience, e.audience)}，"
                                    f"{rules.FORMS.get(e.form, e.form)}，公开期 {_window(e)}）",
    Disclosure.ProofRecorded: lambda e: f"登记公开证明（{e.on}，{e.place}）：{e.shown}"
                                        + (f"（附照片 {len(e.photos)} 张）" if e.photos else ""),
    Disclosure.ObjectionReceived: lambda e: f"收到意见 {e.objection_id}（{e.received_on}）：{e.text}",
    Disclosure.ObjectionAnswered: lambda e: f"答复意见 {e.objection_id}（{e.answered_on}）：{e.answer}",
    Disclosure.Withdrawn: lambda e: f"撤回这项公开，原因：{e.reason}",
    DisclosureCatalogue.Started: lambda e: "建立党务公开目录",
    DisclosureCatalogue.Revised: lambda e: f"修订党务公开目录（{len(e.entries)} 项），自 {e.effective_from} 起适用",
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {
    "Disclosure.Published": "党务公开·公开", "Disclosure.ProofRecorded": "党务公开·登记公开证明",
    "Disclosure.ObjectionReceived": "党务公开·收到意见", "Disclosure.ObjectionAnswered": "党务公开·答复意见",
    "Disclosure.Withdrawn": "党务公开·撤回", "DisclosureCatalogue.Started": "党务公开目录·建立",
    "DisclosureCatalogue.Revised": "党务公开目录·修订",
}
FIELDS = FieldLabels(
    labels={"key": "编号", "entry_code": "公开目录项", "kind": "事项类别", "source_key": "来源记录", "title": "标题",
            "event_date": "事项日期", "text": "公开内容", "columns": "表头", "rows": "表格", "period": "期间",
            "audience": "公开范围", "form": "公开形式", "source_url": "来源链接", "window_from": "公开起始日期",
            "window_until": "公开截止日期", "shown": "公开了什么", "place": "公开地点或方式", "on": "日期",
            "photos": "照片", "objection_id": "意见", "received_on": "收到日期", "answered_on": "答复日期",
            "answer": "答复内容", "reason": "原因", "effective_from": "生效日期", "entries": "目录"},
    choices={"audience": rules.AUDIENCES, "form": rules.FORMS},
)
