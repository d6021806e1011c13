"""Pages of the activity room (党员活动室): the required elements, their checks with photos."""
from __future__ import annotations

from flask import render_template, url_for

from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.plans import queries, services
from plugins.plans.schemas import RoomCheckSchema
from plugins.plans.web import bp, handle, send_file, tenant, uploads


def _render_room(status: int = 200):
    k = kernel()
    return render_template("plans/room.html", elements=queries.room_status(k, tenant(), k.today()),
                           today=k.today()), status


@bp.route("/room")
@requires("plans.view")
def room():
    return _render_room()


@bp.route("/room/check", methods=["POST"])
@requires("plans.edit")
def room_check():
    def act():
        d = form_input(RoomCheckSchema())
        photos = services.store_files(kernel(), uploads("photos"))
        services.check_room_element(kernel(), tenant(), d["element"], d["on"], d.get("present", False),
                                    d.get("note", ""), photos)
        return url_for("plans.room")
    return handle(act, N_("已登记检查结果。"), _render_room)


@bp.route("/room/export.xlsx")
@requires("plans.view")
def room_export():
    k = kernel()
    rows = [(r["element"], c.on, "齐全" if c.present else "缺失或不合要求", c.note, len(c.photos))
            for r in queries.room_status(k, tenant(), k.today()) for c in r["history"]]
    return xlsx_response("党员活动室检查.xlsx", [("检查记录", ["检查项目", "日期", "结果", "情况说明", "照片（份）"], rows)])


@bp.route("/files/<sha256>")
@requires("plans.view")
def file(sha256: str):
    return send_file(sha256)
