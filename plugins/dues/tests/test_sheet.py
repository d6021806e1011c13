"""The dues sheet of a period (issue 18.1): periods, what each member owes, earlier unpaid months
(issue 18.3), and saving many payments at once: one transaction, one receipt each, all or none."""
from datetime import date
from decimal import Decimal

import pytest

from core.errors import ConflictError
from plugins.dues import queries, services
from plugins.dues.rules import obligations, sheet

D = Decimal


def account(first=date(2026, 1, 1), paid=()):
    return obligations.Account(
        member_id="m", name="甲", first_month=first,
        bases=(obligations.BaseEntry(date(2026, 1, 1), "employed", D("4000")),),
        paid={m: obligations.PaidMonth(D("40.00"), m, "2026-0001") for m in paid})


def test_a_period_is_a_month_or_a_quarter():
    assert sheet.parse_period("2026-11") == sheet.Period("2026-11", date(2026, 11, 1), date(2026, 11, 1))
    q = sheet.parse_period("2026-q4")
    assert (q.key, q.first, q.last, q.quarterly) == ("2026-Q4", date(2026, 10, 1), date(2026, 12, 1), True)
    assert q.shifted(1).key == "2027-Q1" and sheet.parse_period("2026-01").shifted(-1).key == "2025-12"
    assert sheet.period_of(date(2026, 8, 9), True).key == "2026-Q3"
    with pytest.raises(ValueError):
        sheet.parse_period("2026-13")


def test_paying_december_names_the_earlier_months_left_unpaid():
    acct = account(paid=[date(2026, m, 1) for m in range(1, 11)])
    assert sheet.earlier_unpaid(acct, [date(2026, 12, 1)]) == [date(2026, 11, 1)]
    assert sheet.earlier_unpaid(acct, [date(2026, 11, 1), date(2026, 12, 1)]) == []
    assert sheet.earlier_unpaid(acct, [date(2026, 11, 1)]) == []


def test_earlier_months_count_from_the_members_own_start():
    acct = account(first=date(2026, 10, 1))     # admitted (or records start) in October
    assert sheet.earlier_unpaid(acct, [date(2026, 12, 1)]) == [date(2026, 10, 1), date(2026, 11, 1)]


def test_a_sheet_row_shows_what_is_owed_and_already_paid_for_the_quarter():
    row, = sheet.sheet_rows([account(paid=[date(2026, m, 1) for m in range(1, 11)])], sheet.parse_period("2026-Q4"))
    assert row.owed_months == [date(2026, 11, 1), date(2026, 12, 1)] and row.owed == D("80.00")
    assert row.paid == D("40.00") and row.paid_months == [date(2026, 10, 1)] and row.earlier == []
    assert row.base == D("4000") and row.category == "employed"


@pytest.fixture
def people(k, tenant, actor, add_member):
    ids = {name: add_member(tenant, name) for name in ("甲", "乙", "丙")}
    for member in ids.values():
        services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))    # 40.00 a month
    return ids


def sheet_row(member, amount="40.00", months=("2026-11",)):
    return {"key": str(member), "member_id": member, "months": list(months), "amount": D(amount)}


def test_a_sheet_saves_every_row_in_one_go_with_a_receipt_each(k, tenant, people):
    done = services.record_sheet(k, tenant, [sheet_row(m) for m in people.values()], "cash")
    assert [r for _m, r in done] == ["2026-0001", "2026-0002", "2026-0003"]
    rows = queries.dues_sheet(k, tenant, sheet.parse_period("2026-11"))
    assert [r.payable for r in rows] == [False] * 3 and all(r.paid == D("40.00") for r in rows)
    assert {e.receipt_no for e in queries.payments_for_period(k, tenant, sheet.parse_period("2026-11"))} == \
        {"2026-0001", "2026-0002", "2026-0003"}


def test_an_amount_above_what_is_owed_is_a_voluntary_extra(k, tenant, people):
    (_m, receipt), = services.record_sheet(k, tenant, [sheet_row(people["甲"], "50")], "cash")
    payment = queries.get_payment(k, tenant, receipt)
    assert payment.amount_fen == 5000 and payment.voluntary_fen == 1000


def test_one_row_below_what_is_owed_refuses_every_row_and_names_it(k, tenant, people):
    before = k.stores.log(tenant).recorder.max_notification_id()
    with pytest.raises(services.SheetError) as refused:
        services.record_sheet(k, tenant, [sheet_row(people["甲"]), sheet_row(people["乙"], "30")], "cash")
    assert list(refused.value.rows) == [str(people["乙"])] and "少于应交 ¥40.00" in refused.value.rows[str(people["乙"])]
    assert k.stores.log(tenant).recorder.max_notification_id() == before


def test_a_stale_sheet_never_pays_a_month_twice(k, tenant, people):
    services.record_payment(k, tenant, people["乙"], [date(2026, 11, 1)], "cash")   # someone else, meanwhile
    before = k.stores.log(tenant).recorder.max_notification_id()
    with pytest.raises(ConflictError, match="乙（2026-11）"):
        services.record_sheet(k, tenant, [sheet_row(people["甲"]), sheet_row(people["乙"])], "cash")
    assert k.stores.log(tenant).recorder.max_notification_id() == before
    assert len(queries.list_entries(k, tenant)) == 1
