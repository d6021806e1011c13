"""The test fixtures' shortcuts change nothing a test sees (core.testing.speed, core.testing.schemas).

The app a test gets serves the same OpenAPI document and builds the same URLs as an app built without
the shortcuts (in another process, ZHIBU_TEST_FAST=0); a PostgreSQL schema handed out again after a
test is as empty as a new one, and one the test changed otherwise is dropped, never handed out again.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import url_for
from sqlalchemy import func, select, text

from core import context
from core.app import create_app
from core.auth.passwords import hash_password, verify_password
from core.db import metadata
from core.eventstore import DISTRICT
from core.testing import speed
from core.testing.schemas import Schemas, build_app
from tenants import services as tenants

ROOT = Path(__file__).resolve().parent.parent

WHAT_AN_APP_SHOWS = """
import json, sys, tempfile
from flask import url_for
from core.app import create_app
from tests.test_suite_shortcuts import every_url
app = create_app(config={"INSTANCE_PATH": tempfile.mkdtemp() + "/instance", "SECRET_KEY": "x", "TESTING": True})
with app.app_context():
    document = app.test_client().get("/api/openapi.json").get_json()
    json.dump({"document": document, "urls": every_url(app)}, sys.stdout)
"""


def every_url(app) -> list:
    """Every rule of the app, built with made-up arguments and an unknown one (a query string)."""
    built = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
            values = {name: 7 if "Integer" in type(rule._converters[name]).__name__ else "x7"
                      for name in rule.arguments if name in rule._converters}
            try:
                built.append(url_for(rule.endpoint, **values, extra="q"))
            except Exception as exc:  # noqa: BLE001  (a rule these values cannot build: its error)
                built.append(type(exc).__name__)
    return built


def test_the_app_serves_the_document_and_builds_the_urls_of_an_app_built_without_shortcuts(app):
    assert speed.enabled(), "run with the shortcuts (ZHIBU_TEST_FAST unset) to compare them"
    env = {**os.environ, "ZHIBU_TEST_FAST": "0", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", WHAT_AN_APP_SHOWS], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    without = json.loads(done.stdout)
    assert app.test_client().get("/api/openapi.json").get_json() == without["document"]
    assert every_url(app) == without["urls"]


def test_a_second_app_builds_its_own_urls(tmp_path):
    first = create_app(config={"INSTANCE_PATH": str(tmp_path / "a"), "SECRET_KEY": "x", "TESTING": True})
    second = create_app(config={"INSTANCE_PATH": str(tmp_path / "b"), "SECRET_KEY": "x", "TESTING": True})
    with second.test_request_context(base_url="http://other.example/base/"):
        assert url_for("shell.index", _external=True).startswith("http://other.example/base/")
    with first.test_request_context():
        assert url_for("shell.index", _external=True).startswith("http://localhost/")
    for application in (first, second):
        application.extensions["zhibu"].close()


def test_password_hashes_stay_salted_scrypt():
    one, two = hash_password("test-password-1"), hash_password("test-password-1")
    assert one.startswith("scrypt:") and one != two
    assert verify_password(one, "test-password-1") and not verify_password(one, "test-password-2")


@pytest.fixture
def schemas():
    url = os.environ.get("ZHIBU_TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL only: on SQLite every test has a new temporary folder")
    pool = Schemas(url)
    yield pool
    pool.close()


def _open(tmp_path, pool, schema):
    application = build_app(create_app, pool, schema, config={
        "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x", "TESTING": True,
        "DATABASE_URL": pool.url, "DATABASE_SCHEMA": schema})
    return application, application.extensions["zhibu"]


def test_a_schema_handed_out_again_is_as_empty_as_a_new_one(tmp_path, schemas):
    schema = schemas.take(initialised=True)
    application, k = _open(tmp_path, schemas, schema)
    with application.app_context(), context.acting(context.system("test", source="test")):
        tenants.create_school(k, "school-a", "第一中学", plugins=k.registry.optional())
    with k.engine.begin() as conn:   # a sequence used by an insert that rolled back
        conn.execute(text("SELECT nextval(pg_get_serial_sequence('core_login_failures', 'id'))"))
    assert "school-a" in k.tenant_slugs()
    k.close()
    schemas.give_back(schema)
    assert schemas.take(initialised=True) == schema and schemas.is_ready(schema)

    application, k = _open(tmp_path, schemas, schema)
    try:
        assert k.tenant_slugs() == [] and k.is_initialised()
        with k.engine.connect() as conn:
            tables = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s"),
                                      {"s": schema}).scalars())
            assert not any("school_a" in t for t in tables)
            assert set(metadata.tables) <= tables
            for name in metadata.tables:
                assert conn.execute(select(func.count()).select_from(metadata.tables[name])).scalar() == 0, name
            assert conn.execute(text("SELECT nextval(pg_get_serial_sequence('core_login_failures', 'id'))")
                                ).scalar() == 1
        with application.app_context(), context.acting(context.system("test", source="test")):
            tenants.create_school(k, "school-b", "实验小学", plugins=k.registry.optional())
        first = k.stores.log(DISTRICT).recorder.select_notifications(start=1, limit=1)
        assert first and first[0].id == 1
    finally:
        k.close()
    schemas.give_back(schema)


def test_a_schema_the_test_changed_otherwise_is_dropped(tmp_path, schemas):
    schema = schemas.take(initialised=True)
    application, k = _open(tmp_path, schemas, schema)
    with k.engine.begin() as conn:
        conn.execute(text("CREATE FUNCTION zt_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'"))
    k.close()
    schemas.give_back(schema)
    assert schema not in schemas.free
    import psycopg  # noqa: PLC0415
    with psycopg.connect(schemas.url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()[0] == 0
