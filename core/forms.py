"""Reading a page's posted form: through a marshmallow schema (``form_input``), or one value at a
time (``form_text``, ``form_int``) where a view needs no schema. CSRF is Flask-WTF's ``CSRFProtect``,
app-wide; no page uses form classes.

Every text a form sends obeys the rule of ``core.fields.Text``: line breaks normalised, no control
characters, bounded length. A page schema's text fields are ``Text`` or ``Line``, so they apply it.
"""
from __future__ import annotations

from flask import request
from marshmallow import ValidationError, validate
from werkzeug.datastructures import MultiDict

from core.errors import N_, DomainError
from core.fields import DEFAULT_MAX_LENGTH, INT_MAX, INT_MIN, normalise_text, text_problem


def posted(key: str) -> bool:
    """True when the form of this page that carries ``_form`` = ``key`` was posted."""
    return request.method == "POST" and request.form.get("_form") == key


class Filled(validate.Validator):
    """Refuses a text that is empty or only spaces, with the page's sentence ("请填写用户名")."""

    def __init__(self, error: str):
        self.error = error

    def __call__(self, value):
        if isinstance(value, str) and not value.strip():
            raise ValidationError(self.error)
        return value


def needed(message: str, *validators) -> dict:
    """The options of a field that must be filled in: missing, empty or only spaces is refused with
    the page's sentence. ``Text(**needed("请填写用户名"), ...)``."""
    return {"required": True, "error_messages": {"required": message},
            "validate": [Filled(message), *validators]}


def labels_of(schema) -> dict:
    """Each field's Chinese label (its ``metadata["label"]``), for ``page_command``'s messages."""
    return {name: field.metadata.get("label", name) for name, field in schema.fields.items()}


class FormTextError(DomainError):
    """A posted text that a view reads without a schema breaks the text rule (the page shows why)."""


def form_text(name: str, default: str = "", *, label: str, single_line: bool = False,
              max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """A text of the posted form that a view reads without a schema, under the rule of
    ``core.fields.Text`` (stripped); raises ``FormTextError`` with "label：why" otherwise."""
    value = normalise_text(request.form.get(name, default)).strip()
    problem = text_problem(value, single_line=single_line)
    if problem is None and len(value) > max_length:
        problem = f"不能超过 {max_length} 个字符"
    if problem:
        raise FormTextError(N_("%(label)s：%(problem)s"), label=label, problem=problem, field=name)
    return value


def form_int(name: str, default: int | None = None) -> int | None:
    """An integer of the posted form (``expected_version``); missing, malformed or out of range gives
    ``default``."""
    value = request.form.get(name, type=int)
    return value if value is not None and INT_MIN <= value <= INT_MAX else default


NOT_INPUT = ("csrf_token", "_form")


def form_input(schema, drop_empty: bool = False, prefix: str | None = None, **extra) -> dict:
    """The posted form read through a marshmallow schema, as the API reads JSON: a ``List`` field
    takes every value posted under its name (webargs' multi-dict reading); the CSRF token and the
    form key are not input; ``drop_empty`` leaves out fields sent empty (so their defaults apply);
    ``prefix`` reads only the fields posted as "prefix-name" (one of several forms on a page), by name;
    ``extra`` adds values the page knows (the year in the URL). Raises marshmallow's
    ``ValidationError`` with each field's message (``core.commands.page_command`` shows them)."""
    from webargs.multidictproxy import MultiDictProxy  # noqa: PLC0415
    form = request.form
    if prefix:
        form = MultiDict((key[len(prefix) + 1:], value) for key, value in form.items(multi=True)
                         if key.startswith(f"{prefix}-"))
    proxy = MultiDictProxy(form, schema)
    values = {key: proxy[key] for key in form if key not in NOT_INPUT}
    if drop_empty:
        values = {key: value for key, value in values.items() if value not in ("", [])}
    return schema.load({**values, **extra})
