"""三会一课 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo
from plugins.meetings import contributions, demo, describe, papers, projections, web
from plugins.meetings.domain import AttendeeProfile, Meeting, MeetingTypeSet, Talk
from plugins.meetings.schemas import MeetingsSettings


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="meetings", title="三会一课", description="会议通知、签到、表决、会议记录与合规",
                      settings_schema=MeetingsSettings, order=30)


@hookimpl
def zhibu_permissions():
    return contributions.permissions()


@hookimpl
def zhibu_projections():
    return [projections.MeetingsProjection(), projections.TalksProjection()]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp]


@hookimpl
def zhibu_event_classes():
    return [Meeting, MeetingTypeSet, AttendeeProfile, Talk]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return contributions.nav_items()


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return contributions.home_widgets(k, tenant, user, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.district_figures(k, tenant, today)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return contributions.evidence(k, tenant, year, k.today())


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


@hookimpl
def zhibu_my_sections(k, tenant, member_id, today):
    return contributions.my_sections(k, tenant, member_id, today)


@hookimpl
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS


@hookimpl
def zhibu_demo_data(k, tenant, today, rng):
    demo.create_meetings(k, tenant, today, rng)


@hookimpl
def zhibu_papers():
    return papers.PAPERS


@hookimpl
def zhibu_disclosable(k, tenant, since, until):
    return contributions.disclosable(k, tenant, since, until)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
