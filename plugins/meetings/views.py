"""Pages and API of 三会一课: thin, delegating to services and queries."""
from __future__ import annotations

import calendar as calendar_module
from datetime import date, timedelta
from uuid import UUID

from flask import (
    Response, abort, flash, g, redirect, render_template, request, url_for,
)
from flask_login import current_user
from marshmallow import ValidationError

from core import context
from core.api import FileUploadSchema, tenant_api_blueprint
from core.errors import ConflictError, DomainError
from core.excel import xlsx_response
from core.files import send_stored
from core.forms import form_text
from core.kernel import kernel
from core.clock import LOCAL_TZ
from core.permissions import can, public, requires
from core.web import tenant_blueprint
from plugins.meetings import present as shown, queries, rules, services
from plugins.meetings.queries import roster
from plugins.meetings.domain import ATTENDANCE, MINUTES_FIELDS
from plugins.meetings.schemas import (
    MeetingAddendumSchema, MeetingAttendanceSchema, MeetingComplianceOutSchema, MeetingFollowUpSchema, MeetingCorrectSchema,
    MeetingCreateSchema, MeetingDetailOutSchema, MeetingPageSchema, MeetingQuerySchema,
    MeetingTypeOutSchema, MeetingMinutesOutSchema, MeetingMinutesSchema, MeetingReasonSchema, MeetingResolutionOutSchema,
    MeetingAttachmentQuerySchema, MeetingLeaveOutSchema, MeetingTypeDefinitionSchema, MeetingVersionSchema, MeetingVoteSchema, MeetingWrittenOpinionSchema,
    MeetingYearSchema,
)
from plugins.members import public as members

bp = tenant_blueprint("meetings", __name__)
api = tenant_api_blueprint("meetings", __name__,
                           "三会一课：会议、出席、书面意见、表决与决议、会议记录、合规")

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


def present(row) -> dict:
    data = dict(row._mapping)
    data["quorate"] = rules.meeting_quorate(row.body, row.entitled, row.present_voters)
    data["agenda"] = list(row.agenda or [])
    data["observers"] = list(row.observers or [])
    return data


def present_attendee(row) -> dict:
    data = dict(row._mapping)
    data["status_label"] = ATTENDANCE.get(row.status, "未登记") if row.status else "未登记"
    return data


def _meeting(meeting_id: UUID):
    row = queries.get_meeting(kernel(), g.tenant.slug, meeting_id)
    if row is None:
        abort(404)
    return row


def _form() -> dict:
    return {key: v for key, v in request.form.to_dict().items() if key not in ("csrf_token", "_form")}


def _flash_validation(exc: ValidationError) -> None:
    for field, messages in exc.messages.items():
        if isinstance(messages, dict):
            messages = [m for ms in messages.values() for m in (ms if isinstance(ms, list) else [ms])]
        for message in messages if isinstance(messages, list) else [messages]:
            flash(f"{LABELS.get(field, field)}：{message}", "danger")


def _act(meeting_id: UUID, action, success: str):
    """Run a page command: success → back to the meeting; refusal → the meeting page with 422/409."""
    _meeting(meeting_id)
    try:
        action()
        flash(success, "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting_id))
    except ValidationError as exc:
        _flash_validation(exc)
        status = 422
    except ConflictError as exc:
        flash(exc.message, "danger")
        status = 409
    except DomainError as exc:
        flash(exc.message, "danger")
        status = 422
    return _render_detail(meeting_id, status)


def _render_detail(meeting_id: UUID, status: int = 200):
    k = kernel()
    row = _meeting(meeting_id)
    return render_template(
        "meetings/detail.html", m=present(row),
        attendees=[present_attendee(a) for a in queries.list_attendees(k, g.tenant.slug, meeting_id)],
        resolutions=queries.list_resolutions(k, g.tenant.slug, meeting_id=meeting_id),
        history=queries.meeting_history(k, g.tenant.slug, meeting_id),
        attachments=queries.list_attachments(k, g.tenant.slug, meeting_id),
        kinds=rules.RESOLUTION_KINDS, follow_up=rules.FOLLOW_UP, minutes_fields=MINUTES_FIELDS,
        attachment_kinds=services.ATTACHMENT_KINDS, attendance_labels=ATTENDANCE,
        leave_out_kinds=rules.LEAVE_OUT_KINDS,
        settings=queries.settings(k, g.tenant.slug)), status


# -- pages: list, schedule, detail ----------------------------------------------------------
@bp.route("/")
@requires("meetings.view")
def index():
    k = kernel()
    try:
        criteria = MeetingQuerySchema().load({key: v for key, v in request.args.items() if v})
    except ValidationError as exc:
        _flash_validation(exc)
        criteria = MeetingQuerySchema().load({})
    page = queries.list_meetings_page(k, g.tenant.slug, **criteria)
    return render_template("meetings/index.html", page=page, rows=[present(r) for r in page.items],
                           criteria=criteria, types=queries.meeting_types(k, g.tenant.slug),
                           statuses={"scheduled": "已通知", "held": "已召开", "cancelled": "已取消"})


def _schedule_form_data() -> dict:
    data = _form()
    data["agenda"] = [line for line in (data.get("agenda") or "").splitlines() if line.strip()]
    data["counts_as"] = request.form.getlist("counts_as")
    return data


@bp.route("/new", methods=["GET", "POST"])
@requires("meetings.edit")
def new():
    k = kernel()
    values, status = {"type": request.args.get("type", "")}, 200
    if request.method == "POST":
        values = _form()
        try:
            data = MeetingCreateSchema().load(_schedule_form_data())
            meeting = services.schedule_meeting(
                k, g.tenant.slug, data["type"], data["title"], _local(data["starts_at"]), data["place"],
                ends_at=_local(data.get("ends_at")), chair_id=data.get("chair_id"),
                recorder_id=data.get("recorder_id"), agenda=data["agenda"],
                party_group=data.get("party_group"), counts_as=data["counts_as"])
            flash("会议通知已发布，应到人员可在首页看到。"
                  + ("（会议日期早于登记日期，已标记为补录）" if meeting.late else ""), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
        except ValidationError as exc:
            _flash_validation(exc)
            status = 422
        except DomainError as exc:
            flash(exc.message, "danger")
            status = 422
    return render_template("meetings/form.html", values=values,
                           types=queries.meeting_types(k, g.tenant.slug), people=roster.people(k, g.tenant.slug),
                           groups=sorted(roster.party_groups(k, g.tenant.slug))), status


@bp.route("/<uuid:meeting_id>")
@requires("meetings.view")
def detail(meeting_id: UUID):
    return _render_detail(meeting_id)


@bp.route("/<uuid:meeting_id>/correct", methods=["POST"])
@requires("meetings.edit")
def correct(meeting_id: UUID):
    def run():
        form = _form()
        form["agenda"] = [x for x in (form.get("agenda") or "").splitlines() if x.strip()]
        data = MeetingCorrectSchema().load(form)
        version, reason = data.pop("expected_version"), data.pop("reason")
        data = {f: (_local(v) if f.endswith("_at") else v) for f, v in data.items()}
        context.set_reason(reason)
        services.correct_meeting(kernel(), g.tenant.slug, meeting_id, data, expected_version=version)
    return _act(meeting_id, run, "会议信息已更正。")


@bp.route("/<uuid:meeting_id>/cancel", methods=["POST"])
@requires("meetings.edit")
def cancel(meeting_id: UUID):
    def run():
        data = MeetingReasonSchema().load(_form())
        services.cancel_meeting(kernel(), g.tenant.slug, meeting_id, data["reason"],
                                expected_version=data["expected_version"])
    return _act(meeting_id, run, "会议已取消。")


@bp.route("/<uuid:meeting_id>/attendance", methods=["POST"])
@requires("meetings.edit")
def attendance(meeting_id: UUID):
    def run():
        rows = queries.list_attendees(kernel(), g.tenant.slug, meeting_id)
        entries = [{"member_id": str(a.member_id), "status": request.form.get(f"status_{a.member_id}", ""),
                    "reason": request.form.get(f"reason_{a.member_id}", "")} for a in rows
                   if a.status != "left_out"]
        observers = [x for x in (request.form.get("observers") or "").replace("，", ",")
                     .replace("、", ",").split(",") if x.strip()]
        data = MeetingAttendanceSchema().load({"entries": entries, "observers": observers,
                                        "expected_version": request.form.get("expected_version")})
        services.record_attendance(kernel(), g.tenant.slug, meeting_id,
                                   {e["member_id"]: e for e in data["entries"]}, data["observers"],
                                   expected_version=data["expected_version"])
    return _act(meeting_id, run, "出席情况已登记。")


@bp.route("/<uuid:meeting_id>/left-out", methods=["POST"])
@requires("meetings.edit")
def leave_out(meeting_id: UUID):
    def run():
        data = MeetingLeaveOutSchema().load(_form())
        services.leave_out(kernel(), g.tenant.slug, meeting_id, data["member_id"], data["kind"],
                           data["consent"], expected_version=data["expected_version"])
    return _act(meeting_id, run, "已不计入应到会人数。")


@bp.route("/<uuid:meeting_id>/written", methods=["POST"])
@requires("meetings.edit")
def written(meeting_id: UUID):
    def run():
        data = MeetingWrittenOpinionSchema().load(_form())
        services.receive_written_opinion(kernel(), g.tenant.slug, meeting_id, data["member_id"],
                                         data["received_on"], data["opinion"],
                                         expected_version=data["expected_version"])
    return _act(meeting_id, run, "书面意见已登记。")


@bp.route("/<uuid:meeting_id>/votes", methods=["POST"])
@requires("meetings.edit")
def vote(meeting_id: UUID):
    def run():
        data = MeetingVoteSchema().load(_form())
        services.record_vote(kernel(), g.tenant.slug, meeting_id, data["kind"], data["title"],
                             data["yes"], data["no"], data["abstain"], subject=data["subject"],
                             expected_version=data["expected_version"])
    return _act(meeting_id, run, "表决结果已记录。")


@bp.route("/<uuid:meeting_id>/minutes", methods=["POST"])
@requires("meetings.edit")
def minutes(meeting_id: UUID):
    def run():
        data = MeetingMinutesSchema().load(_form())
        version = data.pop("expected_version")
        services.draft_minutes(kernel(), g.tenant.slug, meeting_id, data, expected_version=version)
    return _act(meeting_id, run, "会议记录草稿已保存。")


@bp.route("/<uuid:meeting_id>/finalise", methods=["POST"])
@requires("meetings.finalise")
def finalise(meeting_id: UUID):
    def run():
        data = MeetingVersionSchema().load(_form())
        services.finalise_minutes(kernel(), g.tenant.slug, meeting_id,
                                  expected_version=data["expected_version"])
    return _act(meeting_id, run, "会议记录已定稿并锁定。")


@bp.route("/<uuid:meeting_id>/addendum", methods=["POST"])
@requires("meetings.edit")
def addendum(meeting_id: UUID):
    def run():
        data = MeetingAddendumSchema().load(_form())
        services.add_addendum(kernel(), g.tenant.slug, meeting_id, data["text"], data["reason"],
                              expected_version=data["expected_version"])
    return _act(meeting_id, run, "补充说明已添加。")


@bp.route("/<uuid:meeting_id>/attachments", methods=["POST"])
@requires("meetings.edit")
def upload(meeting_id: UUID):
    def run():
        upload = request.files.get("file")
        services.attach_file(kernel(), g.tenant.slug, meeting_id, upload.read() if upload else b"",
                             upload.filename if upload else "",
                             form_text("kind", "other", label="附件类别", single_line=True))
    return _act(meeting_id, run, "附件已上传。")


@bp.route("/<uuid:meeting_id>/attachments/<sha256>")
@requires("meetings.view")
def download(meeting_id: UUID, sha256: str):
    return _send_attachment(meeting_id, sha256)


def _send_attachment(meeting_id: UUID, sha256: str):
    k = kernel()
    row = queries.get_attachment(k, g.tenant.slug, meeting_id, sha256)
    if row is None:
        abort(404)
    return send_stored(k, sha256, row.name, row.content_type)


@bp.route("/<uuid:meeting_id>/print")
@requires("meetings.view")
def print_minutes(meeting_id: UUID):
    k = kernel()
    row = _meeting(meeting_id)
    history = queries.meeting_history(k, g.tenant.slug, meeting_id)
    return render_template(
        "meetings/print.html", m=present(row),
        attendees=[present_attendee(a) for a in queries.list_attendees(k, g.tenant.slug, meeting_id)],
        resolutions=queries.list_resolutions(k, g.tenant.slug, meeting_id=meeting_id),
        addenda=[h for h in history if h.kind == "addendum"], kinds=rules.RESOLUTION_KINDS,
        minutes_fields=MINUTES_FIELDS)


@bp.route("/<uuid:meeting_id>/attendance.xlsx")
@requires("meetings.view")
def attendance_xlsx(meeting_id: UUID):
    row = _meeting(meeting_id)
    rows = queries.list_attendees(kernel(), g.tenant.slug, meeting_id)
    sheet = [[a.name, "是" if a.vote else "否（预备党员或无表决权）",
              ATTENDANCE.get(a.status, "未登记") if a.status else "未登记", a.reason or "",
              a.written_on or ""] for a in rows]
    sheet += [[name, "否", "列席", "", ""] for name in (row.observers or [])]
    quorate = rules.meeting_quorate(row.body, row.entitled, row.present_voters)
    summary = [["会议", row.title], ["类型", row.type_name], ["时间", row.starts_at], ["地点", row.place],
               ["应到", row.expected_count], ["实到", row.present], ["应到有表决权", row.entitled],
               ["实到有表决权", row.present_voters], ["书面意见", row.written],
               ["达到法定人数", "是" if quorate else "否"]]
    return xlsx_response(f"出席情况-{row.held_on}-{row.title}.xlsx", [
        ("出席情况", ["姓名", "有表决权", "出席", "缺席原因", "书面意见日期"], sheet),
        ("汇总", ["项目", "数值"], summary)])


# -- pages: calendar, compliance, decisions, types, personal feed ---------------------------
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


def _year() -> int:
    try:
        return MeetingYearSchema().load({"year": request.args.get("year")} if request.args.get("year") else {}) \
            .get("year") or kernel().today().year
    except ValidationError:
        abort(404)


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
        flash("落实状态已更新。", "success")
    except ValidationError as exc:
        _flash_validation(exc)
    except (DomainError, ConflictError) as exc:
        flash(exc.message, "danger")
    return redirect(url_for("meetings.decisions"))


@bp.route("/types", methods=["GET", "POST"])
@requires("meetings.view")
def types():
    k = kernel()
    status = 200
    if request.method == "POST":
        if not can(current_user, "meetings.configure", g.tenant.slug):
            abort(403)
        try:
            data = MeetingTypeDefinitionSchema().load(_form())
            services.define_type(k, g.tenant.slug, **data)
            flash("会议类型已保存，自施行日期起生效。", "success")
            return redirect(url_for("meetings.types"))
        except ValidationError as exc:
            _flash_validation(exc)
            status = 422
        except DomainError as exc:
            flash(exc.message, "danger")
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
                flash("已生成新的日历订阅链接；旧链接（如有）已失效。请立即复制，此链接只显示一次。", "success")
            elif action == "revoke":
                services.revoke_feed_token(k, g.tenant.slug, user_id)
                flash("日历订阅链接已停用。", "success")
            else:
                abort(400)
        except DomainError as exc:
            flash(exc.message, "danger")
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
    body = shown.ics(queries.feed_meetings(k, g.tenant.slug, profile), g.tenant.name, request.host)
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": "inline; filename=meetings.ics", "Cache-Control": "private, max-age=300"})


# -- API ------------------------------------------------------------------------------------
def _detail(meeting_id: UUID) -> dict:
    k = kernel()
    data = present(_meeting(meeting_id))
    data["attendees"] = [present_attendee(a) for a in queries.list_attendees(k, g.tenant.slug, meeting_id)]
    data["attachments"] = [dict(a._mapping) for a in queries.list_attachments(k, g.tenant.slug, meeting_id)]
    return data


@api.route("/meetings")
@api.arguments(MeetingQuerySchema, location="query")
@api.response(200, MeetingPageSchema)
@requires("meetings.view")
def api_list(criteria):
    """会议列表（分页；按类型、年度、状态筛选）"""
    page = queries.list_meetings_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [present(r) for r in page.items], "meta": page.meta()}


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

