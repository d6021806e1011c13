"""A wrong entry of dues paid elsewhere (在流入地交纳党费: wrong months, amount or person) is withdrawn
(撤销) by a new entry with a reason, as a payment is reversed: its months are unpaid again in the
standing, arrears, annual totals, ledger and the member's own page; the entry stays, struck through."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from plugins.dues import describe, queries, services
from plugins.dues.domain import DuesAccount, DuesError
from plugins.dues.models import elsewhere, member_months, paid_months, school_months
from plugins.dues.queries import standing

MONTHS = [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
TODAY = date(2026, 7, 2)


def _away(k, tenant, add_member, name="甲"):
    """A member paid Jan–Feb here (¥80) and Mar–May elsewhere (¥120, 外1)."""
    a = add_member(tenant, name)
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))   # ¥40 a month
    services.record_payment(k, tenant, a, [date(2026, 1, 1), date(2026, 2, 1)], "cash", paid_on=date(2026, 2, 3))
    services.record_paid_elsewhere(k, tenant, a, MONTHS, "流入地党支部", "120", "No.1", paid_on=date(2026, 6, 1))
    return a


# -- domain ----------------------------------------------------------------------------------------------
def _account() -> DuesAccount:
    a = DuesAccount(tenant="s", member_id="m1", member_name="甲")
    a.record_paid_elsewhere(MONTHS, "流入地党支部", "120", "No.1", date(2026, 6, 1), TODAY, date(2026, 1, 1))
    return a


def test_a_withdrawal_needs_a_reason_frees_the_months_and_happens_once():
    a = _account()
    with pytest.raises(DuesError, match="原因") as exc:
        a.withdraw_paid_elsewhere("外1", " ")
    assert exc.value.field == "reason"
    a.withdraw_paid_elsewhere("外1", "录错了人")
    assert a.paid == {} and a.elsewhere["外1"]["withdrawn"]
    event = a.collect_events()[-1]
    assert isinstance(event, DuesAccount.PaidElsewhereWithdrawn)
    assert (event.key, event.reason, event.months, event.amount) == \
        ("外1", "录错了人", ["2026-03", "2026-04", "2026-05"], Decimal("120.00"))
    with pytest.raises(DuesError, match="已撤销") as exc:
        a.withdraw_paid_elsewhere("外1", "again")
    assert exc.value.field == "key"
    assert a.record_paid_elsewhere(MONTHS[:1], "流入地党支部", "40", "No.2", date(2026, 6, 1), TODAY,
                                   date(2026, 1, 1)) == "外2"                  # the months are free again
    assert a.paid == {"2026-03": "外2"}


def test_an_unknown_entry_cannot_be_withdrawn():
    with pytest.raises(DuesError, match="没有这条") as exc:
        _account().withdraw_paid_elsewhere("外9", "x")
    assert exc.value.field == "key"


def test_an_entry_in_a_snapshot_taken_before_withdrawals_can_be_withdrawn():
    from eventsourcing.domain import Snapshot
    a = _account()
    snapshot = Snapshot.take(a)
    state = dict(snapshot.state)
    state["elsewhere"] = {"外1": {"months": ["2026-03", "2026-04", "2026-05"], "organisation": "流入地党支部",
                                 "amount": "120.00"}}           # as the entries were kept before withdrawals
    restored = Snapshot(originator_id=snapshot.originator_id, originator_version=snapshot.originator_version,
                        timestamp=snapshot.timestamp, topic=snapshot.topic, state=state).mutate(None)
    restored.withdraw_paid_elsewhere("外1", "录错了人")
    assert restored.paid == {}


def test_the_audit_says_what_was_withdrawn_and_why():
    a = _account()
    a.withdraw_paid_elsewhere("外1", "录错了人")
    event = a.collect_events()[-1]
    assert describe.describe(event) == ("撤销在外地交纳的党费 外1（¥120.00，2026-03、2026-04、2026-05），"
                                        "原因：录错了人；这些月份恢复为未交")
    assert describe.EVENT_NAMES["DuesAccount.PaidElsewhereWithdrawn"] == "党费·撤销外地交纳"


# -- services and the read side --------------------------------------------------------------------------
def test_withdrawing_brings_the_arrears_back_and_the_paid_down_but_not_the_collected(k, tenant, add_member,
                                                                                       actor, app):
    a = _away(k, tenant, add_member)
    with app.test_request_context():
        (before, _), = standing.arrears(k, tenant, TODAY)
        assert before.months == [date(2026, 6, 1)]
        assert standing.annual_totals(k, tenant, 2026, TODAY).paid == Decimal("200.00")
    account = services.withdraw_paid_elsewhere(k, tenant, a, "外1", "录错了人")
    assert account.paid == {"2026-01": "2026-0001", "2026-02": "2026-0001"}
    with app.test_request_context():
        (after, _), = standing.arrears(k, tenant, TODAY)
        assert after.months == [date(2026, m, 1) for m in (3, 4, 5, 6)]
        (ledger, _), = queries.arrears_from_ledger(k, tenant, TODAY)
        assert ledger.months == after.months
        report = standing.annual_totals(k, tenant, 2026, TODAY)
        ledger_report = queries.annual(k, tenant, 2026, TODAY)
    assert (report.paid, report.collected) == (Decimal("80.00"), Decimal("80.00"))
    assert (report.due, report.paid, report.unpaid, report.collected) == \
        (ledger_report.due, ledger_report.paid, ledger_report.unpaid, ledger_report.collected)
    row, = queries.member_elsewhere(k, tenant, a)
    assert (row.key, row.withdrawn, row.withdrawn_reason, row.withdrawn_by) == ("外1", True, "录错了人", actor.actor_name)
    assert sum(amount for _day, amount in queries.collections(k, tenant)) == Decimal("80.00")
    services.record_payment(k, tenant, a, [date(2026, 3, 1)], "cash", paid_on=date(2026, 7, 1))  # payable here now


def test_withdrawn_twice_an_unknown_key_or_no_reason_is_refused_and_nothing_is_written(k, tenant, add_member,
                                                                                         actor):
    a = _away(k, tenant, add_member)
    version = queries.account_version(k, tenant, a)
    for key, reason, field in (("外1", " ", "reason"), ("外9", "录错了人", "key")):
        with pytest.raises(DuesError) as exc:
            services.withdraw_paid_elsewhere(k, tenant, a, key, reason)
        assert exc.value.field == field
    assert queries.account_version(k, tenant, a) == version
    services.withdraw_paid_elsewhere(k, tenant, a, "外1", "录错了人", expected_version=version)
    with pytest.raises(DuesError, match="已撤销"):
        services.withdraw_paid_elsewhere(k, tenant, a, "外1", "录错了人")
    assert queries.account_version(k, tenant, a) == version + 1


def test_a_rebuild_gives_the_same_rows_after_a_withdrawal(k, tenant, add_member, actor):
    a = _away(k, tenant, add_member)
    services.withdraw_paid_elsewhere(k, tenant, a, "外1", "录错了人")
    services.record_paid_elsewhere(k, tenant, a, MONTHS[:2], "流入地党支部", "80", "No.2", paid_on=date(2026, 6, 1))

    def rows():
        with k.engine.connect() as conn:
            return {t.name: sorted(tuple(str(v) for v in r) for r in conn.execute(select(t).where(t.c.tenant == tenant)))
                    for t in (elsewhere, paid_months, member_months, school_months)}
    before = rows()
    assert [r[2] for r in before["dues_paid_months"] if r[-1] == "外2"] == ["2026-03-01", "2026-04-01"]
    k.projector.rebuild(tenant)
    assert rows() == before


# -- page ------------------------------------------------------------------------------------------------
def test_the_page_withdraws_with_a_reason_and_shows_the_entry_struck_through(k, tenant, add_member, actor,
                                                                              login_as):
    a = _away(k, tenant, add_member)
    client = login_as("secretary", tenant)
    page = client.get(f"/t/{tenant}/dues/members/{a}").get_data(as_text=True)
    action = f"/t/{tenant}/dues/members/{a}/elsewhere/%E5%A4%961/withdraw"
    assert action in page
    version = queries.account_version(k, tenant, a)
    r = client.post(action, data={"csrf_token": client.csrf(), "_form": "withdraw-外1", "reason": " ",
                                  "expected_version": str(version)})
    assert r.status_code == 422 and "撤销须说明原因" in r.get_data(as_text=True)
    assert queries.account_version(k, tenant, a) == version
    r = client.post(action, data={"csrf_token": client.csrf(), "reason": "录错了人", "expected_version": "1"})
    assert r.status_code == 409
    assert client.post(f"/t/{tenant}/dues/members/{a}/elsewhere/外9/withdraw",
                       data={"csrf_token": client.csrf(), "reason": "x"}).status_code == 404
    r = client.post(action, data={"csrf_token": client.csrf(), "reason": "录错了人", "expected_version": str(version)})
    assert r.status_code == 302 and r.location.endswith("#elsewhere")
    page = client.get(f"/t/{tenant}/dues/members/{a}").get_data(as_text=True)
    assert "已撤销（录错了人）" in page and 'class="cancelled"' in page
    assert action not in page                                  # nothing left to withdraw
    assert "在外地交纳 外1" not in page                          # the months are no longer paid by 外1


def test_the_withdrawal_reads_in_english_for_a_user_who_chose_it(k, tenant, add_member, actor, login_as):
    a = _away(k, tenant, add_member)
    client = login_as("secretary", tenant)
    assert client.get("/lang/en").status_code == 302
    page = client.get(f"/t/{tenant}/dues/members/{a}").get_data(as_text=True)
    assert "撤销原因" not in page and "Once withdrawn, this entry no longer counts" in page
    r = client.post(f"/t/{tenant}/dues/members/{a}/elsewhere/外1/withdraw", data={"csrf_token": client.csrf()})
    assert r.status_code == 422 and "A withdrawal needs a reason" in r.get_data(as_text=True)
    client.post(f"/t/{tenant}/dues/members/{a}/elsewhere/外1/withdraw",
                data={"csrf_token": client.csrf(), "reason": "wrong person"})
    page = client.get(f"/t/{tenant}/dues/members/{a}").get_data(as_text=True)
    assert "Withdrawn (wrong person)" in page


def test_a_user_without_the_right_to_record_dues_cannot_withdraw_and_sees_no_button(k, tenant, add_member, actor,
                                                                                     login_as, api_as):
    a = _away(k, tenant, add_member)
    deputy = login_as("deputy", tenant)                       # collects dues, does not record them elsewhere
    page = deputy.get(f"/t/{tenant}/dues/members/{a}").get_data(as_text=True)
    assert "外1" in page and "/withdraw" not in page
    r = deputy.post(f"/t/{tenant}/dues/members/{a}/elsewhere/外1/withdraw",
                    data={"csrf_token": deputy.csrf(), "reason": "录错了人"})
    assert r.status_code == 403
    r = api_as("deputy", tenant).post(f"/api/v1/t/{tenant}/dues/members/{a}/elsewhere/外1/withdrawal",
                                      json={"reason": "录错了人"})
    assert r.status_code == 403
    assert queries.member_elsewhere(k, tenant, a)[0].withdrawn is False


def test_the_member_sees_the_withdrawn_entry_on_their_own_page(k, tenant, add_member, actor, login_as):
    a = _away(k, tenant, add_member)
    services.withdraw_paid_elsewhere(k, tenant, a, "外1", "录错了人")
    member = login_as("member", tenant)
    from plugins.members import public as members
    members.link_account(k, tenant, member.username, a)
    html = member.get(f"/t/{tenant}/me").get_data(as_text=True)
    assert "在外地交纳 外1" in html and "已撤销" in html and "撤销原因：录错了人" in html
    assert "已交（外地）" not in html
    from plugins.dues import contributions
    link = contributions.record_links(k, tenant, "care.away", a)[0]     # on the member-away record
    assert str(link.text) == "在外地交纳党费 外1：2026-03、2026-04、2026-05，¥120.00（已撤销：录错了人）"


# -- API -------------------------------------------------------------------------------------------------
def test_the_api_withdraws_an_entry_as_it_reverses_a_payment(k, tenant, other_tenant, add_member, actor, api_as):
    a = _away(k, tenant, add_member)
    api = api_as("secretary", tenant)
    url = f"/api/v1/t/{tenant}/dues/members/{a}/elsewhere/外1/withdrawal"
    version = queries.account_version(k, tenant, a)
    r = api.post(url, json={"reason": ""})
    assert r.status_code == 422 and "reason" in str(r.json), r.json
    assert api.post(url, json={"reason": "录错了人", "expected_version": 1}).status_code == 409
    assert api.post(f"/api/v1/t/{tenant}/dues/members/{a}/elsewhere/外9/withdrawal",
                    json={"reason": "x"}).status_code == 404
    assert api_as("secretary", other_tenant).post(
        f"/api/v1/t/{other_tenant}/dues/members/{a}/elsewhere/外1/withdrawal", json={"reason": "x"}).status_code == 404
    assert queries.account_version(k, tenant, a) == version
    r = api.post(url, json={"reason": "录错了人", "expected_version": version})
    assert r.status_code == 201, r.json
    assert (r.json["key"], r.json["withdrawn"], r.json["withdrawn_reason"]) == ("外1", True, "录错了人")
    again = api.post(url, json={"reason": "录错了人"})
    assert again.status_code == 422 and "已撤销" in str(again.json)
    listed, = api.get(f"/api/v1/t/{tenant}/dues/members/{a}/elsewhere").json
    assert listed["withdrawn"] is True and listed["withdrawn_by"] == api.username
