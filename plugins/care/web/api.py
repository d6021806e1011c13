"""Care API: hardship cases and help, visits by year, political birthdays, the 光荣在党50年 list,
members away and their contacts; the district's medal list across schools."""
from __future__ import annotations

from uuid import UUID

from flask import abort

from core.kernel import kernel
from core.permissions import requires
from plugins.care import queries, services
from plugins.care.schemas import (
    AwayOutSchema, AwaySchema, BirthdayOutSchema, HardshipCloseSchema, AwayContactSchema, HardshipOutSchema, HardshipSchema,
    HardshipHelpSchema, MedalOutSchema, CareMonthArgsSchema, AwayReturnSchema, CareVisitOutSchema, CareVisitSchema, CareYearArgsSchema,
    CareVisitCostSchema,
)
from plugins.care.web import api_bp as api
from plugins.care.web import away_dict, away_record_dict, district_api_bp, hardship_dict, tenant


@api.route("/hardship")
@api.response(200, HardshipOutSchema(many=True))
@requires("care.view")
def api_hardship_list():
    """困难党员（含已结束帮扶的）"""
    return [hardship_dict(r.id) for r in queries.list_hardship(kernel(), tenant(), include_closed=True)]


@api.route("/hardship", methods=["POST"])
@api.arguments(HardshipSchema)
@api.response(201, HardshipOutSchema)
@requires("care.edit")
def api_hardship_open(data):
    """登记困难党员"""
    case = services.open_hardship(kernel(), tenant(), data["member_id"], data["kind"], data["since"], data["situation"])
    return hardship_dict(case.id)


@api.route("/hardship/<uuid:hardship_id>")
@api.response(200, HardshipOutSchema)
@requires("care.view")
def api_hardship(hardship_id: UUID):
    """一名困难党员及帮扶记录"""
    return hardship_dict(hardship_id)


@api.route("/hardship/<uuid:hardship_id>/help", methods=["POST"])
@api.arguments(HardshipHelpSchema)
@api.response(200, HardshipOutSchema)
@requires("care.edit")
def api_hardship_help(data, hardship_id: UUID):
    """记录帮扶（内容、日期、金额、帮扶人）"""
    hardship_dict(hardship_id)
    services.give_help(kernel(), tenant(), hardship_id, data["what"], data["on"], data["cost"], data["by"],
                       data["expected_version"])
    return hardship_dict(hardship_id)


@api.route("/hardship/<uuid:hardship_id>/close", methods=["POST"])
@api.arguments(HardshipCloseSchema)
@api.response(200, HardshipOutSchema)
@requires("care.edit")
def api_hardship_close(data, hardship_id: UUID):
    """结束帮扶（须说明原因）"""
    hardship_dict(hardship_id)
    services.close_hardship(kernel(), tenant(), hardship_id, data["on"], data["reason"], data["expected_version"])
    return hardship_dict(hardship_id)


@api.route("/visits")
@api.arguments(CareYearArgsSchema, location="query")
@api.response(200, CareVisitOutSchema(many=True))
@requires("care.view")
def api_visits(args):
    """一年的走访慰问"""
    k = kernel()
    return [dict(v._mapping) for v in queries.list_visits(k, tenant(), args["year"] or k.today().year)]


@api.route("/visits", methods=["POST"])
@api.arguments(CareVisitSchema)
@api.response(201, CareVisitOutSchema)
@requires("care.edit")
def api_visit_record(data):
    """记录走访慰问（启用年度计划与经费模块时，金额同时计入当年党组织活动经费；被拒绝时 422，什么也不记录）"""
    k = kernel()
    visit = services.record_visit(k, tenant(), data["member_id"], data["on"], data["by"], data["what"], data["cost"],
                                  data["occasion"], data["funds_note"])
    return next(dict(v._mapping) for v in queries.list_visits(k, tenant(), visit.on.year) if v.id == visit.id)


@api.route("/visits/<uuid:visit_id>/cost", methods=["POST"])
@api.arguments(CareVisitCostSchema)
@api.response(200, CareVisitOutSchema)
@requires("care.edit")
def api_visit_cost(data, visit_id: UUID):
    """更正慰问金额（须说明原因；已计入党建经费的支出随之更正）"""
    k = kernel()
    if queries.get_visit(k, tenant(), visit_id) is None:
        abort(404)
    services.correct_visit_cost(k, tenant(), visit_id, data["cost"], data["reason"], data["expected_version"])
    return dict(queries.get_visit(k, tenant(), visit_id)._mapping)


@api.route("/birthdays")
@api.arguments(CareMonthArgsSchema, location="query")
@api.response(200, BirthdayOutSchema(many=True))
@requires("care.view")
def api_birthdays(args):
    """一个月的政治生日（入党纪念日）"""
    k = kernel()
    return [b.__dict__ for b in queries.birthdays(k, tenant(), args["year"] or k.today().year,
                                                 args["month"] or k.today().month)]


@api.route("/medals")
@api.arguments(CareYearArgsSchema, location="query")
@api.response(200, MedalOutSchema(many=True))
@requires("care.view")
def api_medals(args):
    """本校当年符合“光荣在党50年”纪念章条件的党员"""
    k = kernel()
    return [{"school": tenant(), **m.__dict__} for m in queries.medal_list(k, tenant(), args["year"] or k.today().year)]


@api.route("/away")
@api.response(200, AwayOutSchema(many=True))
@requires("care.view")
def api_away_list():
    """外出党员（流动党员、出国（境）党员），含已返回的"""
    return [away_dict(r) for r in queries.list_away(kernel(), tenant(), include_returned=True)]


@api.route("/away", methods=["POST"])
@api.arguments(AwaySchema)
@api.response(201, AwayOutSchema)
@requires("care.edit")
def api_away_register(data):
    """登记外出党员"""
    record = services.register_away(kernel(), tenant(), data["member_id"], data["kind"], data["place"],
                                    data["since"], data["keep_in_touch"], data["certificate_no"])
    return away_record_dict(record.id)


@api.route("/away/<uuid:away_id>")
@api.response(200, AwayOutSchema)
@requires("care.view")
def api_away_record(away_id: UUID):
    """一名外出党员及联系记录"""
    return away_record_dict(away_id)


@api.route("/away/<uuid:away_id>/contact", methods=["POST"])
@api.arguments(AwayContactSchema)
@api.response(200, AwayOutSchema)
@requires("care.edit")
def api_away_contact(data, away_id: UUID):
    """记录一次联系"""
    away_record_dict(away_id)
    services.log_contact(kernel(), tenant(), away_id, data["on"], data["means"], data["note"],
                         data["expected_version"])
    return away_record_dict(away_id)


@api.route("/away/<uuid:away_id>/return", methods=["POST"])
@api.arguments(AwayReturnSchema)
@api.response(200, AwayOutSchema)
@requires("care.edit")
def api_away_return(data, away_id: UUID):
    """登记返回"""
    away_record_dict(away_id)
    services.mark_returned(kernel(), tenant(), away_id, data["on"], data["note"], data["expected_version"])
    return away_record_dict(away_id)


@district_api_bp.route("/medals")
@district_api_bp.arguments(CareYearArgsSchema, location="query")
@district_api_bp.response(200, MedalOutSchema(many=True))
@requires("care.district_view")
def api_district_medals(args):
    """各校当年符合“光荣在党50年”纪念章条件的党员"""
    k = kernel()
    return [{"school": s, **m.__dict__} for s, m in queries.district_medal_list(k, args["year"] or k.today().year)]
