"""Pages of one meeting: list, schedule, detail and its commands, print, attendance sheet."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core import context
from core.commands import note_domain_error, page_command
from core.errors import N_, DomainError
from core.excel import xlsx_response
from core.forms import form_text
from core.kernel import kernel
from core.messages import message_of
from core.permissions import requires
from core.record_links import record_links
from plugins.meetings import present, queries, rules, services
from plugins.meetings.domain import ATTENDANCE, MINUTES_FIELDS
from plugins.meetings.queries import roster
from plugins.meetings.schemas import (
    MeetingAddendumSchema, MeetingAttendanceSchema, MeetingCorrectSchema, MeetingCreateSchema, MeetingLeaveOutSchema,
    MeetingMinutesSchema, MeetingQuerySchema, MeetingReasonSchema, MeetingVersionSchema, MeetingVoteSchema,
    MeetingWrittenOpinionSchema,
)
from plugins.meetings.web import bp
from plugins.meetings.web.common import LABELS, _flash_validation, _form, _local, _meeting, _send_attachment


def _act(meeting_id: UUID, action, success: str):
    """Run a page command: success → back to the meeting; refusal → the meeting page with 422/409."""
    _meeting(meeting_id)

    def run() -> str:
        action()
        return url_for("meetings.detail", meeting_id=meeting_id)
    return page_command(run, lambda status: _render_detail(meeting_id, status), success=success, labels=LABELS)


def _render_detail(meeting_id: UUID, status: int = 200):
    k = kernel()
    row = _meeting(meeting_id)
    attendees = [present.attendee(a) for a in queries.list_attendees(k, g.tenant.slug, meeting_id)]
    return render_template(
        "meetings/detail.html", m=present.meeting(row), attendees=attendees,
        member_names={str(a["member_id"]): a["name"] for a in attendees},
        resolutions=queries.list_resolutions(k, g.tenant.slug, meeting_id=meeting_id),
        history=queries.meeting_history(k, g.tenant.slug, meeting_id),
        attachments=queries.list_attachments(k, g.tenant.slug, meeting_id),
        kinds=rules.RESOLUTION_KINDS, follow_up=rules.FOLLOW_UP, minutes_fields=MINUTES_FIELDS,
        attachment_kinds=services.ATTACHMENT_KINDS, attendance_labels=ATTENDANCE,
        leave_out_kinds=rules.LEAVE_OUT_KINDS,
        related=record_links(k, g.tenant.slug, "meetings.meeting", meeting_id),
        settings=queries.settings(k, g.tenant.slug)), status


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
    return render_template("meetings/index.html", page=page, rows=[present.meeting(r) for r in page.items],
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
            flash(gettext("会议通知已发布，应到人员可在首页看到。")
                  + (gettext("（会议日期早于登记日期，已标记为补录）") if meeting.late else ""), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
        except ValidationError as exc:
            _flash_validation(exc)
            status = 422
        except DomainError as exc:
            note_domain_error(exc)
            flash(message_of(exc), "danger")
            status = 422
    types = queries.meeting_types(k, g.tenant.slug)
    day = _day_of(values.get("starts_at")) or k.today()
    return render_template("meetings/form.html", values=values, types=types, people=roster.people(k, g.tenant.slug),
                           presiders=roster.presiders(k, g.tenant.slug, types, day, values.get("party_group") or None),
                           chosen_type=values.get("type") if values.get("type") in types else next(iter(types), ""),
                           groups=sorted(roster.party_groups(k, g.tenant.slug))), status


def _day_of(starts_at: str | None):
    """The day of a typed start time ("2026-12-10T15:00"), or None when it is not one."""
    try:
        return datetime.fromisoformat(starts_at).date() if starts_at else None
    except ValueError:
        return None


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
    return _act(meeting_id, run, N_("会议信息已更正。"))


@bp.route("/<uuid:meeting_id>/cancel", methods=["POST"])
@requires("meetings.edit")
def cancel(meeting_id: UUID):
    def run():
        data = MeetingReasonSchema().load(_form())
        services.cancel_meeting(kernel(), g.tenant.slug, meeting_id, data["reason"],
                                expected_version=data["expected_version"])
    return _act(meeting_id, run, N_("会议已取消。"))


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
    return _act(meeting_id, run, N_("出席情况已登记。"))


@bp.route("/<uuid:meeting_id>/left-out", methods=["POST"])
@requires("meetings.edit")
def leave_out(meeting_id: UUID):
    def run():
        data = MeetingLeaveOutSchema().load(_form())
        services.leave_out(kernel(), g.tenant.slug, meeting_id, data["member_id"], data["kind"],
                           data["consent"], expected_version=data["expected_version"])
    return _act(meeting_id, run, N_("已不计入应到会人数。"))


@bp.route("/<uuid:meeting_id>/written", methods=["POST"])
@requires("meetings.edit")
def written(meeting_id: UUID):
    def run():
        data = MeetingWrittenOpinionSchema().load(_form())
        services.receive_written_opinion(kernel(), g.tenant.slug, meeting_id, data["member_id"],
                                         data["received_on"], data["opinion"],
                                         expected_version=data["expected_version"])
    return _act(meeting_id, run, N_("书面意见已登记。"))


@bp.route("/<uuid:meeting_id>/votes", methods=["POST"])
@requires("meetings.edit")
def vote(meeting_id: UUID):
    def run():
        data = MeetingVoteSchema().load(_form())
        services.record_vote(kernel(), g.tenant.slug, meeting_id, data["kind"], data["title"],
                             data["yes"], data["no"], data["abstain"], subject=data["subject"],
                             expected_version=data["expected_version"])
    return _act(meeting_id, run, N_("表决结果已记录。"))


@bp.route("/<uuid:meeting_id>/minutes", methods=["POST"])
@requires("meetings.edit")
def minutes(meeting_id: UUID):
    def run():
        data = MeetingMinutesSchema().load(_form())
        version = data.pop("expected_version")
        services.draft_minutes(kernel(), g.tenant.slug, meeting_id, data, expected_version=version)
    return _act(meeting_id, run, N_("会议记录草稿已保存。"))


@bp.route("/<uuid:meeting_id>/finalise", methods=["POST"])
@requires("meetings.finalise")
def finalise(meeting_id: UUID):
    def run():
        data = MeetingVersionSchema().load(_form())
        services.finalise_minutes(kernel(), g.tenant.slug, meeting_id,
                                  expected_version=data["expected_version"])
    return _act(meeting_id, run, N_("会议记录已定稿并锁定。"))


@bp.route("/<uuid:meeting_id>/addendum", methods=["POST"])
@requires("meetings.edit")
def addendum(meeting_id: UUID):
    def run():
        data = MeetingAddendumSchema().load(_form())
        services.add_addendum(kernel(), g.tenant.slug, meeting_id, data["text"], data["reason"],
                              expected_version=data["expected_version"])
    return _act(meeting_id, run, N_("补充说明已添加。"))


@bp.route("/<uuid:meeting_id>/attachments", methods=["POST"])
@requires("meetings.edit")
def upload(meeting_id: UUID):
    def run():
        upload = request.files.get("file")
        services.attach_file(kernel(), g.tenant.slug, meeting_id, upload.read() if upload else b"",
                             upload.filename if upload else "",
                             form_text("kind", "other", label="附件类别", single_line=True))
    return _act(meeting_id, run, N_("附件已上传。"))


@bp.route("/<uuid:meeting_id>/attachments/<sha256>")
@requires("meetings.view")
def download(meeting_id: UUID, sha256: str):
    return _send_attachment(meeting_id, sha256)


@bp.route("/<uuid:meeting_id>/print")
@requires("meetings.view")
def print_minutes(meeting_id: UUID):
    k = kernel()
    row = _meeting(meeting_id)
    history = queries.meeting_history(k, g.tenant.slug, meeting_id)
    return render_template(
        "meetings/print.html", m=present.meeting(row),
        attendees=[present.attendee(a) for a in queries.list_attendees(k, g.tenant.slug, meeting_id)],
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
