"""The page of the yearly hour requirement's versions (学时要求): each in force from its day."""
from __future__ import annotations

from flask import render_template, url_for

from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.study import queries, rules, services
from plugins.study.schemas import StudyRequirementSchema
from plugins.study.web import bp, tenant, year


def _render(status: int = 200):
    k = kernel()
    y = year()
    settings = queries.get_settings(k, tenant())
    return render_template("study/requirements.html", year=y, versions=queries.list_requirements(k, tenant()),
                           version=services.requirements_version(k, tenant()), national=rules.REQUIREMENTS,
                           settings=settings, today=k.today(),
                           in_force={c: queries.required_hours(k, tenant(), c, y) for c in ("teacher", "retiree")}), status


@bp.route("/requirements")
@requires("study.view")
def requirements():
    return _render()


@bp.route("/requirements", methods=["POST"])
@requires("study.edit")
def requirement_add():
    def act():
        d = form_input(StudyRequirementSchema())
        services.add_requirement(kernel(), tenant(), d["effective_from"], d["regular"], d["retiree"], d["note"],
                                 d["expected_version"])
        return url_for("study.requirements")
    return page_command(act, _render, success=N_("已登记学时要求。"))
