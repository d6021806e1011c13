"""Pages of the branch organisation: committee by term, seats, party groups."""
from __future__ import annotations

from uuid import UUID

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError
from core.kernel import kernel
from core.messages import message_of
from core.permissions import requires
from plugins.members import contributions, queries, rules, services
from plugins.members.schemas import ElectionSchema, FillSeatSchema, GroupSchema, VacateSeatSchema
from plugins.members.web import bp
from plugins.members.web.common import form_data, form_errors, on_roll_choices

LABELS = {"term_start": "任期开始", "term_end": "任期届满", "seats": "委员", "member_id": "党员",
          "post": "职务", "since": "任职日期", "on": "日期", "reason": "原因", "name": "党小组名称",
          "leader_id": "党小组长"}


def _act(action) -> None:
    try:
        action()
    except ValidationError as exc:
        form_errors(exc, LABELS)
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")


@bp.route("/organisation")
@requires("members.view")
def organisation():
    k = kernel()
    tenant = g.tenant.slug
    today = k.today()
    state = contributions.organisation_state(k, tenant, today)
    org = queries.get_organisation(k, tenant)
    rolls = queries.group_rolls(k, tenant)
    names = {r.id: r.name for r in queries.list_members(k, tenant)}
    groups = [{"name": name, "leader": next((g_.leader_name for g_ in queries.list_groups(k, tenant)
                                             if g_.name == name), None),
               "members": [names.get(i, "") for i in ids]} for name, ids in sorted(rolls.items())]
    return render_template("members/organisation.html", state=state, org=org, groups=groups,
                           history=queries.seat_history(k, tenant), posts=rules.POSTS,
                           members=on_roll_choices(), today=today,
                           default_years=state["rules"].term_years)


@bp.route("/organisation/elect", methods=["POST"])
@requires("members.organise")
def elect():
    form = request.form
    seats = [{"member_id": m, "post": p} for m, p in zip(form.getlist("seat_member"), form.getlist("seat_post")) if m]
    payload = {"term_start": form.get("term_start"), "seats": seats,
               "expected_version": form.get("expected_version") or None}
    if form.get("term_end"):
        payload["term_end"] = form["term_end"]

    def run():
        data = ElectionSchema().load(payload)
        services.elect_committee(kernel(), g.tenant.slug, data["term_start"], data["seats"],
                                 term_end=data["term_end"], expected_version=data["expected_version"])
        flash(gettext("新一届支部委员会已登记。"), "success")
    _act(run)
    return redirect(url_for("members.organisation"))


@bp.route("/organisation/seats", methods=["POST"])
@requires("members.organise")
def fill_seat():
    def run():
        data = FillSeatSchema().load(form_data(request.form))
        services.fill_seat(kernel(), g.tenant.slug, data["member_id"], data["post"], data["since"],
                           expected_version=data["expected_version"])
        flash(gettext("任职已登记。"), "success")
    _act(run)
    return redirect(url_for("members.organisation"))


@bp.route("/organisation/seats/<uuid:member_id>/vacate", methods=["POST"])
@requires("members.organise")
def vacate_seat(member_id: UUID):
    def run():
        data = VacateSeatSchema().load(form_data(request.form))
        services.vacate_seat(kernel(), g.tenant.slug, member_id, data["on"], data["reason"],
                             expected_version=data["expected_version"])
        flash(gettext("免职已登记。"), "success")
    _act(run)
    return redirect(url_for("members.organisation"))


@bp.route("/organisation/groups", methods=["POST"])
@requires("members.organise")
def set_group():
    def run():
        data = GroupSchema().load(form_data(request.form))
        if request.form.get("action") == "dissolve":
            services.dissolve_group(kernel(), g.tenant.slug, data["name"], data["expected_version"])
            flash(gettext("党小组已撤销。"), "success")
        else:
            services.set_group(kernel(), g.tenant.slug, data["name"], data["leader_id"], data["expected_version"])
            flash(gettext("党小组已保存。"), "success")
    _act(run)
    return redirect(url_for("members.organisation"))
