"""The event history across logs: filter the audit index, then decode only the rows shown."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import distinct, func, select

from core import masking
from core.clock import local
from core.kernel import Kernel
from core.pagination import Page
from plugins.audit.catalogue import event_type
from plugins.audit.models import events

COUNT_CAP = 10_000   # counting a million rows for "page n of N" costs more than it is worth
HIDDEN = {"originator_id", "originator_version", "timestamp", "meta", "originator_topic"}


@dataclass
class Criteria:
    schools: list[str] | None = None        # the scope (None: every log)
    school: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    event_type: str | None = None
    record: UUID | None = None
    page: int = 1
    per_page: int = 50

    def as_args(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, (date, datetime)) else str(v))
                for k, v in (("school", self.school), ("since", self.since), ("until", self.until),
                             ("actor", self.actor), ("event_type", self.event_type),
                             ("record", self.record)) if v}


def history_query(c: Criteria):
    q = select(events)
    if c.school:
        q = q.where(events.c.tenant == c.school)
    elif c.schools is not None:
        q = q.where(events.c.tenant.in_(c.schools))
    if c.since:
        q = q.where(events.c.timestamp >= c.since)
    if c.until:
        q = q.where(events.c.timestamp < c.until)
    if c.actor:
        q = q.where(events.c.actor == c.actor.strip())
    if c.event_type:
        q = q.where(events.c.event_type == c.event_type)
    if c.record:
        q = q.where(events.c.originator_id == c.record)
    return q.order_by(events.c.timestamp.desc(), events.c.notification_id.desc())


def list_history(k: Kernel, c: Criteria) -> Page:
    """One page of index rows, newest first; the total is counted up to COUNT_CAP."""
    query = history_query(c)
    page, per_page = max(1, c.page), max(1, min(500, c.per_page))
    with k.engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(
            query.order_by(None).with_only_columns(events.c.notification_id).limit(COUNT_CAP + 1).subquery()))
        rows = conn.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=rows, page=page, per_page=per_page, total=total)


def iter_history(k: Kernel, c: Criteria, chunk: int = 2000):
    """Every index row matching (for exports), in pages."""
    query = history_query(c)
    offset = 0
    while True:
        with k.engine.connect() as conn:
            rows = conn.execute(query.limit(chunk).offset(offset)).all()
        yield from rows
        if len(rows) < chunk:
            return
        offset += chunk


def record_rows(k: Kernel, tenant: str, record: UUID) -> list:
    with k.engine.connect() as conn:
        return conn.execute(select(events).where(events.c.tenant == tenant, events.c.originator_id == record)
                            .order_by(events.c.version)).all()


def get_row(k: Kernel, tenant: str, notification_id: int):
    with k.engine.connect() as conn:
        return conn.execute(select(events).where(events.c.tenant == tenant,
                                                 events.c.notification_id == notification_id)).first()


def event_types(k: Kernel) -> list[str]:
    with k.engine.connect() as conn:
        return list(conn.scalars(select(distinct(events.c.event_type)).order_by(events.c.event_type)))


# -- decoding the rows on the page --------------------------------------------------------------
def load_event(k: Kernel, tenant: str, notification_id: int):
    """The stored event behind one index row, decoded; None when it is missing or unreadable."""
    app = k.stores.log(tenant)
    found = app.recorder.select_notifications(start=notification_id, limit=1)
    if not found or found[0].id != notification_id:
        return None
    try:
        return app.mapper.to_domain_event(found[0])
    except Exception:  # noqa: BLE001  (a tampered row must not break the console)
        return None


def describe(k: Kernel, event, locale: str = "zh_CN") -> str:
    if event is None:
        return "（存储的事件缺失或无法解读）"
    text = k.registry.hook.zhibu_describe_event(event=event, locale=locale)
    return text or f"{event_type(event)}"


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


def shown_state(obj, reveal: bool = False) -> dict:
    """An event's or an aggregate's attributes as the console shows them: without the library's
    bookkeeping, without secrets, ID numbers and phones masked unless ``reveal``."""
    data = {k: plain(v) for k, v in vars(obj).items() if k not in HIDDEN and not k.startswith("_")}
    return masking.shown(data, declared=masking.declared_secrets(type(obj)),
                         personal=masking.declared_personal(type(obj)), reveal=reveal)


def payload(event, reveal: bool = False) -> dict:
    return shown_state(event, reveal) if event is not None else {}


def changes(event, reveal: bool = False) -> list[tuple[str, Any, Any]]:
    """Before/after values an event carries: ``changes={f: {before, after}}`` or ``before``/``after``."""
    if event is None:
        return []
    out = []
    data = payload(event, reveal)
    if isinstance(data.get("changes"), dict):
        for name, change in data["changes"].items():
            if isinstance(change, dict) and ("before" in change or "after" in change):
                out.append((name, plain(change.get("before")), plain(change.get("after"))))
    if "before" in data and "after" in data:
        out.append(("", plain(data["before"]), plain(data["after"])))
    return out


@dataclass
class Described:
    row: Any
    event: Any
    text: str
    changes: list = field(default_factory=list)
    reveal: bool = False

    def as_dict(self, with_payload: bool = False) -> dict:
        r = self.row
        data = {"tenant": r.tenant, "notification_id": r.notification_id, "record": str(r.originator_id),
                "version": r.version, "event_type": r.event_type, "actor": r.actor, "role": r.role,
                "reason": r.reason, "source": r.source, "timestamp": local(r.timestamp).isoformat(),
                "description": self.text,
                "changes": [{"field": f, "before": b, "after": a} for f, b, a in self.changes]}
        if with_payload:
            data["payload"] = payload(self.event, self.reveal)
        return data


def load_events(k: Kernel, rows) -> dict[tuple[str, int], Any]:
    """The stored events behind index rows: one read per log when the rows are close together."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.tenant, set()).add(row.notification_id)
    found: dict[tuple[str, int], Any] = {}
    for tenant, ids in wanted.items():
        low, high = min(ids), max(ids)
        if high - low >= 500:
            found.update({(tenant, i): load_event(k, tenant, i) for i in ids})
            continue
        app = k.stores.log(tenant)
        for n in app.recorder.select_notifications(start=low, stop=high, limit=high - low + 1):
            if n.id in ids:
                try:
                    found[(tenant, n.id)] = app.mapper.to_domain_event(n)
                except Exception:  # noqa: BLE001  (a tampered row must not break the console)
                    found[(tenant, n.id)] = None
    return found


def describe_rows(k: Kernel, rows, locale: str = "zh_CN", reveal: bool = False) -> list[Described]:
    """Index rows with their events decoded and described; secrets never shown, personal data
    masked unless ``reveal``."""
    found = load_events(k, rows)
    out = []
    for row in rows:
        event = found.get((row.tenant, row.notification_id))
        out.append(Described(row, event, describe(k, event, locale), changes(event, reveal), reveal))
    return out
