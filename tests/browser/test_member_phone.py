"""A member on a phone (375×812): the school home page, their own page "我的" through the menu, and their dues.

"我的" (/t/<tenant>/me) gathers the member's own records from every module: dues, meetings and
attendance, commitments…; on a phone the side navigation sits behind the "菜单" button of the top bar.
"""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
OWN_DUES_NOTICE = re.compile(r"您已连续 \d+ 个月未交纳党费，请尽快向党小组长或组织委员交纳。")
OWN_SECTIONS = ("我的党费", "我的会议与出席", "我的承诺")


def open_member_own_page(user, tenant: str) -> None:
    """The member's own page "我的": the menu (button "菜单" of the top bar), then 我的 (2 actions)."""
    page = user.page
    menu = page.get_by_role("button", name="菜单")
    expect(menu).to_have_attribute("aria-controls", "sidenav")
    expect(page.locator("#sidenav")).to_be_hidden()   # on a phone the navigation waits behind the button
    user.click(menu)
    expect(menu).to_have_attribute("aria-expanded", "true")
    user.click(page.locator("#sidenav").get_by_role("link", name="我的", exact=True))
    expect(page).to_have_url(re.compile(rf"/t/{tenant}/me$"))
    expect(page.locator("h1")).to_contain_text("我的")
    for title in OWN_SECTIONS:
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def test_member_sees_own_page_and_dues_on_a_phone(phone_user, phone):
    user, page = phone_user, phone
    user.sign_in("no1-member")
    # Signing in lands on the school home page: what concerns this member first, their own dues and
    # the next meeting they are expected at.
    expect(page).to_have_url(re.compile(r"/t/no1/$"))
    expect(page.get_by_text(OWN_DUES_NOTICE)).to_be_visible()
    expect(page.get_by_role("heading", name="会议通知")).to_be_visible()
    assert user.actions == 3, user.log

    open_member_own_page(user, "no1")
    dues = page.locator("section", has=page.get_by_role("heading", name="我的党费", exact=True))
    expect(dues).to_contain_text("应交未交")
    expect(dues).to_contain_text(re.compile(r"\d{4}-\d{4}"))   # their receipts
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1   # no sideways scrolling
    assert user.actions == 5, user.log

    # Their dues: the branch's public statement, their own line among it, readable on the phone.
    user.click(dues.get_by_role("link", name=re.compile("党费收缴公示")))
    heading = page.get_by_text(re.compile(r"第一中学党支部 \d{4} 年度党费收缴情况公示"))
    expect(heading).to_be_in_viewport()
    expect(page.locator("table tbody tr").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1   # no sideways scrolling
    assert user.actions == 6, user.log


def test_member_own_page_fits_a_phone_screen(phone_user, phone):
    phone_user.sign_in("no1-member")
    open_member_own_page(phone_user, "no1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # The side menu no longer takes the screen: hidden behind "菜单" until asked for.
    sidenav = phone.locator(".sidenav")
    assert not sidenav.is_visible() or sidenav.bounding_box()["width"] < 375 / 2
