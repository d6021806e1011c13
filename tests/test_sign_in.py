"""Sign-in that resists guessing without locking people out: throttling per (account, address) with
growing delays, a per-address ceiling that never refuses another account's correct password, the same
work for unknown usernames, a password policy, and administrators who unlock, deactivate, reactivate."""
import statistics
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner

from core.auth import services
from core.auth.domain import AccountError
from core.cli import _attach_plugin_commands, cli
from core.eventstore import DISTRICT
from core.testing import PASSWORD, csrf_token

NEUTRAL = "用户名或密码不正确"


def attempt(client, username, password, address="10.1.1.1"):
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_token(client)},
                       environ_base={"REMOTE_ADDR": address})


def district_events(k, name):
    log = k.stores.log(DISTRICT)
    return [log.mapper.to_domain_event(n) for n in log.recorder.select_notifications(start=1, limit=10_000)
            if n.topic.endswith(f"User.{name}")]


def test_failures_from_one_address_do_not_lock_the_owner_out_elsewhere(app, make_user):
    name = make_user()
    attacker, owner = app.test_client(), app.test_client()
    for _ in range(5):
        assert attempt(attacker, name, "wrong-guess", "203.0.113.9").status_code == 401
    assert attempt(attacker, name, PASSWORD, "203.0.113.9").status_code == 429
    assert attempt(owner, name, PASSWORD, "198.51.100.7").status_code == 302


def test_the_pair_waits_one_minute_after_five_failures_then_twice_as_long(app, make_user, wall_clock):
    name = make_user()
    client = app.test_client()
    for _ in range(5):
        attempt(client, name, "wrong-guess")
    assert attempt(client, name, PASSWORD).status_code == 429
    wall_clock.set(wall_clock.now + timedelta(seconds=61))
    assert attempt(client, name, "wrong-again").status_code == 401   # the sixth failure: two minutes
    wall_clock.set(wall_clock.now + timedelta(seconds=90))
    refused = attempt(client, name, PASSWORD)
    assert refused.status_code == 429 and "次数过多" in refused.get_data(as_text=True)
    wall_clock.set(wall_clock.now + timedelta(seconds=31))
    assert attempt(client, name, PASSWORD).status_code == 302


def test_an_address_over_its_ceiling_still_lets_another_account_sign_in(app, make_user):
    teacher, other = make_user(), make_user()
    school = app.test_client()
    for i in range(25):  # a pupil behind the school's NAT tries many names
        attempt(school, f"guess{i}", "wrong-guess", "192.0.2.50")
    assert attempt(school, teacher, PASSWORD, "192.0.2.50").status_code == 302
    # over the ceiling one wrong password is enough to hold that account back from this address
    assert attempt(app.test_client(), other, "wrong-guess", "192.0.2.50").status_code == 401
    assert attempt(app.test_client(), other, PASSWORD, "192.0.2.50").status_code == 429
    assert attempt(app.test_client(), other, PASSWORD, "198.51.100.7").status_code == 302


def test_messages_do_not_reveal_whether_the_username_exists(app, make_user):
    name = make_user()
    client = app.test_client()
    known, unknown = attempt(client, name, "wrong-guess"), attempt(client, "nobody-here", "wrong-guess")
    assert known.status_code == unknown.status_code == 401
    assert NEUTRAL in known.get_data(as_text=True) and NEUTRAL in unknown.get_data(as_text=True)
    for _ in range(5):
        a, b = attempt(client, name, "wrong-guess"), attempt(client, "nobody-here", "wrong-guess")
    assert a.status_code == b.status_code == 429


def test_known_and_unknown_usernames_take_the_same_time(app, make_user):
    name = make_user()
    app.config["ZHIBU_LOGIN_MAX_FAILURES"] = 1000  # measure the password check, not the throttle
    client = app.test_client()
    token = csrf_token(client)
    timings = {"known": [], "unknown": []}

    def timed(kind, username, i):
        started = time.perf_counter()
        response = client.post("/login", data={"username": username, "password": "wrong-guess", "csrf_token": token},
                    environ_base={"REMOTE_ADDR": f"10.9.{i}.{1 if kind == 'known' else 2}"})
        timings[kind].append(time.perf_counter() - started)
        assert response.status_code == 401

    timed("unknown", "warm-up", 250)
    timings["unknown"].clear()
    for i in range(20):
        timed("known", name, i)
        timed("unknown", f"nobody{i}", i)
    known, unknown = statistics.median(timings["known"]), statistics.median(timings["unknown"])
    assert abs(known - unknown) <= 0.25 * max(known, unknown), (known, unknown)


def test_a_lock_is_an_event_with_the_address_and_the_unlock_an_event_with_who_and_why(app, k, make_user, login_as):
    name = make_user()
    client = app.test_client()
    for _ in range(5):
        attempt(client, name, "wrong-guess", "203.0.113.9")
    locked = district_events(k, "SignInLocked")
    assert len(locked) == 1 and locked[0].address == "203.0.113.9" and locked[0].failures == 5
    assert locked[0].meta["reason"]
    admin = login_as("district_admin")
    page = admin.get("/district/users").get_data(as_text=True)
    assert "登录受限" in page
    done = admin.post(f"/district/users/{name}/unlock", data={"reason": "本人电话确认", "csrf_token": admin.csrf()})
    assert done.status_code == 302
    unlocked = district_events(k, "SignInUnlocked")
    assert unlocked[0].meta["actor_name"] == admin.username and unlocked[0].meta["reason"] == "本人电话确认"
    assert attempt(client, name, PASSWORD, "203.0.113.9").status_code == 302


@pytest.mark.parametrize("password, sentence", [
    ("12345678", "至少 10 位"),
    ("short-pw1", "至少 10 位"),
    ("x" * 129, "不能超过 128 位"),
    ("x" * 100_000, "不能超过 128 位"),
    ("1234567890", "太常见"),
    ("password123", "太常见"),
    ("qwertyuiop", "太常见"),
    ("Zhangsan-2024", "不能与用户名相同"),
])
def test_the_password_policy(k, actor, password, sentence):
    with pytest.raises(AccountError) as refused:
        services.create_user(k, "zhangsan-2024", "张三", password)
    assert sentence in refused.value.message


def test_the_account_page_refuses_a_weak_new_password(tenant, login_as):
    client = login_as("member", tenant, username="teacher-wang")
    page = client.post("/account", data={"_form": "p", "p-current": PASSWORD, "p-password": "Teacher-Wang",
                                         "csrf_token": client.csrf()})
    assert "不能与用户名相同" in page.get_data(as_text=True)


def test_the_minimum_length_is_configurable(tmp_path, monkeypatch):
    from core.config import settings_from_env
    monkeypatch.setenv("ZHIBU_PASSWORD_MIN_LENGTH", "14")
    assert settings_from_env({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})["ZHIBU_PASSWORD_MIN_LENGTH"] == 14


def test_a_good_password_is_accepted(k, actor):
    services.create_user(k, "lisi", "李四", "correct horse battery")


def test_the_administrator_deactivates_and_reactivates_on_the_users_page(app, k, make_user, login_as):
    name = make_user()
    admin = login_as("district_admin")
    no_reason = admin.post(f"/district/users/{name}/deactivate", data={"csrf_token": admin.csrf()})
    assert no_reason.status_code == 302 and not district_events(k, "Deactivated")
    admin.post(f"/district/users/{name}/deactivate", data={"reason": "调离本区", "csrf_token": admin.csrf()})
    assert attempt(app.test_client(), name, PASSWORD).status_code == 403
    admin.post(f"/district/users/{name}/reactivate", data={"reason": "调回本区", "csrf_token": admin.csrf()})
    assert attempt(app.test_client(), name, PASSWORD).status_code == 302
    (off,), (on,) = district_events(k, "Deactivated"), district_events(k, "Reactivated")
    assert off.meta["reason"] == "调离本区" and off.meta["actor_name"] == admin.username
    assert on.meta["reason"] == "调回本区"


def test_only_the_district_administrator_may_deactivate(app, tenant, make_user, login_as):
    name = make_user()
    secretary = login_as("secretary", tenant)
    assert secretary.post(f"/district/users/{name}/deactivate",
                          data={"reason": "x", "csrf_token": secretary.csrf()}).status_code == 403


def test_deactivate_reactivate_and_unlock_through_the_api(app, k, make_user, api_as):
    name = make_user()
    admin = api_as("district_admin")
    assert admin.post(f"/api/v1/district/users/{name}/deactivate", json={}).status_code == 422
    r = admin.post(f"/api/v1/district/users/{name}/deactivate", json={"reason": "离职"})
    assert r.status_code == 200 and r.json["active"] is False
    stale = admin.post(f"/api/v1/district/users/{name}/reactivate",
                       json={"reason": "返聘", "expected_version": r.json["version"] - 1})
    assert stale.status_code == 409
    r = admin.post(f"/api/v1/district/users/{name}/reactivate",
                   json={"reason": "返聘", "expected_version": r.json["version"]})
    assert r.status_code == 200 and r.json["active"] is True
    for _ in range(5):
        attempt(app.test_client(), name, "wrong-guess")
    r = admin.post(f"/api/v1/district/users/{name}/unlock", json={"reason": "核实身份"})
    assert r.status_code == 200 and r.json["locked"] is False
    assert [e.meta["reason"] for e in district_events(k, "Deactivated")] == ["离职"]
    assert [e.meta["reason"] for e in district_events(k, "Reactivated")] == ["返聘"]
    assert [e.meta["reason"] for e in district_events(k, "SignInUnlocked")] == ["核实身份"]
    inspector = api_as("inspector")
    assert inspector.post(f"/api/v1/district/users/{name}/deactivate", json={"reason": "x"}).status_code == 403


def test_deactivate_reactivate_and_unlock_from_the_command_line(app, k, make_user):
    name = make_user()
    _attach_plugin_commands()
    runner = CliRunner()
    assert runner.invoke(cli, ["user", "deactivate", name]).exit_code != 0  # --reason is required
    assert runner.invoke(cli, ["user", "deactivate", name, "--reason", "离职"]).exit_code == 0
    assert attempt(app.test_client(), name, PASSWORD).status_code == 403
    assert runner.invoke(cli, ["user", "reactivate", name, "--reason", "返聘"]).exit_code == 0
    for _ in range(5):
        attempt(app.test_client(), name, "wrong-guess")
    result = runner.invoke(cli, ["user", "unlock", name, "--reason", "核实身份"])
    assert result.exit_code == 0, result.output
    assert attempt(app.test_client(), name, PASSWORD).status_code == 302
    assert [e.meta["source"] for e in district_events(k, "Deactivated")] == ["cli"]
    assert [e.meta["reason"] for e in district_events(k, "SignInUnlocked")] == ["核实身份"]
