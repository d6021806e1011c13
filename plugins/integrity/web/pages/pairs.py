"""Pages of pairs (结对帮扶): the helped person shown only to who may see them, plans, visits."""
from __future__ import annotations
from core.errors import N_

from uuid import UUID

from flask import render_template, url_for

from core.kernel import kernel
from core.permissions import require_object, requires
from plugins.integrity import queries, services
from plugins.integrity.schemas import ClosePairSchema, PairSchema, PlanSchema, VisitSchema
from plugins.integrity.web import (
    bp, found, form_data, handle, load, may_log_visit, present_pair, roster, tenant, uploads,
)


# -- pairs -------------------------------------------------------------------------------------------
def _render_pairs(status: int = 200):
    return render_template("integrity/pairs.html", pairs=[present_pair(p) for p in queries.list_pairs(kernel(), tenant())],
                           members=roster(), today=kernel().today()), status


@bp.route("/pairs")
@requires("integrity.view")
def pairs():
    return _render_pairs()


@bp.route("/pairs/new", methods=["POST"])
@requires("integrity.edit")
def pair_new():
    def act():
        d = load(PairSchema, form_data())
        pair = services.form_pair(kernel(), tenant(), d["kind"], d["helped_kind"], d["helped_name"], d["goals"],
                                  d.get("member_id"), d.get("helped_details", ""), d.get("started_on"),
                                  d.get("partner_name"))
        return url_for("integrity.pair", pair_id=pair.id)
    return handle(act, "结对帮扶已建立。", _render_pairs)


def _render_pair(pair_id: UUID, status: int = 200):
    k = kernel()
    row = found(queries.get_pair(k, tenant(), pair_id))
    return render_template("integrity/pair.html", p=present_pair(row), visits=queries.list_visits(k, tenant(), pair_id),
                           may_log=may_log_visit(row), today=k.today()), status


@bp.route("/pairs/<uuid:pair_id>")
@requires("integrity.view")
def pair(pair_id: UUID):
    return _render_pair(pair_id)


def _pair_command(pair_id: UUID, schema, command, success: str, allowed=None):
    row = found(queries.get_pair(kernel(), tenant(), pair_id))
    require_object(allowed is None or allowed(row))

    def act():
        data = load(schema, form_data())
        command(data, data.pop("expected_version"))
        return url_for("integrity.pair", pair_id=pair_id)
    return handle(act, success, lambda s: _render_pair(pair_id, s))


@bp.route("/pairs/<uuid:pair_id>/visits", methods=["POST"])
@requires("integrity.view")
def pair_visit(pair_id: UUID):
    def command(d, v):
        evidence = services.store_evidence(kernel(), uploads())
        services.log_visit(kernel(), tenant(), pair_id, d["on"], d["what"], d["hours"], evidence, v)
    return _pair_command(pair_id, VisitSchema, command, N_("帮扶记录已保存。"), allowed=may_log_visit)


@bp.route("/pairs/<uuid:pair_id>/plan", methods=["POST"])
@requires("integrity.edit")
def pair_plan(pair_id: UUID):
    return _pair_command(pair_id, PlanSchema, lambda d, v: services.revise_pair_plan(
        kernel(), tenant(), pair_id, d["goals"], v), N_("帮扶计划已更新。"))


@bp.route("/pairs/<uuid:pair_id>/close", methods=["POST"])
@requires("integrity.edit")
def pair_close(pair_id: UUID):
    return _pair_command(pair_id, ClosePairSchema, lambda d, v: services.close_pair(
        kernel(), tenant(), pair_id, d["outcome"], d["summary"], d.get("on"), v), N_("结对帮扶已结束。"))
