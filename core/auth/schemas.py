"""API inputs and outputs of accounts (marshmallow)."""
from marshmallow import Schema, fields, validate

from core.fields import Integer, Line


class AccountActSchema(Schema):
    """Deactivate, reactivate or unlock an account: the reason is required and recorded."""

    reason = Line(required=True, validate=validate.Length(min=1, max=200),
                           metadata={"description": "原因（记入区级日志）"})
    expected_version = Integer(load_default=None, allow_none=True, metadata={"description": "乐观并发：期望的账号版本"})


class AccountStateSchema(Schema):
    """An account's state after the act."""

    username = fields.String()
    display_name = fields.String()
    active = fields.Boolean()
    locked = fields.Boolean(metadata={"description": "是否仍有地址的登录受限"})
    version = fields.Integer()
