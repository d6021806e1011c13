"""A school's organisational-life API: life meetings (statements, talks, criticisms), the rectification
list, dual participation, the committee's term and elections."""
from __future__ import annotations

from uuid import UUID

from core.kernel import kernel
from core.permissions import require_object, requires
from core.web import year_arg
from plugins.orglife import present, queries, services
from plugins.orglife.schemas import (
    RectificationCloseSchema, CriticismSchema, DualOutSchema, CommitteeElectionOutSchema, CommitteeElectionSchema, LifeMeetingOutSchema,
    RectificationProgressSchema, RectificationOutSchema, RectificationSchema, LifeStatementOutSchema, LifeStatementSchema,
    TakeOfficeSchema, TalkLinkSchema, TermOutSchema, LifeVersionSchema,
)
from plugins.orglife.web import (
    api_bp, committee_reader, dual, found, life_meetings, meeting_or_404, meeting_view, own_statement_member,
    rectification_or_404, send_file, tenant, term_view, viewer,
)


@api_bp.route("/meetings")
@api_bp.response(200, LifeMeetingOutSchema(many=True))
@requires("orglife.view")
def api_meetings():
    """民主生活会与组织生活会（发言材料支委可见全部，其他党员只见本人的）"""
    return [meeting_view(m["id"]) for m in life_meetings()]


@api_bp.route("/meetings/<uuid:meeting_id>")
@api_bp.response(200, LifeMeetingOutSchema)
@requires("orglife.view")
def api_meeting(meeting_id: UUID):
    """一次民主生活会或组织生活会：会前谈心谈话、发言材料、相互批评、整改清单"""
    return meeting_view(meeting_id)


@api_bp.route("/meetings/<uuid:meeting_id>/statement", methods=["POST"])
@api_bp.arguments(LifeStatementSchema)
@api_bp.response(200, LifeStatementOutSchema)
@requires("orglife.statement")
def api_statement_draft(data, meeting_id: UUID):
    """起草或修改本人的发言材料（工作情况、批评和自我批评、整改措施）"""
    meeting_or_404(meeting_id)
    member = own_statement_member()
    services.draft_statement(kernel(), tenant(), meeting_id, member,
                             {k: data[k] for k in ("work", "criticism", "measures")}, data["expected_version"])
    return _statement(meeting_id, member)


@api_bp.route("/meetings/<uuid:meeting_id>/statement/submit", methods=["POST"])
@api_bp.arguments(LifeVersionSchema)
@api_bp.response(200, LifeStatementOutSchema)
@requires("orglife.statement")
def api_statement_submit(data, meeting_id: UUID):
    """会前提交本人的发言材料（三部分须完整）"""
    meeting_or_404(meeting_id)
    member = own_statement_member()
    services.submit_statement(kernel(), tenant(), meeting_id, member, data["expected_version"])
    return _statement(meeting_id, member)


def _statement(meeting_id: UUID, member: str) -> dict:
    rows = queries.list_statements(kernel(), tenant(), meeting_id=meeting_id, member_id=member)
    return present.statement_dict(rows[0])


@api_bp.route("/statements")
@api_bp.response(200, LifeStatementOutSchema(many=True))
@requires("orglife.view")
def api_statements():
    """发言材料：支委可见全部，其他党员只见本人的"""
    k = kernel()
    return present.visible_statements(queries.list_statements(k, tenant()), viewer(), committee_reader())


@api_bp.route("/statements/<uuid:statement_id>")
@api_bp.response(200, LifeStatementOutSchema)
@requires("orglife.view")
def api_statement(statement_id: UUID):
    """一份发言材料（只有支委和本人可以查看）"""
    row = found(queries.get_statement(kernel(), tenant(), statement_id))
    require_object(present.statement_visible(row, viewer(), committee_reader()))
    return present.statement_dict(row)


@api_bp.route("/meetings/<uuid:meeting_id>/talks", methods=["POST"])
@api_bp.arguments(TalkLinkSchema)
@api_bp.response(200, LifeMeetingOutSchema)
@requires("orglife.edit")
def api_talk_link(data, meeting_id: UUID):
    """关联会前开展的谈心谈话（谁与谁、何时、要点）"""
    meeting_or_404(meeting_id)
    services.link_talk(kernel(), tenant(), meeting_id, data["talk_id"], data["summary"], data["expected_version"])
    return meeting_view(meeting_id)


@api_bp.route("/meetings/<uuid:meeting_id>/criticisms", methods=["POST"])
@api_bp.arguments(CriticismSchema)
@api_bp.response(200, LifeMeetingOutSchema)
@requires("orglife.edit")
def api_criticism(data, meeting_id: UUID):
    """登记会上提出和收到的批评意见"""
    meeting_or_404(meeting_id)
    services.record_criticism(kernel(), tenant(), meeting_id, data["from_member_id"], data["to_member_id"],
                              data["text"], data["expected_version"])
    return meeting_view(meeting_id)


@api_bp.route("/meetings/<uuid:meeting_id>/rectifications", methods=["POST"])
@api_bp.arguments(RectificationSchema)
@api_bp.response(200, RectificationOutSchema)
@requires("orglife.edit")
def api_rectification_new(data, meeting_id: UUID):
    """列入整改清单（事项、责任人、期限）"""
    meeting_or_404(meeting_id)
    entry = services.list_rectification(kernel(), tenant(), meeting_id, data["item"], data["owner"], data["deadline"])
    return present.rectification_dict(rectification_or_404(entry.id), kernel().today())


@api_bp.route("/rectifications")
@api_bp.response(200, RectificationOutSchema(many=True))
@requires("orglife.view")
def api_rectifications():
    """整改清单（未销号在前，按期限）"""
    k = kernel()
    rows = queries.list_rectifications(k, tenant())
    return sorted((present.rectification_dict(r, k.today()) for r in rows), key=lambda r: r["status"] == "closed")


@api_bp.route("/rectifications/<uuid:item_id>/progress", methods=["POST"])
@api_bp.arguments(RectificationProgressSchema)
@api_bp.response(200, RectificationOutSchema)
@requires("orglife.edit")
def api_rectification_progress(data, item_id: UUID):
    """报告整改进展"""
    rectification_or_404(item_id)
    services.note_progress(kernel(), tenant(), item_id, data["text"], data["expected_version"])
    return present.rectification_dict(rectification_or_404(item_id), kernel().today())


@api_bp.route("/rectifications/<uuid:item_id>/close", methods=["POST"])
@api_bp.arguments(RectificationCloseSchema)
@api_bp.response(200, RectificationOutSchema)
@requires("orglife.edit")
def api_rectification_close(data, item_id: UUID):
    """整改销号（须有佐证：说明或文件）"""
    rectification_or_404(item_id)
    k = kernel()
    files = services.store_files(k, [(f["content"], f["name"]) for f in data["evidence"]])
    services.close_rectification(k, tenant(), item_id, data["evidence_text"], files, data["expected_version"])
    return present.rectification_dict(rectification_or_404(item_id), k.today())


@api_bp.route("/files/<string:sha256>")
@api_bp.response(200, description="整改佐证文件")
@requires("orglife.view")
def api_file(sha256: str):
    """下载整改佐证文件"""
    return send_file(sha256)


@api_bp.route("/dual")
@api_bp.response(200, DualOutSchema(many=True))
@requires("orglife.view")
def api_dual():
    """支委参加所在党小组组织生活（双重组织生活）情况，按年度（year 参数）"""
    return dual(year_arg(kernel().today().year))


@api_bp.route("/term")
@api_bp.response(200, TermOutSchema)
@requires("orglife.view")
def api_term():
    """本届支部委员会任期、换届提醒与历次选举"""
    return term_view()


@api_bp.route("/elections", methods=["POST"])
@api_bp.arguments(CommitteeElectionSchema)
@api_bp.response(200, CommitteeElectionOutSchema)
@requires("orglife.edit")
def api_election(data):
    """登记支部党员大会换届选举结果（到会须超过应到的五分之四；得票超过实到半数当选）"""
    k = kernel()
    services.record_election(k, tenant(), data["meeting_id"], data["seats"],
                             [{"member_id": c["member_id"], "votes": c["votes"]} for c in data["candidates"]])
    return present.election_dict(queries.get_election(k, tenant(), data["meeting_id"]))


@api_bp.route("/elections/<uuid:meeting_id>/take-office", methods=["POST"])
@api_bp.arguments(TakeOfficeSchema)
@api_bp.response(200, CommitteeElectionOutSchema)
@requires("orglife.edit")
def api_take_office(data, meeting_id: UUID):
    """当选委员分工就职：登记为新一届支部委员会"""
    k = kernel()
    found(queries.get_election(k, tenant(), meeting_id))
    posts = {str(p["member_id"]): p["post"] for p in data["posts"]}
    services.take_office(k, tenant(), meeting_id, data["term_start"], posts, data["term_end"], data["expected_version"])
    return present.election_dict(queries.get_election(k, tenant(), meeting_id))
