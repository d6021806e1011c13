"""Dues pages of the members: the year's list, and one member's account (bases, reliefs, payments, dues
paid elsewhere and their withdrawal)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from core import context
from core.commands import note_domain_error
from core.files import send_stored
from core.errors import N_, ConflictError, DomainError
from core.forms import form_int, form_text
from core.kernel import kernel
from core.messages import message_of, translated
from core.permissions import requires
from plugins.dues import present, queries, rules, services
from plugins.dues.queries import standing
from plugins.dues.rules import obligations
from plugins.dues.schemas import DuesBaseInSchema, DuesElsewhereInSchema, DuesPaymentInSchema, DuesReliefInSchema
from plugins.dues.web import bp
from plugins.dues.web.pages import common
from plugins.dues.web.pages.common import flash_validation, form_values, year_shown
from plugins.members.public import get_member


@bp.route("/members")
@requires("dues.view")
def members():
    k, year = kernel(), year_shown()
    report = queries.annual(k, g.tenant.slug, year, k.today())
    found = {a.account.member_id: (a, lv) for a, lv in standing.arrears(k, g.tenant.slug, k.today())}
    bases = {}
    for row in queries.list_bases(k, g.tenant.slug):
        bases[row.member_id] = present.base(row)     # the latest base of each member
    return render_template("dues/members.html", year=year, report=report, arrears=found, bases=bases,
                           rounding=rules.ROUNDING_NOTE)


# -- one member's account -----------------------------------------------------------------------------
def _member(member_id: UUID):
    member = get_member(kernel(), g.tenant.slug, member_id)
    if member is None:
        abort(404)
    return member


def render_member(member, status: int = 200, values: dict | None = None):
    k, year = kernel(), year_shown()
    pol = queries.policy(k, g.tenant.slug)
    account = queries.member_account(k, g.tenant.slug, member)
    today = k.today()
    grid = obligations.lines(account, date(year, 1, 1), date(year, 12, 1))
    payable = [line for line in obligations.lines(
        account, account.first_month, rules.add_months(rules.month_of(today), pol.prepay_limit_months))
        if line.status == "unpaid"]
    entries = [present.entry(r) for r in queries.list_entries(k, g.tenant.slug, member_id=member.id)]
    overdue = [line.month for line in payable if line.month <= rules.last_due_month(today, pol.quarterly)]
    return render_template(
        "dues/member.html", member=member, year=year, grid=grid, payable=payable, account=account,
        policy=pol, version=queries.account_version(k, g.tenant.slug, member.id),
        bases=[present.base(r) for r in queries.member_bases(k, g.tenant.slug, member.id)],
        reliefs=[present.relief(r) for r in queries.member_reliefs(k, g.tenant.slug, member.id)],
        entries=entries, elsewhere=[present.elsewhere(r) for r in queries.member_elsewhere(k, g.tenant.slug, member.id)],
        elsewhere_months=[line.month for line in obligations.lines(
            account, account.first_month, rules.add_months(rules.month_of(today), pol.prepay_limit_months))
            if line.status in ("unpaid", "no_base")],
        categories=rules.CATEGORIES, hints=rules.BASE_HINTS, methods=rules.METHODS,
        relief_kinds=rules.RELIEF_KINDS, status_labels=obligations.STATUS_LABELS, today=today,
        this_month=rules.month_of(today), last_due=rules.last_due_month(today, pol.quarterly),
        values=values or {}, labels=common.LABELS, rounding=rules.ROUNDING_NOTE,
        overdue=common.earlier_unpaid(overdue) if overdue else ""), status


@bp.route("/members/<uuid:member_id>")
@requires("dues.view")
def member(member_id: UUID):
    return render_member(_member(member_id))


def _member_command(member_id: UUID, schema, command, success: str):
    member = _member(member_id)
    values = form_values()
    try:
        data = schema().load({**values, "member_id": str(member_id)})
        result = command(kernel(), data)
        flash(translated(success), "success")
        return result or redirect(url_for("dues.member", member_id=member_id, year=data.get("year")))
    except ValidationError as exc:
        flash_validation(exc)
        return render_member(member, 422, values)
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return render_member(member, 409, values)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return render_member(member, 422, values)


@bp.route("/members/<uuid:member_id>/base", methods=["POST"])
@requires("dues.manage")
def record_base(member_id: UUID):
    def command(k, d):
        context.set_reason(d["note"] or None)
        services.record_base(k, g.tenant.slug, d["member_id"], d["year"], d["from_month"], d["category"],
                             d["base"], d["note"], expected_version=d["expected_version"])
    return _member_command(member_id, DuesBaseInSchema, command, N_("党费基数已登记。"))


@bp.route("/members/<uuid:member_id>/relief", methods=["POST"])
@requires("dues.manage")
def grant_relief(member_id: UUID):
    def command(k, d):
        context.set_reason(d["reason"])
        services.grant_relief(k, g.tenant.slug, d["member_id"], d["year"], d["from_month"], d["to_month"],
                              d["kind"], d["amount"], d["reason"], d["approver"], d["approved_on"],
                              expected_version=d["expected_version"])
    return _member_command(member_id, DuesReliefInSchema, command, N_("减免已登记。"))


@bp.route("/members/<uuid:member_id>/pay", methods=["POST"])
@requires("dues.collect")
def pay(member_id: UUID):
    def command(k, d):
        months = [rules.parse_month(m) for m in d["months"]]
        earlier = queries.earlier_unpaid(k, g.tenant.slug, _member(member_id), months)
        _account, receipt = services.record_payment(
            k, g.tenant.slug, d["member_id"], months, d["method"], d["paid_on"], d["payer"],
            d["voluntary"], d["note"], expected_version=d["expected_version"])
        if earlier:
            flash(common.earlier_unpaid(earlier), "warning")
        return redirect(url_for("dues.receipt", receipt_no=receipt))
    return _member_command(member_id, DuesPaymentInSchema, command, N_("交纳已记录，收据已生成。"))


@bp.route("/members/<uuid:member_id>/elsewhere", methods=["POST"])
@requires("dues.manage")
def record_elsewhere(member_id: UUID):
    """Dues a member away paid where they are (流入地党组织): the months count as paid here."""
    def command(k, d):
        upload = request.files.get("proof_file")
        services.record_paid_elsewhere(k, g.tenant.slug, d["member_id"], [rules.parse_month(m) for m in d["months"]],
                                       d["organisation"], d["amount"], d["proof_no"], d["paid_on"],
                                       (upload.read(), upload.filename) if upload and upload.filename else None,
                                       d["note"], expected_version=d["expected_version"])
        return redirect(url_for("dues.member", member_id=member_id, _anchor="elsewhere"))
    return _member_command(member_id, DuesElsewhereInSchema, command, N_("已登记在外地交纳的党费。"))


@bp.route("/members/<uuid:member_id>/elsewhere/<key>/withdraw", methods=["POST"])
@requires("dues.manage")
def withdraw_elsewhere(member_id: UUID, key: str):
    """Withdraw a wrong entry of dues paid elsewhere (撤销), with a reason: its months are unpaid again."""
    k, member = kernel(), _member(member_id)
    if not any(r.key == key for r in queries.member_elsewhere(k, g.tenant.slug, member.id)):
        abort(404)
    try:
        reason = form_text("reason", label="撤销原因", max_length=500)
        context.set_reason(reason or None)
        services.withdraw_paid_elsewhere(k, g.tenant.slug, member.id, key, reason,
                                         expected_version=form_int("expected_version"))
        flash(translated(N_("已撤销：原登记保留并标明已撤销，所交月份恢复为未交。")), "success")
        return redirect(url_for("dues.member", member_id=member_id, _anchor="elsewhere"))
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return render_member(member, 409)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return render_member(member, 422)


@bp.route("/members/<uuid:member_id>/elsewhere/<key>/proof")
@requires("dues.view")
def elsewhere_proof(member_id: UUID, key: str):
    """The proof file of dues paid elsewhere (a receipt's photo or scan)."""
    row = next((r for r in queries.member_elsewhere(kernel(), g.tenant.slug, member_id) if r.key == key), None)
    if row is None or not row.proof_file:
        abort(404)
    return send_stored(kernel(), row.proof_file["sha256"], row.proof_file["name"], row.proof_file["content_type"])
