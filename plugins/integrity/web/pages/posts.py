"""Pages of vanguard posts (党员先锋岗): posts, holders, their assessment."""
from __future__ import annotations
from core.errors import N_

from uuid import UUID

from flask import render_template, url_for

from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, rules, services
from plugins.integrity.schemas import AssignSchema, PostAssessSchema, PostSchema, ReleaseSchema
from plugins.integrity.web import bp, found, form_data, handle, load, roster, tenant


# -- posts -------------------------------------------------------------------------------------------
def _render_posts(status: int = 200):
    return render_template("integrity/posts.html", posts=queries.list_posts(kernel(), tenant()),
                           today=kernel().today()), status


@bp.route("/posts")
@requires("integrity.view")
def posts():
    return _render_posts()


@bp.route("/posts/new", methods=["POST"])
@requires("integrity.edit")
def post_new():
    def act():
        d = load(PostSchema, form_data())
        post = services.define_post(kernel(), tenant(), d["name"], d["kind"], d["duties"], d["starts_on"],
                                    d.get("ends_on"))
        return url_for("integrity.post", post_id=post.id)
    return handle(act, "岗位已设立。", _render_posts)


def _render_post(post_id: UUID, status: int = 200):
    k = kernel()
    post = found(queries.get_post(k, tenant(), post_id))
    return render_template("integrity/post.html", p=post, holders=queries.list_holders(k, tenant(), post_id, False),
                           assessments=queries.list_post_assessments(k, tenant(), post_id), members=roster(),
                           grades=rules.post_grades(queries.get_settings(k, tenant())),
                           today=k.today()), status


@bp.route("/posts/<uuid:post_id>")
@requires("integrity.view")
def post(post_id: UUID):
    return _render_post(post_id)


def _post_command(post_id: UUID, schema, command, success: str):
    found(queries.get_post(kernel(), tenant(), post_id))

    def act():
        data = load(schema, form_data())
        command(data, data.pop("expected_version"))
        return url_for("integrity.post", post_id=post_id)
    return handle(act, success, lambda s: _render_post(post_id, s))


@bp.route("/posts/<uuid:post_id>/assign", methods=["POST"])
@requires("integrity.edit")
def post_assign(post_id: UUID):
    return _post_command(post_id, AssignSchema, lambda d, v: services.assign_post(
        kernel(), tenant(), post_id, d["member_id"], d.get("on"), v), N_("已安排党员上岗。"))


@bp.route("/posts/<uuid:post_id>/release", methods=["POST"])
@requires("integrity.edit")
def post_release(post_id: UUID):
    return _post_command(post_id, ReleaseSchema, lambda d, v: services.release_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["reason"], d.get("on"), v), N_("已办理离岗。"))


@bp.route("/posts/<uuid:post_id>/assess", methods=["POST"])
@requires("integrity.edit")
def post_assess(post_id: UUID):
    return _post_command(post_id, PostAssessSchema, lambda d, v: services.assess_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["period"], d["grade"], d.get("comment", ""), v),
        N_("履职评议已记录。"))
