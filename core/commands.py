"""Running a page's command, once for every plugin: a refusal says why on the page it came from.

The API needs nothing of this: the app's error handlers (core.app) answer a ``DomainError`` with 422
and its field messages, a ``ConflictError`` with 409 and a ``NotFoundError`` with 404, for pages and
API alike. A page that must show its form again, filled in, with the reason, runs its command here.
"""
from __future__ import annotations

from typing import Callable

from flask import abort, flash, redirect, request
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError, NotFoundError
from core.messages import invalid_input, message_of, translated


def flash_validation(exc: ValidationError, labels: dict | None = None) -> None:
    """Each field's messages as "label：message", in the page's language: the field's label (the
    page's ``labels``, else the one its plugin gives the field), the choices in words."""
    for message in invalid_input(exc.messages, labels):
        flash(message, "danger")


def page_command(action: Callable[[], str | None], render: Callable[[int], object], success: str | None = None,
                 next_url: Callable[[], object] | None = None, labels: dict | None = None):
    """Run ``action``. Done: flash ``success`` and go to the URL it returned, else to ``next_url()``,
    else back where the form came from. Refused: flash why and ``render(status)`` the page again:
    422 for bad input or a rule, 409 when the record changed since the page was read; a record that
    does not exist is a 404."""
    try:
        target = action()
    except ValidationError as exc:
        flash_validation(exc, labels)
        return render(422)
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return render(409)
    except NotFoundError:
        abort(404)
    except DomainError as exc:
        flash(message_of(exc), "danger")
        return render(422)
    if success:
        flash(translated(success), "success")
    if isinstance(target, str):
        return redirect(target)
    if next_url is not None:
        return next_url()
    return redirect(request.referrer or request.path)
