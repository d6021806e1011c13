"""The registry's API: the branch committee (支部委员会) and party groups (党小组)."""
from __future__ import annotations

from uuid import UUID

from flask import g

from core.kernel import kernel
from core.permissions import requires
from plugins.members import contributions, queries, rules, services
from plugins.members.schemas import (
    CommitteeOutSchema, CommitteeQuerySchema, ElectionSchema, FillSeatSchema, GroupSchema, VacateSeatSchema,
)
from plugins.members.web import api_bp


def _committee(on=None) -> dict:
    k = kernel()
    on = on or k.today()
    state = contributions.organisation_state(k, g.tenant.slug, on)
    org = queries.get_organisation(k, g.tenant.slug)
    return {"on": on, "term_start": state["term_start"], "term_end": state["term_end"],
            "term_status": state["term_status"], "version": org.version if org else 0,
            "seats": [{**dict(s._mapping), "post_label": rules.POSTS.get(s.post, s.post)} for s in state["seats"]],
            "groups": [{"name": name, "leader": next((x.leader_name for x in queries.list_groups(k, g.tenant.slug)
                                                      if x.name == name), None),
                        "member_ids": [str(i) for i in ids]}
                       for name, ids in queries.group_rolls(k, g.tenant.slug).items()],
            "warnings": state["warnings"]}


@api_bp.route("/committee")
@api_bp.arguments(CommitteeQuerySchema, location="query")
@api_bp.response(200, CommitteeOutSchema)
@requires("members.view")
def api_committee(args):
    """支部委员会（某日在任的委员）、任期、党小组与规模提示"""
    return _committee(args["on"])


@api_bp.route("/committee", methods=["POST"])
@api_bp.arguments(ElectionSchema)
@api_bp.response(201, CommitteeOutSchema)
@requires("members.organise")
def api_elect(data):
    """登记换届选举产生的新一届支部委员会（任期默认 3 年，可设置）"""
    services.elect_committee(kernel(), g.tenant.slug, data["term_start"], data["seats"],
                             term_end=data["term_end"], expected_version=data["expected_version"])
    return _committee()


@api_bp.route("/committee/seats", methods=["POST"])
@api_bp.arguments(FillSeatSchema)
@api_bp.response(200, CommitteeOutSchema)
@requires("members.organise")
def api_fill_seat(data):
    """补选或任命一名委员"""
    services.fill_seat(kernel(), g.tenant.slug, data["member_id"], data["post"], data["since"],
                       expected_version=data["expected_version"])
    return _committee()


@api_bp.route("/committee/seats/<uuid:member_id>/vacate", methods=["POST"])
@api_bp.arguments(VacateSeatSchema)
@api_bp.response(200, CommitteeOutSchema)
@requires("members.organise")
def api_vacate_seat(data, member_id: UUID):
    """免去一名委员的职务"""
    services.vacate_seat(kernel(), g.tenant.slug, member_id, data["on"], data["reason"],
                         expected_version=data["expected_version"])
    return _committee()


@api_bp.route("/groups", methods=["PUT"])
@api_bp.arguments(GroupSchema)
@api_bp.response(200, CommitteeOutSchema)
@requires("members.organise")
def api_group(data):
    """设立党小组或更换党小组长"""
    services.set_group(kernel(), g.tenant.slug, data["name"], data["leader_id"], data["expected_version"])
    return _committee()
