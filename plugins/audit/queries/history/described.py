"""Index rows in words: each event named, described, its values formatted, its records named."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from core.clock import local
from core.events import event_code
from core.kernel import Kernel
from plugins.audit import present
from plugins.audit.rules.catalogue import event_type
from plugins.audit.queries.history.stored import (
    CHANGE_FIELDS, changes, first_rows, ids_in, load_events, payload, record_names, school_names,
)


def describe(k: Kernel, event, locale: str = "zh_CN", describer: _Describer | None = None) -> str:
    """``event`` in words; ``describer``: the hook's, as a page of rows found it once (``describe_rows``)."""
    if event is None:
        return "（存储的事件缺失或无法解读）"
    text = (describer or _describer(k.registry)).describe(event, locale)
    return text or present.event_name(k.registry.vocabulary, event_type(event))


class _Describer:
    """``zhibu_describe_event`` as pluggy calls it (each implementation in turn, the first answer wins),
    with the implementation that answered an event's class asked first for the next event of that class:
    every plugin answers by the event's class (None for another plugin's), and a page's 50 rows no longer
    ask a dozen plugins each (0.3–0.5 ms of a console page)."""

    def __init__(self, hook):
        self.hook, self.impls = hook, tuple(hook.get_hookimpls())
        self.plain = not any(i.hookwrapper or i.wrapper for i in self.impls)
        self.answered: dict[type, Any] = {}   # event class → the implementation that answered it

    def describe(self, event, locale: str) -> str | None:
        if not self.plain:
            return self.hook(event=event, locale=locale)
        known = self.answered.get(type(event))
        if known is not None:
            text = known.function(event=event, locale=locale)
            if text is not None:
                return text
        for impl in reversed(self.impls):   # pluggy's order: the last registered (or tryfirst) first
            text = impl.function(event=event, locale=locale)
            if text is not None:
                self.answered[type(event)] = impl
                return text
        return None


_DESCRIBERS: WeakKeyDictionary = WeakKeyDictionary()   # plugin manager → _Describer


def _describer(registry) -> _Describer:
    hook = registry.hook.zhibu_describe_event
    found = _DESCRIBERS.get(registry)
    if found is None or found.impls != tuple(hook.get_hookimpls()):   # a plugin registered since
        found = _DESCRIBERS[registry] = _Describer(hook)
    return found


@dataclass
class Described:
    """One index row with its event decoded and put in words (names, labels, formatted values)."""
    row: Any
    event: Any
    text: str
    changes: list = field(default_factory=list)      # (label, before, after) in words
    reveal: bool = False
    name: str = ""                                   # the event type's Chinese name
    record_name: str = ""
    fields: list = field(default_factory=list)       # the stored payload as (label, words)
    raw_changes: list = field(default_factory=list)  # (field, before, after) as stored (masked)

    @property
    def code(self) -> str:
        """The event type's code (``dues.account.paid``), from the stored topic."""
        return event_code(self.row.topic)

    @property
    def role(self) -> str:
        return present.role_name(self.row.role)

    def as_dict(self, with_payload: bool = False) -> dict:
        """For the API: codes as stored, beside the words."""
        r = self.row
        data = {"tenant": r.tenant, "notification_id": r.notification_id, "record": str(r.originator_id),
                "record_name": self.record_name, "version": r.version, "event_type": r.event_type,
                "code": self.code, "event_name": self.name, "actor": r.actor, "role": r.role, "reason": r.reason,
                "source": r.source,
                "timestamp": local(r.timestamp).isoformat(), "description": self.text,
                "changes": [{"field": f, "before": b, "after": a} for f, b, a in self.raw_changes]}
        if with_payload:
            data["payload"] = payload(self.event, self.reveal)
        return data

    def as_export(self) -> dict:
        """For people (exports): names, labels and values in words, no codes."""
        r = self.row
        return {"tenant": r.tenant, "notification_id": r.notification_id, "record": str(r.originator_id),
                "record_name": self.record_name, "version": r.version, "event_type": self.name,
                "actor": r.actor, "role": self.role if r.role else None, "reason": r.reason, "source": r.source,
                "timestamp": local(r.timestamp).isoformat(), "description": self.text,
                "changes": [{"field": f, "before": b, "after": a} for f, b, a in self.changes]}


class First(NamedTuple):
    """What naming a record reads of its first index row (``stored.first_rows`` reads the same columns)."""
    tenant: str
    originator_id: Any
    event_type: str
    record_name: str | None
    record_year: int | None


class Names(dict):
    """{record id or school code: name}, kept across calls of ``describe_rows`` (an export's batches):
    each record is looked up once, and a record looked up without a name is not looked up again."""

    LIMIT = 100_000   # past so many records asked for, start again (memory stays bounded)

    def __init__(self, k: Kernel):
        super().__init__(school_names(k))
        self.k = k
        self.asked: set[str] = set()

    def add(self, wanted: dict[str, set], read: tuple | None = None) -> None:
        """Name the records of ``wanted`` not named yet; ``read`` as ``record_names`` takes it."""
        if len(self.asked) > self.LIMIT:
            self.clear()
            self.update(school_names(self.k))
            self.asked.clear()
        missing = {tenant: new for tenant, ids in wanted.items() if (new := {str(i) for i in ids} - self.asked)}
        if missing:
            self.update(record_names(self.k, missing, read=read))
            for ids in missing.values():
                self.asked.update(ids)


def describe_rows(k: Kernel, rows, locale: str = "zh_CN", reveal: bool = False,
                  with_fields: bool = False, names: Names | None = None) -> list[Described]:
    """Index rows with their events decoded and put in words, the records they concern named, and
    (``with_fields``, for an event's page) the whole stored payload in words; secrets never shown,
    personal data masked unless ``reveal``. ``names``: the names found by earlier calls, to reuse."""
    vocab = k.registry.vocabulary
    names = Names(k) if names is None else names
    # The rows' records' first rows (their names): read with the page (``with_first_rows``), else looked
    # up once here, beside the rows' stored events.
    records: dict[str, set] = {}
    firsts, lookup = [], {}
    for row in rows:
        record = str(row.originator_id)
        if record not in names.asked:
            records.setdefault(row.tenant, set()).add(record)
            if "first_type" not in row._fields:
                lookup.setdefault(row.tenant, set()).add(record)
            elif row.first_type is not None:
                firsts.append(First(row.tenant, row.originator_id, row.first_type, row.first_name, row.first_year))
    firsts += first_rows(k, lookup) if lookup else []
    found = load_events(k, rows)
    prepared, wanted = [], {}
    for row in rows:
        event = found.get((row.tenant, row.notification_id))
        data = payload(event, reveal, None if with_fields else CHANGE_FIELDS)
        raw = changes(event, reveal, data)
        ids = wanted.setdefault(row.tenant, set())
        ids.add(str(row.originator_id))
        ids_in(data if with_fields else raw, ids)
        prepared.append((row, event, data, raw))
    names.add(wanted, (records, firsts))   # those records' first rows are not looked up again
    out, describer = [], _describer(k.registry)
    for row, event, data, raw in prepared:
        kind = row.event_type
        out.append(Described(
            row, event, describe(k, event, locale, describer),
            [present.change(vocab, f, b, a, kind, names) for f, b, a in raw], reveal,
            name=present.event_name(vocab, kind), record_name=names.get(str(row.originator_id), ""),
            fields=present.fields(vocab, data, kind, names) if with_fields else [], raw_changes=raw))
    return out
