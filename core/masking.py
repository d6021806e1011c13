"""Stored values as people see them: secrets withheld, ID numbers and phones masked.

One place for both rules, used wherever event or aggregate state is turned into something shown
(the audit console, its API and exports, the registry's pages).

- A **secret** (password or token hash, any credential) never leaves the store. A field is secret
  when its name says so (``password_hash``, ``token_hash``, ``hash``, ``…_secret``, ``…_token``) or
  when the event class, or the aggregate it belongs to, declares it in ``secret_fields``.
- **Personal data** (身份证号 ``id_number``, 手机号码 ``phone``) is shown masked
  (110105********002X, 138****5678) unless the viewer is allowed to reveal it and asks to. A class
  that keeps ID numbers or phones under other names declares them: ``personal_fields`` for fields
  whose values are (``{"before": "id_number"}``), ``personal_keys`` for mappings whose keys are
  (``{"numbers": "id_number"}``, a register of ID number → member).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

PERSONAL_FIELDS = frozenset({"id_number", "phone"})
SECRET_NAME = re.compile(r"(?:^|_)(?:hash|password|passwd|secret|token|salt)$", re.IGNORECASE)


def mask_id_number(value: str | None) -> str:
    """110105********123X: region and last four kept."""
    if not value:
        return ""
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str | None) -> str:
    """138****5678: network prefix and last four kept."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else "*" * len(value)


def mask(field: str, value: str | None) -> str:
    return mask_id_number(value) if field == "id_number" else mask_phone(value)


def _declared(cls: type, attribute: str) -> list:
    """``attribute`` of ``cls`` and of the aggregate an event class is nested in (when they have it)."""
    found = [getattr(cls, attribute, None)]
    outer_name = cls.__qualname__.rpartition(".")[0]
    if outer_name:
        outer: Any = sys.modules.get(cls.__module__)
        for part in outer_name.split("."):
            outer = getattr(outer, part, None)
        if isinstance(outer, type):
            found.append(getattr(outer, attribute, None))
    return [value for value in found if value]


@cache   # class attributes: read once per class (the audit export asks for every event it shows)
def declared_secrets(cls: type) -> frozenset[str]:
    """The field names ``cls`` declares secret, with those of the aggregate an event class is nested in."""
    return frozenset(name for names in _declared(cls, "secret_fields") for name in names)


@dataclass(frozen=True)
class Personal:
    """Where a class keeps ID numbers or phones under names the rule does not know:
    ``fields`` (name → kind) hold such values, ``keys`` (name → kind) are mappings keyed by them."""

    fields: Mapping[str, str] = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=dict)


@cache
def declared_personal(cls: type) -> Personal:
    """The personal fields and keyed mappings ``cls`` declares, with those of its aggregate."""
    return Personal({n: kind for names in _declared(cls, "personal_fields") for n, kind in names.items()},
                    {n: kind for names in _declared(cls, "personal_keys") for n, kind in names.items()})


def is_secret(name: str, declared: frozenset[str] = frozenset()) -> bool:
    return name in declared or bool(SECRET_NAME.search(name))


def shown(data: Any, *, declared: frozenset[str] = frozenset(), personal: Personal = Personal(),
          reveal: bool = False) -> Any:
    """A copy of ``data`` (plain dicts, lists, scalars) fit to show: secrets dropped at any depth,
    ID numbers and phones masked at any depth unless ``reveal``.

    A personal field's value is masked wherever it sits: ``{"id_number": "…"}`` as much as
    ``{"id_number": {"before": "…", "after": "…"}}`` (a correction's before/after). So are the
    fields and the keys of the mappings ``personal`` names.
    """
    return _shown(data, declared, personal, reveal, None)


def _shown(value: Any, declared: frozenset[str], personal: Personal, reveal: bool, kind: str | None) -> Any:
    if isinstance(value, dict):
        out: dict = {}
        for key, item in value.items():
            name = str(key)
            if is_secret(name, declared):
                continue
            field_kind = kind or (None if reveal else
                                  name if name in PERSONAL_FIELDS else personal.fields.get(name))
            shown_item = _shown(item, declared, personal, reveal, field_kind)
            keys_kind = None if reveal or field_kind else personal.keys.get(name)
            if keys_kind and isinstance(shown_item, dict):
                shown_item = _masked_keys(shown_item, keys_kind)
            out[key] = shown_item
        return out
    if isinstance(value, (list, tuple)):
        return [_shown(item, declared, personal, reveal, kind) for item in value]
    if kind and isinstance(value, str):
        return mask(kind, value)
    return value


def _masked_keys(mapping: dict, kind: str) -> dict:
    """``mapping`` with its keys masked; two keys that mask alike stay two entries (…#2)."""
    out: dict = {}
    for key, item in mapping.items():
        masked = mask(kind, str(key))
        shown_key, n = masked, 1
        while shown_key in out:
            n += 1
            shown_key = f"{masked}#{n}"
        out[shown_key] = item
    return out
