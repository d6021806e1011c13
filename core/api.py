"""The API shell: flask-smorest under /api/v1, JSON errors, tenant blueprints."""
from __future__ import annotations

from http import HTTPStatus

from flask import g, request
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from marshmallow import Schema, fields, missing, validate
from webargs.flaskparser import FlaskParser, abort
from werkzeug.exceptions import HTTPException

from core.errors import ConflictError, DomainError, NotFoundError
from core.fields import Integer


class ZhibuApi(Api):
    """flask-smorest's Api, without its app-wide HTML-overriding error handler."""

    def _register_error_handlers(self):
        pass  # core.app registers handlers that answer JSON under /api and HTML elsewhere


class ArgumentsParser(FlaskParser):
    """webargs' parser, refusing what no schema can read: a JSON body that is not an object (an
    array, a number, null, a string) and JSON nested too deep to decode. Both are answered 422 before
    any schema hook runs, so no schema needs to guard against them."""

    def load_json(self, req, schema):
        try:
            data = super().load_json(req, schema)
        except RecursionError:
            abort(422, messages={"json": {"_schema": ["JSON 嵌套层数过多"]}})
        if data is not missing and not schema.many and not isinstance(data, dict):
            abort(422, messages={"json": {"_schema": ["请求体应为 JSON 对象"]}})
        return data


class Blueprint(SmorestBlueprint):
    """Every API blueprint: flask-smorest's, with the core's argument parser."""

    ARGUMENTS_PARSER = ArgumentsParser()


def tenant_api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A plugin's API blueprint, mounted under ``/api/v1/t/<tenant>/<name>``."""
    return Blueprint(f"{name}_api", import_name, url_prefix=f"/api/v1/t/<tenant>/{name}",
                     description=description)


def is_api_request() -> bool:
    return g.get("is_api", request.path.startswith("/api/"))


def json_error(code: int, message: str, errors: dict | None = None):
    body = {"code": code, "status": HTTPStatus(code).phrase, "message": message}
    if errors:
        body["errors"] = errors
    return body, code


def http_error_json(exc: HTTPException):
    errors = None
    data = getattr(exc, "data", None)
    if data and isinstance(data, dict) and "messages" in data:
        errors = data["messages"]
    return json_error(exc.code or 500, exc.description or exc.name, errors)


def domain_error_json(exc: DomainError):
    field = exc.field or "_schema"
    return json_error(422, exc.message, {"json": {field: [exc.message]}})


def conflict_json(exc: ConflictError):
    return json_error(409, exc.message)


def not_found_json(_exc: NotFoundError):
    return json_error(404, "记录不存在")


class PageSchema(Schema):
    """Query arguments of every paginated list."""

    page = Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class PageMetaSchema(Schema):
    """``meta`` of every paginated list answer."""

    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()


class FileUploadSchema(Schema):
    """The file part of a multipart upload (``file``); use with ``location="files"``."""

    file = fields.Raw(metadata={"type": "string", "format": "binary"}, required=True)


class StoredFileOutSchema(Schema):
    """A file kept by content hash (``core.files``), as the API lists it."""

    sha256 = fields.String()
    name = fields.String()
    content_type = fields.String(allow_none=True)
    size = fields.Integer(allow_none=True)
    actor = fields.String(allow_none=True)
    at = fields.DateTime()


class VersionSchema(Schema):
    """Writes to an existing record carry the version the client last saw."""

    expected_version = Integer(required=True, metadata={"description": "乐观并发：客户端读取到的版本"})
