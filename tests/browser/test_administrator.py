"""The district administrator opens a school, enables a module for it and appoints its secretary."""
import pytest
from playwright.sync_api import expect

from tests.browser.harness import unique

pytestmark = pytest.mark.browser


def test_administrator_creates_a_school_enables_a_module_and_appoints_a_secretary(user, page):
    slug = unique("hq")
    name, secretary = f"红旗小学{slug[2:]}", f"{slug}-secretary"
    user.sign_in("admin")
    expect(page.get_by_role("heading", name="区级总览")).to_be_visible()

    # A new school (every optional module starts enabled).
    user.click(page.locator(".topnav").get_by_role("link", name="学校管理"))
    expect(page.get_by_role("heading", name="新建学校")).to_be_visible()
    user.fill("#slug", slug)
    user.fill("#name", name)
    user.submit(page.get_by_role("button", name="创建"))
    expect(page.locator(".flash")).to_contain_text(f"学校 {name} 已创建，所有可选模块默认启用。")
    expect(page.get_by_role("heading", name=name)).to_be_visible()

    # The school chooses without the integrity module first, then enables it.
    integrity = page.locator(".plugin-row", has=page.locator("code", has_text="integrity"))
    user.submit(integrity.get_by_role("button", name="停用"))   # asks first (data-confirm): accepted, 1 action
    expect(page.locator(".flash")).to_contain_text("模块已停用")
    expect(integrity).to_contain_text("未启用")
    user.submit(integrity.get_by_role("button", name="启用"))
    expect(page.locator(".flash")).to_contain_text("模块已启用。")
    expect(integrity.locator(".badge").first).to_have_text("已启用")

    # Its secretary: an account, then the role in this school.
    user.click(page.locator(".topnav").get_by_role("link", name="用户管理"))
    user.fill("#u-username", secretary)
    user.fill("#u-display_name", "王红")
    user.fill("#u-password", "hongqi-password-1")
    user.submit(page.get_by_role("button", name="创建"))
    user.fill("#g-username", secretary)
    user.select("#g-role", label="支部书记")
    user.select("#g-tenant", label=f"{name}（{slug}）")   # the school by its name, its code beside it
    user.submit(page.get_by_role("button", name="授予"))
    row = page.locator("tr", has_text=secretary)
    expect(row).to_contain_text("王红")
    expect(row).to_contain_text("支部书记")
    assert user.actions == 3 + 4 + 1 + 2 + 9, user.log   # + the confirmation of 停用

    # The secretary signs in and lands on the new school's workbench, with the module just enabled.
    user.submit(page.get_by_role("button", name="退出"))
    user.sign_in(secretary, "hongqi-password-1")
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator(".sidenav")).to_contain_text("廉洁")
    assert user.actions == 19 + 1 + 3, user.log
