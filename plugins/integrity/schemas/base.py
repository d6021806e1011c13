"""What the integrity schemas share: blank-dropping forms, the version field, base64 evidence files,
the year query."""
from __future__ import annotations

import re
from collections.abc import Mapping

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Base64, Integer, Text, Year


LIST_FIELDS = ("member_scores", "public_scores", "goals", "attendee_ids", "absentee_ids", "member_ids")


class FormSchema(Schema):
    """Blank form values are absent; list fields also accept one text (comma- or line-separated)."""

    @pre_load
    def _clean(self, data, **_):
        if not isinstance(data, Mapping):
            return data  # for the schema to refuse
        out = {}
        for key, value in data.items():
            if key == "csrf_token" or value in ("", None):
                continue
            if key in LIST_FIELDS and isinstance(value, str):
                sep = r"[\r\n]+" if key == "goals" else r"[,，、;；\s]+"
                value = [v.strip() for v in re.split(sep, value) if v.strip()]
            out[key] = value
        return out


def one_of(choices: dict, label: str, **kwargs):
    return Text(validate=validate.OneOf(list(choices)), metadata={"label": label, "description": str(choices)},
                **kwargs)


class EvidenceFileSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"description": "文件内容（base64）", "type": "string",
                                              "format": "byte"})


def evidence_field():
    return fields.List(fields.Nested(EvidenceFileSchema), load_default=list, validate=validate.Length(max=10),
                       metadata={"description": "证明材料（API：文件名与 base64 内容；页面以表单上传）"})


class YearQuerySchema(Schema):
    year = Year(validate=validate.Range(min=2000, max=2100))
    status = Text()
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))
