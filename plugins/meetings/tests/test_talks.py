"""Heart-to-heart talks (谈心谈话): recorded, private to the two people and the secretary, counted."""
from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from core import masking
from plugins.meetings import contributions as reports, queries, services
from plugins.meetings.rules import talks
from plugins.meetings.domain import Talk, TalkError
from plugins.members import public as members

SAID = "谈了教学压力和思想状况，相互提了意见。"


def talk_url(tenant, talk_id=None):
    return f"/t/{tenant}/meetings/talks" + (f"/{talk_id}" if talk_id else "")


def api_url(tenant, tail=""):
    return f"/api/v1/t/{tenant}/meetings/talks{tail}"


@pytest.fixture
def talk(k, tenant, actor, branch):
    return services.record_talk(k, tenant, date(2026, 11, 2), branch["正式1"], branch["正式2"], SAID, "党员活动室")


# -- domain ----------------------------------------------------------------------------------------
def test_a_talk_is_between_two_different_people_and_says_what_was_said():
    one, other = {"member_id": "a", "name": "甲"}, {"member_id": "b", "name": "乙"}
    with pytest.raises(TalkError, match="两个人"):
        Talk.record(date(2026, 3, 1), one, one, False, False, "", SAID, date(2026, 3, 2))
    with pytest.raises(TalkError, match="谈话内容"):
        Talk.record(date(2026, 3, 1), one, other, False, False, "", " ", date(2026, 3, 2))
    with pytest.raises(TalkError, match="不能晚于今天"):
        Talk.record(date(2026, 3, 3), one, other, False, False, "", SAID, date(2026, 3, 2))
    assert Talk.record(date(2026, 3, 1), one, other, True, False, "", SAID, date(2026, 3, 2)).kind == "committee_member"
    assert (talks.kind_of(True, True), talks.kind_of(False, False)) == ("committee", "members")
    assert "content" in masking.declared_secrets(Talk.Recorded)      # the audit console never shows it


def test_a_member_is_expected_to_have_talked_by_year_end_if_here_all_year_or_six_whole_months():
    assert talks.expected_by_year_end(date(2026, 1, 1), 2026, 6)
    assert talks.expected_by_year_end(date(2026, 7, 1), 2026, 6)        # 1 July–31 December: 6 months
    assert not talks.expected_by_year_end(date(2026, 7, 2), 2026, 6)
    assert not talks.expected_by_year_end(date(2026, 1, 2), 2026, 12)   # 12: the whole year only
    assert talks.expected_by_year_end(date(2026, 12, 1), 2026, 1)


def test_a_member_is_counted_from_their_own_start_and_the_schools_records_start():
    people = {"a": "甲", "b": "乙", "c": "丙"}
    starts = {"a": talks.start_of(date(2010, 1, 1), None),                 # here all year
              "b": talks.start_of(date(2010, 1, 1), date(2026, 3, 10)),    # transferred in
              "c": talks.start_of(date(2026, 8, 1), None)}                 # admitted in August
    held = [(date(2026, 3, 1), {"a", "b"}), (date(2026, 9, 1), {"a", "c"})]
    counted = talks.compliance(2026, people, held, starts, date(2000, 1, 1))
    assert counted.missing == ("乙",)                                      # the talk was before 10 March
    assert [(m.name, m.start.how, m.counted_from, m.expected) for m in counted.started] == [
        ("乙", "transfer_in", date(2026, 3, 10), True), ("丙", "joined", date(2026, 8, 1), False)]
    late_school = talks.compliance(2026, people, held, starts, date(2026, 4, 1))
    assert late_school.members[0].counted_from == date(2026, 4, 1) and late_school.missing == ("乙",)


# -- stored topics ---------------------------------------------------------------------------------
OLD_TOPIC = "plugins.meetings.talks:Talk.Recorded"   # where Talk was defined when these were stored


def test_talks_keep_the_topic_they_were_first_stored_under(k, tenant, talk, branch, catch_up):
    log = k.stores.log(tenant)
    saved = [n for n in log.recorder.select_notifications(start=1, limit=10_000) if n.originator_id == talk.id]
    assert [n.topic for n in saved] == [OLD_TOPIC]            # a new talk is stored as talks always were
    assert resolve_topic(OLD_TOPIC) is Talk.Recorded and resolve_topic("plugins.meetings.talks:Talk") is Talk

    # A talk stored by the previous release (module ``plugins.meetings.talks``) loads and is projected.
    first, second = ({"member_id": str(branch[n]), "name": n} for n in ("正式3", "正式4"))
    old = Talk.record(date(2026, 5, 6), first, second, False, False, "", SAID, date(2026, 5, 7))
    event = old.collect_events()[0]
    object.__setattr__(event, "meta", {})
    stored = log.mapper.to_stored_event(event)
    assert stored.topic == OLD_TOPIC
    log.recorder.insert_events([StoredEvent(originator_id=stored.originator_id, originator_version=1,
                                            topic=OLD_TOPIC, state=stored.state)])
    loaded = log.repository.get(old.id)
    assert (type(loaded), loaded.held_on, loaded.people) == (Talk, date(2026, 5, 6), {first["member_id"], second["member_id"]})
    catch_up()
    row = queries.get_talk(k, tenant, old.id)
    assert row is not None and (row.first_name, row.second_name, row.held_on) == ("正式3", "正式4", date(2026, 5, 6))


# -- services and compliance -------------------------------------------------------------------------
def test_a_recorded_talk_shows_who_talked_with_whom_and_when(k, tenant, talk):
    row = queries.list_talks(k, tenant, 2026)[0]
    assert (row.first_name, row.second_name, row.held_on, row.kind, row.content) == (
        "正式1", "正式2", date(2026, 11, 2), "members", SAID)


def test_compliance_names_everyone_on_the_roll_without_a_talk_this_year(k, tenant, actor, branch, talk, login_as):
    services.record_talk(k, tenant, date(2025, 12, 20), branch["正式3"], branch["正式4"], SAID)   # last year
    counted = queries.talk_compliance(k, tenant, 2026)
    assert (counted.total, counted.talked) == (8, 2)                  # 6 full + 2 probationary members
    assert set(counted.missing) == {"正式3", "正式4", "正式5", "正式6", "预备1", "预备2"}
    page = login_as("viewer", tenant).get(f"/t/{tenant}/meetings/compliance?year=2026").get_data(as_text=True)
    assert "应谈话 8 人，已有记录 2 人" in page and "正式3" in page
    alert = [a for a in reports.alerts(k, tenant, date(2026, 11, 23)) if "谈心谈话" in a.text]
    assert len(alert) == 1 and "6 名党员" in alert[0].text


# -- pages ---------------------------------------------------------------------------------------------
def _member(k, tenant, login_as, branch, name):
    client = login_as("member", tenant)
    members.link_account(k, tenant, client.username, branch[name])
    return client


def test_the_two_people_and_the_secretary_read_the_content_and_a_third_member_does_not(
        k, tenant, actor, branch, talk, login_as):
    for client in (login_as("secretary", tenant), _member(k, tenant, login_as, branch, "正式2")):
        assert SAID in client.get(talk_url(tenant)).get_data(as_text=True)
        assert SAID in client.get(talk_url(tenant, talk.id)).get_data(as_text=True)
    third = _member(k, tenant, login_as, branch, "正式3")
    for page in (third.get(talk_url(tenant)), third.get(talk_url(tenant, talk.id)),
                 login_as("org", tenant).get(talk_url(tenant, talk.id))):
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "正式1" in html and SAID not in html and talks.PRIVATE in html


def test_a_member_records_their_own_talk_on_the_page_but_not_one_between_others(
        k, tenant, actor, branch, login_as):
    client = _member(k, tenant, login_as, branch, "正式3")
    page = client.get(talk_url(tenant)).get_data(as_text=True)
    assert "记录谈心谈话" in page and "尚无谈心谈话记录" in page
    form = {"held_on": "2026-11-20", "second_id": str(branch["正式4"]), "content": SAID}
    r = client.post(talk_url(tenant), data={"csrf_token": client.csrf(), "first_id": str(branch["正式3"]), **form})
    assert r.status_code == 302
    r = client.post(talk_url(tenant), data={"csrf_token": client.csrf(), "first_id": str(branch["正式5"]), **form})
    assert r.status_code == 403
    r = client.post(talk_url(tenant), data={"csrf_token": client.csrf(), "first_id": str(branch["正式3"]),
                                            "second_id": str(branch["正式4"]), "held_on": "2026-11-20"})
    assert r.status_code == 422 and "谈话内容" in r.get_data(as_text=True)
    assert [(t.first_name, t.second_name) for t in queries.list_talks(k, tenant, 2026)] == [("正式3", "正式4")]


# -- API ---------------------------------------------------------------------------------------------------
def test_api_records_a_talk_and_keeps_its_content_from_a_third_member(k, tenant, actor, branch, api_as):
    secretary = api_as("secretary", tenant)
    r = secretary.post(api_url(tenant), json={"held_on": "2026-11-02", "first_id": str(branch["正式1"]),
                                              "second_id": str(branch["正式2"]), "content": SAID})
    assert r.status_code == 201 and r.json["content"] == SAID, r.json
    talk_id = r.json["id"]
    third = api_as("member", tenant)
    members.link_account(k, tenant, third.username, branch["正式3"])
    one = api_as("member", tenant)
    members.link_account(k, tenant, one.username, branch["正式1"])
    assert third.get(api_url(tenant, f"/{talk_id}")).json["content"] is None
    assert [t["content"] for t in third.get(api_url(tenant)).json] == [None]
    assert one.get(api_url(tenant, f"/{talk_id}")).json["content"] == SAID
    counted = third.get(api_url(tenant, "/compliance")).json
    assert {key: counted[key] for key in ("year", "total", "talked")} == {"year": 2026, "total": 8, "talked": 2}


def test_api_refuses_a_talk_with_oneself_and_a_member_recording_others(k, tenant, actor, branch, api_as):
    secretary = api_as("secretary", tenant)
    same = {"held_on": "2026-11-02", "first_id": str(branch["正式1"]), "second_id": str(branch["正式1"]),
            "content": SAID}
    assert secretary.post(api_url(tenant), json=same).status_code == 422
    member = api_as("member", tenant)
    members.link_account(k, tenant, member.username, branch["正式3"])
    others = {**same, "second_id": str(branch["正式2"])}
    assert member.post(api_url(tenant), json=others).status_code == 403
    assert api_as("viewer", tenant).post(api_url(tenant), json=others).status_code == 403
    assert secretary.get(api_url(tenant, "/00000000-0000-0000-0000-000000000000")).status_code == 404
