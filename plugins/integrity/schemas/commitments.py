"""Schemas of public commitments (公开承诺): letters, items, progress, the year-end evaluation."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.api import PageMetaSchema
from core.fields import Date, Text, Year, version_field
from plugins.integrity import rules
from plugins.integrity.schemas.base import FormSchema, evidence_field, one_of


class CommitmentCreateSchema(FormSchema):
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    owner_kind = one_of(rules.OWNER_KINDS, "承诺主体", load_default="member")
    member_id = fields.UUID(metadata={"label": "党员"})


class CommitmentItemSchema(FormSchema):
    area = one_of(rules.AREAS, "领域", required=True)
    content = Text(required=True, validate=validate.Length(min=1, max=1000), metadata={"label": "承诺内容"})
    measure = Text(required=True, validate=validate.Length(min=1, max=1000), metadata={"label": "衡量标准"})
    deadline = Date(required=True, metadata={"label": "完成时限"})
    expected_version = version_field(required=True)


class SendBackSchema(FormSchema):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "退回理由"})
    expected_version = version_field(required=True)


class VersionSchema(FormSchema):
    expected_version = version_field(required=True)


class ProgressSchema(FormSchema):
    on = Date(required=True, metadata={"label": "进展日期"})
    text = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "进展情况"})
    evidence = evidence_field()
    expected_version = version_field(required=True)


class ItemConcludeSchema(FormSchema):
    outcome = one_of(rules.OUTCOMES, "兑现情况", required=True)
    cause = Text(validate=validate.Length(max=500), metadata={"label": "未兑现原因"})
    expected_version = version_field(required=True)


class EvaluateSchema(FormSchema):
    self_score = fields.Decimal(validate=validate.Range(min=0, max=100), as_string=True,
                                metadata={"label": "个人自评分"})
    member_scores = fields.List(fields.Decimal(validate=validate.Range(min=0, max=100), as_string=True),
                                load_default=list, metadata={"label": "党员互评分"})
    public_scores = fields.List(fields.Decimal(validate=validate.Range(min=0, max=100), as_string=True),
                                load_default=list, metadata={"label": "群众评议分"})
    expected_version = version_field(required=True)


class CommitmentItemOutSchema(Schema):
    item_id = fields.String()
    area = fields.String()
    content = fields.String()
    measure = fields.String()
    deadline = fields.Date()
    status = fields.String()
    return_reason = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    cause = fields.String(allow_none=True)
    missed_without_cause = fields.Boolean()
    progress_count = fields.Integer()
    after_deadline_count = fields.Integer()


class ProgressOutSchema(Schema):
    item_id = fields.String()
    on = fields.Date()
    text = fields.String()
    evidence = fields.List(fields.Dict())
    after_deadline = fields.Boolean()
    late = fields.Boolean()


class CommitmentOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    year = fields.Integer()
    owner_kind = fields.String()
    member_id = fields.UUID(allow_none=True)
    owner_name = fields.String()
    status = fields.String()
    items_total = fields.Integer()
    items_accepted = fields.Integer()
    missed_without_cause = fields.Integer()
    total = fields.String(allow_none=True)
    rating = fields.String(allow_none=True)
    evaluation = fields.Dict(allow_none=True)
    published_on = fields.Date(allow_none=True)
    items = fields.List(fields.Nested(CommitmentItemOutSchema))
    progress = fields.List(fields.Nested(ProgressOutSchema))


class CommitmentSummarySchema(CommitmentOutSchema):
    class Meta:
        exclude = ("items", "progress")


class CommitmentPageSchema(Schema):
    items = fields.List(fields.Nested(CommitmentSummarySchema))
    meta = fields.Nested(PageMetaSchema)
