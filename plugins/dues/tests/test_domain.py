from datetime import date
from decimal import Decimal

import pytest

from plugins.dues.domain import DuesAccount, DuesError, ReceiptBook, Remittance
from plugins.dues.rules import Policy

TODAY = date(2026, 11, 23)
FIRST = date(2026, 1, 1)


def account(base="4000", category="employed") -> DuesAccount:
    a = DuesAccount(tenant="s", member_id="m1", member_name="张三")
    a.record_base(2026, 1, category, Decimal(base))
    return a


def pay(a, months, receipt="2026-0001", **kwargs):
    kwargs.setdefault("paid_on", TODAY)
    return a.pay(receipt, months, kwargs.pop("method", "cash"), kwargs.pop("paid_on"), TODAY, Policy(), FIRST,
                 **kwargs)


def test_the_account_id_is_natural_per_school_and_member():
    assert DuesAccount.create_id("s", "m1") == DuesAccount(tenant="s", member_id="m1", member_name="x").id
    assert DuesAccount.create_id("s", "m1") != DuesAccount.create_id("t", "m1")


def test_a_base_correction_keeps_before_and_after():
    a = account()
    a.record_base(2026, 1, "employed", Decimal("6000"))
    event = a.collect_events()[-1]
    assert event.before == {"category": "employed", "base": "4000.00"}
    assert event.base == Decimal("6000.00") and event.amount == Decimal("90.00")


def test_the_same_base_again_is_refused():
    a = account()
    with pytest.raises(DuesError, match="相同"):
        a.record_base(2026, 1, "employed", Decimal("4000"))


def test_a_base_change_cannot_start_at_a_paid_month():
    a = account()
    pay(a, [date(2026, 7, 1)])
    with pytest.raises(DuesError, match="已交纳") as exc:
        a.record_base(2026, 6, "employed", Decimal("6000"))
    assert exc.value.field == "from_month"
    a.record_base(2026, 8, "employed", Decimal("6000"))      # later months are free


def test_payment_takes_the_due_amount_of_each_month():
    a = account()
    a.record_base(2026, 7, "employed", Decimal("6000"))
    amounts = pay(a, [date(2026, 6, 1), date(2026, 7, 1)])
    assert amounts == {"2026-06": Decimal("40.00"), "2026-07": Decimal("90.00")}
    assert a.collect_events()[-1].total == Decimal("130.00")


def test_a_month_cannot_be_paid_twice():
    a = account()
    pay(a, [date(2026, 3, 1)])
    with pytest.raises(DuesError, match="2026-03 已交纳"):
        pay(a, [date(2026, 3, 1), date(2026, 4, 1)], receipt="2026-0002")


def test_months_without_a_base_cannot_be_paid():
    a = DuesAccount(tenant="s", member_id="m1", member_name="张三")
    with pytest.raises(DuesError, match="尚未登记党费基数"):
        pay(a, [date(2026, 3, 1)])


def test_payment_by_someone_else_names_the_payer():
    a = account()
    with pytest.raises(DuesError) as exc:
        pay(a, [date(2026, 3, 1)], method="proxy")
    assert exc.value.field == "payer"
    pay(a, [date(2026, 3, 1)], method="proxy", payer="张三之妻 李芳")
    assert a.collect_events()[-1].payer == "张三之妻 李芳"


def test_a_payment_dated_in_the_future_is_refused():
    with pytest.raises(DuesError, match="不能晚于今天"):
        pay(account(), [date(2026, 3, 1)], paid_on=date(2026, 11, 24))


def test_late_entries_and_long_back_payments_are_marked():
    a = account()
    pay(a, [date(2026, 3, 1)], paid_on=date(2026, 11, 1))
    event = a.collect_events()[-1]
    assert event.late and event.backpay_flag and event.prepaid == 0


def test_prepaid_months_are_counted_on_the_payment():
    a = account()
    pay(a, [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)])
    event = a.collect_events()[-1]
    assert event.prepaid == 2 and not event.late and not event.backpay_flag


def test_hardship_relief_needs_reason_and_approver():
    a = account()
    with pytest.raises(DuesError) as exc:
        a.grant_relief(2026, 3, 4, "waive", 0, "", "上级党委", TODAY)
    assert exc.value.field == "reason"
    with pytest.raises(DuesError) as exc:
        a.grant_relief(2026, 3, 4, "waive", 0, "大病", " ", TODAY)
    assert exc.value.field == "approver"
    with pytest.raises(DuesError) as exc:
        a.grant_relief(2026, 3, 4, "reduce", None, "大病", "上级党委", TODAY)
    assert exc.value.field == "amount"


def test_a_waived_month_is_not_paid_and_a_reduced_month_costs_the_reduced_amount():
    a = account()
    a.grant_relief(2026, 3, 3, "waive", 0, "大病", "上级党委", TODAY)
    a.grant_relief(2026, 4, 5, "reduce", Decimal("10"), "收入下降", "上级党委", TODAY)
    with pytest.raises(DuesError, match="免交"):
        pay(a, [date(2026, 3, 1)])
    assert pay(a, [date(2026, 4, 1)]) == {"2026-04": Decimal("10.00")}


def test_relief_cannot_cover_paid_months():
    a = account()
    pay(a, [date(2026, 3, 1)])
    with pytest.raises(DuesError, match="已交纳"):
        a.grant_relief(2026, 2, 4, "waive", 0, "大病", "上级党委", TODAY)


def test_reversal_needs_a_reason_frees_the_months_and_happens_once():
    a = account()
    pay(a, [date(2026, 3, 1)])
    with pytest.raises(DuesError, match="原因"):
        a.reverse("2026-0001", " ", TODAY)
    a.reverse("2026-0001", "金额登记错误", TODAY)
    assert a.paid == {} and a.payments["2026-0001"]["reversed"]
    with pytest.raises(DuesError, match="已冲正"):
        a.reverse("2026-0001", "again", TODAY)
    pay(a, [date(2026, 3, 1)], receipt="2026-0002")
    assert a.paid == {"2026-03": "2026-0002"}


def test_unknown_receipts_cannot_be_reversed():
    with pytest.raises(DuesError, match="没有这张收据"):
        account().reverse("2026-9999", "x", TODAY)


def test_receipt_numbers_run_in_order_per_school_and_year():
    book = ReceiptBook(tenant="s", year=2026)
    assert [book.issue("a"), book.issue("b"), book.issue("a")] == ["2026-0001", "2026-0002", "2026-0003"]
    assert ReceiptBook.create_id("s", 2026) == book.id
    assert ReceiptBook.create_id("s", 2027) != book.id


def test_a_remittance_needs_a_positive_amount_a_reference_and_a_past_date():
    with pytest.raises(DuesError) as exc:
        Remittance.record(date(2026, 7, 1), date(2026, 9, 1), 0, TODAY, TODAY, "R1", "上级党委")
    assert exc.value.field == "amount"
    with pytest.raises(DuesError) as exc:
        Remittance.record(date(2026, 7, 1), date(2026, 9, 1), 10, TODAY, TODAY, "", "上级党委")
    assert exc.value.field == "reference"
    with pytest.raises(DuesError) as exc:
        Remittance.record(date(2026, 9, 1), date(2026, 7, 1), 10, TODAY, TODAY, "R1", "上级党委")
    assert exc.value.field == "period_to"
    r = Remittance.record(date(2026, 7, 1), date(2026, 9, 1), "10.005", TODAY, TODAY, "R1", "上级党委")
    assert r.amount == Decimal("10.01")
    r.cancel("重复登记")
    with pytest.raises(DuesError):
        r.cancel("again")
