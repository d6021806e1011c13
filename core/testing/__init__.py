"""Zhibu's pytest plugin: shared fixtures for the core's and every plugin's tests.

The store is real: SQLite files in a temporary folder, or, when ZHIBU_TEST_DATABASE_URL names a
PostgreSQL server, a schema per test, as empty as a new one (core.testing.schemas). Shortcuts that
make each test's app cheap to build without changing what it does: core.testing.speed.
"""
from __future__ import annotations

import os
import re
import threading
import uuid
from datetime import date, datetime, timezone

import pytest
from flask import request as current, request_finished

from core import context
from core.app import create_app
from core.auth import passwords
from core.auth import services as accounts
from core.testing import speed
from core.testing.schemas import Schemas, build_app
from core.testing.pages import (  # noqa: F401  (the tests import them from core.testing)
    PASSWORD, ApiClient, csrf_token, field_message, image_bytes, login,
)
from tenants import services as tenants



def pytest_configure(config):
    speed.install(passwords)
    config.addinivalue_line("markers", "api: the test calls the API with a bearer token (api_as); `make test` "
                                       "runs these again with inline projections off and a worker")
    config.addinivalue_line("markers", "covers(*operations): the API write operations ('POST /api/v1/…' as in the "
                                       "OpenAPI document) the test must get a 2xx answer from (api_writes fixture)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed   # api_writes checks a coverage only when the test itself passed
    return report


def pytest_collection_modifyitems(items):
    for item in items:
        if "api_as" in getattr(item, "fixturenames", ()):
            item.add_marker("api")




@pytest.fixture(scope="session")
def postgres_schemas():
    """The PostgreSQL schemas of this pytest process (core.testing.schemas); None on SQLite."""
    url = os.environ.get("ZHIBU_TEST_DATABASE_URL")
    if not url:
        yield None
        return
    schemas = Schemas(url)
    try:
        yield schemas
    finally:
        schemas.close()


@pytest.fixture
def database(request, postgres_schemas):
    """(url, schema) of the store under test: SQLite (None, "") or an empty PostgreSQL schema (for a
    test that uses ``app``, one emptied after an earlier test and ready as init_storage leaves it)."""
    if postgres_schemas is None:
        yield None, ""
        return
    schema = postgres_schemas.take(initialised="app" in request.fixturenames)
    try:
        yield postgres_schemas.url, schema
    finally:
        postgres_schemas.give_back(schema)


@pytest.fixture
def extra_plugins():
    """Plugins a test module adds to the app (override this fixture in the module)."""
    return ()


class BackgroundWorker:
    """``zhibu worker`` in a thread: catches every log up every few milliseconds, as the separate
    worker process does beside several gunicorn workers. Errors it meets are kept for the test."""

    def __init__(self, k):
        self.k, self.errors, self.rounds = k, [], 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="zhibu-test-worker", daemon=True)

    def _run(self):
        while not self._stop.wait(0.02):
            try:
                self.k.catch_up_everything()
                self.rounds += 1
            except Exception as exc:  # noqa: BLE001  (reported by stop())
                self.errors.append(exc)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=30)
        assert not self.errors, f"the background worker failed: {self.errors[:3]}"


@pytest.fixture
def app(tmp_path, database, extra_plugins, postgres_schemas):
    """The app on a fresh store. With ZHIBU_TEST_WORKER=1 it runs as the multi-worker deployment does:
    inline projections off and a worker catching up every log beside the requests."""
    url, schema = database
    application = build_app(create_app, postgres_schemas, schema, extra_plugins=extra_plugins, config={
        "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": url, "DATABASE_SCHEMA": schema,
        "SECRET_KEY": "test-secret", "TESTING": True,
        "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
    })
    k = application.extensions["zhibu"]
    worker = None
    if os.environ.get("ZHIBU_TEST_WORKER") == "1":
        k.inline_projections = False
        worker = BackgroundWorker(k).start()
    try:
        with application.app_context():
            yield application
    finally:
        if worker is not None:
            worker.stop()
        k.close()


@pytest.fixture
def k(app):
    """The kernel of the app under test."""
    return app.extensions["zhibu"]


@pytest.fixture
def clock(k):
    """A settable clock: ``clock.set(datetime)``; starts at 2026-11-23 10:00 Beijing time."""
    class Clock:
        now = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)

        def set(self, value: datetime):
            self.now = value if value.tzinfo else value.replace(tzinfo=timezone.utc)

        def __call__(self):
            return self.now

    c = Clock()
    k.clock = c
    return c


@pytest.fixture
def steady_modules(monkeypatch):
    """The enabled modules read once, not again every ``ENABLED_TTL`` seconds: a test counting a page's
    statements would otherwise count that read for one request and not another (21 against 22)."""
    monkeypatch.setattr("core.kernel.schools.ENABLED_TTL", 3600.0)


@pytest.fixture
def wall_clock(k):
    """The operational clock of sessions and sign-in throttling, settable like ``clock``; starts now."""
    class WallClock:
        now = datetime.now(timezone.utc)

        def set(self, value: datetime):
            self.now = value if value.tzinfo else value.replace(tzinfo=timezone.utc)

        def __call__(self):
            return self.now

    c = WallClock()
    k.wall_clock = c
    return c


@pytest.fixture
def actor():
    """Run the test's direct service calls as a system actor."""
    with context.acting(context.system("test", source="test")) as ctx:
        yield ctx


@pytest.fixture
def make_tenant(k):  # a school keeps its records in Zhibu since 2000 unless records_from says (None: today)
    def make(slug=None, name=None, plugins=None, records_from: date | None = date(2000, 1, 1)) -> str:
        slug = slug or f"s{uuid.uuid4().hex[:8]}"
        with context.acting(context.system("test", source="test")):
            tenants.create_school(k, slug, name or f"测试学校{slug}", records_from=records_from,
                                  plugins=k.registry.optional() if plugins is None else plugins)
        return slug
    return make


@pytest.fixture
def tenant(make_tenant):
    return make_tenant("school-a", "第一中学")


@pytest.fixture
def other_tenant(make_tenant):
    return make_tenant("school-b", "实验小学")


@pytest.fixture
def make_user(k):
    def make(role: str | None = None, tenant: str | None = None, username: str | None = None) -> str:
        username = username or f"u{uuid.uuid4().hex[:8]}"
        with context.acting(context.system("test", source="test")):
            accounts.create_user(k, username, f"用户{username}", PASSWORD)
            if role:
                accounts.grant_role(k, username, role, tenant)
        return username
    return make


@pytest.fixture
def login_as(app, make_user):
    """``login_as(role, tenant)`` → a Flask test client signed in as a new user with that role."""
    def make(role: str | None, tenant: str | None = None, username: str | None = None):
        client = app.test_client()
        name = make_user(role, tenant, username)
        response = login(client, name)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        client.username = name
        client.csrf = lambda: csrf_token(client)
        return client
    return make


@pytest.fixture
def api_as(app, k, make_user):
    """``api_as(role, tenant)`` → an API client with a bearer token for a new user with that role."""
    def make(role: str | None, tenant: str | None = None):
        name = make_user(role, tenant)
        with context.acting(context.system("test", source="test")):
            token = accounts.issue_token(k, name, "test")
        api = ApiClient(app.test_client(), token)
        api.username = name
        return api
    return make


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def operation(method: str, rule: str) -> str:
    """'POST /api/v1/t/{tenant}/…': a Flask URL rule spelled as the OpenAPI document spells its path."""
    return method + " " + _RULE_ARGUMENT.sub(r"{\1}", rule)


@pytest.fixture
def api_writes(app, request):
    """The API write operations answered 2xx during the test. At the end, every operation the test
    declares with ``@pytest.mark.covers(...)`` must be among them, so a declared coverage is a proven one."""
    answered: set[str] = set()

    def record(sender, response, **extra):
        if (current.method in WRITE_METHODS and current.url_rule is not None
                and current.path.startswith("/api/") and 200 <= response.status_code < 300):
            answered.add(operation(current.method, current.url_rule.rule))

    request_finished.connect(record, app)
    try:
        yield answered
    finally:
        request_finished.disconnect(record, app)
    marker = request.node.get_closest_marker("covers")
    if getattr(request.node, "call_failed", True):
        return
    declared = set(marker.args) if marker else set()
    assert not declared - answered, f"declared but never answered 2xx: {sorted(declared - answered)}"


@pytest.fixture
def catch_up(k):
    """Run every projection to the end of every log."""
    return k.catch_up
