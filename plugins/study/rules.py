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


def required_hours(category: str | None, year: int, settings: dict, table=REQUIREMENTS, own=()) -> int:
    """A member's required hours for ``year``, from the version in force on 1 January of the year:
    the school's own versions (``own``: ``Requirement``s of its RequirementBook) when one had started
    by then; before the school's first version, its undated setting when it set one (0 = none, the
    setting from before versions existed); otherwise the national table's version."""
    day = date(year, 1, 1)
    started = [r for r in own if r.effective <= day]
    if started:
        req = max(started, key=lambda r: r.effective)
        return req.retiree if category == "retiree" else req.regular
    req = requirement_on(day, table)
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


# what a member away may have taken part in where they are (流入地): the branch's kinds but online
ELSEWHERE_CATEGORIES = {code: name for code, name in KINDS.items() if code != "online"}


def quiz_problem(questions: list) -> tuple[str, str] | None:
    """(field, sentence) of what is wrong with a quiz's questions, or None: 1–20 questions, each with
    its text, 2–8 options and at least one right answer among them."""
    if not questions:
        return "questions", N_("请至少填写一道题目")
    if len(questions) > 20:
        return "questions", N_("最多 20 道题目")
    for n, q in enumerate(questions, 1):
        if not (q.get("text") or "").strip():
            return "questions", N_("第 %(n)s 题请填写题目", n=n)
        options = [o for o in q.get("options") or [] if (o or "").strip()]
        if not 2 <= len(options) <= 8 or len(options) != len(q.get("options") or []):
            return "questions", N_("第 %(n)s 题应有 2–8 个选项", n=n)
        answers = q.get("answers") or []
        if not answers or any(not 0 <= int(a) < len(options) for a in answers):
            return "questions", N_("第 %(n)s 题请选择正确答案", n=n)
    return None


def answers_problem(questions: list, answers: list) -> tuple[str, str] | None:
    """(field, sentence) of what is wrong with a member's answers, or None: one choice or more for
    every question, among its options."""
    if len(answers) != len(questions):
        return "answers", N_("请回答每一道题目")
    for n, (q, chosen) in enumerate(zip(questions, answers), 1):
        if not chosen:
            return "answers", N_("第 %(n)s 题尚未作答", n=n)
        if any(not 0 <= int(a) < len(q["options"]) for a in chosen):
            return "answers", N_("第 %(n)s 题的答案无效", n=n)
        if len(q["answers"]) == 1 and len(chosen) > 1:
            return "answers", N_("第 %(n)s 题是单选题", n=n)
    return None


def quiz_right(questions: list, answers: list) -> int:
    """How many questions were answered exactly right (all the right options and no other)."""
    return sum(1 for q, chosen in zip(questions, answers) if sorted(set(map(int, chosen))) == sorted(q["answers"]))
