"""Figures and alerts as JSON and back: what a plugin's ``zhibu_district_figures`` and ``zhibu_alerts``
hand over is stored in ``core_school_summaries`` and rebuilt, value for value, when a page reads it.

Values keep their type: a date stays a date, a Decimal a Decimal, a UUID a UUID, a message that remembers its id
(``core.errors.Message``) or a ``Phrase`` stays one, so the page still shows it in the reader's language.
Anything else that JSON cannot hold is refused when the summary is computed (a ``TypeError`` naming it).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from core.errors import Message
from core.plugins import Alert, Figure
from core.plugins.contributions import Phrase

_TAG = "$"   # {"$": "date", "v": "2026-11-23"}


def encode(value):
    """A value as JSON-ready data (tagged where JSON alone would lose its type)."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Message):
        return {_TAG: "message", "id": value.template, "params": encode(value.params)}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, Decimal):
        return {_TAG: "decimal", "v": str(value)}
    if isinstance(value, UUID):
        return {_TAG: "uuid", "v": str(value)}
    if isinstance(value, Phrase):
        return {_TAG: "phrase", "id": value.msgid, "values": encode(value.values)}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if _TAG in value:
            raise TypeError(f"a summary's mapping may not use the key {_TAG!r}")
        return {str(key): encode(v) for key, v in value.items()}
    raise TypeError(f"a figure or alert holds {type(value).__name__}, which a summary cannot store")


def decode(data):
    """What ``encode`` made, back as the values it came from."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    tag = data.get(_TAG)
    if tag == "date":
        return date.fromisoformat(data["v"])
    if tag == "datetime":
        return datetime.fromisoformat(data["v"])
    if tag == "decimal":
        return Decimal(data["v"])
    if tag == "uuid":
        return UUID(data["v"])
    if tag == "message":
        return Message(data["id"], decode(data["params"]))
    if tag == "phrase":
        return Phrase(data["id"], decode(data["values"]))
    return {key: decode(v) for key, v in data.items()}


_FIGURE = ("key", "label", "value", "unit", "status", "order")
_ALERT = ("level", "text", "url", "source", "due", "action", "endpoint", "values")


def encode_figure(figure: Figure) -> dict:
    return {name: encode(getattr(figure, name)) for name in _FIGURE}


def decode_figure(data: dict) -> Figure:
    return Figure(**{name: decode(data[name]) for name in _FIGURE})


def encode_alert(alert: Alert) -> dict:
    return {name: encode(getattr(alert, name)) for name in _ALERT}


def decode_alert(data: dict) -> Alert:
    """The alert as it was made (its link as built then: the stored ``url`` is kept)."""
    return Alert(**{name: decode(data[name]) for name in _ALERT})
