"""Read side of the plans plugin (over models.py, and other plugins' public.py for linked records).
Every query filters by tenant first."""
from __future__ import annotations

from collections import Counter
from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.money import from_fen
from core.pagination import Page, paginate
from core.tenancy.models import schools
from plugins.development import public as development
from plugins.dues import public as dues
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.plans import models as m, rules


def get_settings(k: Kernel, tenant: str) -> dict:
    return k.settings(tenant, "plans")


def _all(k: Kernel, query) -> list:
    with k.reading() as conn:
        return conn.execute(query).all()


def _first(k: Kernel, query):
    with k.reading() as conn:
        return conn.execute(query).first()


# -- the plan ----------------------------------------------------------------------------------------
def get_plan(k: Kernel, tenant: str, year: int):
    return _first(k, select(m.plans).where(m.plans.c.tenant == tenant, m.plans.c.year == year))


def get_plan_by_id(k: Kernel, tenant: str, plan_id: UUID):
    return _first(k, select(m.plans).where(m.plans.c.tenant == tenant, m.plans.c.id == plan_id))


def list_items(k: Kernel, tenant: str, plan_id: UUID) -> list:
    t = m.items
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.plan_id == plan_id, t.c.removed.is_(False))
                .order_by(t.c.position))


def list_reports(k: Kernel, tenant: str, plan_id: UUID) -> list:
    t = m.reports
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.plan_id == plan_id)
                .order_by(t.c.item_id, t.c.on, t.c.id))


def list_reviews(k: Kernel, tenant: str, plan_id: UUID) -> list:
    t = m.reviews
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.plan_id == plan_id).order_by(t.c.half))


def meeting_refs(k: Kernel, tenant: str, meeting_id: UUID) -> dict:
    """What of the plans refers to one meeting: the plans adopted at it, the reviews held at it, the
    activity funds spent on it (not withdrawn)."""
    p, r = m.plans, m.reviews
    adopted = _all(k, select(p.c.year, p.c.title).where(p.c.tenant == tenant, p.c.adopted_meeting_id == meeting_id))
    reviewed = _all(k, select(p.c.year, p.c.title, r.c.half).join(p, p.c.id == r.c.plan_id)
                    .where(r.c.tenant == tenant, r.c.meeting_id == meeting_id, p.c.tenant == tenant))
    s = m.spendings
    spent = _all(k, select(s.c.year, s.c.entry_id, s.c.amount_fen).where(
        s.c.tenant == tenant, s.c.meeting_id == meeting_id, s.c.withdrawn.is_(False)).order_by(s.c.entry_id))
    return {"adopted": adopted, "reviewed": reviewed, "spent": spent}


def link_choices(k: Kernel, tenant: str) -> dict[str, str]:
    """The kinds of record a plan item may be linked to: value → words."""
    out = {rules.meeting_link(code): f"会议：{name}" for code, name in meetings.meeting_types(k, tenant).items()}
    out[rules.TALKS] = "谈心谈话"
    return {**out, **rules.MEMBER_LINKS, **rules.DUES_LINKS, **rules.DEVELOPMENT_LINKS}


def linked_days(k: Kernel, tenant: str, link: str, year: int) -> list[date]:
    """The days of the records counted for a link in a year (meetings held, talks held)."""
    def compute():
        type_code = rules.meeting_type_of(link)
        if type_code:
            return [r["held_on"] for r in meetings.list_meetings(k, tenant, type=type_code, year=year)
                    if r["status"] == "held" and r["held_on"] is not None]
        if link == rules.TALKS:
            return meetings.talk_days(k, tenant, year)
        if link in rules.MEMBER_LINKS:
            days = [getattr(m, "joined_on" if link == rules.ADMITTED else "converted_on")
                    for m in members.list_members(k, tenant, statuses=tuple(members.STATUSES))]
            return [d for d in days if d is not None and d.year == year]
        if link == "dues:months":
            return dues.collection_days(k, tenant, year)
        if link == "dues:remitted":
            return dues.remittance_days(k, tenant, year)
        if link in rules.DEVELOPMENT_LINKS:
            return development.step_days(k, tenant, year)[link.split(":", 1)[1]]
        return []
    return k.per_request(("plans.linked", tenant, link, year), compute)


def item_progress(k: Kernel, tenant: str, item, reports: list, as_of: date) -> rules.Progress:
    """An item's progress on ``as_of``: counted from its linked records, or from its owner's reports."""
    if item.link:
        done = sum(1 for d in linked_days(k, tenant, item.link, item.year) if d <= as_of)
        return rules.progress(item.target, item.due_on, as_of, done=done, counted=True)
    own = [r for r in reports if r.item_id == item.item_id and r.on <= as_of]
    amounts = [r.done for r in own if r.done is not None]
    return rules.progress(item.target, item.due_on, as_of, done=amounts[-1] if amounts else 0,
                          reported_complete=any(r.complete for r in own), started=bool(own))


def plan_view(k: Kernel, tenant: str, year: int, as_of: date) -> dict | None:
    """The plan of a year with each item's progress on ``as_of`` and the items counted by status."""
    plan = get_plan(k, tenant, year)
    if plan is None:
        return None
    reports = list_reports(k, tenant, plan.id)
    rows = [{"item": i, "progress": item_progress(k, tenant, i, reports, as_of),
             "reports": [r for r in reports if r.item_id == i.item_id]} for i in list_items(k, tenant, plan.id)]
    return {"plan": plan, "items": rows, "as_of": as_of, "reviews": list_reviews(k, tenant, plan.id),
            "counts": Counter(r["progress"].status for r in rows)}


def half_views(k: Kernel, tenant: str, year: int, today: date) -> list[dict]:
    """The half-year and year-end views: items due in each half, as of its end (or today if sooner)."""
    out = []
    for half, label in rules.VIEWS.items():
        end = rules.half_end(year, half)
        view = plan_view(k, tenant, year, min(end, today))
        if view is None:
            return []
        start = date(year, 1, 1) if half == 1 else date(year, 7, 1)
        rows = [r for r in view["items"] if r["item"].due_on <= end and (half == 2 or r["item"].due_on >= start)]
        out.append({"half": half, "label": label, "as_of": view["as_of"], "items": rows,
                    "counts": Counter(r["progress"].status for r in rows), "end": end,
                    "review": next((r for r in view["reviews"] if r.half == half), None)})
    return out


# -- activity funds ------------------------------------------------------------------------------------
def get_budget(k: Kernel, tenant: str, year: int):
    return _first(k, select(m.budgets).where(m.budgets.c.tenant == tenant, m.budgets.c.year == year))


def list_spendings(k: Kernel, tenant: str, year: int) -> list:
    t = m.spendings
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.year == year).order_by(t.c.on, t.c.entry_id))


def spending_of_source(k: Kernel, tenant: str, source_id: UUID):
    """The spending (not withdrawn) booked from another plugin's record, or None."""
    t = m.spendings
    return _first(k, select(t).where(t.c.tenant == tenant, t.c.source_id == source_id, t.c.withdrawn.is_(False)))


def list_budget_rules(k: Kernel) -> list:
    """The district's own budget rule versions, newest first."""
    t = m.budget_rules
    return _all(k, select(t).where(t.c.tenant == DISTRICT).order_by(t.c.effective_from.desc()))


def rule_table(k: Kernel) -> tuple:
    """The budget rule versions in force: the defaults and the district's (once per request)."""
    def compute():
        return rules.rule_table(
            (r.effective_from, rules.BudgetRule(from_fen(r.per_member_fen), from_fen(r.minimum_fen)))
            for r in list_budget_rules(k))
    return k.per_request(("plans.rule_table",), compute)


def roll_count(k: Kernel, tenant: str, on: date) -> int:
    """Members on the roll on a day (full and probationary), by the dates in the world."""
    return len(members.roster_on(k, tenant, on))


# -- the activity room ---------------------------------------------------------------------------------
def list_room_checks(k: Kernel, tenant: str) -> list:
    t = m.room_checks
    return _all(k, select(t).where(t.c.tenant == tenant).order_by(t.c.element, t.c.on.desc(), t.c.id.desc()))


def room_status(k: Kernel, tenant: str, today: date) -> list[dict]:
    """Each required element with its latest check and why it needs attention (or None)."""
    latest: dict[str, object] = {}
    history: dict[str, list] = {}
    for row in list_room_checks(k, tenant):
        latest.setdefault(row.element, row)
        history.setdefault(row.element, []).append(row)
    out = []
    for element in rules.room_elements(get_settings(k, tenant)):
        row = latest.get(element)
        out.append({"element": element, "latest": row, "history": history.get(element, []),
                    "problem": rules.room_problem(element, row.on if row else None,
                                                  row.present if row else None, today)})
    return out


def schools_page(k: Kernel, page: int, per_page: int = 25) -> Page:
    """A page of the district's schools (slug, name) in slug order."""
    with k.reading() as conn:
        return paginate(conn, select(schools.c.slug, schools.c.name).order_by(schools.c.slug), page, per_page)


def room_overview(k: Kernel, slugs: list[str], today: date) -> dict[str, list[dict] | None]:
    """Each school's room status (``room_status``) by slug; None where the school has not enabled the
    plugin (the kernel's enablement, so this plugin never reads another's choice twice)."""
    return {slug: room_status(k, slug, today) if "plans" in k.enabled_plugins(slug) else None for slug in slugs}


def find_file(k: Kernel, tenant: str, sha256: str):
    t = m.files
    return _first(k, select(t).where(t.c.tenant == tenant, t.c.sha256 == sha256).order_by(t.c.id))
