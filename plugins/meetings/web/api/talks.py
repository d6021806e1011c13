"""API of heart-to-heart talks (谈心谈话): what was said only to the two people and the secretary."""
from __future__ import annotations

from uuid import UUID

from flask import g

from core.kernel import kernel
from core.permissions import requires
from plugins.meetings import present, queries
from plugins.meetings.schemas import MeetingYearSchema
from plugins.meetings.schemas.talks import TalkComplianceOutSchema, TalkOutSchema, TalkSchema
from plugins.meetings.web import api_bp as api
from plugins.meetings.web.common import _reader, _record, _talk


@api.route("/talks")
@api.arguments(MeetingYearSchema, location="query")
@api.response(200, TalkOutSchema(many=True))
@requires("meetings.talks.view")
def api_talks(args):
    """一年的谈心谈话（谁与谁、何时；谈话内容仅谈话双方和支部书记可见，其他人为 null）"""
    year = args.get("year") or kernel().today().year
    me, reads_all = _reader()
    return [present.talk(r, me, reads_all) for r in queries.list_talks(kernel(), g.tenant.slug, year)]


@api.route("/talks", methods=["POST"])
@api.arguments(TalkSchema)
@api.response(201, TalkOutSchema)
@requires("meetings.talks.record")
def api_record_talk(data):
    """记录一次谈心谈话（党员只能记录本人参加的谈话；支委可记录任何谈话）"""
    return _talk(_record(data).id), 201


@api.route("/talks/<uuid:talk_id>")
@api.response(200, TalkOutSchema)
@requires("meetings.talks.view")
def api_talk(talk_id: UUID):
    """一次谈心谈话（谈话内容仅谈话双方和支部书记可见）"""
    return _talk(talk_id)


@api.route("/talks/compliance")
@api.arguments(MeetingYearSchema, location="query")
@api.response(200, TalkComplianceOutSchema)
@requires("meetings.talks.view")
def api_talk_compliance(args):
    """谈心谈话落实情况：每名党员每年至少一次，列出本年尚无记录的党员；年内转入或入党的党员自到本支部之日起计"""
    counted = queries.talk_compliance(kernel(), g.tenant.slug, args.get("year") or kernel().today().year)
    return present.talk_compliance(counted)
