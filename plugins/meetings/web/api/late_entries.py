"""API of late entries (补录): meetings held before they were entered, several at once, all or none."""
from __future__ import annotations

from flask import g

from core.kernel import kernel
from core.permissions import requires
from plugins.meetings import services
from plugins.meetings.schemas.late_entries import LateMeetingOutSchema, LateMeetingsSchema
from plugins.meetings.web import api_bp as api


@api.route("/late-entries", methods=["POST"])
@api.arguments(LateMeetingsSchema)
@api.response(201, LateMeetingOutSchema(many=True))
@requires("meetings.edit")
def late_entries_api(data):
    """补录已召开的会议（多条，全部成功或全部不写入），每条标明召开日期与登记日期。"""
    rows = [{**m, "absent": {str(a["member_id"]): a["reason"] for a in m["absent"]}} for m in data["meetings"]]
    built = services.record_held_meetings(kernel(), g.tenant.slug, rows)
    return [{"id": m.id, "title": m.title, "held_on": m.starts_at.date(), "recorded_on": m.recorded_on,
             "late": m.late} for m in built], 201
