"""Demo dues for the demo district: this year's bases, months of payments, a few members in arrears."""
from __future__ import annotations

import random

from datetime import date, datetime, time, timezone
from decimal import Decimal

from core.clock import LOCAL_TZ
from core.kernel import Kernel
from plugins.dues import queries, rules, services
from plugins.dues.queries import standing


def _base(category: str | None, rng) -> tuple[str, int]:
    if category == "retiree":
        return "retired", rng.randrange(3500, 7200, 10)
    if category == "student":
        return "student", 0
    return "employed", rng.randrange(2800, 11500, 10)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), LOCAL_TZ).astimezone(timezone.utc)


def create_dues(k: Kernel, tenant: str, today: date, rng) -> None:
    k.catch_up(tenant)   # the roster was just written with projections deferred
    pol = queries.policy(k, tenant)
    year, this_month = today.year, rules.month_of(today)
    real_clock = k.clock
    try:
        for i, member in enumerate(queries.dues_members(k, tenant)):
            category, base = _base(member.category, rng)
            first = pol.first_month(member.joined_on)
            for ledger_year in range(min(first.year, year), year + 1):   # early in a year the last is paid too
                services.record_base(k, tenant, member.id, ledger_year, 1, category, base, "年初核定")
            if i == 3 and category == "employed" and this_month.month > 7:
                services.record_base(k, tenant, member.id, year, 7, category, base + 600, "7月起调资")
            luck = rng.random()
            stop = rules.add_months(this_month, -7 if luck < 0.05 else -4 if luck < 0.15 else 0)
            if i == 5:
                services.grant_relief(k, tenant, member.id, year, 3, 4, "waive", 0, "家庭重大疾病，生活困难",
                                      "上级党委", date(year, 2, 20))
            waived = {date(year, 3, 1), date(year, 4, 1)} if i == 5 else set()
            months = [m for m in rules.month_range(first, rules.add_months(stop, -1)) if m not in waived]
            while months:
                chunk = months[:rng.choice((1, 1, 2, 3))]
                months = months[len(chunk):]
                paid_on = rules.add_months(chunk[-1], 1).replace(day=rng.randint(3, 20))
                paid_on = min(paid_on, today)
                k.clock = (lambda at: (lambda: at))(_at(paid_on))
                services.record_payment(k, tenant, member.id, chunk,
                                        rng.choice(("cash", "transfer", "online", "online")), paid_on)
            if luck > 0.9:
                k.clock = real_clock
                services.record_payment(k, tenant, member.id, [this_month, rules.add_months(this_month, 1)],
                                        "online", today)
        k.clock = real_clock
        k.catch_up(tenant)
        collected = queries.collections(k, tenant)
        quarters = [(y, q) for y in (year - 1, year) for q in (3, 6, 9, 12)
                    if date(y, q, 1) >= rules.month_of(pol.ledger_start)]
        for ledger_year, quarter_end in quarters:
            first, last = date(ledger_year, quarter_end - 2, 1), date(ledger_year, quarter_end, 1)
            remitted_on = rules.add_months(last, 1).replace(day=15)
            if remitted_on > today:
                break
            amount = sum((a for day, a in collected if first <= rules.month_of(day) <= last), Decimal(0))
            if amount > 0:
                services.record_remittance(k, tenant, first, last, amount, remitted_on,
                                           f"ZZ{ledger_year}{quarter_end:02d}{rng.randint(1000, 9999)}")
                k.catch_up(tenant)
    finally:
        k.clock = real_clock


def settle_newcomers(k: Kernel, tenant: str, today: date) -> None:
    """Members the other demos add after the dues demo (development admits some) get this year's base
    and have paid up to last month, so the demo's first login shows no base task. Drawn from their
    own name, not the shared ``rng``, so the rest of the demo stays as it was."""
    k.catch_up(tenant)
    this_month = rules.month_of(today)
    categories = {m.id: m.category for m in queries.dues_members(k, tenant)}
    for account, months in standing.missing_bases(k, tenant, today):
        category, base = _base(categories.get(account.member_id), random.Random(account.name))
        services.record_base(k, tenant, account.member_id, months[0].year, months[0].month, category, base,
                             "入党后核定")
        owed = [m for m in months if m < this_month]
        if owed:
            services.record_payment(k, tenant, account.member_id, owed, "online", today)
    k.catch_up(tenant)
