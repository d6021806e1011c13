"""A month's dues of a whole school, as the organisation committee member records them on the dues sheet
(党费收缴表): every member who owes is one row, "全选", one save, a receipt each, all printed at once.

Issue target: a month's dues for 30 members in ≤ 40 user actions. Before the sheet, one payment took
4 actions on the member's own dues page (党员党费 → the member → tick the month → 登记并生成收据), so a
month of ~26 payers took over 100; on the sheet the count no longer grows with the number of members.
"""
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_month_sheet(user, month: str) -> None:
    """From the dues pages to the sheet of ``month`` (YYYY-MM): 党费收缴表, 按月 when the school collects
    by quarter, then ›  to the month (at most twice: the month view opens on the quarter's first month)."""
    page = user.page
    heading = page.locator("h1")
    user.click(page.locator(".actions").get_by_role("link", name="党费收缴表"))
    expect(heading).to_contain_text("党费收缴表")
    if page.locator(".actions").get_by_role("link", name="按月").count():
        user.click(page.locator(".actions").get_by_role("link", name="按月"))
        expect(page.locator(".actions").get_by_role("link", name="按季度")).to_be_visible()
    for _ in range(2):
        if month in heading.inner_text():
            break
        user.click(page.locator(".actions").get_by_role("link", name=re.compile(r"^\d{4}-\d{2} ›$")))
    expect(heading).to_contain_text(month)


def test_a_months_dues_of_the_whole_school_on_the_sheet(user, page):
    month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    user.sign_in("no1-org")
    user.click(page.locator(".sidenav").get_by_role("link", name="党费", exact=True))
    open_month_sheet(user, month)

    # Every member who owes this month is a row with a tick box; "全选" ticks them all.
    grid = page.locator("form", has=page.get_by_role("button", name="保存并生成收据"))
    payers = [name.strip() for name in grid.locator("tbody tr:has(input[name=pay]) td:nth-child(2)").all_inner_texts()]
    assert len(payers) >= 20, payers   # the demo school: most of its ~30 members owe the current month
    user.check(grid.get_by_label(re.compile(r"全选（本表 \d+ 名未交党员）")))
    expect(grid.locator("input[name=pay]:checked")).to_have_count(len(payers))
    user.submit(grid.get_by_role("button", name="保存并生成收据"))

    # One save: a receipt per member, and nobody left to pay on the sheet.
    expect(page.locator(".flash")).to_contain_text(f"已登记 {len(payers)} 名党员的党费")
    saved = page.locator("section.panel", has=page.get_by_role("heading", name="本次已登记"))
    expect(saved).to_contain_text(f"共 {len(payers)} 张收据")
    receipts = saved.locator("tbody tr")
    expect(receipts).to_have_count(len(payers))
    assert sorted(receipts.locator("td:nth-child(2)").all_inner_texts()) == sorted(payers)
    expect(page.locator("input[name=pay]")).to_have_count(0)
    expect(page.get_by_role("button", name="保存并生成收据")).to_have_count(0)

    # The receipts, ready to print: one block per member.
    user.click(saved.get_by_role("link", name="打印全部收据"))
    expect(page.locator("h1, .crumbs").first).to_contain_text("收据")
    expect(page.locator(".receipt-block")).to_have_count(len(payers))
    expect(page.locator("main")).to_contain_text(f"共 {len(payers)} 张收据")
    for name in payers:
        expect(page.locator(".receipt-block", has_text=name)).to_have_count(1)
    expect(page.locator(".receipt-block").first).to_contain_text(re.compile(r"\d{4}-\d{4}"))
    assert user.actions <= 40, user.log   # the target for a month of ~30 members
