"""What the plans schemas share: blank-dropping input, the version field, base64 files."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Base64, InputSchema, Text, version_field

__all__ = ["InputSchema", "version_field", "PlansFileSchema", "files_field", "PlansFileOutSchema"]


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
