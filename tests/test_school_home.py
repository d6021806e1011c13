"""The school home page reads its alerts from the school's summaries (core.summaries), the rows the
district dashboard reads: the same alerts as the district sees and as the plugins' hooks answer, grouped
by kind with the rest one link away, refreshed when the day changes without a new event, and a
statement count that does not grow with the school's members."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import event

from core import context, summaries
from core.demo import SCHOOLS, create_demo
from core.hookspecs import hookimpl
from core.plugins import Alert, PluginInfo, alert_kind, flatten
from plugins.members import services as members
from tests.test_district_summaries import Calendar
from tests.test_hook_calls import _id_number

ALERT = re.compile(r'<li class="alert alert-(\w+)( alert-more)?">(.*?)</li>', re.S)
TAG = re.compile(r"<[^>]+>")
DUE = re.compile(r'\s*<span class="muted small">（[^<]*）</span>')


def _plain(body: str) -> str:
    return html.unescape(TAG.sub("", DUE.sub("", body))).strip()


class Many:
    """A plugin with twenty alerts of one kind and one of another, at every school."""

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="many", title="多项提醒", always_on=True, order=997)

    @hookimpl
    def zhibu_alerts(self, tenant, today):
        return [*(Alert("warning", f"第 {i} 名党员的事项未办（规则第 {i} 条）", source="many", due=date(2026, 12, i),
                        endpoint="shell.school_home", values={"tenant": tenant}) for i in range(1, 21)),
                Alert("danger", "一项危急事项", source="many")]


@pytest.fixture
def extra_plugins():
    return (Calendar(), Many())


def shown_alerts(client, slug: str) -> tuple[list[str], list[str]]:
    """The alerts' sentences on the home page, and the links to each kind's page."""
    page = client.get(f"/t/{slug}/")
    assert page.status_code == 200
    lines, more = [], []
    for _level, is_more, body in ALERT.findall(page.get_data(as_text=True)):
        if is_more:
            more.append(html.unescape(re.search(r'href="([^"]+)"', body).group(1)))
        else:
            lines.append(_plain(body))
    return lines, more


def every_alert(client, slug: str) -> list[str]:
    """The sentences of every alert the user may see: the home page's and, for a kind of many, its page's."""
    lines, more = shown_alerts(client, slug)
    shown_kinds = []
    for link in more:
        page = client.get(link)
        assert page.status_code == 200
        found = [_plain(body) for _l, _m, body in ALERT.findall(page.get_data(as_text=True))]
        shown_kinds.append(found)
        lines = [line for line in lines if line not in found]
    return sorted(lines + [f for found in shown_kinds for f in found])


def test_the_home_page_shows_the_alerts_the_district_sees_and_the_hooks_give(k, clock, login_as):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS)
    for slug, _name in SCHOOLS:
        direct = flatten(k.hooks(slug).zhibu_alerts(tenant=slug, today=k.today()))
        _figures, stored = summaries.read(k, [slug])
        assert stored[slug] == direct and direct          # the district's rows, the hook's answer
        # the district administrator sees the alerts whose action the role holds (and may open their pages)
        seen = every_alert(login_as("district_admin"), slug)
        assert seen == sorted(str(a.text) for a in direct
                              if a.action is None or "district_admin" in k.permissions.get(a.action, ()))


def test_alerts_of_one_kind_are_counted_with_the_rest_on_their_own_page(k, clock, tenant, login_as):
    client = login_as("secretary", tenant)
    lines, more = shown_alerts(client, tenant)
    assert lines[0] == "一项危急事项"                       # the most urgent first
    many = [line for line in lines if "名党员的事项未办" in line]
    assert len(many) == 3 and many[0].startswith("第 1 名党员")   # the most urgent three of the kind
    kind = alert_kind(Alert("warning", "", source="many", endpoint="shell.school_home"))
    assert f"/t/{tenant}/alerts?kind={kind}" in more
    page = client.get(f"/t/{tenant}/alerts?kind={kind}").get_data(as_text=True)
    assert all(f"第 {i} 名党员的事项未办（规则第 {i} 条）" in page for i in range(1, 21))   # each with its reason
    assert "同类另有 17 条" in client.get(f"/t/{tenant}/").get_data(as_text=True)
    assert client.get(f"/t/{tenant}/alerts?kind=nothing:danger:-").status_code == 404
    assert client.get(f"/t/{tenant}/alerts").status_code == 404


def test_the_home_page_changes_with_the_day_without_a_new_event(k, clock, tenant, login_as):
    client = login_as("secretary", tenant)
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc))
    assert "今天是 2026-11-23" in client.get(f"/t/{tenant}/").get_data(as_text=True)
    clock.set(datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc))   # no worker, no event: the page computes it
    page = client.get(f"/t/{tenant}/").get_data(as_text=True)
    assert "今天是 2026-11-24" in page and "今天是 2026-11-23" not in page
    clock.set(datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc))
    assert summaries.refresh_job(k) > 0                            # the worker's round on the new day
    assert "今天是 2026-11-25" in client.get(f"/t/{tenant}/").get_data(as_text=True)


def _register(k, tenant, numbers):
    with context.acting(context.system("test", source="test")):
        with k.deferred_projections():
            for n in numbers:
                members.register_member(k, tenant, {
                    "name": f"党员{n}", "gender": "male", "id_number": _id_number(n),
                    "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})
    k.catch_up()


def test_the_home_page_costs_the_same_statements_for_20_and_for_200_members(k, clock, tenant, login_as,
                                                                          steady_modules):
    client = login_as("secretary", tenant)
    statements = []

    def count(*_args):
        statements.append(1)

    def measure() -> int:
        assert client.get(f"/t/{tenant}/").status_code == 200   # warm-up: the stale summaries are computed
        statements.clear()
        event.listen(k.engine, "before_cursor_execute", count)
        try:
            assert client.get(f"/t/{tenant}/").status_code == 200
        finally:
            event.remove(k.engine, "before_cursor_execute", count)
        return len(statements)

    _register(k, tenant, range(500, 520))
    few = measure()
    _register(k, tenant, range(520, 700))
    assert measure() == few
