"""marshmallow schemas of the disclosure plugin, shared by the API and the page forms."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from core.fields import Base64, Date, InputSchema, Integer, Line, Text, version_field
from plugins.disclosure import rules


class DisclosureFileSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"description": "文件内容（base64）", "type": "string",
                                              "format": "byte"})


_WINDOW = {"window_from": {"label": "公开起始日期"}, "window_until": {"label": "公开截止日期"}}


class DiscloseOfferSchema(InputSchema):
    key = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "可公开事项"})
    event_date = Date(required=True, metadata={"label": "事项发生日期"})
    window_from = Date(required=True, metadata=_WINDOW["window_from"])
    window_until = Date(load_default=None, allow_none=True, metadata=_WINDOW["window_until"])


class DiscloseByHandSchema(InputSchema):
    entry_code = Line(required=True, validate=validate.Length(min=1, max=40), metadata={"label": "公开目录项"})
    title = Line(required=True, validate=validate.Length(min=1, max=300), metadata={"label": "标题"})
    event_date = Date(required=True, metadata={"label": "事项发生日期"})
    text = Text(load_default="", validate=validate.Length(max=5000), metadata={"label": "公开内容"})
    audience = Line(load_default=None, validate=validate.OneOf(list(rules.AUDIENCES)),
                    metadata={"label": "公开范围", "choices": rules.AUDIENCES})
    window_from = Date(required=True, metadata=_WINDOW["window_from"])
    window_until = Date(load_default=None, allow_none=True, metadata=_WINDOW["window_until"])


class ProofSchema(InputSchema):
    shown = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "公开了什么"})
    place = Line(required=True, validate=validate.Length(min=1, max=300), metadata={"label": "公开地点或方式"})
    on = Date(required=True, metadata={"label": "日期"})
    photos = fields.List(fields.Nested(DisclosureFileSchema), load_default=list, validate=validate.Length(max=10),
                         metadata={"label": "照片", "description": "API：文件名与 base64 内容；页面以表单上传"})
    expected_version = version_field()


class ObjectionSchema(InputSchema):
    received_on = Date(required=True, metadata={"label": "收到日期"})
    text = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "意见内容"})
    expected_version = version_field()


class DisclosureAnswerSchema(InputSchema):
    answered_on = Date(required=True, metadata={"label": "答复日期"})
    answer = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "答复内容"})
    expected_version = version_field()


class DisclosureWithdrawSchema(InputSchema):
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "撤回原因"})
    expected_version = version_field(required=True)


class EntrySchema(Schema):
    code = Line(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,39}$"), metadata={"label": "代码"})
    content = Line(required=True, validate=validate.Length(min=1, max=300), metadata={"label": "公开内容"})
    audience = Line(required=True, validate=validate.OneOf(list(rules.AUDIENCES)),
                    metadata={"label": "公开范围", "choices": rules.AUDIENCES})
    timing = Line(required=True, validate=validate.OneOf(list(rules.TIMINGS)),
                  metadata={"label": "公开时间", "choices": rules.TIMINGS})
    period = Line(load_default=None, allow_none=True, validate=validate.OneOf(list(rules.PERIODS)),
                  metadata={"label": "周期", "choices": rules.PERIODS})
    days = Integer(required=True, validate=validate.Range(min=0, max=365), metadata={"label": "限期（日）"})
    form = Line(required=True, validate=validate.OneOf(list(rules.FORMS)),
                metadata={"label": "公开形式", "choices": rules.FORMS})
    kinds = fields.List(Line(validate=validate.Length(max=60)), load_default=list,
                        validate=validate.Length(max=10), metadata={"label": "来自哪类记录"})


class CatalogueSchema(InputSchema):
    effective_from = Date(required=True, metadata={"label": "生效日期"})
    entries = fields.List(fields.Nested(EntrySchema), required=True, validate=validate.Length(min=1, max=40),
                          metadata={"label": "目录"})


class CataloguePageSchema(InputSchema):
    """The page's head field; the entries' rows (``entry-<n>-<field>``) are read row by row."""

    class Meta:
        unknown = EXCLUDE

    effective_from = Date(required=True, metadata={"label": "生效日期"})


# -- outputs ---------------------------------------------------------------------------------------------
class EntryOutSchema(Schema):
    code = fields.String()
    content = fields.String()
    audience = fields.String()
    timing = fields.String()
    period = fields.String(allow_none=True)
    days = fields.Integer()
    form = fields.String()
    kinds = fields.List(fields.String())


class CatalogueOutSchema(Schema):
    effective_from = fields.Date()
    entries = fields.List(fields.Nested(EntryOutSchema))


class DisclosureItemOutSchema(Schema):
    id = fields.UUID()
    entry_code = fields.String()
    kind = fields.String()
    source_key = fields.String()
    title = fields.String()
    event_date = fields.Date()
    text = fields.String()
    columns = fields.List(fields.String())
    rows = fields.List(fields.List(fields.Raw()))
    period = fields.String(allow_none=True)
    audience = fields.String()
    form = fields.String()
    source_url = fields.String(allow_none=True)
    window_from = fields.Date()
    window_until = fields.Date(allow_none=True)
    proofs = fields.Integer()
    objections = fields.Integer()
    objections_open = fields.Integer()
    withdrawn = fields.Boolean()
    withdraw_reason = fields.String(allow_none=True)
    version = fields.Integer()


class ProofOutSchema(Schema):
    shown = fields.String()
    place = fields.String()
    on = fields.Date()
    photos = fields.List(fields.Dict())


class ObjectionOutSchema(Schema):
    objection_id = fields.String()
    received_on = fields.Date()
    text = fields.String()
    answered_on = fields.Date(allow_none=True)
    answer = fields.String(allow_none=True)


class DisclosureItemDetailOutSchema(DisclosureItemOutSchema):
    proof_list = fields.List(fields.Nested(ProofOutSchema), data_key="proof_records")
    objection_list = fields.List(fields.Nested(ObjectionOutSchema), data_key="objection_records")


class DisclosureItemPageOutSchema(Schema):
    items = fields.List(fields.Nested(DisclosureItemOutSchema))
    page = fields.Integer()
    pages = fields.Integer()
    total = fields.Integer()


class ObligationOutSchema(Schema):
    entry_code = fields.String()
    content = fields.String()
    title = fields.String()
    event_date = fields.Date()
    due_by = fields.Date()
    status = fields.String()
    period = fields.String(allow_none=True)
    key = fields.String(allow_none=True)


class OfferOutSchema(Schema):
    kind = fields.String()
    key = fields.String()
    title = fields.String()
    event_date = fields.Date()
    text = fields.String()
    columns = fields.List(fields.String())
    rows = fields.List(fields.List(fields.Raw()))
    period = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    entry_code = fields.String(allow_none=True)
    disclosed = fields.Boolean()


class ComplianceOutSchema(Schema):
    school = fields.String()
    name = fields.String()
    overdue = fields.Raw(allow_none=True)
    due = fields.Raw(allow_none=True)
    disclosed = fields.Raw(allow_none=True)
    rate = fields.Raw(allow_none=True)
    objections = fields.Raw(allow_none=True)


class CompliancePageOutSchema(Schema):
    schools = fields.List(fields.Nested(ComplianceOutSchema))
    page = fields.Integer()
    pages = fields.Integer()
    total = fields.Integer()
