"""TODAY's Five Goods self-assessment: the secretary scores one item of this year's sheet, with a note.

The new self-assessment page is being built; when it lands, the lead switches ``self_assess_one_item``
to it and compares the action count recorded here.
"""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.harness import unique

pytestmark = pytest.mark.browser


def self_assess_one_item(user, year: int, note: str) -> tuple[str, str]:
    """From the Five Goods index to one item self-scored; returns the item's code and the score given.
    TODAY: the year → score → note → 自评 (4 actions), the item's full points as its score."""
    page = user.page
    user.click(page.locator("main table").get_by_role("link", name=str(year), exact=True))
    row = page.locator("table.sheet tbody tr", has=page.get_by_role("button", name="自评")).first
    code = row.locator("td strong").first.inner_text().strip()
    points = row.locator("td.num").first.inner_text().strip()
    user.fill(row.locator("input[name=score]"), points)
    user.fill(row.locator("input[name=comment]"), note)
    user.submit(row.get_by_role("button", name="自评"))
    return code, points


def test_self_assessment_of_one_item_today(user, page):
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    note = f"见支部会议记录 {unique()}"
    user.sign_in("no1-secretary")
    user.click(page.locator(".sidenav").get_by_role("link", name="五好支部考核"))
    expect(page.locator("main table")).to_contain_text("支部自评中")
    code, points = self_assess_one_item(user, year, note)
    expect(page.locator(".flash-danger")).to_have_count(0)
    row = page.locator("table.sheet tbody tr", has=page.locator("strong", has_text=code))
    expect(row).to_contain_text(note)
    expect(row.locator("td.num").nth(1)).to_contain_text(points)   # the self-assessed score column
    assert user.actions == 3 + 1 + 4, user.log
