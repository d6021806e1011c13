"""One read-model connection per request, no ping per query (issue 19 point 3; core.reading)."""
import threading
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event

import core.db
from core import context
from core.demo import SCHOOLS, create_demo
from core.eventstore import SharedPoolPostgresFactory
from core.kernel import kernel
from tenants import services as tenants


@contextmanager
def checkouts(engine):
    """The backend ids (PostgreSQL; None on SQLite) of the read-model connections checked out inside."""
    seen = []

    def count(dbapi_connection, _record, _proxy):
        seen.append(getattr(getattr(dbapi_connection, "info", None), "backend_pid", None))
    event.listen(engine, "checkout", count)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", count)


def event_store_requests() -> int:
    """Connections asked of the event store's PostgreSQL pool so far (0 on SQLite)."""
    return sum(d.pool.get_stats().get("requests_num", 0) for d in SharedPoolPostgresFactory._datastores.values())


@pytest.fixture
def probe(app):
    """A route that reads the schools, creates one and reads them again, all in one request."""
    def read_write_read():
        k = kernel()
        with k.reading() as conn:
            first = conn
            before = k.tenant_slugs()
        with context.acting(context.system("test", source="test")):
            tenants.create_school(k, "later", "后来的学校", plugins=[])
        with k.reading() as conn:
            after = k.tenant_slugs()
            same = conn is first
        return {"before": before, "after": after, "same": same}
    read_write_read._zhibu_action = None
    app.add_url_rule("/_probe/read-write-read", view_func=read_write_read)
    return "/_probe/read-write-read"


@pytest.fixture
def demo(k, clock):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return SCHOOLS[0][0]


@pytest.mark.parametrize("role, path", [("secretary", "/t/no1/"), ("district_admin", "/district/")])
def test_a_page_reads_the_read_model_through_one_connection(k, demo, login_as, role, path):
    client = login_as(role, demo if role == "secretary" else None)
    assert client.get(path).status_code == 200
    asked = event_store_requests()
    with checkouts(k.engine) as seen:
        assert client.get(path).status_code == 200
    assert len(seen) == 1, f"{len(seen)} checkouts of the read model for one request of {path}"
    assert event_store_requests() - asked <= 1


def test_a_read_after_a_write_in_the_same_request_sees_the_write(app, probe, make_tenant):
    make_tenant("first")
    answer = app.test_client().get(probe).get_json()
    assert answer["before"] == ["first"]
    assert answer["after"] == ["first", "later"]
    assert answer["same"] is True


def test_a_command_keeps_one_connection_until_it_ends_and_a_thread_has_its_own(k):
    with k.reading() as a:
        pass
    with k.reading() as b, k.reading() as nested:
        assert b is a and nested is a
    k.reading.release()   # what the end of a CLI command (its app context) or a worker round does
    assert a.closed
    with k.reading() as c:
        assert c is not a and not c.closed
    outside = []

    def in_a_thread():   # no app context: each block has its own connection
        with k.reading() as d:
            outside.append(d)
    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert outside[0] is not c and outside[0].closed


def test_a_release_while_a_block_is_open_gives_the_connection_back_at_the_blocks_end(k):
    with k.reading() as conn:
        k.reading.release()
        assert not conn.closed
    assert conn.closed


def test_a_connection_the_server_dropped_while_idle_is_replaced_without_an_error(k, demo, login_as, database,
                                                                                 monkeypatch):
    if database[0] is None:
        pytest.skip("PostgreSQL only: an SQLite file is not dropped")
    client = login_as("secretary", demo)
    with checkouts(k.engine) as seen:
        assert client.get("/t/no1/").status_code == 200
    with psycopg.connect(database[0], autocommit=True) as admin:   # a database restart, as the pool sees it
        admin.execute("SELECT pg_terminate_backend(%s)", (seen[0],))
    monkeypatch.setattr(core.db, "IDLE_CHECK", 0.0)   # as if it had lain unused for a while
    with checkouts(k.engine) as again:
        assert client.get("/t/no1/").status_code == 200
    assert again and seen[0] not in again[-1:]


def test_no_module_opens_a_read_connection_of_its_own():
    """Reads go through ``k.reading()``; ``engine.connect()`` is left to the projector's writes."""
    root = Path(__file__).resolve().parent.parent
    allowed = {"core/reading.py", "core/projections/projector.py",
               "core/worker.py"}   # a job's session-level advisory lock needs a connection of its own
    found = [str(p.relative_to(root)) for folder in ("core", "tenants", "plugins") for p in (root / folder).rglob("*.py")
             if "/tests/" not in str(p) and str(p.relative_to(root)) not in allowed
             and "engine.connect()" in p.read_text(encoding="utf-8")]
    assert found == []
