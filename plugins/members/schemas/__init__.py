"""marshmallow schemas of the member registry, shared by the API and the page forms."""
from __future__ import annotations

from collections.abc import Mapping

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates, validates_schema

from core.api import PageMetaSchema
from core.errors import N_
from core.fields import Date, Instant, Integer, Month, Text, without_blanks
from plugins.members import rules
from plugins.members.schemas.reports import (  # noqa: F401  (re-exported)
    ImportOutSchema, ImportQuerySchema, ImportRowOutSchema, RosterQuerySchema, StatisticsOutSchema, YearQuerySchema,
)


class _Blankless(Schema):
    @pre_load
    def _drop_blanks(self, data, **_):
        return without_blanks(data)


class MemberFieldsSchema(_Blankless):
    """The recorded fields of a member (DOMAIN.md §8.2)."""

    name = Text(validate=validate.Length(min=1, max=60), metadata={"label": "姓名"})
    gender = Text(validate=validate.OneOf(list(rules.GENDERS)), metadata={"label": "性别"})
    ethnicity = Text(validate=validate.Length(max=20), metadata={"label": "民族"})
    birth_date = Date(metadata={"label": "出生日期"})
    id_number = Text(metadata={"label": "身份证号"})
    education = Text(validate=validate.Length(max=20), metadata={"label": "学历"})
    category = Text(validate=validate.OneOf(list(rules.CATEGORIES)), metadata={"label": "人员类别"})
    job_post = Text(validate=validate.Length(max=60), metadata={"label": "工作岗位"})
    title = Text(validate=validate.Length(max=60), metadata={"label": "专业技术职务"})
    phone = Text(validate=validate.Regexp(r"^1\d{10}$", error=N_("手机号码应为 11 位数字")),
                 metadata={"label": "手机号码"})
    party_group = Text(validate=validate.Length(max=60), metadata={"label": "党小组"})
    applied_on = Date(metadata={"label": "申请入党日期"})
    joined_on = Date(metadata={"label": "入党日期"})
    converted_on = Date(metadata={"label": "转正日期"})
    party_age_correction = Integer(metadata={"label": "党龄校正值（月）"})

    @validates("id_number")
    def _id_number(self, value, **_):
        error = rules.id_number_error(value)
        if error:
            raise ValidationError(error)


class MemberCreateSchema(MemberFieldsSchema):
    status = Text(load_default="full", validate=validate.OneOf(["full", "probationary"]),
                  metadata={"label": "党籍状态"})


class MemberCorrectSchema(MemberFieldsSchema):
    expected_version = Integer(required=True)
    reason = Text(required=True, validate=validate.Length(min=1, max=500))


class StatusChangeSchema(Schema):
    status = Text(required=True, validate=validate.OneOf(list(rules.STATUSES)))
    effective_on = Date(required=True)
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class MemberQuerySchema(_Blankless):
    q = Text(metadata={"description": "姓名、岗位、党小组中的文字"})
    status = Text(validate=validate.OneOf(list(rules.STATUSES)))
    on_roll = fields.Boolean(metadata={"description": "只列在册党员"})
    gender = Text(validate=validate.OneOf(list(rules.GENDERS)))
    ethnicity = Text()
    education = Text()
    category = Text(validate=validate.OneOf(list(rules.CATEGORIES)))
    party_group = Text()
    job_post = Text()
    title = Text()
    joined_from = Date()
    joined_to = Date()
    born_from = Date()
    born_to = Date()
    converted_from = Date()
    converted_to = Date()
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class MemberOutSchema(Schema):
    """A member as the API shows it; ID number and phone are masked unless the caller may see them."""

    id = fields.UUID()
    version = fields.Integer()
    status = fields.String()
    name = fields.String()
    gender = fields.String(allow_none=True)
    ethnicity = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    id_number = fields.String(allow_none=True)
    education = fields.String(allow_none=True)
    category = fields.String(allow_none=True)
    job_post = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    party_group = fields.String(allow_none=True)
    applied_on = fields.Date(allow_none=True)
    joined_on = fields.Date(allow_none=True)
    converted_on = fields.Date(allow_none=True)
    party_age_correction = fields.Integer()
    party_age = fields.String()
    since = fields.Date(metadata={"description": "按党籍日期回溯时：当天党籍状态的起始日期"})
    recorded_on = fields.Date(metadata={"description": "按党籍日期回溯时：该状态录入系统的日期"})
    late = fields.Boolean(metadata={"description": "补录：录入日期晚于所记载的日期"})


class MemberPageSchema(Schema):
    items = fields.List(fields.Nested(MemberOutSchema))
    meta = fields.Nested(PageMetaSchema)


class MembersSettingsSchema(Schema):
    """A school's local rules for the registry (DOMAIN.md §3.2, §4, §8.1: local/unconfirmed)."""

    term_years = Integer(load_default=3, validate=validate.Range(min=1, max=5),
                         metadata={"label": "支部委员会任期（年）"})
    term_warning_months = Integer(load_default=6, validate=validate.Range(min=1, max=12),
                                  metadata={"label": "任期届满提前提醒（月）"})
    branch_max = Integer(load_default=50, validate=validate.Range(min=3, max=500),
                         metadata={"label": "支部党员人数上限（提示）"})
    transfer_validity_months = Integer(load_default=3, validate=validate.Range(min=1, max=6),
                                       metadata={"label": "介绍信最长有效期（月）"})
    lost_contact_months = Integer(load_default=6, validate=validate.Range(min=1, max=24),
                                  metadata={"label": "失联提醒（月）"})

    @validates_schema(skip_on_field_errors=False)
    def _reminder_within_term(self, data, **_):
        years, months = data.get("term_years"), data.get("term_warning_months")
        if years is not None and months is not None and months >= years * 12:
            raise ValidationError(N_("任期届满提醒（%(months)s 个月）须短于任期（%(years)s 年）",
                                          months=months, years=years), field_name="term_warning_months")


class MemberGetQuerySchema(Schema):
    reveal = fields.Boolean(load_default=False, metadata={"description": "显示完整身份证号与手机号（将被记录）"})


class SanctionSchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(rules.SANCTIONS), metadata={"label": "处分种类"})
    start = Date(required=True, metadata={"label": "处分日期"})
    end = Date(load_default=None, allow_none=True, metadata={"label": "期满日期"})
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "处分决定"})
    expected_version = Integer(required=True)

    @pre_load
    def _blank_end(self, data, **_):
        if isinstance(data, Mapping) and data.get("end") == "":
            data = {**data, "end": None}
        return data


class TransferOutSchema(Schema):
    letter_no = Text(required=True, validate=validate.Length(min=1, max=60), metadata={"label": "介绍信编号"})
    other_org = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "接收党组织"})
    issued_on = Date(required=True, metadata={"label": "开具日期"})
    valid_until = Date(load_default=None, allow_none=True, metadata={"label": "有效期至"})
    dues_paid_to = Month(load_default=None, allow_none=True, error=N_("党费交至应为 年-月，如 2026-10"),
                         metadata={"label": "党费交至"})
    expected_version = Integer(required=True)

    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, blank_to_none=True)


class TransferInSchema(Schema):
    letter_no = Text(required=True, validate=validate.Length(min=1, max=60), metadata={"label": "介绍信编号"})
    other_org = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "转出党组织"})
    issued_on = Date(required=True, metadata={"label": "开具日期"})
    valid_until = Date(load_default=None, allow_none=True, metadata={"label": "有效期至"})
    dues_paid_to = Month(load_default=None, allow_none=True, error=N_("党费交至应为 年-月，如 2026-10"),
                         metadata={"label": "党费交至"})
    member_id = fields.UUID(load_default=None, allow_none=True, metadata={"label": "重新转回的党员"})
    expected_version = Integer(load_default=None, allow_none=True)
    status = Text(load_default="full", validate=validate.OneOf(["full", "probationary"]))
    member = fields.Nested(MemberFieldsSchema, load_default=None, allow_none=True,
                           metadata={"description": "新转入党员的信息（member_id 为空时必填）"})

    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, blank_to_none=True)

    @validates_schema
    def _who(self, data, **_):
        if data.get("member_id") is None and not data.get("member"):
            raise ValidationError(N_("请填写转入党员的信息"), field_name="member")


class ReceiptSchema(Schema):
    on = Date(required=True, metadata={"label": "回执返回日期"})
    expected_version = Integer(required=True)


class TransferViewSchema(Schema):
    id = fields.UUID()
    direction = Text()
    member_id = fields.UUID()
    member_name = Text()
    letter_no = Text()
    other_org = Text()
    issued_on = Date()
    valid_until = Date()
    dues_paid_to = Text(allow_none=True)
    receipt_returned_on = Date(allow_none=True)
    overdue = fields.Boolean()
    version = Integer()


class SeatInSchema(Schema):
    member_id = fields.UUID(required=True)
    post = Text(required=True, validate=validate.OneOf(list(rules.POSTS)))


class ElectionSchema(Schema):
    term_start = Date(required=True, metadata={"label": "任期开始"})
    term_end = Date(load_default=None, allow_none=True, metadata={"label": "任期届满（默认按任期年限）"})
    seats = fields.List(fields.Nested(SeatInSchema), required=True, validate=validate.Length(min=1, max=9))
    expected_version = Integer(load_default=None, allow_none=True)


class FillSeatSchema(Schema):
    member_id = fields.UUID(required=True)
    post = Text(required=True, validate=validate.OneOf(list(rules.POSTS)))
    since = Date(required=True)
    expected_version = Integer(required=True)


class VacateSeatSchema(Schema):
    on = Date(required=True)
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class GroupSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=60), metadata={"label": "党小组名称"})
    leader_id = fields.UUID(load_default=None, allow_none=True, metadata={"label": "党小组长"})
    expected_version = Integer(load_default=None, allow_none=True)

    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, blank_to_none=True)


class SeatOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    post = fields.String()
    post_label = fields.String()
    term_start = fields.Date(allow_none=True)
    term_end = fields.Date(allow_none=True)
    since = fields.Date()


class CommitteeOutSchema(Schema):
    on = fields.Date()
    term_start = fields.Date(allow_none=True)
    term_end = fields.Date(allow_none=True)
    term_status = fields.String(allow_none=True)
    version = fields.Integer()
    seats = fields.List(fields.Nested(SeatOutSchema))
    groups = fields.List(fields.Dict())
    warnings = fields.List(fields.String())


class CommitteeQuerySchema(Schema):
    on = Date(load_default=None)


class AccountLinkSchema(_Blankless):
    """Link a login account to this member (账号关联)."""

    username = Text(required=True, validate=validate.Length(min=1, max=80),
                    metadata={"label": "登录账号", "description": "用户名"})
    relink = fields.Boolean(load_default=False,
                            metadata={"description": "账号已关联另一名党员时，改为关联这名党员"})
    expected_version = Integer(load_default=None, allow_none=True,
                               metadata={"description": "该账号关联记录的版本（可选）"})


class AccountUnlinkQuerySchema(_Blankless):
    expected_version = Integer(load_default=None, allow_none=True)


class AccountLinkOutSchema(Schema):
    member_id = fields.UUID()
    username = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True)
    linked_at = Instant(allow_none=True)
