"""Sign-in, CSRF, throttling, roles and tokens; administration acts land in the district log."""
from datetime import timedelta

from core.eventstore import DISTRICT
from core.testing import PASSWORD, csrf_token, login


def district_topics(k):
    log = k.stores.log(DISTRICT)
    return [n.topic.split(":")[1] for n in log.recorder.select_notifications(start=1, limit=10_000)]


def test_passwords_are_stored_hashed_with_a_kdf(k, make_user):
    name = make_user()
    from core.auth.queries import get_user_row
    with k.engine.connect() as conn:
        row = get_user_row(conn, name)
    assert PASSWORD not in row.password_hash and row.password_hash.startswith("scrypt:")


def test_a_form_without_a_csrf_token_is_refused_and_changes_nothing(k, login_as):
    admin = login_as("district_admin")
    response = admin.post("/district/schools/", data={"_form": "school", "slug": "nocsrf", "name": "无令牌"})
    assert response.status_code == 400
    assert "nocsrf" not in k.tenant_slugs()
    ok = admin.post("/district/schools/", data={"_form": "school", "slug": "withcsrf", "name": "有令牌",
                                                  "csrf_token": admin.csrf()})
    assert ok.status_code == 302 and "withcsrf" in k.tenant_slugs()


def test_login_is_throttled_after_repeated_failures(app, k, make_user, wall_clock):
    name = make_user()
    client = app.test_client()
    for _ in range(5):
        assert login(client, name, "wrong-password").status_code == 401
    throttled = login(client, name)  # even the right password is refused for now
    assert throttled.status_code == 429
    assert "次数过多" in throttled.get_data(as_text=True)
    wall_clock.set(wall_clock.now + timedelta(minutes=16))
    assert login(client, name).status_code == 302


def test_session_cookie_is_http_only_and_samesite(app, make_user):
    client = app.test_client()
    name = make_user()
    response = login(client, name)
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_ends_the_session(app, tenant, login_as):
    client = login_as("member", tenant)
    assert client.get(f"/t/{tenant}/").status_code == 200
    client.post("/logout", data={"csrf_token": client.csrf()})
    assert client.get(f"/t/{tenant}/").status_code == 302


def test_tenant_creation_plugin_toggles_and_role_grants_are_district_events(k, login_as, make_user):
    admin = login_as("district_admin")
    token = admin.csrf()
    admin.post("/district/schools/", data={"_form": "school", "slug": "no9", "name": "第九中学", "csrf_token": token})
    admin.post("/district/schools/no9", data={"action": "disable", "plugin": "dues", "csrf_token": token})
    admin.post("/district/schools/no9", data={"action": "enable", "plugin": "dues", "csrf_token": token})
    person = make_user()
    granted = admin.post("/district/users", data={"_form": "g", "g-username": person, "g-role": "secretary",
                                                  "g-tenant": "no9", "csrf_token": token})
    assert granted.status_code == 302
    admin.post("/district/users/revoke", data={"username": person, "role": "secretary", "tenant": "no9",
                                               "csrf_token": token})
    topics = district_topics(k)
    for expected in ("School.Registered", "School.PluginDisabled", "School.PluginEnabled",
                     "User.RoleGranted", "User.RoleRevoked"):
        assert expected in topics, expected
    log = k.stores.log(DISTRICT)
    disabled = [log.mapper.to_domain_event(n) for n in log.recorder.select_notifications(start=1, limit=1000)
                if n.topic.endswith("School.PluginDisabled")][0]
    assert disabled.meta["actor_name"] == admin.username and disabled.plugin == "dues"


def test_a_person_may_hold_roles_in_several_schools(make_tenant, make_user, k, actor, app):
    from core.auth import services
    a, b = make_tenant(), make_tenant()
    name = make_user("secretary", a)
    services.grant_role(k, name, "member", b)
    client = app.test_client()
    login(client, name)
    assert client.get(f"/t/{a}/members/").status_code == 200
    assert client.get(f"/t/{b}/members/").status_code == 200
    assert client.get("/").status_code == 200  # a chooser between the two schools


def test_api_tokens_are_stored_hashed_and_can_be_revoked(app, k, tenant, login_as):
    client = login_as("secretary", tenant)
    page = client.post("/account", data={"_form": "t", "t-label": "脚本", "csrf_token": client.csrf()})
    html = page.get_data(as_text=True)
    import re
    token = re.search(r'<code class="token">([^<]+)</code>', html).group(1)
    from core.auth.models import api_tokens
    from sqlalchemy import select
    with k.engine.connect() as conn:
        stored = conn.execute(select(api_tokens)).all()
    assert token not in {r.token_hash for r in stored}
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get(f"/api/v1/t/{tenant}/members/members", headers=headers).status_code == 200
    client.post(f"/account/tokens/{stored[0].token_id}/revoke", data={"csrf_token": client.csrf()})
    assert api.get(f"/api/v1/t/{tenant}/members/members", headers=headers).status_code == 401


def test_api_errors_are_json(app, tenant, other_tenant, api_as):
    anonymous = app.test_client()
    r = anonymous.get(f"/api/v1/t/{tenant}/members/members")
    assert r.status_code == 401 and r.json["code"] == 401
    member = api_as("member", tenant)
    r = member.post(f"/api/v1/t/{tenant}/members/members", json={"name": "x"})
    assert r.status_code == 403 and r.json["code"] == 403
    r = api_as("secretary", tenant).post(f"/api/v1/t/{tenant}/members/members",
                                         json={"name": "x", "id_number": "123", "gender": "cat"})
    assert r.status_code == 422
    assert set(r.json["errors"]["json"]) >= {"id_number", "gender"}
    r = api_as("secretary", tenant).get(f"/api/v1/t/{tenant}/members/members/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    assert r.status_code == 404 and r.json["code"] == 404


def test_api_writes_need_a_bearer_token_not_a_cookie(tenant, login_as):
    client = login_as("secretary", tenant)
    r = client.post(f"/api/v1/t/{tenant}/members/members", json={"name": "x"})
    assert r.status_code == 401


def test_openapi_document_lists_school_routes(app):
    doc = app.test_client().get("/api/openapi.json").json
    assert any(path.startswith("/api/v1/t/{tenant}/members/") for path in doc["paths"])


def test_pages_switch_to_english(app, tenant, login_as):
    client = login_as("secretary", tenant)
    assert "党支部工作台" in client.get(f"/t/{tenant}/").get_data(as_text=True)
    client.get("/lang/en")
    assert "Branch workbench" in client.get(f"/t/{tenant}/").get_data(as_text=True)


def test_error_pages_are_friendly(app, login_as, tenant):
    client = login_as("member", tenant)
    r = client.get("/district/")
    assert r.status_code == 403 and "无权访问" in r.get_data(as_text=True)
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "页面不存在" in r.get_data(as_text=True)
