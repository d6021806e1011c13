"""Dues a member away paid where they are (流入地党组织): recorded by the home branch, the months count
as paid in the member's standing, arrears, the overview and the publication, and are not money the
branch collected (its collections, fund and remittances stay its own)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from plugins.dues import queries, services
from plugins.dues.domain import DuesError
from plugins.dues.queries import standing
from plugins.dues.rules import obligations

MONTHS = [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]


def _away(k, tenant, add_member):
    a = add_member(tenant, "甲")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))   # ¥40 a month
    services.record_payment(k, tenant, a, [date(2026, 1, 1), date(2026, 2, 1)], "cash", paid_on=date(2026, 2, 3))
    return a


def test_months_paid_elsewhere_count_as_paid_and_are_not_arrears(k, tenant, add_member, actor, app):
    a = _away(k, tenant, add_member)
    today = date(2026, 7, 2)
    with app.test_request_context():
        (before, _level), = standing.arrears(k, tenant, today)
    assert before.months == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    _account, key = services.record_paid_elsewhere(k, tenant, a, MONTHS, "深圳市某区教育局党委", Decimal("120"),
                                                   "SZ-2026-018", paid_on=date(2026, 6, 1))
    assert key == "外1"
    with app.test_request_context():
        (after, _level), = standing.arrears(k, tenant, today)
        assert after.months == [date(2026, 6, 1)]
        (ledger, _), = queries.arrears_from_ledger(k, tenant, today)
        assert ledger.months == [date(2026, 6, 1)]
        report = standing.annual_totals(k, tenant, 2026, today)
        ledger_report = queries.annual(k, tenant, 2026, today)
        assert (report.due, report.paid, report.unpaid, report.collected) == \
            (ledger_report.due, ledger_report.paid, ledger_report.unpaid, ledger_report.collected)
    assert report.paid == Decimal("200.00")          # 2 months here + 3 elsewhere
    assert report.collected == Decimal("80.00")      # only the branch's own money


def test_paid_elsewhere_is_not_collected_nor_held_nor_remittable(k, tenant, add_member, actor):
    a = _away(k, tenant, add_member)
    services.record_paid_elsewhere(k, tenant, a, MONTHS, "流入地党支部", "120", "No.1", paid_on=date(2026, 6, 1))
    assert sum(amount for _day, amount in queries.collections(k, tenant)) == Decimal("80.00")
    with pytest.raises(DuesError):        # the fund holds ¥80, not ¥200
        services.record_remittance(k, tenant, date(2026, 1, 1), date(2026, 6, 1), "200", date(2026, 7, 1),
                                   "ZZ-1", "上级党委")
    services.record_remittance(k, tenant, date(2026, 1, 1), date(2026, 6, 1), "80", date(2026, 7, 1),
                               "ZZ-1", "上级党委")


def test_a_month_is_paid_once_here_or_elsewhere(k, tenant, add_member, actor):
    a = _away(k, tenant, add_member)
    with pytest.raises(DuesError) as exc:
        services.record_paid_elsewhere(k, tenant, a, [date(2026, 2, 1)], "流入地党支部", "40", "No.1")
    assert exc.value.field == "months"
    services.record_paid_elsewhere(k, tenant, a, MONTHS, "流入地党支部", "120", "No.1", paid_on=date(2026, 6, 1))
    with pytest.raises(DuesError):
        services.record_payment(k, tenant, a, [date(2026, 4, 1)], "cash", paid_on=date(2026, 7, 1))
    for bad, field in ((dict(organisation=" "), "organisation"), (dict(proof_no=""), "proof_no"),
                       (dict(amount="0"), "amount")):
        args = {"months": [date(2026, 8, 1)], "organisation": "流入地党支部", "amount": "40", "proof_no": "No.2",
                **bad}
        with pytest.raises(DuesError) as exc:
            services.record_paid_elsewhere(k, tenant, a, **args)
        assert exc.value.field == field


def test_the_member_account_and_the_list_show_the_entry(k, tenant, other_tenant, add_member, actor):
    a = _away(k, tenant, add_member)
    services.record_paid_elsewhere(k, tenant, a, MONTHS, "流入地党支部", "100", "No.1", paid_on=date(2026, 6, 1),
                                   proof_file=(b"%PDF-1.4 receipt", "收据.pdf"))
    row, = queries.member_elsewhere(k, tenant, a)
    assert (row.key, row.months, row.organisation, row.amount_fen, row.proof_no, row.proof_file["name"]) == \
        ("外1", ["2026-03", "2026-04", "2026-05"], "流入地党支部", 10000, "No.1", "收据.pdf")
    assert queries.member_elsewhere(k, other_tenant, a) == []
    members = {m.id: m for m in queries.dues_members(k, tenant)}
    account = queries.member_account(k, tenant, members[a])
    lines = {line.month: line for line in obligations.lines(account, date(2026, 3, 1), date(2026, 5, 1))}
    assert [lines[m].status for m in MONTHS] == ["paid"] * 3
    assert [lines[m].paid.receipt_no for m in MONTHS] == ["外1"] * 3
    assert sum(lines[m].paid.amount for m in MONTHS) == Decimal("100.00")     # ¥33.34 + 33.33 + 33.33


def test_the_api_records_it_and_the_member_sees_it_on_their_own_page(k, tenant, other_tenant, add_member, actor,
                                                                      api_as, login_as):
    a = _away(k, tenant, add_member)
    api = api_as("secretary", tenant)
    body = {"member_id": str(a), "months": ["2026-03", "2026-04"], "organisation": "流入地党支部", "amount": "80.00",
            "proof_no": "No.7", "paid_on": "2026-06-01"}
    assert api.post(f"/api/v1/t/{tenant}/dues/elsewhere", json={**body, "organisation": ""}).status_code == 422
    assert api.post(f"/api/v1/t/{tenant}/dues/elsewhere", json={**body, "expected_version": 1}).status_code == 409
    r = api.post(f"/api/v1/t/{tenant}/dues/elsewhere", json=body)
    assert r.status_code == 201, r.json
    assert (r.json["key"], r.json["amount"], r.json["months"]) == ("外1", "80.00", ["2026-03", "2026-04"])
    assert [e["proof_no"] for e in api.get(f"/api/v1/t/{tenant}/dues/members/{a}/elsewhere").json] == ["No.7"]
    r = api.post(f"/api/v1/t/{tenant}/dues/elsewhere", json={
        **body, "months": ["2026-05"], "amount": "40", "proof_file": {"name": "收据.pdf", "content": "JVBERi0xLjQ="}})
    assert r.status_code == 201 and r.json["proof_file"]["name"] == "收据.pdf", r.json
    other = api_as("secretary", other_tenant)
    assert other.get(f"/api/v1/t/{other_tenant}/dues/members/{a}/elsewhere").json == []
    assert other.post(f"/api/v1/t/{other_tenant}/dues/elsewhere", json=body).status_code == 404
    member = login_as("member", tenant)
    from plugins.members import public as members
    members.link_account(k, tenant, member.username, a)
    html = member.get(f"/t/{tenant}/me").get_data(as_text=True)
    assert "在外地交纳 外1" in html and "流入地党支部" in html


def test_a_snapshot_taken_before_dues_paid_elsewhere_is_upcast():
    from eventsourcing.domain import Snapshot

    from plugins.dues.domain import DuesAccount
    account = DuesAccount(tenant="s", member_id="m", member_name="甲")
    snapshot = Snapshot.take(account)
    state = dict(snapshot.state)
    state.pop("elsewhere"), state.pop("class_version")                 # as version 1 took it
    old = Snapshot(originator_id=snapshot.originator_id, originator_version=snapshot.originator_version,
                   timestamp=snapshot.timestamp, topic=snapshot.topic, state=state)
    restored = old.mutate(None)
    assert restored.elsewhere == {}
    restored.record_paid_elsewhere([date(2026, 3, 1)], "流入地党支部", "40", "No.1", date(2026, 4, 1),
                                   date(2026, 4, 1), date(2026, 1, 1))
    assert restored.paid == {"2026-03": "外1"}
