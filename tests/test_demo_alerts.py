"""The demo district looks like a real branch on its first login (issue 15.3, 15.4): every alert on
a school's home page is true — an arrears alert only for money owed, a missed period only after the
school's start, every alert says why and links to a record."""
import re
from datetime import date

import pytest

from core.demo import SCHOOLS, create_demo
from core.plugins import flatten
from plugins.dues.queries import standing as dues_standing
from plugins.dues.tests.test_standing import assert_same_figures
from plugins.meetings import queries as meetings


@pytest.fixture
def demo(k, clock):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return SCHOOLS[0][0]


def test_the_demo_schools_alerts_are_all_true_and_linked(k, demo, app):
    today = k.today()
    with app.test_request_context():
        alerts = flatten(k.hooks(demo).zhibu_alerts(tenant=demo, today=today))
    owing = {a.account.name: a for a, _lv in dues_standing.arrears(k, demo, today)}
    missing = [(i.name, p.label) for i in meetings.compliance(k, demo, today.year) for p in i.missing]
    assert alerts
    for alert in alerts:
        assert alert.url, alert
        if alert.source == "dues" and alert.level in ("warning", "danger"):
            name = alert.text.split("：")[0]
            assert name in owing and owing[name].run_amount > 0, alert
            assert f"应交 ¥{owing[name].run_amount:.2f}" in alert.text, alert
        if "党章第九条" in alert.text:
            assert owing[alert.text.split("：")[0]].streak >= 6
        if "未召开" in alert.text:
            assert any(alert.text.startswith(f"{name}：{label}未召开") for name, label in missing), alert
            assert date.fromisoformat(re.search(r"期限 (\d{4}-\d\d-\d\d)", alert.text).group(1)) >= date(today.year, 1, 1)


def test_the_demo_home_page_shows_no_charter_alert_for_a_member_owing_nothing(k, demo, login_as, app):
    page = login_as("secretary", demo).get(f"/t/{demo}/").get_data(as_text=True)
    named = set(re.findall(r"([\u4e00-\u9fff]{2,4})：连续 \d+ 个月未交", page))
    owing = {a.account.name for a, lv in dues_standing.arrears(k, demo, k.today()) if lv}
    assert named == owing
    assert "¥0.00" not in page


def test_every_demo_member_has_a_dues_base_so_no_base_task_is_open(k, demo, app):
    """Members the other plugins' demos add (development admits some) get a base too: the dues demo
    runs after them, and the audit demo seals around them all."""
    with app.test_request_context():
        alerts = flatten(k.hooks(demo).zhibu_alerts(tenant=demo, today=k.today()))
    assert not [a.text for a in alerts if "核定党费基数" in a.text]


@pytest.mark.parametrize("day", ["2026-12-31", "2027-01-05", "2027-03-01"])
def test_the_demo_district_is_made_on_any_day_of_the_year(k, clock, login_as, day):
    """`make run` in January pays last December's dues too: the demo gives last year its bases and
    remittances, and its first pages open (found when CI ran the day after a session, 2026-12-01)."""
    from datetime import datetime, timezone
    clock.set(datetime.fromisoformat(f"{day}T02:00:00").replace(tzinfo=timezone.utc))
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    slug = SCHOOLS[0][0]
    today = k.today()
    owing = {a.account.name: a for a, _lv in dues_standing.arrears(k, slug, today)}
    assert all(a.run_amount > 0 for a in owing.values())
    secretary = login_as("secretary", slug)
    for path in (f"/t/{slug}/", f"/t/{slug}/dues/", f"/t/{slug}/dues/sheet", f"/t/{slug}/meetings/"):
        assert secretary.get(path).status_code == 200, path


def test_the_demo_schools_dues_figures_from_the_read_model_are_the_ledgers(k, demo, app, clock):
    """Issue 19: the per-member read model gives the demo school's dues figures field by field as
    the computation from every member's ledger does, on several days."""
    for today in (date(2026, 3, 1), k.today(), date(2027, 1, 5)):
        with app.test_request_context():
            assert_same_figures(k, demo, today)
