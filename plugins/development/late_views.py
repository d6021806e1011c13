"""Development cases already under way before they were entered (补录), several at once: page
(paste or upload, preview, confirm) and API, on the development blueprints: thin."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from marshmallow import Schema, fields, validate

from core.bulk_entry import preview_then_save
from core.fields import Date, Integer, Text
from core.kernel import kernel
from core.permissions import requires
from plugins.development import late_entries, services
from plugins.development.schemas import DevelopmentPersonSchema
from plugins.development.views import api, bp
from plugins.members.public import list_members


def _people(k, tenant: str) -> dict[str, list[str]]:
    people: dict[str, list[str]] = {}
    for m in list_members(k, tenant):
        people.setdefault(m.name, []).append(str(m.id))
    return people



def _check(k, tenant: str, rows: list) -> None:
    """What the records refuse (one open case per ID number …), added to each row's problems."""
    _, errors, _ = services.check_late_cases(k, tenant, [r.command() for r in rows])
    for r in rows:
        if r.number in errors:
            r.errors.append(errors[r.number])


@bp.route("/late-entries", methods=["GET", "POST"])
@requires("development.edit")
def late_entries_page():
    k, tenant = kernel(), g.tenant.slug
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        preview, text, status, saved = preview_then_save(
            lambda rows: late_entries.read(rows, _people(k, tenant)),
            lambda rows, confirm: services.open_late_cases(k, tenant, [r.command() for r in rows]) if confirm else None,
            check=lambda rows: _check(k, tenant, rows))
        if saved is not None:
            flash(f"已补录 {len(saved)} 份发展党员档案，各步骤均标明办理日期与登记日期。", "success")
            return redirect(url_for("development.index"))
    return render_template("development/late_entries.html", preview=preview, text=text,
                           columns=late_entries.COLUMNS, example=late_entries.EXAMPLE,
                           ok=preview is not None and status == 200), status


class LateStepSchema(Schema):
    step = Integer(required=True, validate=validate.Range(min=1, max=late_entries.LAST_STEP),
                   metadata={"label": "步骤"})
    happened_on = Date(required=True, metadata={"label": "办理日期（早于或等于今天）"})


class LateCaseSchema(DevelopmentPersonSchema):
    """A case already under way: the person and the dates of the steps done (from step 1, in order)."""

    steps = fields.List(fields.Nested(LateStepSchema), required=True,
                        validate=validate.Length(min=1, max=late_entries.LAST_STEP))
    contacts = fields.List(fields.UUID(), load_default=list, metadata={"label": "培养联系人（第5步）"})
    late_reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "逾期原因"})
    notes = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "备注"})


class LateCasesSchema(Schema):
    cases = fields.List(fields.Nested(LateCaseSchema), required=True, validate=validate.Length(min=1, max=200))


class LateCaseOutSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    status = fields.String()
    current_step = fields.Integer(metadata={"description": "已办理到的步骤"})
    applied_on = fields.Date(metadata={"description": "申请入党日期（事情发生的日期）"})
    recorded_on = fields.Date(metadata={"description": "登记日期"})
    late = fields.Boolean(metadata={"description": "是否为补录"})


@api.route("/late-entries", methods=["POST"])
@api.arguments(LateCasesSchema)
@api.response(201, LateCaseOutSchema(many=True))
@requires("development.edit")
def late_entries_api(data):
    """补录已在进行中的发展党员档案（多份，全部成功或全部不写入），各步骤标明办理日期与登记日期。"""
    k = kernel()
    rows = []
    for number, c in enumerate(data["cases"], start=1):
        extra = {key: c.pop(key) for key in ("steps", "contacts", "late_reason", "notes")}
        rows.append({"number": number, "person": c, "contacts": [str(i) for i in extra["contacts"]],
                     "dates": {s["step"]: s["happened_on"] for s in extra["steps"]},
                     "late_reason": extra["late_reason"], "notes": extra["notes"]})
    built = services.open_late_cases(k, g.tenant.slug, rows)
    today = k.today()
    return [{"id": c.id, "name": c.person["name"], "status": c.status, "current_step": max(c.steps),
             "applied_on": c.applied_on, "recorded_on": today, "late": True} for c in built], 201
