"""The district inspector: the audit console filtered, one event, a record compared at two moments, seals verified."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
BEIJING = ZoneInfo("Asia/Shanghai")


def moment(value: datetime) -> str:
    """A datetime-local field's text, in Beijing time (the time every page shows)."""
    return value.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M:%S")


def test_inspector_filters_opens_an_event_travels_in_time_and_verifies_seals(user, page, server):
    user.sign_in("inspector")
    user.click(page.locator(".topnav").get_by_role("link", name="督查审计"))
    expect(page.locator("h1")).to_contain_text("督查审计")

    # The console narrowed to one school and one kind of event.
    user.select("select[name=school]", label="第一中学")
    user.select("select[name=event_type]", label="会议·记录定稿")
    user.submit(page.get_by_role("button", name="筛选"))
    rows = page.locator("table.table tbody tr")
    expect(rows.first).to_contain_text("会议·记录定稿")
    assert rows.count() >= 1
    for text in rows.all_inner_texts():
        assert "会议·记录定稿" in text and "第一中学" in text, text
    assert user.actions == 3 + 1 + 3, user.log

    # One event: what it says, who did it, what it stores.
    user.submit(rows.first.locator("td").nth(3).get_by_role("link"))
    expect(page.locator("h1")).to_contain_text("事件详情")
    expect(page.locator("main")).to_contain_text("会议记录定稿")
    expect(page.get_by_role("heading", name="存储的内容")).to_be_visible()

    # Its record at two moments: before the demo district existed, and now.
    user.submit(page.locator("dl.kv").get_by_role("link").first)
    before = server.demo_made_after or datetime.now(BEIJING).replace(hour=0, minute=0, second=0)
    user.fill("input[name=at]", moment(before))
    user.fill("input[name=compare]", moment(datetime.now(BEIJING)))
    user.submit(page.get_by_role("button", name="时间回溯"))
    comparison = page.locator("section", has=page.get_by_role("heading", name="两个时刻对比"))
    expect(comparison).to_be_visible()
    expect(comparison.get_by_role("heading", name="变化了什么")).to_be_visible()
    expect(comparison).to_contain_text("会议记录定稿")     # who changed it, and how
    expect(comparison.locator("table tbody tr").first).not_to_contain_text("两个时刻之间没有变化")
    assert user.actions == 7 + 5, user.log

    # The seals: every log in the inspector's scope verified against its signed checkpoints.
    user.click(page.locator(".topnav").get_by_role("link", name="督查审计"))
    user.submit(page.get_by_role("button", name="校验全部"))
    expect(page.locator(".flash")).to_contain_text("全部与封存一致。")
    expect(page.locator(".flash-danger")).to_have_count(0)
    assert user.actions == 12 + 2, user.log
