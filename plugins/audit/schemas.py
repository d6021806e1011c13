"""marshmallow schemas of district oversight, shared by the API and the page forms."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from core.api import PageMetaSchema
from core.clock import LOCAL_TZ
from core.errors import N_
from core.fields import Date, Instant, Integer, Month, Text, without_blanks


class LocalDateTime(fields.DateTime):
    """A moment; without a zone it is Beijing time (what a datetime-local input sends)."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        return moment.replace(tzinfo=LOCAL_TZ) if moment.tzinfo is None else moment


class AuditSettingsSchema(Schema):
    """District-wide settings (app config ``ZHIBU_AUDIT_SETTINGS``); local practice, not national rules."""

    default_deadline_days = Integer(load_default=30, validate=validate.Range(min=1, max=365),
                                    metadata={"label": "默认整改期限（天）"})
    backdate_margin_minutes = Integer(load_default=10, validate=validate.Range(min=0, max=1440),
                                      metadata={"label": "封存后插入事件的时间容差（分钟）"})
    export_row_limit = Integer(load_default=100_000, validate=validate.Range(min=1),
                               metadata={"label": "单次导出的最多条数"})


class _Blankless(Schema):
    @pre_load
    def _drop_blanks(self, data, **_):
        return without_blanks(data)


class RevealSchema(_Blankless):
    """Asking for full ID numbers and phones: only with the reveal permission, and with a reason."""

    reveal = fields.Boolean(load_default=False, metadata={
        "label": "显示完整信息",
        "description": "显示完整的身份证号与手机号（须有权限并填写原因；将记入查阅记录）"})
    reason = Text(validate=validate.Length(min=1, max=500),
                  metadata={"label": "原因", "description": "显示完整信息的原因（reveal=true 时必填）"})

    @validates_schema
    def _reason_given(self, data, **_):
        if data.get("reveal") and not (data.get("reason") or "").strip():
            raise ValidationError(N_("显示完整信息须填写原因"), field_name="reason")


class HistoryQuerySchema(RevealSchema):
    school = Text(metadata={"label": "学校"})
    month = Month(error=N_("月份格式应为 2026-05"), metadata={"label": "月份"})
    since = Date(metadata={"label": "起始日期"})
    until = Date(metadata={"label": "截止日期（含）"})
    actor = Text(validate=validate.Length(max=80), metadata={"label": "操作人"})
    event_type = Text(validate=validate.Length(max=120), metadata={
        "label": "事件类型", "description": "事件类型代码（如 dues.account.paid）或类型名（DuesAccount.Paid）"})
    record = fields.UUID(metadata={"label": "记录编号"})
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class ExportQuerySchema(HistoryQuerySchema):
    format = Text(load_default="csv", validate=validate.OneOf(["csv", "jsonl", "xlsx"]),
                  metadata={"label": "格式"})


class ChangeSchema(Schema):
    field = Text()
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)


class EventOutSchema(Schema):
    tenant = fields.String()
    notification_id = fields.Integer()
    record = fields.String()
    record_name = fields.String(metadata={"description": "what the record's first event calls it"})
    version = fields.Integer()
    event_type = fields.String()
    code = fields.String(metadata={"description": "the event type's code (dues.account.paid)"})
    event_name = fields.String(metadata={"description": "the event type's Chinese name (党费·交纳)"})
    actor = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    timestamp = fields.String()
    description = fields.String()
    changes = fields.List(fields.Nested(ChangeSchema))
    payload = fields.Dict()


class HistoryPageSchema(Schema):
    items = fields.List(fields.Nested(EventOutSchema))
    meta = fields.Nested(PageMetaSchema)


class AsOfQuerySchema(RevealSchema):
    at = LocalDateTime(metadata={"label": "时刻"})
    compare = LocalDateTime(metadata={"label": "对比时刻"})
    axis = fields.String(load_default="recorded", validate=validate.OneOf(("recorded", "world")),
                         metadata={"label": "回溯方式"})
    on = Date(metadata={"label": "日期"})


class RecordOutSchema(Schema):
    tenant = fields.String()
    record = fields.String()
    kind = fields.String()
    history = fields.List(fields.Nested(EventOutSchema))
    as_of = fields.Dict(allow_none=True)
    comparison = fields.Dict(allow_none=True)


class EventLinkSchema(Schema):
    id = fields.UUID(required=True, metadata={"label": "记录编号"})
    version = Integer(required=True, validate=validate.Range(min=1), metadata={"label": "版本"})


class FindingCreateSchema(_Blankless):
    school = Text(required=True, metadata={"label": "学校"})
    title = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "问题"})
    description = Text(required=True, validate=validate.Length(min=1, max=5000),
                       metadata={"label": "问题描述"})
    events = fields.List(fields.Nested(EventLinkSchema), load_default=list, metadata={"label": "关联事件"})
    deadline = Date(metadata={"label": "整改期限"})


class FindingAnswerSchema(Schema):
    notes = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "整改情况"})
    expected_version = Integer(required=True)


class FindingCloseSchema(Schema):
    note = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "销号意见"})
    expected_version = Integer(required=True)


class FindingReopenSchema(Schema):
    reason = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "退回原因"})
    expected_version = Integer(required=True)


class FindingExtendSchema(Schema):
    deadline = Date(required=True, metadata={"label": "新的整改期限"})
    reason = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "原因"})
    expected_version = Integer(required=True)


class FindingQuerySchema(_Blankless):
    school = Text()
    state = Text(validate=validate.OneOf(["open", "overdue", "answered", "closed"]))
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class FindingPageQuerySchema(FindingQuerySchema):
    """The findings page, opened from an event (据此记录督查发现): the record and version to cite."""
    record = fields.UUID(metadata={"label": "记录"})
    version = Integer(validate=validate.Range(min=1), metadata={"label": "版本"})


class FindingOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    school = fields.String()
    title = fields.String()
    description = fields.String()
    events = fields.List(fields.Dict())
    deadline = fields.Date()
    status = fields.String()
    state = fields.String()
    inspector = fields.String(allow_none=True)
    answers = fields.List(fields.Dict())
    closing_note = fields.String(allow_none=True)


class FindingPageSchema(Schema):
    items = fields.List(fields.Nested(FindingOutSchema))
    meta = fields.Nested(PageMetaSchema)


class AssignmentCreateSchema(_Blankless):
    inspector = Text(required=True, validate=validate.Length(min=2, max=80), metadata={"label": "督查员"})
    schools = fields.List(Text(), required=True, validate=validate.Length(min=1),
                          metadata={"label": "学校"})
    starts_on = Date(required=True, metadata={"label": "开始日期"})
    ends_on = Date(required=True, metadata={"label": "结束日期"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "说明"})

    @validates_schema
    def _range(self, data, **_):
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError(N_("结束日期不能早于开始日期"), field_name="ends_on")


class AssignmentOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    inspector = fields.String()
    schools = fields.List(fields.String())
    starts_on = fields.Date()
    ends_on = fields.Date()
    note = fields.String(allow_none=True)
    revoked = fields.Boolean()


class RevokeSchema(Schema):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "原因"})
    expected_version = Integer(required=True)


class VerifyRequestSchema(_Blankless):
    tenant = Text(metadata={"label": "学校（不填则全部）"})


class VerificationOutSchema(Schema):
    log = fields.String()
    ok = fields.Boolean()
    checked = fields.Integer()
    sealed_through = fields.Integer()
    pending = fields.Integer()
    first_bad_id = fields.Integer(allow_none=True)
    problem = fields.String(allow_none=True)
    seal_id = fields.Integer(allow_none=True)
    sealed_at = Instant(allow_none=True)


class SealStatusSchema(Schema):
    log = Text()
    state = Text()
    sealed_at = Instant(allow_none=True)
    through = Integer()
    verified_at = Instant(allow_none=True)
    problem = Text(allow_none=True)
    first_bad_id = Integer(allow_none=True)


class AccessOutSchema(Schema):
    id = fields.UUID()
    kind = fields.String()
    actor = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    schools = fields.List(fields.String())
    subject = fields.String()
    details = fields.Dict()
    at = Instant()


class AssignmentPageSchema(Schema):
    items = fields.List(fields.Nested(AssignmentOutSchema))
    meta = fields.Nested(PageMetaSchema)


class AccessPageSchema(Schema):
    items = fields.List(fields.Nested(AccessOutSchema))
    meta = fields.Nested(PageMetaSchema)
