"""marshmallow schemas of 三会一课, shared by the API and the page forms; the settings schema.
Heart-to-heart talks' schemas are in ``schemas.talks``, late entries' (pasted rows and the API) in
``schemas.late_entries``."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_load, validate

from core.api import PageMetaSchema, StoredFileOutSchema
from core.errors import N_
from core.fields import Date, DateTime, Instant, Integer, Text, Year, without_blanks
from plugins.meetings import rules
from plugins.meetings.domain import ATTENDANCE


class _Blankless(Schema):
    @pre_load
    def _drop_blanks(self, data, **_):
        return without_blanks(data)


class MeetingsSettings(Schema):
    """Per-school settings (local rules; DOMAIN.md marks them local or unconfirmed)."""

    late_grace_days = Integer(load_default=7, validate=validate.Range(min=0, max=365),
                              metadata={"label": "补录判定：会后超过几天登记视为补录（天）"})
    committee_majority_basis = Text(
        load_default="entitled", validate=validate.OneOf(["entitled", "present"]),
        metadata={"label": "支委会一般事项通过基数",
                  "choices": {"entitled": "应到委员过半数", "present": "实到委员过半数"}})
    max_upload_mb = Integer(load_default=10, validate=validate.Range(min=1, max=100),
                            metadata={"label": "附件大小上限（MB）"})
    allowed_types = Text(load_default=".pdf,.jpg,.jpeg,.png,.docx,.pptx,.xlsx",
                         metadata={"label": "允许的附件类型（扩展名，逗号分隔）"})
    # A member who came on this roll during the year (转入, 入党) is expected to have had a heart-to-
    # heart talk by the year's end only if counted for at least this many whole months of it
    # (``rules.talks.expected_by_year_end``); 12: only members counted for the whole year.
    talk_min_months = Integer(load_default=6, validate=validate.Range(min=1, max=12),
                              metadata={"label": "谈心谈话：年内到本支部的党员，在本支部满几个月方要求当年谈话（月）"})


class MeetingCreateSchema(_Blankless):
    type = Text(required=True, metadata={"label": "会议类型"})
    title = Text(required=True, validate=validate.Length(min=1, max=200),
                 metadata={"label": "会议名称"})
    starts_at = DateTime(required=True, format="iso", metadata={"label": "开始时间"})
    ends_at = DateTime(format="iso", metadata={"label": "结束时间"})
    place = Text(required=True, validate=validate.Length(min=1, max=200),
                 metadata={"label": "地点"})
    chair_id = fields.UUID(metadata={"label": "主持人"})
    recorder_id = fields.UUID(metadata={"label": "记录人"})
    agenda = fields.List(Text(validate=validate.Length(max=300)), load_default=list,
                         metadata={"label": "议程"})
    party_group = Text(validate=validate.Length(max=60), metadata={"label": "党小组"})
    counts_as = fields.List(Text(), load_default=list, metadata={"label": "同时计为"})


class MeetingCorrectSchema(_Blankless):
    title = Text(validate=validate.Length(min=1, max=200))
    starts_at = DateTime(format="iso")
    ends_at = DateTime(format="iso")
    place = Text(validate=validate.Length(min=1, max=200))
    agenda = fields.List(Text(validate=validate.Length(max=300)))
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class MeetingReasonSchema(Schema):
    reason = Text(required=True, validate=validate.Length(min=1, max=500),
                  metadata={"label": "原因"})
    expected_version = Integer(required=True)


class MeetingAttendanceEntrySchema(Schema):
    member_id = fields.UUID(required=True)
    status = Text(required=True, validate=validate.OneOf(["present", "absent"]))
    reason = Text(load_default="", validate=validate.Length(max=500))


class MeetingAttendanceSchema(Schema):
    entries = fields.List(fields.Nested(MeetingAttendanceEntrySchema), required=True)
    observers = fields.List(Text(validate=validate.Length(min=1, max=60)), load_default=list)
    expected_version = Integer(required=True)


class MeetingWrittenOpinionSchema(Schema):
    member_id = fields.UUID(required=True)
    received_on = Date(required=True)
    opinion = Text(required=True, validate=validate.Length(min=1, max=2000))
    expected_version = Integer(load_default=None)


class MeetingLeaveOutSchema(Schema):
    """Leave a full member out of a branch congress's "should attend" count (one of five kinds)."""
    member_id = fields.UUID(required=True)
    kind = Text(required=True, validate=validate.OneOf(list(rules.LEAVE_OUT_KINDS)),
                metadata={"label": "情形"})
    consent = Text(required=True, validate=validate.Length(min=1, max=300),
                   metadata={"label": "上级党组织同意的依据"})
    expected_version = Integer(load_default=None)


class MeetingVoteSchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(list(rules.RESOLUTION_KINDS)))
    title = Text(required=True, validate=validate.Length(min=1, max=300))
    subject = Text(load_default="", validate=validate.Length(max=300))
    yes = Integer(required=True, validate=validate.Range(min=0))
    no = Integer(required=True, validate=validate.Range(min=0))
    abstain = Integer(load_default=0, validate=validate.Range(min=0))
    expected_version = Integer(load_default=None)


class MeetingFollowUpSchema(Schema):
    status = Text(required=True, validate=validate.OneOf(list(rules.FOLLOW_UP)))
    note = Text(load_default="", validate=validate.Length(max=1000))
    expected_version = Integer(load_default=None)


class MeetingMinutesSchema(Schema):
    summary = Text(required=True, validate=validate.Length(min=1, max=20000))
    speeches = Text(load_default="", validate=validate.Length(max=50000))
    dissent = Text(load_default="", validate=validate.Length(max=20000))
    decisions = Text(load_default="", validate=validate.Length(max=20000))
    expected_version = Integer(required=True)


class MeetingVersionSchema(Schema):
    expected_version = Integer(required=True)


class MeetingAddendumSchema(Schema):
    text = Text(required=True, validate=validate.Length(min=1, max=20000))
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(load_default=None)


class MeetingTypeDefinitionSchema(Schema):
    code = Text(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]{1,29}$",
                error=N_("类型代码应为 2–30 位小写字母、数字或下划线，以字母开头")))
    name = Text(required=True, validate=validate.Length(min=1, max=60))
    frequency = Text(required=True, validate=validate.OneOf([*rules.FREQUENCIES, "none"]))
    body = Text(required=True, validate=validate.OneOf(list(rules.BODIES)))
    effective_from = Date(required=True)


class MeetingQuerySchema(Schema):
    type = Text()
    year = Year(validate=validate.Range(min=2000, max=2100))
    status = Text(validate=validate.OneOf(["scheduled", "held", "cancelled"]))
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class MeetingYearSchema(Schema):
    year = Year(validate=validate.Range(min=2000, max=2100))


# -- output ----------------------------------------------------------------------------------
class MeetingAttendeeOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    vote = fields.Boolean()
    status = fields.String(allow_none=True)
    status_label = fields.String()
    reason = fields.String(allow_none=True)
    written_on = fields.Date(allow_none=True)


class MeetingOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    type_code = fields.String()
    type_name = fields.String()
    title = fields.String()
    starts_at = Instant(naive_is_local=True)
    ends_at = Instant(naive_is_local=True, allow_none=True)
    place = fields.String(allow_none=True)
    chair = fields.String(allow_none=True)
    recorder = fields.String(allow_none=True)
    agenda = fields.List(fields.String())
    party_group = fields.String(allow_none=True)
    status = fields.String()
    cancel_reason = fields.String(allow_none=True)
    late = fields.Boolean()
    recorded_on = fields.Date()
    attendance_late = fields.Boolean()
    expected_count = fields.Integer()
    entitled = fields.Integer()
    present = fields.Integer()
    present_voters = fields.Integer()
    written = fields.Integer()
    quorate = fields.Boolean()
    observers = fields.List(fields.String())
    minutes_status = fields.String()


class MeetingAttachmentOutSchema(StoredFileOutSchema):
    kind = fields.String()


class MeetingAttachmentQuerySchema(Schema):
    kind = Text(load_default="other", validate=validate.OneOf(["sign_in", "photo", "slides", "other"]),
                metadata={"description": "签到表 sign_in、照片 photo、课件/讲稿 slides、其他 other"})


class MeetingDetailOutSchema(MeetingOutSchema):
    attendees = fields.List(fields.Nested(MeetingAttendeeOutSchema))
    attachments = fields.List(fields.Nested(MeetingAttachmentOutSchema))


class MeetingPageSchema(Schema):
    items = fields.List(fields.Nested(MeetingOutSchema))
    meta = fields.Nested(PageMetaSchema)


class MeetingResolutionOutSchema(Schema):
    id = fields.UUID()
    meeting_id = fields.UUID()
    decided_on = fields.Date()
    kind = fields.String()
    title = fields.String()
    subject = fields.String(allow_none=True)
    entitled = fields.Integer()
    present = fields.Integer()
    written = fields.Integer()
    yes = fields.Integer()
    no = fields.Integer()
    abstain = fields.Integer()
    passed = fields.Boolean()
    follow_up = fields.String()
    follow_up_note = fields.String(allow_none=True)


class MeetingMinutesOutSchema(Schema):
    meeting_id = fields.UUID()
    version = fields.Integer()
    status = fields.String()
    content = fields.Dict(allow_none=True)
    history = fields.List(fields.Dict())


class MeetingPeriodOutSchema(Schema):
    key = fields.String()
    label = fields.String()
    held = fields.Integer()
    due = fields.Boolean()
    missing = fields.Boolean()


class MeetingTypeComplianceOutSchema(Schema):
    code = fields.String()
    name = fields.String()
    frequency = fields.String()
    required = fields.Integer()
    held = fields.Integer()
    missing = fields.List(fields.String())
    periods = fields.List(fields.Nested(MeetingPeriodOutSchema))


class MeetingComplianceOutSchema(Schema):
    year = fields.Integer()
    ratio = fields.Float()
    types = fields.List(fields.Nested(MeetingTypeComplianceOutSchema))


class MeetingTypeOutSchema(Schema):
    code = fields.String()
    name = fields.String()
    frequency = fields.String()
    body = fields.String()
    effective_from = fields.Date()
    builtin = fields.Boolean()


ATTENDANCE_LABELS = ATTENDANCE
