"""A member on a phone (375×812): their own page, and their dues.

There is no "我的" page yet: ``open_member_own_page`` opens what a member has today (the school's
home page, where signing in lands). When "我的" exists (/t/<tenant>/me or similar), point that one
helper at it and tighten what it checks; the journeys below stay as they are.
"""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
OWN_DUES_NOTICE = re.compile(r"您已连续 \d+ 个月未交纳党费，请尽快向党小组长或组织委员交纳。")


def open_member_own_page(user, tenant: str) -> None:
    """The member's own page. TODAY: the school home page signing in lands on (no action needed);
    LATER: the "我的" page, e.g. ``user.click(page.get_by_role("link", name="我的"))``."""
    page = user.page
    expect(page).to_have_url(re.compile(rf"/t/{tenant}/$"))
    expect(page.locator("h1")).to_contain_text("党支部工作台")


def test_member_sees_own_page_and_dues_on_a_phone(phone_user, phone):
    user, page = phone_user, phone
    user.sign_in("no1-member")
    open_member_own_page(user, "no1")
    # What concerns this member first: their own dues, and the next meeting they are expected at.
    notice = page.get_by_text(OWN_DUES_NOTICE)
    expect(notice).to_be_visible()
    expect(page.get_by_role("heading", name="会议通知")).to_be_visible()
    assert user.actions == 3, user.log

    # Their dues: the branch's public statement, their own line among it, readable on the phone.
    user.click(page.locator("main").get_by_role("link", name="党费公示"))
    heading = page.get_by_text(re.compile(r"第一中学党支部 \d{4} 年度党费收缴情况公示"))
    expect(heading).to_be_in_viewport()
    expect(page.locator("table tbody tr").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375   # no sideways scrolling
    assert user.actions == 4, user.log


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="observed 2026-11-30: on a 375 px phone the school home page is about "
                                       "590 px wide (sideways scrolling) and the 200 px side menu takes more "
                                       "than half the screen; strict, so the fix turns this red: drop the mark")
def test_member_own_page_fits_a_phone_screen(phone_user, phone):
    phone_user.sign_in("no1-member")
    open_member_own_page(phone_user, "no1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.locator(".sidenav").bounding_box()["width"] < 375 / 2
