"""Pure rules of study and training hours (学习教育与学时): session kinds, the yearly requirement per
category of member (a versioned table: each version in force from its date), and who is behind."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.errors import N_

# kind → Chinese name; which kinds are meetings of the meetings plugin (hours credited from attendance)
KINDS = {"lecture": "党课", "group": "集中学习", "theme_day": "主题党日学习", "district": "上级培训",
         "integrity": "廉洁教育", "online": "网络学习（本人填报）"}
MEETING_KINDS = {"lecture": "lecture", "theme_day": "theme_day"}      # study kind → meeting type code
# the members registry's categories, in words (for the Excel sheet)
CATEGORIES = {"teacher": "教师", "staff": "职工", "retiree": "离退休", "student": "学生", "other": "其他"}
STATUSES = {"recorded": "有效", "withdrawn": "已撤销"}


@dataclass(frozen=True)
class Requirement:
    """Hours a member must complete in a year, by category; ``retiree`` for 离退休 members."""
    effective: date
    regular: int
    retiree: int


# 中共中央《2019—2023年全国党员教育培训工作规划》: at least 32 study hours a year; retired members fewer.
REQUIREMENTS = (
    Requirement(date(2019, 1, 1), 32, 16),
)


def requirement_on(day: date, table=REQUIREMENTS) -> Requirement:
    """The version of the requirement in force on ``day`` (the latest one that had started)."""
    current = [r for r in table if r.effective <= day]
    return max(current, key=lambda r: r.effective) if current else min(table, key=lambda r: r.effective)


def required_hours(category: str | None, year: int, settings: dict, table=REQUIREMENTS) -> int:
    """A member's required hours for ``year``: the school's setting when it set one (0 = use the table),
    otherwise the table's version in force on 1 January of the year."""
    req = requirement_on(date(year, 1, 1), table)
    if category == "retiree":
        return settings.get("retiree_hours") or req.retiree
    return settings.get("regular_hours") or req.regular


def hours_text(tenths: int) -> str:
    """Tenths of an hour as text: 25 → "2.5", 30 → "3"."""
    whole, part = divmod(int(tenths), 10)
    return f"{whole}.{part}" if part else str(whole)


def behind_reason(hours_tenths: int, required: int, month: int, alert_month: int):
    """Why a member is behind (a sentence), or None: only from ``alert_month`` on, and only when short."""
    if month < alert_month or hours_tenths >= required * 10:
        return None
    return N_("已完成 %(done)s 学时，本年度应完成 %(required)s 学时，还差 %(short)s 学时",
              done=hours_text(hours_tenths), required=required, short=hours_text(required * 10 - hours_tenths))


def session_problem(kind: str, meeting_id, attendees: list, member_id) -> tuple[str, str] | None:
    """(field, sentence) of what is wrong with a session's who, or None."""
    if kind not in KINDS:
        return "kind", N_("学习类型无效")
    if kind == "online":
        if not member_id:
            return "member_id", N_("网络学习须由党员本人填报")
        return None
    if kind in MEETING_KINDS and meeting_id:
        return None
    if not attendees:
        return "attendees", N_("请选择参加学习的党员")
    return None
