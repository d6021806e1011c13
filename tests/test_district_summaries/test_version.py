"""The dashboard's version (``core.summaries.version``): one statement that moves with every change a
reader could see, so that a page after a page reads no school's rows."""
from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import event, inspect

from core import summaries
from tenants.district import gather
from tests.test_district_summaries import _member, rows


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
