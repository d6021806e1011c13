"""Flask-WTF forms of accounts (CSRF on every one)."""
from core.forms import Form
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(Form):
    username = StringField("用户名", validators=[DataRequired(message="请填写用户名")])
    password = PasswordField("密码", validators=[DataRequired(message="请填写密码")])


class TokenForm(Form):
    label = StringField("用途", validators=[DataRequired(message="请填写用途"), Length(max=120)])


class PasswordForm(Form):
    password = PasswordField("新密码", validators=[DataRequired(), Length(min=8, message="密码至少 8 位")])


class UserForm(Form):
    username = StringField("用户名", validators=[DataRequired(message="请填写用户名")])
    display_name = StringField("姓名", validators=[DataRequired(message="请填写姓名"), Length(max=120)])
    password = PasswordField("初始密码", validators=[DataRequired(), Length(min=8, message="密码至少 8 位")])


class GrantForm(Form):
    username = StringField("用户名", validators=[DataRequired(message="请填写用户名")])
    role = SelectField("角色", validators=[DataRequired()])
    tenant = SelectField("学校", validate_choice=False)
