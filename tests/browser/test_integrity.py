"""Integrity: a member's public commitment with one item passed by the branch, and a pair-up."""
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.harness import unique
from tests.browser.test_secretary import beijing_today

pytestmark = pytest.mark.browser


def test_commitment_with_an_item_is_created_and_passed(user, page):
    next_year = date.fromisoformat(beijing_today()).year + 1   # a year with no letters yet in the demo
    content = f"每学期开设一次党史微课 {unique()}"
    user.sign_in("no1-secretary")

    user.click(page.locator(".sidenav").get_by_role("link", name="廉洁与承诺"))
    user.click(page.locator("nav.actions").get_by_role("link", name="公开承诺"))
    form = page.locator("form", has=page.get_by_role("button", name="建立"))
    user.fill(form.locator("input[name=year]"), str(next_year))
    options = form.locator("select[name=member_id] option")
    member = options.nth(1 + int(unique(), 16) % (options.count() - 1)).inner_text()   # any member (runs again)
    user.select(form.locator("select[name=member_id]"), label=member)
    user.submit(form.get_by_role("button", name="建立"))
    expect(page.locator("h1")).to_contain_text(member)
    assert user.actions == 3 + 5, user.log

    user.fill("input[name=deadline]", f"{next_year}-06-30")
    user.fill("textarea[name=content]", content)
    user.fill("textarea[name=measure]", "微课教案与听课记录齐全")
    user.submit(page.get_by_role("button", name="提交审核"))
    item = page.locator("section", has=page.get_by_text(content))
    expect(item).to_contain_text("待审核")
    user.submit(item.get_by_role("button", name="审核通过"))
    expect(item).to_contain_text("已通过")
    assert user.actions == 8 + 5, user.log


def test_pair_up_is_created(user, page):
    helped = f"青年教师{unique()}"
    user.sign_in("no1-secretary")

    user.click(page.locator(".sidenav").get_by_role("link", name="廉洁与承诺"))
    user.click(page.locator("nav.actions").get_by_role("link", name="结对帮扶"))
    form = page.locator("form", has=page.get_by_role("button", name="建立"))
    member = form.locator("select[name=member_id] option").nth(1).inner_text()
    user.select(form.locator("select[name=member_id]"), label=member)
    user.fill(form.locator("input[name=helped_name]"), helped)
    user.fill(form.locator("textarea[name=goals]"), "一学期内独立承担公开课\n参加一次党课")
    user.submit(form.get_by_role("button", name="建立"))
    expect(page.locator("main")).to_contain_text(helped)
    expect(page.locator("main")).to_contain_text(member)
    expect(page.locator("main")).to_contain_text("一学期内独立承担公开课")
    assert user.actions == 3 + 6, user.log
