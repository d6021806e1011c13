"""Forms of the district's school administration."""
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional

from core.forms import Form


class SchoolForm(Form):
    slug = StringField("学校代码（英文，用于网址）", validators=[DataRequired(message="请填写学校代码"), Length(max=40)])
    name = StringField("学校名称", validators=[DataRequired(message="请填写学校名称"), Length(max=120)])
    records_from = DateField("在本系统记录的起始日期（默认今天）", validators=[Optional()],
                             description="此日期之前的会议、党费与发展期限不计入合规与欠缴；之前的记录可作为补录录入。")
