"""The core shows a widget, an alert or a roster section only to whoever holds the action it declares and
may open the page it links to; navigation only to whoever may open the page (core.permissions.shown)."""
from __future__ import annotations

import pytest

from core.hookspecs import hookimpl
from core.plugins import Alert, NavItem, PluginInfo


class Hints:
    """A plugin whose home-page alerts and navigation test the rule."""

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="hints", title="提示", description="tests only")

    @hookimpl
    def zhibu_alerts(self, tenant, today):
        return [Alert("warning", "提示甲：某人连续欠交党费", action="dues.arrears"),
                Alert("warning", "提示乙：请查看欠交名单", url=f"/t/{tenant}/dues/arrears"),
                Alert("info", "提示丙：人人可见"),
                Alert("info", "提示丁：请查看党费公示", url=f"/t/{tenant}/dues/publication"),
                Alert("info", "提示戊：链接不存在", url=f"/t/{tenant}/no-such-page"),
                Alert("info", "提示己：欠交名单（按端点）", endpoint="dues.arrears", values={"tenant": tenant}),
                Alert("info", "提示庚：党费公示（按端点）", endpoint="dues.publication", values={"tenant": tenant}),
                Alert("info", "提示辛：端点不存在", endpoint="dues.no_such_page", values={"tenant": tenant})]

    @hookimpl
    def zhibu_nav_items(self, tenant, user):
        return [NavItem(label="提示：欠交名单", endpoint="dues.arrears", order=99),
                NavItem(label="提示：党费公示", endpoint="dues.publication", order=99)]


@pytest.fixture
def extra_plugins():
    return (Hints(),)


def test_a_member_sees_only_alerts_and_links_meant_for_them(tenant, login_as):
    page = login_as("member", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "提示丙" in page and "提示丁" in page and "提示：党费公示" in page
    for hidden in ("提示甲", "提示乙", "提示戊", "提示：欠交名单"):
        assert hidden not in page, hidden


def test_the_committee_sees_the_alerts_that_name_people(tenant, login_as):
    page = login_as("org", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    for shown in ("提示甲", "提示乙", "提示丙", "提示丁", "提示：欠交名单", "提示：党费公示"):
        assert shown in page, shown
    assert "提示戊" not in page   # a link that leads nowhere is not shown to anyone


def test_an_alert_named_by_endpoint_links_there_and_is_shown_to_whoever_may_open_it(tenant, login_as):
    member = login_as("member", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert f'<a href="/t/{tenant}/dues/publication">提示庚：党费公示（按端点）</a>' in member
    assert "提示己" not in member and "提示辛" not in member
    org = login_as("org", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert f'<a href="/t/{tenant}/dues/arrears">提示己：欠交名单（按端点）</a>' in org
    assert "提示辛" not in org     # an endpoint that does not exist leads nowhere: never shown
