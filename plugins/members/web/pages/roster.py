"""Pages of the roster: list, register, member page (history, sanctions), correct, status."""
from __future__ import annotations

from uuid import UUID

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from marshmallow import ValidationError

from core import context
from core.errors import ConflictError, DomainError
from core.kernel import kernel
from core.messages import message_of
from core.permissions import can, require_object, requires
from plugins.members import describe, queries, rules, services
from plugins.members.schemas import MemberCorrectSchema, MemberCreateSchema, MemberQuerySchema, SanctionSchema, StatusChangeSchema
from plugins.members.web import bp
from plugins.members.web.common import (
    field_problems, flash_problems, form_data, form_errors, load_member, may_see_personal_data, may_see_sanctions,
    present_member, visible_history,
)


def _form_page(values: dict, member, status: int, errors: dict | None = None):
    return render_template("members/form.html", values=values, member=member, labels=rules.FIELD_LABELS,
                           categories=rules.CATEGORIES, genders=rules.GENDERS,
                           education=rules.EDUCATION, errors=errors or {}), status


def _problems(exc: ValidationError, current: dict | None = None) -> dict[str, str]:
    """Every problem of a refused form at once: the fields' own, and what the values that passed
    would make implausible (a correction: where it changes the member's fields)."""
    errors = field_problems(exc)
    typed = exc.valid_data if isinstance(exc.valid_data, dict) else {}
    changed = None if current is None else {f for f, v in typed.items() if current.get(f) != v}
    more = services.implausible(kernel(), {**(current or {}), **typed}, changed)
    return {**errors, **{f: m for f, m in more.items() if f not in errors}}


@bp.route("/")
@requires("members.view")
def index():
    k = kernel()
    try:
        criteria = MemberQuerySchema().load(request.args.to_dict())
    except ValidationError as exc:
        form_errors(exc)
        criteria = MemberQuerySchema().load({})
    page = queries.list_members_page(k, g.tenant.slug, **criteria)
    return render_template("members/index.html", page=page, rows=[present_member(r) for r in page.items],
                           criteria=criteria, statuses=rules.STATUSES, categories=rules.CATEGORIES,
                           genders=rules.GENDERS, education=rules.EDUCATION,
                           groups=queries.distinct_values(k, g.tenant.slug, "party_group"),
                           ethnicities=queries.distinct_values(k, g.tenant.slug, "ethnicity"))


@bp.route("/new", methods=["GET", "POST"])
@requires("members.edit")
def new():
    values, status, errors = {}, 200, {}
    if request.method == "POST":
        values = form_data(request.form)
        try:
            data = MemberCreateSchema().load(values)
            member_status = data.pop("status")
            member = services.register_member(kernel(), g.tenant.slug, data, status=member_status, typed=True)
            flash(gettext("已登记党员 %(name)s。", name=data['name']), "success")
            return redirect(url_for("members.detail", member_id=member.id))
        except ValidationError as exc:
            form_errors(exc)
            errors = _problems(exc)
            flash_problems({f: m for f, m in errors.items() if f not in exc.messages})
            status = 422
        except DomainError as exc:
            errors = exc.problems or ({exc.field: message_of(exc)} if exc.field else {})
            if exc.problems:
                flash_problems(exc.problems)
            else:
                flash(message_of(exc), "danger")
            status = 422
    return _form_page(values, None, status, errors)


@bp.route("/<uuid:member_id>", methods=["GET", "POST"])
@requires("members.view")
def detail(member_id: UUID):
    k = kernel()
    row = load_member(member_id)
    reveal: frozenset = frozenset()
    if request.method == "POST" and request.form.get("action") == "reveal":
        require_object(may_see_personal_data())
        reveal = rules.PERSONAL_FIELDS
        services.record_personal_read(k, g.tenant.slug, member_id, sorted(reveal), "查看党员详情")
    return detail_page(row, reveal)


def detail_page(row, reveal: frozenset = frozenset(), status: int = 200):
    """The member page (also shown again, with 422/409, when a form on it is refused)."""
    k = kernel()
    member_id = row.id
    tenant = g.tenant.slug
    return render_template(
        "members/detail.html", m=present_member(row, reveal), revealed=bool(reveal),
        history=visible_history(member_id), labels=rules.FIELD_LABELS, words=describe.FIELDS.choices,
        see_sanctions=may_see_sanctions(member_id),
        statuses=rules.STATUSES, may_reveal=may_see_personal_data(),
        next_statuses=sorted(rules.TRANSITIONS.get(row.status, ())),
        sanctions=queries.sanctions_of(k, tenant, member_id) if may_see_sanctions(member_id) else [],
        sanction_kinds=rules.SANCTIONS,
        reads=queries.personal_reads_of(k, tenant, member_id) if may_see_personal_data() else [],
        transfers=[t for t in queries.list_transfers(k, tenant) if t.member_id == member_id],
        on_roll=row.status in rules.ON_ROLL, today=k.today(), mask=rules.mask,
        account=queries.account_of(k, tenant, member_id) if can(current_user, "members.edit", tenant) else None), status


@bp.route("/<uuid:member_id>/edit", methods=["GET", "POST"])
@requires("members.edit")
def edit(member_id: UUID):
    k = kernel()
    row = load_member(member_id)
    status, errors = 200, {}
    values = present_member(row, rules.PERSONAL_FIELDS if may_see_personal_data() else frozenset())
    if request.method == "POST":
        form = form_data(request.form)
        values = {**values, **form}
        try:
            data = MemberCorrectSchema().load(form)
            version, reason = data.pop("expected_version"), data.pop("reason")
            current = dict(row._mapping)
            changed = {f: v for f, v in data.items() if current.get(f) != v}
            if not may_see_personal_data():
                changed = {f: v for f, v in changed.items() if f not in rules.PERSONAL_FIELDS}
            context.set_reason(reason)
            services.correct_member(k, g.tenant.slug, member_id, changed, expected_version=version, typed=True)
            flash(gettext("更正已记录。"), "success")
            return redirect(url_for("members.detail", member_id=member_id))
        except ValidationError as exc:
            form_errors(exc)
            errors = _problems(exc, {f: v for f, v in row._mapping.items() if f in rules.FIELD_LABELS})
            flash_problems({f: m for f, m in errors.items() if f not in exc.messages})
            status = 422
        except ConflictError as exc:
            flash(message_of(exc), "danger")
            status = 409
        except DomainError as exc:
            errors = exc.problems or ({exc.field: message_of(exc)} if exc.field else {})
            if exc.problems:
                flash_problems(exc.problems)
            else:
                flash(message_of(exc), "danger")
            status = 422
    elif may_see_personal_data():
        # the form shows the full values to someone allowed to correct them: that is a read
        services.record_personal_read(k, g.tenant.slug, member_id, sorted(rules.PERSONAL_FIELDS), "更正党员信息")
    return _form_page(values, row, status, errors)


@bp.route("/<uuid:member_id>/status", methods=["POST"])
@requires("members.edit")
def change_status(member_id: UUID):
    load_member(member_id)
    try:
        data = StatusChangeSchema().load(form_data(request.form))
        services.change_status(kernel(), g.tenant.slug, member_id, data["status"], data["effective_on"],
                               data["reason"], expected_version=data["expected_version"])
        flash(gettext("党籍状态已变更。"), "success")
    except ValidationError as exc:
        form_errors(exc)
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("members.detail", member_id=member_id))


@bp.route("/<uuid:member_id>/sanctions", methods=["POST"])
@requires("members.edit")
def record_sanction(member_id: UUID):
    load_member(member_id)
    try:
        data = SanctionSchema().load(form_data(request.form))
        services.record_sanction(kernel(), g.tenant.slug, member_id, data["kind"], data["start"], data["end"],
                                 data["reason"], expected_version=data["expected_version"])
        flash(gettext("党纪处分已记录。"), "success")
    except ValidationError as exc:
        form_errors(exc, {"kind": "处分种类", "start": "处分日期", "end": "期满日期", "reason": "处分决定"})
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("members.detail", member_id=member_id))
