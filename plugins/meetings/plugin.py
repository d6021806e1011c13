"""三会一课 plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import NavItem, PluginInfo
from plugins.meetings import demo, describe, projections, reports, web
from plugins.meetings.domain import AttendeeProfile, Meeting, MeetingTypeSet
from plugins.meetings.domain import Talk
from plugins.meetings.schemas import MeetingsSettings

KEEPERS = {"secretary", "deputy", "org"}


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="meetings", title="三会一课", description="会议通知、签到、表决、会议记录与合规",
                      settings_schema=MeetingsSettings, order=30)


@hookimpl
def zhibu_permissions():
    return {
        "meetings.view": SCHOOL_PEOPLE | READERS,
        "meetings.edit": COMMITTEE,
        "meetings.finalise": KEEPERS,
        "meetings.configure": KEEPERS,
        "meetings.personal": SCHOOL_PEOPLE,
        # heart-to-heart talks (谈心谈话): who talked with whom is open to the school; what was said
        # only to the two people and the secretary (``read_all``)
        "meetings.talks.view": SCHOOL_PEOPLE | READERS,
        "meetings.talks.record": COMMITTEE | {"member"},
        "meetings.talks.record_any": COMMITTEE,
        "meetings.talks.read_all": frozenset({"secretary"}),
    }


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
    return [NavItem(label="三会一课", endpoint="meetings.index", order=30),
            NavItem(label="会议日历", endpoint="meetings.calendar", order=31),
            NavItem(label="决策事项", endpoint="meetings.decisions", order=32),
            NavItem(label="谈心谈话", endpoint="meetings.talks_page", order=33)]


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return reports.home_widgets(k, tenant, user, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return reports.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return reports.district_figures(k, tenant, today)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return reports.evidence(k, tenant, year, k.today())


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
