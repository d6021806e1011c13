"""Pages and API of heart-to-heart talks (谈心谈话), on the meetings blueprints: thin."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from marshmallow import ValidationError

from core.errors import DomainError
from core.kernel import kernel
from core.permissions import can, requires
from plugins.meetings import present, queries, services
from plugins.meetings.queries import roster
from plugins.meetings.rules import talks
from plugins.meetings.schemas import MeetingYearSchema
from plugins.meetings.schemas.talks import TalkComplianceOutSchema, TalkOutSchema, TalkSchema
from plugins.meetings.views import _flash_validation, _form, _year, api, bp
from plugins.members import public as members


def _reader() -> tuple[UUID | None, bool]:
    """The member the signed-in account is, and whether it reads every talk (the secretary)."""
    tenant = g.tenant.slug
    return (members.member_for_user(kernel(), tenant, current_user.username),
            can(current_user, "meetings.talks.read_all", tenant))


def _record(data: dict):
    """Record a talk, if the user may record this one (403 otherwise)."""
    me, _ = _reader()
    people = {str(data["first_id"]), str(data["second_id"])}
    if not talks.may_record(people, me, can(current_user, "meetings.talks.record_any", g.tenant.slug)):
        abort(403)
    return services.record_talk(kernel(), g.tenant.slug, data["held_on"], data["first_id"], data["second_id"],
                                data["content"], data["place"])


def _talk(talk_id: UUID) -> dict:
    row = queries.get_talk(kernel(), g.tenant.slug, talk_id)
    if row is None:
        abort(404)
    return present.talk(row, *_reader())


# -- pages ---------------------------------------------------------------------------------------
@bp.route("/talks", methods=["GET", "POST"])
@requires("meetings.talks.view")
def talks_page():
    k, tenant, status = kernel(), g.tenant.slug, 200
    if request.method == "POST":
        if not can(current_user, "meetings.talks.record", tenant):
            abort(403)
        try:
            _record(TalkSchema().load(_form()))
            flash("谈心谈话已记录。", "success")
            return redirect(url_for("meetings.talks_page"))
        except ValidationError as exc:
            _flash_validation(exc)
            status = 422
        except DomainError as exc:
            flash(exc.message, "danger")
            status = 422
    year = _year()
    me, reads_all = _reader()
    return render_template(
        "meetings/talks.html", year=year, me=str(me) if me else None, private=talks.PRIVATE,
        rows=[present.talk(r, me, reads_all) for r in queries.list_talks(k, tenant, year)],
        counted=queries.talk_compliance(k, tenant, year), starts=talks.STARTS, people=roster.people(k, tenant),
        records_any=can(current_user, "meetings.talks.record_any", tenant)), status


@bp.route("/talks/<uuid:talk_id>")
@requires("meetings.talks.view")
def talk_detail(talk_id: UUID):
    return render_template("meetings/talk.html", t=_talk(talk_id), private=talks.PRIVATE)


# -- API -------------------------------------------------------------------------------------------
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
