"""Pure rules of the annual work plan (年度党建工作计划), activity funds (党建经费) and the activity room
(党员活动室): vocabularies, an item's progress and status, the versioned budget rule, the room's
elements. No I/O.

The budget rule (an amount per member with a minimum per branch) and the room's elements are
**unconfirmed/local** (no national figure): each is a versioned default that a school's settings
override from a date of its choosing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.errors import N_
from core.money import to_fen

# -- the plan ----------------------------------------------------------------------------------------
# A plan item may be linked to a kind of record that other plugins keep; its progress is then counted
# from those records. "meeting:<type>" counts meetings of that type held (meetings.public); "talks"
# counts heart-to-heart talks held (谈心谈话); "admitted" and "converted" count members admitted as
# probationary members (发展新党员) and converted to full members (预备党员转正) in the year, by the
# dates on the member register (members.public).
TALKS = "talks"
ADMITTED = "admitted"
CONVERTED = "converted"
MEMBER_LINKS: dict[str, str] = {ADMITTED: N_("发展新党员（接收预备党员）"), CONVERTED: N_("预备党员转正")}
# "dues:months" counts the months of the year in which dues were collected (按月收缴党费) and
# "dues:remitted" the remittances to the higher committee (上缴党费) (dues.public); "development:activists"
# counts applicants made activists (确定入党积极分子) and "development:trained" development targets
# through the concentrated training (发展对象集中培训) in the year (development.public).
DUES_LINKS: dict[str, str] = {"dues:months": N_("党费：按月收缴（月数）"), "dues:remitted": N_("党费：上缴上级党委（次数）")}
DEVELOPMENT_LINKS: dict[str, str] = {"development:activists": N_("发展：确定入党积极分子（人数）"),
                                     "development:trained": N_("发展：发展对象集中培训（人数）")}
MEETING_PREFIX = "meeting:"
STATUSES: dict[str, str] = {"done": N_("已完成"), "late": N_("逾期未完成"), "in_progress": N_("进行中"),
                            "not_started": N_("未开始")}
PLAN_STATUSES: dict[str, str] = {"draft": N_("草拟中"), "adopted": N_("已通过")}
HALVES: dict[int, str] = {1: N_("上半年"), 2: N_("下半年")}
# The meetings that may review the plan: the half-yearly party-building topic meeting (党建工作专题会议),
# or a committee meeting (支委会) given to it.
REVIEW_MEETING_TYPES = ("topic", "committee")
VIEWS: dict[int, str] = {1: N_("半年（截至 6 月 30 日到期的事项）"), 2: N_("全年（年终）")}


def meeting_link(type_code: str) -> str:
    return f"{MEETING_PREFIX}{type_code}"


def meeting_type_of(link: str | None) -> str | None:
    return link[len(MEETING_PREFIX):] if link and link.startswith(MEETING_PREFIX) else None


def half_end(year: int, half: int) -> date:
    return date(year, 6, 30) if half == 1 else date(year, 12, 31)


@dataclass(frozen=True)
class Progress:
    """An item's progress on a day: ``done`` of ``target`` (counted from records where linked, reported
    by the owner otherwise), and its status."""
    done: int
    target: int | None
    complete: bool
    status: str
    counted: bool          # True: counted from linked records; False: reported by the owner

    @property
    def label(self) -> str:
        return f"{self.done}/{self.target}" if self.target else ("完成" if self.complete else "—")


def progress(target: int | None, due_on: date, as_of: date, done: int = 0, reported_complete: bool = False,
             counted: bool = False, started: bool = False) -> Progress:
    """Done when the count reaches the target (or the owner reported it complete); late when its due
    day has passed without that; in progress when something was done; otherwise not started."""
    complete = bool(reported_complete) or (target is not None and target > 0 and done >= target)
    if complete:
        status = "done"
    elif due_on < as_of:
        status = "late"
    elif done > 0 or started:
        status = "in_progress"
    else:
        status = "not_started"
    return Progress(done=done, target=target, complete=complete, status=status, counted=counted)


def late_reason(what: str, due_on: date, p: Progress) -> str:
    """Why an item is late, in one sentence (the alert's text)."""
    if p.target:
        source = N_("按系统记录计") if p.counted else N_("按负责人报告计")
        return N_("「%(what)s」应于 %(due)s 前完成 %(target)s，已完成 %(done)s（%(source)s）",
                  what=what, due=due_on.isoformat(), target=p.target, done=p.done, source=source)
    return N_("「%(what)s」应于 %(due)s 前完成，负责人尚未报告完成", what=what, due=due_on.isoformat())


# -- activity funds (党建经费) -------------------------------------------------------------------------
@dataclass(frozen=True)
class BudgetRule:
    """A year's budget: ``per_member`` yuan for each member on the roll, at least ``minimum`` per branch."""
    per_member: Decimal
    minimum: Decimal


# (effective from, rule): the last one on or before the budget's day applies (local default). The
# district adds versions of its own (BudgetRuleBook, district log); ``rule_table`` merges them in.
BUDGET_RULES: tuple[tuple[date, BudgetRule], ...] = (
    (date(2018, 1, 1), BudgetRule(per_member=Decimal("100.00"), minimum=Decimal("3000.00"))),
)


def rule_table(district_versions=()) -> tuple[tuple[date, BudgetRule], ...]:
    """The versions in force, oldest first: the defaults and the district's (a district version on a
    default's day replaces it)."""
    table = dict(BUDGET_RULES)
    table.update({start: rule for start, rule in district_versions})
    return tuple(sorted(table.items()))


def budget_rule(on: date, settings: dict | None = None,
                table: tuple[tuple[date, BudgetRule], ...] = BUDGET_RULES) -> tuple[date, BudgetRule]:
    """The rule in force on ``on`` and the day it took effect: the last version of ``table`` from on or
    before that day (the oldest for days before every version), or the school's own rule from its
    effective day when that is later (settings ``budget_from``, ``budget_per_member``, ``budget_minimum``)."""
    effective, rule = table[0]
    for start, candidate in table:
        if start <= on:
            effective, rule = start, candidate
    settings = settings or {}
    own_from = settings.get("budget_from")
    if own_from is not None and own_from <= on and own_from >= effective:
        rule = BudgetRule(per_member=to_fen(settings.get("budget_per_member", rule.per_member)),
                          minimum=to_fen(settings.get("budget_minimum", rule.minimum)))
        effective = own_from
    return effective, rule


# Over budget (超支): the year's spendings not withdrawn, with a new one, above the budget set. A school
# chooses whether such a spending is recorded (and shown in red on the statement) or refused.
OVERSPEND: dict[str, str] = {"allow": N_("照常登记，在收支情况中标红"), "forbid": N_("不予登记（含走访慰问等计入经费的支出）")}


# A spending booked from another plugin's record (its ``source`` kind) is that record's cost: it is
# corrected there, never withdrawn on the funds page. What the record is called, and where it is kept.
BOOKED_FROM: dict[str, tuple[str, str]] = {"care.visit": (N_("慰问记录"), N_("党内关怀"))}
BOOKED_ELSEWHERE = (N_("其他模块的记录"), N_("该记录所在模块"))


def booked_from(kind: str | None) -> tuple[str, str]:
    """(what the record is called, the module where its cost is corrected) of a booked spending."""
    return BOOKED_FROM.get(kind or "", BOOKED_ELSEWHERE)


def budget_amount(members: int, rule: BudgetRule) -> Decimal:
    """members × per member, never below the branch minimum."""
    return max(to_fen(rule.per_member * max(int(members), 0)), to_fen(rule.minimum))


# -- the activity room (党员活动室) --------------------------------------------------------------------
DEFAULT_ROOM_ELEMENTS = ("党支部牌子", "党旗", "入党誓词", "党员义务和权利", "制度职责", "五个好标准",
                         "党务公开栏", "学习园地")


def room_elements(settings: dict | None = None) -> tuple[str, ...]:
    text = (settings or {}).get("room_elements") or ""
    items = tuple(dict.fromkeys(e.strip() for e in text.replace("，", ",").replace("、", ",").split(",")
                                if e.strip()))
    return items or DEFAULT_ROOM_ELEMENTS


def room_problem(element: str, last_checked: date | None, present: bool | None, today: date) -> str | None:
    """Why an element needs attention (never checked, not checked this year, found missing), or None."""
    if last_checked is None:
        return N_("活动室「%(element)s」从未检查", element=element)
    if last_checked.year < today.year:
        return N_("活动室「%(element)s」今年尚未检查（上次 %(on)s）", element=element, on=last_checked.isoformat())
    if present is False:
        return N_("活动室「%(element)s」%(on)s 检查时缺失或不合要求", element=element, on=last_checked.isoformat())
    return None
