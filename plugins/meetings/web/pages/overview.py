"""Pages across meetings: calendar, compliance, the decisions register, meeting types, and a user's
own calendar feed."""
from __future__ import annotations

import calendar as calendar_module
from datetime import date, timedelta
from uuid import UUID

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError
from core.excel import xlsx_response
from core.kernel import kernel
from core.messages import message_of
from core.permissions import public, require, requires
from plugins.meetings import present, queries, rules, services
from plugins.meetings.schemas import MeetingFollowUpSchema, MeetingTypeDefinitionSchema
from plugins.meetings.web import bp
from plugins.meetings.web.common import _flash_validation, _form, _year
from plugins.members import public as members


@bp.route("/calendar")
@requires("meetings.view")
def calendar():
    k = kernel()
    today = k.today()
    try:
        year, month = (int(x) for x in request.args.get("month", f"{today:%Y-%m}").split("-"))
        first = date(year, month, 1)
    except (ValueError, OverflowError):
        abort(404)
    last = date(year, month, calendar_module.monthrange(year, month)[1])
    by_day: dict[date, list] = {}
    for row in queries.meetings_between(k, g.tenant.slug, first, last):
        by_day.setdefault(row.held_on, []).append(row)
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month)
    prev_month = (first - timedelta(days=1)).strftime("%Y-%m")
    next_month = (last + timedelta(days=1)).strftime("%Y-%m")
    return render_template("meetings/calendar.html", weeks=weeks, by_day=by_day, first=first,
                           today=today, prev_month=prev_month, next_month=next_month)


@bp.route("/compliance")
@requires("meetings.view")
def compliance():
    k = kernel()
    year = _year()
    items = queries.compliance(k, g.tenant.slug, year)
    return render_template("meetings/compliance.html", items=items, year=year,
                           ratio=rules.compliance_ratio(items), frequencies=rules.FREQUENCIES,
                           talks=queries.talk_compliance(k, g.tenant.slug, year))


@bp.route("/compliance.xlsx")
@requires("meetings.view")
def compliance_xlsx():
    year = _year()
    items = queries.compliance(kernel(), g.tenant.slug, year)
    rows = [[i.name, rules.FREQUENCIES.get(i.frequency, i.frequency), i.required, i.held,
             "、".join(p.label for p in i.missing)] for i in items]
    periods = [[i.name, p.label, p.held, "是" if p.due else "否", "缺" if p.missing else ""]
               for i in items for p in i.periods]
    return xlsx_response(f"三会一课落实情况-{g.tenant.slug}-{year}.xlsx", [
        ("汇总", ["会议类型", "频次", "应开期数", "已开期数", "缺漏期次"], rows),
        ("各期", ["会议类型", "期次", "召开次数", "已到期", "缺漏"], periods)])


@bp.route("/decisions")
@requires("meetings.view")
def decisions():
    k = kernel()
    follow = request.args.get("follow_up") or None
    if follow and follow not in rules.FOLLOW_UP:
        follow = None
    rows = queries.list_resolutions(k, g.tenant.slug, follow_up=follow)
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"决策事项登记-{g.tenant.slug}.xlsx", [(
            "决策事项", ["日期", "会议", "事项", "类型", "应到", "实到", "书面", "赞成", "反对", "弃权",
                     "结果", "落实状态", "落实情况"],
            [[r.decided_on, r.meeting_title, r.title, rules.RESOLUTION_KINDS[r.kind].label, r.entitled,
              r.present, r.written, r.yes, r.no, r.abstain, "通过" if r.passed else "未通过",
              rules.FOLLOW_UP.get(r.follow_up), r.follow_up_note or ""] for r in rows])])
    return render_template("meetings/decisions.html", rows=rows, kinds=rules.RESOLUTION_KINDS,
                           follow_up=rules.FOLLOW_UP, selected=follow)


@bp.route("/decisions/<uuid:resolution_id>/follow-up", methods=["POST"])
@requires("meetings.edit")
def follow_up(resolution_id: UUID):
    k = kernel()
    if queries.get_resolution(k, g.tenant.slug, resolution_id) is None:
        abort(404)
    try:
        data = MeetingFollowUpSchema().load(_form())
        services.update_follow_up(k, g.tenant.slug, resolution_id, data["status"], data["note"],
                                  expected_version=data["expected_version"])
        flash(gettext("落实状态已更新。"), "success")
    except ValidationError as exc:
        _flash_validation(exc)
    except (DomainError, ConflictError) as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("meetings.decisions"))


@bp.route("/types", methods=["GET", "POST"])
@requires("meetings.view")
def types():
    k = kernel()
    status = 200
    if request.method == "POST":
        require("meetings.configure", g.tenant.slug)
        try:
            data = MeetingTypeDefinitionSchema().load(_form())
            services.define_type(k, g.tenant.slug, **data)
            flash(gettext("会议类型已保存，自施行日期起生效。"), "success")
            return redirect(url_for("meetings.types"))
        except ValidationError as exc:
            _flash_validation(exc)
            status = 422
        except DomainError as exc:
            flash(message_of(exc), "danger")
            status = 422
    return render_template("meetings/types.html", current=queries.meeting_types(k, g.tenant.slug),
                           definitions=queries.type_definition_rows(k, g.tenant.slug),
                           defaults=rules.DEFAULT_TYPES, frequencies=rules.FREQUENCIES,
                           bodies=rules.BODIES, settings=queries.settings(k, g.tenant.slug)), status


@bp.route("/me", methods=["GET", "POST"])
@requires("meetings.personal")
def me():
    k = kernel()
    user_id = str(current_user.id)
    token = None
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "issue":
                token = services.issue_feed_token(k, g.tenant.slug, user_id)
                flash(gettext("已生成新的日历订阅链接；旧链接（如有）已失效。请立即复制，此链接只显示一次。"), "success")
            elif action == "revoke":
                services.revoke_feed_token(k, g.tenant.slug, user_id)
                flash(gettext("日历订阅链接已停用。"), "success")
            else:
                abort(400)
        except DomainError as exc:
            flash(message_of(exc), "danger")
    profile = queries.get_profile(k, g.tenant.slug, user_id)
    feed_url = url_for("meetings.feed", token=token, _external=True) if token else None
    member_id = members.member_for_user(k, g.tenant.slug, current_user.username)
    return render_template("meetings/me.html", profile=profile, feed_url=feed_url,
                           member=members.get_member(k, g.tenant.slug, member_id) if member_id else None,
                           not_linked=members.NOT_LINKED)


@bp.route("/feed/<token>.ics")
@public
def feed(token: str):
    """The user's meetings as iCalendar; calendar apps cannot sign in, so a secret token stands in."""
    k = kernel()
    profile = queries.profile_by_token_hash(k, g.tenant.slug, services.hash_feed_token(token))
    if profile is None:
        abort(404)
    body = present.ics(queries.feed_meetings(k, g.tenant.slug, profile), g.tenant.name, request.host)
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": "inline; filename=meetings.ics", "Cache-Control": "private, max-age=300"})
