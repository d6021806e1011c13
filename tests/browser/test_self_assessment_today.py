"""The Five Goods self-assessment as ONE form: the secretary fills every blank score of this year's sheet
(the items the business records could prefill are already filled), saves a draft, then submits.

Issue target: the whole self-assessment in ≤ 30 user actions. Before the one-form sheet each item was
its own form (year → score → note → 自评: 4 actions for one item, so ~100 for a sheet of 27 items).
"""
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
FULL_POINTS = re.compile(r"（0–(\d+(?:\.\d+)?)）")


def fill_blank_scores(user) -> int:
    """Every score left blank gets the item's full points (read from its label); returns how many."""
    page = user.page
    blanks = [box for box in page.locator("#self-assessment input[name=score]").all() if not box.input_value()]
    for box in blanks:
        user.fill(box, FULL_POINTS.search(box.get_attribute("aria-label")).group(1))
    return len(blanks)


def test_self_assessment_on_one_form(user, page):
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    user.sign_in("no1-secretary")
    user.click(page.locator(".sidenav").get_by_role("link", name="五好支部考核"))
    expect(page.locator("main table")).to_contain_text("支部自评中")
    user.click(page.locator("main table").get_by_role("link", name=str(year), exact=True))
    form = page.locator("form#self-assessment")
    scores = form.locator("input[name=score]")
    items = scores.count()
    assert items >= 20, items   # the district's standard sheet

    filled = fill_blank_scores(user)
    assert filled >= 1
    user.submit(form.get_by_role("button", name="保存草稿"))
    expect(page.locator(".flash-danger")).to_have_count(0)
    expect(form.locator(".badge", has_text="已保存")).to_have_count(items)   # every item saved at once

    user.submit(form.get_by_role("button", name="提交自评"))   # + the confirmation dialog, accepted
    expect(page.locator(".flash-danger")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("待区级评分")
    expect(page.locator("form#self-assessment")).to_have_count(0)   # submitted: no longer editable
    assert re.search(r"\d", page.locator("table.sheet tfoot th.num").nth(1).inner_text())   # the self total
    assert any("confirm" in line for line in user.log), user.log
    assert user.actions <= 30, user.log
