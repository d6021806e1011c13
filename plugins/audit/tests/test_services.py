from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest
from sqlalchemy import select

from core import context
from core.errors import ConflictError
from core.eventstore import DISTRICT
from core.files import store_file
from plugins.audit import queries, services
from plugins.audit.domain import AuditError, Finding
from plugins.audit.models import access
from plugins.audit.queries import timetravel
from plugins.audit.tests.conftest import register
from plugins.members import public as members
from plugins.members.domain import Member


def as_user(name: str, role: str, tenant: str | None = None):
    return context.acting(context.CommandContext(actor_id=f"user:{name}", actor_name=name, role=role,
                                                 tenant=tenant, source="test"))


def first_event(k, tenant):
    n = k.stores.log(tenant).recorder.select_notifications(start=1, limit=1)[0]
    return {"id": str(n.originator_id), "version": n.originator_version}


def test_story_an_inspector_finds_a_problem_and_the_school_rectifies_it(k, clock, school, make_user):
    make_user("inspector", username="wang")
    with as_user("admin", "district_admin"):
        assignment = services.create_assignment(k, "wang", [school], date(2026, 1, 1), date(2026, 12, 31), "年度督查")
    assert queries.inspector_schools(k, "wang", k.today()) == [school]

    with as_user("wang", "inspector"):
        finding = services.record_finding(k, school, "党员信息更正缺少依据", "请补充证明材料",
                                          [first_event(k, school)], None, "wang")
    row = queries.get_finding(k, finding.id)
    assert row.status == "open" and row.deadline == k.today() + timedelta(days=30)

    evidence = store_file(k, b"%PDF-1.4 minutes", "会议记录.pdf").as_dict()
    with as_user("sec", "secretary", school):
        services.answer_finding(k, finding.id, "已补充", [evidence], expected_version=1)
    with as_user("wang", "inspector"):
        services.reopen_finding(k, finding.id, "材料不全", expected_version=2)
    with as_user("sec", "secretary", school):
        services.answer_finding(k, finding.id, "再次补充", [], expected_version=3)
    with as_user("wang", "inspector"):
        services.close_finding(k, finding.id, "整改到位", expected_version=4)

    row = queries.get_finding(k, finding.id)
    assert row.status == "closed" and [a["by"] for a in row.answers] == ["sec", "sec"]
    assert row.answers[0]["evidence"][0]["name"] == "会议记录.pdf"
    events = list(k.stores.log(DISTRICT).events.get(finding.id))
    assert [type(e).__name__ for e in events] == ["Recorded", "Answered", "Reopened", "Answered", "Closed"]
    assert [e.meta["actor_name"] for e in events] == ["wang", "sec", "wang", "sec", "wang"]
    assert assignment.version == 1


def test_a_finding_must_link_to_events_that_exist_in_that_school(k, actor, school, other_tenant):
    with pytest.raises(AuditError) as exc:
        services.record_finding(k, school, "t", "d", [{"id": str(uuid4()), "version": 1}], None, "x")
    assert exc.value.field == "events"
    link = first_event(k, school)
    with pytest.raises(AuditError):
        services.record_finding(k, other_tenant, "t", "d", [link], None, "x")
    with pytest.raises(AuditError):
        services.record_finding(k, school, "t", "d", [{**link, "version": 99}], None, "x")


def test_a_stale_version_is_a_conflict(k, actor, school):
    finding = services.record_finding(k, school, "t", "d", [], None, "x")
    services.extend_deadline(k, finding.id, k.today() + timedelta(days=60), "假期", expected_version=1)
    with pytest.raises(ConflictError):
        services.answer_finding(k, finding.id, "notes", expected_version=1)


def test_an_assignment_names_a_real_user_and_real_schools(k, actor, school, make_user):
    with pytest.raises(AuditError) as exc:
        services.create_assignment(k, "nobody", [school], date(2026, 1, 1), date(2026, 2, 1))
    assert exc.value.field == "inspector"
    make_user("inspector", username="li")
    with pytest.raises(AuditError) as exc:
        services.create_assignment(k, "li", ["no-such-school"], date(2026, 1, 1), date(2026, 2, 1))
    assert exc.value.field == "schools"


def test_inspector_scope_ends_with_the_assignment_and_with_revocation(k, clock, actor, school, make_user):
    make_user("inspector", username="zhao")
    a = services.create_assignment(k, "zhao", [school], date(2026, 11, 1), date(2026, 11, 30))
    assert queries.inspector_may_see(k, "zhao", school, date(2026, 11, 23))
    assert not queries.inspector_may_see(k, "zhao", school, date(2026, 12, 1))
    services.revoke_assignment(k, a.id, "任务结束", expected_version=1)
    assert not queries.inspector_may_see(k, "zhao", school, date(2026, 11, 23))


def test_an_access_record_lands_in_the_district_log_with_its_actor(k, school):
    with as_user("wang", "inspector"):
        record_id = services.record_access(k, "export", [school], "导出事件记录（CSV，3 条）", {"rows": 3})
    with k.engine.connect() as conn:
        row = conn.execute(select(access).where(access.c.id == record_id)).one()
    assert (row.kind, row.actor, row.schools, row.details) == ("export", "wang", [school], {"rows": 3})
    assert k.exists(DISTRICT, record_id)


# -- time travel ---------------------------------------------------------------------------------
def test_a_record_as_of_a_moment_equals_the_state_folded_by_hand_from_earlier_events(k, actor, school):
    finding = services.record_finding(k, school, "t", "d", [], date(2026, 12, 31), "x")
    services.extend_deadline(k, finding.id, date(2027, 1, 31), "one", expected_version=1)
    services.answer_finding(k, finding.id, "done", expected_version=2)
    services.extend_deadline(k, finding.id, date(2027, 2, 28), "two", expected_version=3)
    events = list(k.stores.log(DISTRICT).events.get(finding.id))
    moment = events[2].timestamp    # just after the answer

    # By hand: start from the recorded values and apply each event up to the moment.
    deadline, status, answers = None, None, 0
    for e in events:
        if e.timestamp > moment:
            break
        if isinstance(e, Finding.Recorded):
            deadline, status = e.deadline, "open"
        elif isinstance(e, Finding.DeadlineExtended):
            deadline = e.after
        elif isinstance(e, Finding.Answered):
            status, answers = "answered", answers + 1

    as_of = timetravel.record_as_of(k, DISTRICT, finding.id, moment)
    assert as_of.version == 3
    assert (as_of.state["deadline"], as_of.state["status"], len(as_of.state["answers"])) == \
        (deadline.isoformat(), status, answers)
    before = timetravel.record_as_of(k, DISTRICT, finding.id, events[0].timestamp - timedelta(seconds=1))
    assert not before.exists


def test_comparing_two_moments_shows_what_changed_and_who_changed_it(k, school):
    member_id = register(k, school, "赵敏")
    with as_user("org1", "org", school):
        members.change_status(k, school, member_id, "lost_contact", date(2026, 10, 1), "长期无法联系")
    events = list(k.stores.log(school).events.get(member_id))
    c = timetravel.compare(k, school, member_id, events[0].timestamp, events[-1].timestamp)
    assert ("status", "full", "lost_contact") in c.changed
    assert [(e.originator_version, e.meta["actor_name"]) for e in c.events] == [(2, "org1")]


def test_a_schools_roster_as_of_a_moment_is_the_roll_of_that_moment(k, school):
    roll = {r["name"] for r in timetravel.roster_as_of(k, school, k.now() + timedelta(days=1))}
    assert roll == {"张伟", "李娜", "王芳"}
    zhang = next(r for r in members.list_members(k, school) if r.name == "张伟")
    before = datetime.now(timezone.utc)     # event times are the real clock's
    with as_user("org1", "org", school):
        members.change_status(k, school, zhang.id, "deceased", date(2026, 10, 1), "病故")
    after = list(k.stores.log(school).events.get(zhang.id))[-1].timestamp
    assert {r["name"] for r in timetravel.roster_as_of(k, school, before)} == {"张伟", "李娜", "王芳"}
    assert {r["name"] for r in timetravel.roster_as_of(k, school, after)} == {"李娜", "王芳"}
    diff = timetravel.roster_diff(k, school, before, after)
    assert [r["name"] for r in diff.removed] == ["张伟"] and not diff.added
    assert any(isinstance(e, Member.Event) and e.meta["actor_name"] == "org1" for e in diff.events)
