"""The posted forms of the account pages, as marshmallow schemas read by ``core.forms.form_input``.

Passwords are plain strings, kept as typed: they are only hashed or compared, never stored or shown.
"""
from marshmallow import EXCLUDE, Schema, fields, validate

from core.errors import N_
from core.fields import Line, Text
from core.forms import needed
from core.permissions import ROLES


class PageForm(Schema):
    class Meta:
        unknown = EXCLUDE  # what a page does not ask for is ignored, as it always was


class LoginForm(PageForm):
    username = Text(**needed(N_("请填写用户名")), metadata={"label": "用户名"})
    password = fields.String(**needed(N_("请填写密码"), validate.Length(max=1024, error="不能超过 {max} 个字符")),
                             metadata={"label": "密码"})


class TokenForm(PageForm):
    label = Line(**needed(N_("请填写用途")), max_length=120, metadata={"label": "用途"})


class PasswordForm(PageForm):
    current = fields.String(**needed(N_("请填写当前密码")), metadata={"label": "当前密码"})
    password = fields.String(**needed(N_("请填写新密码")), metadata={"label": "新密码"})


class UserForm(PageForm):
    username = Line(**needed(N_("请填写用户名")), metadata={"label": "用户名"})
    display_name = Line(**needed(N_("请填写姓名")), max_length=120, metadata={"label": "姓名"})
    password = fields.String(**needed(N_("请填写初始密码")), metadata={"label": "初始密码"})


class GrantForm(PageForm):
    username = Line(**needed(N_("请填写用户名")), metadata={"label": "用户名"})
    role = fields.String(required=True, validate=validate.OneOf(list(ROLES), error=N_("不是有效的选择")),
                         metadata={"label": "角色"})
    tenant = Line(load_default="", metadata={"label": "学校"})  # any school; the service checks it
