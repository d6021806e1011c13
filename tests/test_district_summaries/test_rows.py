"""The summary rows: the same figures as the per-school hooks, refreshed by events and by the day, a
statement count that does not grow with the district, and a rebuild equal to the incremental rows."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


from core import context, summaries
from core.demo import SCHOOLS, create_demo
from core.plugins import Alert
from tenants import services as tenants
from tenants.district import gather
from tests.test_district_summaries import _member, per_school_hooks, rows, statements_of


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

    def measure() -> int:
        assert client.get("/district/").status_code == 200   # warm-up: some of the new schools' rows computed,
        summaries.refresh_job(k)                                # the rest by the worker,
        assert client.get("/district/").status_code == 200   # and all of them decoded in the process
        with statements_of(k) as statements:
            page = client.get("/district/")
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
