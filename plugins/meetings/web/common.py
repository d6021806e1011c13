"""What the meetings pages and API share: loading the request's meeting, form helpers, the year
asked for, attachments, and who reads or records a heart-to-heart talk."""
from __future__ import annotations

from uuid import UUID

from flask import abort, g, request
from flask_login import current_user
from marshmallow import ValidationError

from core.clock import LOCAL_TZ
from core.files import send_stored
from core.commands import flash_validation
from core.kernel import kernel
from core.permissions import can, require_object
from plugins.meetings import present, queries, services
from plugins.meetings.rules import talks
from plugins.meetings.schemas import MeetingYearSchema
from plugins.members import public as members

LABELS = {"type": "会议类型", "title": "会议名称", "starts_at": "开始时间", "ends_at": "结束时间",
          "place": "地点", "chair_id": "主持人", "recorder_id": "记录人", "agenda": "议程",
          "party_group": "党小组", "reason": "原因", "expected_version": "版本", "member_id": "党员",
          "received_on": "收到日期", "opinion": "书面意见", "kind": "决议类型", "yes": "赞成票",
          "no": "反对票", "abstain": "弃权票", "summary": "会议内容摘要", "text": "补充说明",
          "status": "状态", "code": "类型代码", "name": "名称", "frequency": "频次", "body": "参会范围",
          "effective_from": "施行日期", "entries": "出席登记", "observers": "列席人员"}


def _local(value):
    """Meeting times are kept as local (Asia/Shanghai) wall-clock times."""
    if value is not None and value.tzinfo is not None:
        return value.astimezone(LOCAL_TZ).replace(tzinfo=None)
    return value


def _meeting(meeting_id: UUID):
    row = queries.get_meeting(kernel(), g.tenant.slug, meeting_id)
    if row is None:
        abort(404)
    return row


def _form() -> dict:
    return {key: v for key, v in request.form.to_dict().items() if key not in ("csrf_token", "_form")}


def _flash_validation(exc: ValidationError) -> None:
    flash_validation(exc, LABELS)


def _year() -> int:
    try:
        return MeetingYearSchema().load({"year": request.args.get("year")} if request.args.get("year") else {}) \
            .get("year") or kernel().today().year
    except ValidationError:
        abort(404)


def _send_attachment(meeting_id: UUID, sha256: str):
    k = kernel()
    row = queries.get_attachment(k, g.tenant.slug, meeting_id, sha256)
    if row is None:
        abort(404)
    return send_stored(k, sha256, row.name, row.content_type)


def _reader() -> tuple[UUID | None, bool]:
    """The member the signed-in account is, and whether it reads every talk (the secretary)."""
    tenant = g.tenant.slug
    return (members.member_for_user(kernel(), tenant, current_user.username),
            can(current_user, "meetings.talks.read_all", tenant))


def _record(data: dict):
    """Record a talk, if the user may record this one (403 otherwise)."""
    me, _ = _reader()
    people = {str(data["first_id"]), str(data["second_id"])}
    require_object(talks.may_record(people, me, can(current_user, "meetings.talks.record_any", g.tenant.slug)))
    return services.record_talk(kernel(), g.tenant.slug, data["held_on"], data["first_id"], data["second_id"],
                                data["content"], data["place"])


def _talk(talk_id: UUID) -> dict:
    row = queries.get_talk(kernel(), g.tenant.slug, talk_id)
    if row is None:
        abort(404)
    return present.talk(row, *_reader())
