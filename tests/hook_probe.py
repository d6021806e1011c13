"""A plugin that implements every hook with something recognisable, for tests/test_hook_calls.py."""
from __future__ import annotations

from flask import g

from core.hookspecs import hookimpl
from core.permissions import requires
from core.plugins import (
    Alert, Disclosable, Evidence, FieldLabels, Figure, Flag, MyItem, MySection, NavItem, PluginInfo, ReportFigure,
    RecordLink, RosterSection, SummaryFact, Widget,
)
from core.projections import Projection, on
from core.web import tenant_blueprint
from tests import sample_plugin
from tests.sample_plugin import Note

probe_pages = tenant_blueprint("probe", __name__)


@probe_pages.route("/")
@requires("probe.view")
def probe_index():
    return f"探针页面 {g.tenant.slug}"


class ProbeChannel:
    """A notice channel (``zhibu_notice_channels``) that keeps what it is handed: an SMS gateway would send it."""
    name = "probe"

    def __init__(self):
        self.sent: list = []

    def address(self, tenant, username, preferences):
        return f"probe:{username}" if preferences.delivery == "each" else None

    def send(self, message):
        self.sent.append(message)


class Probe:
    """Implements every hook; records what the core handed it."""

    def __init__(self):
        self.seen: list = []        # (hook, details)
        self.channel = ProbeChannel()

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="probe", title="探针", description="tests only", always_on=True, order=999)

    @hookimpl
    def zhibu_permissions(self):
        return {"probe.view": {"secretary", "district_admin"}}

    @hookimpl
    def zhibu_projections(self):
        probe = self

        class ProbeProjection(Projection):
            name = "probe.notes"
            tables = ()

            @on(Note.Written)
            def _written(self, conn, e, tenant):
                probe.seen.append(("projection", tenant, e.text))
        return [ProbeProjection()]

    @hookimpl
    def zhibu_blueprints(self):
        return [probe_pages]

    @hookimpl
    def zhibu_cli_commands(self):
        return []

    @hookimpl
    def zhibu_event_classes(self):
        return [Note]

    @hookimpl
    def zhibu_event_names(self):
        return {"Note.Written": "探针·写下笔记"}

    @hookimpl
    def zhibu_field_labels(self):
        return FieldLabels(labels={"text": "探针文字"})

    @hookimpl
    def zhibu_nav_items(self, k, tenant, user):
        return [NavItem(label="探针导航", endpoint="probe.probe_index", order=999)]

    @hookimpl
    def zhibu_district_nav_items(self, k, user):
        return [NavItem(label="探针区级导航", endpoint="district.home", order=999)]

    @hookimpl
    def zhibu_home_widgets(self, k, tenant, user, today):
        return [Widget(title="探针小组件标题", template="probe/widget.html", context={"probe_count": 42})]

    @hookimpl
    def zhibu_alerts(self, k, tenant, today):
        return [Alert("info", f"探针提醒 {tenant} {today.isoformat()}", source="probe")]

    @hookimpl
    def zhibu_district_figures(self, k, tenant, today):
        return [Figure(key="probe.count", label="探针数", value=7, unit="个")]

    @hookimpl
    def zhibu_roster_sections(self, k, tenant, as_of):
        return [RosterSection(key="probe", title=f"探针名册 {as_of.isoformat()}", columns=["姓名"], rows=[["探针甲"]])]

    @hookimpl
    def zhibu_member_flags(self, k, tenant, member_id, year):
        if str(member_id) in self.vetoed:
            return [Flag(code="probe.veto", label=f"{year} 年度探针否决", severity="danger")]
        return []

    vetoed: set = set()

    @hookimpl
    def zhibu_assessment_evidence(self, k, tenant, year):
        return [Evidence(item="probe.item", score_ratio=0.5, summary=f"探针证据 {year}")]

    @hookimpl
    def zhibu_describe_event(self, event, locale):
        if isinstance(event, Note.Written):
            return f"探针描述：{event.text}"
        return None

    @hookimpl
    def zhibu_demo_data(self, k, tenant, today, rng):
        sample_plugin.write_note(k, tenant, f"探针演示 {tenant}")

    @hookimpl
    def zhibu_worker_jobs(self):
        return [lambda k: self.seen.append(("worker", k is not None))]

    @hookimpl
    def zhibu_save_listeners(self):
        return [lambda k, log_name, recordings: self.seen.append(("listener", log_name, len(recordings)))]

    @hookimpl
    def zhibu_write_records(self):
        return [lambda k, conn, log_name, recordings: self.seen.append(
            ("record", log_name, conn.in_transaction(), [r.notification.id for r in recordings]))]

    @hookimpl
    def zhibu_inspector_scope(self, k, user, tenant, today):
        return True if tenant == "school-a" else None

    linked: dict = {}      # username → member id the probe says the account is

    @hookimpl
    def zhibu_linked_member(self, k, tenant, username):
        return self.linked.get(username)

    @hookimpl
    def zhibu_my_sections(self, k, tenant, member_id, today):
        return [MySection(key="probe", title="探针我的", items=[MyItem(title=f"探针条目 {member_id} {today.isoformat()}")])]

    @hookimpl
    def zhibu_report_figures(self, k, tenant, period):
        return [ReportFigure(key="probe.count", label="探针报表数", value=len(period.code) * 10 + 1)]

    @hookimpl
    def zhibu_papers(self):
        from core.papers import OfficialDocument, Paper, header_of, log_position  # noqa: PLC0415

        def render(k, tenant, subject):
            doc = OfficialDocument(header_of(k, tenant), f"探针公文 {subject}")
            doc.heading(1, "探针一级标题")
            doc.table(["栏目"], [[None]])
            return doc.file([("probe", subject)], log_position(k, tenant))
        return [Paper(code="probe.paper", title="探针公文", category="own", subject="year", render=render)]

    @hookimpl
    def zhibu_disclosable(self, k, tenant, since, until):
        return [Disclosable(kind="probe.fact", key=f"probe.fact:{until.isoformat()}", title=f"探针公开 {tenant}",
                            event_date=until, text="探针公开内容")]

    @hookimpl
    def zhibu_summary_facts(self, k, tenant, year):
        return [SummaryFact(key="probe.fact", section="excellence", sentence="探针事实{value}{unit}。", value=year + 1,
                            unit="项", endpoint="summary.index", values={"tenant": tenant})]

    @hookimpl
    def zhibu_notice_channels(self, k, tenant):
        return [self.channel]

    @hookimpl
    def zhibu_record_links(self, k, tenant, record, record_id):
        if record != "meetings.meeting":
            return []
        return [RecordLink(text=f"探针引用 {record_id}", endpoint="members.index", values={"tenant": tenant})]
