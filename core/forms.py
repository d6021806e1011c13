"""Reading a page's posted form: through a marshmallow schema (``form_input``, the way pages go), one
value at a time (``form_text``, ``form_int``), or the older Flask-WTF base form.

Every text a form receives obeys the rule of ``core.fields.Text``: line breaks normalised, no control
characters, bounded length. The base form applies it to each text field, so no form can forget it.
"""
from __future__ import annotations

from flask import flash, request
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import ValidationError as FieldError
from marshmallow import ValidationError, validate
from werkzeug.datastructures import MultiDict

from core.errors import DomainError
from core.fields import DEFAULT_MAX_LENGTH, INT_MAX, INT_MIN, normalise_text, text_problem


class PlainText:
    """WTForms validator: the text rule of ``core.fields.Text`` (``single_line`` also refuses newlines)."""

    def __init__(self, single_line: bool = False, max_length: int = DEFAULT_MAX_LENGTH):
        self.single_line, self.max_length = single_line, max_length

    def __call__(self, form, field) -> None:
        if not isinstance(field.data, str):
            return
        field.data = normalise_text(field.data)
        problem = text_problem(field.data, single_line=self.single_line)
        if problem:
            raise FieldError(problem)
        if len(field.data) > self.max_length:
            raise FieldError(f"不能超过 {self.max_length} 个字符")


class Form(FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        """Validate, with ``PlainText`` added to every text field (passwords are only hashed, and
        stay as typed)."""
        extra = {name: list(validators) for name, validators in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if isinstance(field.data, str) and not isinstance(field, PasswordField) and name != "csrf_token":
                extra.setdefault(name, []).append(PlainText())
        return super().validate(extra_validators=extra)

    def submit_ok(self, key: str) -> bool:
        """True when this form (hidden ``_form`` = ``key``) was posted and is valid.

        Invalid input is flashed field by field, so the page says what is wrong.
        """
        if request.method != "POST" or request.form.get("_form") != key:
            return False
        if self.validate():
            return True
        flash_errors(self)
        return False


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
        raise FormTextError(f"{label}：{problem}", field=name)
    return value


def form_int(name: str, default: int | None = None) -> int | None:
    """An integer of the posted form (``expected_version``); missing, malformed or out of range gives
    ``default``."""
    value = request.form.get(name, type=int)
    return value if value is not None and INT_MIN <= value <= INT_MAX else default


def flash_errors(form) -> None:
    for name, errors in form.errors.items():
        field = getattr(form, name, None)
        label = field.label.text if field is not None and name != "csrf_token" else "表单"
        for error in errors:
            if name == "csrf_token":
                error = "表单已过期或缺少安全令牌，请刷新页面后重试"
            flash(f"{label}：{error}", "danger")


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
