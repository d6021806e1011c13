"""The OpenAPI document at /api/openapi.json is valid OpenAPI 3.1 and says what the API really does."""
import warnings
from datetime import datetime, timezone

from marshmallow import Schema
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import OpenAPIV31SpecValidator

from core.api import json_error
from core.fields import Instant

ERROR_STATUSES = {"401", "403", "404", "422"}


def openapi(app) -> dict:
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json


def operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def test_no_two_schemas_share_a_name(app):
    """Two plugins' schemas of one class name (``FileOutSchema``) would be renamed ``FileOut1`` by apispec,
    with a warning nobody reads: each schema's name in the document must be its own."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        openapi(app)
    assert [str(w.message) for w in caught if "Multiple schemas resolved" in str(w.message)] == []


def test_the_openapi_document_is_valid_openapi_3_1(app):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in OpenAPIV31SpecValidator(openapi(app)).iter_errors()]
    assert errors == []


def test_every_operation_requires_a_bearer_token(app):
    spec = openapi(app)
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert spec["security"] == [{"bearerAuth": []}]
    assert all("security" not in operation for _p, _m, operation in operations(spec))


def test_every_operation_declares_its_error_statuses_with_the_one_error_schema(app):
    spec = openapi(app)
    for path, method, operation in operations(spec):
        declared = set(operation["responses"])
        assert ERROR_STATUSES <= declared, (method, path, declared)
        assert "default" not in declared, (method, path)
        if method != "get":
            assert "409" in declared, (method, path)
        for status in declared - {"200", "201", "202", "204"}:
            assert operation["responses"][status]["$ref"].startswith("#/components/responses/"), (path, status)
    for name in ("UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "UNPROCESSABLE_ENTITY", "BAD_REQUEST"):
        content = spec["components"]["responses"][name]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/Error"}


def test_every_operation_declares_what_it_answers_on_success(app):
    for path, method, operation in operations(openapi(app)):
        assert any(status.startswith("2") for status in operation["responses"]), (method, path)


def test_what_json_error_emits_matches_the_error_schema(app):
    spec = openapi(app)
    validator = OAS31Validator({**spec["components"]["schemas"]["Error"], "components": spec["components"]})
    for body, _status in (json_error(404, "记录不存在"),
                          json_error(422, "金额有误", {"json": {"amount": ["金额有误"]}})):
        validator.validate(body)


def test_decimal_bounds_and_defaults_are_numbers(app):
    spec = openapi(app)
    for schema in spec["components"]["schemas"].values():
        for prop in schema.get("properties", {}).values():
            if prop.get("type") == "number":
                for key in ("minimum", "maximum", "default"):
                    assert not isinstance(prop.get(key), str), prop


class _Moment(Schema):
    at = Instant(allow_none=True)


def test_an_instant_is_shown_with_the_offset_of_the_district_zone():
    aware = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
    assert _Moment().dump({"at": aware}) == {"at": "2026-11-23T10:00:00+08:00"}
    # SQLite gives back stored UTC instants without their zone: still UTC.
    assert _Moment().dump({"at": aware.replace(tzinfo=None)}) == {"at": "2026-11-23T10:00:00+08:00"}
    assert _Moment().dump({"at": None}) == {"at": None}


def test_a_path_value_out_of_range_is_404_whatever_the_method(app):
    client = app.test_client()
    assert client.get("/api/v1/district/assessment/sets/7440").status_code == 404
    refused = client.put("/api/v1/district/assessment/sets/7440", json={})
    assert refused.status_code == 404 and refused.json["code"] == 404
    assert client.delete("/api/v1/district/assessment/sets/2026").status_code == 405  # a real 405 stays
