"""The district dashboard reads each school's figures and alerts from ``core_school_summaries``
(core.summaries): the same figures and alerts as calling every plugin's hooks per school, a statement
count that does not grow with the district, rows refreshed when a school's events change or the day
changes, and a rebuild equal to the rows kept up incrementally."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, inspect, select

from core import context, summaries
from core.demo import SCHOOLS, create_demo
from core.hookspecs import hookimpl
from core.plugins import Alert, Figure, PluginInfo, flatten
from core.summaries import school_summaries
from plugins.members import services as members
from tenants import services as tenants
from tenants.district import gather
from tests.test_hook_calls import _id_number


class Calendar:
    """A plugin whose figure and alert change with the day alone."""

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="calendar", title="日历", always_on=True, order=998)

    @hookimpl
    def zhibu_district_figures(self, tenant, today):
        return [Figure("calendar.left", "年内剩余天数", (date(today.year, 12, 31) - today).days, "天")]

    @hookimpl
    def zhibu_alerts(self, tenant, today):
        return [Alert("info", f"今天是 {today.isoformat()}", source="calendar", due=today)]


@pytest.fixture
def extra_plugins():
    return (Calendar(),)


def per_school_hooks(k, slugs):
    """What the dashboard computed before the summaries: every plugin's hooks, school by school."""
    today = k.today()
    figures, found = {}, {}
    for slug in slugs:
        hooks = k.hooks(slug)
        per_school = flatten(hooks.zhibu_district_figures(tenant=slug, today=today))
        figures[slug] = {f.key: f for f in sorted(per_school, key=lambda f: (f.order, f.key))}
        found[slug] = flatten(hooks.zhibu_alerts(tenant=slug, today=today))
    return figures, found


def rows(k):
    with k.engine.connect() as conn:
        return {(r.tenant, r.plugin): r for r in conn.execute(select(school_summaries))}


def _member(k, tenant, n):
    with context.acting(context.system("test", source="test")):
        members.register_member(k, tenant, {"name": f"党员{n}", "gender": "male", "id_number": _id_number(n),
                                            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})


def test_the_demo_district_shows_the_same_figures_and_alerts_as_the_per_school_hooks(k, clock):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS)
    slugs = [slug for slug, _name in SCHOOLS]
    expected = per_school_hooks(k, slugs)
    assert sum(len(a) for a in expected[1].values()) > 0 and all(expected[0].values())
    assert gather(k, slugs) == expected          # computed into the summaries
    assert all(not r.stale for r in rows(k).values())
    assert gather(k, slugs) == expected          # read back from them, value for value
    k.catch_up()
    assert summaries.refresh_job(k) == 0         # nothing left for the worker


def test_the_dashboard_costs_the_same_statements_for_3_and_for_30_schools(k, make_tenant, login_as):
    client = login_as("district_admin")
    statements = []

    def count(*_args):
        statements.append(1)

    def measure() -> int:
        assert client.get("/district/").status_code == 200   # warm-up: some of the new schools' rows computed,
        summaries.refresh_job(k)                                # the rest by the worker,
        assert client.get("/district/").status_code == 200   # and all of them decoded in the process
        statements.clear()
        event.listen(k.engine, "before_cursor_execute", count)
        try:
            page = client.get("/district/")
        finally:
            event.remove(k.engine, "before_cursor_execute", count)
        assert page.status_code == 200 and "年内剩余天数" in page.get_data(as_text=True)
        return len(statements)

    for n in range(3):
        make_tenant(f"few{n}")
    few = measure()
    for n in range(27):
        make_tenant(f"many{n:02d}", plugins=[])
    assert measure() == few


def test_a_figure_of_the_calendar_changes_with_the_day_without_a_new_event(k, clock, tenant):
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc))
    figures, alerts = gather(k, [tenant])
    assert figures[tenant]["calendar.left"].value == 38
    before = rows(k)[(tenant, "calendar")]
    clock.set(datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc))
    assert summaries.refresh_job(k) > 0          # the worker's round on the new day
    after = rows(k)[(tenant, "calendar")]
    assert after.day == date(2026, 11, 24) and after.generation == before.generation and not after.stale
    figures, alerts = gather(k, [tenant])
    assert figures[tenant]["calendar.left"].value == 37
    assert Alert("info", "今天是 2026-11-24", source="calendar", due=date(2026, 11, 24)) in alerts[tenant]
    clock.set(datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc))   # no worker: the page computes it
    figures, alerts = gather(k, [tenant])
    assert figures[tenant]["calendar.left"].value == 36 and rows(k)[(tenant, "calendar")].day == date(2026, 11, 25)


def test_an_event_in_one_school_refreshes_its_rows_and_not_the_other_schools(k, clock, tenant, other_tenant):
    figures, _ = gather(k, [tenant, other_tenant])
    assert figures[tenant]["members.on_roll"].value == 0
    before = rows(k)
    _member(k, tenant, 1)
    marked = rows(k)
    assert marked[(tenant, "members")].stale and marked[(tenant, "calendar")].stale
    assert not any(r.stale for (slug, _p), r in marked.items() if slug == other_tenant)
    figures, _ = gather(k, [tenant, other_tenant])
    assert figures[tenant]["members.on_roll"].value == 1 and figures[other_tenant]["members.on_roll"].value == 0
    after = rows(k)
    assert not any(r.stale for r in after.values())
    for key, row in before.items():
        if key[0] == other_tenant:
            assert (after[key].updated_at, after[key].generation) == (row.updated_at, row.generation)


def test_a_summary_computed_while_a_write_lands_stays_stale(k, clock, tenant):
    gather(k, [tenant])
    row = rows(k)[(tenant, "members")]
    _member(k, tenant, 1)            # lands after the reader read the generation
    plugin = next(p for p in summaries.contributors(k) if p.name == "members")
    figures, alerts = summaries.compute(k, tenant, plugin, k.today())
    assert not summaries._store(k, tenant, "members", row.generation, k.today(), figures, alerts)
    assert rows(k)[(tenant, "members")].stale


def test_enabling_and_disabling_a_plugin_adds_and_removes_its_summary(k, clock, tenant, other_tenant):
    figures, _ = gather(k, [tenant, other_tenant])
    assert "dues.collection_rate" in figures[tenant] or any(key.startswith("dues.") for key in figures[tenant])
    with context.acting(context.system("test", source="test")):
        tenants.disable_plugin(k, tenant, "dues")
    figures, alerts = gather(k, [tenant, other_tenant])
    assert not any(key.startswith("dues.") for key in figures[tenant])
    assert any(key.startswith("dues.") for key in figures[other_tenant])
    assert not any(a.source == "dues" for a in alerts[tenant])
    summaries.refresh_job(k)
    assert (tenant, "dues") not in rows(k) and (other_tenant, "dues") in rows(k)
    with context.acting(context.system("test", source="test")):
        tenants.enable_plugin(k, tenant, "dues")
    figures, _ = gather(k, [tenant])
    assert any(key.startswith("dues.") for key in figures[tenant]) and (tenant, "dues") in rows(k)
    assert gather(k, [tenant, other_tenant]) == per_school_hooks(k, [tenant, other_tenant])


def test_a_school_reads_only_the_summaries_of_the_schools_asked_for(k, clock, tenant, other_tenant):
    _member(k, tenant, 1)
    figures, alerts = gather(k, [other_tenant])
    assert set(figures) == set(alerts) == {other_tenant}
    assert figures[other_tenant]["members.on_roll"].value == 0
    assert {slug for slug, _plugin in rows(k)} == {other_tenant}   # nothing of the other school was read


def test_rebuilding_the_summaries_equals_the_incremental_rows(k, clock, tenant, other_tenant):
    gather(k, [tenant, other_tenant])
    for n in range(3):
        _member(k, tenant, n)
        clock.set(clock.now + timedelta(days=1))
        summaries.refresh_job(k)
    _member(k, other_tenant, 9)
    summaries.refresh_job(k)
    incremental = {key: (r.day, r.figures, r.alerts, r.stale) for key, r in rows(k).items()}
    summaries.rebuild(k)
    assert {key: (r.day, r.figures, r.alerts, r.stale) for key, r in rows(k).items()} == incremental



def test_a_schools_checkpoint_marks_that_school_alone(app, k, clock, tenant, other_tenant):
    """A seal register's later checkpoints name no school (its first event does): they must mark the
    school whose log was sealed, not every school's audit row, or the next dashboard would compute
    them all again, one school at a time (found by the scaling benchmark: 6 statements, then 210 at
    200 schools once checkpoints fell due)."""
    from plugins.audit.services import seals
    key = seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])
    with context.acting(context.system("test", source="test")):
        for slug in (tenant, other_tenant):
            seals.seal_log(k, slug, key)
        _member(k, tenant, 1)
        _member(k, other_tenant, 2)
        gather(k, [tenant, other_tenant])
        assert not any(r.stale for r in rows(k).values())
        assert seals.seal_log(k, tenant, key) is not None   # the register's second checkpoint
    k.catch_up_everything()
    stale = {key for key, r in rows(k).items() if r.stale}
    assert (tenant, "audit") in stale, stale
    assert not [key for key in stale if key[0] == other_tenant]


def test_the_version_moves_with_every_change_a_reader_could_see(k, clock, tenant, make_tenant):
    """``summaries.version``: one statement that decides whether anything the dashboard derived from
    every school's summary may have changed. Each kind of change moves it; nothing else does."""
    gather(k, [tenant])
    seen = [summaries.version(k)]

    def moved() -> bool:
        now = summaries.version(k)
        changed = now != seen[-1]
        seen.append(now)
        return changed

    assert not moved()                                          # read again: the same
    with k.engine.begin() as conn:                              # a mark (not an event: an audit result)
        summaries.mark_stale(conn, tenant, "members")
    assert moved()
    gather(k, [tenant])                                         # a store clears it
    assert moved() and not rows(k)[(tenant, "members")].stale
    clock.set(clock.now + timedelta(days=1))                    # a new day: rows stored for today only
    assert not moved()
    assert summaries.refresh_job(k) > 0 and moved()
    _member(k, tenant, 1)                                       # an event of the school's log marks
    assert moved()
    gather(k, [tenant])
    assert moved()
    make_tenant("later", plugins=[])                             # an event of the district's log
    assert moved()
    summaries.rebuild(k)                                         # every row dropped and computed again
    assert moved() and len(set(seen)) == len(seen) - 2


def _figures(client, label: str) -> dict[str, object]:
    """A figure of every school, as the dashboard's export (its whole table) shows it."""
    sheet = load_workbook(BytesIO(client.get("/district/export.xlsx").data)).worksheets[0]
    header, *table = list(sheet.iter_rows(values_only=True))
    return {row[1]: row[header.index(label)] for row in table}


def test_the_dashboard_reads_no_school_while_the_version_stays(k, clock, make_tenant, login_as):
    """A page after a page: the session, the user, their roles and the version; not a school's row. A
    school's new member (a mark) and a new day computed by the worker (a store) each show at once."""
    slugs = [make_tenant(f"v{n}") for n in range(3)]
    client = login_as("district_admin")
    assert client.get("/district/").status_code == 200
    summaries.refresh_job(k)
    client.get("/district/")
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))
    event.listen(k.engine, "before_cursor_execute", record)
    try:
        page = client.get("/district/")
    finally:
        event.remove(k.engine, "before_cursor_execute", record)
    assert page.status_code == 200 and "年内剩余天数" in page.get_data(as_text=True)
    assert len(statements) <= 5, statements
    assert [s for s in statements if "core_school_summaries" in s] == \
        [s for s in statements if s.startswith("SELECT count(*) AS count_1, coalesce(sum(core_school_summaries")]
    assert not [s for s in statements if "FROM tenants_schools" in s or "FROM tenants_plugins" in s]
    on_roll = _figures(client, "在册党员")
    _member(k, slugs[0], 1)
    assert _figures(client, "在册党员") == {**on_roll, slugs[0]: on_roll[slugs[0]] + 1}
    left = _figures(client, "年内剩余天数")
    assert set(left.values()) == {(date(2026, 12, 31) - k.today()).days}
    clock.set(clock.now + timedelta(days=1))
    summaries.refresh_job(k)                                     # the worker's round on the new day
    assert set(_figures(client, "年内剩余天数").values()) == {(date(2026, 12, 31) - k.today()).days}


def test_the_version_reads_an_index_on_sqlite_and_the_index_is_not_made_on_postgresql(k, tenant):
    """SQLite reads the version's aggregate from a covering index, not the rows and their JSON (22 → 2.6 ms
    at 200 schools × 500 members); PostgreSQL has no such index (every mark would be an update that is
    not HOT) and reads the table."""
    gather(k, [tenant])
    seen = []

    def record(_conn, _cursor, statement, parameters, *_args):
        seen.append((statement, parameters))
    event.listen(k.engine, "before_cursor_execute", record)
    try:
        summaries.version(k)
    finally:
        event.remove(k.engine, "before_cursor_execute", record)
    (statement, parameters), = seen
    with k.engine.connect() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("core_school_summaries")}
        if conn.dialect.name == "sqlite":
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            assert any("USING COVERING INDEX ix_core_school_summaries_stamp" in row[-1] for row in plan), plan
        else:
            assert "ix_core_school_summaries_stamp" not in indexes
