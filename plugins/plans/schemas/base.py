"""What the plans schemas share: blank-dropping input, the version field, base64 files."""
from __future__ import annotations

import base64
import binascii

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Integer, Text, without_blanks


class InputSchema(Schema):
    """Blank values are absent (so defaults apply); the CSRF token and the form key are not input."""

    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, drop=("csrf_token", "_form"))


def version_field(required: bool = True):
    description = {"description": "乐观并发：客户端读取到的版本"}
    if required:
        return Integer(required=True, metadata=description)
    return Integer(load_default=None, allow_none=True, metadata=description)


class Base64(fields.Field):
    """File content sent in JSON as base64 (the pages send files as multipart instead)."""

    default_error_messages = {"invalid": "不是有效的 base64 编码"}

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return base64.b64decode(value, validate=True)
        except (TypeError, ValueError, binascii.Error) as exc:
            raise self.make_error("invalid") from exc


class PlansFileSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"description": "文件内容（base64）", "type": "string",
                                              "format": "byte"})


def files_field(label: str):
    return fields.List(fields.Nested(PlansFileSchema), load_default=list, validate=validate.Length(max=10),
                       metadata={"label": label, "description": "API：文件名与 base64 内容；页面以表单上传"})


class PlansFileOutSchema(Schema):
    sha256 = fields.String()
    name = fields.String()
    content_type = fields.String()
    size = fields.Integer()
