"""The API shell: flask-smorest under /api/v1, JSON errors, tenant blueprints."""
from __future__ import annotations

from decimal import Decimal
from http import HTTPStatus
from typing import NoReturn

from apispec import BasePlugin
from flask import g, make_response, request
from flask_babel import gettext
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from marshmallow import Schema, fields, missing, validate
from webargs.flaskparser import FlaskParser, abort
from werkzeug.exceptions import HTTPException

from core.errors import ConflictError, DomainError, NotFoundError
from core.fields import Instant, Integer
from core.kernel import kernel
from core.messages import field_messages, message_of, translated

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


class ErrorSchema(Schema):
    """Every error answer of the API (``json_error``): 400, 401, 403, 404, 409, 422."""

    code = fields.Integer(required=True, metadata={"description": "HTTP 状态码"})
    status = fields.String(required=True, metadata={"description": "状态名称"})
    message = fields.String(required=True, metadata={"description": "说明"})
    errors = fields.Dict(metadata={"description": "按位置和字段列出的错误，如 {\"json\": {\"amount\": [\"…\"]}}"})


class ErrorResponses(BasePlugin):
    """Declares on every operation the error statuses the shell can answer.

    401 without a valid token, 403 without the permission, 404 for an unknown school, a plugin the
    school has not enabled or a missing record, 422 for bad input or a refused command; writes add
    409 (stale version) and, with a JSON body, 400 (a body that is not JSON).
    """

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            statuses = [HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND,
                        HTTPStatus.UNPROCESSABLE_ENTITY]
            if method in WRITE_METHODS:
                statuses.append(HTTPStatus.CONFLICT)
            if "requestBody" in operation:
                statuses.append(HTTPStatus.BAD_REQUEST)
            for status in statuses:
                responses.setdefault(str(status.value), status.name)


class ZhibuApi(Api):
    """flask-smorest's Api with Zhibu's error schema, bearer tokens and declared error statuses."""

    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # each operation lists its error statuses (ErrorResponses)

    def __init__(self, app=None, *, spec_kwargs=None, **kwargs):
        spec_kwargs = {**(spec_kwargs or {}), "extra_plugins": [ErrorResponses()]}
        super().__init__(app, spec_kwargs=spec_kwargs, **kwargs)

    def init_app(self, app, *, spec_kwargs=None):
        super().init_app(app, spec_kwargs=spec_kwargs)
        self.spec.components.security_scheme("bearerAuth", {
            "type": "http", "scheme": "bearer",
            "description": "个人 API 令牌（在“我的账户”中签发）：Authorization: Bearer zb_…"})
        self.spec.options["security"] = [{"bearerAuth": []}]
        self.ma_plugin.converter.add_attribute_function(decimal_bounds_as_numbers)

    def _register_error_handlers(self):
        pass  # core.app registers handlers that answer JSON under /api and HTML elsewhere


def decimal_bounds_as_numbers(_converter, field, ret, **_kwargs) -> dict:
    """A decimal field's range bounds and default fit the type it is declared with.

    apispec writes them as the field would dump them, strings, which are no JSON Schema bounds.
    Declared as a number, they become numbers; declared as a decimal string (``core.fields.Money``),
    the bounds move to ``x-minimum``/``x-maximum`` (the pattern describes the string).
    """
    if not isinstance(field, fields.Decimal):
        return {}
    types = ret.get("type")
    types = types if isinstance(types, list) else [types]
    bounds = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
    if "number" in types:
        return {key: _json_number(ret[key]) for key in (*bounds, "default")
                if isinstance(ret.get(key), (str, Decimal))}
    moved = {f"x-{key}": ret.pop(key) for key in bounds if key in ret}
    return {key: str(value) for key, value in moved.items()}


def _json_number(value: str | Decimal) -> int | float:
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


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


def abort_json(code: int, message: str, errors: dict | None = None) -> NoReturn:
    """Stop an API view with the one error body, bypassing the view's declared success schema."""
    raise HTTPException(response=make_response(*json_error(code, message, errors)))


def http_error_json(exc: HTTPException):
    errors = None
    data = getattr(exc, "data", None)
    if data and isinstance(data, dict) and "messages" in data:
        errors = field_messages(data["messages"], _choices_of)
    return json_error(exc.code or 500, exc.description or exc.name, errors)


def _choices_of(field: str) -> dict | None:
    """A field's stored choices in words (every plugin's ``zhibu_field_labels``)."""
    return kernel().registry.vocabulary.choices.get(field)


def domain_error_json(exc: DomainError):
    if exc.problems:
        return json_error(422, message_of(exc), {"json": {
            name: [translated(message) if isinstance(message, str) else message]
            for name, message in exc.problems.items()}})
    field = exc.field or "_schema"
    message = message_of(exc)
    return json_error(422, message, {"json": {field: [message]}})


def conflict_json(exc: ConflictError):
    return json_error(409, message_of(exc))


def not_found_json(_exc: NotFoundError):
    return json_error(404, gettext("记录不存在"))


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
    more_than = fields.Integer(metadata={"description": "Present when the rows were counted only up to this "
                                                        "many and more match: total and pages are then lower bounds."})


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
    at = Instant()


class VersionSchema(Schema):
    """Writes to an existing record carry the version the client last saw."""

    expected_version = Integer(required=True, metadata={"description": "乐观并发：客户端读取到的版本"})
