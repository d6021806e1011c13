"""The registry's API: transfers of membership (组织关系转接)."""
from __future__ import annotations

from uuid import UUID

from flask import abort, g

from core.kernel import kernel
from core.permissions import requires
from plugins.members import present, queries, services
from plugins.members.schemas import ReceiptSchema, TransferInSchema, TransferOutSchema, TransferViewSchema
from plugins.members.web import api_bp
from plugins.members.web.common import load_member


def _transfer(row) -> dict:
    return present.transfer(row, kernel().today())


@api_bp.route("/transfers")
@api_bp.response(200, TransferViewSchema(many=True))
@requires("members.view")
def api_transfers():
    """组织关系转接记录（overdue：介绍信过期且回执未返回）"""
    return [_transfer(t) for t in queries.list_transfers(kernel(), g.tenant.slug)]


@api_bp.route("/members/<uuid:member_id>/transfer-out", methods=["POST"])
@api_bp.arguments(TransferOutSchema)
@api_bp.response(201, TransferViewSchema)
@requires("members.edit")
def api_transfer_out(data, member_id: UUID):
    """组织关系转出（开具介绍信；党员自开具日起转出）"""
    load_member(member_id)
    transfer = services.transfer_out(kernel(), g.tenant.slug, member_id, **data, typed=True)
    return _transfer(queries.get_transfer(kernel(), g.tenant.slug, transfer.id))


@api_bp.route("/transfers/in", methods=["POST"])
@api_bp.arguments(TransferInSchema)
@api_bp.response(201, TransferViewSchema)
@requires("members.edit")
def api_transfer_in(data):
    """组织关系转入（新党员登记，或已转出党员重新转回）"""
    transfer = services.transfer_in(kernel(), g.tenant.slug, data["letter_no"], data["other_org"],
                                    data["issued_on"], data["valid_until"], data["dues_paid_to"],
                                    fields=data["member"], status=data["status"], member_id=data["member_id"],
                                    expected_version=data["expected_version"], typed=True)
    return _transfer(queries.get_transfer(kernel(), g.tenant.slug, transfer.id))


@api_bp.route("/transfers/<uuid:transfer_id>/receipt", methods=["POST"])
@api_bp.arguments(ReceiptSchema)
@api_bp.response(200, TransferViewSchema)
@requires("members.edit")
def api_receipt(data, transfer_id: UUID):
    """登记介绍信回执已返回"""
    if queries.get_transfer(kernel(), g.tenant.slug, transfer_id) is None:
        abort(404)
    services.return_receipt(kernel(), g.tenant.slug, transfer_id, data["on"], data["expected_version"], typed=True)
    return _transfer(queries.get_transfer(kernel(), g.tenant.slug, transfer_id))
