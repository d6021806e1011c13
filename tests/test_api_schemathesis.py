"""The API answers what its OpenAPI document declares, for every operation and every kind of user.

Schemathesis generates requests from ``/api/openapi.json`` and sends them through the WSGI app of
the demo district (built once for the module), with a bearer token per role. Any 5xx, any answer
that does not match its declared schema, status or content type fails the test. Generation is
derandomised and bounded, so a run is repeatable and fits CI.
"""
from __future__ import annotations

import os
import uuid

import hypothesis
import hypothesis.errors
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.generation import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance)

from core import context
from core.app import create_app
from core.auth import services as accounts
from core.demo import SCHOOLS, create_demo

# role → the demo account that holds it (core.demo); the school ones act in school ``no1``.
ACCOUNTS = {
    "district_admin": "admin",
    "inspector": "inspector",
    "secretary": "no1-secretary",
    "org": "no1-org",
    "member": "no1-member",
}
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
REPORT_CHARS = 2000
# Examples per operation of valid input, by role. The secretary (school) and the district
# administrator may do the most; the others mostly meet 403s, which need few examples.
VALID_EXAMPLES = {"secretary": 4, "district_admin": 4, "org": 2, "member": 2, "inspector": 2}
# Invalid input is refused alike whoever sends it: the secretary sends it to the school's operations,
# the district administrator to the district's.
INVALID_EXAMPLES = 4
# ZHIBU_SCHEMATHESIS_SCALE multiplies the examples for a deeper run.
SCALE = float(os.environ.get("ZHIBU_SCHEMATHESIS_SCALE", "1"))


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    """The demo district on a fresh store (SQLite, or a PostgreSQL schema of its own)."""
    url = os.environ.get("ZHIBU_TEST_DATABASE_URL")
    schema = f"zt_{uuid.uuid4().hex[:12]}" if url else ""
    if url:
        import psycopg  # noqa: PLC0415  (only the PostgreSQL run needs it)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app(config={
        "INSTANCE_PATH": str(tmp_path_factory.mktemp("schemathesis") / "instance"),
        "DATABASE_URL": url, "DATABASE_SCHEMA": schema, "SECRET_KEY": "test-secret", "TESTING": True,
    })
    k = app.extensions["zhibu"]
    k.init_storage()
    with app.app_context():
        create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])  # no1, where requests go
        with context.acting(context.system("test", source="test")):
            app.tokens = {role: accounts.issue_token(k, username, "schemathesis")
                          for role, username in ACCOUNTS.items()}
    yield app
    k.close()
    if url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


# path parameter → (a list the demo school answers, the key of an item) to find a real record by
KNOWN_RECORDS = {
    "member_id": ("/api/v1/t/no1/members/members", "id"),
    "meeting_id": ("/api/v1/t/no1/meetings/meetings", "id"),
    "case_id": ("/api/v1/t/no1/development/cases", "id"),
    "commitment_id": ("/api/v1/t/no1/integrity/commitments", "id"),
    "pair_id": ("/api/v1/t/no1/integrity/pairs", "id"),
    "post_id": ("/api/v1/t/no1/integrity/posts", "id"),
    "track_id": ("/api/v1/t/no1/assessment/tracks", "id"),
    "receipt_no": ("/api/v1/t/no1/dues/payments", "receipt_no"),
    "transfer_id": ("/api/v1/t/no1/members/transfers", "id"),
    "remittance_id": ("/api/v1/t/no1/dues/remittances", "id"),
    "task_id": ("/api/v1/t/no1/tasks/", "task_id"),
    "report_id": ("/api/v1/t/no1/tasks/info", "id"),
    "hardship_id": ("/api/v1/t/no1/care/hardship", "id"),
    "away_id": ("/api/v1/t/no1/care/away", "id"),
}


@pytest.fixture(scope="module")
def api_schema(demo_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", demo_app)


@pytest.fixture(scope="module")
def known_path_values(demo_app):
    """Real records of the demo school, so that generated requests also reach existing ones."""
    client = demo_app.test_client()
    headers = {"Authorization": f"Bearer {demo_app.tokens['secretary']}"}
    values = {"tenant": "no1", "year": demo_app.extensions["zhibu"].today().year, "log": "no1"}
    for name, (url, key) in KNOWN_RECORDS.items():
        answer = client.get(url, headers=headers).json
        items = answer.get("items", []) if isinstance(answer, dict) else answer
        if items:
            values[name] = str(items[0][key])
    return values


def check_operation(operation, mode, examples, headers, path_parameters) -> str | None:
    """Generate requests for one operation and check every answer; what went wrong, if anything."""
    @hypothesis.settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                         phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)
    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        return None  # nothing about this operation can be made invalid (negative mode)
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001  (report every operation, not the first)
        return f"{operation.label} ({mode.value}, {sorted(path_parameters)}):\n{str(exc)[:REPORT_CHARS]}"
    return None


@pytest.mark.parametrize("role", sorted(ACCOUNTS))
def test_every_answer_matches_the_openapi_document(api_schema, demo_app, known_path_values, role):
    headers = {"Authorization": f"Bearer {demo_app.tokens[role]}"}
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        known = {name: known_path_values[name] for name in names if name in known_path_values}
        school = {"tenant": "no1"} if "tenant" in names else {}
        valid = max(1, round(VALID_EXAMPLES[role] * SCALE))
        invalid = max(1, round(INVALID_EXAMPLES * SCALE))
        runs = [(GenerationMode.POSITIVE, valid, school)]
        if set(known) == names and names - {"tenant"}:
            runs.append((GenerationMode.POSITIVE, valid, known))  # an existing record, not only made-up ones
        if role == ("secretary" if "tenant" in names else "district_admin"):
            runs.append((GenerationMode.NEGATIVE, invalid, school))
        for mode, examples, path_parameters in runs:
            failure = check_operation(operation, mode, examples, headers, path_parameters)
            if failure:
                failures.append(failure)
    assert not failures, f"{len(failures)} runs failed:\n\n" + "\n\n".join(failures)
