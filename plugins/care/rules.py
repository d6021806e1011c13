"""Pure rules of care for members (党内关怀) and members away (流动党员): hardship kinds, the
光荣在党50年 medal rule (versioned), political birthdays (入党纪念日) and the contact rule for members away."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.dates import add_months

# 困难党员 kinds offered when a school has not set its own list (settings: hardship_kinds)
HARDSHIP_KINDS = ("生活困难", "因病致困", "因灾致困", "高龄独居", "残疾", "其他")
AWAY_KINDS = {"mobile": "流动党员", "abroad": "出国（境）党员"}
CONTACT_MEANS = {"phone": "电话", "wechat": "微信", "visit": "走访", "letter": "书信", "online": "网上党支部"}
AWAY_MIN_MONTHS = 6          # working or living elsewhere for 6 months or more (DOMAIN.md §8.1)
CONTACT_EVERY_MONTHS = 6     # contact at least every 6 months


@dataclass(frozen=True)
class MedalRule:
    """光荣在党50年纪念章: who is eligible in a year. Versioned by the year it applies from."""

    from_year: int
    years: int            # years of party age required
    by_month: int         # ... reached by this day of that year
    by_day: int
    counted_from: str     # "converted" (转正, party age per DOMAIN.md §1.2) — the only basis so far
    source: str


MEDAL_RULES = (
    MedalRule(2021, 50, 7, 1, "converted",
              "党龄满50周年，截至当年7月1日；党龄从转正之日起计算（issue 22；DOMAIN.md §1.2）"),
)


def medal_rule(year: int) -> MedalRule | None:
    rules = [r for r in MEDAL_RULES if r.from_year <= year]
    return max(rules, key=lambda r: r.from_year) if rules else None


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:             # 29 February: the anniversary falls on 28 February
        return start.replace(year=start.year + years, day=28)


def medal_eligible(converted_on: date | None, year: int) -> bool:
    """Eligible in ``year``: the required years of party age reached on or before the rule's day
    (1 July) of that year. Converted on 1 July 50 years before is eligible; 2 July is not."""
    rule = medal_rule(year)
    if rule is None or converted_on is None:
        return False
    return _anniversary(converted_on, rule.years) <= date(year, rule.by_month, rule.by_day)


def medal_cutoff(year: int) -> date | None:
    """The last day of conversion eligible in ``year`` (``medal_eligible`` as one date to compare with,
    so a year's list is a range of an index): the rule's day, the required years earlier."""
    rule = medal_rule(year)
    if rule is None:
        return None
    return _anniversary(date(year, rule.by_month, rule.by_day), -rule.years)


def medal_newly_eligible(converted_on: date | None, year: int) -> bool:
    """Eligible this year and not the year before (the year's list of new awards)."""
    return medal_eligible(converted_on, year) and not medal_eligible(converted_on, year - 1)


def years_since(start: date | None, on: date) -> int | None:
    if start is None or on < start:
        return None
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


def birthday_in_month(joined_on: date | None, year: int, month: int) -> date | None:
    """The political birthday (入党纪念日: the anniversary of admission) in that month, or None."""
    if joined_on is None or joined_on.month != month or joined_on.year >= year:
        return None
    return _anniversary(joined_on, year - joined_on.year)


def contact_due(last_contact: date, every_months: int = CONTACT_EVERY_MONTHS) -> date:
    """The last day a next contact is on time: ``every_months`` after the last contact."""
    return add_months(last_contact, every_months)


def contact_overdue(last_contact: date, today: date, every_months: int = CONTACT_EVERY_MONTHS) -> bool:
    """Overdue the day after the due day: contacted on 1 January, due by 1 July, overdue on 2 July."""
    return today > contact_due(last_contact, every_months)
