"""The dues sheet of a month or quarter (党费收缴表): every member who owes, ticked and saved at once,
one receipt each; and the receipts of a save or a period printed together."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import Schema, ValidationError, validate

from core.commands import note_domain_error
from core.errors import ConflictError, DomainError
from core.fields import Date, Line, Text
from core.kernel import kernel
from core.messages import message_of, translated
from core.permissions import requires
from plugins.dues import present, queries, rules, services
from plugins.dues.rules import sheet
from plugins.dues.web import bp
from plugins.dues.web.pages import common
from plugins.dues.web.pages.common import flash_validation


class SheetFormSchema(Schema):
    """What the sheet asks once for every row: the day paid and how."""

    paid_on = Date(load_default=None, allow_none=True)
    method = Text(required=True, validate=validate.OneOf(list(rules.METHODS)))
    note = Line(load_default="", validate=validate.Length(max=200))


def period_asked(default_day=None) -> sheet.Period:
    """The period of ``?period=`` (or the posted one): 2026-11 or 2026-Q4; else the school's default."""
    k = kernel()
    text = request.values.get("period")
    if not text:
        return queries.default_period(k, g.tenant.slug, default_day or k.today())
    try:
        return sheet.parse_period(text)
    except (ValueError, OverflowError):
        abort(404)


def render_sheet(period: sheet.Period, status: int = 200, values=None, row_errors: dict | None = None):
    k = kernel()
    rows = queries.dues_sheet(k, g.tenant.slug, period)
    saved = []
    if request.args.get("first") and request.args.get("last"):
        saved = [present.entry(r) for r in queries.payments_by_receipt(
            k, g.tenant.slug, request.args["first"], request.args["last"])]
    return render_template(
        "dues/sheet.html", period=period, rows=rows, values=values, labels=common.LABELS,
        row_errors={key: translated(why) for key, why in (row_errors or {}).items()},
        methods=rules.METHODS, categories=rules.CATEGORIES, today=k.today(), saved=saved,
        previous=period.shifted(-1), following=period.shifted(1),
        month_view=sheet.period_of(period.first, False), quarter_view=sheet.period_of(period.first, True),
        earlier=lambda row: common.earlier_unpaid(row.earlier) if row.earlier else "",
        payable=[r for r in rows if r.payable], rounding=rules.ROUNDING_NOTE), status


@bp.route("/sheet")
@requires("dues.collect")
def dues_sheet():
    return render_sheet(period_asked())


def ticked_rows(form) -> tuple[list[dict], dict[str, str]]:
    """The ticked rows of the posted sheet (every row when "select all" is ticked) as commands, and
    the rows whose amount cannot be read (member id → why)."""
    listed = [key[len("months-"):] for key in form if key.startswith("months-")]
    ticked = listed if form.get("all") else [m for m in form.getlist("pay") if m in listed]
    rows, errors = [], {}
    for member_id in ticked:
        text = (form.get(f"amount-{member_id}") or "").replace("¥", "").replace(",", "").strip()
        try:
            amount = Decimal(text)
            if not amount.is_finite() or amount <= 0 or amount != rules.to_fen(amount):
                raise ValueError(text)
            rows.append({"key": member_id, "member_id": UUID(member_id), "amount": amount,
                         "months": [m for m in form.get(f"months-{member_id}", "").split(",") if m]})
        except (ValueError, InvalidOperation):
            errors[member_id] = gettext("金额「%(text)s」无法识别：应为大于零的金额（元），最多两位小数", text=text)
    return rows, errors


@bp.route("/sheet", methods=["POST"])
@requires("dues.collect")
def save_sheet():
    """Save every ticked row in one transaction: all or nothing; the page keeps what was typed."""
    k, form = kernel(), request.form
    period = period_asked()
    try:
        data = SheetFormSchema().load({key: form[key] for key in ("paid_on", "method", "note") if form.get(key)})
    except ValidationError as exc:
        flash_validation(exc)
        return render_sheet(period, 422, form)
    rows, errors = ticked_rows(form)
    if errors:
        flash(gettext("有 %(n)s 行金额有误，见表中标注；本次未写入任何数据。", n=len(errors)), "danger")
        return render_sheet(period, 422, form, errors)
    if not rows:
        flash(gettext("请勾选要登记的党员（或勾选“全选”）。"), "danger")
        return render_sheet(period, 422, form)
    try:
        done = services.record_sheet(k, g.tenant.slug, rows, data["method"], data["paid_on"], data["note"])
    except services.SheetError as exc:
        flash(gettext("有 %(n)s 行不能登记，见表中标注；本次未写入任何数据。", n=len(exc.rows)), "danger")
        return render_sheet(period, 422, form, exc.rows)
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return render_sheet(period, 409, form)
    except DomainError as exc:
        note_domain_error(exc)
        flash(message_of(exc), "danger")
        return render_sheet(period, 422, form)
    flash(gettext("已登记 %(n)s 名党员的党费，收据 %(first)s 至 %(last)s。", n=len(done), first=done[0][1],
                  last=done[-1][1]), "success")
    return redirect(url_for("dues.dues_sheet", period=period.key, first=done[0][1], last=done[-1][1]))


@bp.route("/receipts/print")
@requires("dues.view")
def print_receipts():
    """Receipts to print, one per block: of one save (``first``–``last``) or of a period."""
    k = kernel()
    if request.args.get("first") and request.args.get("last"):
        rows = queries.payments_by_receipt(k, g.tenant.slug, request.args["first"], request.args["last"])
        title = gettext("收据 %(first)s 至 %(last)s", first=request.args["first"], last=request.args["last"])
    else:
        period = period_asked()
        rows = queries.payments_for_period(k, g.tenant.slug, period)
        title = gettext("%(period)s 的党费收据", period=period.key)
    return render_template("dues/receipts_print.html", receipts=[present.entry(r) for r in rows], title=title,
                           rounding=rules.ROUNDING_NOTE)
