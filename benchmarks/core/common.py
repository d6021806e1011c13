"""What the core benchmarks share: sizes, a member's fields, an app on a fresh store."""
from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import psycopg

from core.app import create_app
from plugins.members.rules import id_check_digit


COMMANDS = 1500
ROUNDS = 10
REBUILD_EVENTS = 20000
REBUILD_RUNS = 3
LOAD_REQUESTS = 1200
LOAD_CONCURRENCY = 8
ROOT = Path(__file__).resolve().parents[2]   # the checkout (benchmarks/core/common.py)


def _member_fields(i: int) -> dict:
    first17 = f"110105{1960 + (i // 1000) % 40}0101{i % 1000:03d}"  # unique for i < 40,000
    return {"name": f"成员{i}", "gender": "male", "id_number": first17 + id_check_digit(first17),
            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1), "job_post": "教师"}


def _make_app(workdir: Path, pg_url: str | None, tag: str):
    schema = ""
    if pg_url:
        schema = f"zb_bench_{tag}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app({"INSTANCE_PATH": str(workdir / tag), "DATABASE_URL": pg_url, "DATABASE_SCHEMA": schema,
                      "SECRET_KEY": "bench"})
    k = app.extensions["zhibu"]
    k.init_storage()
    return app, k, schema


def _drop(pg_url, schema):
    if pg_url and schema:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}_raw" CASCADE')
