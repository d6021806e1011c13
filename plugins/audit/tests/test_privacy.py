"""The audit history shows no secret, and masks ID numbers and phones unless a permitted viewer reveals
them with a reason (the reveal is itself recorded)."""
import inspect
import io
import re
from datetime import datetime, timedelta, timezone

import pytest
from eventsourcing.domain import Aggregate, event
from openpyxl import load_workbook
from sqlalchemy import select

from core import context
from core.auth import services as accounts
from core.eventstore import DISTRICT
from core.masking import Personal, declared_secrets, is_secret, mask, shown
from core.testing import login
from plugins.audit.models import access
from plugins.audit.queries import history, timetravel
from plugins.audit.rules.catalogue import registered_event_classes
from plugins.audit.tests.conftest import id_number, register
from plugins.audit.tests.test_views import assign
from plugins.development.domain import CaseRegister
from plugins.meetings import services as meeting_services
from plugins.members import services as member_services
from plugins.members.domain import MemberRegister

PHONE, NEW_PHONE = "13800138000", "13912345678"
SECRETS = ("password_hash", "token_hash", "scrypt:")


def access_rows(k):
    with k.engine.connect() as conn:
        return conn.execute(select(access).order_by(access.c.at)).all()


def text_of(response) -> str:
    """Everything a response says: the page, the JSON, or every cell of a workbook."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        wb = load_workbook(io.BytesIO(response.data))
        return "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    return response.data.decode("utf-8-sig")


def assert_no_secret(response, *values):
    assert response.status_code == 200, response.request.path
    text = text_of(response)
    for secret in (*SECRETS, *values):
        assert secret not in text, f"{secret!r} in {response.request.path}"


def log_ids(k, log):
    return [(n.id, n.originator_id) for n in k.stores.log(log).recorder.select_notifications(start=1, limit=10_000)]


@pytest.fixture
def member(school, k):
    """A member whose ID number and phone were corrected: before/after values of both."""
    ctx = context.system("test", source="test")
    with context.acting(ctx):
        member_id = register(k, school, "赵敏")
    old_id, new_id = k.stores.log(school).repository.get(member_id).fields["id_number"], id_number()
    moment = datetime.now(timezone.utc)
    with context.acting(ctx):
        member_services.correct_member(k, school, member_id, {"id_number": new_id, "phone": NEW_PHONE})
    return {"id": member_id, "old_id": old_id, "new_id": new_id, "between": moment}


# -- the rule, in one place ------------------------------------------------------------------
def test_secret_fields_are_dropped_at_any_depth_and_personal_fields_masked():
    data = {"password_hash": "scrypt:x", "tokens": {"ab": {"hash": "h", "label": "cli"}}, "token_id": "ab",
            "fields": {"id_number": "11010519800101002X", "phone": PHONE, "name": "张伟"},
            "changes": {"phone": {"before": PHONE, "after": NEW_PHONE}}, "api_key": "k"}
    out = shown(data, declared=frozenset({"api_key"}))
    assert out == {"tokens": {"ab": {"label": "cli"}}, "token_id": "ab",
                   "fields": {"id_number": "110105********002X", "phone": "138****8000", "name": "张伟"},
                   "changes": {"phone": {"before": "138****8000", "after": "139****5678"}}}
    revealed = shown(data, reveal=True)
    assert revealed["fields"]["id_number"] == "11010519800101002X" and "password_hash" not in revealed
    assert is_secret("token_hash") and is_secret("secret") and not is_secret("token_id") and not is_secret("sha256")
    assert mask("phone", PHONE) == "138****8000"


def test_declared_personal_fields_and_keys_are_masked_and_keys_that_mask_alike_stay_apart():
    data = {"before": "11010519800101002X", "numbers": {"110105198001011000": "a", "110105199901011000": "b"}}
    personal = Personal(fields={"before": "id_number"}, keys={"numbers": "id_number"})
    assert shown(data, personal=personal) == {
        "before": "110105********002X", "numbers": {"110105********1000": "a", "110105********1000#2": "b"}}
    assert shown(data, personal=personal, reveal=True) == data


def test_the_id_numbers_a_register_holds_under_other_names_are_masked(k, school, member):
    number = id_number()
    opened = MemberRegister(tenant=school, numbers={number: "m"}, derived_from={})
    cases = CaseRegister(tenant=school, open_cases={number: "c"}, derived_from={})
    for shown_state in (history.payload(opened.collect_events()[0]), timetravel.state_of(opened),
                        history.payload(cases.collect_events()[0]), timetravel.state_of(cases)):
        assert number not in str(shown_state) and mask("id_number", number) in str(shown_state)
    register = k.stores.log(school).repository.get(MemberRegister.create_id(school))
    state = timetravel.state_of(register)
    assert not any(v in str(state) for v in full_values(member)) and mask("id_number", member["new_id"]) in state["numbers"]
    assert timetravel.state_of(register, reveal=True)["numbers"][member["new_id"]] == str(member["id"])
    entered = list(k.stores.log(school).events.get(register.id))[-1]    # the correction's entry
    assert history.payload(entered)["before"] == mask("id_number", member["old_id"])
    assert history.payload(entered, reveal=True)["before"] == member["old_id"]


class Mailbox(Aggregate):
    """A made-up aggregate with a secret whose name the rule does not know."""

    secret_fields = ("login",)

    @event("Opened")
    def __init__(self, address: str, login: str):
        self.address, self.login = address, login


def test_an_aggregate_declares_further_secret_fields_for_its_events_and_state():
    box = Mailbox(address="a@b", login="s3cr3t")
    [opened] = box.collect_events()
    assert history.payload(opened) == {"address": "a@b"}
    assert timetravel.state_of(box) == {"address": "a@b"}


# -- secrets never leave the store ---------------------------------------------------------------
def test_no_password_or_token_hash_in_any_console_page_api_answer_or_export(login_as, api_as, school, k):
    admin = login_as("district_admin")
    api = api_as("district_admin")
    with context.acting(context.system("test", source="test")):
        accounts.change_password(k, admin.username, "another-password-2")
        accounts.issue_token(k, admin.username, "备用")
        feed = meeting_services.issue_feed_token(k, school, admin.username)   # a school's secret too
    login(admin, admin.username, "another-password-2")   # the new password ended every session of the account
    hashes = [e.token_hash for e in k.stores.log(DISTRICT).events.get(accounts.user_id(api.username))
              if hasattr(e, "token_hash")] + [meeting_services.hash_feed_token(feed)]
    topics = {log: [n.topic for n in k.stores.log(log).recorder.select_notifications(start=1, limit=10_000)]
              for log in (DISTRICT, school)}
    assert any(t.endswith("User.TokenIssued") for t in topics[DISTRICT])
    assert any(t.endswith("AttendeeProfile.FeedTokenIssued") for t in topics[school])
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    earlier = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    for log in (DISTRICT, school):
        assert_no_secret(admin.get(f"/audit/?school={log}&per_page=500"), *hashes)
        assert_no_secret(api.get(f"/api/v1/audit/events?school={log}&per_page=500"), *hashes)
        for fmt in ("csv", "jsonl", "xlsx"):
            assert_no_secret(admin.get(f"/audit/export?format={fmt}&school={log}"), *hashes)
            assert_no_secret(api.get(f"/api/v1/audit/exports?format={fmt}&school={log}"), *hashes)
        records = set()
        for nid, record in log_ids(k, log):
            assert_no_secret(admin.get(f"/audit/events/{log}/{nid}"), *hashes)
            assert_no_secret(api.get(f"/api/v1/audit/events/{log}/{nid}"), *hashes)
            records.add(record)
        for record in records:
            args = {"at": later, "compare": earlier}
            assert_no_secret(admin.get(f"/audit/records/{log}/{record}", query_string={"at": later}), *hashes)
            assert_no_secret(admin.get(f"/audit/records/{log}/{record}", query_string=args), *hashes)
            assert_no_secret(api.get(f"/api/v1/audit/records/{log}/{record}", query_string={"at": later}), *hashes)
            assert_no_secret(api.get(f"/api/v1/audit/records/{log}/{record}", query_string=args), *hashes)
    user = f"/api/v1/audit/records/{DISTRICT}/{accounts.user_id(api.username)}"
    state = api.get(user, query_string={"at": later}).get_json()["as_of"]["state"]
    assert state["username"] == api.username and list(state["tokens"].values())[0]["label"] == "test"


# -- personal data masked by default ---------------------------------------------------------
def full_values(member):
    return (member["old_id"], member["new_id"], PHONE, NEW_PHONE)


def masked_values(member):
    return (mask("id_number", member["old_id"]), mask("id_number", member["new_id"]), "138****8000", "139****5678")


def assert_masked(response, member, *, revealed=False):
    assert response.status_code == 200, (response.request.path, response.status_code)
    text = text_of(response)
    if revealed:
        assert all(v in text for v in full_values(member)[1:] if v), response.request.path
        return
    for value in full_values(member):
        assert value not in text, f"{value} in {response.request.path}"
    assert any(v in text for v in masked_values(member)), response.request.path


def corrected(k, school, member):
    return [n for n in k.stores.log(school).recorder.select_notifications(start=1, limit=10_000)
            if n.originator_id == member["id"] and n.topic.endswith("FieldsCorrected")][0]


def test_id_numbers_and_phones_are_masked_by_default_everywhere(login_as, api_as, school, member, k):
    admin = login_as("district_admin")
    api = api_as("district_admin")
    n = corrected(k, school, member)
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    args = {"at": later, "compare": member["between"].isoformat()}
    record = f"{school}/{member['id']}"
    for response in (
        admin.get(f"/audit/?school={school}"), admin.get(f"/audit/events/{school}/{n.id}"),
        admin.get(f"/audit/events/{school}/{n.id - 1}"),
        admin.get(f"/audit/records/{record}", query_string={"at": later}),
        admin.get(f"/audit/records/{record}", query_string=args),
        api.get(f"/api/v1/audit/events?school={school}"), api.get(f"/api/v1/audit/events/{school}/{n.id}"),
        api.get(f"/api/v1/audit/records/{record}", query_string={"at": later}),
        api.get(f"/api/v1/audit/records/{record}", query_string=args),
        *(admin.get(f"/audit/export?format={fmt}&school={school}") for fmt in ("csv", "jsonl", "xlsx")),
        *(api.get(f"/api/v1/audit/exports?format={fmt}&school={school}") for fmt in ("csv", "jsonl", "xlsx")),
    ):
        assert_masked(response, member)
    change = [c for c in api.get(f"/api/v1/audit/events/{school}/{n.id}").get_json()["changes"]
              if c["field"] == "phone"]
    assert change == [{"field": "phone", "before": "138****8000", "after": "139****5678"}]


# -- revealing, by a permitted role, with a reason, recorded ----------------------------------
def test_the_district_administrator_reveals_through_the_api_with_a_reason_and_it_is_recorded(
        api_as, school, member, k):
    api = api_as("district_admin")
    n = corrected(k, school, member)
    assert api.get(f"/api/v1/audit/events/{school}/{n.id}?reveal=true").status_code == 422
    r = api.get(f"/api/v1/audit/events/{school}/{n.id}", query_string={"reveal": "true", "reason": "核对纸质档案"})
    assert_masked(r, member, revealed=True)
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    r = api.get(f"/api/v1/audit/records/{school}/{member['id']}",
                query_string={"at": later, "compare": member["between"].isoformat(), "reveal": "true",
                              "reason": "核对更正前后"})
    assert_masked(r, member, revealed=True)
    assert member["old_id"] in r.get_data(as_text=True)
    r = api.get("/api/v1/audit/exports", query_string={"format": "csv", "school": school, "reveal": "true",
                                                       "reason": "报送纪检组"})
    assert_masked(r, member, revealed=True)
    reveals = [row for row in access_rows(k) if row.details.get("reveal")]
    assert [(row.kind, row.details["reason"]) for row in reveals] == [
        ("read", "核对纸质档案"), ("read", "核对更正前后"), ("export", "报送纪检组")]
    assert all(row.actor == api.username and row.schools == [school] for row in reveals)
    assert sorted(reveals[0].details["reveal"]) == ["id_number", "phone"]


def test_an_inspector_reveals_on_the_page_with_a_reason_and_it_is_recorded(login_as, school, member, k):
    inspector = login_as("inspector")
    assign(k, inspector.username, [school])
    n = corrected(k, school, member)
    url = f"/audit/events/{school}/{n.id}"
    page = inspector.get(url)
    assert_masked(page, member)
    assert "显示完整信息" in page.get_data(as_text=True)
    r = inspector.post(url, data={"csrf_token": inspector.csrf(), "action": "reveal", "reason": ""})
    assert r.status_code == 422
    assert_masked(inspector.get(url), member)
    r = inspector.post(url, data={"csrf_token": inspector.csrf(), "action": "reveal", "reason": "核对身份"})
    assert_masked(r, member, revealed=True)
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    r = inspector.post(f"/audit/records/{school}/{member['id']}", query_string={"at": later},
                       data={"csrf_token": inspector.csrf(), "action": "reveal", "reason": "时间回溯核对"})
    assert_masked(r, member, revealed=True)
    r = inspector.get("/audit/export", query_string={"format": "xlsx", "school": school, "reveal": "1",
                                                     "reason": "导出核对"})
    assert_masked(r, member, revealed=True)
    reveals = [row for row in access_rows(k) if row.details.get("reveal")]
    assert [(row.kind, row.details["reason"]) for row in reveals] == [
        ("read", "核对身份"), ("read", "时间回溯核对"), ("export", "导出核对")]
    admin = login_as("district_admin")
    assert "核对身份" in admin.get("/audit/access").get_data(as_text=True)


def test_whoever_may_not_reveal_gets_403_or_the_masked_value(login_as, api_as, school, other_tenant, member, k):
    n = corrected(k, school, member)
    reveal = {"reveal": "true", "reason": "想看看"}
    secretary = api_as("secretary", school)
    assert secretary.get(f"/api/v1/audit/events/{school}/{n.id}", query_string=reveal).status_code == 403
    inspector = api_as("inspector")
    assign(k, inspector.username, [other_tenant])
    assert inspector.get(f"/api/v1/audit/events/{school}/{n.id}", query_string=reveal).status_code == 403
    assert inspector.get("/api/v1/audit/exports", query_string={"format": "csv", "school": school,
                                                               **reveal}).status_code == 403
    page = login_as("secretary", school).post(f"/audit/events/{school}/{n.id}", data={"action": "reveal"})
    assert page.status_code in (400, 403)
    assert not [row for row in access_rows(k) if row.details.get("reveal")]


def test_a_console_user_without_the_reveal_permission_sees_masked_values_only(k, login_as, api_as, school, member):
    k.permissions["audit.reveal"] = frozenset({"district_admin"})   # a district that keeps reveals to itself
    n = corrected(k, school, member)
    reveal = {"reveal": "true", "reason": "核对身份"}
    api = api_as("inspector")
    assign(k, api.username, [school])
    assert_masked(api.get(f"/api/v1/audit/events/{school}/{n.id}"), member)
    assert api.get(f"/api/v1/audit/events/{school}/{n.id}", query_string=reveal).status_code == 403
    assert api.get("/api/v1/audit/events", query_string={"school": school, **reveal}).status_code == 403
    assert api.get("/api/v1/audit/exports", query_string={"format": "csv", **reveal}).status_code == 403
    page = login_as("inspector")
    assign(k, page.username, [school])
    r = page.get(f"/audit/events/{school}/{n.id}")
    assert_masked(r, member)
    assert "显示完整信息" not in r.get_data(as_text=True)
    r = page.post(f"/audit/events/{school}/{n.id}", data={"csrf_token": page.csrf(), "action": "reveal",
                                                          "reason": "核对身份"})
    assert r.status_code == 403
    assert not [row for row in access_rows(k) if row.details.get("reveal")]


# Field names reviewed as not secret although they look close to it: a school's natural key
# (``Commitment.key``), a token's public id, the key of the record a disclosure published.
NOT_SECRET = {"key", "source_key", "token_id", "public_key", "signature", "old_signature", "new_signature",  # audit: public
              "session_id"}   # study: the study session a quiz is set for
SUSPECT = re.compile(r"key|credential|pin$|otp|cookie|session|nonce|signature|private")


def test_every_event_field_that_looks_like_a_credential_is_secret_or_reviewed(k):
    """A new event field named like a credential must be declared secret (``secret_fields``) or
    reviewed here, so that nobody adds a secret the console would show."""
    unreviewed = []
    for cls in registered_event_classes(k.registry):
        for name in inspect.signature(cls.__init__).parameters:
            if SUSPECT.search(name) and not is_secret(name, declared_secrets(cls)) and name not in NOT_SECRET:
                unreviewed.append(f"{cls.__qualname__}.{name}")
    assert not unreviewed
    secret = {f"{cls.__qualname__}.{name}" for cls in registered_event_classes(k.registry)
              for name in inspect.signature(cls.__init__).parameters if is_secret(name, declared_secrets(cls))}
    assert {"User.Registered.password_hash", "User.PasswordChanged.password_hash", "User.TokenIssued.token_hash",
            "AttendeeProfile.FeedTokenIssued.token_hash"} <= secret
