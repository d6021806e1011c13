"""Pages of membership transfers (组织关系转接): list, overdue, out, in, receipt."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError
from core.kernel import kernel
from core.messages import message_of
from core.permissions import requires
from plugins.members import present, queries, rules, services
from plugins.members.schemas import ReceiptSchema, TransferInSchema, TransferOutSchema
from plugins.members.web import bp
from plugins.members.web.common import form_data, form_errors, load_member, on_roll_choices

LABELS = {**rules.FIELD_LABELS, "letter_no": "介绍信编号", "other_org": "对方党组织", "issued_on": "开具日期",
          "valid_until": "有效期至", "dues_paid_to": "党费交至", "member": "转入党员", "on": "回执日期"}


def transfer_rows(k, tenant, today):
    return [present.transfer(t, today) for t in queries.list_transfers(k, tenant)]


@bp.route("/transfers")
@requires("members.view")
def transfers():
    k = kernel()
    today = k.today()
    rows = transfer_rows(k, g.tenant.slug, today)
    returning = queries.list_members(k, g.tenant.slug, statuses=("transferred_out",))
    return render_template("members/transfers.html", rows=rows, overdue=[r for r in rows if r["overdue"]],
                           members=on_roll_choices(), returning=returning, today=today,
                           genders=rules.GENDERS, labels=rules.FIELD_LABELS,
                           validity=services.org_rules(k, g.tenant.slug).transfer_validity_months)


@bp.route("/<uuid:member_id>/transfer-out", methods=["POST"])
@requires("members.edit")
def transfer_out(member_id: UUID):
    load_member(member_id)
    try:
        data = TransferOutSchema().load(form_data(request.form))
        services.transfer_out(kernel(), g.tenant.slug, member_id, **data, typed=True)
        flash(gettext("组织关系转出已登记。"), "success")
    except ValidationError as exc:
        form_errors(exc, LABELS)
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(request.form.get("next") or url_for("members.detail", member_id=member_id))


@bp.route("/transfers/in", methods=["POST"])
@requires("members.edit")
def transfer_in():
    form = form_data(request.form)
    member = {f: form.pop(f) for f in list(form) if f in rules.FIELD_LABELS}
    member = {f: v for f, v in member.items() if v not in ("", None)}
    if not form.get("member_id"):
        form["member"] = member
    try:
        data = TransferInSchema().load(form)
        services.transfer_in(kernel(), g.tenant.slug, data["letter_no"], data["other_org"], data["issued_on"],
                             data["valid_until"], data["dues_paid_to"], fields=data["member"],
                             status=data["status"], member_id=data["member_id"],
                             expected_version=data["expected_version"], typed=True)
        flash(gettext("组织关系转入已登记。"), "success")
    except ValidationError as exc:
        form_errors(exc, LABELS)
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("members.transfers"))


@bp.route("/transfers/<uuid:transfer_id>/receipt", methods=["POST"])
@requires("members.edit")
def return_receipt(transfer_id: UUID):
    if queries.get_transfer(kernel(), g.tenant.slug, transfer_id) is None:
        abort(404)
    try:
        data = ReceiptSchema().load(form_data(request.form))
        services.return_receipt(kernel(), g.tenant.slug, transfer_id, data["on"], data["expected_version"], typed=True)
        flash(gettext("回执已登记。"), "success")
    except ValidationError as exc:
        form_errors(exc, LABELS)
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("members.transfers"))
