"""Pure rules of district tasks (上级任务督办) and information reporting (信息报送): task kinds, what a
school's answer must contain, a school's status on a task, and how many days are left or late."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from core.errors import N_

KINDS = {"general": N_("一般任务"), "subscription": N_("党报党刊征订"), "summary": N_("年度党建工作总结报送")}
FIELD_TYPES = {"text": N_("文字"), "integer": N_("整数"), "number": N_("数字"), "date": N_("日期")}
# A school's standing on one task, as the district's live table counts it.
STATUSES = {"received": N_("未签收"), "opened": N_("已签收"), "in_progress": N_("办理中"), "submitted": N_("已提交"),
            "returned": N_("已退回"), "accepted": N_("已通过"), "closed": N_("已办结未提交"),
            "cancelled": N_("已撤销")}
TASK_STATES = {"open": N_("办理中"), "closed": N_("已办结"), "cancelled": N_("已撤销")}
INFO_KINDS = {"news": N_("新闻稿"), "work": N_("工作信息")}
INFO_STATUSES = {"draft": N_("草稿"), "submitted": N_("已报送"), "returned": N_("已退回"), "accepted": N_("已采用"),
                 "published": N_("已发布")}
DECISIONS = ("accepted", "returned", "published")
MAX_FIELDS = 20
MAX_TITLES = 30


def field_problem(kind: str, value) -> str | None:
    """Why ``value`` is not a value of a typed field of ``kind``, or None."""
    text = str(value if value is not None else "").strip()
    if not text:
        return N_("请填写")
    if kind == "integer":
        return None if text.lstrip("-").isdigit() and abs(int(text)) < 10 ** 9 else N_("应为整数")
    if kind == "number":
        try:
            number = Decimal(text)
        except InvalidOperation:
            return N_("应为数字")
        return None if number.is_finite() and abs(number) < 10 ** 9 else N_("应为数字")
    if kind == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            return N_("应为日期，例如 2026-12-01")
    return None if len(text) <= 2000 else N_("太长（最多 2000 个字符）")


def answer_problems(returns: dict, text: str, files: list, fields: dict, lines: list | None) -> dict:
    """What a submission lacks against what the task asked to be returned: {input: message}."""
    problems = {}
    if returns.get("text") and not (text or "").strip():
        problems["text"] = N_("本任务要求填写报送内容")
    if returns.get("files") and not files:
        problems["files"] = N_("本任务要求上传材料")
    for spec in returns.get("fields") or ():
        problem = field_problem(spec["type"], (fields or {}).get(spec["key"]))
        if problem:
            problems[f"field_{spec['key']}"] = N_("%(label)s：%(problem)s", label=spec["label"], problem=problem)
    if lines is not None and not any(int(line.get("copies") or 0) > 0 for line in lines):
        problems["lines"] = N_("请至少填写一种报刊的订阅份数")
    return problems


def subscription_totals(lines: list) -> tuple[int, Decimal]:
    """Copies and amount of a subscription answer (党报党刊征订)."""
    copies = sum(int(line.get("copies") or 0) for line in lines or ())
    amount = sum((Decimal(str(line.get("amount") or "0")) for line in lines or ()), Decimal("0"))
    return copies, amount


def school_status(opened: bool, working: bool, submitted_round: int, decision_round: int | None,
                  decision: str | None, task_state: str = "open") -> str:
    """A school's standing on a task: a decision counts only for the round it judged (a returned task
    resubmitted is "submitted" again until the district judges the new round). A cancelled task is
    "cancelled" for every school; a closed one is "closed" for a school that never submitted."""
    if task_state == "cancelled":
        return "cancelled"
    if task_state == "closed" and not submitted_round:
        return "closed"
    if submitted_round and decision_round == submitted_round and decision in ("accepted", "returned"):
        return decision
    if submitted_round:
        return "submitted"
    if working:
        return "in_progress"
    return "opened" if opened else "received"


def is_open(status: str) -> bool:
    """Whether the school still has something to do on the task."""
    return status in ("received", "opened", "in_progress", "returned")


def is_late(status: str, deadline: date, today: date, submitted_late: bool) -> bool:
    """Late: still to do after the deadline, or submitted after it."""
    return (is_open(status) and today > deadline) or submitted_late


def days_between(start: date, end: date) -> int:
    return (end - start).days


# How a list of standings may be ordered: by deadline (either way), by status (the school's work
# still open first, in the order of ``STATUSES``), by school.
SORTS = {"deadline": N_("截止日期（由近及远）"), "-deadline": N_("截止日期（由远及近）"), "status": N_("状态"),
         "school": N_("学校")}


def sort_key(sort: str):
    order = list(STATUSES)
    if sort == "status":
        return lambda s: (order.index(s.status), s.deadline, s.school)
    if sort == "school":
        return lambda s: (s.school, s.deadline)
    return lambda s: (s.deadline, s.school)


def select_standings(standings: list, status: str | None, sort: str | None, default: str = "deadline") -> list:
    """The standings of one status (``late`` for those late), in the order asked."""
    chosen = [s for s in standings if status is None or (s.late if status == "late" else s.status == status)]
    sort = sort or default
    return sorted(chosen, key=sort_key(sort.lstrip("-")), reverse=sort.startswith("-"))
