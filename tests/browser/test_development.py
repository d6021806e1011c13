"""A development case: an application, two steps recorded, and a step the rules refuse, with their sentence."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.harness import unique
from tests.browser.test_secretary import beijing_today, id_number

pytestmark = pytest.mark.browser


def test_development_case_advances_two_steps_and_a_refused_step_says_why(user, page):
    today = date.fromisoformat(beijing_today())
    name = f"赵{unique()}"
    user.sign_in("no1-secretary")

    user.click(page.locator(".sidenav").get_by_role("link", name="发展党员", exact=True))
    user.click(page.get_by_role("link", name="新建发展档案"))
    user.fill("input[name=name]", name)
    user.fill("input[name=id_number]", id_number("20000512", f"{int(name[1:], 16) % 1000:03d}"))
    user.select("select[name=category]", label="教师")
    user.fill("input[name=applied_on]", (today - timedelta(days=20)).isoformat())
    user.submit(page.get_by_role("button", name="保存"))
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("入党申请人")
    assert user.actions == 3 + 7, user.log

    step = page.locator("section", has=page.get_by_role("heading", name="记录第"))
    expect(step.locator("h2")).to_contain_text("记录第2步")
    user.fill(step.locator("input[name=happened_on]"), (today - timedelta(days=15)).isoformat())
    user.submit(step.get_by_role("button", name="记录"))
    expect(page.locator(".flash.flash-success")).to_be_visible()
    expect(step.locator("h2")).to_contain_text("记录第3步")
    user.fill(step.locator("input[name=happened_on]"), (today - timedelta(days=10)).isoformat())
    user.submit(step.get_by_role("button", name="记录"))
    expect(page.locator(".flash.flash-success")).to_be_visible()
    expect(step.locator("h2")).to_contain_text("记录第4步")
    assert user.actions == 10 + 4, user.log

    # The next step dated before the last one: refused, with the sentence of the rule, nothing recorded.
    user.fill(step.locator("input[name=happened_on]"), (today - timedelta(days=12)).isoformat())
    user.submit(step.get_by_role("button", name="记录"))
    expect(step.locator(".field-error")).to_contain_text(   # beside the date it is about
        f"日期不能早于上一步骤的日期（{(today - timedelta(days=10)).isoformat()}）")
    expect(step.locator("h2")).to_contain_text("记录第4步")
    assert user.actions == 14 + 2, user.log
