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
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance)

from core import context
from core.app import create_app
from core.auth import services as accounts
from core.demo import create_demo

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
MAX_EXAMPLES = int(os.environ.get("ZHIBU_SCHEMATHESIS_EXAMPLES", "8"))


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
        create_demo(k, progress=lambda _m: None)
        with context.acting(context.system("test", source="test")):
            app.tokens = {role: accounts.issue_token(k, username, "schemathesis")
                          for role, username in ACCOUNTS.items()}
    yield app
    k.close()
    if url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="module")
def api_schema(demo_app):
    config = SchemathesisConfig.from_dict({
        # Requests go to the demo school, where there is data to read and write.
        "parameters": {"path.tenant": "no1"},
    })
    return schemathesis.openapi.from_wsgi("/api/openapi.json", demo_app, config=config)


@pytest.mark.parametrize("role", sorted(ACCOUNTS))
def test_every_answer_matches_the_openapi_document(api_schema, demo_app, role):
    headers = {"Authorization": f"Bearer {demo_app.tokens[role]}"}
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @hypothesis.settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                                 phases=[Phase.generate], suppress_health_check=list(HealthCheck))
            @hypothesis.given(case=operation.as_strategy(generation_mode=mode, path_parameters={"tenant": "no1"}))
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS)
            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                pass  # nothing about this operation can be made invalid (negative mode)
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001  (report every operation, not the first)
                failures.append(f"{operation.label} ({mode.value}):\n{str(exc)[:REPORT_CHARS]}")
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)
