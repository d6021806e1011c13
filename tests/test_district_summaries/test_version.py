"""The dashboard's version (``core.summaries.version``): one statement that moves with every change a
reader could see, so that a page after a page reads no school's rows."""
from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy.exc import OperationalError

from core import summaries
from core.summaries import changes, school_summaries
from tenants.district import gather
from tests.test_district_summaries import _member, rows, statements_of


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
    with statements_of(k) as statements:
        page = client.get("/district/")
    assert page.status_code == 200 and "年内剩余天数" in page.get_data(as_text=True)
    assert len(statements) <= 5, statements
    assert not [s for s in statements if "core_school_summaries" in s]
    assert [s for s in statements if "core_summary_clock" in s] == \
        ["SELECT core_summary_clock.shard, core_summary_clock.n FROM core_summary_clock "
         "ORDER BY core_summary_clock.shard"]
    assert not [s for s in statements if "FROM tenants_schools" in s or "FROM tenants_plugins" in s]
    on_roll = _figures(client, "在册党员")
    _member(k, slugs[0], 1)
    assert _figures(client, "在册党员") == {**on_roll, slugs[0]: on_roll[slugs[0]] + 1}
    left = _figures(client, "年内剩余天数")
    assert set(left.values()) == {(date(2026, 12, 31) - k.today()).days}
    clock.set(clock.now + timedelta(days=1))
    summaries.refresh_job(k)                                     # the worker's round on the new day
    assert set(_figures(client, "年内剩余天数").values()) == {(date(2026, 12, 31) - k.today()).days}


def test_the_version_reads_the_counters_and_a_write_is_found_by_the_index_of_stamps(k, tenant, make_tenant):
    """``summaries.version`` reads the counters (a row per shard, whatever the number of schools); the
    rows a write changed are read by their counter's stamps, from the index on (shard, seq), on both
    databases."""
    other = make_tenant("other")
    gather(k, [tenant, other])
    before = summaries.version(k)
    assert len(before) == changes.SHARDS + 1
    with k.engine.begin() as conn:
        summaries.mark_stale(conn, other, "members")
    now = summaries.version(k)
    moved = [i for i, (a, b) in enumerate(zip(before, now)) if a != b]
    assert moved == [1 + changes.shard_of(other)]
    c = school_summaries.c
    statement = changes.changed_since(school_summaries, before, now, c.tenant, c.plugin)
    with k.engine.connect() as conn:
        assert conn.execute(statement).all() == [(other, "members")]
        compiled = statement.compile(conn)
        sql, parameters = str(compiled), compiled.params
        if conn.dialect.name == "sqlite":
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(parameters.values())).all()
            assert any("USING INDEX ix_core_school_summaries_changes (shard=? AND seq>?)" in row[-1]
                       for row in plan), plan
        else:
            conn.exec_driver_sql("SET enable_seqscan = off")
            plan = conn.exec_driver_sql(f"EXPLAIN {sql}", parameters).all()
            assert any("ix_core_school_summaries_changes" in row[0] for row in plan), plan


def test_on_postgresql_a_write_waits_only_for_writes_of_schools_on_its_counter(k, make_tenant):
    """The counters are no hot row for the district: a mark of a school on another counter goes through
    while a transaction that marked a school is open; one on the same counter waits for its commit (so
    a counter's stamps are given in commit order)."""
    if k.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    names = [f"c{n}" for n in range(40)]
    first = names[0]
    other = next(s for s in names if changes.shard_of(s) != changes.shard_of(first))
    same = next(s for s in names[1:] if changes.shard_of(s) == changes.shard_of(first))
    for slug in (first, other, same):
        make_tenant(slug, plugins=[])
    gather(k, [first, other, same])
    with k.engine.connect() as a, k.engine.connect() as b:
        open_a = a.begin()
        summaries.mark_stale(a, first, "members")
        with b.begin():
            b.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
            summaries.mark_stale(b, other, "members")
        waiting = b.begin()
        b.exec_driver_sql("SET LOCAL lock_timeout = '300ms'")
        with pytest.raises(OperationalError):
            summaries.mark_stale(b, same, "members")
        waiting.rollback()
        open_a.commit()
