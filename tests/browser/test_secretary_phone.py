"""The branch secretary on a phone (375×812): the meetings list and a meeting's page fit the screen.

No sideways scrolling of the page itself (document scrollWidth ≤ 375 + 1 px of rounding): a table wider
than the phone scrolls inside its own ``.table-scroll`` box."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SCREEN = 375


def assert_fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter(e => !e.closest('.table-scroll') || e.classList.contains('table-scroll'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert width <= SCREEN + 1, f"{page.url}: page {width} px wide on a {SCREEN} px phone; too wide: {wide}"
    for box in page.locator(".table-scroll").all():
        if box.is_visible():
            assert box.bounding_box()["width"] <= SCREEN + 1, page.url   # the box fits; its table scrolls in it


def test_secretary_meetings_fit_a_phone(phone_user, phone):
    user, page = phone_user, phone
    user.sign_in("no1-secretary")
    user.click(page.get_by_role("button", name="菜单"))
    user.click(page.locator("#sidenav").get_by_role("link", name="三会一课"))
    meetings = page.locator("main .table-scroll table tbody tr")
    expect(meetings.first).to_be_visible()
    assert_fits_the_screen(page)

    held = meetings.filter(has_text="已召开").first
    title = held.locator("a").first.inner_text().strip()
    user.click(held.locator("a").first)
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("main .table-scroll").first).to_be_visible()
    assert_fits_the_screen(page)
    assert user.actions == 3 + 3, user.log
