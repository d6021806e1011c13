"""The ``Rows`` writer: queued writes reach the database as SQLAlchemy would write them, in order,
with updates by primary key merged into the row's queued write."""
import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, Uuid, func, insert, select, text,
)

from core.projections import Rows

test_metadata = MetaData()
things = Table(
    "test_rows_things", test_metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("name", String(40)),
    Column("count", Integer, nullable=False, default=0),
    Column("flag", Boolean, nullable=False, default=False),
    Column("data", JSON),
    Column("on", Date),
    Column("at", DateTime(timezone=True)),
)
stamped = Table(
    "test_rows_stamped", test_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token", String(32), nullable=False, default=lambda: uuid.uuid4().hex),  # callable: SQLAlchemy's path
)


@pytest.fixture
def engine(k):
    test_metadata.create_all(k.engine)
    yield k.engine
    test_metadata.drop_all(k.engine)


def stored(conn, table, key):
    """The row as the database holds it (its text, not Python values)."""
    cols = ", ".join(f'CAST("{c.name}" AS TEXT)' for c in table.columns)
    where = "id = :id" if table is stamped else "tenant = :key"
    return conn.execute(text(f"SELECT {cols} FROM {table.name} WHERE {where}"),
                        {"id": key, "key": key}).one()


VALUES = dict(name="张三", count=3, flag=True, data={"变更": ["a", 1, None]}, on=date(2026, 11, 23),
              at=datetime(2026, 11, 23, 8, 30, 1, 250, tzinfo=timezone.utc))


def test_rows_are_stored_exactly_as_sqlalchemy_stores_them(engine):
    with engine.begin() as conn:
        conn.execute(insert(things).values(id=uuid.uuid4(), tenant="by-sqlalchemy", **VALUES))
        rows = Rows(conn)
        rows.insert(things, id=uuid.uuid4(), tenant="by-rows", **VALUES)
        rows.flush()
        ours, theirs = stored(conn, things, "by-rows"), stored(conn, things, "by-sqlalchemy")
    assert ours[2:] == theirs[2:] and ours[1] == "by-rows"
    assert len(ours[0]) == len(theirs[0])  # the id in the same form


def test_omitted_columns_take_their_defaults_scalar_or_callable(engine):
    with engine.begin() as conn:
        rows = Rows(conn)
        rows.insert(things, id=uuid.uuid4(), tenant="t")
        rows.insert(stamped)
        rows.insert(stamped)
        rows.flush()
        row = conn.execute(select(things.c.count, things.c.flag)).one()
        tokens = conn.scalars(select(stamped.c.token)).all()
    assert tuple(row) == (0, False)
    assert len(tokens) == 2 and len(set(tokens)) == 2 and all(len(t) == 32 for t in tokens)


def test_updates_by_primary_key_merge_into_the_queued_insert(engine):
    first, second = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        rows = Rows(conn)
        rows.insert(things, id=first, tenant="a", name="一", count=1)
        rows.insert(things, id=second, tenant="b", name="二", count=1)
        rows.update(things, {"id": first}, name="一改", count=2)
        rows.update(things, {"id": first}, count=3)
        queued = rows._queues[things]
        assert len(queued.rows) == 2, "the updates rode on the queued insert"
        rows.flush()
        got = dict(conn.execute(select(things.c.name, things.c.count)).all())
    assert got == {"一改": 3, "二": 1}


def test_an_update_of_other_columns_or_not_by_key_keeps_its_place_in_order(engine):
    first = uuid.uuid4()
    with engine.begin() as conn:
        rows = Rows(conn)
        rows.insert(things, id=first, tenant="a", name="一", count=1)
        rows.update(things, {"id": first}, flag=True, count=5)   # flag was not in the insert: sent after it
        rows.update(things, {"tenant": "a"}, count=7)            # not by key: a statement of its own
        rows.flush()
        row = conn.execute(select(things.c.count, things.c.flag)).one()
    assert tuple(row) == (7, True)


def test_same_shape_updates_of_one_stored_row_merge_and_reads_see_queued_writes(engine):
    first = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(insert(things).values(id=first, tenant="a", name="一", count=1))
        rows = Rows(conn)
        rows.update(things, {"id": first}, count=2)
        rows.update(things, {"id": first}, count=4)
        assert len(rows._queues[things].rows) == 1
        assert rows.scalar(select(things.c.count)) == 4     # a read sends what is queued first
        rows.insert(things, id=uuid.uuid4(), tenant="b")
        assert rows.scalar(select(func.count()).select_from(things)) == 2


def test_none_is_stored_as_sqlalchemy_stores_it_json_null_included(engine):
    with engine.begin() as conn:
        conn.execute(insert(things).values(id=uuid.uuid4(), tenant="by-sqlalchemy", name=None, data=None, at=None))
        rows = Rows(conn)
        rows.insert(things, id=uuid.uuid4(), tenant="by-rows", name=None, data=None, at=None)
        rows.flush()
        ours, theirs = stored(conn, things, "by-rows"), stored(conn, things, "by-sqlalchemy")
    assert ours[2:] == theirs[2:]


def test_a_delete_then_an_insert_of_the_same_key_stay_in_that_order(engine):
    first = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(insert(things).values(id=first, tenant="a", name="旧"))
        rows = Rows(conn)
        rows.delete(things, tenant="a", name="旧")
        rows.insert(things, id=first, tenant="a", name="新")
        rows.delete(things, tenant="a", name="新")
        rows.insert(things, id=first, tenant="a", name="再")
        rows.flush()
        got = conn.execute(select(things.c.id, things.c.name)).all()
    assert got == [(first, "再")]


def test_consecutive_deletes_of_one_shape_are_one_statement_and_none_means_is_null(engine):
    with engine.begin() as conn:
        for i, name in enumerate(["一", "二", None, "三"]):
            conn.execute(insert(things).values(id=uuid.uuid4(), tenant="a", name=name, count=i))
        rows = Rows(conn)
        rows.delete(things, tenant="a", name="一")
        rows.delete(things, tenant="a", name="二")
        assert len(rows._queues[things].rows) == 2
        rows.delete(things, tenant="a", name=None)              # name IS NULL, as `name == None` is
        rows.update(things, {"tenant": "a", "name": "三"}, count=9)
        rows.flush()
        got = conn.execute(select(things.c.name, things.c.count)).all()
    assert got == [("三", 9)]


def test_an_update_by_other_columns_or_null_touches_only_the_rows_it_names(engine):
    with engine.begin() as conn:
        conn.execute(insert(things), [dict(id=uuid.uuid4(), tenant="a", name="一", on=None),
                                      dict(id=uuid.uuid4(), tenant="a", name="二", on=date(2026, 1, 1)),
                                      dict(id=uuid.uuid4(), tenant="b", name="三", on=None)])
        rows = Rows(conn)
        rows.update(things, {"tenant": "a", "on": None}, on=date(2026, 11, 30), flag=True)
        rows.flush()
        got = dict(conn.execute(select(things.c.name, things.c.flag)).all())
    assert got == {"一": True, "二": False, "三": False}


def test_amounts_added_accumulate_in_order_with_the_other_writes(engine):
    first = uuid.uuid4()
    with engine.begin() as conn:
        rows = Rows(conn)
        rows.insert(things, id=first, tenant="a", count=1)
        rows.update(things, {"id": first}, add={"count": 2})
        rows.update(things, {"id": first}, add={"count": -1}, name="加")
        rows.update(things, {"id": first}, add={"count": 5}, name="加")
        assert len(rows._queues[things].rows) == 2, "added amounts are not merged: each is sent"
        rows.update(things, {"id": first}, count=100)
        rows.update(things, {"id": first}, add={"count": 1})
        rows.flush()
        row = conn.execute(select(things.c.name, things.c.count)).one()
    assert tuple(row) == ("加", 101)


def test_a_driver_error_of_a_direct_statement_is_raised_as_sqlalchemy_raises_it(engine):
    """Statements sent straight to the driver (``Rows``, ``execute_direct``, ``fetch_direct``) fail with
    SQLAlchemy's errors, so that callers catch one kind whichever way a statement went."""
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from core.projections.rows import execute_direct, fetch_direct
    key = uuid.uuid4()
    with engine.begin() as conn:
        execute_direct(conn, insert(things), [{"id": key, "tenant": "a"}])
    with engine.connect() as conn, conn.begin():
        with pytest.raises(IntegrityError):
            execute_direct(conn, insert(things), [{"id": key, "tenant": "a"}])
    with engine.connect() as conn, conn.begin():
        rows = Rows(conn)
        rows.insert(things, id=uuid.uuid4(), tenant="b")
        rows.insert(things, id=key, tenant="a")
        with pytest.raises(IntegrityError):
            rows.flush()
    with engine.connect() as conn, conn.begin():
        with pytest.raises(DBAPIError) as raised:
            fetch_direct(conn, select(things.c.id).where(things.c.name == func.no_such_function()), {})
        assert raised.value.orig is not None
