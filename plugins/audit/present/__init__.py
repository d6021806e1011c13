"""Stored values as inspectors read them (pure): events by their Chinese names, fields by their labels,
money as ¥38.80, instants in local time, coded values in words, records by name; never a Python repr.

``vocab`` is the registry's merged ``core.plugins.Vocabulary``; ``kind`` an event's qualname, so a plugin
may word a field for one event type (``"Meeting.LeftOut.kind"``); ``names`` maps record ids to names.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from core.events import event_code
from core.formatting import local_datetime, yuan
from core.permissions import ROLES

UNNAMED_EVENT = "未命名的事件"
EMPTY = "（空）"
_ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_UUID = re.compile(f"^{_ID}$")
_UUID_INSIDE = re.compile(_ID)
SCHOOL_FIELDS = frozenset({"school", "schools", "tenant"})   # school codes, named from ``names``
LINKS = frozenset({"url", "href", "path"})   # addresses of pages: navigation, not data
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def event_name(vocab, qualname: str | None) -> str:
    """The plugin's Chinese name for an event type (never the class name)."""
    return vocab.events.get(qualname or "", UNNAMED_EVENT)


def type_options(vocab, classes) -> list[tuple[str, str, str]]:
    """The console's event-type filter: (name as the index stores it, Chinese name, code) of each
    event class, by Chinese name."""
    return sorted({(cls.__qualname__, vocab.events.get(cls.__qualname__, cls.__qualname__), event_code(get_topic(cls)))
                   for cls in classes}, key=lambda t: (t[1], t[2]))


def role_name(role: str | None) -> str:
    return "、".join(ROLES.get(r, r) for r in (role or "").split(",") if r) or "—"


def _lookup(vocab, table: str, kind: str | None, field: str):
    """``field`` in ``table`` ("labels" or "choices"): for this event type, in its plugin's own words,
    then in any plugin's."""
    own = vocab.owners.get(kind) if kind else None
    for words in ((getattr(own, table), getattr(vocab, table)) if own else (getattr(vocab, table),)):
        if kind and f"{kind}.{field}" in words:
            return words[f"{kind}.{field}"]
        if field in words:
            return words[field]
    return None


def label(vocab, field: str, kind: str | None = None, parent: str | None = None) -> str:
    """A field's label; a key of a mapping may be a coded value of the mapping's field (``parent``)."""
    found = _lookup(vocab, "labels", kind, field)
    if found is None and parent:
        found = (_lookup(vocab, "choices", kind, parent) or {}).get(field)
    return found or field


def record_name(names: dict, value: str) -> str:
    return names.get(value) or f"记录 {value[:8]}"


def text(vocab, field: str, value: Any, kind: str | None = None, names: dict | None = None) -> str:
    """One stored value in words."""
    names = names or {}
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if field in vocab.money and isinstance(value, (Decimal, int, float, str)):
        try:
            return yuan(value)
        except ArithmeticError:
            return str(value)
    if isinstance(value, dict):
        return _mapping(vocab, field, value, kind, names)
    if isinstance(value, (list, tuple, set)):
        parts = [text(vocab, field, item, kind, names) for item in value]
        return ("；" if any(isinstance(i, dict) for i in value) else "、").join(parts)
    if field in SCHOOL_FIELDS and isinstance(value, str) and value in names:
        return names[value]
    words = _lookup(vocab, "choices", kind, field)
    if words and not isinstance(value, float):
        try:
            if value in words:
                return str(words[value])
        except TypeError:
            pass
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, datetime):
        return local_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return record_name(names, str(value))
    if isinstance(value, str):
        if len(value) < 16:
            return value
        if len(value) == 36 and _UUID.match(value):
            return record_name(names, value)
        if len(value) > 36 and _UUID_INSIDE.search(value):   # a natural key: "no1/2026/<member id>"
            return _UUID_INSIDE.sub(lambda m: record_name(names, m.group(0)), value)
        if value[10:11] == "T" and _INSTANT.match(value):
            try:
                return local_datetime(value)
            except ValueError:
                return value
    return str(value)


def _mapping(vocab, field: str, value: dict, kind, names) -> str:
    if "id" in value and "version" in value and set(value) <= {"id", "version", "label"}:
        ref = record_name(names, str(value["id"]))
        return f"{ref} 第{value['version']}版" if value.get("version") else ref
    if set(value) == {"before", "after"}:
        return f"{text(vocab, field, value['before'], kind, names)} → {text(vocab, field, value['after'], kind, names)}"
    parts = []
    for key, item in value.items():
        key = str(key)
        if key in LINKS:
            continue
        name = record_name(names, key) if len(key) == 36 and _UUID.match(key) else label(vocab, key, kind, parent=field)
        parts.append(f"{name}：{text(vocab, key, item, kind, names)}")
    return "（" + "；".join(parts) + "）" if len(parts) > 1 else "".join(parts)


def fields(vocab, data: dict, kind: str | None = None, names: dict | None = None) -> list[tuple[str, str]]:
    """A stored state or payload as (label, words) rows."""
    return [(label(vocab, str(key), kind), text(vocab, str(key), value, kind, names))
            for key, value in data.items() if str(key) not in LINKS]


def change(vocab, field: str, before: Any, after: Any, kind: str | None = None,
           names: dict | None = None) -> tuple[str, str, str]:
    """One before/after pair in words: (label, before, after)."""
    return (label(vocab, field, kind) if field else "",
            text(vocab, field, before, kind, names), text(vocab, field, after, kind, names))


def ids_inside(value: str) -> list[str]:
    """The record ids a text holds (the whole of it, or inside a natural key)."""
    return _UUID_INSIDE.findall(value) if len(value) >= 36 else []
