"""The summary API: read a year's summary, draft it from the record, save an edit, adopt it."""
from __future__ import annotations

from core.kernel import kernel
from core.permissions import requires
from plugins.summary import services
from core.context import set_reason
from plugins.summary.schemas import (SummaryAdoptSchema, SummaryEditSchema, SummaryOutSchema, SummaryReopenSchema,
                                      SummarySendSchema)
from plugins.summary.web import api_bp, summary_view, tenant


@api_bp.route("/<year:year>")
@api_bp.response(200, SummaryOutSchema)
@requires("summary.view")
def api_summary(year):
    """一个年度的工作总结（各部分正文、数据及其来源、手工修改标记）"""
    return summary_view(year)


@api_bp.route("/<year:year>/draft", methods=["POST"])
@api_bp.response(201, SummaryOutSchema)
@requires("summary.edit")
def api_draft(year):
    """由本校记录起草该年度的工作总结"""
    services.draft(kernel(), tenant(), year)
    return summary_view(year)


@api_bp.route("/<year:year>", methods=["POST"])
@api_bp.arguments(SummaryEditSchema)
@api_bp.response(200, SummaryOutSchema)
@requires("summary.edit")
def api_edit(data, year):
    """保存修改（各部分正文与手工修改的数据；expected_version 过期时 409）"""
    services.edit(kernel(), tenant(), year, data["sections"], data["overrides"], data["expected_version"])
    return summary_view(year)


@api_bp.route("/<year:year>/adopt", methods=["POST"])
@api_bp.arguments(SummaryAdoptSchema)
@api_bp.response(200, SummaryOutSchema)
@requires("summary.adopt")
def api_adopt(data, year):
    """支委会通过（可注明会议）"""
    services.adopt(kernel(), tenant(), year, data["adopted_on"], data.get("meeting_id"), data["expected_version"])
    return summary_view(year)


@api_bp.route("/<year:year>/reopen", methods=["POST"])
@api_bp.arguments(SummaryReopenSchema)
@api_bp.response(200, SummaryOutSchema)
@requires("summary.adopt")
def api_reopen(data, year):
    """更正已通过的总结（说明理由；改完后支委会再次通过）"""
    set_reason(data["reason"])
    services.reopen(kernel(), tenant(), year, data["reason"], data["expected_version"])
    return summary_view(year)


@api_bp.route("/<year:year>/send", methods=["POST"])
@api_bp.arguments(SummarySendSchema)
@api_bp.response(200, SummaryOutSchema)
@requires("summary.send")
def api_send(data, year):
    """报送区委：答复区委下发的年度总结任务（附公文），没有任务时作为信息报送；同一通过版本只报送一次（409），
    更正后再次报送须说明理由"""
    if data.get("reason"):
        set_reason(data["reason"])
    services.send_to_district(kernel(), tenant(), year, data.get("reason") or "", data["expected_version"])
    return summary_view(year)
