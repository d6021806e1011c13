"""Dues pages of the money: the payment ledger and receipts, reversals, late payments, remittances."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core import context
from core.bulk_entry import preview_then_save
from core.commands import note_domain_error
from core.errors import ConflictError, DomainError
from core.forms import form_int, form_text
from core.kernel import kernel
from core.messages import message_of
from core.permissions import requires
from core.web import int_arg, year_arg
from plugins.dues import present, queries, rules, services
from plugins.dues.schemas import DuesRemittanceInSchema, late_payments
from plugins.dues.web import bp
from plugins.dues.web.pages.common import LABELS, flash_validation, form_values, xlsx


@bp.route("/payments")
@requires("dues.view")
def payments():
    k = kernel()
    year = year_arg()
    if request.args.get("export") == "xlsx":
        rows = [present.entry(r) for r in queries.list_entries(k, g.tenant.slug, year=year)]
        return xlsx(f"党费交纳登记表{year or ''}", [present.entries_sheet(rows)])
    page = queries.list_entries_page(k, g.tenant.slug, page=int_arg("page", 1), year=year)
    return render_template("dues/payments.html", page=page, rows=[present.entry(r) for r in page.items],
                           year=year, ledger=queries.ledger(k, g.tenant.slug, year), rounding=rules.ROUNDING_NOTE)


@bp.route("/receipts/<receipt_no>")
@requires("dues.view")
def receipt(receipt_no: str, status: int = 200):
    k = kernel()
    row = queries.get_payment(k, g.tenant.slug, receipt_no)
    if row is None:
        abort(404)
    reversal = queries.get_reversal(k, g.tenant.slug, receipt_no)
    return render_template("dues/receipt.html", e=present.entry(row),
                           reversal=present.entry(reversal) if reversal else None,
                           rounding=rules.ROUNDING_NOTE), status


@bp.route("/receipts/<receipt_no>/reverse", methods=["POST"])
@requires("dues.manage")
def reverse(receipt_no: str):
    k = kernel()
    if queries.get_payment(k, g.tenant.slug, receipt_no) is None:
        abort(404)
    try:
        reason = form_text("reason", label="冲正原因", max_length=500)
        context.set_reason(reason or None)
        services.reverse_payment(k, g.tenant.slug, receipt_no, reason,
                                 expected_version=form_int("expected_version"))
        flash(gettext("已冲正：原交纳记录与冲正记录均保留。"), "success")
        return redirect(url_for("dues.receipt", receipt_no=receipt_no))
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return receipt(receipt_no, 409)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return receipt(receipt_no, 422)


@bp.route("/late-payments", methods=["GET", "POST"])
@requires("dues.collect")
def late_payments_page():
    """Payments made before they were entered (补录), several at once: paste or upload, preview, confirm."""
    k, tenant = kernel(), g.tenant.slug
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        preview, text, status, saved = preview_then_save(
            lambda rows: late_payments.read(rows, queries.people_by_name(k, tenant)),
            lambda rows, confirm: services.record_late_payments(k, tenant, [r.command() for r in rows], save=confirm))
        if saved is not None:
            flash(gettext("已补录 %(count)s 笔党费交纳，均标明交纳日期与登记日期。", count=len(saved)), "success")
            return redirect(url_for("dues.payments"))
    return render_template("dues/late_payments.html", preview=preview, text=text, columns=late_payments.COLUMNS,
                           example=late_payments.EXAMPLE, ok=preview is not None and status == 200), status


# -- remittances ------------------------------------------------------------------------------------------
def render_remittances(status: int = 200, values: dict | None = None):
    k = kernel()
    rows = [present.remittance(r) for r in queries.list_remittances(k, g.tenant.slug)]
    if request.args.get("export") == "xlsx":
        return xlsx("党费上缴记录", [present.remittances_sheet(rows)])
    return render_template("dues/remittances.html", rows=rows, ledger=queries.ledger(k, g.tenant.slug),
                           settings=queries.settings(k, g.tenant.slug), values=values or {}, labels=LABELS,
                           today=k.today()), status


@bp.route("/remittances")
@requires("dues.view")
def remittances():
    return render_remittances()


@bp.route("/remittances", methods=["POST"])
@requires("dues.manage")
def record_remittance():
    values = form_values()
    try:
        d = DuesRemittanceInSchema().load(values)
        services.record_remittance(kernel(), g.tenant.slug, rules.parse_month(d["period_from"]),
                                   rules.parse_month(d["period_to"]), d["amount"], d["remitted_on"],
                                   d["reference"], d["recipient"], d["note"])
        flash(gettext("上缴记录已登记。"), "success")
        return redirect(url_for("dues.remittances"))
    except ValidationError as exc:
        flash_validation(exc)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
    return render_remittances(422, values)


@bp.route("/remittances/<uuid:remittance_id>/cancel", methods=["POST"])
@requires("dues.manage")
def cancel_remittance(remittance_id: UUID):
    k = kernel()
    try:
        reason = form_text("reason", label="冲正原因", max_length=500)
        context.set_reason(reason or None)
        services.cancel_remittance(k, g.tenant.slug, remittance_id, reason,
                                   expected_version=form_int("expected_version"))
        flash(gettext("上缴记录已冲正。"), "success")
    except (DomainError, ConflictError) as exc:   # a row's own button: the page it returns to says why
        flash(message_of(exc), "danger")
    return redirect(url_for("dues.remittances"))
