"""Pages and API of the member registry: thin, delegating to services and queries."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from marshmallow import ValidationError

from core import context
from core.api import tenant_api_blueprint
from core.errors import ConflictError, DomainError
from core.kernel import kernel
from core.permissions import can, requires
from core.web import tenant_blueprint
from plugins.members import queries, rules, services
from plugins.members.schemas import (
    MemberCorrectSchema, MemberCreateSchema, MemberOutSchema, MemberPageSchema, MemberQuerySchema,
    StatusChangeSchema,
)

bp = tenant_blueprint("members", __name__)
api = tenant_api_blueprint("members", __name__, "党员名册：列表、查询、登记、更正、党籍状态")


def may_see_personal_data() -> bool:
    return can(current_user, "members.personal_data", g.tenant.slug)


def present(row, reveal: frozenset = frozenset()) -> dict:
    """A member row as pages and the API show it: personal fields masked unless revealed."""
    data = dict(row._mapping)
    for field in rules.PERSONAL_FIELDS:
        if field not in reveal:
            data[field] = rules.mask(field, data.get(field))
    age = rules.party_age(data.get("converted_on"), kernel().today(), data.get("party_age_correction") or 0)
    data["party_age"] = str(age) if age else ""
    data["status_label"] = rules.STATUSES.get(data["status"], data["status"])
    return data


def _load_member(member_id: UUID):
    row = queries.get_member(kernel(), g.tenant.slug, member_id)
    if row is None:
        abort(404)
    return row


def _form_errors(exc: ValidationError) -> None:
    for field, messages in exc.messages.items():
        label = rules.FIELD_LABELS.get(field, field)
        for message in messages if isinstance(messages, list) else [messages]:
            flash(f"{label}：{message}", "danger")


# -- pages ------------------------------------------------------------------------------------
@bp.route("/")
@requires("members.view")
def index():
    k = kernel()
    try:
        criteria = MemberQuerySchema().load(request.args.to_dict())
    except ValidationError as exc:
        _form_errors(exc)
        criteria = MemberQuerySchema().load({})
    page = queries.list_members_page(k, g.tenant.slug, **criteria)
    return render_template("members/index.html", page=page, rows=[present(r) for r in page.items],
                           criteria=criteria, statuses=rules.STATUSES, categories=rules.CATEGORIES,
                           genders=rules.GENDERS,
                           groups=queries.distinct_values(k, g.tenant.slug, "party_group"))


@bp.route("/new", methods=["GET", "POST"])
@requires("members.edit")
def new():
    values, status = {}, 200
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            data = MemberCreateSchema().load({k: v for k, v in values.items() if k != "csrf_token"})
            member_status = data.pop("status")
            member = services.register_member(kernel(), g.tenant.slug, data, status=member_status)
            flash(f"已登记党员 {data['name']}。", "success")
            return redirect(url_for("members.detail", member_id=member.id))
        except ValidationError as exc:
            _form_errors(exc)
            status = 422
        except DomainError as exc:
            flash(exc.message, "danger")
            status = 422
    return render_template("members/form.html", values=values, member=None, labels=rules.FIELD_LABELS,
                           categories=rules.CATEGORIES, genders=rules.GENDERS,
                           education=rules.EDUCATION), status


@bp.route("/<uuid:member_id>", methods=["GET", "POST"])
@requires("members.view")
def detail(member_id: UUID):
    k = kernel()
    row = _load_member(member_id)
    reveal: frozenset = frozenset()
    if request.method == "POST" and request.form.get("action") == "reveal":
        if not may_see_personal_data():
            abort(403)
        reveal = rules.PERSONAL_FIELDS
        services.record_personal_read(k, g.tenant.slug, member_id, sorted(reveal), "查看党员详情")
    return render_template("members/detail.html", m=present(row, reveal), revealed=bool(reveal),
                           history=queries.member_history(k, g.tenant.slug, member_id),
                           labels=rules.FIELD_LABELS, statuses=rules.STATUSES,
                           may_reveal=may_see_personal_data(),
                           next_statuses=sorted(rules.TRANSITIONS.get(row.status, ())))


@bp.route("/<uuid:member_id>/edit", methods=["GET", "POST"])
@requires("members.edit")
def edit(member_id: UUID):
    k = kernel()
    row = _load_member(member_id)
    status = 200
    values = present(row, rules.PERSONAL_FIELDS if may_see_personal_data() else frozenset())
    if request.method == "POST":
        form = {key: v for key, v in request.form.to_dict().items() if key != "csrf_token"}
        values = {**values, **form}
        try:
            data = MemberCorrectSchema().load(form)
            version, reason = data.pop("expected_version"), data.pop("reason")
            current = dict(row._mapping)
            changed = {f: v for f, v in data.items() if current.get(f) != v}
            if not may_see_personal_data():
                changed = {f: v for f, v in changed.items() if f not in rules.PERSONAL_FIELDS}
            context.set_reason(reason)
            services.correct_member(k, g.tenant.slug, member_id, changed, expected_version=version)
            flash("更正已记录。", "success")
            return redirect(url_for("members.detail", member_id=member_id))
        except ValidationError as exc:
            _form_errors(exc)
            status = 422
        except ConflictError as exc:
            flash(exc.message, "danger")
            status = 409
        except DomainError as exc:
            flash(exc.message, "danger")
            status = 422
    return render_template("members/form.html", values=values, member=row, labels=rules.FIELD_LABELS,
                           categories=rules.CATEGORIES, genders=rules.GENDERS,
                           education=rules.EDUCATION), status


@bp.route("/<uuid:member_id>/status", methods=["POST"])
@requires("members.edit")
def change_status(member_id: UUID):
    _load_member(member_id)
    try:
        data = StatusChangeSchema().load({k: v for k, v in request.form.items() if k != "csrf_token"})
        services.change_status(kernel(), g.tenant.slug, member_id, data["status"], data["effective_on"],
                               data["reason"], expected_version=data["expected_version"])
        flash("党籍状态已变更。", "success")
    except ValidationError as exc:
        _form_errors(exc)
    except (DomainError, ConflictError) as exc:
        flash(exc.message, "danger")
    return redirect(url_for("members.detail", member_id=member_id))


# -- API --------------------------------------------------------------------------------------
@api.route("/members")
@api.arguments(MemberQuerySchema, location="query")
@api.response(200, MemberPageSchema)
@requires("members.view")
def api_list(criteria):
    """党员列表（分页、筛选）"""
    page = queries.list_members_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [present(r) for r in page.items], "meta": page.meta()}


@api.route("/members", methods=["POST"])
@api.arguments(MemberCreateSchema)
@api.response(201, MemberOutSchema)
@requires("members.edit")
def api_create(data):
    """登记党员"""
    k = kernel()
    member_status = data.pop("status")
    member = services.register_member(k, g.tenant.slug, data, status=member_status, source="api")
    return present(queries.get_member(k, g.tenant.slug, member.id))


@api.route("/members/<uuid:member_id>")
@api.response(200, MemberOutSchema)
@requires("members.view")
def api_get(member_id: UUID):
    """党员详情（身份证号与手机号脱敏）"""
    return present(_load_member(member_id))


@api.route("/members/<uuid:member_id>", methods=["PATCH"])
@api.arguments(MemberCorrectSchema)
@api.response(200, MemberOutSchema)
@requires("members.edit")
def api_correct(data, member_id: UUID):
    """更正党员信息（须提供 expected_version；版本不符返回 409）"""
    k = kernel()
    _load_member(member_id)
    version, reason = data.pop("expected_version"), data.pop("reason")
    context.set_reason(reason)
    services.correct_member(k, g.tenant.slug, member_id, data, expected_version=version)
    return present(queries.get_member(k, g.tenant.slug, member_id))


@api.route("/members/<uuid:member_id>/status", methods=["POST"])
@api.arguments(StatusChangeSchema)
@api.response(200, MemberOutSchema)
@requires("members.edit")
def api_status(data, member_id: UUID):
    """变更党籍状态（转出、失联、停止党籍、自行脱党、除名、去世……）"""
    k = kernel()
    _load_member(member_id)
    services.change_status(k, g.tenant.slug, member_id, data["status"], data["effective_on"],
                           data["reason"], expected_version=data["expected_version"])
    return present(queries.get_member(k, g.tenant.slug, member_id))

