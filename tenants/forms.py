"""The posted forms of the district's school administration, as marshmallow schemas (read by
``core.forms.form_input``)."""
from marshmallow import EXCLUDE, Schema

from core.errors import N_
from core.fields import Date, Line
from core.forms import needed


class SchoolForm(Schema):
    class Meta:
        unknown = EXCLUDE  # what the page does not ask for is ignored

    slug = Line(**needed(N_("请填写学校代码")), max_length=40, metadata={"label": "学校代码（英文，用于网址）"})
    name = Line(**needed(N_("请填写学校名称")), max_length=120, metadata={"label": "学校名称"})
    records_from = Date(load_default=None, error_messages={"invalid": N_("请填写正确的日期（YYYY-MM-DD）")}, metadata={
        "label": "在本系统记录的起始日期（默认今天）",
        "description": "此日期之前的会议、党费与发展期限不计入合规与欠缴；之前的记录可作为补录录入。"})
