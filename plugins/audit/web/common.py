"""What the audit pages and API share: small helpers (scope, settings, the seal key, access records, a
streamed download) and the console's words for its templates."""
from __future__ import annotations

from datetime import timedelta
from typing import Iterator

from flask import Response, abort, current_app, request, session
from flask_login import current_user
from markupsafe import Markup, escape
from marshmallow import ValidationError

from core import context
from core.commands import flash_validation
from core.eventstore import DISTRICT
from core.kernel import kernel
from core.masking import PERSONAL_FIELDS
from core.permissions import can, require_object
from plugins.audit import present, services
from plugins.audit.queries import history, scope as scopes
from plugins.audit.schemas import AuditSettingsSchema
from plugins.audit.services import seals
from plugins.audit.services.exports import Export
from plugins.audit.web import bp

@bp.context_processor
def words() -> dict:
    """Event names, field labels and values in words for the console's templates."""
    vocab = kernel().registry.vocabulary
    return {"event_name": lambda qualname: present.event_name(vocab, qualname),
            "field_rows": lambda data, names=None, kind=None: present.fields(vocab, data, kind, names),
            "field_label": lambda name, kind=None: present.label(vocab, name, kind),
            "field_text": lambda name, value, names=None, kind=None: present.text(vocab, name, value, kind, names),
            "role_name": present.role_name, "options": options}


# -- helpers ----------------------------------------------------------------------------------
_OPTIONS: dict[tuple, tuple[str, str]] = {}   # (value, text, title) → the option's HTML around its mark
_KEEP = 20_000


def options(choices, selected) -> Markup:
    """A filter's ``<option>``s, from (value, text, title or None) each, the one whose value or title is
    ``selected`` marked: built here, not in a template loop, since at 2,000 schools that loop was a
    third of the console's page; each option escaped once per process (schools and event types in
    both languages), then only marked."""
    parts, known = [], _OPTIONS
    if len(known) > _KEEP:
        known.clear()
    for choice in choices:
        around = known.get(choice)
        if around is None:
            value, text, title = choice
            titled = f' title="{escape(title)}"' if title else ""
            around = known[choice] = (f'<option value="{escape(value)}"{titled} ', f">{escape(text)}</option>")
        mark = "selected" if selected is not None and selected in (choice[0], choice[2]) else ""
        parts.append(around[0] + mark + around[1])
    return Markup("".join(parts))


def settings() -> dict:
    return AuditSettingsSchema().load(current_app.config.get("ZHIBU_AUDIT_SETTINGS", {}))


def seal_key() -> bytes:
    return seals.load_key(current_app.config["ZHIBU_SEAL_KEY_PATH"])


@bp.after_app_request
def checkpoint_when_due(response):
    """The automatic checkpoint of logs written since their last one, once the interval has passed (the
    single-process default needs no worker for it), made after the answer has been sent (the server
    closes the response): whoever's request falls due does not wait for it (a log of 5,000 new events
    seals in ~80 ms). Most requests find nothing due and schedule nothing."""
    app, k = current_app._get_current_object(), kernel()
    if not seals.anything_due(k, app.config["ZHIBU_SEAL_INTERVAL_SECONDS"]):
        return response

    def checkpoint():
        with app.app_context():
            try:
                seals.seal_overdue(k, seal_key(), app.config["ZHIBU_SEAL_INTERVAL_SECONDS"])
            except Exception:  # noqa: BLE001  (nobody waits for it; the next request tries again)
                app.logger.exception("automatic checkpoint failed")
    response.call_on_close(checkpoint)
    return response


def margin() -> timedelta:
    return timedelta(minutes=settings()["backdate_margin_minutes"])


def locale() -> str:
    return session.get("lang", "zh_CN")


def scope() -> list[str] | None:
    """The logs the user may read; 403 for an inspector with no live assignment."""
    found = scopes.scope_for(kernel(), current_user)
    require_object(found != [])
    return found


def in_scope(log: str) -> list[str] | None:
    """The user's scope, when ``log`` is within it (403 otherwise)."""
    current = scope()
    require_object(scopes.may_read(current, log))
    return current


def require_log(log: str) -> list[str] | None:
    """The inspector's scope, once ``log`` is known to exist (404) and within it (403)."""
    if log != DISTRICT and log not in kernel().tenant_slugs():
        abort(404)
    current = scope()
    require_object(scopes.may_read(current, log))
    return current


def school_names() -> dict[str, str]:
    return history.school_names(kernel())


def form_errors(exc: ValidationError, labels: dict | None = None) -> None:
    flash_validation(exc, labels)


def load_args(schema, data):
    try:
        return schema.load(data), 200
    except ValidationError as exc:
        form_errors(exc, {n: f.metadata.get("label", n) for n, f in schema.fields.items()})
        return schema.load({}), 422


def may_reveal(log: str | None = None) -> bool:
    """May the user see full ID numbers and phones in ``log`` (None: anywhere in their scope)?"""
    return can(current_user, "audit.reveal", None if log in (None, DISTRICT) else log)


def revealing(args: dict, log: str | None = None) -> str | None:
    """The reason, when the request asks to reveal (validated: with a reason) and may; 403 if it may not."""
    if not args.get("reveal"):
        return None
    require_object(may_reveal(log))
    return args["reason"].strip()


def record_access(kind: str, schools: list[str], subject: str, details: dict, reason: str | None = None) -> None:
    """Record a read or an export; a reveal names the fields shown in full and the reason given
    (also stamped on the event as its reason)."""
    if reason:
        subject += "（显示完整信息）"
        details = {**details, "reveal": sorted(PERSONAL_FIELDS), "reason": reason}
    with context.because(reason):
        services.record_access(kernel(), kind, schools, subject, details)


def record_read(log: str, subject: str, reason: str | None = None, **details) -> None:
    record_access("read", [] if log == DISTRICT else [log], subject, {"path": request.full_path, **details},
                  reason)


def export_response(prepared: Export, filename: str, headers: dict | None = None) -> Response:
    """A prepared export as a download, streamed: its body is written batch by batch as it is sent,
    never whole in memory. ``X-Export-Rows`` says how many rows the file holds, so that the page can
    show the progress; an .xlsx file also has its length."""
    app = current_app._get_current_object()   # now: the body is written after the request's context ends
    response = Response(_each_in_app_context(app, prepared.chunks), mimetype=prepared.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "X-Export-Rows": str(prepared.rows),
        **(headers or {})})
    if prepared.length is not None:
        response.content_length = prepared.length
    response.call_on_close(prepared.close)
    return response


def _each_in_app_context(app, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks``, each written inside an app context of its own, pushed and popped within the step.
    Not ``stream_with_context``: it keeps the request's context pushed between steps, and a client that
    holds several unread streams at once (a test reading one export after asking for the next) pops
    them out of order. Writing an export needs the application, not the request (what it needs of the
    request was read before the first byte)."""
    try:
        while True:
            with app.app_context():
                chunk = next(chunks, None)
            if chunk is None:
                return
            yield chunk
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()
