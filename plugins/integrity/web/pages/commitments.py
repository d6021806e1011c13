"""Pages of public commitments (公开承诺): letters, items, progress, the year-end evaluation, and the
public board (亮身份)."""
from __future__ import annotations
from core.errors import N_

from uuid import UUID

from flask import render_template, url_for

from core.kernel import kernel
from core.permissions import requires
from core.web import int_arg, text_arg
from plugins.integrity import queries, rules, services
from plugins.integrity.schemas import (
    CommitmentCreateSchema, ItemConcludeSchema, EvaluateSchema, CommitmentItemSchema, ProgressSchema,
    SendBackSchema, VersionSchema,
)
from plugins.integrity.web import bp, found, form_data, handle, load, roster, tenant, uploads, year_arg


# -- commitments -------------------------------------------------------------------------------------
def _render_commitments(status: int = 200):
    year = year_arg()
    page = queries.list_commitments_page(kernel(), tenant(), year, text_arg("status"),
                                         int_arg("page", 1))
    return render_template("integrity/commitments.html", page=page, year=year, members=roster(),
                           pending=queries.list_pending_review(kernel(), tenant())), status


@bp.route("/commitments")
@requires("integrity.view")
def commitments():
    return _render_commitments()


@bp.route("/commitments/new", methods=["POST"])
@requires("integrity.edit")
def commitment_new():
    def act():
        data = load(CommitmentCreateSchema, form_data())
        letter = services.write_commitment(kernel(), tenant(), data["year"], data["owner_kind"], data.get("member_id"))
        return url_for("integrity.commitment", commitment_id=letter.id)
    return handle(act, "承诺书已建立，请逐项填写承诺事项。", _render_commitments)


def _render_commitment(commitment_id: UUID, status: int = 200):
    k = kernel()
    letter = found(queries.get_commitment(k, tenant(), commitment_id))
    progress: dict[str, list] = {}
    for p in queries.list_progress(k, tenant(), commitment_id):
        progress.setdefault(p.item_id, []).append(p)
    return render_template("integrity/commitment.html", c=letter, items=queries.list_items(k, tenant(), commitment_id),
                           progress=progress, today=k.today(),
                           rule=rules.evaluation_rule(k.today(), queries.get_settings(k, tenant()))), status


@bp.route("/commitments/<uuid:commitment_id>")
@requires("integrity.view")
def commitment(commitment_id: UUID):
    return _render_commitment(commitment_id)


def _commitment_command(commitment_id: UUID, schema, command, success: str):
    found(queries.get_commitment(kernel(), tenant(), commitment_id))

    def act():
        data = load(schema, form_data())
        command(data, data.pop("expected_version"))
        return url_for("integrity.commitment", commitment_id=commitment_id)
    return handle(act, success, lambda s: _render_commitment(commitment_id, s))


@bp.route("/commitments/<uuid:commitment_id>/items", methods=["POST"])
@requires("integrity.edit")
def item_add(commitment_id: UUID):
    return _commitment_command(commitment_id, CommitmentItemSchema, lambda d, v: services.add_commitment_item(
        kernel(), tenant(), commitment_id, d["area"], d["content"], d["measure"], d["deadline"], v),
        N_("承诺事项已提交，等待支部审核。"))


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/accept", methods=["POST"])
@requires("integrity.review")
def item_accept(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, VersionSchema, lambda d, v: services.accept_item(
        kernel(), tenant(), commitment_id, item_id, v), N_("承诺事项已审核通过。"))


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/send-back", methods=["POST"])
@requires("integrity.review")
def item_send_back(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, SendBackSchema, lambda d, v: services.send_back_item(
        kernel(), tenant(), commitment_id, item_id, d["reason"], v), N_("承诺事项已退回修改。"))


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/revise", methods=["POST"])
@requires("integrity.edit")
def item_revise(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, CommitmentItemSchema, lambda d, v: services.revise_item(
        kernel(), tenant(), commitment_id, item_id, d["area"], d["content"], d["measure"], d["deadline"], v),
        N_("修改后的承诺事项已重新提交审核。"))


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/progress", methods=["POST"])
@requires("integrity.edit")
def item_progress(commitment_id: UUID, item_id: str):
    def command(d, v):
        evidence = services.store_evidence(kernel(), uploads())
        services.log_progress(kernel(), tenant(), commitment_id, item_id, d["on"], d["text"], evidence, v)
    return _commitment_command(commitment_id, ProgressSchema, command, N_("践诺进展已记录。"))


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/conclude", methods=["POST"])
@requires("integrity.review")
def item_conclude(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, ItemConcludeSchema, lambda d, v: services.conclude_item(
        kernel(), tenant(), commitment_id, item_id, d["outcome"], d.get("cause"), v), N_("兑现情况已评定。"))


@bp.route("/commitments/<uuid:commitment_id>/evaluate", methods=["POST"])
@requires("integrity.review")
def commitment_evaluate(commitment_id: UUID):
    return _commitment_command(commitment_id, EvaluateSchema, lambda d, v: services.evaluate_commitment(
        kernel(), tenant(), commitment_id, d.get("self_score"), d["member_scores"], d["public_scores"], v),
        N_("年终评诺已完成。"))


@bp.route("/commitments/<uuid:commitment_id>/publish", methods=["POST"])
@requires("integrity.review")
def commitment_publish(commitment_id: UUID):
    return _commitment_command(commitment_id, VersionSchema, lambda d, v: services.publish_result(
        kernel(), tenant(), commitment_id, v), N_("评诺结果已公布。"))


# -- public board (亮身份, 公开承诺) -----------------------------------------------------------------
def _board_context():
    k, year = kernel(), year_arg()
    items: dict[str, list] = {}
    for item in queries.list_board_items(k, tenant(), year):
        items.setdefault(item.owner_name, []).append(item)
    published = [c for c in queries.list_commitments(k, tenant(), year) if c.published_on]
    return {"year": year, "items": items, "holders": queries.list_holders(k, tenant()), "published": published}


@bp.route("/board")
@requires("integrity.view")
def board():
    return render_template("integrity/board.html", **_board_context())


@bp.route("/board/sheet")
@requires("integrity.view")
def sheet():
    return render_template("integrity/sheet.html", **_board_context())
