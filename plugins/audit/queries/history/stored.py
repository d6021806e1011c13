"""The stored events behind index rows: read in runs, decoded, masked, and the records they name."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, select

from core import masking
from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.tenancy.models import schools
from plugins.audit import present
from plugins.audit.models import events
from plugins.audit.queries.history.logread import read_events
from plugins.audit.queries.marks import marks

HIDDEN = {"originator_id", "originator_version", "timestamp", "meta", "originator_topic"}


def load_event(k: Kernel, tenant: str, notification_id: int):
    """The stored event behind one index row, decoded; None when it is missing or unreadable."""
    return read_events(k, {tenant: {notification_id}}).get((tenant, notification_id))


def plain(value: Any) -> Any:
    """A JSON-able copy of an event or state value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return plain(vars(value))
    return value


CHANGE_FIELDS = ("changes", "before", "after")   # where an event keeps what it changed


def shown_state(obj, reveal: bool = False, only: tuple | None = None) -> dict:
    """An event's or an aggregate's attributes (``only`` these, when given) as the console shows them:
    without the library's bookkeeping, without secrets, ID numbers and phones masked unless ``reveal``."""
    data = {k: plain(v) for k, v in vars(obj).items()
            if k not in HIDDEN and not k.startswith("_") and (only is None or k in only)}
    return masking.shown(data, declared=masking.declared_secrets(type(obj)),
                         personal=masking.declared_personal(type(obj)), reveal=reveal)


def payload(event, reveal: bool = False, only: tuple | None = None) -> dict:
    return shown_state(event, reveal, only) if event is not None else {}


def changes(event, reveal: bool = False, data: dict | None = None) -> list[tuple[str, Any, Any]]:
    """Before/after values an event carries: ``changes={f: {before, after}}`` or ``before``/``after``."""
    if event is None:
        return []
    out = []
    data = payload(event, reveal) if data is None else data
    if isinstance(data.get("changes"), dict):
        for name, change in data["changes"].items():
            if isinstance(change, dict) and ("before" in change or "after" in change):
                out.append((name, plain(change.get("before")), plain(change.get("after"))))
    if "before" in data and "after" in data:
        out.append(("", plain(data["before"]), plain(data["after"])))
    return out


def load_events(k: Kernel, rows) -> dict[tuple[str, int], Any]:
    """The stored events behind index rows, read by notification id without opening their logs
    (one statement on PostgreSQL, one per log file on SQLite) and decoded."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.tenant, set()).add(row.notification_id)
    return read_events(k, wanted)


def first_rows(k: Kernel, wanted: dict[str, set]) -> list:
    """The index rows (what naming them reads: log, record, type, and the name or year the first event
    gave) of the first events of the records of each log in ``wanted``: one statement for a page (the
    record index serves it)."""
    rows, pairs = [], {(tenant, UUID(str(i))) for tenant, ids in wanted.items() for i in ids}
    ids = sorted({i for _, i in pairs})
    with k.reading() as conn:
        for start in range(0, len(ids), 500):
            rows += [r for r in conn.execute(_FIRST, {"ids": ids[start:start + 500]})
                     if (r.tenant, r.originator_id) in pairs]
    return rows


_FIRST = select(events.c.tenant, events.c.originator_id, events.c.event_type, events.c.record_name,
                events.c.record_year).where(
    events.c.version == 1, events.c.originator_id.in_(bindparam("ids", expanding=True)))


def record_names(k: Kernel, wanted: dict[str, set], read: tuple[dict[str, set], list] | None = None) -> dict[str, str]:
    """{record id: name} for the records of each log in ``wanted``: the name the record's first event
    gave it, kept on its first index row (no stored event is read); a record without a name is called
    by its kind (and year). ``read``: ({log: record ids}, their first rows) already looked up, not
    looked up again."""
    vocab = k.registry.vocabulary
    asked, rows = read or ({}, [])
    rows = [r for r in rows if str(r.originator_id) in wanted.get(r.tenant, ())]
    rest = {tenant: left for tenant, ids in wanted.items() if (left := set(ids) - asked.get(tenant, set()))}
    rows += first_rows(k, rest) if rest else []
    names = {}
    for row in rows:
        name = row.record_name
        if not name:
            name = present.event_name(vocab, row.event_type).split("·")[0]
            name += f"（{row.record_year} 年）" if row.record_year is not None else ""
        names[str(row.originator_id)] = name
    return names


def ids_in(value, out: set | None = None) -> set:
    """The record ids a stored value mentions (as values or as keys), at any depth."""
    out = set() if out is None else out
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                out.update(present.ids_inside(key))
            ids_in(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            ids_in(item, out)
    elif isinstance(value, str):
        out.update(present.ids_inside(value))
    return out


def school_names(k: Kernel) -> dict[str, str]:
    """{log: name}: each school's name, and the district's (once per request: the page and its rows'
    names ask for them). Kept by the process while the schools' counter stands still (``REGISTRY``,
    moved by every school event in the transaction that applies it): at 2,000 schools, reading every
    name took ~1.5 ms of each console page; the counter is one row."""
    return dict(_held(k)[1])


def from_school_names(k: Kernel, key: str, make):
    """``make(names)``, worked out once and kept with the schools' names until they change: what a page
    derives from every school (the logs in order, the school filter's choices) at 2,000 schools."""
    kept = _held(k)[2]
    found = kept.get(key)
    if found is None:
        found = kept[key] = make(_held(k)[1])
    return found


def _held(k: Kernel) -> tuple:
    """(the schools' counter, {log: name}, what was derived from them) as this request reads them."""
    def load() -> tuple:
        at = marks(k).schools
        held = _NAMES.get(k)
        if held is not None and held[0] == at:
            return held
        with k.reading() as conn:   # read after the counter: names newer than it are read again next time
            names = dict(conn.execute(_SCHOOL_NAMES).all()) | {DISTRICT: "区级"}
        held = _NAMES[k] = (at, names, {})
        return held
    return k.per_request(("audit.school_names",), load)


_SCHOOL_NAMES = select(schools.c.slug, schools.c.name).order_by(schools.c.slug)   # the registry, by its key
_NAMES: WeakKeyDictionary = WeakKeyDictionary()   # kernel → (the schools' counter, {log: name}, derived)
