"""Settings, inputs and outputs of notices (marshmallow); page forms and the API share the inputs."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Instant, Integer, Line, without_blanks
from plugins.notices import rules


class NoticesSettingsSchema(Schema):
    reminders = fields.Boolean(load_default=True, metadata={
        "label": "每日到期提醒", "description": "每天把首页上的逾期与临期事项作为通知发给书记"})


class _Input(Schema):
    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, drop=("csrf_token", "_form"))


class MarkReadSchema(_Input):
    notices = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1, max=500),
                          metadata={"label": "通知", "description": "标为已读的通知"})


class DeliverySchema(_Input):
    email = Line(load_default="", validate=validate.Length(max=200), metadata={"label": "电子邮箱"})
    delivery = Line(required=True, validate=validate.OneOf(list(rules.DELIVERY)),
                    metadata={"label": "通知方式", "choices": rules.DELIVERY})
    expected_version = Integer(load_default=None, allow_none=True,
                               metadata={"label": "版本", "description": "乐观并发：读取到的版本"})


class InboxArgsSchema(Schema):
    page = Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = Integer(load_default=20, validate=validate.Range(min=1, max=100))
    unread = fields.Boolean(load_default=False)


class NoticeOutSchema(Schema):
    id = fields.UUID()
    kind = fields.String()
    title = fields.String()
    body = fields.String()
    link = fields.String(allow_none=True)
    sender = fields.String(allow_none=True)
    created = Instant()
    read_at = Instant(allow_none=True)


class InboxOutSchema(Schema):
    items = fields.List(fields.Nested(NoticeOutSchema))
    unread = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class MarkedOutSchema(Schema):
    marked = fields.Integer(metadata={"description": "这次新标为已读的条数"})
    unread = fields.Integer()


class DeliveryOutSchema(Schema):
    email = fields.String()
    delivery = fields.String()
    version = fields.Integer(allow_none=True)


class NoticeReceiptOutSchema(Schema):
    name = fields.String()
    username = fields.String(allow_none=True)
    read_at = Instant(allow_none=True)


class NoticeReceiptsOutSchema(Schema):
    notice = fields.Nested(NoticeOutSchema)
    recipients = fields.Integer()
    read = fields.Integer()
    receipts = fields.List(fields.Nested(NoticeReceiptOutSchema))
