"""Pure rules of notices: what each kind is called, who a notice goes to, delivery choices, the
retry schedule and the weekly digest's week. No I/O."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from core.errors import N_

KINDS = {"meeting": "会议通知", "task": "上级任务", "record": "本人档案变动", "reminder": "到期提醒",
         "disclosure": "公开公示", "general": "通知"}
DELIVERY = {"each": "每条通知发邮件", "weekly": "每周摘要", "none": "不发邮件（只在系统内查看）"}
REMINDER_ROLES = ("secretary",)           # who receives the daily reminder of what is due
DISCLOSURE_ROLES = ("secretary", "deputy", "org", "publicity", "discipline", "committee", "member")
TASK_ROLES = ("secretary",)               # a district task goes to the school's secretaries
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_BACKOFF = timedelta(hours=6)
REMINDER_LEVELS = ("danger", "warning")   # the alerts worth a notice; information stays on the home page


def delivery_problem(email: str, delivery: str) -> tuple[str, str] | None:
    """(field, message) of what is wrong with a delivery choice, or None."""
    if delivery not in DELIVERY:
        return "delivery", N_("请选择通知方式")
    if email and (len(email) > 200 or not EMAIL.match(email)):
        return "email", N_("电子邮箱格式不正确")
    if delivery != "none" and not email:
        return "email", N_("选择邮件通知时请填写电子邮箱")
    return None


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 1, 2, 4 … minutes, at most 6 hours.
    A message is never given up: the server may be down for a day and it is still sent later."""
    return min(timedelta(minutes=2 ** max(0, attempts - 1)), MAX_BACKOFF)


def week_of(day: date) -> str:
    """The ISO week a digest covers, e.g. ``2026-W49``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_day(day: date) -> bool:
    """Weekly digests go out on Mondays."""
    return day.weekday() == 0


def meeting_notice(type_name: str, title: str, starts_at: datetime, place: str) -> tuple[str, str]:
    """Title and body of a meeting notice (会议通知)."""
    when = starts_at.strftime("%Y-%m-%d %H:%M")
    return f"会议通知：{title}", f"{type_name}「{title}」定于 {when} 在 {place} 召开，请准时参加。"


def meeting_cancelled(title: str, reason: str) -> tuple[str, str]:
    return f"会议取消：{title}", f"会议「{title}」已取消。" + (f"原因：{reason}" if reason else "")


CHANGED_FIELDS = {"starts_at": "时间", "ends_at": "结束时间", "place": "地点", "title": "名称", "agenda": "议程"}


def _shown(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        return "；".join(str(v) for v in value) or "（无）"
    return str(value) if value not in (None, "") else "（无）"


def meeting_changed(title: str, changes: dict) -> tuple[str, str] | None:
    """Title and body of a notice of changed meeting details (会议时间/地点变更), each change named
    before → after; None when nothing an attendee acts on changed."""
    named = [(f, changes[f]) for f in CHANGED_FIELDS if f in changes]
    if not named:
        return None
    what = "会议时间/地点变更" if any(f in changes for f in ("starts_at", "ends_at", "place")) else "会议信息变更"
    lines = "\n".join(f"· {CHANGED_FIELDS[f]}：{_shown(c.get('before'))} → {_shown(c.get('after'))}" for f, c in named)
    return f"{what}：{title}", f"会议「{title}」有变更，请留意：\n{lines}"


def task_notice(title: str, deadline: date) -> tuple[str, str]:
    return f"上级任务：{title}", f"区里下发任务「{title}」，请于 {deadline.isoformat()} 前办理上报。"


def disclosure_notice(title: str, window_from: date, window_until: date | None) -> tuple[str, str]:
    until = f"至 {window_until.isoformat()}" if window_until else "起长期"
    return f"党务公开：{title}", f"支部公开了「{title}」，公开期 {window_from.isoformat()} {until}。"


RECORD_CHANGES = {"FieldsCorrected": "您的党员档案信息已更正：%s",
                  "StatusChanged": "您的党员状态已变更：%s",
                  "Converted": "您已转为正式党员（%s）"}


def record_notice(kind: str, detail: str) -> tuple[str, str]:
    return "本人档案变动", RECORD_CHANGES[kind] % detail


def dues_paid_notice(months: list[str], total, receipt_no: str, paid_on: date) -> tuple[str, str]:
    """The member's receipt (收据) of a dues payment: which months, how much, the receipt's number."""
    return "党费交纳已登记", (f"您 {paid_on.isoformat()} 交纳的党费已登记：{'、'.join(months)}，"
                              f"共 {total} 元（收据 {receipt_no}）。")


def development_notice(step: int, title: str, happened_on: date) -> tuple[str, str]:
    return "发展程序已登记", f"您的发展党员纪实已登记第 {step} 步「{title}」（{happened_on.isoformat()}）。"


def study_notice(title: str, held_on: date, hours_x10: int) -> tuple[str, str]:
    hours = f"{hours_x10 // 10}" + (f".{hours_x10 % 10}" if hours_x10 % 10 else "")
    return "学时已记入", f"「{title}」（{held_on.isoformat()}）已为您记入 {hours} 学时。"


def visit_notice(on: date, by: str, what: str) -> tuple[str, str]:
    return "走访慰问已登记", f"{on.isoformat()} {by} 对您的走访慰问已登记：{what}。"


def reminder_notice(day: date, items: list[dict]) -> tuple[str, str]:
    lines = "\n".join(f"· {i['text']}" for i in items)
    return f"到期提醒（{day.isoformat()}）：{len(items)} 项待办", lines


def digest(day: date, notices: list[dict]) -> tuple[str, str]:
    """Subject and body of a weekly digest of unread notices."""
    lines = "\n".join(f"· [{n['created']}] {n['title']}" for n in notices)
    return f"支部通知周摘要（{week_of(day)}）：{len(notices)} 条未读", lines or "本周没有未读通知。"


