"""The command layer against raw inserts of the same rows."""
from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

import psycopg

from core import context
from core.eventstore import DISTRICT
from plugins.members import services as members
from benchmarks.core.common import COMMANDS, ROUNDS, _drop, _make_app, _member_fields


def commands_vs_raw(workdir: Path, pg_url: str | None) -> list[tuple]:
    """Commands in rounds, each followed by the raw replay of the rows it wrote, so that a slow
    moment of a shared machine falls on both sides."""
    backend = "PostgreSQL" if pg_url else "SQLite"
    app, k, schema = _make_app(workdir, pg_url, "cmd")
    ours = raw = 0.0
    ratios: list[float] = []   # each round's raw time ÷ command time: a busy moment falls on one round
    try:
        with app.app_context(), context.acting(context.system("bench", source="bench")):
            from tenants import services as tenants
            tenants.create_school(k, "bench", "基准学校", plugins=[])
            members.register_member(k, "bench", _member_fields(0))  # warm up
            replay = _RawReplay(workdir, pg_url, schema, k, logs=(DISTRICT, "bench"))
            for first in range(1, COMMANDS + 1, COMMANDS // ROUNDS):
                commands, round_ours = [], 0.0
                for i in range(first, first + COMMANDS // ROUNDS):
                    before = replay.marks()  # where each log stood, read outside the timed command
                    started = time.perf_counter()
                    member = members.register_member(k, "bench", _member_fields(i))
                    round_ours += time.perf_counter() - started
                    commands.append((member.id, before, replay.marks()))
                round_raw = replay.replay(commands)
                ours, raw = ours + round_ours, raw + round_raw
                ratios.append(round_raw / round_ours)
            replay.close()
    finally:
        k.close()
        _drop(pg_url, schema)
    ours, raw = COMMANDS / ours, COMMANDS / raw
    return [
        ("commands/s through the command layer (register a member: context, the district's roll claim, the "
         "school's ID-number register and the member saved together, projection catch-up of both logs)",
         backend, f"{ours:,.0f}/s", "—"),
        ("raw INSERT+COMMIT of the same rows (each command's event rows per log, then its roster, history, "
         "movement, audit-index and Merkle-leaf rows, copied from the run above) into tables of the same schema and indexes",
         backend, f"{raw:,.0f}/s", "—"),
        ("command layer ÷ raw (median of the rounds' ratios; each round's commands, then their raw replay)",
         backend, f"{statistics.median(ratios):.2f}×",
         "≥ 0.5× SQLite, ≥ 0.4× PostgreSQL (issue 19.8; the previous release: 0.45× / 0.31×)"),
    ]


# What one registration writes to the read model, by the column that names the member; its audit-index and leaf
# rows are found by the notifications it stored.
_READ_ROWS = (("members_members", "id"), ("members_history", "member_id"), ("members_movements", "member_id"))


class _RawReplay:
    """Replays, with the driver alone, everything the command layer wrote: per command, for each log it
    stored events in (the district's roll claim, then the school's register and member), one
    INSERT+COMMIT of those event rows into that log's table, then its read-model rows (roster, history,
    movement, and an audit-index and a Merkle-leaf row per event) and a COMMIT, into fresh tables of the same definitions
    (same indexes), with the same settings."""

    def __init__(self, workdir: Path, pg_url: str | None, schema: str, k, logs: tuple[str, ...]):
        self.k, self.logs, self.postgres = k, logs, bool(pg_url)
        self.log_tables = {log: k.stores.log(log).recorder.events_table_name for log in logs}
        reads = (*(t for t, _ in _READ_ROWS), "audit_events", "audit_leaves")
        if pg_url:
            self.source = psycopg.connect(pg_url, options=f"-csearch_path={schema}", autocommit=True)
            self.mark, self.key = "%s", str   # values travel as text, as the driver would send them
            self.source.execute(f'CREATE SCHEMA "{schema}_raw"')
            for table in (*self.log_tables.values(), *reads):
                self.source.execute(f'CREATE TABLE "{schema}_raw".{table} (LIKE {table} INCLUDING ALL)')
            raw = psycopg.connect(pg_url, options=f"-csearch_path={schema}_raw")
            self.log_sources = {log: self.source for log in logs}
            self.events, self.reads = {log: raw for log in logs}, raw
            self.reads_source, self.notification = self.source, "notification_id"
        else:
            events = k.store_config.instance_path / "events"
            self.mark, self.key = "?", (lambda member_id: member_id.hex)
            self.log_sources = {log: sqlite3.connect(events / f"{log}.sqlite") for log in logs}
            self.reads_source = sqlite3.connect(k.engine.url.database)
            self.notification = "rowid"
            self.events = {}
            for log in logs:      # one file per log, as eventsourcing keeps them
                conn = self.events[log] = sqlite3.connect(workdir / f"raw-{log}.sqlite", isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                for (ddl,) in self.log_sources[log].execute(
                        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name = ?",
                        (self.log_tables[log],)).fetchall():
                    conn.execute(ddl)
            self.reads = sqlite3.connect(workdir / "raw-reads.sqlite")                          # as core.db
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "cache_size=-32000"):
                self.reads.execute(f"PRAGMA {pragma}")
            for (ddl,) in self.reads_source.execute(
                    f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND "
                    f"tbl_name IN ({', '.join('?' * len(reads))})", reads).fetchall():
                self.reads.execute(ddl)

    def marks(self) -> dict[str, int]:
        """The last notification id of each log (taken before and after each command)."""
        return {log: self.k.stores.log(log).recorder.max_notification_id() or 0 for log in self.logs}

    def _rows(self, commands: list[tuple]) -> list[tuple[list, list]]:
        """Each command's (event rows per log, read rows), as the command layer stored them."""
        stored = {log: {row[0]: row[1:] for row in self.log_sources[log].execute(
            f"SELECT {self.notification}, {self._text('originator_id')}, originator_version, topic, state "
            f"FROM {self.log_tables[log]} WHERE {self.notification} > {self.mark}",
            (min(b[log] for _, b, _ in commands),)).fetchall()} for log in self.logs}
        member_rows: dict = {}
        for table, column in _READ_ROWS:
            names = [c for c in _columns(self.reads_source, table, self.postgres) if c != "id" or table == "members_members"]
            statement = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join([self.mark] * len(names))})"
            for row in self.reads_source.execute(f"SELECT {', '.join(map(self._text, names))} FROM {table}").fetchall():
                member_rows.setdefault(row[names.index(column)], []).append((statement, row))
        names = _columns(self.reads_source, "audit_events", self.postgres)
        audit_insert = (f"INSERT INTO audit_events ({', '.join(names)}) "
                        f"VALUES ({', '.join([self.mark] * len(names))})")
        audit = {(row[names.index("tenant")], row[names.index("notification_id")]): row
                 for row in self.reads_source.execute(f"SELECT {', '.join(map(self._text, names))} FROM audit_events")}
        leaf_insert = f"INSERT INTO audit_leaves (log, notification_id, hash) VALUES ({', '.join([self.mark] * 3)})"
        leaves = {(row[0], row[1]): row for row in self.reads_source.execute(
            f"SELECT log, {self._text('notification_id')}, hash FROM audit_leaves")}
        out = []
        for member_id, before, after in commands:
            per_log, reads = [], list(member_rows.get(self.key(member_id), ()))
            for log in self.logs:
                ids = [i for i in stored[log] if before[log] < i <= after[log]]
                per_log.append((log, [stored[log][i] for i in ids]))
                reads += [(audit_insert, audit[(log, i if not self.postgres else str(i))]) for i in ids]
                reads += [(leaf_insert, leaves[(log, i if not self.postgres else str(i))]) for i in ids]
            if len(reads) < len(_READ_ROWS) + 2 * sum(len(rows) for _, rows in per_log):
                raise RuntimeError("the raw baseline did not find every row the commands wrote")
            out.append((per_log, reads))
        return out

    def _text(self, column: str) -> str:
        """PostgreSQL: read each value as its text (JSON, UUIDs and times go back in as they came)."""
        return f"{column}::text" if self.postgres else column

    def replay(self, commands: list[tuple]) -> float:
        """Insert the rows of these commands as they did; the seconds it took."""
        prepared = self._rows(commands)
        inserts = {log: (f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
                         f"VALUES ({', '.join([self.mark] * 4)})") for log, table in self.log_tables.items()}
        reads = self.reads
        started = time.perf_counter()
        for per_log, read_rows in prepared:
            for log, rows in per_log:
                if not rows:
                    continue
                events = self.events[log]
                if self.postgres:
                    events.cursor().executemany(inserts[log], rows)
                    events.commit()
                else:
                    events.execute("BEGIN")
                    events.executemany(inserts[log], rows)
                    events.execute("COMMIT")
            if self.postgres:  # as the projector's transactions (core.projections.batches.unhurried)
                reads.execute("SET LOCAL synchronous_commit = off")
            for statement, row in read_rows:
                reads.execute(statement, row)
            reads.commit()
        return time.perf_counter() - started

    def close(self) -> None:
        conns = [self.reads_source, self.reads, *self.log_sources.values(), *self.events.values()]
        for conn in {id(c): c for c in conns}.values():
            conn.close()


def _columns(conn, table: str, postgres: bool) -> list[str]:
    if postgres:
        return [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE "
                                           "table_name = %s AND table_schema = current_schema() "
                                           "ORDER BY ordinal_position", (table,))]
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
