"""marshmallow schemas of organisational life, shared by the API and the page forms: inputs (labels in
field metadata) and outputs."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Base64, Date, InputSchema, Integer, Line, Text, version_field
from plugins.members.public import POSTS


class LifeStatementSchema(InputSchema):
    work = Text(load_default="", validate=validate.Length(max=20000), metadata={"label": "工作情况"})
    criticism = Text(load_default="", validate=validate.Length(max=20000), metadata={"label": "批评和自我批评"})
    measures = Text(load_default="", validate=validate.Length(max=20000), metadata={"label": "整改措施"})
    expected_version = version_field()


class LifeVersionSchema(InputSchema):
    expected_version = version_field()


class TalkLinkSchema(InputSchema):
    talk_id = fields.UUID(required=True, metadata={"label": "谈心谈话"})
    summary = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "谈话要点"})
    expected_version = version_field()


class CriticismSchema(InputSchema):
    from_member_id = fields.UUID(required=True, metadata={"label": "提出批评的党员"})
    to_member_id = fields.UUID(required=True, metadata={"label": "被批评的党员"})
    text = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "批评意见"})
    expected_version = version_field()


class RectificationSchema(InputSchema):
    item = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "整改事项"})
    owner = Line(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "责任人"})
    deadline = Date(required=True, metadata={"label": "整改期限"})


class RectificationProgressSchema(InputSchema):
    text = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "整改进展"})
    expected_version = version_field(required=True)


class ClosingFileSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"description": "文件内容（base64）", "type": "string", "format": "byte"})


class RectificationCloseSchema(InputSchema):
    evidence_text = Text(load_default="", validate=validate.Length(max=5000), metadata={"label": "整改佐证说明"})
    evidence = fields.List(fields.Nested(ClosingFileSchema), load_default=list, validate=validate.Length(max=10),
                           metadata={"label": "佐证材料", "description": "API：文件名与 base64 内容；页面以表单上传"})
    expected_version = version_field(required=True)


class CandidateSchema(Schema):
    member_id = fields.UUID(required=True, metadata={"label": "候选人"})
    votes = Integer(required=True, validate=validate.Range(min=0, max=100000), metadata={"label": "得票数"})


class CommitteeElectionSchema(InputSchema):
    meeting_id = fields.UUID(required=True, metadata={"label": "支部党员大会"})
    seats = Integer(required=True, validate=validate.Range(min=1, max=15), metadata={"label": "应选委员人数"})
    candidates = fields.List(fields.Nested(CandidateSchema), required=True, validate=validate.Length(min=1, max=30),
                             metadata={"label": "候选人及得票"})


class CommitteePostSchema(Schema):
    member_id = fields.UUID(required=True, metadata={"label": "当选委员"})
    post = Line(required=True, validate=validate.OneOf(list(POSTS)), metadata={"label": "职务", "choices": POSTS})


class TakeOfficeSchema(InputSchema):
    term_start = Date(required=True, metadata={"label": "任期开始"})
    term_end = Date(load_default=None, allow_none=True, metadata={"label": "任期届满（默认按任期年限）"})
    posts = fields.List(fields.Nested(CommitteePostSchema), required=True, validate=validate.Length(min=1, max=15),
                        metadata={"label": "委员分工"})
    expected_version = version_field(required=True)


# -- outputs -------------------------------------------------------------------------------------
class SectionsOutSchema(Schema):
    work = fields.String()
    criticism = fields.String()
    measures = fields.String()


class LifeStatementOutSchema(Schema):
    id = fields.UUID()
    meeting_id = fields.String()
    member_id = fields.String()
    author = fields.String()
    sections = fields.Nested(SectionsOutSchema)
    status = fields.String(metadata={"description": "draft 草稿, submitted 已提交"})
    submitted_on = fields.Date(allow_none=True)
    version = fields.Integer()


class LinkedTalkOutSchema(Schema):
    talk_id = fields.String()
    held_on = fields.String()
    first_name = fields.String()
    second_name = fields.String()
    summary = fields.String()


class CriticismOutSchema(Schema):
    number = fields.Integer()
    from_id = fields.String()
    from_name = fields.String()
    to_id = fields.String()
    to_name = fields.String()
    text = fields.String()


class ClosingFileOutSchema(Schema):
    sha256 = fields.String()
    name = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class EvidenceOutSchema(Schema):
    text = fields.String()
    files = fields.List(fields.Nested(ClosingFileOutSchema))


class RectificationProgressOutSchema(Schema):
    on = fields.String()
    text = fields.String()


class RectificationOutSchema(Schema):
    id = fields.UUID()
    meeting_id = fields.String()
    meeting_title = fields.String()
    item = fields.String()
    owner = fields.String()
    deadline = fields.Date()
    status = fields.String(metadata={"description": "open 未开始, in_progress 整改中, closed 已销号"})
    overdue = fields.Boolean()
    progress = fields.List(fields.Nested(RectificationProgressOutSchema))
    closed_on = fields.Date(allow_none=True)
    evidence = fields.Nested(EvidenceOutSchema, allow_none=True)
    late = fields.Boolean()
    version = fields.Integer()


class LifeMeetingOutSchema(Schema):
    id = fields.UUID()
    type = fields.String()
    type_name = fields.String()
    title = fields.String()
    held_on = fields.Date(allow_none=True)
    status = fields.String()
    record_version = fields.Integer(allow_none=True, metadata={"description": "谈话与批评记录的版本"})
    talks = fields.List(fields.Nested(LinkedTalkOutSchema))
    criticisms = fields.List(fields.Nested(CriticismOutSchema),
                             metadata={"description": "支委可见全部；其他党员只见与本人有关的"})
    statements = fields.List(fields.Nested(LifeStatementOutSchema),
                             metadata={"description": "支委可见全部；其他党员只见本人的"})
    rectifications = fields.List(fields.Nested(RectificationOutSchema))


class CandidateOutSchema(Schema):
    member_id = fields.String()
    name = fields.String()
    votes = fields.Integer()


class CommitteeElectionOutSchema(Schema):
    id = fields.UUID()
    meeting_id = fields.String()
    held_on = fields.Date()
    entitled = fields.Integer()
    present = fields.Integer()
    seats = fields.Integer()
    candidates = fields.List(fields.Nested(CandidateOutSchema))
    elected = fields.List(fields.String())
    term_start = fields.Date(allow_none=True)
    term_end = fields.Date(allow_none=True)
    posts = fields.Dict(keys=fields.String(), values=fields.String(), allow_none=True)
    version = fields.Integer()


class TermOutSchema(Schema):
    term_start = fields.Date(allow_none=True)
    term_end = fields.Date(allow_none=True)
    status = fields.String(metadata={"description": "none 未登记, current 任期内, ending 即将届满, overdue 已届满"})
    reminder = fields.String(allow_none=True, metadata={"description": "6_months, 3_months, overdue"})
    elections = fields.List(fields.Nested(CommitteeElectionOutSchema))


class DualOutSchema(Schema):
    member_id = fields.String()
    name = fields.String()
    post = fields.String()
    attended = fields.Boolean()
    days = fields.List(fields.Date())


class DistrictTermOutSchema(Schema):
    slug = fields.String()
    name = fields.String()
    term_start = fields.Date(allow_none=True)
    term_end = fields.Date(allow_none=True)
    status = fields.String()
    open_items = fields.Integer()


class DistrictTermsPageSchema(Schema):
    items = fields.List(fields.Nested(DistrictTermOutSchema))
    page = fields.Integer()
    pages = fields.Integer()
    total = fields.Integer()
