"""A school's information reporting (信息报送): its reports, a new one, revise, submit."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for

from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.tasks import queries, services
from plugins.tasks.schemas import InfoSchema, InfoVersionSchema
from plugins.tasks.web import TEMPLATE_WORDS, bp, found, send_info_photo, tenant, uploads


def _render_info(status: int = 200):
    k = kernel()
    return render_template("tasks/info.html", reports=queries.list_school_info(k, tenant()),
                           year=k.today().year, count=queries.count_info(k, tenant(), k.today().year),
                           **TEMPLATE_WORDS), status


@bp.route("/info")
@requires("tasks.view")
def info():
    return _render_info()


@bp.route("/info/new", methods=["POST"])
@requires("tasks.respond")
def info_new():
    def act():
        d = form_input(InfoSchema(), drop_empty=True)
        photos = services.store_files(kernel(), uploads("photos"), photos=True)
        report = services.draft_info(kernel(), tenant(), d["kind"], d["title"], d["text"], photos)
        return url_for("tasks.info_report", report_id=report.id)
    return page_command(act, _render_info, success=N_("信息已保存为草稿。"))


def _render_report(report_id: UUID, status: int = 200):
    row = found(queries.get_info(kernel(), tenant(), report_id))
    return render_template("tasks/info_report.html", r=row, **TEMPLATE_WORDS), status


@bp.route("/info/<uuid:report_id>")
@requires("tasks.view")
def info_report(report_id: UUID):
    return _render_report(report_id)


@bp.route("/info/<uuid:report_id>/revise", methods=["POST"])
@requires("tasks.respond")
def info_revise(report_id: UUID):
    found(queries.get_info(kernel(), tenant(), report_id))

    def act():
        d = form_input(InfoSchema(), drop_empty=True)
        photos = services.store_files(kernel(), uploads("photos"), photos=True) or None
        services.revise_info(kernel(), tenant(), report_id, d["kind"], d["title"], d["text"], photos,
                             d["expected_version"])
    return page_command(act, lambda s: _render_report(report_id, s), success=N_("信息已修改。"))


@bp.route("/info/<uuid:report_id>/submit", methods=["POST"])
@requires("tasks.respond")
def info_submit(report_id: UUID):
    found(queries.get_info(kernel(), tenant(), report_id))

    def act():
        d = form_input(InfoVersionSchema())
        services.submit_info(kernel(), tenant(), report_id, d["expected_version"])
    return page_command(act, lambda s: _render_report(report_id, s), success=N_("信息已报送区里。"))


@bp.route("/info/<uuid:report_id>/photos/<sha256>")
@requires("tasks.view")
def info_photo(report_id: UUID, sha256: str):
    return send_info_photo(tenant(), report_id, sha256, submitted_only=False)
