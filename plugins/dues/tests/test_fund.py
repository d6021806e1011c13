"""The money a branch holds is one aggregate saved with every payment, reversal and remittance; a
reversal finds its account through the receipt book, whatever shape of snapshot the book has."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from eventsourcing.domain import Snapshot

from core.errors import NotFoundError
from plugins.dues import queries, services
from plugins.dues.domain import DuesAccount, DuesError, DuesFund, ReceiptBook

D = Decimal


def _member(add_member, tenant):
    return add_member(tenant, "甲")


def test_the_fund_holds_what_the_ledger_shows_after_every_kind_of_entry(k, tenant, clock, actor, add_member):
    member = _member(add_member, tenant)
    services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))
    services.record_payment(k, tenant, member, [date(2026, m, 1) for m in (1, 2, 3)], "cash")
    _, receipt = services.record_payment(k, tenant, member, [date(2026, 4, 1)], "cash")
    services.reverse_payment(k, tenant, receipt, "重复收取")
    remittance = services.record_remittance(k, tenant, date(2026, 1, 1), date(2026, 3, 1), D("100"),
                                            date(2026, 11, 20), "ZZ-1")
    fund = k.get(tenant, DuesFund.create_id(tenant), DuesFund)
    assert fund.held == D("20.00") == queries.ledger(k, tenant)["held"]
    with pytest.raises(DuesError, match="超过支部结存") as refused:
        services.record_remittance(k, tenant, date(2026, 1, 1), date(2026, 3, 1), D("20.01"),
                                   date(2026, 11, 20), "ZZ-2")
    assert refused.value.field == "amount"
    services.cancel_remittance(k, tenant, remittance.id, "金额有误")
    assert k.get(tenant, DuesFund.create_id(tenant), DuesFund).held == D("120.00") == queries.ledger(k, tenant)["held"]


def test_a_receipt_book_snapshot_without_its_account_map_is_read_through_its_events(
        k, tenant, clock, actor, add_member, monkeypatch):
    member = _member(add_member, tenant)
    services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))
    _, receipt = services.record_payment(k, tenant, member, [date(2026, 1, 1)], "cash")
    log = k.stores.log(tenant)
    book_id = ReceiptBook.create_id(tenant, 2026)
    snapshot = Snapshot.take(k.get(tenant, book_id, ReceiptBook))
    del snapshot.state["accounts"], snapshot.state["class_version"]   # as version 1 took it
    log.snapshots.put([snapshot])
    monkeypatch.setattr(log.repository, "cache", None)   # read the book as a fresh process would
    restored = k.get(tenant, book_id, ReceiptBook)
    assert not restored.knows_accounts and restored.last == 1
    assert k.replay(tenant, book_id, ReceiptBook).account_of(1) == str(DuesAccount.create_id(tenant, str(member)))
    account = services.reverse_payment(k, tenant, receipt, "录入错误")
    assert account.payments[receipt]["reversed"]


def test_a_receipt_number_no_book_issued_is_not_found(k, tenant, clock, actor):
    for number in ("2026-0001", "不是收据", "1999-0001"):
        with pytest.raises(NotFoundError):
            services.reverse_payment(k, tenant, number, "原因")
