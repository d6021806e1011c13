"""Projections: a user sees their own write; rebuild from zero equals the incremental read models."""
import random
from datetime import date

from sqlalchemy import Integer, event, func, select

from core.db import metadata, projection_positions
from core.projections import projector
from core.summaries import marks as summary_marks
from core.demo import create_demo
from core.eventstore import DISTRICT
from plugins.members import services
from plugins.members.models import members
from plugins.members.rules import id_check_digit


def snapshot(k) -> dict:
    """Every read-model row, minus surrogate autoincrement ids, in a stable order."""
    tables = {}
    with k.engine.connect() as conn:
        for table in metadata.sorted_tables:
            # The summaries' counters count changes (core.summaries.changes): a rebuild is changes too.
            if table is projection_positions or table.name in ("core_login_failures", "core_summary_clock"):
                continue
            cols = [c for c in table.columns
                    if not (c.primary_key and isinstance(c.type, Integer) and c.autoincrement in (True, "auto")
                            and len(table.primary_key.columns) == 1)]
            rows = conn.execute(select(*cols)).all()
            tables[table.name] = sorted((tuple(map(repr, r)) for r in rows))
    return tables


def test_rebuild_from_zero_equals_incremental_read_models(k, clock):
    create_demo(k, progress=lambda _m: None)
    incremental = snapshot(k)
    assert incremental["members_members"], "the demo should have produced members"
    for log_name in [DISTRICT, *k.tenant_slugs()]:
        k.projector.rebuild(log_name)
    assert snapshot(k) == incremental


def test_rebuilding_one_projection_replays_it_alone(k, clock):
    from plugins.audit.models import events as audit_index
    create_demo(k, progress=lambda _m: None)
    incremental = snapshot(k)
    with k.engine.begin() as conn:  # damage two projections' rows
        conn.execute(members.delete().where(members.c.tenant == "no1"))
        conn.execute(audit_index.delete().where(audit_index.c.tenant == "no1"))
    applied = k.projector.rebuild("no1", only={"members.roster"})
    assert applied > 0
    after = snapshot(k)
    assert after["members_members"] == incremental["members_members"]
    assert after["audit_events"] != incremental["audit_events"], "the audit index was not replayed"
    k.projector.rebuild("no1")
    assert snapshot(k) == incremental


def test_catch_up_in_batches_applies_each_event_once(k, tenant, actor, monkeypatch):
    monkeypatch.setattr("core.projections.projector.BATCH", 7)
    rng = random.Random(1)
    with k.deferred_projections():
        for i in range(30):
            first17 = f"11010519{70 + i % 20:02d}0101{rng.randint(100, 999)}"
            services.register_member(k, tenant, {"name": f"成员{i}", "gender": "male",
                                                 "id_number": first17 + id_check_digit(first17),
                                                 "joined_on": date(2010, 1, 1),
                                                 "converted_on": date(2011, 1, 1)})
    stored = len(k.stores.log(tenant).recorder.select_notifications(start=1, limit=1000))
    assert stored == 30 + 31   # each registration also enters the school's register (opened once)
    assert k.catch_up(tenant) == stored
    assert k.catch_up(tenant) == 0
    with k.engine.connect() as conn:
        assert len(conn.execute(select(members.c.id).where(members.c.tenant == tenant)).all()) == 30


def test_a_request_sees_its_own_write(tenant, login_as):
    secretary = login_as("secretary", tenant)
    response = secretary.post(f"/t/{tenant}/members/new", data={
        "name": "王五", "gender": "female", "id_number": "11010519491231002X", "joined_on": "2012-05-01",
        "converted_on": "2013-05-01", "csrf_token": secretary.csrf()}, follow_redirects=True)
    assert response.status_code == 200
    assert "王五" in response.get_data(as_text=True)


def test_a_batch_runs_with_the_cycle_collector_paused_and_leaves_it_on(k, tenant, actor):
    import gc

    from core.projections import Projection, Projector, on
    from plugins.members.domain import Member

    seen = []

    class Watching(Projection):
        name = "test.watching"

        @on(Member.Registered)
        def _registered(self, rows, e, tenant):
            seen.append(gc.isenabled())

    with k.deferred_projections():
        services.register_member(k, tenant, {"name": "甲", "gender": "male", "id_number": "11010519491231002X",
                                             "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})
    assert gc.isenabled()
    assert Projector(k.stores, k.engine, lambda _log: [Watching()]).catch_up(tenant) >= 1
    assert seen == [False]
    assert gc.isenabled()



def _fields(i: int) -> dict:
    first17 = f"11010519800101{i:03d}"
    return {"name": f"成员{i}", "gender": "male", "id_number": first17 + id_check_digit(first17),
            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)}


def test_the_logs_one_registration_wrote_are_caught_up_with_one_claim_and_one_summaries_mark(
        k, tenant, actor, monkeypatch):
    """A registration writes the district's log (the roll claim) and the school's: both are caught up in
    one transaction, their positions claimed in one statement and the school's summaries marked stale
    once, not once per log."""
    services.register_member(k, tenant, _fields(0))   # the position rows exist
    statements: list[str] = []
    direct = projector.execute_direct
    for module in (projector, summary_marks):
        monkeypatch.setattr(module, "execute_direct",
                            lambda conn, statement, rows: statements.append(str(statement)) or direct(conn, statement, rows))
    event.listen(k.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql))
    services.register_member(k, tenant, _fields(1))
    claims = [s for s in statements if s.startswith("UPDATE core_projection_positions")]
    marks = [s for s in statements if s.startswith("UPDATE core_school_summaries")]
    assert len(claims) == 1 and len(marks) == 1, statements
    with k.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(members).where(members.c.tenant == tenant)) == 2
