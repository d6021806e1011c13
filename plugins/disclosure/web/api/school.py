"""A school's disclosure API: what is due, what its records offer, its disclosures and their proofs,
objections and answers."""
from __future__ import annotations

from uuid import UUID

from core.context import set_reason
from core.kernel import kernel
from core.permissions import requires
from plugins.disclosure import present, queries, services
from plugins.disclosure.schemas import (
    DiscloseByHandSchema, DiscloseOfferSchema, DisclosureAnswerSchema, DisclosureItemDetailOutSchema,
    DisclosureItemPageOutSchema,
    ObjectionSchema, ObligationOutSchema, OfferOutSchema, ProofSchema, DisclosureWithdrawSchema,
)
from plugins.disclosure.web import api_bp, item_row, offers_view, page_arg, send_file, tenant


def _detail(item_id: UUID) -> dict:
    k = kernel()
    row = item_row(item_id)
    return present.item_out(row, queries.list_proofs(k, tenant(), row.id), queries.list_objections(k, tenant(), row.id))


@api_bp.route("/obligations")
@api_bp.response(200, ObligationOutSchema(many=True))
@requires("disclosure.prepare")
def api_obligations():
    """应公开事项及其状态（已公开、待公开、逾期未公开），按公开目录与本校记录计算"""
    k = kernel()
    return [present.obligation_out(o) for o in queries.obligations(k, tenant(), k.today())]


@api_bp.route("/offers")
@api_bp.response(200, OfferOutSchema(many=True))
@requires("disclosure.prepare")
def api_offers():
    """本校记录中可公开的事项（近一年），注明是否已公开"""
    return offers_view()


@api_bp.route("/items")
@api_bp.response(200, DisclosureItemPageOutSchema)
@requires("disclosure.prepare")
def api_items():
    """公开记录（分页，?page=）"""
    page = queries.list_items_page(kernel(), tenant(), page=page_arg())
    return present.page_out(page, "items", [present.item_out(r) for r in page.items])


@api_bp.route("/items", methods=["POST"])
@api_bp.arguments(DiscloseOfferSchema)
@api_bp.response(201, DisclosureItemDetailOutSchema)
@requires("disclosure.edit")
def api_disclose(data):
    """公开一项由记录生成的事项（key 与 event_date 取自 offers）"""
    item = services.disclose_offer(kernel(), tenant(), data["key"], data["event_date"], data["window_from"],
                                   data.get("window_until"))
    return _detail(item.id)


@api_bp.route("/items/manual", methods=["POST"])
@api_bp.arguments(DiscloseByHandSchema)
@api_bp.response(201, DisclosureItemDetailOutSchema)
@requires("disclosure.edit")
def api_manual(data):
    """手工公开公开目录中的一项（没有记录可生成时）"""
    item = services.disclose_by_hand(kernel(), tenant(), data["entry_code"], data["title"], data["event_date"],
                                     data.get("text", ""), data["window_from"], data.get("window_until"),
                                     data.get("audience"))
    return _detail(item.id)


@api_bp.route("/items/<uuid:item_id>")
@api_bp.response(200, DisclosureItemDetailOutSchema)
@requires("disclosure.prepare")
def api_item(item_id: UUID):
    """一项公开：内容、公开期、公开证明、收到的意见及答复"""
    return _detail(item_id)


@api_bp.route("/items/<uuid:item_id>/proofs", methods=["POST"])
@api_bp.arguments(ProofSchema)
@api_bp.response(200, DisclosureItemDetailOutSchema)
@requires("disclosure.edit")
def api_proof(data, item_id: UUID):
    """登记公开证明：公开了什么、在哪里公开（可附照片）"""
    item_row(item_id)
    k = kernel()
    photos = services.store_files(k, [(f["content"], f["name"]) for f in data.get("photos", ())])
    services.record_proof(k, tenant(), item_id, data["shown"], data["place"], data["on"], photos,
                          data.get("expected_version"))
    return _detail(item_id)


@api_bp.route("/items/<uuid:item_id>/objections", methods=["POST"])
@api_bp.arguments(ObjectionSchema)
@api_bp.response(200, DisclosureItemDetailOutSchema)
@requires("disclosure.edit")
def api_objection(data, item_id: UUID):
    """登记收到的意见"""
    item_row(item_id)
    services.receive_objection(kernel(), tenant(), item_id, data["received_on"], data["text"],
                               data.get("expected_version"))
    return _detail(item_id)


@api_bp.route("/items/<uuid:item_id>/objections/<objection_id>/answer", methods=["POST"])
@api_bp.arguments(DisclosureAnswerSchema)
@api_bp.response(200, DisclosureItemDetailOutSchema)
@requires("disclosure.edit")
def api_answer(data, item_id: UUID, objection_id: str):
    """答复一条意见"""
    item_row(item_id)
    services.answer_objection(kernel(), tenant(), item_id, objection_id, data["answered_on"], data["answer"],
                              data.get("expected_version"))
    return _detail(item_id)


@api_bp.route("/items/<uuid:item_id>/withdraw", methods=["POST"])
@api_bp.arguments(DisclosureWithdrawSchema)
@api_bp.response(200, DisclosureItemDetailOutSchema)
@requires("disclosure.edit")
def api_withdraw(data, item_id: UUID):
    """撤回一项公开（写明原因；原记录保留）"""
    item_row(item_id)
    set_reason(data["reason"])
    services.withdraw(kernel(), tenant(), item_id, data["reason"], data["expected_version"])
    return _detail(item_id)


@api_bp.route("/files/<sha256>")
@api_bp.response(200, description="公开证明的照片本身")
@requires("disclosure.view")
def api_file(sha256: str):
    """下载公开证明的照片"""
    return send_file(sha256)
