"""The base form: Flask-WTF (CSRF-protected) with a way to tell which of a page's forms was sent."""
from __future__ import annotations

from flask import flash, request
from flask_wtf import FlaskForm


class Form(FlaskForm):
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


def flash_errors(form) -> None:
    for name, errors in form.errors.items():
        field = getattr(form, name, None)
        label = field.label.text if field is not None and name != "csrf_token" else "表单"
        for error in errors:
            if name == "csrf_token":
                error = "表单已过期或缺少安全令牌，请刷新页面后重试"
            flash(f"{label}：{error}", "danger")
