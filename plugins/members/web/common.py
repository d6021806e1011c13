"""The helpers the registry's pages and API share."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import abort, flash, g
from flask_babel import gettext
from flask_login import current_user
from marshmallow import ValidationError

from core.commands import flash_validation
from core.kernel import kernel
from core.messages import translated, validation_message
from core.permissions import can
from plugins.members import present, queries, rules

def may_see_personal_data() -> bool:
    return can(current_user, "members.personal_data", g.tenant.slug)


def may_see_sanctions(member_id: UUID) -> bool:
    """A member's sanctions (党纪处分): those who hold ``members.sanctions``, and the member themself."""
    tenant = g.tenant.slug
    return can(current_user, "members.sanctions", tenant) \
        or queries.member_for_user(kernel(), tenant, current_user.username) == member_id


def visible_history(member_id: UUID) -> list:
    """A member's change history, without the sanction entries the user may not see."""
    rows = queries.member_history(kernel(), g.tenant.slug, member_id)
    return rows if may_see_sanctions(member_id) else [h for h in rows if h.kind != "sanctioned"]


def present_member(row, reveal: frozenset = frozenset(), today: date | None = None) -> dict:
    """A member row as pages and the API show it: personal fields masked unless revealed."""
    return present.member(row, reveal, today or kernel().today())


def load_member(member_id: UUID):
    row = queries.get_member(kernel(), g.tenant.slug, member_id)
    if row is None:
        abort(404)
    return row


def form_errors(exc: ValidationError, labels: dict | None = None) -> None:
    flash_validation(exc, labels or rules.FIELD_LABELS)


def field_problems(exc: ValidationError) -> dict[str, str]:
    """A refused form's messages by field, one sentence each, to show next to the fields."""
    out = {}
    for field, messages in exc.messages.items():
        if isinstance(messages, dict):
            messages = [m for ms in messages.values() for m in (ms if isinstance(ms, list) else [ms])]
        out[field] = "；".join(validation_message(m) for m in (messages if isinstance(messages, list) else [messages]))
    return out


def flash_problems(errors: dict[str, str]) -> None:
    """Each problem as "label：sentence" at the top of the page (the fields show theirs too)."""
    for field, message in errors.items():
        flash(f"{gettext(rules.FIELD_LABELS.get(field, field))}：{translated(message)}", "danger")


def form_data(form) -> dict:
    return {k: v for k, v in form.to_dict().items() if k != "csrf_token"}


def on_roll_choices() -> list:
    return queries.list_members(kernel(), g.tenant.slug)
