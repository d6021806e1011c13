"""What every cell of every export passes through: a text cleaned of what a workbook cannot hold and
made inert when a spreadsheet would read it as a formula; numbers stay numbers."""
from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from core.clock import local

# What a workbook cannot hold: the control characters XML refuses (openpyxl's ILLEGAL_CHARACTERS_RE) and
# lone surrogates (which cannot be encoded).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
# What a spreadsheet reads as the start of a formula (CSV injection): such a text gets an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _clean(value: str) -> str:
    """The control characters openpyxl refuses (and lone surrogates, which cannot be written) dropped."""
    return _UNWRITABLE.sub("", value)


def _text(value: str) -> str:
    """A stored text as a cell can hold it and no spreadsheet runs. Every text cell of every export
    passes here."""
    value = _clean(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _title(value: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of \\ / * ? : [ ]."""
    return _TITLE_FORBIDDEN.sub("", _clean(str(value)))[:31] or "Sheet"


def _cell(value):
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and value.tzinfo:
        return local(value).replace(tzinfo=None)   # Excel keeps no zone: the local time, as pages show it
    if isinstance(value, (list, tuple, set, dict)):
        return _text("、".join(str(v) for v in value))
    return value
