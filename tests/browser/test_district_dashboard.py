"""The district administrator's dashboard: from an alert group and from a chart's bar down to the schools
behind it, and the page on a phone (the table scrolls inside its own box, the page does not)."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_secretary_phone import assert_fits_the_screen

pytestmark = pytest.mark.browser


def test_administrator_drills_down_from_an_alert_group_and_a_chart_bar(user, page):
    user.sign_in("admin")
    expect(page.get_by_role("heading", name="区级总览")).to_be_visible()
    expect(page.locator(".district-summary .stat").first).to_contain_text("学校")

    # The most urgent kind of alert: opened in place, then every school that has it.
    group = page.locator("details.alert-group").first
    user.click(group.locator("summary"))
    expect(group.locator("ul li").first).to_be_visible()
    user.click(group.get_by_role("link", name=re.compile("查看全部")))
    expect(page.locator(".crumbs")).to_contain_text("区级总览")
    expect(page.locator("main table tbody tr").first).to_be_visible()

    # Back to the dashboard, then the schools behind one bar of a distribution.
    user.click(page.locator(".crumbs").get_by_role("link", name="区级总览"))
    user.click(page.locator("figure.chart.dist a").first)
    expect(page.locator(".filter-note")).to_contain_text("仅显示指标在此范围的学校")
    expect(page.locator("table.district-table tbody tr").first).to_be_visible()
    assert user.actions == 3 + 2 + 2, user.log


def test_the_dashboard_fits_a_phone(phone_user, phone):
    phone_user.sign_in("admin")
    expect(phone.get_by_role("heading", name="区级总览")).to_be_visible()
    expect(phone.locator("table.district-table")).to_be_attached()
    assert_fits_the_screen(phone)
