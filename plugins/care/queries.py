"""Read side of care: hardship cases, visits by year, members away, political birthdays and the
光荣在党50年 list (from the member registry's public reads)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.kernel import Kernel
from plugins.care import models as m
from plugins.care import rules
from core.pagination import Page, paginate
from core.tenancy.models import school_plugins


def list_hardship(k: Kernel, tenant: str, include_closed: bool = False) -> list:
    t = m.hardship
    stmt = select(t).where(t.c.tenant == tenant)
    if not include_closed:
        stmt = stmt.where(t.c.closed_on.is_(None))
    with k.reading() as conn:
        return list(conn.execute(stmt.order_by(t.c.closed_on, t.c.since, t.c.member_name)))


def get_hardship(k: Kernel, tenant: str, hardship_id: UUID):
    t = m.hardship
    with k.reading() as conn:
        row = conn.execute(select(t).where(t.c.tenant == tenant, t.c.id == hardship_id)).first()
        if row is None:
            return None, []
        h = m.help_given
        helps = list(conn.execute(select(h).where(h.c.tenant == tenant, h.c.hardship_id == hardship_id).order_by(h.c.on)))
    return row, helps


def list_visits(k: Kernel, tenant: str, year: int) -> list:
    t = m.visits
    with k.reading() as conn:
        return list(conn.execute(select(t).where(t.c.tenant == tenant, t.c.year == year).order_by(t.c.on)))


def get_visit(k: Kernel, tenant: str, visit_id: UUID):
    t = m.visits
    with k.reading() as conn:
        return conn.execute(select(t).where(t.c.tenant == tenant, t.c.id == visit_id)).first()


def list_away(k: Kernel, tenant: str, include_returned: bool = False) -> list:
    t = m.away
    stmt = select(t).where(t.c.tenant == tenant)
    if not include_returned:
        stmt = stmt.where(t.c.returned_on.is_(None))
    with k.reading() as conn:
        return list(conn.execute(stmt.order_by(t.c.returned_on, t.c.last_contact)))


def get_away(k: Kernel, tenant: str, away_id: UUID):
    t = m.away
    with k.reading() as conn:
        row = conn.execute(select(t).where(t.c.tenant == tenant, t.c.id == away_id)).first()
        if row is None:
            return None, []
        c = m.contacts
        logged = list(conn.execute(select(c).where(c.c.tenant == tenant, c.c.away_id == away_id)
                                   .order_by(c.c.on)))
    return row, logged


def overdue_away(k: Kernel, tenant: str, today: date) -> list:
    """Members away not contacted for more than 6 months (still away)."""
    return [r for r in list_away(k, tenant) if rules.contact_overdue(r.last_contact, today)]


@dataclass(frozen=True)
class Birthday:
    member_id: UUID
    name: str
    joined_on: date
    anniversary: date
    years: int                 # years since admission (入党) on the anniversary
    party_years: int | None    # years of party age (党龄, from conversion) on the anniversary


def birthdays(k: Kernel, tenant: str, year: int, month: int) -> list[Birthday]:
    """The month's political birthdays (入党纪念日) of members on the roll, by day: one indexed query of
    care_roll (tenant, on the roll, month of admission)."""
    r = m.roll
    with k.reading() as conn:
        found = conn.execute(select(r.c.member_id, r.c.name, r.c.joined_on, r.c.converted_on).where(
            r.c.tenant == tenant, r.c.on_roll.is_(True), r.c.joined_month == month,
            r.c.joined_on < date(year, 1, 1))).all()
    out = []
    for row in found:
        day = rules.birthday_in_month(row.joined_on, year, month)
        out.append(Birthday(row.member_id, row.name, row.joined_on, day, rules.years_since(row.joined_on, day),
                            rules.years_since(row.converted_on, day)))
    return sorted(out, key=lambda b: (b.anniversary, b.name))


@dataclass(frozen=True)
class Medal:
    member_id: UUID
    name: str
    converted_on: date
    party_years: int          # on the rule's day (1 July) of the year
    new: bool                 # first eligible this year


def _medal_query(year: int, tenants, only_new: bool = False, where=None):
    """Full members eligible in ``year`` (None: no rule that year): a range of care_roll's index
    (tenant, status, day of conversion)."""
    cutoff, before = rules.medal_cutoff(year), rules.medal_cutoff(year - 1)
    if cutoff is None:
        return None
    r = m.roll
    stmt = select(r.c.tenant, r.c.member_id, r.c.name, r.c.converted_on).where(
        r.c.tenant.in_(tenants), r.c.status == "full", r.c.converted_on <= cutoff)
    if where is not None:
        stmt = stmt.where(where)
    if only_new and before is not None:
        stmt = stmt.where(r.c.converted_on > before)
    return stmt


def _medal(row, year: int) -> tuple[str, Medal]:
    rule = rules.medal_rule(year)
    by = date(year, rule.by_month, rule.by_day)
    return row.tenant, Medal(row.member_id, row.name, row.converted_on, rules.years_since(row.converted_on, by),
                             rules.medal_newly_eligible(row.converted_on, year))


def _medals(k: Kernel, year: int, tenants: list, only_new: bool = False, where=None) -> list[tuple[str, Medal]]:
    """(school, medal) by school (in the order of ``tenants``), day of conversion and name: one query."""
    stmt = _medal_query(year, tenants, only_new, where)
    if stmt is None:
        return []
    with k.reading() as conn:
        found = conn.execute(stmt).all()
    place = {slug: n for n, slug in enumerate(tenants)}
    found.sort(key=lambda row: (place[row.tenant], row.converted_on, row.name))  # names by code point
    return [_medal(row, year) for row in found]


def medal_list(k: Kernel, tenant: str, year: int, only_new: bool = False) -> list[Medal]:
    """Full members eligible for 光荣在党50年 in ``year`` (the versioned rule in rules.MEDAL_RULES)."""
    return [medal for _school, medal in _medals(k, year, [tenant], only_new)]


def district_medal_list(k: Kernel, year: int) -> list[tuple[str, Medal]]:
    """(school, medal) for every school that has enabled care, by school then date of conversion: one
    indexed query across schools, the schools that enabled care chosen inside it (no statement per school)."""
    return _medals(k, year, k.tenant_slugs(), where=_care_enabled())


def _care_enabled():
    return select(school_plugins.c.tenant).where(
        school_plugins.c.tenant == m.roll.c.tenant, school_plugins.c.plugin == "care",
        school_plugins.c.enabled.is_(True)).exists()


def district_medal_page(k: Kernel, year: int, page: int = 1, per_page: int = 100) -> Page:
    """One page of the district list (items: (school, medal)), in the database's order of school, day
    of conversion and name: a count and a page, whatever the number of schools (Excel reads them all)."""
    stmt = _medal_query(year, k.tenant_slugs(), where=_care_enabled())
    if stmt is None:
        return Page(items=[], page=1, per_page=per_page, total=0)
    r = m.roll
    with k.reading() as conn:
        found = paginate(conn, stmt.order_by(r.c.tenant, r.c.converted_on, r.c.name, r.c.member_id), page, per_page)
    found.items = [_medal(row, year) for row in found.items]
    return found
