"""The console's first page at scale (issue 19 point 5): the seal status reads each log's newest
checkpoint through the index, never every checkpoint of the year, with the same answer as before; and
the one-off costs of a new process are paid by the warm-up at app start, not by the first request."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import event, select, text
from sqlalchemy.engine.default import CACHE_MISS

from core.app import warm_up
from core.eventstore import DISTRICT
from plugins.audit.models import checkpoints, verifications
from plugins.audit.queries import scope as scopes
from plugins.audit.queries.history import logread
from plugins.audit.services import seals
from plugins.audit.tests.conftest import register
from plugins.audit.tests.test_console_reads import FILTERS, add_schools, month_of_newest


def old_seal_status(k, logs):
    """The seal status as the console read it before: every checkpoint of the logs, the newest kept."""
    with k.engine.connect() as conn:
        rows = conn.execute(select(checkpoints).where(checkpoints.c.log.in_(logs))).all()
        checks = {r.log: r for r in conn.execute(select(verifications).where(verifications.c.log.in_(logs)))}
    latest = {}
    for r in rows:
        if r.log not in latest or r.size > latest[r.log].size:
            latest[r.log] = r
    out = {}
    for log in logs:
        s, v = latest.get(log), checks.get(log)
        state = "unsealed" if s is None else ("unverified" if v is None else ("ok" if v.ok else "broken"))
        out[log] = {"state": state, "sealed_at": datetime.fromisoformat(s.signed_at) if s else None,
                    "through": s.last_notification_id if s else 0, "size": s.size if s else 0,
                    "public_key": s.public_key if s else None,
                    "verified_at": v.verified_at if v else None, "problem": v.problem if v else None,
                    "first_bad_id": v.first_bad_id if v else None, "pending": v.pending if v else None}
    return out


class Statements:
    """The statements run on the app's engine while it is listening, with their parameters."""

    def __init__(self, k):
        self.seen: list[tuple[str, object]] = []
        event.listen(k.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, parameters, _context, _many):
        self.seen.append((statement, parameters))


def test_the_seal_status_reads_one_checkpoint_per_log_whatever_their_number_and_answers_as_before(
        k, make_tenant, key, clock):
    slugs = add_schools(k, make_tenant, 0, 3, members=1)
    seals.seal_log(k, slugs[0], key)
    for round_ in range(4):   # the first school sealed 5 times, the second 4, the third never
        for slug in slugs[:2]:
            register(k, slug, f"又一位{round_}")
            seals.seal_log(k, slug, key)
    seals.seal_log(k, DISTRICT, key)
    seals.verify_log(k, slugs[1], key)
    logs = scopes.scope_logs(k, None)
    with k.engine.connect() as conn:
        assert conn.scalar(select(text("count(*)")).select_from(checkpoints)
                           .where(checkpoints.c.log == slugs[0])) == 5
    statements = Statements(k)
    status = seals.seal_status(k, logs)
    seen = list(statements.seen)
    assert status == old_seal_status(k, logs)
    assert [status[s]["state"] for s in slugs] == ["unverified", "ok", "unsealed"]
    assert status[slugs[0]]["size"] == status[slugs[0]]["through"] > 0
    assert len(seen) == 2   # checkpoints and verifications, whatever the number of logs
    reading = [(s, p) for s, p in seen if "audit_checkpoints" in s]
    assert len(reading) == 1
    with k.engine.connect() as conn:   # the rows that statement reads: one per sealed log, not every seal
        driver = conn.connection.driver_connection
        cursor = driver.cursor()
        cursor.execute(*reading[0])
        assert len(cursor.fetchall()) == 3   # two schools and the district
    assert seals.seal_status(k, []) == {}


def test_after_the_warm_up_the_first_console_page_compiles_no_audit_statement(app, k, make_tenant, login_as,
                                                                              monkeypatch, clock):
    admin = login_as("district_admin")
    slugs = add_schools(k, make_tenant, 0, 3, members=2)
    month = month_of_newest(k)
    opened = []
    connect = logread.connect
    monkeypatch.setattr(logread, "connect", lambda *a, **kw: opened.append(a[0]) or connect(*a, **kw))
    monkeypatch.setattr(logread._open, "conns", {}, raising=False)
    warm_up(app, k)
    if not k.stores.config.is_postgres:
        assert len(opened) == len(slugs) + 1   # every log file opened (and its schema read) at start
    missed = []

    def compiled(_conn, _cursor, statement, _parameters, context, _many):
        if "audit_" in statement and getattr(context, "cache_hit", None) is CACHE_MISS:
            missed.append(statement)
    event.listen(k.engine, "before_cursor_execute", compiled)
    for name, url in FILTERS.items():
        opened.clear()
        assert admin.get(url.format(school=slugs[1], month=month)).status_code == 200, name
        assert not missed, (name, missed)
        assert not opened, (name, opened)   # no log file opened by the request


def test_without_the_warm_up_the_first_page_compiles_them(app, k, make_tenant, login_as, clock):
    """The check above can fail: the same request on an app that did not warm up compiles them."""
    admin = login_as("district_admin")
    add_schools(k, make_tenant, 0, 2, members=1)
    missed = []

    def compiled(_conn, _cursor, statement, _parameters, context, _many):
        if "audit_" in statement and getattr(context, "cache_hit", None) is CACHE_MISS:
            missed.append(statement)
    event.listen(k.engine, "before_cursor_execute", compiled)
    assert admin.get("/audit/?actor=test").status_code == 200
    assert missed


def test_the_audit_registers_its_warm_up_and_a_failing_warm_up_is_not_fatal(app, monkeypatch):
    from core import app as core_app  # noqa: PLC0415
    from plugins.audit.web.pages import console  # noqa: PLC0415
    assert console.warm_up in app.extensions["zhibu.warm_ups"]   # registered with the console's blueprint
    assert not app.config.get("ZHIBU_WARM_UP", not app.config["TESTING"])   # tests create apps cold
    called = []
    monkeypatch.setitem(app.extensions, "zhibu.warm_ups", [lambda a, k: 1 / 0, lambda a, k: called.append(a)])
    core_app.warm_up(app, app.extensions["zhibu"])
    assert called == [app]
