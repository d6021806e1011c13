"""Every write operation of the API is called once, with a valid request, by a story in one of the
API-writes modules (plugins/<name>/tests/test_api_writes.py). Those tests use api_as, so `make test`
runs them in both modes: inline projections, and inline projections off beside a worker."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from core.testing import WRITE_METHODS

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = sorted(d.name for d in (ROOT / "plugins").iterdir() if (d / "plugin.py").exists())
MODULES = [*sorted(ROOT.glob("plugins/*/tests/test_api_writes.py")), Path(__file__)]   # core writes, if any, here


def declared_operations() -> dict[str, str]:
    """Operation → the test that declares it covers it (@pytest.mark.covers)."""
    declared: dict[str, str] = {}
    for path in MODULES:
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, test in vars(module).items():
            for mark in getattr(test, "pytestmark", ()) if name.startswith("test_") else ():
                if mark.name == "covers":
                    declared.update((op, f"{module.__name__}::{name}") for op in mark.args)
    return declared


def document_operations(app) -> set[str]:
    spec = app.test_client().get("/api/openapi.json").json
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items()
            for method in item if method.upper() in WRITE_METHODS}


def test_every_write_operation_of_the_openapi_document_is_covered_by_an_api_writes_story(app):
    documented, declared = document_operations(app), declared_operations()
    assert [p.parts[-3] for p in MODULES[:-1]] == PLUGINS, "every plugin keeps a tests/test_api_writes.py"
    uncovered = sorted(documented - declared.keys())
    assert not uncovered, "no API-writes story calls these successfully:\n" + "\n".join(uncovered)
    unknown = sorted(f"{op} ({where})" for op, where in declared.items() if op not in documented)
    assert not unknown, "declared but not in the OpenAPI document:\n" + "\n".join(unknown)


@pytest.mark.usefixtures("api_writes")
@pytest.mark.covers(
    "POST /api/v1/district/users/{username}/deactivate",
    "POST /api/v1/district/users/{username}/reactivate",
    "POST /api/v1/district/users/{username}/unlock",
)
def test_the_district_administrator_deactivates_reactivates_and_unlocks_an_account(api_as, make_user, tenant):
    api = api_as("district_admin")
    name = make_user("secretary", tenant)
    base = f"/api/v1/district/users/{name}"
    r = api.post(f"{base}/deactivate", json={"reason": "调离本区"})
    assert r.status_code == 200, r.json
    assert r.json["active"] is False
    r = api.post(f"{base}/reactivate", json={"reason": "调回本区", "expected_version": r.json["version"]})
    assert r.status_code == 200 and r.json["active"] is True
    r = api.post(f"{base}/unlock", json={"reason": "本人确认", "expected_version": r.json["version"]})
    assert r.status_code == 200 and r.json["locked"] is False


@pytest.mark.usefixtures("api_writes")
@pytest.mark.covers("POST /api/v1/district/schools/{slug}/records-from")
def test_the_district_administrator_moves_the_start_of_a_schools_records(api_as, tenant, clock):
    api = api_as("district_admin")
    r = api.post(f"/api/v1/district/schools/{tenant}/records-from",
                 json={"records_from": "2026-09-01", "reason": "九月起使用本系统"})
    assert r.status_code == 200, r.json
    assert api.get(f"/api/v1/district/schools/{tenant}").json["records_from"] == "2026-09-01"
