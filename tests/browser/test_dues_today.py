"""TODAY's dues payment of one member, as the organisation member records it on the member's dues page.

The dues month sheet is being built; when it lands, the lead switches ``record_one_payment`` to it and
compares the action count recorded here (the point of the sheet is fewer actions per payment).
"""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def record_one_payment(user) -> str:
    """From the dues pages to a printed receipt for the first member in arrears; returns their name.
    TODAY: 党员党费 → the member → tick the oldest unpaid month → 登记并生成收据 (4 actions)."""
    page = user.page
    user.click(page.locator(".actions").get_by_role("link", name="党员党费"))
    in_arrears = page.locator("table tbody tr", has=page.locator(".badge", has_text="连续")).first
    name = in_arrears.locator("td").first.inner_text().strip()
    user.click(in_arrears.get_by_role("link", name=name))
    expect(page.locator("h1")).to_contain_text(name)
    form = page.locator("form", has=page.get_by_role("button", name="登记并生成收据"))
    user.check(form.locator("input[name=months]").first)
    user.submit(form.get_by_role("button", name="登记并生成收据"))
    return name


def test_dues_payment_of_one_member_today(user, page):
    user.sign_in("no1-org")
    user.click(page.locator(".sidenav").get_by_role("link", name="党费", exact=True))
    name = record_one_payment(user)
    expect(page.locator(".flash")).to_contain_text("交纳已记录，收据已生成。")
    expect(page.locator("h1")).to_contain_text("党费收据")
    expect(page.locator("main")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text(re.compile(r"收据号：\s*\d{4}-\d{4}"))
    assert user.actions == 3 + 1 + 4, user.log
