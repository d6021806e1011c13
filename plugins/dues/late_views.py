"""Payments made before they were entered (补录), several at once: page (paste or upload, preview,
confirm) and API, on the dues blueprints: thin."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from marshmallow import Schema, fields, validate

from core.bulk_entry import preview_then_save
from core.fields import Date, Line, Month
from core.kernel import kernel
from core.permissions import requires
from plugins.dues import late_entries, rules, services
from plugins.dues.api import api
from plugins.dues.views import bp
from plugins.members.public import list_members


def _people(k, tenant: str) -> dict[str, list[str]]:
    people: dict[str, list[str]] = {}
    for m in list_members(k, tenant):
        people.setdefault(m.name, []).append(str(m.id))
    return people



@bp.route("/late-payments", methods=["GET", "POST"])
@requires("dues.collect")
def late_payments_page():
    k, tenant = kernel(), g.tenant.slug
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        preview, text, status, saved = preview_then_save(
            lambda rows: late_entries.read(rows, _people(k, tenant)),
            lambda rows, confirm: services.record_late_payments(k, tenant, [r.command() for r in rows], save=confirm))
        if saved is not None:
            flash(f"已补录 {len(saved)} 笔党费交纳，均标明交纳日期与登记日期。", "success")
            return redirect(url_for("dues.payments"))
    return render_template("dues/late_payments.html", preview=preview, text=text, columns=late_entries.COLUMNS,
                           example=late_entries.EXAMPLE, ok=preview is not None and status == 200), status


class LatePaymentSchema(Schema):
    """A payment made before it is entered, for whole months at their due amounts."""

    member_id = fields.UUID(required=True)
    months = fields.List(Month(), required=True, validate=validate.Length(min=1, max=36),
                         metadata={"description": "所交月份（YYYY-MM）"})
    paid_on = Date(required=True, metadata={"description": "交纳日期（早于今天）"})
    method = fields.String(required=True, validate=validate.OneOf(list(rules.METHODS)))
    payer = Line(load_default="", validate=validate.Length(max=60))
    note = Line(load_default="", validate=validate.Length(max=200))


class LatePaymentsSchema(Schema):
    payments = fields.List(fields.Nested(LatePaymentSchema), required=True, validate=validate.Length(min=1, max=500))


class LatePaymentOutSchema(Schema):
    member_id = fields.UUID()
    receipt_no = fields.String()


@api.route("/late-payments", methods=["POST"])
@api.arguments(LatePaymentsSchema)
@api.response(201, LatePaymentOutSchema(many=True))
@requires("dues.collect")
def late_payments_api(data):
    """补录已交纳的党费（多笔，全部成功或全部不写入），每笔标明交纳日期与登记日期。"""
    done = services.record_late_payments(kernel(), g.tenant.slug, data["payments"])
    return [{"member_id": m, "receipt_no": r} for m, r in done], 201
