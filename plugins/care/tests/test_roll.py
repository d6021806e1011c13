"""care_roll (issue 19's rule applied to care): each member's admission, conversion and place on the
roll kept from the members plugin's events, so the month's political birthdays and the year's
光荣在党50年 list are single indexed queries. The lists equal the ones read from the whole roll before
(the old computation is kept here as the reference), and the district medal page costs the same
statements for 3 and for 30 schools."""
from __future__ import annotations

from datetime import date

from sqlalchemy import event, select

from core.demo import SCHOOLS, create_demo
from plugins.care import models as m
from plugins.care import queries, rules
from plugins.members import public as members
from plugins.members import services as member_services


# -- the reference: what queries.py computed before, from the whole roll on each request ----------------
def old_birthdays(k, tenant, year, month):
    out = []
    for mv in members.list_members(k, tenant):
        day = rules.birthday_in_month(mv.joined_on, year, month)
        if day is not None:
            out.append(queries.Birthday(mv.id, mv.name, mv.joined_on, day, rules.years_since(mv.joined_on, day),
                                        rules.years_since(mv.converted_on, day)))
    return sorted(out, key=lambda b: (b.anniversary, b.name))


def old_medals(k, tenant, year, only_new=False):
    rule = rules.medal_rule(year)
    if rule is None:
        return []
    by = date(year, rule.by_month, rule.by_day)
    out = []
    for mv in members.full_members(k, tenant):
        if rules.medal_eligible(mv.converted_on, year):
            new = rules.medal_newly_eligible(mv.converted_on, year)
            if new or not only_new:
                out.append(queries.Medal(mv.id, mv.name, mv.converted_on, rules.years_since(mv.converted_on, by), new))
    return sorted(out, key=lambda x: (x.converted_on, x.name))


def old_district(k, year):
    return [(s, medal) for s in k.tenant_slugs() if "care" in k.enabled_plugins(s) for medal in old_medals(k, s, year)]


def assert_same_lists(k, schools):
    for school in schools:
        for year in (2020, 2021, 2025, 2026, 2027):
            for month in range(1, 13):
                assert queries.birthdays(k, school, year, month) == old_birthdays(k, school, year, month)
            assert queries.medal_list(k, school, year) == old_medals(k, school, year)
            assert queries.medal_list(k, school, year, only_new=True) == old_medals(k, school, year, only_new=True)
    for year in (2021, 2026, 2027):
        assert queries.district_medal_list(k, year) == old_district(k, year)
        first = queries.district_medal_page(k, year, 1, per_page=2)       # the page: the same rows, a few at a time
        pages = [queries.district_medal_page(k, year, n, per_page=2).items for n in range(1, first.pages + 1)]
        assert first.total == len(old_district(k, year))
        assert sorted(map(repr, sum(pages, []))) == sorted(map(repr, old_district(k, year)))


def roll_rows(k):
    with k.engine.connect() as conn:
        return sorted(repr(dict(r._mapping)) for r in conn.execute(select(m.roll)))


def hand_fixture(k, tenant, other_tenant, member, catch_up):
    """Members through every event care_roll follows: registration, corrections of name and dates,
    status changes (off the roll, back), conversion of a probationary member; a leap-day admission."""
    old = member(tenant, "老党员甲", joined_on=date(1975, 3, 10), converted_on=date(1976, 7, 1))    # eligible 2026
    late = member(tenant, "老党员乙", joined_on=date(1975, 7, 1), converted_on=date(1976, 7, 2))    # not until 2027
    leap = member(tenant, "闰日", joined_on=date(1972, 2, 29), converted_on=date(1973, 2, 28))
    gone = member(tenant, "调出者", joined_on=date(1970, 3, 1), converted_on=date(1971, 3, 1))
    fixed = member(other_tenant, "更正者", joined_on=date(1989, 5, 5), converted_on=date(1990, 5, 5))
    member(other_tenant, "年轻人", joined_on=date(2015, 3, 20), converted_on=date(2016, 3, 20))
    member_services.change_status(k, tenant, gone.id, "transferred_out", date(2026, 2, 1), "转出")
    member_services.correct_member(k, other_tenant, fixed.id, {"name": "更正后", "joined_on": date(1970, 3, 9),
                                                               "converted_on": date(1971, 3, 9)})
    probationary = member_services.register_member(
        k, tenant, {**_fields("预备党员", 99), "joined_on": date(2025, 3, 3), "converted_on": None},
        status="probationary")
    member_services.convert_member(k, tenant, probationary.id, date(2026, 3, 3))
    catch_up()
    return old, late, leap


def _fields(name, seq):
    from plugins.members.tests.conftest import person
    return person(name, date(1980, 5, 6), seq)


def test_rebuild_of_care_roll_equals_the_rows_kept_event_by_event(k, tenant, other_tenant, member, catch_up):
    hand_fixture(k, tenant, other_tenant, member, catch_up)
    before = roll_rows(k)
    assert len(before) == 7 and any("'on_roll': False" in r for r in before)
    assert any("'name': '更正后'" in r and "'joined_month': 3" in r for r in before)
    for log in (tenant, other_tenant):
        k.projector.rebuild(log)
    assert roll_rows(k) == before


def test_the_lists_equal_the_old_computation_on_a_hand_fixture(k, tenant, other_tenant, member, catch_up):
    old, late, leap = hand_fixture(k, tenant, other_tenant, member, catch_up)
    assert [x.member_id for x in queries.medal_list(k, tenant, 2026)] == [leap.id, old.id]
    assert late.id in [x.member_id for x in queries.medal_list(k, tenant, 2027, only_new=True)]
    assert [b.name for b in queries.birthdays(k, tenant, 2026, 3)] == ["预备党员", "老党员甲"]
    assert [b.anniversary for b in queries.birthdays(k, tenant, 2027, 2)] == [date(2027, 2, 28)]
    assert [b.name for b in queries.birthdays(k, other_tenant, 2026, 3)] == ["更正后", "年轻人"]
    assert_same_lists(k, [tenant, other_tenant])


def test_the_lists_equal_the_old_computation_on_the_demo_district(k, clock, app):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:2])
    assert any(queries.birthdays(k, s, 2026, mo) for s, _n in SCHOOLS[:2] for mo in range(1, 13))   # something to compare
    assert_same_lists(k, [s for s, _n in SCHOOLS[:2]])


def test_medal_cutoff_is_the_rule_as_one_date():
    for year in (2021, 2024, 2026):
        cutoff = rules.medal_cutoff(year)
        assert rules.medal_eligible(cutoff, year) and not rules.medal_eligible(date.fromordinal(cutoff.toordinal() + 1), year)
    assert rules.medal_cutoff(2020) is None


def test_the_district_medal_page_costs_the_same_statements_for_3_and_for_30_schools(k, make_tenant, member,
                                                                                   login_as, catch_up):
    client = login_as("district_admin")
    statements = []

    def count(*_args):
        statements.append(1)

    def measure() -> int:
        catch_up()
        assert client.get("/district/care/medals?year=2026").status_code == 200     # warm-up
        statements.clear()
        event.listen(k.engine, "before_cursor_execute", count)
        try:
            page = client.get("/district/care/medals?year=2026")
        finally:
            event.remove(k.engine, "before_cursor_execute", count)
        assert page.status_code == 200
        return len(statements)

    for n in range(3):
        school = make_tenant(f"few{n}")
        member(school, f"老党员{n}", joined_on=date(1970, 3, 1), converted_on=date(1971, 3, 1))
    few = measure()
    for n in range(27):
        school = make_tenant(f"many{n:02d}")
        member(school, f"老党员{n + 3}", joined_on=date(1970, 3, 1), converted_on=date(1971, 3, 1))
    many = measure()
    assert many == few
    assert client.get("/district/care/medals?year=2026").get_data(as_text=True).count("老党员") >= 30


def test_the_birthday_and_medal_queries_are_served_by_care_roll_s_indexes(k, tenant, other_tenant, member,
                                                                         catch_up, login_as, monkeypatch):
    from tests.test_query_plans import unserved
    from core.projections import rows as rows_module
    hand_fixture(k, tenant, other_tenant, member, catch_up)
    monkeypatch.setattr(rows_module, "DIRECT", False)
    seen = {}

    def record(conn, cursor, statement, parameters, context_, executemany):
        if "care_roll" in statement:
            seen.setdefault(statement, parameters[0] if executemany else parameters)

    event.listen(k.engine, "before_cursor_execute", record)
    try:
        queries.birthdays(k, tenant, 2026, 3)
        queries.medal_list(k, tenant, 2026, only_new=True)
        assert login_as("district_admin").get("/district/care/medals?year=2026").status_code == 200
        k.projector.rebuild(tenant)
    finally:
        event.remove(k.engine, "before_cursor_execute", record)
    checked = []
    assert unserved(k, seen, checked) == []
    assert any("EXISTS" in sql for sql in checked) and len(checked) >= 4
    if k.engine.dialect.name == "sqlite":   # and by the two indexes made for them, not the key's prefix alone
        plans = []
        with k.engine.connect() as conn:
            for sql, parameters in seen.items():
                if sql.lstrip().upper().startswith("SELECT") and ("joined_month =" in sql or "converted_on <=" in sql):
                    plans += [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters)]
        assert any("ix_care_roll_birthdays" in p for p in plans) and any("ix_care_roll_medals" in p for p in plans)
