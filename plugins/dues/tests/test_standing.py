"""The per-member read model (issue 19): the figures read from dues_member_months and
dues_school_months are exactly those computed from every member's ledger, rebuild equals incremental,
figures move with the calendar without a new event, and the overview's statements do not grow with
the school."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date, datetime, timezone
from uuid import UUID
from decimal import Decimal

from sqlalchemy import event, select

from plugins.dues import queries, services
from plugins.dues.queries import standing
from plugins.dues.models import member_months, member_status, roll, school_months
from plugins.members import services as member_services
from plugins.members.public import change_status
from plugins.members.tests.conftest import person

TODAYS = (date(2026, 2, 1), date(2026, 5, 31), date(2026, 9, 15), date(2026, 11, 23), date(2027, 1, 10))


def _set(clock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc))


def _school(k, tenant, add_member, configure=None):
    """Reliefs (waived and reduced), a reversal, bases changing mid-year and corrected, a member who
    joins in March, one who never gets a base, one who leaves, prepayments."""
    a, b = add_member(tenant, "甲"), add_member(tenant, "乙", date(2026, 3, 2), "probationary")
    c, d, e = add_member(tenant, "丙"), add_member(tenant, "丁"), add_member(tenant, "戊")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4500"), "更正")
    services.record_base(k, tenant, a, 2026, 7, "employed", Decimal("6000"), "调资")
    services.record_base(k, tenant, b, 2026, 3, "employed", Decimal("3500"))
    services.grant_relief(k, tenant, b, 2026, 4, 5, "waive", 0, "困难", "上级党委")
    services.record_base(k, tenant, c, 2026, 4, "retired", Decimal("3000"))
    services.grant_relief(k, tenant, c, 2026, 8, 9, "reduce", Decimal("0.5"), "困难", "上级党委")
    services.record_base(k, tenant, e, 2026, 1, "employed", Decimal("8000"))
    services.record_payment(k, tenant, a, [date(2026, 1, 1), date(2026, 2, 1)], "cash", paid_on=date(2026, 2, 3))
    services.record_payment(k, tenant, a, [date(2026, 3, 1)], "cash", paid_on=date(2026, 4, 3))
    services.record_payment(k, tenant, b, [date(2026, 3, 1), date(2026, 6, 1)], "online", paid_on=date(2026, 6, 9))
    services.record_payment(k, tenant, c, [date(2026, 8, 1), date(2026, 10, 1)], "cash", paid_on=date(2026, 10, 2))
    services.record_payment(k, tenant, a, [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)], "cash",
                            paid_on=date(2026, 11, 20))
    services.record_payment(k, tenant, e, [date(2026, 1, 1)], "cash", paid_on=date(2026, 1, 9))
    services.reverse_payment(k, tenant, "2026-0002", "登记错误")
    change_status(k, tenant, e, "removed", date(2026, 6, 30), "除名")
    return a, b, c, d, e


def _annual(report) -> tuple:
    return (report.due, report.paid, report.unpaid, report.prepaid, report.collected, report.as_of, report.cutoff,
            [astuple(m) for m in report.months])


def _arrears(found) -> list:
    return [(a.account.member_id, a.account.name, a.account.first_month, a.months, a.amount, a.streak, a.run,
             a.run_amount, a.unbased, level) for a, level in found]


def _missing(found) -> list:
    return [(account.member_id, account.name, months) for account, months in found]


def assert_same_figures(k, tenant, today: date) -> None:
    for year in (2025, 2026, today.year):
        assert _annual(standing.annual_totals(k, tenant, year, today)) == \
            _annual(queries.annual(k, tenant, year, today)), (year, today)
    assert _arrears(standing.arrears(k, tenant, today)) == _arrears(queries.arrears_from_ledger(k, tenant, today))
    assert _missing(standing.missing_bases(k, tenant, today)) == \
        _missing(queries.missing_bases_from_ledger(k, tenant, today))


def test_the_read_model_gives_the_ledgers_figures_field_by_field(k, tenant, add_member, actor, app, clock):
    _school(k, tenant, add_member)
    for today in TODAYS:
        with app.test_request_context():      # a fresh per-request memo for each day
            assert_same_figures(k, tenant, today)
    with app.test_request_context():
        assert standing.arrears(k, tenant, date(2026, 11, 23))      # the school does owe something


def test_a_quarterly_school_and_a_later_ledger_start_give_the_ledgers_figures(k, tenant, add_member, actor,
                                                                               app, configure):
    _school(k, tenant, add_member)
    configure(tenant, quarterly=True, ledger_start="2026-04")
    for today in TODAYS:
        with app.test_request_context():
            assert_same_figures(k, tenant, today)


def test_rebuild_gives_the_same_member_and_school_rows(k, tenant, other_tenant, add_member, actor):
    _school(k, tenant, add_member)
    x = add_member(other_tenant, "己")
    services.record_base(k, other_tenant, x, 2026, 1, "employed", Decimal("3000"))

    def rows():
        with k.engine.connect() as conn:
            return {t.name: sorted(tuple(str(v) for v in r) for r in conn.execute(select(t).order_by(*t.primary_key)))
                    for t in (member_months, member_status, school_months, roll)}
    before = rows()
    assert before["dues_member_months"] and before["dues_school_months"] and before["dues_roll"]
    k.projector.rebuild(tenant)
    assert rows() == before


def test_arrears_grow_with_the_calendar_without_a_new_event(k, tenant, add_member, actor, app):
    a = add_member(tenant, "甲")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))
    services.record_payment(k, tenant, a, [date(2026, 1, 1)], "cash", paid_on=date(2026, 1, 9))
    streaks = []
    for today in (date(2026, 4, 2), date(2026, 5, 2), date(2026, 8, 2)):
        with app.test_request_context():
            (found, _level), = standing.arrears(k, tenant, today)
            streaks.append((found.streak, standing.annual_totals(k, tenant, 2026, today).unpaid))
    # arrears count months whose period has ended; the year's unpaid counts this month too
    assert streaks == [(2, Decimal("120.00")), (3, Decimal("160.00")), (6, Decimal("280.00"))]


def _overview_statements(k, tenant, client) -> int:
    seen = []

    def count(*_args):
        seen.append(1)
    event.listen(k.engine, "before_cursor_execute", count)
    try:
        assert client.get(f"/t/{tenant}/dues/").status_code == 200
    finally:
        event.remove(k.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_overview_costs_the_same_statements_for_5_and_for_50_members(k, make_tenant, add_member, actor,
                                                                          login_as, clock, steady_modules):
    counts = []
    for size in (5, 50):
        tenant = make_tenant(f"size{size}")
        for n in range(size):
            m = add_member(tenant, f"党员{n}", date(2026, 1 + n % 9, 1) if n % 3 == 0 else date(2010, 6, 1))
            services.record_base(k, tenant, m, 2026, 1, "employed", Decimal(3000 + 100 * n))
            if n % 2:
                services.record_payment(k, tenant, m, [date(2026, 10, 1)], "cash", paid_on=date(2026, 10, 9))
        client = login_as("secretary", tenant)
        client.get(f"/t/{tenant}/dues/")      # warm: the first request reads things once per process
        counts.append(_overview_statements(k, tenant, client))
    assert counts[0] == counts[1]


def _arrivals_and_corrections(k, tenant, add_member):
    """Two members transferred in (one with the dues paid to the former branch, one without), a name
    and a joining day corrected, a member suspended: who owes dues and from when comes from the
    members' events."""
    a, b, c = _school(k, tenant, add_member)[:3]
    came = member_services.transfer_in(k, tenant, "L-1", "外校党支部", date(2026, 3, 10), dues_paid_to="2026-05",
                                       fields=person("小张", seq=7, joined_on=date(2012, 1, 1), converted_on=date(2013, 1, 1)))
    other = member_services.transfer_in(k, tenant, "L-2", "外校党支部", date(2026, 6, 20),
                                        fields=person("小李", seq=8, joined_on=date(2012, 1, 1), converted_on=date(2013, 1, 1)))
    for member in (UUID(came.member_id), UUID(other.member_id)):
        services.record_base(k, tenant, member, 2026, 7, "employed", Decimal("5000"))
    member_services.correct_member(k, tenant, c, {"name": "丙二"})
    member_services.correct_member(k, tenant, b, {"joined_on": date(2026, 4, 15)})
    change_status(k, tenant, a, "lost_contact", date(2026, 9, 1), "失联")
    change_status(k, tenant, a, "suspended", date(2026, 10, 1), "停止党籍")
    return UUID(came.member_id), UUID(other.member_id)


def test_arrivals_corrections_and_status_changes_give_the_ledgers_figures(k, tenant, add_member, actor, app):
    """Before/after: the figures from dues_roll equal those from the roster and the transfers."""
    came, other = _arrivals_and_corrections(k, tenant, add_member)
    with k.engine.connect() as conn:
        held = {r.member_id: r for r in conn.execute(select(roll).where(roll.c.tenant == tenant))}
    assert held[came].arrived_month == date(2026, 6, 1) and held[other].arrived_month == date(2026, 6, 1)
    assert {r.name for r in held.values()} >= {"丙二", "小张", "小李"}
    for today in TODAYS:
        with app.test_request_context():
            assert_same_figures(k, tenant, today)


def test_the_roll_rebuilt_equals_the_roll_kept(k, tenant, add_member, actor):
    _arrivals_and_corrections(k, tenant, add_member)

    def rows():
        with k.engine.connect() as conn:
            return sorted(tuple(str(v) for v in r) for r in conn.execute(
                select(roll).where(roll.c.tenant == tenant).order_by(*roll.primary_key)))
    before = rows()
    assert len(before) == 7
    k.projector.rebuild(tenant)
    assert rows() == before
