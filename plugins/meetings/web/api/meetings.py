"""API of meetings: list, schedule, correct, cancel, attendance, attachments, written opinions, votes
and resolutions, minutes, compliance, types."""
from __future__ import annotations

from uuid import UUID

from flask import abort, g

from core import context
from core.api import FileUploadSchema
from core.kernel import kernel
from core.permissions import requires
from plugins.meetings import present, queries, rules, services
from plugins.meetings.schemas import (
    MeetingAddendumSchema, MeetingAttachmentQuerySchema, MeetingAttendanceSchema, MeetingComplianceOutSchema,
    MeetingCorrectSchema, MeetingCreateSchema, MeetingDetailOutSchema, MeetingFollowUpSchema, MeetingLeaveOutSchema,
    MeetingMinutesOutSchema, MeetingMinutesSchema, MeetingPageSchema, MeetingQuerySchema, MeetingReasonSchema,
    MeetingResolutionOutSchema, MeetingTypeOutSchema, MeetingVersionSchema, MeetingVoteSchema,
    MeetingWrittenOpinionSchema, MeetingYearSchema,
)
from plugins.meetings.web import api_bp as api
from plugins.meetings.web.common import _local, _meeting, _send_attachment


def _detail(meeting_id: UUID) -> dict:
    k = kernel()
    data = present.meeting(_meeting(meeting_id))
    data["attendees"] = [present.attendee(a) for a in queries.list_attendees(k, g.tenant.slug, meeting_id)]
    data["attachments"] = [dict(a._mapping) for a in queries.list_attachments(k, g.tenant.slug, meeting_id)]
    return data


@api.route("/meetings")
@api.arguments(MeetingQuerySchema, location="query")
@api.response(200, MeetingPageSchema)
@requires("meetings.view")
def api_list(criteria):
    """会议列表（分页；按类型、年度、状态筛选）"""
    page = queries.list_meetings_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [present.meeting(r) for r in page.items], "meta": page.meta()}


@api.route("/meetings", methods=["POST"])
@api.arguments(MeetingCreateSchema)
@api.response(201, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_create(data):
    """安排会议（应到人员按会议类型自动确定；会后登记的标记为补录）"""
    meeting = services.schedule_meeting(
        kernel(), g.tenant.slug, data["type"], data["title"], _local(data["starts_at"]),
        data["place"], ends_at=_local(data.get("ends_at")),
        chair_id=data.get("chair_id"), recorder_id=data.get("recorder_id"), agenda=data["agenda"],
        party_group=data.get("party_group"), counts_as=data["counts_as"])
    return _detail(meeting.id)


@api.route("/meetings/<uuid:meeting_id>")
@api.response(200, MeetingDetailOutSchema)
@requires("meetings.view")
def api_get(meeting_id: UUID):
    """会议详情（含应到人员与出席情况）"""
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>", methods=["PATCH"])
@api.arguments(MeetingCorrectSchema)
@api.response(200, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_correct(data, meeting_id: UUID):
    """更正会议信息（须提供原因与 expected_version；版本不符返回 409）"""
    _meeting(meeting_id)
    version, reason = data.pop("expected_version"), data.pop("reason")
    data = {f: (_local(v) if f.endswith("_at") else v) for f, v in data.items()}
    context.set_reason(reason)
    services.correct_meeting(kernel(), g.tenant.slug, meeting_id, data, expected_version=version)
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/cancel", methods=["POST"])
@api.arguments(MeetingReasonSchema)
@api.response(200, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_cancel(data, meeting_id: UUID):
    """取消会议（须说明原因）"""
    _meeting(meeting_id)
    services.cancel_meeting(kernel(), g.tenant.slug, meeting_id, data["reason"],
                            expected_version=data["expected_version"])
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/attendance", methods=["PUT"])
@api.arguments(MeetingAttendanceSchema)
@api.response(200, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_attendance(data, meeting_id: UUID):
    """登记出席情况（出席、缺席及原因；列席人员无表决权）"""
    _meeting(meeting_id)
    services.record_attendance(kernel(), g.tenant.slug, meeting_id,
                               {str(e["member_id"]): e for e in data["entries"]}, data["observers"],
                               expected_version=data["expected_version"])
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/attachments", methods=["POST"])
@api.arguments(MeetingAttachmentQuerySchema, location="query")
@api.arguments(FileUploadSchema, location="files")
@api.response(201, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_upload(args, files, meeting_id: UUID):
    """上传会议附件（签到表、照片、课件；multipart 的 file 字段，类别在查询参数 kind）"""
    _meeting(meeting_id)
    upload = files["file"]
    services.attach_file(kernel(), g.tenant.slug, meeting_id, upload.read(), upload.filename or "",
                         args["kind"])
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/attachments/<sha256>")
@api.response(200, description="附件文件本身")
@requires("meetings.view")
def api_download(meeting_id: UUID, sha256: str):
    """下载会议附件"""
    return _send_attachment(meeting_id, sha256)


@api.route("/meetings/<uuid:meeting_id>/left-out", methods=["POST"])
@api.arguments(MeetingLeaveOutSchema)
@api.response(201, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_leave_out(data, meeting_id: UUID):
    """支部党员大会：经上级党组织同意、大会决定，不计入应到会人数（五种情形）"""
    _meeting(meeting_id)
    services.leave_out(kernel(), g.tenant.slug, meeting_id, data["member_id"], data["kind"], data["consent"],
                       expected_version=data["expected_version"])
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/written-opinions", methods=["POST"])
@api.arguments(MeetingWrittenOpinionSchema)
@api.response(201, MeetingDetailOutSchema)
@requires("meetings.edit")
def api_written(data, meeting_id: UUID):
    """登记会前书面表决意见（仅正式党员）"""
    _meeting(meeting_id)
    services.receive_written_opinion(kernel(), g.tenant.slug, meeting_id, data["member_id"],
                                     data["received_on"], data["opinion"],
                                     expected_version=data["expected_version"])
    return _detail(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/resolutions")
@api.response(200, MeetingResolutionOutSchema(many=True))
@requires("meetings.view")
def api_meeting_resolutions(meeting_id: UUID):
    """一次会议的表决与决议"""
    _meeting(meeting_id)
    return queries.list_resolutions(kernel(), g.tenant.slug, meeting_id=meeting_id)


@api.route("/meetings/<uuid:meeting_id>/resolutions", methods=["POST"])
@api.arguments(MeetingVoteSchema)
@api.response(201, MeetingResolutionOutSchema)
@requires("meetings.edit")
def api_vote(data, meeting_id: UUID):
    """记录表决（不足法定人数时拒绝；按决议类型判断是否通过）"""
    k = kernel()
    _meeting(meeting_id)
    resolution_id = services.record_vote(k, g.tenant.slug, meeting_id, data["kind"], data["title"],
                                         data["yes"], data["no"], data["abstain"], subject=data["subject"],
                                         expected_version=data["expected_version"])
    return queries.get_resolution(k, g.tenant.slug, resolution_id)


@api.route("/resolutions")
@api.arguments(MeetingYearSchema, location="query")
@api.response(200, MeetingResolutionOutSchema(many=True))
@requires("meetings.view")
def api_resolutions(args):
    """决策事项登记（重大事项集体研究）"""
    return queries.list_resolutions(kernel(), g.tenant.slug, year=args.get("year"))


@api.route("/resolutions/<uuid:resolution_id>", methods=["PATCH"])
@api.arguments(MeetingFollowUpSchema)
@api.response(200, MeetingResolutionOutSchema)
@requires("meetings.edit")
def api_follow_up(data, resolution_id: UUID):
    """更新决议落实状态"""
    k = kernel()
    if queries.get_resolution(k, g.tenant.slug, resolution_id) is None:
        abort(404)
    services.update_follow_up(k, g.tenant.slug, resolution_id, data["status"], data["note"],
                              expected_version=data["expected_version"])
    return queries.get_resolution(k, g.tenant.slug, resolution_id)


def _minutes(meeting_id: UUID) -> dict:
    row = _meeting(meeting_id)
    history = queries.meeting_history(kernel(), g.tenant.slug, meeting_id)
    return {"meeting_id": row.id, "version": row.version, "status": row.minutes_status,
            "content": row.minutes,
            "history": [{"version": h.version, "kind": h.kind, "data": h.data, "actor": h.actor,
                         "reason": h.reason, "at": h.at.isoformat()}
                        for h in history if h.kind in ("minutes_draft", "minutes_final", "addendum")]}


@api.route("/meetings/<uuid:meeting_id>/minutes")
@api.response(200, MeetingMinutesOutSchema)
@requires("meetings.view")
def api_minutes(meeting_id: UUID):
    """会议记录（当前内容与全部修订历史）"""
    return _minutes(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/minutes", methods=["PUT"])
@api.arguments(MeetingMinutesSchema)
@api.response(200, MeetingMinutesOutSchema)
@requires("meetings.edit")
def api_draft_minutes(data, meeting_id: UUID):
    """保存会议记录草稿（定稿后拒绝，须改用补充说明）"""
    _meeting(meeting_id)
    version = data.pop("expected_version")
    services.draft_minutes(kernel(), g.tenant.slug, meeting_id, data, expected_version=version)
    return _minutes(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/minutes/finalise", methods=["POST"])
@api.arguments(MeetingVersionSchema)
@api.response(200, MeetingMinutesOutSchema)
@requires("meetings.finalise")
def api_finalise(data, meeting_id: UUID):
    """会议记录定稿（定稿后锁定）"""
    _meeting(meeting_id)
    services.finalise_minutes(kernel(), g.tenant.slug, meeting_id, expected_version=data["expected_version"])
    return _minutes(meeting_id)


@api.route("/meetings/<uuid:meeting_id>/minutes/addenda", methods=["POST"])
@api.arguments(MeetingAddendumSchema)
@api.response(201, MeetingMinutesOutSchema)
@requires("meetings.edit")
def api_addendum(data, meeting_id: UUID):
    """为已定稿的会议记录添加补充说明（须写明原因）"""
    _meeting(meeting_id)
    services.add_addendum(kernel(), g.tenant.slug, meeting_id, data["text"], data["reason"],
                          expected_version=data["expected_version"])
    return _minutes(meeting_id)


@api.route("/compliance")
@api.arguments(MeetingYearSchema, location="query")
@api.response(200, MeetingComplianceOutSchema)
@requires("meetings.view")
def api_compliance(args):
    """三会一课落实情况：各类会议应开与已开期数，缺漏期次"""
    year = args.get("year") or kernel().today().year
    items = queries.compliance(kernel(), g.tenant.slug, year)
    return {"year": year, "ratio": rules.compliance_ratio(items),
            "types": [{"code": i.code, "name": i.name, "frequency": i.frequency, "required": i.required,
                       "held": i.held, "missing": [p.key for p in i.missing],
                       "periods": [{"key": p.key, "label": p.label, "held": p.held, "due": p.due,
                                    "missing": p.missing} for p in i.periods]} for i in items]}


@api.route("/types")
@api.response(200, MeetingTypeOutSchema(many=True))
@requires("meetings.view")
def api_types():
    """本校现行会议类型及频次"""
    return list(queries.meeting_types(kernel(), g.tenant.slug).values())
