"""Commands of the plans plugin: load, call the aggregate, save. The only writers of its records."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, check_version
from core.eventstore import DISTRICT
from core.files import store_file
from core.kernel import Kernel
from core.money import fen_int
from plugins.meetings import public as meetings
from plugins.plans import queries, rules
from plugins.plans.domain import ActivityRoom, BudgetRuleBook, FundsYear, PlansError, WorkPlan

def _load(k: Kernel, tenant: str, aggregate_id, cls, expected_version: int | None = None):
    aggregate = k.get(tenant, UUID(str(aggregate_id)), cls)
    check_version(aggregate, expected_version)
    return aggregate


def _save(k: Kernel, tenant: str, aggregate):
    k.save(tenant, aggregate)
    return aggregate


def store_files(k: Kernel, uploads) -> list[dict]:
    """Uploads as (bytes, filename) → file references kept on the event."""
    return [store_file(k, data, name).as_dict() for data, name in uploads or () if name]


def _meeting(k: Kernel, tenant: str, meeting_id, field: str = "meeting_id", types: tuple[str, ...] = ()) -> dict:
    try:
        meeting = meetings.get_meeting(k, tenant, UUID(str(meeting_id)))
    except ValueError:
        meeting = None
    if meeting is None:
        raise PlansError(N_("本支部没有这次会议"), field=field)
    if meeting["status"] != "held" or meeting["held_on"] is None:
        raise PlansError(N_("「%(title)s」尚未召开", title=meeting["title"]), field=field)
    if types and meeting["type"] not in types:
        names = meetings.meeting_types(k, tenant)
        raise PlansError(N_("应选择%(kind)s", kind="或".join(names.get(t, t) for t in types)), field=field)
    return meeting


def _check_link(k: Kernel, tenant: str, values: dict) -> dict:
    link = values.get("link") or None
    if link and link not in queries.link_choices(k, tenant):
        raise PlansError(N_("请选择可关联的记录类型"), field="link")
    return {**values, "link": link}


# -- the plan ----------------------------------------------------------------------------------------
def draft_plan(k: Kernel, tenant: str, year: int, title: str | None = None) -> WorkPlan:
    key = f"{tenant}/{year}"
    if k.exists(tenant, WorkPlan.create_id(key)):
        raise PlansError(N_("已有 %(year)s 年度党建工作计划", year=year), field="year")
    return _save(k, tenant, WorkPlan.draft(key, year, title or f"{year}年度党建工作计划"))


def add_item(k: Kernel, tenant: str, plan_id, values: dict, expected_version: int | None = None) -> str:
    plan = _load(k, tenant, plan_id, WorkPlan, expected_version)
    item_id = plan.add_item(_check_link(k, tenant, values))
    _save(k, tenant, plan)
    return item_id


def revise_item(k: Kernel, tenant: str, plan_id, item_id: str, values: dict,
                expected_version: int | None = None) -> WorkPlan:
    plan = _load(k, tenant, plan_id, WorkPlan, expected_version)
    plan.revise_item(item_id, _check_link(k, tenant, values) if "link" in values else values)
    return _save(k, tenant, plan)


def remove_item(k: Kernel, tenant: str, plan_id, item_id: str, expected_version: int | None = None) -> WorkPlan:
    plan = _load(k, tenant, plan_id, WorkPlan, expected_version)
    plan.remove_item(item_id)
    return _save(k, tenant, plan)


def adopt_plan(k: Kernel, tenant: str, plan_id, meeting_id, resolution_id=None,
               expected_version: int | None = None) -> WorkPlan:
    """The committee (支委会) adopts the plan at a meeting held, optionally naming the resolution voted."""
    plan = _load(k, tenant, plan_id, WorkPlan, expected_version)
    meeting = _meeting(k, tenant, meeting_id, types=("committee",))
    if resolution_id:
        if str(resolution_id) not in {str(r["id"]) for r in meetings.list_resolutions(k, tenant, meeting["id"])}:
            raise PlansError(N_("这次会议没有这项决议"), field="resolution_id")
    plan.adopt(str(meeting["id"]), meeting["title"], meeting["held_on"], str(resolution_id) if resolution_id else None)
    return _save(k, tenant, plan)


def review_plan(k: Kernel, tenant: str, plan_id, half: int, meeting_id, summary: str,
                expected_version: int | None = None) -> WorkPlan:
    """The half-yearly party-building topic meeting (党建工作专题会议) reviews the plan; a committee meeting
    (支委会) given to it may too. Its minutes then link to the plan (``zhibu_record_links``)."""
    plan = _load(k, tenant, plan_id, WorkPlan, expected_version)
    meeting = _meeting(k, tenant, meeting_id, types=rules.REVIEW_MEETING_TYPES)
    plan.review(int(half), str(meeting["id"]), meeting["title"], meeting["held_on"], summary)
    return _save(k, tenant, plan)


def report_progress(k: Kernel, tenant: str, plan_id, item_id: str, on: date, text: str, done: int | None = None,
                    complete: bool = False, evidence: list | None = None,
                    expected_version: int | None = None) -> WorkPlan:
    plan = _load(k, tenant, plan_id, WorkPlan, expected_version)
    plan.report_progress(item_id, on, text, done, complete, evidence or [], k.today())
    return _save(k, tenant, plan)


# -- activity funds ------------------------------------------------------------------------------------
def _budget_values(k: Kernel, tenant: str, year: int) -> dict:
    """The year's budget by the rule in force on 1 January (or today, for this year's first budget set
    later) over the members on the roll that day."""
    today = k.today()
    on = date(year, 1, 1) if year < today.year else min(today, date(year, 12, 31))
    effective, rule = rules.budget_rule(on, queries.get_settings(k, tenant), queries.rule_table(k))
    count = queries.roll_count(k, tenant, on)
    return {"members": count, "per_member_fen": fen_int(rule.per_member), "minimum_fen": fen_int(rule.minimum),
            "amount_fen": fen_int(rules.budget_amount(count, rule)), "rule_from": effective}


def set_budget(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> FundsYear:
    """Set (or compute again) the year's budget by the rule; a recomputation keeps before and after."""
    key = f"{tenant}/{year}"
    values = _budget_values(k, tenant, year)
    if not k.exists(tenant, FundsYear.create_id(key)):
        return _save(k, tenant, FundsYear(key=key, year=int(year), **values))
    funds = _load(k, tenant, FundsYear.create_id(key), FundsYear, expected_version)
    funds.reset_budget(**values)
    return _save(k, tenant, funds)


def _funds(k: Kernel, tenant: str, year: int, expected_version: int | None) -> FundsYear:
    fund_id = FundsYear.create_id(f"{tenant}/{year}")
    if not k.exists(tenant, fund_id):
        raise PlansError(N_("请先核定 %(year)s 年度经费预算", year=year), field="year")
    return _load(k, tenant, fund_id, FundsYear, expected_version)


def record_spending(k: Kernel, tenant: str, year: int, on: date, amount, purpose: str, meeting_id=None,
                    activity: str | None = None, receipts: list | None = None,
                    expected_version: int | None = None) -> str:
    funds = _funds(k, tenant, year, expected_version)
    meeting = _meeting(k, tenant, meeting_id) if meeting_id else None
    entry_id = funds.record_spending(on, fen_int(amount), purpose, str(meeting["id"]) if meeting else None,
                                     meeting["title"] if meeting else None, activity, receipts or [], k.today(),
                                     overspend=_overspend(k, tenant))
    _save(k, tenant, funds)
    return entry_id


def _overspend(k: Kernel, tenant: str) -> str:
    return queries.get_settings(k, tenant).get("overspend") or "allow"


def book_for_record(k: Kernel, tenant: str, on: date, amount, purpose: str, source: dict, reason: str = "",
                    save_with=()) -> tuple[FundsYear | None, str | None]:
    """The year's spending booked from another plugin's record (``source``: kind, id, title) made
    ``amount``: recorded when there is none, corrected when it differs, withdrawn at zero (the year's
    budget is set by the rule first when it was not yet). Saved in
    one write with that plugin's own aggregates (``save_with``), so either both are stored or neither."""
    amount_fen = fen_int(amount or 0)
    if amount_fen <= 0 and not k.exists(tenant, FundsYear.create_id(f"{tenant}/{on.year}")):
        if save_with:
            k.save(tenant, *save_with)   # nothing booked, nothing to book
        return None, None
    key = f"{tenant}/{on.year}"
    if k.exists(tenant, FundsYear.create_id(key)):
        funds = _funds(k, tenant, on.year, None)
    else:   # the year's budget not set yet: set by the rule in force, as "按标准核定" would
        funds = FundsYear(key=key, year=int(on.year), **_budget_values(k, tenant, on.year))
    entry_id = funds.entry_of(str(source["id"]))
    overspend = _overspend(k, tenant)
    if entry_id is None and amount_fen > 0:
        entry_id = funds.book_spending(on, amount_fen, purpose, source, k.today(), overspend=overspend)
    elif entry_id is not None and amount_fen <= 0:
        funds.withdraw_booking(entry_id, reason or "金额更正为零")
        entry_id = None
    elif entry_id is not None and amount_fen != funds.spendings[entry_id]["amount_fen"]:
        funds.correct_spending(entry_id, amount_fen, reason or "金额更正", overspend=overspend)
    k.save(tenant, funds, *save_with)
    return funds, entry_id


def withdraw_spending(k: Kernel, tenant: str, year: int, entry_id: str, reason: str,
                      expected_version: int | None = None) -> FundsYear:
    funds = _funds(k, tenant, year, expected_version)
    funds.withdraw_spending(entry_id, reason)
    return _save(k, tenant, funds)


def add_budget_rule(k: Kernel, effective_from: date, per_member, minimum, note: str) -> BudgetRuleBook:
    """The district adds a version of the budget rule (党建经费标准) from a day (district log)."""
    book_id = BudgetRuleBook.create_id("district")
    book = k.get(DISTRICT, book_id, BudgetRuleBook) if k.exists(DISTRICT, book_id) else BudgetRuleBook(key="district")
    book.add_version(effective_from, fen_int(per_member), fen_int(minimum), note)
    k.save(DISTRICT, book)
    return book


# -- the activity room ---------------------------------------------------------------------------------
def check_room_element(k: Kernel, tenant: str, element: str, on: date, present: bool, note: str = "",
                       photos: list | None = None) -> ActivityRoom:
    key = f"{tenant}/room"
    room_id = ActivityRoom.create_id(key)
    room = k.get(tenant, room_id, ActivityRoom) if k.exists(tenant, room_id) else ActivityRoom(key=key, name="党员活动室")
    room.check(element, on, present, note, photos or [], rules.room_elements(queries.get_settings(k, tenant)),
               k.today())
    return _save(k, tenant, room)
