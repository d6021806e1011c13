"""``Rows``: what projection handlers write through — queued inserts, updates and deletes sent as
executemany."""
from __future__ import annotations

from collections import namedtuple

from sqlalchemy import Table, bindparam, delete, exc as sa_exc, insert, update
from sqlalchemy.engine import Connection

class _Compiled:
    """A queued statement compiled once per dialect: its SQL, its bind names in order, the
    processor SQLAlchemy applies to each (UUIDs, JSON, dates) and the scalar defaults of the
    columns not given. ``compile`` answers None when SQLAlchemy must run the statement itself
    (a callable default, an ``onupdate``, escaped names)."""

    __slots__ = ("sql", "names", "processors", "of_none", "defaults", "positional")

    @classmethod
    def compile(cls, statement, keys: tuple[str, ...], dialect) -> _Compiled | None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys), for_executemany=True)
        if compiled.escaped_bind_names:
            return None
        self = cls()
        self.names = tuple(compiled.positiontup if compiled.positional else compiled.binds)
        self.defaults = {}
        for name in set(self.names) - set(keys):
            column = statement.table.c.get(name) if statement.is_insert else None
            if column is None or column.default is None or not column.default.is_scalar:
                return None
            self.defaults[name] = column.default.arg
        self.sql, self.positional = compiled.string, compiled.positional
        self.processors = tuple(compiled.binds[n].type.dialect_impl(dialect).bind_processor(dialect)
                                for n in self.names)
        # None skips the processor, except for types that store None as a value of their own (JSON
        # stores it as JSON null, as SQLAlchemy does)
        self.of_none = tuple(compiled.binds[n].type.should_evaluate_none for n in self.names)
        return self

    def parameters(self, rows: list[dict]) -> list:
        names, defaults = self.names, self.defaults
        processed = [(i, p, self.of_none[i]) for i, p in enumerate(self.processors) if p is not None]
        out = []
        for row in rows:
            if defaults:
                row = {**defaults, **row}
            values = [row[n] for n in names]
            for i, process, of_none in processed:
                if values[i] is not None or of_none:
                    values[i] = process(values[i])
            out.append(values if self.positional else dict(zip(names, values)))
        return out


DIRECT = True   # False: everything here goes through SQLAlchemy's own executemany (benchmarks/rows_ab.py)
_DIRECT: dict = {}   # (id of a kept statement, dialect name) → (statement, _Compiled | None)


def execute_direct(conn: Connection, statement, rows: list[dict]) -> int:
    """Run a statement the caller builds once and keeps, for each of ``rows``, straight on the
    driver (compiled once per dialect, as ``Rows`` sends its queues); the number of rows it touched.
    For the statements every write runs (a position claim, the audit's leaves)."""
    if not DIRECT:
        return conn.execute(statement, rows).rowcount
    key = (id(statement), conn.dialect.name)
    known = _DIRECT.get(key)
    if known is None or known[0] is not statement:
        known = _DIRECT[key] = (statement, _Compiled.compile(statement, tuple(rows[0]), conn.dialect))
    compiled = known[1]
    if compiled is None:
        return conn.execute(statement, rows).rowcount
    cursor = conn.connection.cursor()
    try:
        if len(rows) == 1:
            cursor.execute(compiled.sql, compiled.parameters(rows)[0])
        else:
            cursor.executemany(compiled.sql, compiled.parameters(rows))
        return cursor.rowcount
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _as_sqlalchemy(conn, compiled.sql, exc) from exc
    finally:
        cursor.close()


def _as_sqlalchemy(conn: Connection, sql: str, exc: Exception) -> Exception:
    """A driver's error as SQLAlchemy raises it for the same statement (``IntegrityError``,
    ``OperationalError`` …): callers catch one kind of error whichever way a statement was sent."""
    return sa_exc.DBAPIError.instance(sql, None, exc, conn.dialect.loaded_dbapi.Error,
                                      dialect=conn.dialect, ismulti=None)


READS_KEPT = 1024
_READS: dict = {}   # (id of a kept SELECT, dialect name) → (statement, SQL, bind names, processors, literals, row, …)


def fetch_direct(conn: Connection, statement, params: dict) -> list[tuple]:
    """The rows of a SELECT the caller builds once and keeps, read straight from the driver, as named
    tuples with SQLAlchemy's conversions of each parameter and column (UUIDs, dates) applied: for a
    read every write runs (a registration's roll claim), or every page (the console's history)."""
    if not DIRECT:
        return conn.execute(statement, params).all()
    key = (id(statement), conn.dialect.name)
    known = _READS.get(key)
    if known is None or known[0] is not statement:
        if len(_READS) >= READS_KEPT:   # statements kept by shape (the console's) come and go
            _READS.clear()
        dialect = conn.dialect
        compiled = statement.compile(dialect=dialect)
        if compiled.escaped_bind_names or "POSTCOMPILE" in compiled.string:   # SQLAlchemy must render it
            known = _READS[key] = (statement, None, None, None, None, None, None)
        else:
            names = tuple(compiled.positiontup if compiled.positional else compiled.binds)
            binds = tuple((n, p) for n in names if (p := compiled.binds[n].type.dialect_impl(dialect)
                                                      .bind_processor(dialect)) is not None)
            fixed = {n: b.effective_value for n, b in compiled.binds.items() if not b.required}   # literals
            columns = list(statement.selected_columns)
            processors = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]
            row = namedtuple("Row", [c.key for c in columns])
            known = _READS[key] = (statement, compiled.string, names if compiled.positional else None, binds,
                                   fixed, row, processors)
    _, sql, names, binds, fixed, row, processors = known
    if sql is None:
        return conn.execute(statement, params).all()
    if fixed:
        params = {**fixed, **params}
    if binds:
        params = {**params, **{n: p(params[n]) for n, p in binds if params[n] is not None}}
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, [params[n] for n in names] if names is not None else params)
        found = cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _as_sqlalchemy(conn, sql, exc) from exc
    finally:
        cursor.close()
    return [row(*[p(v) if p is not None else v for p, v in zip(processors, values)]) for values in found]


_NULL, _SET, _ADD, _DELETE = object(), object(), object(), object()   # marks in shape cache keys


def _nulls(where: dict) -> tuple[str, ...]:
    return tuple([k for k, v in where.items() if v is None])


def _where_shape(where: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys compared with a value and the keys tested for NULL, each sorted."""
    return (tuple(sorted(k for k, v in where.items() if v is not None)),
            tuple(sorted(k for k, v in where.items() if v is None)))


def _conditions(table: Table, where: dict) -> list:
    return [table.c[k].is_(None) if where[k] is None else table.c[k] == bindparam(f"w_{k}")
            for k in sorted(where)]


class _Queue:
    """One table's queued writes of one shape; rows keyed by primary key where it is known."""

    __slots__ = ("shape", "rows", "by_key")

    def __init__(self, shape: tuple):
        self.shape, self.rows, self.by_key = shape, [], {}


class Rows:
    """What handlers write through: inserts, updates and deletes queued and sent as executemany.

    Each table has its own queue; consecutive writes of the same shape (same columns) to a table
    go to the database as one statement with many parameter sets. An update of a row by its
    primary key merges into the row's queued insert or update when it sets no other columns,
    so replaying a member's ten events writes its row once. A write of another shape to the same
    table, or any read, sends what is queued first: the order of writes to a table is kept and
    handlers see their own writes. Queues are sent straight to the driver, with the statement
    compiled and the parameter processing of SQLAlchemy worked out once per shape (SQLAlchemy's
    own execution costs more than the insert itself on the hot path; see docs/architecture.md).
    ``execute``/``scalar``/``scalars`` behave as on a SQLAlchemy connection.
    """

    _shapes: dict = {}       # (table, keys as given, with marks) → (shape, primary key names) or shape
    _statements: dict = {}   # shape → SQLAlchemy statement
    _compiled: dict = {}     # (shape, dialect name) → _Compiled | None

    def __init__(self, conn: Connection):
        self.conn = conn
        self._queues: dict[Table, _Queue] = {}

    def insert(self, table: Table, **values) -> None:
        known = self._shapes.get((table, *values))
        if known is None:
            known = self._shapes[(table, *values)] = self._shape(table, ("insert", table, tuple(sorted(values))),
                                                                 values)
            self._statements[known[0]] = insert(table)
        shape, key_names = known
        self._queue(table, shape, values, tuple([values[n] for n in key_names]) if key_names else None)

    def update(self, table: Table, where: dict, add: dict | None = None, **values) -> None:
        """``UPDATE table SET values, column = column + amount (for each of add) WHERE key = value AND …``
        for the keys of ``where`` (``key IS NULL`` where the value is None, as ``column == None`` is in
        SQLAlchemy)."""
        cache_key = (table, *where, _NULL, *_nulls(where), _SET, *values, _ADD, *(add or ()))
        known = self._shapes.get(cache_key)
        if known is None:
            shape = ("update", table, *_where_shape(where), tuple(sorted(values)), tuple(sorted(add or ())))
            known = self._shapes[cache_key] = self._shape(table, shape, where)
            statement = update(table).where(*_conditions(table, where))
            if values:
                statement = statement.values({k: bindparam(f"v_{k}") for k in sorted(values)})
            if add:
                statement = statement.values({k: table.c[k] + bindparam(f"a_{k}") for k in sorted(add)})
            self._statements[shape] = statement
        shape, key_names = known
        params = {**{f"w_{k}": v for k, v in where.items() if v is not None},
                  **{f"v_{k}": v for k, v in values.items()}}
        if add:  # an amount added is never merged: each one is sent, in order
            self._queue(table, shape, {**params, **{f"a_{k}": v for k, v in add.items()}}, None)
            return
        key = tuple([where[n] for n in key_names]) if len(key_names) == len(where) else None
        queued = self._queues.get(table)
        target = queued.by_key.get(key) if queued is not None and key else None
        if target is not None and queued.shape[0] == "insert" and values.keys() <= target.keys():
            target.update(values)
            return
        if target is not None and queued.shape == shape:
            target.update({f"v_{k}": v for k, v in values.items()})
            return
        self._queue(table, shape, params, key)

    def delete(self, table: Table, **where) -> None:
        """``DELETE FROM table WHERE key = value AND …`` (``key IS NULL`` where the value is None), in
        order with the table's other writes."""
        cache_key = (table, _DELETE, *where, _NULL, *_nulls(where))
        shape = self._shapes.get(cache_key)
        if shape is None:
            shape = self._shapes[cache_key] = ("delete", table, *_where_shape(where))
            self._statements[shape] = delete(table).where(*_conditions(table, where))
        self._queue(table, shape, {f"w_{k}": v for k, v in where.items() if v is not None}, None)

    @staticmethod
    def _shape(table: Table, shape: tuple, keyed_by: dict) -> tuple[tuple, tuple[str, ...]]:
        """A shape, and the primary key names when ``keyed_by`` names the whole key (else ())."""
        names = tuple(c.key for c in table.primary_key)
        return shape, names if names and all(n in keyed_by for n in names) else ()

    def _queue(self, table: Table, shape, params: dict, key: tuple | None) -> None:
        queued = self._queues.get(table)
        if queued is not None and queued.shape != shape:
            self._send(table)
            queued = None
        if queued is None:
            queued = self._queues[table] = _Queue(shape)
        queued.rows.append(params)
        if key:
            queued.by_key[key] = params

    def _send(self, table: Table) -> None:
        queued = self._queues.pop(table)
        dialect = self.conn.dialect
        statement = self._statements[queued.shape]
        if not DIRECT:
            self.conn.execute(statement, queued.rows)
            return
        compiled_key = (queued.shape, dialect.name)
        if compiled_key not in self._compiled:
            self._compiled[compiled_key] = _Compiled.compile(statement, tuple(queued.rows[0]), dialect)
        compiled = self._compiled[compiled_key]
        if compiled is None:
            self.conn.execute(statement, queued.rows)
            return
        cursor = self.conn.connection.cursor()
        try:
            cursor.executemany(compiled.sql, compiled.parameters(queued.rows))
        except self.conn.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy(self.conn, compiled.sql, exc) from exc
        finally:
            cursor.close()

    def flush(self) -> None:
        for table in list(self._queues):
            self._send(table)

    def execute(self, statement, *args, **kwargs):
        self.flush()
        return self.conn.execute(statement, *args, **kwargs)

    def scalar(self, statement, *args, **kwargs):
        self.flush()
        return self.conn.scalar(statement, *args, **kwargs)

    def scalars(self, statement, *args, **kwargs):
        self.flush()
        return self.conn.scalars(statement, *args, **kwargs)

    def __getattr__(self, name):  # anything else a connection offers, after the queues are sent
        self.flush()
        return getattr(self.conn, name)

