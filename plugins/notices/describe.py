"""One Chinese sentence per notices event, for the audit console; names and field labels of the events."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.notices import rules
from plugins.notices.domain import Inbox, Reminder

DESCRIBE = {
    Inbox.Opened: lambda e: f"开设 {e.username} 的通知收件箱",
    Inbox.Read: lambda e: f"{e.username} 阅读了 {len(e.notices)} 条通知",
    Inbox.DeliveryChosen: lambda e: f"{e.username} 设置通知方式：{rules.DELIVERY.get(e.delivery, e.delivery)}"
                                    + (f"（{e.email}）" if e.email else ""),
    Reminder.Sent: lambda e: f"发出 {e.day} 的到期提醒：{len(e.items)} 项",
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {"Inbox.Opened": "通知收件箱·开设", "Inbox.Read": "通知·阅读回执",
               "Inbox.DeliveryChosen": "通知·设置通知方式", "Reminder.Sent": "通知·到期提醒"}
FIELDS = FieldLabels(
    labels={"username": "账号", "notices": "通知", "member_id": "党员", "email": "电子邮箱",
            "delivery": "通知方式", "day": "日期", "items": "提醒事项", "roles": "接收角色"},
    choices={"delivery": rules.DELIVERY},
)
