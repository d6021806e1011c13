"""Boundary field types: every value a client or a form sends is checked here, once.

Whatever passes these checks can be stored in an event, projected into PostgreSQL and written to an
Excel sheet without failing later: text holds no NUL or control characters and has a length limit,
numbers, months and dates lie in a window the database, ``datetime`` and ``Decimal`` can handle.
Every schema of the core, the tenants and the plugins uses these types for its input.
``Instant`` is the one output type for instants (ISO 8601 with the district zone's offset).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from marshmallow import Schema, fields, pre_load, validate

from core.clock import LOCAL_TZ
from core.errors import N_

# C0 controls other than tab and newline, DEL, C1 controls, and lone surrogates (not encodable).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidirectional overrides and isolates: harmless in text, misleading in a file name.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

CONTROL_MESSAGE = "不能包含控制字符"
NEWLINE_MESSAGE = "不能换行"
DEFAULT_MAX_LENGTH = 20_000
YEAR_MIN, YEAR_MAX = 1900, 2100
INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # what an INTEGER column of PostgreSQL holds
FLOAT_LIMIT = 1e9
MONEY_LIMIT = Decimal(10) ** 9
FEN = Decimal("0.01")
MONEY_PATTERN = r"^-?\d{1,9}(\.\d{1,2})?$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def normalise_text(value: str) -> str:
    """CRLF and lone CR become LF, so stored text has one kind of line break."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def text_problem(value: str, *, single_line: bool = False) -> str | None:
    """The Chinese sentence that says why ``value`` (already normalised) cannot be kept, or None."""
    if _CONTROL.search(value):
        return CONTROL_MESSAGE
    if single_line and "\n" in value:
        return NEWLINE_MESSAGE
    return None


def clean_name(value: str) -> str:
    """A file or sheet name without control, bidi or line-break characters (for names already stored)."""
    return _BIDI.sub("", _CONTROL.sub("", value.replace("\r", "").replace("\n", " "))).strip()


def without_blanks(data, *, blank_to_none: bool = False, drop: tuple = ()):
    """A form's or JSON object's values without the empty ones (or with them as None), for a schema's
    ``pre_load``. Anything that is not an object comes back unchanged, for the schema to refuse."""
    if not isinstance(data, Mapping):
        return data
    if blank_to_none:
        return {k: (None if v == "" else v) for k, v in data.items() if k not in drop}
    return {k: v for k, v in data.items() if v not in ("", None) and k not in drop}


def _has(validators, kind) -> bool:
    return any(isinstance(v, kind) for v in validators)


class Text(fields.String):
    """Text from a client or form: CRLF → LF; no NUL or control characters other than tab and
    newline; at most ``max_length`` characters (20,000 unless the field has its own ``Length``)."""

    single_line = False

    def __init__(self, *, max_length: int | None = None, **kwargs):
        super().__init__(**kwargs)
        if max_length is not None or not _has(self.validators, validate.Length):
            self.validators.append(validate.Length(max=max_length or DEFAULT_MAX_LENGTH,
                                                   error="不能超过 {max} 个字符"))

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = normalise_text(super()._deserialize(value, attr, data, **kwargs))
        problem = text_problem(text, single_line=self.single_line)
        if problem:
            raise self.make_error("invalid_text", message=problem)
        return text

    default_error_messages = {"invalid_text": "{message}"}


class Line(Text):
    """Single-line text (a name, a reference): like ``Text`` and without line breaks."""

    single_line = True


class Month(Line):
    """A calendar month "YYYY-MM" between 1900-01 and 2100-12."""

    def __init__(self, *, error: str = "月份格式应为 YYYY-MM", **kwargs):
        self.month_error = error
        metadata = {"pattern": MONTH_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(max_length=7, metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not re.match(MONTH_PATTERN, text):
            raise self.make_error("invalid_text", message=self.month_error)
        if not YEAR_MIN <= int(text[:4]) <= YEAR_MAX:
            raise self.make_error("invalid_text", message=f"月份应在 {YEAR_MIN}-01 至 {YEAR_MAX}-12 之间")
        return text


class Integer(fields.Integer):
    """An integer that fits a database INTEGER column (a field's own ``Range`` may narrow it)."""

    bounds = validate.Range(min=INT_MIN, max=INT_MAX, error=N_("数值超出范围"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, self.bounds)


class Year(Integer):
    """A year between 1900 and 2100 (a field's own ``Range`` may narrow it)."""

    bounds = validate.Range(min=YEAR_MIN, max=YEAR_MAX, error=f"年份应在 {YEAR_MIN} 至 {YEAR_MAX} 之间")


class Float(fields.Float):
    """A finite number within ±10^9 (a field's own ``Range`` may narrow it)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Range(min=-FLOAT_LIMIT, max=FLOAT_LIMIT, error=N_("数值超出范围")))


class Money(fields.Decimal):
    """A yuan amount to the fen (0 ≤ x < 10^9 unless the field sets its own ``Range``), shown and
    declared as a decimal string ("12.50")."""

    default_error_messages = {"fen": "金额最多精确到分", "too_large": "金额超出范围"}

    def __init__(self, **kwargs):
        metadata = {"type": "string", "pattern": MONEY_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(places=2, as_string=True, metadata=metadata, **kwargs)
        if not _has(self.validators, validate.Range):
            self.validators.append(validate.Range(min=0, error=N_("金额不能为负")))

    def _validated(self, value) -> Decimal:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        try:
            num = Decimal(str(value).strip())
        except (InvalidOperation, ValueError, TypeError) as exc:
            raise self.make_error("invalid") from exc
        if not num.is_finite():
            raise self.make_error("special")
        if abs(num) >= MONEY_LIMIT:
            raise self.make_error("too_large")
        if num != num.quantize(FEN):
            raise self.make_error("fen")
        return num.quantize(FEN)


class Date(fields.Date):
    """A calendar date between 1900-01-01 and 2100-12-31."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate.Range(min=dt.date(YEAR_MIN, 1, 1), max=dt.date(YEAR_MAX, 12, 31),
                                              error=f"日期应在 {YEAR_MIN} 至 {YEAR_MAX} 年之间"))


class DateTime(fields.DateTime):
    """An instant between 1900 and 2100 (naive or aware)."""

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        if not YEAR_MIN <= result.year <= YEAR_MAX:
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        return result


class Instant(fields.DateTime):
    """An instant for output: ISO 8601 with the offset of the district's zone (``+08:00``).

    A naive value is UTC: SQLite gives back the aware UTC instants it stored without their zone.
    ``Instant(naive_is_local=True)`` is for wall-clock times kept naive on the local calendar
    (a meeting's start).
    """

    def __init__(self, *, naive_is_local: bool = False, **kwargs):
        super().__init__(format="iso", **kwargs)
        self.naive_zone = LOCAL_TZ if naive_is_local else dt.timezone.utc

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if isinstance(value, dt.datetime):
            value = (value if value.tzinfo else value.replace(tzinfo=self.naive_zone)).astimezone(LOCAL_TZ)
        return super()._serialize(value, attr, obj, **kwargs)


# -- what every plugin's input schemas share --------------------------------------------------------
class InputSchema(Schema):
    """Blank values are absent (so defaults apply); the CSRF token and the form key are not input."""

    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, drop=("csrf_token", "_form"))


VERSION_HELP = "乐观并发：客户端读取到的版本"


def version_field(required: bool = False, description: str = VERSION_HELP) -> Integer:
    """The version of the record the client read: a stale one is refused with 409 (optional where the
    same schema also creates)."""
    if required:
        return Integer(required=True, metadata={"description": description})
    return Integer(load_default=None, allow_none=True, metadata={"description": description})


class Base64(fields.Field):
    """File content sent in JSON as base64 (the pages send files as multipart instead)."""

    default_error_messages = {"invalid": "不是有效的 base64 编码"}

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return base64.b64decode(value, validate=True)
        except (TypeError, ValueError, binascii.Error) as exc:
            raise self.make_error("invalid") from exc
