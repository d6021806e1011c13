"""A school counts from the day its records in Zhibu start (issue 15.3): a school created in late
November has no missed meeting periods, no dues arrears and no deadline alerts for the months before,
on its own pages and in the district's figures; moving the start back brings those months in."""
from datetime import date, datetime, timezone
from decimal import Decimal

from core import context
from core.plugins import flatten
from plugins.development import services as development
from plugins.development.tests.helpers import person
from plugins.dues.queries import standing as dues
from plugins.dues import services as dues_services
from plugins.meetings import queries as meetings
from plugins.members.public import register_member
from tenants import services as tenants

DEC_2 = datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc)


def new_school(k, make_tenant, clock):
    """A school created on 2026-11-23 with one member whose base is recorded, looked at on 12-02."""
    slug = make_tenant(records_from=None)
    with context.acting(context.system("test", source="test")):
        member = register_member(k, slug, {"name": "老党员", "gender": "male", "id_number": "110105198003030010",
                                           "joined_on": date(2010, 6, 1), "converted_on": date(2011, 6, 1)})
        dues_services.record_base(k, slug, member, 2026, 1, "employed", Decimal("4000"))
    clock.set(DEC_2)
    return slug


def figures(k, slug):
    return {f.key: f.value for f in flatten(k.hooks(slug).zhibu_district_figures(tenant=slug, today=k.today()))}


def test_a_school_created_in_november_has_no_missed_periods_or_arrears_before_its_start(k, clock, make_tenant):
    slug = new_school(k, make_tenant, clock)
    assert [p.label for i in meetings.compliance(k, slug, 2026) for p in i.missing] == []
    assert dues.arrears(k, slug, k.today()) == []
    got = figures(k, slug)
    assert got["meetings.missing"] == 0 and got["meetings.compliance"] == 100.0
    assert got["dues.members_in_arrears"] == 0
    alerts = flatten(k.hooks(slug).zhibu_alerts(tenant=slug, today=k.today()))
    assert not [a for a in alerts if a.source in ("meetings", "dues") and a.level in ("warning", "danger")]


def test_moving_the_start_back_counts_the_earlier_months(k, clock, make_tenant):
    slug = new_school(k, make_tenant, clock)
    with context.acting(context.system("test", source="test")):
        tenants.change_records_start(k, slug, date(2026, 1, 1), "年初起的记录已补录")
    missing = [p.label for i in meetings.compliance(k, slug, 2026) if i.code == "theme_day" for p in i.missing]
    assert missing[0] == "2026年1月" and missing[-1] == "2026年11月"
    found, = dues.arrears(k, slug, k.today())
    assert found[0].months[0] == date(2026, 1, 1) and found[0].months[-1] == date(2026, 11, 1)
    assert figures(k, slug)["meetings.missing"] > 0


def test_the_district_home_shows_a_new_school_without_missed_periods(k, clock, make_tenant, login_as):
    slug = new_school(k, make_tenant, clock)
    page = login_as("district_admin").get("/district/").get_data(as_text=True)
    assert "未召开" not in page and "未交" not in page
    assert slug in page


def test_a_development_deadline_before_the_start_is_a_late_entry_to_make_not_an_overdue_alert(k, clock,
                                                                                             make_tenant):
    slug = new_school(k, make_tenant, clock)
    with context.acting(context.system("test", source="test")):
        case = development.open_case(k, slug, person(), date(2026, 9, 1))   # talk due 2026-10-01
    alerts = [a for a in flatten(k.hooks(slug).zhibu_alerts(tenant=slug, today=k.today()))
              if a.source == "development"]
    assert [a.level for a in alerts] == ["info"] and "早于本校在本系统记录的起始日期 2026-11-23" in alerts[0].text
    assert alerts[0].url == f"/t/{slug}/development/{case.id}"
    assert figures(k, slug)["development.overdue"] == 0
    with context.acting(context.system("test", source="test")):
        tenants.change_records_start(k, slug, date(2026, 1, 1), "年初起的记录已补录")
    alerts = [a for a in flatten(k.hooks(slug).zhibu_alerts(tenant=slug, today=k.today()))
              if a.source == "development"]
    assert [a.level for a in alerts] == ["danger"] and "已逾期（期限 2026-10-01" in alerts[0].text
