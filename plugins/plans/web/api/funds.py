"""The API of activity funds (党建经费), the activity room (党员活动室) and the attached files."""
from __future__ import annotations

from core.context import set_reason
from core.kernel import kernel
from core.permissions import requires
from plugins.plans import present, queries, services
from plugins.plans.schemas import (
    BudgetSchema, RoomCheckSchema, RoomElementOutSchema, SpendingSchema, StatementOutSchema, WithdrawSchema,
)
from plugins.plans.web import api_bp, api_files, send_file, tenant


def _statement(year: int) -> dict:
    k = kernel()
    return present.statement(year, queries.get_budget(k, tenant(), year), queries.list_spendings(k, tenant(), year))


@api_bp.route("/funds/<year:year>")
@api_bp.response(200, StatementOutSchema)
@requires("plans.view")
def api_funds(year: int):
    """一年的党建经费收支情况：预算、支出明细、结余"""
    return _statement(year)


@api_bp.route("/funds/<year:year>/budget", methods=["POST"])
@api_bp.arguments(BudgetSchema)
@api_bp.response(200, StatementOutSchema)
@requires("plans.edit")
def api_budget(data, year: int):
    """按标准核定（或重新核定）经费预算：每名党员的标准 × 党员人数，不少于每支部最低额"""
    services.set_budget(kernel(), tenant(), year, data.get("expected_version"))
    return _statement(year)


@api_bp.route("/funds/<year:year>/spendings", methods=["POST"])
@api_bp.arguments(SpendingSchema)
@api_bp.response(200, StatementOutSchema)
@requires("plans.edit")
def api_spending(data, year: int):
    """登记一笔支出（关联会议或写明活动，可附票据）"""
    services.record_spending(kernel(), tenant(), year, data["on"], data["amount"], data["purpose"],
                             data.get("meeting_id"), data.get("activity"), api_files(data, "receipts"),
                             data.get("expected_version"))
    return _statement(year)


@api_bp.route("/funds/<year:year>/spendings/<entry_id>/withdraw", methods=["POST"])
@api_bp.arguments(WithdrawSchema)
@api_bp.response(200, StatementOutSchema)
@requires("plans.edit")
def api_spending_withdraw(data, year: int, entry_id: str):
    """撤销一笔支出（写明原因；原记录保留）"""
    set_reason(data["reason"])
    services.withdraw_spending(kernel(), tenant(), year, entry_id, data["reason"], data["expected_version"])
    return _statement(year)


def _room() -> list[dict]:
    k = kernel()
    return present.room_out(queries.room_status(k, tenant(), k.today()))


@api_bp.route("/room")
@api_bp.response(200, RoomElementOutSchema(many=True))
@requires("plans.view")
def api_room():
    """党员活动室各检查项目：最近一次检查及需要注意的原因"""
    return _room()


@api_bp.route("/room/checks", methods=["POST"])
@api_bp.arguments(RoomCheckSchema)
@api_bp.response(200, RoomElementOutSchema(many=True))
@requires("plans.edit")
def api_room_check(data):
    """登记一个项目的检查结果（可附照片）"""
    services.check_room_element(kernel(), tenant(), data["element"], data["on"], data.get("present", False),
                                data.get("note", ""), api_files(data, "photos"))
    return _room()


@api_bp.route("/files/<sha256>")
@api_bp.response(200, description="附件文件本身（证明材料、票据、照片）")
@requires("plans.view")
def api_file(sha256: str):
    """下载附件"""
    return send_file(sha256)
