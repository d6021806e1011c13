"""Development cases already under way before they were entered (补录), several at once: page
(paste or upload, preview, confirm) and API, on the development blueprints: thin."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from marshmallow import Schema, fields, validate

from core.bulk_entry import preview_then_save
from core.excel import xlsx_response
from core.fields import Date, Float, Integer, Text
from core.kernel import kernel
from core.permissions import requires
from plugins.development import late_entries, rules, services
from plugins.development.schemas import DevelopmentPersonSchema
from plugins.development.views import api, bp
from plugins.members.public import list_members


def _people(k, tenant: str) -> dict[str, list[str]]:
    people: dict[str, list[str]] = {}
    for m in list_members(k, tenant):
        people.setdefault(m.name, []).append(str(m.id))
    return people



def _check(k, tenant: str, rows: list) -> None:
    """What the records refuse (one open case per ID number …), added to each row's problems."""
    _, errors, _ = services.check_late_cases(k, tenant, [r.command() for r in rows])
    for r in rows:
        if r.number in errors:
            r.errors.append(errors[r.number])


@bp.route("/late-entries", methods=["GET", "POST"])
@requires("development.edit")
def late_entries_page():
    k, tenant = kernel(), g.tenant.slug
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        preview, text, status, saved = preview_then_save(
            lambda rows: late_entries.read(rows, _people(k, tenant)),
            lambda rows, confirm: services.open_late_cases(k, tenant, [r.command() for r in rows]) if confirm else None,
            check=lambda rows: _check(k, tenant, rows))
        if saved is not None:
            flash(f"已补录 {len(saved)} 份发展党员档案，各步骤均标明办理日期与登记日期。", "success")
            return redirect(url_for("development.index"))
    return render_template("development/late_entries.html", preview=preview, text=text,
                           columns=late_entries.COLUMNS, example=late_entries.EXAMPLE,
                           vote_format=late_entries.VOTE_FORMAT, publicity_kinds=rules.PUBLICITY_KINDS,
                           vote_labels=late_entries.VOTE_COLUMNS,
                           ok=preview is not None and status == 200), status


@bp.route("/late-entries/template.xlsx")
@requires("development.edit")
def late_entries_template():
    """The sheet to fill: every column in order, and the example row (a probationary member)."""
    return xlsx_response("补录发展档案.xlsx", [("发展档案", late_entries.COLUMNS, [late_entries.EXAMPLE.split("\t")])])


class LateStepSchema(Schema):
    step = Integer(required=True, validate=validate.Range(min=1, max=rules.LAST_STEP), metadata={"label": "步骤"})
    happened_on = Date(required=True, metadata={"label": "办理日期（早于或等于今天）"})


class LatePublicitySchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(list(rules.PUBLICITY_KINDS)), metadata={"label": "公示类型"})
    start = Date(required=True, metadata={"label": "公示开始日期"})
    end = Date(load_default=None, metadata={"label": "公示结束日期（空为按规则计算）"})


class LateVoteSchema(Schema):
    """The counts of a past congress vote as minuted (no meeting record to check them against)."""

    entitled = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "应到会有表决权的正式党员"})
    present = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "实到会"})
    written_opinions = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "书面意见"})
    yes = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "赞成"})
    no = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "反对"})
    abstain = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "弃权"})


class LateCaseSchema(DevelopmentPersonSchema):
    """A case already under way: the person, the dates of the steps done (from step 1, in order)
    and the data those steps need."""

    steps = fields.List(fields.Nested(LateStepSchema), required=True,
                        validate=validate.Length(min=1, max=rules.LAST_STEP))
    contacts = fields.List(fields.UUID(), load_default=list, metadata={"label": "培养联系人（第5步）"})
    introducers = fields.List(fields.UUID(), load_default=list, metadata={"label": "入党介绍人（第9步）"})
    training_days = Float(load_default=None, validate=validate.Range(min=0), metadata={"label": "培训天数（第11步）"})
    training_hours = Float(load_default=None, validate=validate.Range(min=0), metadata={"label": "培训学时（第11步）"})
    leaving_on = Date(load_default=None, metadata={"label": "预计离开本单位日期（第13步）"})
    publicity = fields.List(fields.Nested(LatePublicitySchema), load_default=list,
                            metadata={"label": "公示（第8、13、23步之前）"})
    admission_vote = fields.Nested(LateVoteSchema, load_default=None, metadata={"label": "接收预备党员表决（第15步）"})
    conversion_vote = fields.Nested(LateVoteSchema, load_default=None, metadata={"label": "转正表决（第23步）"})
    late_reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "逾期原因"})
    notes = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "备注"})


LATE_FIELDS = ("steps", "contacts", "introducers", "training_days", "training_hours", "leaving_on", "publicity",
               "admission_vote", "conversion_vote", "late_reason", "notes")


class LateCasesSchema(Schema):
    cases = fields.List(fields.Nested(LateCaseSchema), required=True, validate=validate.Length(min=1, max=200))


class LateCaseOutSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    status = fields.String()
    current_step = fields.Integer(metadata={"description": "已办理到的步骤"})
    applied_on = fields.Date(metadata={"description": "申请入党日期（事情发生的日期）"})
    recorded_on = fields.Date(metadata={"description": "登记日期"})
    member_id = fields.UUID(allow_none=True, metadata={"description": "党员名册中的记录（接收为预备党员后）"})
    late = fields.Boolean(metadata={"description": "是否为补录"})


@api.route("/late-entries", methods=["POST"])
@api.arguments(LateCasesSchema)
@api.response(201, LateCaseOutSchema(many=True))
@requires("development.edit")
def late_entries_api(data):
    """补录已在进行中的发展党员档案（多份，全部成功或全部不写入），各步骤标明办理日期与登记日期。"""
    k = kernel()
    rows = []
    for number, c in enumerate(data["cases"], start=1):
        extra = {key: c.pop(key) for key in LATE_FIELDS}
        votes = {step: extra[key] for step, key in ((15, "admission_vote"), (23, "conversion_vote")) if extra[key]}
        rows.append({"number": number, "person": c, "contacts": [str(i) for i in extra["contacts"]],
                     "introducers": [str(i) for i in extra["introducers"]],
                     "training": {"days": extra["training_days"], "hours": extra["training_hours"]},
                     "publicity": {p["kind"]: {"start": p["start"], "end": p["end"]} for p in extra["publicity"]},
                     "leaving_on": extra["leaving_on"], "votes": votes,
                     "dates": {s["step"]: s["happened_on"] for s in extra["steps"]},
                     "late_reason": extra["late_reason"], "notes": extra["notes"]})
    built = services.open_late_cases(k, g.tenant.slug, rows)
    today = k.today()
    return [{"id": c.id, "name": c.person["name"], "status": c.status, "current_step": max(c.steps),
             "applied_on": c.applied_on, "recorded_on": today, "member_id": c.member_id, "late": True} for c in built], 201
