"""Care pages: hardship cases and help, visits by year (Excel), political birthdays by month, the
光荣在党50年 list (school and district, Excel), members away and their contacts."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for

from core.commands import page_command
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from core.record_links import record_links
from core.tenancy import queries as schools_queries
from core.web import int_arg, year_arg
from plugins.care import queries, rules, services
from plugins.care.schemas import (
    AwaySchema, HardshipCloseSchema, AwayContactSchema, HardshipSchema, HardshipHelpSchema, AwayReturnSchema, CareVisitSchema, CareVisitCostSchema,
)
from plugins.care.web import TEMPLATE_WORDS, away_dict, bp, district_bp, found, tenant
from plugins.members import public as members


def _roll():
    return [(str(m.id), m.name) for m in members.list_members(kernel(), tenant())]


def _render_index(status: int = 200):
    k = kernel()
    year = year_arg(k.today().year)
    visits = queries.list_visits(k, tenant(), year)
    return render_template("care/index.html", cases=queries.list_hardship(k, tenant(), include_closed=True),
                           visits=visits, year=year, total=sum(v.cost for v in visits), roll=_roll(),
                           kind_options=[(x, x) for x in services.hardship_kinds(k, tenant())], today=k.today()), status


@bp.route("/")
@requires("care.view")
def index():
    return _render_index()


@bp.route("/hardship", methods=["POST"])
@requires("care.edit")
def hardship_open():
    def run():
        data = form_input(HardshipSchema())
        case = services.open_hardship(kernel(), tenant(), data["member_id"], data["kind"], data["since"],
                                      data["situation"])
        return url_for("care.hardship", hardship_id=case.id)
    return page_command(run, _render_index, success=N_("已登记困难党员。"))


def _render_case(hardship_id: UUID, status: int = 200):
    row, helps = queries.get_hardship(kernel(), tenant(), hardship_id)
    return render_template("care/hardship.html", case=found(row), helps=helps, today=kernel().today()), status


@bp.route("/hardship/<uuid:hardship_id>")
@requires("care.view")
def hardship(hardship_id: UUID):
    return _render_case(hardship_id)


@bp.route("/hardship/<uuid:hardship_id>/help", methods=["POST"])
@requires("care.edit")
def hardship_help(hardship_id: UUID):
    def run():
        data = form_input(HardshipHelpSchema())
        services.give_help(kernel(), tenant(), hardship_id, data["what"], data["on"], data["cost"], data["by"],
                           data["expected_version"])
    return page_command(run, lambda s: _render_case(hardship_id, s), success=N_("已记录帮扶。"))


@bp.route("/hardship/<uuid:hardship_id>/close", methods=["POST"])
@requires("care.edit")
def hardship_close(hardship_id: UUID):
    def run():
        data = form_input(HardshipCloseSchema())
        services.close_hardship(kernel(), tenant(), hardship_id, data["on"], data["reason"], data["expected_version"])
    return page_command(run, lambda s: _render_case(hardship_id, s), success=N_("已结束帮扶。"))


@bp.route("/visits", methods=["POST"])
@requires("care.edit")
def visit_record():
    def run():
        data = form_input(CareVisitSchema())
        visit = services.record_visit(kernel(), tenant(), data["member_id"], data["on"], data["by"], data["what"],
                                      data["cost"], data["occasion"], data["funds_note"])
        return url_for("care.visit", visit_id=visit.id)
    return page_command(run, _render_index, success=N_("已记录慰问。"))


def _render_visit(visit_id: UUID, status: int = 200):
    k = kernel()
    row = found(queries.get_visit(k, tenant(), visit_id))
    return render_template("care/visit.html", v=row, links=record_links(k, tenant(), "care.visit", row.id)), status


@bp.route("/visits/<uuid:visit_id>")
@requires("care.view")
def visit(visit_id: UUID):
    return _render_visit(visit_id)


@bp.route("/visits/<uuid:visit_id>/cost", methods=["POST"])
@requires("care.edit")
def visit_cost(visit_id: UUID):
    def run():
        data = form_input(CareVisitCostSchema())
        services.correct_visit_cost(kernel(), tenant(), visit_id, data["cost"], data["reason"], data["expected_version"])
    return page_command(run, lambda s: _render_visit(visit_id, s), success=N_("已更正慰问金额。"))


VISIT_HEADERS = ["日期", "党员", "慰问人", "慰问内容", "事由", "金额（元）", "经费列支说明"]


@bp.route("/visits.xlsx")
@requires("care.view")
def visits_xlsx():
    k = kernel()
    year = year_arg(k.today().year)
    rows = [[v.on, v.member_name, v.by, v.what, v.occasion, v.cost, v.funds_note]
            for v in queries.list_visits(k, tenant(), year)]
    return xlsx_response(f"走访慰问-{year}.xlsx", [(f"{year}年走访慰问", VISIT_HEADERS, rows)])


@bp.route("/birthdays")
@requires("care.view")
def birthdays():
    k = kernel()
    year = year_arg(k.today().year)
    month = int_arg("month", k.today().month, min=1, max=12)
    return render_template("care/birthdays.html", birthdays=queries.birthdays(k, tenant(), year, month),
                           year=year, month=month)


MEDAL_HEADERS = ["学校", "姓名", "转正日期", "截至7月1日党龄（年）", "本年新符合"]


@bp.route("/medals")
@requires("care.view")
def medals():
    k = kernel()
    year = year_arg(k.today().year)
    return render_template("care/medals.html", medals=[(None, m) for m in queries.medal_list(k, tenant(), year)],
                           year=year, rule=rules.medal_rule(year), district=False)


def _names() -> dict:
    with kernel().reading() as conn:
        return {s.slug: s.name for s in schools_queries.list_schools(conn)}


@district_bp.route("/medals")
@requires("care.district_view")
def district_medals():
    k = kernel()
    year = year_arg(k.today().year)
    found = queries.district_medal_page(k, year, int_arg("page", 1, min=1, max=100000))
    return render_template("care/medals.html", medals=found.items, page=found, names=_names(),
                           year=year, rule=rules.medal_rule(year), district=True)


@district_bp.route("/medals.xlsx")
@requires("care.district_view")
def district_medals_xlsx():
    k = kernel()
    year = year_arg(k.today().year)
    names = _names()
    rows = [[names.get(s, s), m.name, m.converted_on, m.party_years, "是" if m.new else ""]
            for s, m in queries.district_medal_list(k, year)]
    return xlsx_response(f"光荣在党50年-{year}.xlsx", [(f"{year}年光荣在党50年", MEDAL_HEADERS, rows)])


def _render_away(status: int = 200):
    k = kernel()
    rows = [away_dict(r) for r in queries.list_away(k, tenant(), include_returned=True)]
    return render_template("care/away.html", records=rows, roll=_roll(), today=k.today(), **TEMPLATE_WORDS), status


@bp.route("/away")
@requires("care.view")
def away():
    return _render_away()


@bp.route("/away", methods=["POST"])
@requires("care.edit")
def away_register():
    def run():
        data = form_input(AwaySchema())
        record = services.register_away(kernel(), tenant(), data["member_id"], data["kind"], data["place"],
                                        data["since"], data["keep_in_touch"], data["certificate_no"])
        return url_for("care.away_record", away_id=record.id)
    return page_command(run, _render_away, success=N_("已登记外出党员。"))


def _render_record(away_id: UUID, status: int = 200):
    row, logged = queries.get_away(kernel(), tenant(), away_id)
    row = found(row)
    # what other plugins hold of this member away: dues paid and study taken where they are
    related = record_links(kernel(), tenant(), "care.away", row.member_id)
    return render_template("care/away_record.html", r=away_dict(row, logged), today=kernel().today(),
                           related=related, **TEMPLATE_WORDS), status


@bp.route("/away/<uuid:away_id>")
@requires("care.view")
def away_record(away_id: UUID):
    return _render_record(away_id)


@bp.route("/away/<uuid:away_id>/contact", methods=["POST"])
@requires("care.edit")
def away_contact(away_id: UUID):
    def run():
        data = form_input(AwayContactSchema())
        services.log_contact(kernel(), tenant(), away_id, data["on"], data["means"], data["note"],
                             data["expected_version"])
    return page_command(run, lambda s: _render_record(away_id, s), success=N_("已记录联系。"))


@bp.route("/away/<uuid:away_id>/return", methods=["POST"])
@requires("care.edit")
def away_return(away_id: UUID):
    def run():
        data = form_input(AwayReturnSchema())
        services.mark_returned(kernel(), tenant(), away_id, data["on"], data["note"], data["expected_version"])
    return page_command(run, lambda s: _render_record(away_id, s), success=N_("已登记返回。"))
