"""Pages of study taken where a member away is (流入地党组织 or online): the year's list, recording
one for a member, withdrawing one."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for
from flask_babel import gettext as _

from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.members import public as members
from plugins.study import present, queries, rules, services
from plugins.study.schemas import StudyElsewhereSchema, StudyWithdrawSchema
from plugins.study.web import bp, tenant, year


def _render(status: int = 200):
    k = kernel()
    y = year()
    chosen = request.args.get("member_id") or (request.form.get("member_id") if request.method == "POST" else "")
    return render_template("study/elsewhere.html", year=y, today=k.today(), chosen=chosen or "",
                           records=[present.elsewhere(r) for r in
                                    queries.list_elsewhere(k, tenant(), y, include_withdrawn=True)],
                           roll=[(str(m.id), m.name) for m in members.list_members(k, tenant())],
                           categories=[(c, _(n)) for c, n in rules.ELSEWHERE_CATEGORIES.items()],
                           hours_text=rules.hours_text), status


@bp.route("/elsewhere")
@requires("study.view")
def elsewhere():
    return _render()


@bp.route("/elsewhere", methods=["POST"])
@requires("study.edit")
def elsewhere_record():
    def act():
        record = services.record_elsewhere(kernel(), tenant(), form_input(StudyElsewhereSchema()))
        return url_for("study.elsewhere", year=record.held_on.year)
    return page_command(act, _render, success=N_("已登记在流入地的学习。"))


@bp.route("/elsewhere/<uuid:record_id>/withdraw", methods=["POST"])
@requires("study.edit")
def elsewhere_withdraw(record_id: UUID):
    def act():
        d = form_input(StudyWithdrawSchema())
        services.withdraw_elsewhere(kernel(), tenant(), record_id, d["reason"], d.get("expected_version"))
        return url_for("study.elsewhere", year=year())
    return page_command(act, _render, success=N_("已撤销学习记录。"))
