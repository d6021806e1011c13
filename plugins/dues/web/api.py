"""API of party dues (flask-smorest): bases, reliefs, payments, reversals, late payments, arrears,
reports, remittances, dues paid elsewhere and their withdrawal. Thin: delegating to services, queries and present."""
from __future__ import annotations

from uuid import UUID

from flask import abort, g

from core import context
from core.kernel import kernel
from core.permissions import requires
from plugins.dues import present, queries, rules, services
from plugins.dues.queries import standing
from plugins.dues.rules import sheet
from plugins.dues.schemas import (
    DuesAccountOutSchema, DuesAnnualReportOutSchema, DuesArrearsOutSchema, DuesBaseInSchema, DuesBaseOutSchema,
    DuesElsewhereInSchema, DuesElsewhereOutSchema, DuesEntryOutSchema, DuesEntryPageSchema, DuesEntryQuerySchema, DuesMonthlyReportOutSchema, DuesMonthQuerySchema,
    DuesPaymentInSchema, DuesReliefInSchema, DuesRemittanceInSchema, DuesRemittanceOutSchema, DuesReversalInSchema,
    DuesYearQuerySchema,
)
from plugins.dues.schemas.late_payments import LatePaymentOutSchema, LatePaymentsSchema
from plugins.dues.schemas.sheet import (
    DuesPaymentOutSchema, DuesSheetInSchema, DuesSheetOutSchema, DuesSheetQuerySchema, DuesSheetSavedOutSchema,
)
from plugins.dues.web import api_bp as api
from plugins.dues.web.pages import common
from plugins.members.public import get_member


@api.route("/bases")
@api.arguments(DuesYearQuerySchema, location="query")
@api.response(200, DuesBaseOutSchema(many=True))
@requires("dues.view")
def list_bases(args):
    """党费基数（每名党员每年；年中变更为单独一条）"""
    return [present.base(r) for r in queries.list_bases(kernel(), g.tenant.slug, args["year"])]


@api.route("/bases", methods=["POST"])
@api.arguments(DuesBaseInSchema)
@api.response(201, DuesBaseOutSchema)
@requires("dues.manage")
def record_base(d):
    """登记党费基数（from_month=1 为全年基数；其他月份为自该月起的变更）"""
    k = kernel()
    context.set_reason(d["note"] or None)
    services.record_base(k, g.tenant.slug, d["member_id"], d["year"], d["from_month"], d["category"],
                         d["base"], d["note"], expected_version=d["expected_version"])
    rows = [r for r in queries.member_bases(k, g.tenant.slug, d["member_id"])
            if r.year == d["year"] and r.from_month == d["from_month"] and r.current]
    return present.base(rows[-1])


@api.route("/reliefs", methods=["POST"])
@api.arguments(DuesReliefInSchema)
@api.response(201, DuesAccountOutSchema)
@requires("dues.manage")
def grant_relief(d):
    """困难党员减交或免交（须填写原因与审批组织）"""
    k = kernel()
    context.set_reason(d["reason"])
    account = services.grant_relief(k, g.tenant.slug, d["member_id"], d["year"], d["from_month"], d["to_month"],
                                    d["kind"], d["amount"], d["reason"], d["approver"], d["approved_on"],
                                    expected_version=d["expected_version"])
    return {"member_id": d["member_id"], "account_version": account.version}


@api.route("/payments")
@api.arguments(DuesEntryQuerySchema, location="query")
@api.response(200, DuesEntryPageSchema)
@requires("dues.view")
def list_payments(args):
    """党费交纳登记表（交纳与冲正，分页）"""
    page = queries.list_entries_page(kernel(), g.tenant.slug, **args)
    return {"items": [present.entry(r) for r in page.items], "meta": page.meta()}


@api.route("/payments", methods=["POST"])
@api.arguments(DuesPaymentInSchema)
@api.response(201, DuesPaymentOutSchema)
@requires("dues.collect")
def record_payment(d):
    """登记交纳（一个或多个月；收缴人为当前用户；返回收据号；warnings 提示更早的未交月份）"""
    k = kernel()
    months = [rules.parse_month(m) for m in d["months"]]
    member = get_member(k, g.tenant.slug, d["member_id"])
    earlier = queries.earlier_unpaid(k, g.tenant.slug, member, months) if member else []
    _account, receipt = services.record_payment(
        k, g.tenant.slug, d["member_id"], months, d["method"],
        d["paid_on"], d["payer"], d["voluntary"], d["note"], expected_version=d["expected_version"])
    return {**present.entry(queries.get_payment(k, g.tenant.slug, receipt)),
            "warnings": [common.earlier_unpaid(earlier)] if earlier else []}


@api.route("/payments/<receipt_no>")
@api.response(200, DuesEntryOutSchema)
@requires("dues.view")
def get_payment(receipt_no: str):
    """一笔交纳（按收据号）"""
    row = queries.get_payment(kernel(), g.tenant.slug, receipt_no)
    if row is None:
        abort(404)
    return present.entry(row)


@api.route("/payments/<receipt_no>/reversal", methods=["POST"])
@api.arguments(DuesReversalInSchema)
@api.response(201, DuesEntryOutSchema)
@requires("dues.manage")
def reverse_payment(d, receipt_no: str):
    """冲正一笔交纳（新增冲正记录，原记录保留）"""
    k = kernel()
    if queries.get_payment(k, g.tenant.slug, receipt_no) is None:
        abort(404)
    context.set_reason(d["reason"])
    services.reverse_payment(k, g.tenant.slug, receipt_no, d["reason"], expected_version=d["expected_version"])
    return present.entry(queries.get_reversal(k, g.tenant.slug, receipt_no))


@api.route("/late-payments", methods=["POST"])
@api.arguments(LatePaymentsSchema)
@api.response(201, LatePaymentOutSchema(many=True))
@requires("dues.collect")
def late_payments_api(data):
    """补录已交纳的党费（多笔，全部成功或全部不写入），每笔标明交纳日期与登记日期。"""
    done = services.record_late_payments(kernel(), g.tenant.slug, data["payments"])
    return [{"member_id": m, "receipt_no": r} for m, r in done], 201


@api.route("/sheet")
@api.arguments(DuesSheetQuerySchema, location="query")
@api.response(200, DuesSheetOutSchema)
@requires("dues.collect")
def dues_sheet(args):
    """党费收缴表：本期（月或季度）每名应交党员的未交月份、应交、已交、更早未交月份"""
    k = kernel()
    period = sheet.parse_period(args["period"]) if args["period"] else \
        queries.default_period(k, g.tenant.slug, k.today())
    return present.sheet(period, queries.dues_sheet(k, g.tenant.slug, period))


@api.route("/sheet", methods=["POST"])
@api.arguments(DuesSheetInSchema)
@api.response(201, DuesSheetSavedOutSchema)
@requires("dues.collect")
def save_sheet(d):
    """保存收缴表：多名党员的交纳一次登记（全部成功或全部不写入），每人一张收据；
    表生成后他人已登记的月份答 409；warnings 提示更早的未交月份"""
    k, tenant = kernel(), g.tenant.slug
    accounts = {a.member_id: a for a in queries.school_accounts(k, tenant)[0]}
    rows = [{**p, "key": str(p["member_id"]), "months": [rules.parse_month(m) for m in p["months"]]}
            for p in d["payments"]]
    earlier = {row["key"]: sheet.earlier_unpaid(accounts[row["member_id"]], row["months"])
               for row in rows if row["member_id"] in accounts}
    done = services.record_sheet(k, tenant, rows, d["method"], d["paid_on"], d["note"])
    receipts = []
    for member_id, receipt in done:
        found = earlier.get(str(member_id))
        receipts.append({"member_id": member_id, "receipt_no": receipt,
                         "amount": present.entry(queries.get_payment(k, tenant, receipt))["amount"],
                         "warnings": [common.earlier_unpaid(found)] if found else []})
    return {"receipts": receipts, "warnings": [f"{accounts[r['member_id']].name}：{w}"
                                               for r in receipts for w in r["warnings"]]}, 201


@api.route("/arrears")
@api.response(200, DuesArrearsOutSchema(many=True))
@requires("dues.arrears")
def list_arrears():
    """欠交名单（连续3个月预警，连续6个月警示）"""
    k = kernel()
    return [present.arrears(a, lv) for a, lv in standing.arrears(k, g.tenant.slug, k.today())]


@api.route("/reports/annual")
@api.arguments(DuesYearQuerySchema, location="query")
@api.response(200, DuesAnnualReportOutSchema)
@requires("dues.view")
def annual_report(args):
    """年度报表：按党员、按月份（应交、已交、未交、预交、实收）"""
    k = kernel()
    year = args["year"] or k.today().year
    return present.annual(queries.annual(k, g.tenant.slug, year, k.today()), queries.ledger(k, g.tenant.slug, year))


@api.route("/reports/monthly")
@api.arguments(DuesMonthQuerySchema, location="query")
@api.response(200, DuesMonthlyReportOutSchema)
@requires("dues.view")
def monthly_report(args):
    """月度报表：按党员（应交、已交、状态）与当月实收"""
    k = kernel()
    month = rules.parse_month(args["month"]) if args["month"] else rules.month_of(k.today())
    return present.monthly(queries.monthly(k, g.tenant.slug, month), month,
                           queries.collected_in(k, g.tenant.slug, month))


@api.route("/remittances")
@api.arguments(DuesYearQuerySchema, location="query")
@api.response(200, DuesRemittanceOutSchema(many=True))
@requires("dues.view")
def list_remittances(args):
    """党费上缴记录"""
    return [present.remittance(r) for r in queries.list_remittances(kernel(), g.tenant.slug, args["year"])]


@api.route("/remittances", methods=["POST"])
@api.arguments(DuesRemittanceInSchema)
@api.response(201, DuesRemittanceOutSchema)
@requires("dues.manage")
def record_remittance(d):
    """登记上缴（所属期间、金额、日期、凭证号；不得超过结存）"""
    k = kernel()
    remittance = services.record_remittance(k, g.tenant.slug, rules.parse_month(d["period_from"]),
                                            rules.parse_month(d["period_to"]), d["amount"], d["remitted_on"],
                                            d["reference"], d["recipient"], d["note"])
    return present.remittance(queries.get_remittance(k, g.tenant.slug, remittance.id))


@api.route("/remittances/<uuid:remittance_id>")
@api.response(200, DuesRemittanceOutSchema)
@requires("dues.view")
def get_remittance(remittance_id: UUID):
    """一条上缴记录"""
    row = queries.get_remittance(kernel(), g.tenant.slug, remittance_id)
    if row is None:
        abort(404)
    return present.remittance(row)


@api.route("/members/<uuid:member_id>/elsewhere")
@api.response(200, DuesElsewhereOutSchema(many=True))
@requires("dues.view")
def list_elsewhere(member_id: UUID):
    """一名党员在外地（流入地党组织）交纳的党费"""
    return [present.elsewhere(r) for r in queries.member_elsewhere(kernel(), g.tenant.slug, member_id)]


@api.route("/elsewhere", methods=["POST"])
@api.arguments(DuesElsewhereInSchema)
@api.response(201, DuesElsewhereOutSchema)
@requires("dues.manage")
def record_elsewhere(d):
    """登记流动党员在外地交纳的党费（所交月份计为已交；不计入本支部收缴、结存和上缴）"""
    k = kernel()
    _account, key = services.record_paid_elsewhere(
        k, g.tenant.slug, d["member_id"], [rules.parse_month(m) for m in d["months"]], d["organisation"],
        d["amount"], d["proof_no"], d["paid_on"],
        (d["proof_file"]["content"], d["proof_file"]["name"]) if d["proof_file"] else None, d["note"],
        expected_version=d["expected_version"])
    row = next(r for r in queries.member_elsewhere(k, g.tenant.slug, d["member_id"]) if r.key == key)
    return present.elsewhere(row)


@api.route("/members/<uuid:member_id>/elsewhere/<key>/withdrawal", methods=["POST"])
@api.arguments(DuesReversalInSchema)
@api.response(201, DuesElsewhereOutSchema)
@requires("dues.manage")
def withdraw_elsewhere(d, member_id: UUID, key: str):
    """撤销一条登记有误的在外地交纳记录（新增撤销记录，原记录保留；所交月份恢复为未交）"""
    k = kernel()
    if not any(r.key == key for r in queries.member_elsewhere(k, g.tenant.slug, member_id)):
        abort(404)
    context.set_reason(d["reason"])
    services.withdraw_paid_elsewhere(k, g.tenant.slug, member_id, key, d["reason"],
                                     expected_version=d["expected_version"])
    return present.elsewhere(next(r for r in queries.member_elsewhere(k, g.tenant.slug, member_id) if r.key == key))
