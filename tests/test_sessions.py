"""Server-side sessions (会话): the cookie carries only a random id; logout, a password change and
deactivation end sessions at once; idle and absolute limits; the account page lists and ends them."""
import re
from datetime import timedelta

from sqlalchemy import select

from core.auth.models import api_tokens
from core.db import sessions as session_rows
from core.testing import PASSWORD, login


def cookie_of(client) -> str:
    return client.get_cookie("session").value


def signed_in_as(app, cookie: str):
    """A fresh browser that presents a captured session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def is_signed_out(response) -> bool:
    return response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_cookie_carries_only_a_random_id_and_the_store_keeps_its_hash(app, k, tenant, login_as):
    client = login_as("member", tenant)
    value = cookie_of(client)
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", value)  # no signed payload, no user id
    with k.engine.connect() as conn:
        rows = conn.execute(select(session_rows)).all()
    assert value not in {r.id_hash for r in rows}
    assert any(r.user_id is not None for r in rows)


def test_the_session_id_changes_at_login(app, make_user):
    client = app.test_client()
    name = make_user()
    client.get("/login")
    before = cookie_of(client)
    login(client, name)
    assert cookie_of(client) != before
    assert is_signed_out(signed_in_as(app, before).get("/account"))


def test_a_cookie_captured_before_logout_is_signed_out_after_it(app, tenant, login_as):
    client = login_as("member", tenant)
    captured = cookie_of(client)
    assert signed_in_as(app, captured).get(f"/t/{tenant}/").status_code == 200
    client.post("/logout", data={"csrf_token": client.csrf()})
    assert is_signed_out(signed_in_as(app, captured).get(f"/t/{tenant}/"))


def test_a_password_change_ends_every_other_session_and_asks_for_the_current_password(app, tenant, login_as):
    client = login_as("member", tenant)
    elsewhere = app.test_client()
    login(elsewhere, client.username)
    captured = cookie_of(elsewhere)
    wrong = client.post("/account", data={"_form": "p", "p-current": "not-my-password", "p-password": "a-new-long-secret",
                                          "csrf_token": client.csrf()})
    assert "当前密码不正确" in wrong.get_data(as_text=True)
    assert login(app.test_client(), client.username, "a-new-long-secret").status_code == 401
    changed = client.post("/account", data={"_form": "p", "p-current": PASSWORD, "p-password": "a-new-long-secret",
                                            "csrf_token": client.csrf()})
    assert changed.status_code == 302
    assert is_signed_out(signed_in_as(app, captured).get(f"/t/{tenant}/"))
    assert client.get(f"/t/{tenant}/").status_code == 200  # the browser that changed it stays signed in
    assert login(app.test_client(), client.username, "a-new-long-secret").status_code == 302


def test_deactivation_ends_every_session_and_revokes_api_tokens(app, k, tenant, login_as, make_user):
    admin = login_as("district_admin")
    person = login_as("member", tenant)
    captured = cookie_of(person)
    page = person.post("/account", data={"_form": "t", "t-label": "脚本", "csrf_token": person.csrf()})
    token = re.search(r'<code class="token">([^<]+)</code>', page.get_data(as_text=True)).group(1)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get(f"/api/v1/t/{tenant}/members/members", headers=headers).status_code == 200
    done = admin.post(f"/district/users/{person.username}/deactivate",
                      data={"reason": "调离本区", "csrf_token": admin.csrf()})
    assert done.status_code == 302
    assert is_signed_out(signed_in_as(app, captured).get(f"/t/{tenant}/"))
    assert api.get(f"/api/v1/t/{tenant}/members/members", headers=headers).status_code == 401
    with k.engine.connect() as conn:
        assert all(r.revoked_at is not None for r in conn.execute(select(api_tokens)).all())
    assert login(app.test_client(), person.username).status_code == 403


def test_an_idle_session_ends_after_the_idle_timeout(app, tenant, login_as, wall_clock):
    client = login_as("member", tenant)
    wall_clock.set(wall_clock.now + timedelta(minutes=29))
    assert client.get(f"/t/{tenant}/").status_code == 200
    wall_clock.set(wall_clock.now + timedelta(minutes=29))
    assert client.get(f"/t/{tenant}/").status_code == 200  # each request keeps it alive
    wall_clock.set(wall_clock.now + timedelta(minutes=31))
    response = client.get(f"/t/{tenant}/")
    assert is_signed_out(response)
    assert "已超时" in client.get("/login").get_data(as_text=True)


def test_an_active_session_ends_at_its_absolute_lifetime(app, tenant, login_as, wall_clock):
    client = login_as("member", tenant)
    for _ in range(35):  # active every 20 minutes for 11 h 40 min
        wall_clock.set(wall_clock.now + timedelta(minutes=20))
        assert client.get(f"/t/{tenant}/").status_code == 200
    wall_clock.set(wall_clock.now + timedelta(minutes=21))  # 12 h 01 min after sign-in, idle only 21 min
    assert is_signed_out(client.get(f"/t/{tenant}/"))


def test_the_limits_come_from_the_configuration(tmp_path, database, monkeypatch):
    from core.config import settings_from_env
    monkeypatch.setenv("ZHIBU_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("ZHIBU_SESSION_MAX_HOURS", "2")
    settings = settings_from_env({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert settings["ZHIBU_SESSION_IDLE_MINUTES"] == 5 and settings["ZHIBU_SESSION_MAX_HOURS"] == 2


def test_the_account_page_lists_sessions_and_ends_one(app, tenant, login_as):
    client = login_as("member", tenant)
    elsewhere = app.test_client()
    login(elsewhere, client.username, PASSWORD)
    html = client.get("/account").get_data(as_text=True)
    assert "当前会话" in html and "127.0.0.1" in html
    ends = re.findall(r'action="(/account/sessions/[^"]+/end)"', html)
    assert len(ends) == 2
    this_one = re.search(r'data-current action="(/account/sessions/[^"]+/end)"', html).group(1)
    other = next(url for url in ends if url != this_one)
    assert client.post(other).status_code == 400  # CSRF required
    assert client.post(other, data={"csrf_token": client.csrf()}).status_code == 302
    assert is_signed_out(elsewhere.get(f"/t/{tenant}/"))
    assert client.get(f"/t/{tenant}/").status_code == 200
