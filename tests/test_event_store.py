"""The event store: every event says who, for whom; stale writes are refused; no write without an actor."""
from dataclasses import fields
from datetime import date

import pytest

from core import context
from core.context import NoActorError
from core.errors import ConflictError
from core.eventstore import DISTRICT
from plugins.members import services as members
from tests import sample_plugin
from tests.sample_plugin import Note, amend_note, write_note


@pytest.fixture
def extra_plugins():
    return (sample_plugin,)


MEMBER = {"name": "李四", "gender": "female", "id_number": "11010519491231002X",
          "joined_on": date(2015, 6, 1), "converted_on": date(2016, 6, 1)}


def all_events(k):
    for log_name in [DISTRICT, *k.tenant_slugs()]:
        log = k.stores.log(log_name)
        for n in log.recorder.select_notifications(start=1, limit=10_000):
            yield log_name, log.mapper.to_domain_event(n)


def test_every_stored_event_carries_an_actor_and_its_tenant(k, tenant, other_tenant, login_as, api_as):
    secretary = login_as("secretary", tenant)
    secretary.post(f"/t/{tenant}/members/new", data={**{f: str(v) for f, v in MEMBER.items()},
                                                      "csrf_token": secretary.csrf()})
    api = api_as("org", other_tenant)
    assert api.post(f"/api/v1/t/{other_tenant}/members/members", json={
        **{f: str(v) for f, v in MEMBER.items()}, "id_number": "110105195001010039", "gender": "male"}).status_code == 201
    events = list(all_events(k))
    assert {name for name, _ in events} == {DISTRICT, tenant, other_tenant}
    for log_name, event in events:
        assert event.meta["actor_id"], event
        assert event.meta["actor_name"], event
        assert event.meta["tenant"] == log_name
        assert event.meta["correlation_id"]
    web_events = [e for name, e in events if name == tenant and type(e).__qualname__ == "Member.Registered"]
    assert web_events[0].meta["actor_name"] == secretary.username
    assert web_events[0].meta["source"] == "web"


def test_a_write_without_an_actor_is_refused_and_stores_nothing(k, tenant):
    with pytest.raises(NoActorError):
        write_note(k, tenant, "no actor")
    assert k.stores.log(tenant).recorder.max_notification_id() is None


def test_a_stale_expected_version_is_a_conflict_and_stores_nothing(k, tenant, actor):
    note = write_note(k, tenant, "v1")
    amend_note(k, tenant, note.id, "v2", expected_version=1)
    before = k.stores.log(tenant).recorder.max_notification_id()
    with pytest.raises(ConflictError):
        amend_note(k, tenant, note.id, "v3 from a stale read", expected_version=1)
    assert k.stores.log(tenant).recorder.max_notification_id() == before
    assert k.get(tenant, note.id, Note).text == "v2"


def test_two_concurrent_saves_of_the_same_version_conflict(k, tenant, actor):
    note = write_note(k, tenant, "v1")
    first, second = k.get(tenant, note.id), k.get(tenant, note.id)
    first.amend("first")
    second.amend("second")
    k.save(tenant, first)
    with pytest.raises(ConflictError):
        k.save(tenant, second)
    assert k.get(tenant, note.id).text == "first"


def test_api_answers_409_for_a_stale_version_and_keeps_the_newer_text(k, tenant, api_as):
    api = api_as("secretary", tenant)
    created = api.post(f"/api/v1/t/{tenant}/sample/notes", json={"text": "one"}).json
    url = f"/api/v1/t/{tenant}/sample/notes/{created['id']}"
    assert api.patch(url, json={"text": "two", "expected_version": 1}).status_code == 200
    stale = api.patch(url, json={"text": "three", "expected_version": 1})
    assert stale.status_code == 409
    assert stale.json["code"] == 409 and "版本" in stale.json["message"]
    assert k.get(tenant, created["id"]).text == "two"


def test_reason_given_by_the_user_is_stamped_on_the_event(k, tenant, actor):
    with context.because("更正录入错误"):
        note = write_note(k, tenant, "x")
    event = list(k.stores.log(tenant).events.get(note.id))[0]
    assert event.meta["reason"] == "更正录入错误"


def test_the_stamp_carries_every_field_of_the_context_with_the_log_as_tenant():
    ctx = context.CommandContext(actor_id="u1", actor_name="张三", role="branch_secretary", tenant="no1",
                                 correlation_id="c1", reason="为什么", source="api")
    stamp = ctx.stamp("no2")
    assert set(stamp) == {f.name for f in fields(context.CommandContext)}
    assert stamp == {"actor_id": "u1", "actor_name": "张三", "role": "branch_secretary", "tenant": "no2",
                     "correlation_id": "c1", "reason": "为什么", "source": "api"}


def test_snapshots_are_taken_for_long_lived_aggregates(k, tenant, actor):
    member = members.register_member(k, tenant, MEMBER)
    for i in range(60):
        members.correct_member(k, tenant, member.id, {"job_post": f"岗位{i}"})
    snapshots = list(k.stores.log(tenant).snapshots.get(member.id))
    assert [s.originator_version for s in snapshots] == [50]
    assert k.get(tenant, member.id).fields["job_post"] == "岗位59"


def test_a_snapshot_is_taken_from_the_aggregate_just_saved_and_equals_its_replay(k, tenant, actor, monkeypatch):
    member = members.register_member(k, tenant, MEMBER)
    for i in range(48):
        members.correct_member(k, tenant, member.id, {"job_post": f"岗位{i}"})
    log = k.stores.log(tenant)
    replays = []
    original = type(log.repository).get
    monkeypatch.setattr(type(log.repository), "get",
                        lambda self, *a, **kw: replays.append(kw.get("version")) or original(self, *a, **kw))
    members.correct_member(k, tenant, member.id, {"job_post": "第五十次"})
    assert 50 not in replays   # no replay up to the snapshot's version: it came from the saved aggregate
    (snapshot,) = log.snapshots.get(member.id)
    assert snapshot.originator_version == 50
    replayed = k.replay(tenant, member.id)
    from_snapshot = snapshot.mutate(None)
    assert vars(from_snapshot) == {**vars(replayed), "_pending_events": []}


def test_per_request_reads_are_computed_once_and_forgotten_after_a_write_or_the_request(app, k, tenant, actor):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert k.per_request(("x",), compute) == 1 and k.per_request(("x",), compute) == 2  # no request: no memo
    with app.test_request_context("/"):
        assert k.per_request(("x",), compute) == 3
        assert k.per_request(("x",), compute) == 3
        assert k.per_request(("y",), compute) == 4
        write_note(k, tenant, "写入")
        assert k.per_request(("x",), compute) == 5
    with app.test_request_context("/"):
        assert k.per_request(("x",), compute) == 6
