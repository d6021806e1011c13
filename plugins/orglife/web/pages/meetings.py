"""A school's life meetings: the list with the open rectification items, one meeting (statements,
talks beforehand, criticisms, rectification list), one rectification item."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for

from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.orglife import present, queries, rules, services
from plugins.orglife.schemas import (
    RectificationCloseSchema, CriticismSchema, RectificationProgressSchema, RectificationSchema, LifeStatementSchema, TalkLinkSchema,
    LifeVersionSchema,
)
from plugins.orglife.web import (
    bp, life_meetings, may, meeting_or_404, meeting_view, own_statement_member, rectification_or_404, send_file,
    tenant, uploads, viewer,
)

WORDS = {"SECTIONS": rules.SECTIONS, "LIFE_TYPES": rules.LIFE_TYPES}


@bp.route("/")
@requires("orglife.view")
def index():
    k = kernel()
    items = [present.rectification_dict(r, k.today()) for r in queries.open_rectifications(k, tenant())]
    return render_template("orglife/index.html", meetings=life_meetings(), items=items, may=may, **WORDS)


def _render_meeting(meeting_id: UUID, status: int = 200):
    k = kernel()
    view = meeting_view(meeting_id)
    me = viewer()
    mine = next((s for s in view["statements"] if s["member_id"] == me), None) if me else None
    editing = may("edit")
    return render_template(
        "orglife/meeting.html", m=view, mine=mine, me=me, may=may, today=k.today(),
        roll=members.list_members(k, tenant()) if editing else [],
        talks=meetings.list_talks(k, tenant(), view["held_on"].year) if editing and view["held_on"] else [],
        **WORDS), status


@bp.route("/meetings/<uuid:meeting_id>")
@requires("orglife.view")
def meeting(meeting_id: UUID):
    return _render_meeting(meeting_id)


def _command(meeting_id: UUID, act, success: str):
    meeting_or_404(meeting_id)

    def run():
        act()
        return url_for("orglife.meeting", meeting_id=meeting_id)
    return page_command(run, lambda s: _render_meeting(meeting_id, s), success=success)


@bp.route("/meetings/<uuid:meeting_id>/statement", methods=["POST"])
@requires("orglife.statement")
def statement_draft(meeting_id: UUID):
    def act():
        data = form_input(LifeStatementSchema())
        services.draft_statement(kernel(), tenant(), meeting_id, own_statement_member(),
                                 {k: data[k] for k in rules.SECTIONS}, data["expected_version"])
    return _command(meeting_id, act, N_("发言材料已保存。"))


@bp.route("/meetings/<uuid:meeting_id>/statement/submit", methods=["POST"])
@requires("orglife.statement")
def statement_submit(meeting_id: UUID):
    def act():
        data = form_input(LifeVersionSchema())
        services.submit_statement(kernel(), tenant(), meeting_id, own_statement_member(), data["expected_version"])
    return _command(meeting_id, act, N_("发言材料已提交。"))


@bp.route("/meetings/<uuid:meeting_id>/talks", methods=["POST"])
@requires("orglife.edit")
def talk_link(meeting_id: UUID):
    def act():
        data = form_input(TalkLinkSchema())
        services.link_talk(kernel(), tenant(), meeting_id, data["talk_id"], data["summary"], data["expected_version"])
    return _command(meeting_id, act, N_("已关联谈心谈话。"))


@bp.route("/meetings/<uuid:meeting_id>/criticisms", methods=["POST"])
@requires("orglife.edit")
def criticism(meeting_id: UUID):
    def act():
        data = form_input(CriticismSchema())
        services.record_criticism(kernel(), tenant(), meeting_id, data["from_member_id"], data["to_member_id"],
                                  data["text"], data["expected_version"])
    return _command(meeting_id, act, N_("已登记批评意见。"))


@bp.route("/meetings/<uuid:meeting_id>/rectifications", methods=["POST"])
@requires("orglife.edit")
def rectification_new(meeting_id: UUID):
    def act():
        data = form_input(RectificationSchema())
        services.list_rectification(kernel(), tenant(), meeting_id, data["item"], data["owner"], data["deadline"])
    return _command(meeting_id, act, N_("已列入整改清单。"))


def _render_item(item_id: UUID, status: int = 200):
    k = kernel()
    row = present.rectification_dict(rectification_or_404(item_id), k.today())
    return render_template("orglife/rectification.html", r=row, may=may, **WORDS), status


@bp.route("/rectifications/<uuid:item_id>")
@requires("orglife.view")
def rectification(item_id: UUID):
    return _render_item(item_id)


def _item_command(item_id: UUID, act, success: str):
    rectification_or_404(item_id)

    def run():
        act()
        return url_for("orglife.rectification", item_id=item_id)
    return page_command(run, lambda s: _render_item(item_id, s), success=success)


@bp.route("/rectifications/<uuid:item_id>/progress", methods=["POST"])
@requires("orglife.edit")
def rectification_progress(item_id: UUID):
    def act():
        data = form_input(RectificationProgressSchema())
        services.note_progress(kernel(), tenant(), item_id, data["text"], data["expected_version"])
    return _item_command(item_id, act, N_("已记录整改进展。"))


@bp.route("/rectifications/<uuid:item_id>/close", methods=["POST"])
@requires("orglife.edit")
def rectification_close(item_id: UUID):
    def act():
        data = form_input(RectificationCloseSchema())
        files = services.store_files(kernel(), uploads("files"))
        services.close_rectification(kernel(), tenant(), item_id, data["evidence_text"], files,
                                     data["expected_version"])
    return _item_command(item_id, act, N_("整改事项已销号。"))


@bp.route("/files/<string:sha256>")
@requires("orglife.view")
def file(sha256: str):
    return send_file(sha256)
