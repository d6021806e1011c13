"""The dashboard follows the district (core.summaries.follow, tenants.overview): after a write in some
schools it reads and derives again only what they changed, and shows exactly what a page derived
afresh shows — to every viewer only their schools, and another process's writes too."""
from __future__ import annotations

import importlib
import re
from datetime import date, timedelta

import pytest

from core import context
from core.app import create_app
from core.hookspecs import hookimpl
from core.plugins import Alert, Figure, PluginInfo
from core.summaries import follow, mark_stale
from core.testing import login
from plugins.audit import services as audit
from tenants import overview
from tests.test_district_summaries import Calendar, _member, statements_of

TOKEN = re.compile(r'name="csrf_token" value="[^"]*"')
SET: dict[str, dict] = {}   # slug → what the tally plugin answers for it: n, extra (a figure more), levels


class Tally:
    """A plugin whose figures and alerts the test sets school by school (a change that is not an event,
    marked as an audit result is: ``mark_stale``)."""

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="tally", title="计数", always_on=True, order=997)

    @hookimpl
    def zhibu_district_figures(self, tenant, today):
        wanted = SET.get(tenant, {})
        n = wanted.get("n", 1)
        extra = [Figure("tally.extra", "新指标", n * 2, "名", order=0)] if wanted.get("extra") else []
        return [*extra, Figure("tally.n", "计数", n, "项", "warning" if n > 3 else "ok")]

    @hookimpl
    def zhibu_alerts(self, tenant, today):
        wanted = SET.get(tenant, {})
        return [Alert(level, f"{tenant} 的{level}事项 {i}", source="tally",
                      due=today + timedelta(days=i - wanted.get("early", 0)))
                for level in wanted.get("levels", ()) for i in range(1, wanted["n"] + 1)]


@pytest.fixture
def extra_plugins():
    return (Calendar(), Tally())


@pytest.fixture(autouse=True)
def fresh_tally():
    SET.clear()
    yield
    SET.clear()


def _set(k, slug: str, **values) -> None:
    SET[slug] = {**SET.get(slug, {}), **values}
    with k.engine.begin() as conn:
        mark_stale(conn, slug, "tally")


def _second_app(k, database, clock):
    """Another process on the same store: its own app, kernel and everything it holds."""
    url, schema = database
    other = create_app({"INSTANCE_PATH": str(k.store_config.instance_path), "DATABASE_URL": url,
                        "DATABASE_SCHEMA": schema, "SECRET_KEY": "test-secret", "TESTING": True,
                        "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False},
                       extra_plugins=(Calendar(), Tally()))
    other.extensions["zhibu"].clock = clock
    return other


def _forget(k) -> None:
    """Drop everything a process holds of the district's summaries: its next page derives afresh."""
    read = importlib.import_module("core.summaries.read")   # the module, not the function of that name
    for held in (follow._FOLLOWED, overview._HELD, read._CACHES):
        held.pop(k, None)


def _pages(client, urls) -> list[str]:
    out = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url   # 404: no school has that kind of alert
        out.append(TOKEN.sub("", response.get_data(as_text=True)))
    return out


URLS = ["/district/", "/district/?sort=tally.n&dir=desc", "/district/?fig=tally.n&bucket=0",
        "/district/alerts?kind=tally:danger:-", "/district/alerts?kind=calendar:info:-"]


def test_after_writes_in_several_schools_and_a_new_day_the_page_is_the_one_derived_afresh(
        app, k, clock, make_tenant, login_as, database):
    slugs = [make_tenant(f"f{n}", f"跟随{n}", plugins=[]) for n in range(5)]
    admin = login_as("district_admin")
    other_app = _second_app(k, database, clock)
    afresh = other_app.test_client()
    assert login(afresh, admin.username).status_code == 302
    other = other_app.extensions["zhibu"]
    assert "跟随4" in admin.get("/district/").get_data(as_text=True)
    district = follow._FOLLOWED[k]

    def same_as_afresh(step: str) -> list[str]:
        seen = _pages(admin, URLS)
        _forget(other)
        assert _pages(afresh, URLS) == seen, step
        return seen

    _member(k, slugs[0], 1)                                            # an event in one school
    after = same_as_afresh("a member registered")
    assert 'href="/district/?fig=tally.n' in after[0]
    _set(k, slugs[1], n=5, levels=["danger", "warning"])               # alerts of new kinds
    assert "f1 的danger事项 1" in same_as_afresh("alerts appear")[3]
    _set(k, slugs[2], extra=True)                                      # a figure only one school has
    assert "新指标" in same_as_afresh("a column appears")[0]
    _set(k, slugs[3], n=5, levels=["danger"])
    _member(k, slugs[4], 2)
    same_as_afresh("two schools at once")
    _set(k, slugs[4])                                                  # computed again, to the same
    same_as_afresh("nothing shown changed")
    _set(k, slugs[3], n=2)                                             # fewer of a kind, not its example
    same_as_afresh("fewer alerts of a kind")
    _set(k, slugs[3], early=3)                                         # a later school's alert more urgent
    assert "f3 的danger事项 1" in same_as_afresh("a new example")[0]
    _set(k, slugs[3], early=0, n=4)                                    # the example's school changes again
    assert "f1 的danger事项 1" in same_as_afresh("the example back")[0]
    _set(k, slugs[1], levels=[], n=2)                                  # a kind left by one school
    _set(k, slugs[2], extra=False)                                     # and the column gone again
    same_as_afresh("alerts and a column gone")
    assert follow._FOLLOWED[k] is district and district.step > 0       # followed, never read afresh
    clock.set(clock.now + timedelta(days=1))                           # a new day: every row due
    same_as_afresh("a new day")
    _set(k, slugs[0], n=7, levels=["warning"])
    _member(k, slugs[0], 3)
    page = same_as_afresh("a write on the new day")[0]
    assert f"{(date(2026, 12, 31) - k.today()).days}" in page
    other.close()


def test_a_page_after_a_write_reads_what_changed_not_the_district(app, k, make_tenant, login_as):
    """The schools, their modules and the other schools' rows are not read again after a write."""
    slugs = [make_tenant(f"g{n}", plugins=[]) for n in range(4)]
    admin = login_as("district_admin")
    admin.get("/district/")
    _member(k, slugs[2], 1)
    with statements_of(k) as statements:
        assert admin.get("/district/").status_code == 200
    every_school = [s for s in statements if ("FROM tenants_schools" in s or "FROM tenants_plugins" in s)
                    and not re.search(r"WHERE tenants_\w+\.(tenant|slug) = ", s)]   # the school's own hooks may
    assert not every_school
    read = [s for s in statements if s.startswith("SELECT") and "FROM core_school_summaries" in s]
    assert read and all("core_school_summaries.shard =" in s or "core_school_summaries.tenant IN" in s
                        for s in read), read


def test_a_school_limited_viewer_follows_only_their_schools(app, k, make_tenant, login_as):
    slugs = [make_tenant(f"h{n}", f"受限{n}", plugins=[]) for n in range(4)]
    inspector, admin = login_as("inspector"), login_as("district_admin")
    with context.acting(context.system("test", source="test")):
        audit.create_assignment(k, inspector.username, slugs[:2], date(2026, 1, 1), date(2026, 12, 31))
    admin.get("/district/")
    first = inspector.get("/district/").get_data(as_text=True)
    assert "受限0" in first and "受限2" not in first
    _set(k, slugs[2], n=9, levels=["danger"])                          # another's school
    page = inspector.get("/district/").get_data(as_text=True)
    assert TOKEN.sub("", page) == TOKEN.sub("", first)
    assert "h2 的danger事项" in admin.get("/district/").get_data(as_text=True)
    assert inspector.get("/district/alerts?kind=tally:danger:-").status_code == 404
    _set(k, slugs[1], n=8, levels=["danger"])                          # their own
    page = inspector.get("/district/").get_data(as_text=True)
    assert "h1 的danger事项" in page and "受限2" not in page and "h2 的danger事项" not in page
    drill = inspector.get("/district/alerts?kind=tally:danger:-").get_data(as_text=True)
    assert "受限1" in drill and "受限2" not in drill
    with context.acting(context.system("test", source="test")):       # their schools change, no summary
        more = audit.create_assignment(k, inspector.username, [slugs[2]], date(2026, 1, 1), date(2026, 12, 31))
    assert "h2 的danger事项" in inspector.get("/district/").get_data(as_text=True)
    with context.acting(context.system("test", source="test")):
        audit.revoke_assignment(k, more.id, "结束")
    assert "受限2" not in inspector.get("/district/").get_data(as_text=True)


def test_another_process_writes_show_up_on_a_page_that_follows(app, k, clock, make_tenant, login_as, database):
    slugs = [make_tenant(f"p{n}", f"进程{n}", plugins=[]) for n in range(3)]
    admin = login_as("district_admin")
    other_app = _second_app(k, database, clock)
    there = other_app.test_client()
    assert login(there, admin.username).status_code == 302
    there.get("/district/")                                            # the other process follows the district
    _set(k, slugs[1], n=6, levels=["warning"])                         # written by this one
    _member(k, slugs[2], 1)
    assert "p1 的warning事项 1" in there.get("/district/").get_data(as_text=True)
    assert "进程1" in there.get("/district/alerts?kind=tally:warning:-").get_data(as_text=True)
    assert _pages(there, URLS) == _pages(admin, URLS)
    other_app.extensions["zhibu"].close()
