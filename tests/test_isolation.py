"""One school never sees another's data: every route of school B refuses a user of school A."""
import re
import uuid

import pytest

from tests import sample_plugin


@pytest.fixture
def extra_plugins():
    return (sample_plugin,)


def concrete_urls(app, tenant: str):
    """Every registered route that takes a tenant, filled in for ``tenant``, with its methods."""
    for rule in app.url_map.iter_rules():
        if "tenant" not in rule.arguments:
            continue
        values = {"tenant": tenant}
        for arg in rule.arguments - {"tenant"}:
            converter = rule._converters.get(arg)
            kind = type(converter).__name__ if converter else ""
            values[arg] = (uuid.uuid4() if "UUID" in kind else 2026 if "Year" in kind else 1 if "Integer" in kind
                           else sorted(converter.items)[0] if hasattr(converter, "items")
                           else "2026-01-01" if "date" in arg else "x")
        with app.test_request_context():
            from flask import url_for
            url = url_for(rule.endpoint, **values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


# A school's public board (党务公开) is for everyone, signed in or not, of any school: it shows only the
# items that school publishes to everyone (plugins/disclosure/tests/test_views.py). Nothing else may be.
PUBLIC_ENDPOINTS = {"disclosure_public.board"}


def test_a_user_of_school_a_is_refused_on_every_route_of_school_b(app, tenant, other_tenant, login_as, api_as):
    page_user = login_as("secretary", tenant)
    api_user = api_as("secretary", tenant)
    token = page_user.csrf()
    checked = 0
    public = set()
    for endpoint, method, url in concrete_urls(app, other_tenant):
        if url.startswith("/public/"):
            public.add(endpoint)
            continue
        if url.startswith("/api/"):
            response = getattr(api_user, method.lower())(url, json={})
        else:
            data = {"csrf_token": token} if method != "GET" else None
            response = page_user.open(url, method=method, data=data)
        assert response.status_code in (403, 404), (endpoint, method, url, response.status_code)
        body = response.get_data(as_text=True)
        assert other_tenant not in re.sub(r"/t/[^\"' ]+", "", body) or response.status_code == 404, endpoint
        checked += 1
    assert checked >= 10  # the core, members and the sample plugin at least
    assert public == PUBLIC_ENDPOINTS


def test_the_same_user_reaches_those_routes_of_their_own_school(app, tenant, login_as):
    page_user = login_as("secretary", tenant)
    assert page_user.get(f"/t/{tenant}/").status_code == 200
    assert page_user.get(f"/t/{tenant}/members/").status_code == 200
    assert page_user.get(f"/t/{tenant}/sample/").status_code == 200


def test_school_users_are_refused_district_pages(tenant, login_as):
    secretary = login_as("secretary", tenant)
    for url in ("/district/", "/district/schools/", "/district/users"):
        assert secretary.get(url).status_code == 403, url


def test_an_unknown_school_is_404(tenant, login_as):
    secretary = login_as("secretary", tenant)
    assert secretary.get("/t/no-such-school/").status_code == 404
    assert secretary.get("/api/v1/t/no-such-school/members/members").status_code == 404


def test_a_disabled_plugin_answers_404_and_leaves_navigation_and_alerts(app, make_tenant, login_as, api_as):
    bare = make_tenant("bare", plugins=[])
    full = make_tenant("full", plugins=["sample"])
    for slug, enabled in ((bare, False), (full, True)):
        client = login_as("secretary", slug)
        api = api_as("secretary", slug)
        page = client.get(f"/t/{slug}/sample/")
        write = api.post(f"/api/v1/t/{slug}/sample/notes", json={"text": "x"})
        home = client.get(f"/t/{slug}/").get_data(as_text=True)
        if enabled:
            assert page.status_code == 200 and write.status_code == 201
            assert "示例模块" in home and "示例提醒" in home
        else:
            assert page.status_code == 404 and write.status_code == 404
            assert write.json["code"] == 404
            assert "示例模块" not in home and "示例提醒" not in home


def test_every_route_declares_the_action_it_performs(app):
    undeclared = []
    for endpoint, view in app.view_functions.items():
        if endpoint in ("static", "api-docs.openapi_json") or endpoint.endswith(".static"):
            continue
        if not hasattr(view, "_zhibu_action"):
            undeclared.append(endpoint)
    assert undeclared == []
