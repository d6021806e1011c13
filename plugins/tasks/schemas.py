"""Schemas of district tasks and information reporting: settings, inputs (pages and API), outputs."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Base64, Date, Instant, Integer, Line, Money, Text, Year, without_blanks
from plugins.tasks import rules


class TasksSettingsSchema(Schema):
    due_soon_days = Integer(load_default=3, validate=validate.Range(min=0, max=30),
                            metadata={"label": "任务临期提醒天数", "description": "截止前几天起在首页提醒"})


def _version():
    return Integer(load_default=None, allow_none=True, metadata={"label": "版本",
                                                                 "description": "乐观并发：读取到的版本"})


class _Form(Schema):
    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data)


class FieldSpecSchema(Schema):
    label = Line(required=True, validate=validate.Length(min=1, max=60), metadata={"label": "填报项名称"})
    type = Line(required=True, validate=validate.OneOf(list(rules.FIELD_TYPES)),
                metadata={"label": "填报项类型", "description": str(rules.FIELD_TYPES)})


class TaskIssueSchema(_Form):
    kind = Line(load_default="general", validate=validate.OneOf(list(rules.KINDS)), metadata={"label": "任务类型"})
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "任务标题"})
    content = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "任务内容"})
    deadline = Date(required=True, metadata={"label": "截止日期"})
    schools = fields.List(Line(validate=validate.Length(max=40)), load_default=list,
                          metadata={"label": "下发学校", "description": "不选即下发全部学校"})
    return_text = fields.Boolean(load_default=False, metadata={"label": "需报送文字"})
    return_files = fields.Boolean(load_default=False, metadata={"label": "需上传材料"})
    fields_ = fields.List(fields.Nested(FieldSpecSchema), data_key="fields", attribute="fields",
                          load_default=list, validate=validate.Length(max=rules.MAX_FIELDS),
                          metadata={"label": "填报项"})
    titles = fields.List(Line(validate=validate.Length(min=1, max=100)), load_default=list,
                         validate=validate.Length(max=rules.MAX_TITLES), metadata={"label": "征订报刊"})


class RemindSchema(_Form):
    schools = fields.List(Line(validate=validate.Length(max=40)), load_default=list,
                          metadata={"label": "催办学校", "description": "不选即催办全部未报送的学校"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "催办说明"})
    expected_version = _version()


class AddSchoolsSchema(_Form):
    schools = fields.List(Line(validate=validate.Length(max=40)), required=True, validate=validate.Length(min=1),
                          metadata={"label": "补充下发学校"})
    expected_version = _version()


class ExtendSchema(_Form):
    deadline = Date(required=True, metadata={"label": "新的截止日期"})
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "延期理由"})
    expected_version = _version()


class CloseSchema(_Form):
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "办结说明"})
    expected_version = _version()


class CancelSchema(_Form):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "撤销理由"})
    expected_version = _version()


class TaskListQuerySchema(Schema):
    """The district's list of tasks: by state, nearest or latest deadline first."""
    state = Line(load_default=None, validate=validate.OneOf(list(rules.TASK_STATES)), metadata={"label": "任务状态"})
    sort = Line(load_default="-deadline", validate=validate.OneOf(["deadline", "-deadline"]),
                metadata={"label": "排序"})


class StandingQuerySchema(Schema):
    """A list of schools' standings on tasks (a task's live table, a school's tasks): filter and order."""
    status = Line(load_default=None, validate=validate.OneOf([*rules.STATUSES, "late"]), metadata={"label": "状态"})
    sort = Line(load_default=None, validate=validate.OneOf(list(rules.SORTS)), metadata={"label": "排序"})


class JudgeSchema(_Form):
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "审核意见"})
    expected_version = _version()


class ReturnSchema(_Form):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "退回理由"})
    expected_version = _version()


class OwnerSchema(_Form):
    owner = Line(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "负责人"})
    expected_version = _version()


class TaskProgressSchema(_Form):
    text = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "办理进展"})
    expected_version = _version()


class FileSchema(Schema):
    name = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"label": "文件内容", "type": "string", "format": "byte"})


class LineSchema(Schema):
    title = Line(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "报刊"})
    copies = Integer(load_default=0, validate=validate.Range(min=0, max=100000), metadata={"label": "份数"})
    amount = Money(load_default=None, allow_none=True, validate=validate.Range(min=0), metadata={"label": "金额"})


class AnswerSchema(_Form):
    """A school's answer (draft or submission). The API sends files as base64; pages upload them."""
    text = Text(load_default="", validate=validate.Length(max=20000), metadata={"label": "报送内容"})
    values = fields.Dict(keys=Line(validate=validate.Length(max=10)), values=Line(validate=validate.Length(max=2000)),
                         load_default=dict, metadata={"label": "填报项", "description": "填报项编号 → 值"})
    lines = fields.List(fields.Nested(LineSchema), load_default=None, allow_none=True,
                        validate=validate.Length(max=rules.MAX_TITLES), metadata={"label": "征订明细"})
    files = fields.List(fields.Nested(FileSchema), load_default=list, validate=validate.Length(max=10),
                        metadata={"label": "材料"})
    expected_version = _version()


class InfoSchema(_Form):
    kind = Line(load_default="news", validate=validate.OneOf(list(rules.INFO_KINDS)), metadata={"label": "信息类型"})
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "标题"})
    text = Text(required=True, validate=validate.Length(min=1, max=20000), metadata={"label": "正文"})
    photos = fields.List(fields.Nested(FileSchema), load_default=None, allow_none=True,
                         validate=validate.Length(max=9), metadata={"label": "照片"})
    expected_version = _version()


class InfoVersionSchema(_Form):
    expected_version = _version()


class DecideSchema(_Form):
    outcome = Line(required=True, validate=validate.OneOf(list(rules.DECISIONS)), metadata={"label": "审核结果"})
    reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "退回理由"})


class YearQuerySchema(Schema):
    year = Year(load_default=None, metadata={"label": "年度"})


# -- outputs --------------------------------------------------------------------------------------
class FileOutSchema(Schema):
    sha256 = fields.String()
    name = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class TaskOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    kind = fields.String()
    title = fields.String()
    content = fields.String()
    deadline = fields.Date()
    issued_on = fields.Date()
    schools = fields.List(fields.String())
    returns = fields.Dict()
    titles = fields.List(fields.String())
    reminders = fields.Integer()
    state = fields.String()
    state_reason = fields.String(allow_none=True)
    state_on = fields.Date(allow_none=True)
    changes = fields.List(fields.Dict())


class StandingOutSchema(Schema):
    task_id = fields.UUID()
    school = fields.String()
    title = fields.String()
    kind = fields.String()
    deadline = fields.Date()
    status = fields.String()
    late = fields.Boolean()
    owner = fields.String(allow_none=True)
    progress = fields.Integer()
    submitted_round = fields.Integer()
    submitted_on = fields.Date(allow_none=True)
    copies = fields.Integer(allow_none=True)
    amount = Money(allow_none=True)
    reminded_on = fields.Date(allow_none=True)
    reminders = fields.Integer()
    submitted_late = fields.Boolean()
    reminder_note = fields.String(allow_none=True)
    decision_note = fields.String(allow_none=True)
    response_version = fields.Integer(allow_none=True)
    task_state = fields.String()
    state_reason = fields.String(allow_none=True)
    extended_reason = fields.String(allow_none=True)


class TaskTableOutSchema(Schema):
    task = fields.Nested(TaskOutSchema)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    schools = fields.List(fields.Nested(StandingOutSchema))


class AnswerOutSchema(Schema):
    school = fields.String()
    task_id = fields.UUID()
    round = fields.Integer()
    text = fields.String(allow_none=True)
    fields_ = fields.Dict(data_key="fields", attribute="fields", allow_none=True)
    lines = fields.List(fields.Dict(), allow_none=True)
    files = fields.List(fields.Nested(FileOutSchema), allow_none=True)
    submitted_on = fields.Date(allow_none=True)
    submitted_at = Instant(allow_none=True)
    late = fields.Boolean()


class SchoolTaskOutSchema(Schema):
    task = fields.Nested(TaskOutSchema)
    standing = fields.Nested(StandingOutSchema)
    draft = fields.Dict(allow_none=True)


class InfoOutSchema(Schema):
    id = fields.UUID()
    school = fields.String()
    kind = fields.String()
    title = fields.String()
    text = fields.String()
    photos = fields.List(fields.Nested(FileOutSchema))
    round = fields.Integer()
    submitted_on = fields.Date(allow_none=True)
    year = fields.Integer(allow_none=True)
    version = fields.Integer()
    status = fields.String()
    reason = fields.String(allow_none=True)


class InfoCountOutSchema(Schema):
    school = fields.String()
    submitted = fields.Integer()
    accepted = fields.Integer()
    published = fields.Integer()
    returned = fields.Integer()
