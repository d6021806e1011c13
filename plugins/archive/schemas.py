"""Schemas of the archive: settings, inputs (the API and the page forms share them), outputs."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

from core.api import PageMetaSchema
from core.fields import Date, InputSchema, Instant, Integer, Line, Text, Year
from plugins.archive import rules


class ArchiveSettingsSchema(Schema):
    categories = Text(load_default=rules.default_categories_text(), validate=validate.Length(max=4000),
                      metadata={"label": "档案类别（每行“代码 名称”，缩进的行为上一类别的子类）"})
    letterhead_school = Line(load_default="", validate=validate.Length(max=120),
                             metadata={"label": "公文页眉：学校名称", "description": "留空时用学校的登记名称"})
    letterhead_branch = Line(load_default="", validate=validate.Length(max=120),
                             metadata={"label": "公文页眉：支部名称", "description": "留空时为“中共××支部委员会”"})
    signature = Line(load_default="", validate=validate.Length(max=120),
                     metadata={"label": "公文落款", "description": "留空时与支部名称相同"})

    @validates("categories")
    def _categories(self, value, **_):
        try:
            rules.parse_categories(value)
        except ValueError as exc:
            raise ValidationError(exc.args[0]) from exc   # the message, still translatable


class ArchiveDescriptionSchema(Schema):
    title = Line(required=True, validate=validate.Length(min=1, max=300), metadata={"label": "文件标题"})
    category = Line(required=True, validate=validate.Length(max=40), metadata={"label": "档案类别"})
    year = Year(required=True, metadata={"label": "归档年度"})
    number = Line(load_default="", validate=validate.Length(max=100), metadata={"label": "文号"})
    issued_on = Date(required=True, metadata={"label": "成文日期"})
    issuer = Line(load_default="", validate=validate.Length(max=200), metadata={"label": "责任者（发文机关）"})
    retention = Line(required=True, validate=validate.OneOf(list(rules.RETENTIONS)),
                     metadata={"label": "保管期限", "choices": rules.RETENTIONS})


class ArchiveUploadSchema(ArchiveDescriptionSchema):
    origin = Line(required=True, validate=validate.OneOf(["upper", "own"]),
                  metadata={"label": "来源", "choices": {"upper": "上级来文", "own": "本级文件"}})
    note = Text(load_default="", validate=validate.Length(max=1000), metadata={"label": "备注"})


class ArchiveGenerateSchema(Schema):
    paper = Line(required=True, validate=validate.Length(max=60), metadata={"label": "公文"})
    subject = Line(required=True, validate=validate.Length(min=1, max=60), metadata={"label": "对象"})
    number = Line(load_default="", validate=validate.Length(max=100), metadata={"label": "文号"})
    retention = Line(load_default=None, allow_none=True, validate=validate.OneOf(list(rules.RETENTIONS)),
                     metadata={"label": "保管期限", "choices": rules.RETENTIONS})
    format = Line(load_default="docx", validate=validate.OneOf(["docx", "pdf"]),
                  metadata={"label": "格式", "choices": {"docx": "DOCX", "pdf": "PDF"}})


class ArchiveWithdrawSchema(Schema):
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "撤档原因"})
    expected_version = Integer(required=True, metadata={"label": "版本"})


class ArchiveCorrectSchema(Schema):
    title = Line(validate=validate.Length(min=1, max=300), metadata={"label": "文件标题"})
    category = Line(validate=validate.Length(max=40), metadata={"label": "档案类别"})
    year = Year(metadata={"label": "归档年度"})
    number = Line(validate=validate.Length(max=100), metadata={"label": "文号"})
    issued_on = Date(metadata={"label": "成文日期"})
    issuer = Line(validate=validate.Length(max=200), metadata={"label": "责任者（发文机关）"})
    retention = Line(validate=validate.OneOf(list(rules.RETENTIONS)), metadata={"label": "保管期限"})
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "更正原因"})
    expected_version = Integer(required=True, metadata={"label": "版本"})


class ArchiveSearchQuery(Schema):
    year = Year()
    category = Line(validate=validate.Length(max=40))
    q = Line(validate=validate.Length(max=100))
    withdrawn = fields.Boolean(load_default=False)


class ArchiveYearQuery(Schema):
    year = Year()


class ArchiveIndexPrintedSchema(InputSchema):
    year = Year(required=True, metadata={"label": "年度"})


class ArchiveIndexOutputSchema(Schema):
    year = fields.Integer()
    form = fields.String(metadata={"description": "print 打印 / xlsx 导出 Excel / zip 打包导出"})
    documents = fields.Integer()
    by = fields.String(allow_none=True)
    at = fields.DateTime()


class ArchiveUploadQuery(ArchiveUploadSchema):
    """An upload through the API: the file as multipart ``file``, its description in the query."""


class ArchiveDocumentOutSchema(Schema):
    id = fields.UUID()
    year = fields.Integer()
    category = fields.String()
    category_name = fields.String()
    title = fields.String()
    number = fields.String()
    issued_on = fields.Date()
    issuer = fields.String()
    retention = fields.String()
    origin = fields.String()
    note = fields.String()
    name = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    paper_code = fields.String(allow_none=True)
    paper_subject = fields.String(allow_none=True)
    sources = fields.List(fields.List(fields.String()), allow_none=True)
    as_of = fields.Integer(allow_none=True)
    withdrawn = fields.Boolean()
    withdraw_reason = fields.String(allow_none=True)
    filed_at = Instant()
    version = fields.Integer()


class ArchiveIndexRowSchema(Schema):
    number = fields.Integer(metadata={"description": "序号"})
    document = fields.Nested(ArchiveDocumentOutSchema)


class ArchivePaperOutSchema(Schema):
    code = fields.String()
    title = fields.String()
    category = fields.String()
    subject = fields.String()
    choices = fields.List(fields.List(fields.String()), allow_none=True)
    formats = fields.List(fields.String(), metadata={"description": "可生成的格式：docx，装有中文字体时还有 pdf"})


class ArchiveDistrictQuery(Schema):
    year = Year()
    sort = fields.String(validate=validate.OneOf(list(rules.DISTRICT_SORTS)), load_default="school",
                         metadata={"description": "school、total、-total、last_filed、-last_filed、index"})
    page = fields.Integer(validate=validate.Range(min=1, max=100000), load_default=1)


class ArchiveDistrictSchoolOutSchema(Schema):
    school = fields.String()
    name = fields.String()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "类别代码 → 归档件数"})
    total = fields.Integer()
    last_filed = Instant(allow_none=True)
    last_output = Instant(allow_none=True, metadata={"description": "目录索引最近一次打印或导出；未输出为空"})
    output_form = fields.String(allow_none=True)
    outputs = fields.Integer()


class ArchiveDistrictPageOutSchema(Schema):
    year = fields.Integer()
    schools = fields.List(fields.Nested(ArchiveDistrictSchoolOutSchema))
    meta = fields.Nested(PageMetaSchema)
