"""Two remittances at once that together exceed what the branch holds: one is recorded, never both."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugins.dues import queries, services
from plugins.dues.domain import DuesFund
from tests.racing import one_winner, race, race_commands

D = Decimal


def test_two_remittances_at_once_never_spend_more_than_is_held(k, tenant, clock, actor, add_member):
    member = add_member(tenant, "甲")
    services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))
    services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 11)], "cash")
    assert queries.ledger(k, tenant)["held"] == D("400.00")
    outcomes = race(k, "plugins.dues.services.record_remittance",
                    *[(tenant, date(2026, 1, 1), date(2026, 10, 1), D("300"), date(2026, 11, 20), f"ZZ-{n}")
                      for n in (1, 2)])
    assert one_winner(outcomes), outcomes
    assert k.get(tenant, DuesFund.create_id(tenant), DuesFund).held == D("100.00")
    k.catch_up(tenant)
    assert queries.ledger(k, tenant) == {"collected": D("400.00"), "remitted": D("300.00"), "held": D("100.00")}


def test_a_reversal_racing_a_payment_leaves_the_fund_equal_to_the_ledger(k, tenant, clock, actor, add_member):
    first, second = add_member(tenant, "甲"), add_member(tenant, "乙")
    for member in (first, second):
        services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))
    _, receipt = services.record_payment(k, tenant, first, [date(2026, 1, 1)], "cash")
    outcomes = race_commands(k, ("plugins.dues.services.record_payment", (tenant, second, [date(2026, 1, 1)], "cash")),
                             ("plugins.dues.services.reverse_payment", (tenant, receipt, "录入错误")))
    assert [o[0] for o in outcomes] == ["won", "won"], outcomes
    k.catch_up(tenant)
    assert k.get(tenant, DuesFund.create_id(tenant), DuesFund).held == queries.ledger(k, tenant)["held"] == D("40.00")


def test_two_sheets_saved_at_once_never_pay_a_month_twice(k, tenant, clock, actor, add_member):
    members = [add_member(tenant, name) for name in ("甲", "乙")]
    for member in members:
        services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))
    rows = [{"key": str(m), "member_id": m, "months": ["2026-11"], "amount": D("40")} for m in members]
    outcomes = race(k, "plugins.dues.services.record_sheet", (tenant, rows, "cash"), (tenant, rows, "online"))
    assert one_winner(outcomes), outcomes
    k.catch_up(tenant)
    assert sorted(e.receipt_no for e in queries.list_entries(k, tenant)) == ["2026-0001", "2026-0002"]
    assert k.get(tenant, DuesFund.create_id(tenant), DuesFund).held == D("80.00")
