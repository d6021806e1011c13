"""Pages of party dues: thin, delegating to services, queries and present."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from core import context
from core.errors import ConflictError, DomainError
from core.excel import xlsx_response
from core.forms import form_int, form_text
from core.kernel import kernel
from core.permissions import requires
from core.web import int_arg, tenant_blueprint, year_arg
from plugins.dues import obligations, present, queries, rules, services
from plugins.dues.schemas import DuesBaseInSchema, DuesPaymentInSchema, DuesReliefInSchema, DuesRemittanceInSchema
from plugins.members.public import get_member

bp = tenant_blueprint("dues", __name__)

LABELS = {"member_id": "党员", "year": "年度", "from_month": "起始月份", "to_month": "结束月份",
          "category": "收入类别", "base": "月基数", "kind": "减免方式", "amount": "金额", "reason": "原因",
          "approver": "审批组织或审批人", "approved_on": "批准日期", "months": "月份", "method": "交纳方式",
          "paid_on": "交纳日期", "payer": "代缴人", "voluntary": "自愿多交", "period_from": "起始月份",
          "period_to": "结束月份", "remitted_on": "上缴日期", "reference": "凭证号", "note": "说明"}


def _year() -> int:
    return year_arg() or kernel().today().year


def _form(exclude=("csrf_token",)) -> dict:
    data = {}
    for key in request.form:
        if key in exclude:
            continue
        values = [v for v in request.form.getlist(key) if v != ""]
        if key == "months":
            data[key] = values
        elif values:
            data[key] = values[0]
    return data


def _flash_errors(exc: ValidationError) -> None:
    for field, messages in exc.messages.items():
        for message in messages if isinstance(messages, list) else [messages]:
            flash(f"{LABELS.get(field, field)}：{message}", "danger")


def _xlsx(name: str, sheets):
    return xlsx_response(f"{g.tenant.name}{name}.xlsx", sheets)


# -- overview ---------------------------------------------------------------------------------------
@bp.route("/")
@requires("dues.view")
def index():
    k, year = kernel(), _year()
    report = queries.annual(k, g.tenant.slug, year, k.today())
    ledger = queries.ledger(k, g.tenant.slug, year)
    found = queries.arrears(k, g.tenant.slug, k.today())
    return render_template("dues/index.html", year=year, report=report, ledger=ledger,
                           total=queries.ledger(k, g.tenant.slug), rounding=rules.ROUNDING_NOTE,
                           warnings=sum(1 for _a, lv in found if lv == "warning"),
                           dangers=sum(1 for _a, lv in found if lv == "danger"), in_arrears=len(found))


@bp.route("/members")
@requires("dues.view")
def members():
    k, year = kernel(), _year()
    report = queries.annual(k, g.tenant.slug, year, k.today())
    found = {a.account.member_id: (a, lv) for a, lv in queries.arrears(k, g.tenant.slug, k.today())}
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
    k, year = kernel(), _year()
    pol = queries.policy(k, g.tenant.slug)
    account = queries.member_account(k, g.tenant.slug, member)
    today = k.today()
    grid = obligations.lines(account, date(year, 1, 1), date(year, 12, 1))
    payable = [line for line in obligations.lines(
        account, account.first_month, rules.add_months(rules.month_of(today), pol.prepay_limit_months))
        if line.status == "unpaid"]
    entries = [present.entry(r) for r in queries.list_entries(k, g.tenant.slug, member_id=member.id)]
    return render_template(
        "dues/member.html", member=member, year=year, grid=grid, payable=payable, account=account,
        policy=pol, version=queries.account_version(k, g.tenant.slug, member.id),
        bases=[present.base(r) for r in queries.member_bases(k, g.tenant.slug, member.id)],
        reliefs=[present.relief(r) for r in queries.member_reliefs(k, g.tenant.slug, member.id)],
        entries=entries, categories=rules.CATEGORIES, hints=rules.BASE_HINTS, methods=rules.METHODS,
        relief_kinds=rules.RELIEF_KINDS, status_labels=obligations.STATUS_LABELS, today=today,
        this_month=rules.month_of(today), last_due=rules.last_due_month(today, pol.quarterly),
        values=values or {}, rounding=rules.ROUNDING_NOTE), status


@bp.route("/members/<uuid:member_id>")
@requires("dues.view")
def member(member_id: UUID):
    return render_member(_member(member_id))


def _member_command(member_id: UUID, schema, command, success: str):
    member = _member(member_id)
    values = _form()
    try:
        data = schema().load({**values, "member_id": str(member_id)})
        result = command(kernel(), data)
        flash(success, "success")
        return result or redirect(url_for("dues.member", member_id=member_id, year=data.get("year")))
    except ValidationError as exc:
        _flash_errors(exc)
        return render_member(member, 422, values)
    except ConflictError as exc:
        flash(exc.message, "danger")
        return render_member(member, 409, values)
    except DomainError as exc:
        flash(exc.message, "danger")
        return render_member(member, 422, values)


@bp.route("/members/<uuid:member_id>/base", methods=["POST"])
@requires("dues.manage")
def record_base(member_id: UUID):
    def command(k, d):
        context.set_reason(d["note"] or None)
        services.record_base(k, g.tenant.slug, d["member_id"], d["year"], d["from_month"], d["category"],
                             d["base"], d["note"], expected_version=d["expected_version"])
    return _member_command(member_id, DuesBaseInSchema, command, "党费基数已登记。")


@bp.route("/members/<uuid:member_id>/relief", methods=["POST"])
@requires("dues.manage")
def grant_relief(member_id: UUID):
    def command(k, d):
        context.set_reason(d["reason"])
        services.grant_relief(k, g.tenant.slug, d["member_id"], d["year"], d["from_month"], d["to_month"],
                              d["kind"], d["amount"], d["reason"], d["approver"], d["approved_on"],
                              expected_version=d["expected_version"])
    return _member_command(member_id, DuesReliefInSchema, command, "减免已登记。")


@bp.route("/members/<uuid:member_id>/pay", methods=["POST"])
@requires("dues.collect")
def pay(member_id: UUID):
    def command(k, d):
        _account, receipt = services.record_payment(
            k, g.tenant.slug, d["member_id"], d["months"], d["method"], d["paid_on"], d["payer"],
            d["voluntary"], d["note"], expected_version=d["expected_version"])
        return redirect(url_for("dues.receipt", receipt_no=receipt))
    return _member_command(member_id, DuesPaymentInSchema, command, "交纳已记录，收据已生成。")


# -- ledger, receipts ---------------------------------------------------------------------------------
@bp.route("/payments")
@requires("dues.view")
def payments():
    k = kernel()
    year = year_arg()
    if request.args.get("export") == "xlsx":
        rows = [present.entry(r) for r in queries.list_entries(k, g.tenant.slug, year=year)]
        return _xlsx(f"党费交纳登记表{year or ''}", [present.entries_sheet(rows)])
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
        flash("已冲正：原交纳记录与冲正记录均保留。", "success")
        return redirect(url_for("dues.receipt", receipt_no=receipt_no))
    except ConflictError as exc:
        flash(exc.message, "danger")
        return receipt(receipt_no, 409)
    except DomainError as exc:
        flash(exc.message, "danger")
        return receipt(receipt_no, 422)


# -- arrears, remittances -------------------------------------------------------------------------------
@bp.route("/arrears")
@requires("dues.arrears")
def arrears():
    k = kernel()
    rows = [present.arrears(a, lv) for a, lv in queries.arrears(k, g.tenant.slug, k.today())]
    if request.args.get("export") == "xlsx":
        return _xlsx("欠交党费名单", [present.arrears_sheet(rows)])
    return render_template("dues/arrears.html", rows=rows, policy=queries.policy(k, g.tenant.slug),
                           last_due=rules.last_due_month(k.today(), queries.policy(k, g.tenant.slug).quarterly))


def render_remittances(status: int = 200, values: dict | None = None):
    k = kernel()
    rows = [present.remittance(r) for r in queries.list_remittances(k, g.tenant.slug)]
    if request.args.get("export") == "xlsx":
        return _xlsx("党费上缴记录", [present.remittances_sheet(rows)])
    return render_template("dues/remittances.html", rows=rows, ledger=queries.ledger(k, g.tenant.slug),
                           settings=queries.settings(k, g.tenant.slug), values=values or {},
                           today=k.today()), status


@bp.route("/remittances")
@requires("dues.view")
def remittances():
    return render_remittances()


@bp.route("/remittances", methods=["POST"])
@requires("dues.manage")
def record_remittance():
    values = _form()
    try:
        d = DuesRemittanceInSchema().load(values)
        services.record_remittance(kernel(), g.tenant.slug, rules.parse_month(d["period_from"]),
                                   rules.parse_month(d["period_to"]), d["amount"], d["remitted_on"],
                                   d["reference"], d["recipient"], d["note"])
        flash("上缴记录已登记。", "success")
        return redirect(url_for("dues.remittances"))
    except ValidationError as exc:
        _flash_errors(exc)
    except DomainError as exc:
        flash(exc.message, "danger")
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
        flash("上缴记录已冲正。", "success")
    except (DomainError, ConflictError) as exc:
        flash(exc.message, "danger")
    return redirect(url_for("dues.remittances"))


# -- reports ----------------------------------------------------------------------------------------------
@bp.route("/reports/annual")
@requires("dues.view")
def annual_report():
    k, year = kernel(), _year()
    data = present.annual(queries.annual(k, g.tenant.slug, year, k.today()), queries.ledger(k, g.tenant.slug, year))
    if request.args.get("export") == "xlsx":
        return _xlsx(f"{year}年党费年度报表", present.annual_sheets(data))
    return render_template("dues/annual.html", data=data, year=year)


@bp.route("/reports/monthly")
@requires("dues.view")
def monthly_report():
    k = kernel()
    try:
        month = rules.parse_month(request.args["month"]) if request.args.get("month") \
            else rules.month_of(k.today())
    except (ValueError, OverflowError):
        abort(404)
    collected = sum((amount for day, amount in queries.collections(k, g.tenant.slug)
                     if rules.month_of(day) == month), rules.ZERO)
    data = present.monthly(queries.monthly(k, g.tenant.slug, month), month, collected)
    if request.args.get("export") == "xlsx":
        return _xlsx(f"{data['month']}党费月报", [present.monthly_sheet(data)])
    return render_template("dues/monthly.html", data=data, month=month,
                           prev=rules.month_key(rules.add_months(month, -1)),
                           next=rules.month_key(rules.add_months(month, 1)))


@bp.route("/publication")
@requires("dues.publication")
def publication():
    k, year = kernel(), _year()
    data = present.annual(queries.annual(k, g.tenant.slug, year, k.today()), queries.ledger(k, g.tenant.slug, year))
    data["year"] = year
    if request.args.get("export") == "xlsx":
        return _xlsx(f"{year}年党费收缴公示", [present.publication_sheet(data)])
    return render_template("dues/publication.html", data=data, year=year, today=k.today(),
                           settings=queries.settings(k, g.tenant.slug))
