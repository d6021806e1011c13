"""Every hook is called where docs/hooks.md says, by the core itself: a probe plugin implements each one
with something recognisable, and one test per hook (``test_hook_<name>``) finds it where users or
the system meet it. ``test_every_hook_is_exercised`` fails when a hook has no such test (the guard
datasette keeps for its own hooks)."""
from __future__ import annotations

import ast
import inspect
import signal
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from core import context, hookspecs
from core.demo import SCHOOLS, create_demo
from plugins.assessment import services as assessment
from plugins.audit.rules.catalogue import registered_event_classes
from plugins.members import services as members
from tests import sample_plugin
from tests.hook_probe import Probe
from tests.sample_plugin import Note


@pytest.fixture
def probe():
    return Probe()


@pytest.fixture
def extra_plugins(probe):
    return (sample_plugin, probe)


def _note(k, tenant, text="你好"):
    with context.acting(context.system("test", source="test")):
        return sample_plugin.write_note(k, tenant, text)


# -- the guard --------------------------------------------------------------------------------------
def test_every_hook_is_exercised():
    names = {n for n, fn in vars(hookspecs).items() if n.startswith("zhibu_") and callable(fn)}
    tests = {node.name for node in ast.walk(ast.parse(Path(__file__).read_text(encoding="utf-8")))
             if isinstance(node, ast.FunctionDef) and node.name.startswith("test_hook_")}
    assert {f"test_hook_{n}" for n in names} - tests == set(), "hooks without a test_hook_<name> here"
    assert tests - {f"test_hook_{n}" for n in names} == set(), "tests named after hooks that do not exist"


def test_every_hook_of_the_probe_matches_its_specification():
    for name, spec in vars(hookspecs).items():
        if name.startswith("zhibu_") and callable(spec):
            mine = inspect.signature(getattr(Probe, name))
            assert list(mine.parameters)[1:] == list(inspect.signature(spec).parameters), name


# -- one test per hook ------------------------------------------------------------------------------
def test_hook_zhibu_plugin_info(k):
    assert k.registry.infos["probe"].title == "探针"


def test_hook_zhibu_permissions(k, tenant, login_as):
    assert k.permissions["probe.view"] == frozenset({"secretary", "district_admin"})
    assert login_as("org", tenant).get(f"/t/{tenant}/probe/").status_code == 403


def test_hook_zhibu_projections(k, tenant, probe):
    _note(k, tenant, "投影")
    assert ("projection", tenant, "投影") in probe.seen


def test_hook_zhibu_blueprints(tenant, login_as):
    response = login_as("secretary", tenant).get(f"/t/{tenant}/probe/")
    assert response.status_code == 200 and f"探针页面 {tenant}" in response.get_data(as_text=True)


def test_hook_zhibu_cli_commands():
    from core.cli import _attach_plugin_commands, cli  # noqa: PLC0415
    _attach_plugin_commands()
    result = CliRunner().invoke(cli, ["audit", "--help"])   # the audit plugin's group comes through the hook
    assert result.exit_code == 0 and "verify" in result.output


def test_hook_zhibu_event_classes(k):
    assert Note.Written in registered_event_classes(k.registry)


def test_hook_zhibu_event_names(k):
    assert k.registry.vocabulary.events["Note.Written"] == "探针·写下笔记"


def test_hook_zhibu_field_labels(k):
    assert k.registry.vocabulary.labels["text"] == "探针文字"


def test_hook_zhibu_nav_items(tenant, login_as):
    assert "探针导航" in login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "探针导航" not in login_as("org", tenant).get(f"/t/{tenant}/").get_data(as_text=True)  # may not open it


def test_hook_zhibu_district_nav_items(tenant, login_as):
    assert "探针区级导航" in login_as("district_admin").get("/district/").get_data(as_text=True)


def test_hook_zhibu_home_widgets(tenant, login_as):
    page = login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "探针小组件标题" in page and "探针小组件：42" in page


def test_hook_zhibu_alerts(k, tenant, login_as):
    page = login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert f"探针提醒 {tenant} {k.today().isoformat()}" in page


def test_hook_zhibu_district_figures(tenant, login_as):
    page = login_as("district_admin").get("/district/").get_data(as_text=True)
    assert "探针数" in page


def test_hook_zhibu_roster_sections(k, tenant, login_as):
    page = login_as("secretary", tenant).get(f"/t/{tenant}/members/rosters").get_data(as_text=True)
    assert "探针名册" in page and "探针甲" in page


def test_hook_zhibu_member_flags(k, tenant, probe, actor):
    """A one-vote veto another plugin flags keeps a member from being rated excellent."""
    people = [members.register_member(k, tenant, {"name": f"党员{n}", "gender": "male",
                                                  "id_number": _id_number(n), "joined_on": date(2010, 1, 1),
                                                  "converted_on": date(2011, 1, 1)}).id for n in range(6)]
    year = k.today().year
    assessment.open_evaluation(k, tenant, year)
    assessment.close_ballot(k, tenant, year)
    probe.vetoed = {str(people[0])}
    with pytest.raises(Exception, match=f"党员0：{year} 年度探针否决，不能评为优秀"):
        assessment.propose_grade(k, tenant, year, people[0], "excellent")
    assessment.propose_grade(k, tenant, year, people[0], "qualified")
    assessment.propose_grade(k, tenant, year, people[1], "excellent")


def test_hook_zhibu_report_figures(k, tenant, login_as):
    """A district form's field bound to a figure opens pre-filled at the school with the plugin's figure."""
    from plugins.reports import services as reports  # noqa: PLC0415
    with context.acting(context.system("test", source="test")):
        form = reports.define_form(k, "探针报表", "2026-H1", date(2026, 7, 1),
                                   [{"label": "探针栏", "kind": "count", "figure": "probe.count"}])
    client = login_as("secretary", tenant)
    client.post(f"/t/{tenant}/reports/forms/{form.id}/open", data={"csrf_token": client.csrf()})
    assert "系统预填 <strong>71</strong>" in client.get(f"/t/{tenant}/reports/forms/{form.id}").get_data(as_text=True)


def test_hook_zhibu_disclosable(k, tenant, login_as):
    """The school's disclosure page offers the plugin's fact, and the API lists it among the offers."""
    client = login_as("secretary", tenant)
    page = client.get(f"/t/{tenant}/disclosure/").get_data(as_text=True)
    assert f"探针公开 {tenant}" in page and "探针公开内容" in page


def test_hook_zhibu_assessment_evidence(k, tenant):
    from plugins.assessment.services.five_goods import collect_evidence  # noqa: PLC0415
    assert collect_evidence(k, tenant, 2026)["probe.item"].summary == "探针证据 2026"


def test_hook_zhibu_describe_event(k, tenant, login_as):
    _note(k, tenant, "描述我")
    page = login_as("district_admin").get(f"/audit/?school={tenant}").get_data(as_text=True)
    assert "探针描述：描述我" in page


def test_hook_zhibu_demo_data(k):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    slug = SCHOOLS[0][0]
    from tests.sample_plugin import notes  # noqa: PLC0415
    with k.engine.connect() as conn:
        texts = [r.text for r in conn.execute(notes.select().where(notes.c.tenant == slug))]
    assert f"探针演示 {slug}" in texts


def test_hook_zhibu_worker_jobs(app, k, probe):
    from core.cli import worker  # noqa: PLC0415
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with app.app_context():
            result = CliRunner().invoke(worker, ["--once"], catch_exceptions=False)
    finally:
        for sig, handler in handlers.items():   # the worker installs its own: give pytest its own back
            signal.signal(sig, handler)
    assert result.exit_code == 0 and ("worker", True) in probe.seen


def test_hook_zhibu_save_listeners(k, tenant, probe):
    _note(k, tenant)
    assert ("listener", tenant, 1) in probe.seen


def test_hook_zhibu_write_records(k, tenant, probe):
    note = _note(k, tenant)
    records = [s for s in probe.seen if s[0] == "record" and s[1] == tenant]
    assert records and records[-1][2] is True and len(records[-1][3]) == 1, probe.seen
    assert note.version == 1


def test_hook_zhibu_inspector_scope(make_tenant, login_as):
    make_tenant("school-a", "第一中学")
    make_tenant("school-b", "实验小学")
    inspector = login_as("inspector")
    assert inspector.get("/t/school-a/").status_code == 200
    assert inspector.get("/t/school-b/").status_code in (403, 404)


def test_hook_zhibu_linked_member(k, tenant, probe, login_as):
    """The member page asks which member the account is; with no answer, it says how to get linked."""
    client = login_as("member", tenant)
    assert "尚未关联党员" in client.get(f"/t/{tenant}/me").get_data(as_text=True)
    probe.linked = {client.username: uuid.UUID(int=1)}
    page = client.get(f"/t/{tenant}/me").get_data(as_text=True)
    assert "尚未关联党员" not in page and f"探针条目 {uuid.UUID(int=1)}" in page


def test_hook_zhibu_my_sections(k, tenant, probe, login_as):
    client = login_as("member", tenant)
    probe.linked = {client.username: uuid.UUID(int=2)}
    page = client.get(f"/t/{tenant}/me").get_data(as_text=True)
    assert "探针我的" in page and f"探针条目 {uuid.UUID(int=2)} {k.today().isoformat()}" in page


def _id_number(n: int) -> str:
    from plugins.members.rules import id_check_digit  # noqa: PLC0415
    first17 = f"11010519800101{n:03d}"
    return first17 + id_check_digit(first17)


def test_hook_zhibu_papers(k, tenant, make_tenant):
    """The school's papers include the probe's, rendered in the GB/T 9704 layout with "无" in empty cells."""
    from core.papers import papers, text_of  # noqa: PLC0415
    paper = papers(k, tenant)["probe.paper"]
    made = paper.render(k, tenant, 2026)
    text = text_of(made.content)
    assert "探针公文 2026" in text and "一、探针一级标题" in text and "无" in text.splitlines()
    assert made.sources == [("probe", "2026")]


def test_hook_zhibu_summary_facts(k, tenant):
    """The year's summary drafted at the school holds the probe's fact, its sentence and its source link."""
    from plugins.summary import queries, services  # noqa: PLC0415
    with context.acting(context.system("test", source="test")):
        services.draft(k, tenant, 2025)
    row = queries.get_summary(k, tenant, 2025)
    fact = {f["key"]: f for f in row.facts}["probe.fact"]
    assert (fact["value"], fact["url"]) == (2026, f"/t/{tenant}/summary/")
    assert "探针事实{{fact:probe.fact}}项。" in row.sections["excellence"]


def test_hook_zhibu_notice_channels(k, tenant, probe, make_user):
    """A notice for an account that wants each one goes out through every channel, the probe's too (an SMS
    or WeChat gateway is such a plugin): the worker's delivery hands it the message."""
    from plugins.meetings import services as meetings  # noqa: PLC0415
    from plugins.members import public as roll  # noqa: PLC0415
    from plugins.notices import services as notices  # noqa: PLC0415
    with context.acting(context.system("test", source="test")):
        member_id = members.register_member(k, tenant, {
            "name": "探针党员", "gender": "female", "id_number": _id_number(41),
            "joined_on": date(2015, 3, 1), "converted_on": date(2016, 3, 1)}, status="full").id
        username = make_user("member", tenant, username="probe-reader")
        roll.link_account(k, tenant, username, member_id)
        notices.choose_delivery(k, tenant, username, "probe@example.org", "each")
        meetings.schedule_meeting(k, tenant, "congress", "探针党员大会", datetime(2026, 12, 10, 15), "活动室")
    notices.run_delivery(k)
    [message] = probe.channel.sent
    assert message.to == f"probe:{username}" and "探针党员大会" in message.subject


def test_hook_zhibu_record_links(k, tenant, login_as):
    """A meeting's page shows what other plugins say of it (the probe's link, with the meeting's id)."""
    from plugins.meetings import services as meetings  # noqa: PLC0415
    with context.acting(context.system("test", source="test")):
        members.register_member(k, tenant, {"name": "探针党员", "gender": "female", "id_number": _id_number(42),
                                            "joined_on": date(2015, 3, 1), "converted_on": date(2016, 3, 1)})
        meeting = meetings.schedule_meeting(k, tenant, "congress", "探针党员大会", datetime(2026, 12, 10, 15), "活动室")
    page = login_as("secretary", tenant).get(f"/t/{tenant}/meetings/{meeting.id}").get_data(as_text=True)
    assert f"探针引用 {meeting.id}" in page
