"""Running a page's command, once for every plugin: a refusal says why on the page it came from.

The API needs nothing of this: the app's error handlers (core.app) answer a ``DomainError`` with 422
and its field messages, a ``ConflictError`` with 409 and a ``NotFoundError`` with 404, for pages and
API alike. A page that must show its form again, filled in, with the reason, runs its command here.

A refused command also leaves every input at fault in ``g.form_errors`` (input name → messages), so a
page shows each message next to its input and all of them in a summary at the top at once
(``macros/ui.html``: ``field_error``, ``error_summary``); the page shows what was typed from
``request.form`` (``ui.posted``).
"""
from __future__ import annotations

from typing import Callable

from flask import abort, flash, g, redirect, request
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError, NotFoundError
from core.messages import invalid_input, message_of, translated, validation_message


def note_errors(errors: dict) -> None:
    """Keep the inputs at fault (name → message or messages) for the page shown again."""
    current = g.get("form_errors") or {}
    for name, messages in errors.items():
        if isinstance(messages, dict):
            messages = [m for ms in messages.values() for m in (ms if isinstance(ms, list) else [ms])]
        current.setdefault(str(name), []).extend(messages if isinstance(messages, list) else [messages])
    g.form_errors = current


def note_domain_error(exc: DomainError) -> None:
    """A rule's refusal kept for the page: every problem it names, else its one field."""
    if exc.problems:
        note_errors({name: translated(message) for name, message in exc.problems.items()})
    elif exc.field:
        note_errors({exc.field: message_of(exc)})


def flash_validation(exc: ValidationError, labels: dict | None = None) -> None:
    """Each field's messages as "label：message", in the page's language: the field's label (the
    page's ``labels``, else the one its plugin gives the field), the choices in words; each field's
    messages are kept for the page shown again, beside the field."""
    note_errors({f: [validation_message(x) for x in (m if isinstance(m, list) else [m])]
                 for f, m in exc.messages.items() if isinstance(m, (list, str))})
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
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return render(422)
    if success:
        flash(translated(success), "success")
    if isinstance(target, str):
        return redirect(target)
    if next_url is not None:
        return next_url()
    return redirect(request.referrer or request.path)
