from datetime import date
from decimal import Decimal

import pytest

from core.errors import ConflictError, NotFoundError
from core.plugins import flatten
from plugins.dues import queries, services
from plugins.dues.queries import standing
from plugins.dues.domain import DuesAccount, DuesError

D = Decimal


@pytest.fixture
def school(k, tenant, clock, actor, add_member, on_day):
    """The hand-computed fixture of the reports (year 2026, report day 2026-11-23).

    甲 employed, base 4,000 → 40.00/month; paid Jan–Sep on 10-08 (360.00); paid Oct on 11-05, reversed 11-23.
    乙 probationary from 2026-05-10, base 2,000 → 10.00/month; paid May–Dec on 11-20 (80.00, Dec prepaid).
    丙 retired, pension 6,000 → 60.00/month; Mar–Apr waived; paid Jan–Feb on 02-10 (120.00).
    """
    ids = {"甲": add_member(tenant, "甲"), "乙": add_member(tenant, "乙", date(2026, 5, 10), "probationary"),
           "丙": add_member(tenant, "丙", category="retiree")}
    on_day(date(2026, 1, 5))
    services.record_base(k, tenant, ids["甲"], 2026, 1, "employed", D("4000"))
    services.record_base(k, tenant, ids["丙"], 2026, 1, "retired", D("6000"))
    on_day(date(2026, 2, 10))
    services.grant_relief(k, tenant, ids["丙"], 2026, 3, 4, "waive", 0, "重病住院", "区教育工委")
    services.record_payment(k, tenant, ids["丙"], [date(2026, 1, 1), date(2026, 2, 1)], "cash")
    on_day(date(2026, 5, 12))
    services.record_base(k, tenant, ids["乙"], 2026, 1, "employed", D("2000"))
    on_day(date(2026, 10, 8))
    services.record_payment(k, tenant, ids["甲"], [date(2026, m, 1) for m in range(1, 10)], "transfer")
    on_day(date(2026, 11, 5))
    services.record_payment(k, tenant, ids["甲"], [date(2026, 10, 1)], "cash")
    on_day(date(2026, 11, 20))
    services.record_payment(k, tenant, ids["乙"], [date(2026, m, 1) for m in range(5, 13)], "online")
    on_day(date(2026, 11, 23))
    services.reverse_payment(k, tenant, "2026-0003", "重复收取")
    return ids


def test_annual_report_matches_the_hand_computed_fixture(k, tenant, school):
    report = queries.annual(k, tenant, 2026, date(2026, 11, 23))
    rows = {r.account.name: r for r in report.members}
    assert (rows["甲"].due, rows["甲"].paid, rows["甲"].unpaid, rows["甲"].prepaid) == (D("440.00"), D("360.00"),
                                                                                   D("80.00"), D("0.00"))
    assert (rows["乙"].due, rows["乙"].paid, rows["乙"].unpaid, rows["乙"].prepaid) == (D("70.00"), D("70.00"),
                                                                                   D("0.00"), D("10.00"))
    assert (rows["丙"].due, rows["丙"].paid, rows["丙"].unpaid) == (D("540.00"), D("120.00"), D("420.00"))
    assert (rows["丙"].waived_months, rows["丙"].unpaid_months) == (2, 7)
    assert (report.due, report.paid, report.unpaid, report.prepaid) == (D("1050.00"), D("550.00"), D("500.00"),
                                                                        D("10.00"))
    months = {m.month.month: m for m in report.months}
    assert (months[11].due, months[11].paid, months[11].unpaid, months[11].unpaid_members) == \
        (D("110.00"), D("10.00"), D("100.00"), 2)
    assert (months[3].due, months[3].paid) == (D("40.00"), D("40.00"))
    assert (months[12].due, months[12].paid) == (D("0.00"), D("0.00"))
    assert {m: months[m].collected for m in (2, 10, 11)} == {2: D("120.00"), 10: D("360.00"), 11: D("80.00")}
    assert report.collected == D("560.00")


def test_monthly_report_lists_each_member_for_the_month(k, tenant, school):
    rows = {a.name: line for a, line in queries.monthly(k, tenant, date(2026, 4, 1))}
    assert rows["乙"] is None                                    # not yet admitted in April
    assert (rows["甲"].due, rows["甲"].status, rows["甲"].paid.receipt_no) == (D("40.00"), "paid", "2026-0002")
    assert (rows["丙"].due, rows["丙"].status) == (D("0.00"), "waived")


def test_arrears_and_their_levels_follow_the_ended_months(k, tenant, school):
    found = {a.account.name: (a, level) for a, level in standing.arrears(k, tenant, date(2026, 11, 23))}
    assert set(found) == {"甲", "丙"}
    assert found["甲"][0].months == [date(2026, 10, 1)] and found["甲"][1] is None
    assert found["丙"][0].streak == 6 and found["丙"][1] == "danger"         # May–Oct


def test_reversal_leaves_both_entries_in_the_ledger(k, tenant, school):
    rows = [r for r in queries.list_entries(k, tenant) if r.receipt_no == "2026-0003"]
    assert sorted((r.kind, r.amount_fen, r.reversed) for r in rows) == [("payment", 4000, True),
                                                                        ("reversal", -4000, False)]
    assert queries.get_reversal(k, tenant, "2026-0003").reason == "重复收取"
    assert queries.ledger(k, tenant)["collected"] == D("560.00")


def test_the_ledger_shows_collected_remitted_and_held(k, tenant, school):
    services.record_remittance(k, tenant, date(2026, 7, 1), date(2026, 9, 1), D("400"), date(2026, 11, 23),
                               "ZZ2026-3")
    assert queries.ledger(k, tenant) == {"collected": D("560.00"), "remitted": D("400.00"), "held": D("160.00")}
    with pytest.raises(DuesError, match="超过支部结存"):
        services.record_remittance(k, tenant, date(2026, 10, 1), date(2026, 10, 1), D("160.01"),
                                   date(2026, 11, 23), "ZZ2026-4")
    remittance = queries.list_remittances(k, tenant)[0]
    services.cancel_remittance(k, tenant, remittance.id, "金额有误", expected_version=1)
    assert queries.ledger(k, tenant)["held"] == D("560.00")


def test_hardship_reduction_lowers_what_is_owed(k, tenant, school, on_day):
    services.grant_relief(k, tenant, school["甲"], 2026, 11, 12, "reduce", D("5"), "家庭困难", "区教育工委")
    report = queries.annual(k, tenant, 2026, date(2026, 11, 23))
    row = next(r for r in report.members if r.account.name == "甲")
    assert row.due == D("405.00") and row.unpaid == D("45.00")
    _account, receipt = services.record_payment(k, tenant, school["甲"], [date(2026, 11, 1)], "cash")
    assert queries.get_payment(k, tenant, receipt).amount_fen == 500


def test_a_base_changed_from_a_stated_month_applies_from_that_month(k, tenant, school):
    services.record_base(k, tenant, school["甲"], 2026, 11, "employed", D("6000"), "11月起调资")
    rows = {a.name: line for a, line in queries.monthly(k, tenant, date(2026, 11, 1))}
    assert rows["甲"].due == D("90.00")
    rows = {a.name: line for a, line in queries.monthly(k, tenant, date(2026, 10, 1))}
    assert rows["甲"].due == D("40.00")


def test_receipt_numbers_restart_each_year(k, tenant, add_member, actor, on_day):
    member = add_member(tenant, "丁")
    on_day(date(2026, 12, 30))
    services.record_base(k, tenant, member, 2026, 1, "employed", D("5000"))
    assert services.record_payment(k, tenant, member, [date(2026, 12, 1)], "cash")[1] == "2026-0001"
    on_day(date(2027, 1, 3))
    assert services.record_payment(k, tenant, member, [date(2027, 1, 1)], "cash")[1] == "2027-0001"
    assert services.record_payment(k, tenant, member, [date(2027, 2, 1)], "cash")[1] == "2027-0002"


def test_prepayment_limit_comes_from_the_school_settings(k, tenant, add_member, actor, clock, configure):
    member = add_member(tenant, "戊")
    services.record_base(k, tenant, member, 2026, 1, "employed", D("5000"))
    configure(tenant, prepay_limit_months=1)
    with pytest.raises(DuesError, match="预交最多 1 个月"):
        services.record_payment(k, tenant, member, [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)],
                                "cash")
    services.record_payment(k, tenant, member, [date(2026, 11, 1), date(2026, 12, 1)], "cash")


def test_back_payment_beyond_six_months_is_allowed_and_flagged(k, tenant, add_member, actor, clock):
    member = add_member(tenant, "己")
    services.record_base(k, tenant, member, 2026, 1, "employed", D("5000"))
    _a, receipt = services.record_payment(k, tenant, member, [date(2026, 4, 1)], "cash")
    assert queries.get_payment(k, tenant, receipt).backpay_flag
    _a, receipt = services.record_payment(k, tenant, member, [date(2026, 5, 1)], "cash")
    assert not queries.get_payment(k, tenant, receipt).backpay_flag


def test_arrears_count_across_the_year_boundary(k, tenant, add_member, actor, configure, on_day):
    configure(tenant, ledger_start="2025-01")
    member = add_member(tenant, "庚", date(2025, 9, 15), "probationary")
    on_day(date(2025, 10, 10))
    services.record_base(k, tenant, member, 2025, 1, "employed", D("3000"))
    services.record_payment(k, tenant, member, [date(2025, 9, 1), date(2025, 10, 1)], "cash")
    on_day(date(2026, 2, 1))
    (found, level), = standing.arrears(k, tenant, date(2026, 2, 1))
    assert found.months == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert found.streak == 3 and level == "warning" and found.amount == D("45.00")   # the 2025 base carries on
    (found, level), = standing.arrears(k, tenant, date(2026, 5, 1))
    assert found.streak == 6 and level == "danger"


def test_quarterly_payment_counts_arrears_only_after_the_quarter(k, tenant, add_member, actor, configure):
    configure(tenant, quarterly=True)
    member = add_member(tenant, "辛")
    services.record_base(k, tenant, member, 2026, 1, "employed", D("5000"))
    services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 10)], "cash")
    assert standing.arrears(k, tenant, date(2026, 11, 23)) == []      # Oct–Dec are due at the end of Q4


def test_stale_expected_version_is_a_conflict(k, tenant, add_member, actor):
    member = add_member(tenant, "壬")
    account = services.record_base(k, tenant, member, 2026, 1, "employed", D("5000"))
    assert account.version == 2
    with pytest.raises(ConflictError):
        services.record_payment(k, tenant, member, [date(2026, 1, 1)], "cash", expected_version=1)
    with pytest.raises(ConflictError):
        services.record_base(k, tenant, add_member(tenant, "癸"), 2026, 1, "employed", D("1"), expected_version=3)
    services.record_payment(k, tenant, member, [date(2026, 1, 1)], "cash", expected_version=2)


def test_a_school_cannot_touch_another_schools_members(k, tenant, other_tenant, add_member, actor):
    theirs = add_member(other_tenant, "外校")
    with pytest.raises(NotFoundError):
        services.record_base(k, tenant, theirs, 2026, 1, "employed", D("5000"))
    services.record_base(k, other_tenant, theirs, 2026, 1, "employed", D("5000"))
    services.record_payment(k, other_tenant, theirs, [date(2026, 1, 1)], "cash")
    with pytest.raises(NotFoundError):
        services.reverse_payment(k, tenant, "2026-0001", "x")
    assert queries.list_entries(k, tenant) == [] and queries.annual(k, tenant, 2026, date(2026, 11, 23)).members == []
    assert not k.exists(tenant, DuesAccount.create_id(tenant, str(theirs)))


def test_hooks_report_alerts_figures_and_evidence(k, tenant, school):
    hooks = k.hooks(tenant)
    alerts = flatten(hooks.zhibu_alerts(tenant=tenant, today=date(2026, 11, 23)))
    dues_alerts = [a for a in alerts if a.source == "dues"]
    assert [a.level for a in dues_alerts] == ["danger"] and "丙" in dues_alerts[0].text
    figures = {f.key: f for f in flatten(hooks.zhibu_district_figures(tenant=tenant, today=date(2026, 11, 23)))}
    assert figures["dues.members_in_arrears"].value == 1
    # Jan–Oct: due 甲 400 + 乙 60 + 丙 480 = 940; paid 360 + 60 + 120 = 540
    assert figures["dues.collection_rate"].value == round(540 / 940 * 100, 1) == 57.4
    evidence, = [e for e in flatten(hooks.zhibu_assessment_evidence(tenant=tenant, year=2026))
                 if e.item == "dues.full_on_time"]
    # member-months Jan–Oct not waived: 甲 10, 乙 6, 丙 8 = 24; on time: 丙 Jan–Feb (paid 02-10: Jan late, Feb on
    # time) → 1; 甲 Sep paid 10-08 late; 乙 May–Oct paid 11-20 late → 1 on time of 24
    assert evidence.figures["due_months"] == 24 and evidence.figures["on_time_months"] == 1
    events = evidence.links[0]["events"]
    assert len(events) == 3 and all(e["version"] >= 2 for e in events)      # the reversed payment is left out
    stored = {(str(ev.originator_id), ev.originator_version)
              for ev in k.stores.log(tenant).repository.event_store.get(DuesAccount.create_id(tenant, str(school["甲"])))}
    assert {(e["id"], e["version"]) for e in events} & stored


def test_every_event_is_described_in_chinese(k, tenant, school):
    log = k.stores.log(tenant)
    described = 0
    for notification in log.recorder.select_notifications(start=1, limit=1000):
        event = log.mapper.to_domain_event(notification)
        if type(event).__module__ == "plugins.dues.domain":
            text = k.registry.hook.zhibu_describe_event(event=event, locale="zh_CN")
            assert text and isinstance(text, str), type(event)
            described += 1
    assert described >= 10
