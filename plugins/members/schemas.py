"""marshmallow schemas of the member registry, shared by the API and the page forms."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates

from plugins.members import rules


class _Blankless(Schema):
    @pre_load
    def _drop_blanks(self, data, **_):
        return {k: v for k, v in dict(data).items() if v not in ("", None)}


class MemberFieldsSchema(_Blankless):
    """The recorded fields of a member (DOMAIN.md §8.2)."""

    name = fields.String(validate=validate.Length(min=1, max=60), metadata={"label": "姓名"})
    gender = fields.String(validate=validate.OneOf(list(rules.GENDERS)), metadata={"label": "性别"})
    ethnicity = fields.String(validate=validate.Length(max=20), metadata={"label": "民族"})
    birth_date = fields.Date(metadata={"label": "出生日期"})
    id_number = fields.String(metadata={"label": "身份证号"})
    education = fields.String(validate=validate.Length(max=20), metadata={"label": "学历"})
    category = fields.String(validate=validate.OneOf(list(rules.CATEGORIES)), metadata={"label": "人员类别"})
    job_post = fields.String(validate=validate.Length(max=60), metadata={"label": "工作岗位"})
    title = fields.String(validate=validate.Length(max=60), metadata={"label": "专业技术职务"})
    phone = fields.String(validate=validate.Regexp(r"^1\d{10}$", error="手机号码应为 11 位数字"),
                          metadata={"label": "手机号码"})
    party_group = fields.String(validate=validate.Length(max=60), metadata={"label": "党小组"})
    applied_on = fields.Date(metadata={"label": "申请入党日期"})
    joined_on = fields.Date(metadata={"label": "入党日期"})
    converted_on = fields.Date(metadata={"label": "转正日期"})
    party_age_correction = fields.Integer(metadata={"label": "党龄校正值（月）"})

    @validates("id_number")
    def _id_number(self, value, **_):
        error = rules.id_number_error(value)
        if error:
            raise ValidationError(error)


class MemberCreateSchema(MemberFieldsSchema):
    status = fields.String(load_default="full", validate=validate.OneOf(["full", "probationary"]),
                           metadata={"label": "党籍状态"})


class MemberCorrectSchema(MemberFieldsSchema):
    expected_version = fields.Integer(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class StatusChangeSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(list(rules.STATUSES)))
    effective_on = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))
    expected_version = fields.Integer(required=True)


class MemberQuerySchema(Schema):
    q = fields.String()
    status = fields.String()
    gender = fields.String()
    ethnicity = fields.String()
    education = fields.String()
    category = fields.String()
    party_group = fields.String()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class MemberOutSchema(Schema):
    """A member as the API shows it; ID number and phone are masked unless the caller may see them."""

    id = fields.UUID()
    version = fields.Integer()
    status = fields.String()
    name = fields.String()
    gender = fields.String()
    ethnicity = fields.String()
    birth_date = fields.Date()
    id_number = fields.String()
    education = fields.String()
    category = fields.String()
    job_post = fields.String()
    title = fields.String()
    phone = fields.String()
    party_group = fields.String()
    applied_on = fields.Date()
    joined_on = fields.Date()
    converted_on = fields.Date()
    party_age_correction = fields.Integer()
    party_age = fields.String()


class PageMetaSchema(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class MemberPageSchema(Schema):
    items = fields.List(fields.Nested(MemberOutSchema))
    meta = fields.Nested(PageMetaSchema)
