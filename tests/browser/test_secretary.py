"""The branch secretary registers a member, then holds a committee meeting from notice to locked minutes."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.harness import unique

pytestmark = pytest.mark.browser


def id_number(birth: str, serial: str) -> str:
    """A resident identity number with its check digit (GB 11643): area 110101, birth date, serial."""
    body = f"110101{birth}{serial}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def beijing_today() -> str:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def test_secretary_registers_a_member(user, page):
    name = f"李{unique()}"
    user.sign_in("no1-secretary")
    expect(page.locator("h1")).to_contain_text("第一中学")

    user.click(page.locator(".sidenav").get_by_role("link", name="党员名册"))
    user.click(page.get_by_role("link", name="登记党员"))
    user.fill("input[name=name]", name)
    user.select("select[name=gender]", label="女")
    # an even 17th digit: a woman's number (the member form checks the sex against it)
    user.fill("input[name=id_number]", id_number("19900307", f"{int(name[1:], 16) % 500 * 2:03d}"))
    user.fill("input[name=joined_on]", "2015-07-01")
    user.fill("input[name=converted_on]", "2016-07-01")
    user.submit(page.get_by_role("button", name="保存"))
    expect(page.locator(".flash")).to_contain_text(f"已登记党员 {name}。")
    expect(page.locator("main")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("正式党员")
    assert user.actions == 3 + 8, user.log


def test_secretary_holds_a_committee_meeting_and_finalises_the_minutes(user, page):
    title = f"研究发展对象审查 {unique()}"
    user.sign_in("no1-secretary")

    # The notice.
    user.click(page.locator(".sidenav").get_by_role("link", name="三会一课"))
    user.click(page.get_by_role("link", name="安排会议"))
    user.select("select[name=type]", label="支部委员会会议（每月）")
    user.fill("input[name=title]", title)
    user.fill("input[name=place]", "学校会议室")
    user.fill("input[name=starts_at]", f"{beijing_today()}T14:00")
    user.submit(page.get_by_role("button", name="发布会议通知"))
    expect(page.locator(".flash")).to_contain_text("会议通知已发布")
    expect(page.locator("h1")).to_contain_text(title)
    assert user.actions == 3 + 7, user.log

    # Attendance: one committee member absent, with the reason.
    attendance = page.locator("form", has=page.get_by_role("button", name="登记出席"))
    first = attendance.locator("tbody tr").first
    absent = first.locator("td").first.inner_text().strip()
    user.check(first.get_by_label("缺席", exact=True))
    user.fill(first.locator("input[name^=reason_]"), "外出培训")
    user.submit(attendance.get_by_role("button", name="登记出席"))
    expect(page.locator(".flash")).to_contain_text("出席情况已登记。")
    expect(page.locator("h1")).to_contain_text("已召开")
    expect(attendance.locator("tbody tr").first.get_by_label("缺席", exact=True)).to_be_checked()
    expect(attendance.locator("tbody tr").first.locator("input[name^=reason_]")).to_have_value("外出培训")

    # The minutes: a draft, then locked.
    user.fill("textarea[name=summary]", "审查发展对象材料，同意提交支部大会讨论。")
    user.submit(page.get_by_role("button", name="保存草稿"))
    expect(page.locator("main")).to_contain_text("草稿")
    user.submit(page.get_by_role("button", name="定稿并锁定"))   # asks first (data-confirm): accepted, 1 action
    expect(page.locator("main")).to_contain_text("已定稿（锁定）")
    expect(page.locator("main")).to_contain_text("审查发展对象材料，同意提交支部大会讨论。")
    expect(page.get_by_role("button", name="定稿并锁定")).to_have_count(0)
    assert absent
    assert user.actions == 10 + 3 + 4, user.log   # + the confirmation of 定稿并锁定
