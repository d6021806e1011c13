"""The API of vanguard posts (党员先锋岗) and their holders."""
from __future__ import annotations

from uuid import UUID


from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, services
from plugins.integrity.schemas import AssignSchema, PostAssessSchema, PostOutSchema, PostSchema, ReleaseSchema
from plugins.integrity.web import api_bp, found, tenant


# -- posts -------------------------------------------------------------------------------------------
def _post(post_id: UUID) -> dict:
    k = kernel()
    row = found(queries.get_post(k, tenant(), post_id))
    return {**row._mapping, "holders": [dict(h._mapping) for h in queries.list_holders(k, tenant(), post_id, False)]}


@api_bp.route("/posts")
@api_bp.response(200, PostOutSchema(many=True))
@requires("integrity.view")
def api_posts():
    """岗位列表（设岗定责、党员先锋岗）及在岗党员"""
    return [_post(p.id) for p in queries.list_posts(kernel(), tenant())]


@api_bp.route("/posts", methods=["POST"])
@api_bp.arguments(PostSchema)
@api_bp.response(201, PostOutSchema)
@requires("integrity.edit")
def api_post_create(data):
    """设立岗位"""
    post = services.define_post(kernel(), tenant(), data["name"], data["kind"], data["duties"], data["starts_on"],
                                data.get("ends_on"))
    return _post(post.id)


@api_bp.route("/posts/<uuid:post_id>")
@api_bp.response(200, PostOutSchema)
@requires("integrity.view")
def api_post(post_id: UUID):
    """岗位详情"""
    return _post(post_id)


def _on_post(post_id: UUID, command, data) -> dict:
    found(queries.get_post(kernel(), tenant(), post_id))
    version = data.pop("expected_version")
    command(data, version)
    return _post(post_id)


@api_bp.route("/posts/<uuid:post_id>/holders", methods=["POST"])
@api_bp.arguments(AssignSchema)
@api_bp.response(200, PostOutSchema)
@requires("integrity.edit")
def api_post_assign(data, post_id: UUID):
    """安排党员上岗"""
    return _on_post(post_id, lambda d, v: services.assign_post(kernel(), tenant(), post_id, d["member_id"],
                                                               d.get("on"), v), data)


@api_bp.route("/posts/<uuid:post_id>/release", methods=["POST"])
@api_bp.arguments(ReleaseSchema)
@api_bp.response(200, PostOutSchema)
@requires("integrity.edit")
def api_post_release(data, post_id: UUID):
    """党员离岗"""
    return _on_post(post_id, lambda d, v: services.release_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["reason"], d.get("on"), v), data)


@api_bp.route("/posts/<uuid:post_id>/assessments", methods=["POST"])
@api_bp.arguments(PostAssessSchema)
@api_bp.response(200, PostOutSchema)
@requires("integrity.edit")
def api_post_assess(data, post_id: UUID):
    """岗位履职评议"""
    return _on_post(post_id, lambda d, v: services.assess_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["period"], d["grade"], d.get("comment", ""), v), data)
