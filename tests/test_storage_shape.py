"""A release that changes a plugin's read model keeps every number true on an existing store: at init a
plugin whose tables differ from what the code declares (a column more or less, a table added to a
projection that has run for months) has its read model created again and rebuilt from the logs; an
unchanged store rebuilds nothing (core/kernel/storage.py). Runs on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, inspect, select, text

from plugins.members import models, services


def _register(k, tenant, n):
    from plugins.members.rules import id_check_digit  # noqa: PLC0415
    for i in range(n):
        first17 = f"11010519800101{i:03d}"
        services.register_member(k, tenant, {"name": f"党员{i}", "gender": "female",
                                             "id_number": first17 + id_check_digit(first17),
                                             "joined_on": date(2015, 3, 1), "converted_on": date(2016, 3, 1)})


def _count(k, tenant):
    with k.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(models.members).where(models.members.c.tenant == tenant))


def test_an_unchanged_store_rebuilds_nothing(k, tenant, actor):
    _register(k, tenant, 2)
    assert k.init_storage() == set()
    assert _count(k, tenant) == 2


def test_a_table_missing_under_a_running_projection_is_created_and_filled_from_the_logs(k, tenant, actor):
    _register(k, tenant, 3)
    with k.engine.begin() as conn:      # the previous release had no such table
        models.members.drop(conn)
    assert k.init_storage() == {"members"}
    k.catch_up()
    assert _count(k, tenant) == 3


def test_a_column_the_code_no_longer_declares_rebuilds_the_plugins_read_model(k, tenant, actor):
    _register(k, tenant, 3)
    with k.engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE {models.members.name} ADD COLUMN legacy_note VARCHAR(10) NOT NULL DEFAULT 'x'"))
    assert k.init_storage() == {"members"}
    assert "legacy_note" not in {c["name"] for c in inspect(k.engine).get_columns(models.members.name)}
    assert _count(k, tenant) == 0       # emptied, and its position set back: the next catch-up fills it
    k.catch_up()
    assert _count(k, tenant) == 3
    assert k.init_storage() == set()    # rebuilt once: the next start finds it in shape


def test_district_summaries_of_another_shape_are_dropped_and_computed_again(k, tenant, actor):
    """``core_school_summaries`` is no projection's: stored in another shape (an earlier release's, without
    the counters' stamps), it is dropped at init and the worker's round computes every row again."""
    from core import summaries  # noqa: PLC0415
    assert summaries.refresh_job(k) > 0
    with k.engine.begin() as conn:
        conn.execute(text("ALTER TABLE core_school_summaries ADD COLUMN legacy_note VARCHAR(10) NOT NULL DEFAULT 'x'"))
    k.init_storage()
    assert "legacy_note" not in {c["name"] for c in inspect(k.engine).get_columns("core_school_summaries")}
    assert summaries.refresh_job(k) > 0
    assert summaries.refresh_job(k) == 0
