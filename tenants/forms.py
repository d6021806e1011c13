"""Forms of the district's school administration."""
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from core.forms import Form


class SchoolForm(Form):
    slug = StringField("学校代码（英文，用于网址）", validators=[DataRequired(message="请填写学校代码"), Length(max=40)])
    name = StringField("学校名称", validators=[DataRequired(message="请填写学校名称"), Length(max=120)])
