"""The district administrator's pages: inspection assignments and the access log."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core.auth.queries import list_users
from core.errors import ConflictError, DomainError
from core.eventstore import DISTRICT
from core.kernel import kernel
from core.messages import message_of
from core.permissions import requires
from core.web import int_arg, text_arg
from plugins.audit import queries, services
from plugins.audit.queries import history
from plugins.audit.schemas import AssignmentCreateSchema, RevokeSchema
from plugins.audit.web import bp
from plugins.audit.web.common import form_errors, school_names


# -- assignments and the access log (district administrator) -------------------------------------
@bp.route("/assignments", methods=["GET", "POST"])
@requires("audit.admin")
def assignments():
    k = kernel()
    status, values = 200, {}
    if request.method == "POST":
        values = {"inspector": request.form.get("inspector", ""), "schools": request.form.getlist("schools"),
                  "starts_on": request.form.get("starts_on", ""), "ends_on": request.form.get("ends_on", ""),
                  "note": request.form.get("note", "")}
        try:
            data = AssignmentCreateSchema().load(values)
            services.create_assignment(k, data["inspector"], data["schools"], data["starts_on"], data["ends_on"],
                                       data["note"])
            flash(gettext("督查任务已创建。"), "success")
            return redirect(url_for("audit.assignments"))
        except ValidationError as exc:
            form_errors(exc, {"inspector": "督查员", "schools": "学校", "starts_on": "开始日期",
                              "ends_on": "结束日期"})
            status = 422
        except DomainError as exc:
            flash(message_of(exc), "danger")
            status = 422
    with k.reading() as conn:
        users = list_users(conn)
    page = queries.list_assignments_page(k, int_arg("page", 1), 50)
    return render_template("audit/assignments.html", rows=page.items, page=page, names=school_names(),
                           users=users, values=values, today=k.today()), status


@bp.route("/assignments/<uuid:assignment_id>/revoke", methods=["POST"])
@requires("audit.admin")
def revoke(assignment_id: UUID):
    k = kernel()
    if queries.get_assignment(k, assignment_id) is None:
        abort(404)
    try:
        data = RevokeSchema().load({key: v for key, v in request.form.items() if key != "csrf_token"})
        services.revoke_assignment(k, assignment_id, data["reason"], data["expected_version"])
        flash(gettext("督查任务已撤销。"), "success")
    except ValidationError as exc:
        form_errors(exc, {"reason": "原因"})
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("audit.assignments"))


@bp.route("/access")
@requires("audit.admin")
def access_log():
    k = kernel()
    page = queries.list_access_page(k, int_arg("page", 1), 50,
                                    text_arg("actor"))
    wanted: dict[str, set] = {}
    for r in page.items:   # records read before their reads were named: named now
        history.ids_in(r.subject, wanted.setdefault((r.schools or [DISTRICT])[0], set()))
    return render_template("audit/access.html", page=page, names=school_names(),
                           named=history.record_names(k, wanted))


