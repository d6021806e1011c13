"""Stored values as people see them: secrets withheld, ID numbers and phones masked.

One place for both rules, used wherever event or aggregate state is turned into something shown
(the audit console, its API and exports, the registry's pages).

- A **secret** (password or token hash, any credential) never leaves the store. A field is secret
  when its name says so (``password_hash``, ``token_hash``, ``hash``, ``…_secret``, ``…_token``) or
  when the event class, or the aggregate it belongs to, declares it in ``secret_fields``.
- **Personal data** (身份证号 ``id_number``, 手机号码 ``phone``) is shown masked
  (110105********002X, 138****5678) unless the viewer is allowed to reveal it and asks to.
"""
from __future__ import annotations

import re
import sys
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


def declared_secrets(cls: type) -> frozenset[str]:
    """The field names ``cls`` declares secret, with those of the aggregate an event class is nested in."""
    names = set(getattr(cls, "secret_fields", ()))
    outer_name = cls.__qualname__.rpartition(".")[0]
    if outer_name:
        outer: Any = sys.modules.get(cls.__module__)
        for part in outer_name.split("."):
            outer = getattr(outer, part, None)
        if isinstance(outer, type):
            names |= set(getattr(outer, "secret_fields", ()))
    return frozenset(names)


def is_secret(name: str, declared: frozenset[str] = frozenset()) -> bool:
    return name in declared or bool(SECRET_NAME.search(name))


def shown(data: Any, *, declared: frozenset[str] = frozenset(), reveal: bool = False) -> Any:
    """A copy of ``data`` (plain dicts, lists, scalars) fit to show: secrets dropped at any depth,
    ID numbers and phones masked at any depth unless ``reveal``.

    A personal field's value is masked wherever it sits: ``{"id_number": "…"}`` as much as
    ``{"id_number": {"before": "…", "after": "…"}}`` (a correction's before/after).
    """
    return _shown(data, declared, reveal, None)


def _shown(value: Any, declared: frozenset[str], reveal: bool, personal: str | None) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = str(key)
            if is_secret(name, declared):
                continue
            field = personal or (name if name in PERSONAL_FIELDS and not reveal else None)
            out[key] = _shown(item, declared, reveal, field)
        return out
    if isinstance(value, (list, tuple)):
        return [_shown(item, declared, reveal, personal) for item in value]
    if personal and isinstance(value, str):
        return mask(personal, value)
    return value
