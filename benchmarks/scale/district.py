"""A district of any size, generated quickly: one real school (the demo generators of every plugin, then
members registered through the services up to the size asked), and every other school a copy of the real
school's read-model rows and district summaries, inserted with one multi-row INSERT per table and batch
(a copy has no event log: nothing a page of the district or a statement of another school's projection
reads is missing, and generating 2,000 schools takes seconds, not the hours the services would)."""
from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

import os
import sqlite3

from sqlalchemy import Integer, String, Uuid, cast, func, insert, literal, select, true, union_all

from core import context
from core.auth import services as accounts
from core.db import metadata
from core.db import projection_positions as positions
from core.summaries import changes, school_summaries
from core.tenancy.models import schools
from plugins.members import public as members
from plugins.members.rules import id_check_digit
from tenants import services as tenants

TARGET = "target"
PASSWORD = "bench-password"
PER_BATCH = 100   # schools copied by one INSERT … SELECT per table
# Rows that belong to a person or an account, not to a school's records: not copied.
NOT_COPIED = {"core_role_grants", "members_accounts", "meetings_profiles"}
NAMESPACE = uuid.UUID("6f1c1a52-54a8-4d4e-9d0e-5c3a0b7e2a19")


def _member(i: int) -> dict:
    first17 = f"650102{1960 + i // 1000 % 40}0101{i % 1000:03d}"   # a region the demo does not draw
    return {"name": f"党员{i}", "gender": "male", "id_number": first17 + id_check_digit(first17),
            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1), "job_post": "教师"}


def real_school(k, members_wanted: int) -> list:
    """The school every page is measured at: the demo's year of every plugin, then members registered
    up to ``members_wanted`` (at least 51, who attend); the ids of its members on the roll."""
    today = k.today()
    with context.acting(context.system("bench", source="demo")):
        accounts.create_user(k, "admin", "区级管理员", PASSWORD)
        accounts.grant_role(k, "admin", "district_admin")
        tenants.create_school(k, TARGET, "测试学校", plugins=k.registry.optional(),
                              records_from=today - timedelta(days=400))
        accounts.create_user(k, "secretary", "支部书记", PASSWORD)
        accounts.grant_role(k, "secretary", "secretary", TARGET)
        with k.deferred_projections():
            k.hooks(TARGET).zhibu_demo_data(tenant=TARGET, today=today, rng=random.Random(20261130))
        k.catch_up()
        have = len(_roster(k))
        with k.deferred_projections():
            for i in range(max(members_wanted, 51) - have):
                members.register_member(k, TARGET, _member(i))
        k.catch_up()
    return _roster(k)


def _roster(k) -> list:
    return [m.id for m in members.list_members(k, TARGET)]


def _copyable():
    for table in metadata.sorted_tables:
        if "tenant" in table.c and table.name not in NOT_COPIED:
            skip = {c.name for c in table.primary_key.columns
                    if isinstance(c.type, Integer) and c.autoincrement is True}
            yield table, [c.name for c in table.columns if c.name not in skip]


def _share_log(k, slugs: list[str]) -> None:
    """Each copy's log is the real school's, read-only: a hard link to its SQLite file, or views of its
    PostgreSQL tables (the console reads the stored event behind each row of the audit index)."""
    config = k.stores.config
    if config.is_postgres:
        schema = config.schema or "public"
        with k.engine.begin() as conn:
            for slug in slugs:
                for kind in ("events", "snapshots"):
                    conn.exec_driver_sql(f'CREATE VIEW "{schema}".zb_{slug}_{kind} AS '
                                         f'SELECT * FROM "{schema}".zb_{TARGET}_{kind}')
        return
    folder = config.instance_path / "events"
    with sqlite3.connect(folder / f"{TARGET}.sqlite") as conn:   # everything in the main file first
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for slug in slugs:
        os.link(folder / f"{TARGET}.sqlite", folder / f"{slug}.sqlite")


def drop_shared_logs(k, count: int) -> None:
    """The copies' views, a few hundred per transaction (one DROP SCHEMA … CASCADE of 4,000 views
    runs PostgreSQL out of lock slots)."""
    if not k.stores.config.is_postgres:
        return
    schema = k.stores.config.schema or "public"
    for first in range(0, count, 200):
        with k.engine.begin() as conn:
            for n in range(first, min(count, first + 200)):
                for kind in ("events", "snapshots"):
                    conn.exec_driver_sql(f'DROP VIEW IF EXISTS "{schema}".zb_s{n:04d}_{kind}')


def _remap(conn, copies, column):
    """The copy's own id for an id of the real school, the same in every table that holds it."""
    if conn.dialect.name == "postgresql":
        return cast(func.md5(copies.c.slug + cast(column, String)), Uuid)
    return func.zb_remap(copies.c.slug, column)


def _copy_statement(conn, table, names, copies, today):
    picked = []
    for name in names:
        column = table.c[name]
        if name == "tenant":
            picked.append(copies.c.slug)
        elif table is school_summaries and name in ("stale", "day", "shard", "seq"):
            picked.append({"stale": literal(False), "day": literal(today), "shard": copies.c.shard,
                           "seq": literal(0)}[name])   # stamped before any counter moved
        elif isinstance(column.type, Uuid):
            picked.append(_remap(conn, copies, column))
        else:
            picked.append(column)
    return insert(table).from_select(names, select(*picked).select_from(table.join(copies, true()))
                                     .where(table.c.tenant == TARGET))


def copies(k, count: int) -> int:
    """``count`` schools more, each a copy of the real school's read-model rows (ids made new and kept
    consistent across tables) and of its fresh district summaries, by INSERT … SELECT; the rows inserted."""
    with k.engine.connect() as conn:
        caught_up = [dict(r._mapping) for r in conn.execute(select(positions).where(positions.c.log == TARGET))]
        per_school = sum(conn.scalar(select(func.count()).select_from(table).where(table.c.tenant == TARGET))
                         for table, _names in _copyable())
    now, today = datetime.now(timezone.utc), k.today()
    inserted = 0
    for first in range(0, count, PER_BATCH):
        slugs = [f"s{n:04d}" for n in range(first, min(count, first + PER_BATCH))]
        with k.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.connection.driver_connection.create_function(
                    "zb_remap", 2, lambda slug, v: None if v is None else uuid.uuid5(NAMESPACE, slug + v).hex,
                    deterministic=True)
            conn.execute(insert(schools), [dict(slug=slug, id=uuid.uuid4(), name=f"学校{slug}", version=1,
                                                created_at=now) for slug in slugs])
            conn.execute(insert(positions), [{**p, "log": slug} for p in caught_up for slug in slugs])
            copies_ = union_all(*[select(literal(slug, String).label("slug"),
                                         literal(changes.shard_of(slug), Integer).label("shard"))
                                  for slug in slugs]).subquery("copies")
            for table, names in _copyable():
                conn.execute(_copy_statement(conn, table, names, copies_, today))
            changes.move(conn, [changes.REGISTRY])   # schools added: a reader reads every school again
            inserted += per_school * len(slugs)
        _share_log(k, slugs)
    if k.engine.dialect.name == "postgresql":   # what autovacuum does after a bulk load (the visibility map
        # too, which index-only scans read: the test server runs without autovacuum)
        with k.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    return inserted
