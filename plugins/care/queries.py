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
from plugins.members import public as members


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
    """The month's political birthdays (入党纪念日) of members on the roll, by day."""
    out = []
    for mv in members.list_members(k, tenant):
        day = rules.birthday_in_month(mv.joined_on, year, month)
        if day is not None:
            out.append(Birthday(mv.id, mv.name, mv.joined_on, day, rules.years_since(mv.joined_on, day),
                                rules.years_since(mv.converted_on, day)))
    return sorted(out, key=lambda b: (b.anniversary, b.name))


@dataclass(frozen=True)
class Medal:
    member_id: UUID
    name: str
    converted_on: date
    party_years: int          # on the rule's day (1 July) of the year
    new: bool                 # first eligible this year


def medal_list(k: Kernel, tenant: str, year: int, only_new: bool = False) -> list[Medal]:
    """Full members eligible for 光荣在党50年 in ``year`` (the versioned rule in rules.MEDAL_RULES)."""
    rule = rules.medal_rule(year)
    if rule is None:
        return []
    by = date(year, rule.by_month, rule.by_day)
    out = []
    for mv in members.full_members(k, tenant):
        if rules.medal_eligible(mv.converted_on, year):
            new = rules.medal_newly_eligible(mv.converted_on, year)
            if new or not only_new:
                out.append(Medal(mv.id, mv.name, mv.converted_on, rules.years_since(mv.converted_on, by), new))
    return sorted(out, key=lambda x: (x.converted_on, x.name))


def district_medal_list(k: Kernel, year: int) -> list[tuple[str, Medal]]:
    """(school, medal) for every school that has enabled care, by school then date of conversion.
    Read per request from each school's roll (a district read model is not built yet)."""
    out = []
    for school in k.tenant_slugs():
        if "care" in k.enabled_plugins(school):
            out.extend((school, medal) for medal in medal_list(k, school, year))
    return out
