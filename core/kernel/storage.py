"""The read model's tables, created and kept in the shape the code declares (the explicit init step).

A release may change a plugin's read model: a column added or dropped, a table added to a projection
that has run for months. ``create_all`` only creates what is missing, so such a table would answer
with an error (a column it lacks) or stay empty while its projection's position says it is up to
date. At init, every projection's tables are compared with the database; a plugin whose tables
differ is **rebuilt as a whole**: its tables dropped and created again, its projections' positions
set back to zero, so the next catch-up (at the app's start, or the worker's) replays the logs into
them. The logs are never touched. New indexes on unchanged tables are simply created.
"""
from __future__ import annotations

import logging

from sqlalchemy import delete, inspect, select, text, update

from core.db import metadata, projection_failures, projection_positions

logger = logging.getLogger("zhibu")


def plugin_of(projection) -> str:
    return projection.name.split(".", 1)[0]


def columns_of(conn, tables: set[str]) -> dict[str, set[str]]:
    """Each existing table's column names: on PostgreSQL in one query (init runs at every start)."""
    if conn.dialect.name == "postgresql":
        out: dict[str, set[str]] = {t: set() for t in tables}
        for table, column in conn.execute(text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()")):
            out.setdefault(table, set()).add(column)
        return out
    inspector = inspect(conn)
    return {t: {c["name"] for c in inspector.get_columns(t)} for t in tables}


def reshaped_plugins(conn, projections, existing: set[str]) -> set[str]:
    """The plugins (by their projections' name prefix) whose declared tables differ from the database:
    a column more or less, or a table missing while one of the plugin's projections has moved on."""
    columns = columns_of(conn, existing)
    moved = set()
    if projection_positions.name in existing:
        moved = set(conn.scalars(select(projection_positions.c.projection)
                                 .where(projection_positions.c.position > 0).distinct()))
    out = set()
    for projection in projections:
        for table in projection.tables:
            if table.name in existing:
                if columns[table.name] != {c.name for c in table.columns}:
                    out.add(plugin_of(projection))
            elif projection.name in moved:
                out.add(plugin_of(projection))
    return out


def init_tables(engine, projections) -> set[str]:
    """Create what is missing, rebuild the read model of every plugin whose tables changed shape, and
    create indexes declared since a table was created. The plugins rebuilt."""
    existing = set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        reshaped = reshaped_plugins(conn, projections, existing)
        mine = [p for p in projections if plugin_of(p) in reshaped]
        tables = {t.name: t for p in mine for t in p.tables}
        for table in reversed(metadata.sorted_tables):
            if table.name in tables and table.name in existing:
                table.drop(conn)
                existing.discard(table.name)
        names = [p.name for p in mine]
        if names and projection_positions.name in existing:
            conn.execute(update(projection_positions).where(projection_positions.c.projection.in_(names))
                         .values(position=0))
            conn.execute(delete(projection_failures).where(projection_failures.c.projection.in_(names)))
    for plugin in sorted(reshaped):
        logger.warning("the %s plugin's read model changed shape: its tables were created again and are "
                       "rebuilt from the logs at the next catch-up", plugin)
    metadata.create_all(engine)
    with engine.begin() as conn:  # indexes declared since an existing table was created
        inspector = inspect(conn)
        for table in metadata.sorted_tables:
            if table.name in existing:
                have = {i["name"] for i in inspector.get_indexes(table.name)}
                for index in table.indexes:
                    if index.name not in have:
                        index.create(conn)
    return reshaped
