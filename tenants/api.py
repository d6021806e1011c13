"""The district's school registry in the API: read a school, move the start of its records."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core import context
from core.api import Blueprint, abort_json
from core.fields import Date, Integer, Line
from core.kernel import kernel
from core.permissions import requires
from core.tenancy import queries
from tenants import services

api = Blueprint("tenants_api", __name__, url_prefix="/api/v1/district/schools",
                description="学校管理（区级管理员）：学校信息、在本系统记录的起始日期")


class SchoolSchema(Schema):
    """A school as the district registry holds it."""

    slug = fields.String()
    name = fields.String()
    records_from = fields.Date(metadata={"description": "在本系统记录的起始日期：合规、应交与欠交自此计算"})
    version = fields.Integer()


class RecordsStartSchema(Schema):
    """Move the day from which the school's records are kept in Zhibu; the reason is recorded."""

    records_from = Date(required=True, metadata={"description": "新的记录起始日期（不晚于今天）"})
    reason = Line(required=True, validate=validate.Length(min=1, max=500),
                  metadata={"description": "修改原因（记入区级日志）"})
    expected_version = Integer(load_default=None, allow_none=True,
                               metadata={"description": "乐观并发：期望的学校版本"})


def _school(slug: str) -> dict:
    k = kernel()
    with k.reading() as conn:
        row = queries.get_school(conn, slug)
    if row is None:
        abort_json(404, "没有这所学校")
    return {"slug": row.slug, "name": row.name, "records_from": row.records_from, "version": row.version}


@api.route("/<slug>")
@api.response(200, SchoolSchema)
@requires("district.admin")
def get_school(slug):
    """一所学校的信息，含在本系统记录的起始日期。"""
    return _school(slug)


@api.route("/<slug>/records-from", methods=["POST"])
@api.arguments(RecordsStartSchema)
@api.response(200, SchoolSchema)
@requires("district.admin")
def change_records_from(data, slug):
    """修改学校在本系统记录的起始日期（须填写原因，记入区级日志）。"""
    _school(slug)
    with context.because(data["reason"].strip()):
        services.change_records_start(kernel(), slug, data["records_from"], data["reason"],
                                      expected_version=data["expected_version"])
    return _school(slug)
