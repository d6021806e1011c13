"""A school's disclosure pages: what is due and overdue, the facts its records offer, the disclosures
with their proofs and objections."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for

from core.commands import page_command
from core.context import set_reason
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import require, require_object, requires
from plugins.disclosure import present, queries, rules, services
from plugins.disclosure.schemas import (
    DiscloseByHandSchema, DiscloseOfferSchema, DisclosureAnswerSchema, DisclosureWithdrawSchema, ObjectionSchema,
    ProofSchema,
)
from plugins.disclosure.web import bp, item_row, may, offers_view, page_arg, send_file, tenant


def _uploads(name: str) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in request.files.getlist(name) if f and f.filename]


def _render_index(status: int = 200):
    k = kernel()
    today = k.today()
    prepares = may("prepare")   # a member sees the disclosures, never what is not disclosed yet
    return render_template("disclosure/index.html", prepares=prepares,
                           obligations=queries.obligations(k, tenant(), today) if prepares else [],
                           offers=offers_view() if prepares else [], catalogue=queries.catalogue_on(k, today),
                           today=today), status


@bp.route("/")
@requires("disclosure.view")
def index():
    if request.args.get("export") == "xlsx":
        require("disclosure.prepare", tenant())
        k = kernel()
        return xlsx_response("应公开事项.xlsx", [present.obligations_sheet(queries.obligations(k, tenant(), k.today()))])
    return _render_index()


@bp.route("/disclose", methods=["POST"])
@requires("disclosure.edit")
def disclose():
    def act():
        d = form_input(DiscloseOfferSchema())
        item = services.disclose_offer(kernel(), tenant(), d["key"], d["event_date"], d["window_from"],
                                       d.get("window_until"))
        return url_for("disclosure.item", item_id=item.id)
    return page_command(act, _render_index, success=N_("已公开。"))


@bp.route("/manual", methods=["POST"])
@requires("disclosure.edit")
def manual():
    def act():
        d = form_input(DiscloseByHandSchema())
        item = services.disclose_by_hand(kernel(), tenant(), d["entry_code"], d["title"], d["event_date"],
                                         d.get("text", ""), d["window_from"], d.get("window_until"), d.get("audience"))
        return url_for("disclosure.item", item_id=item.id)
    return page_command(act, _render_index, success=N_("已公开。"))


@bp.route("/items")
@requires("disclosure.view")
def items():
    k = kernel()
    if request.args.get("export") == "xlsx":
        require("disclosure.prepare", tenant())
        return xlsx_response("党务公开记录.xlsx", [present.items_sheet(queries.list_items(k, tenant()))])
    # a member sees what is being disclosed; the committee and readers see every disclosure, past ones too
    open_on = None if may("prepare") else k.today()
    return render_template("disclosure/items.html",
                           page=queries.list_items_page(k, tenant(), page=page_arg(), open_on=open_on))


def _render_item(item_id: UUID, status: int = 200):
    k = kernel()
    row = item_row(item_id)
    require_object(may("prepare") or (not row.withdrawn and rules.is_open(row.window_from, row.window_until,
                                                                          k.today())))
    return render_template("disclosure/item.html", item=row, proofs=queries.list_proofs(k, tenant(), row.id),
                           objections=queries.list_objections(k, tenant(), row.id), today=k.today()), status


@bp.route("/items/<uuid:item_id>")
@requires("disclosure.view")
def item(item_id: UUID):
    return _render_item(item_id)


def _item_command(item_id: UUID, command, success: str):
    item_row(item_id)

    def act():
        command()
        return url_for("disclosure.item", item_id=item_id)
    return page_command(act, lambda s: _render_item(item_id, s), success=success)


@bp.route("/items/<uuid:item_id>/proofs", methods=["POST"])
@requires("disclosure.edit")
def proof(item_id: UUID):
    def command():
        d = form_input(ProofSchema())
        photos = services.store_files(kernel(), _uploads("photos"))
        services.record_proof(kernel(), tenant(), item_id, d["shown"], d["place"], d["on"], photos,
                              d.get("expected_version"))
    return _item_command(item_id, command, N_("已登记公开证明。"))


@bp.route("/items/<uuid:item_id>/objections", methods=["POST"])
@requires("disclosure.edit")
def objection(item_id: UUID):
    def command():
        d = form_input(ObjectionSchema())
        services.receive_objection(kernel(), tenant(), item_id, d["received_on"], d["text"], d.get("expected_version"))
    return _item_command(item_id, command, N_("已登记收到的意见。"))


@bp.route("/items/<uuid:item_id>/objections/<objection_id>/answer", methods=["POST"])
@requires("disclosure.edit")
def answer(item_id: UUID, objection_id: str):
    def command():
        d = form_input(DisclosureAnswerSchema())
        services.answer_objection(kernel(), tenant(), item_id, objection_id, d["answered_on"], d["answer"],
                                  d.get("expected_version"))
    return _item_command(item_id, command, N_("已登记答复。"))


@bp.route("/items/<uuid:item_id>/withdraw", methods=["POST"])
@requires("disclosure.edit")
def withdraw(item_id: UUID):
    def command():
        d = form_input(DisclosureWithdrawSchema())
        set_reason(d["reason"])
        services.withdraw(kernel(), tenant(), item_id, d["reason"], d["expected_version"])
    return _item_command(item_id, command, N_("已撤回这项公开。"))


@bp.route("/files/<sha256>")
@requires("disclosure.view")
def file(sha256: str):
    return send_file(sha256)
