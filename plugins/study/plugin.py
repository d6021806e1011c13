"""学习教育与学时 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.study import contributions, demo, describe, projections, web
from plugins.study.domain import AGGREGATES
from plugins.study.schemas import StudySettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="study", title="学习教育与学时",
                      description="党课、集中学习、主题党日、上级培训、廉洁教育与网络学习的学时；按出席记录计入，"
                                  "年度学时要求与未达标提醒",
                      settings_schema=StudySettingsSchema, always_on=False, order=56)


@hookimpl
def zhibu_permissions():
    return {
        "study.view": COMMITTEE,           # the branch's sessions and who is behind
        "study.edit": COMMITTEE,           # record, withdraw sessions; mark a member's evidence
        "study.mine": SCHOOL_PEOPLE,       # one's own hours and online courses
    }


@hookimpl
def zhibu_projections():
    return [cls() for cls in projections.PROJECTIONS]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp]


@hookimpl
def zhibu_event_classes():
    return list(AGGREGATES)


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return contributions.nav_items()


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_my_sections(k, tenant, member_id, today):
    return contributions.my_sections(k, tenant, member_id, today)


@hookimpl
def zhibu_record_links(k, tenant, record, record_id):
    return contributions.record_links(k, tenant, record, record_id)


@hookimpl
def zhibu_assessment_evidence(k, tenant, year):
    return contributions.assessment_evidence(k, tenant, year)


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


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
    # a stream of its own: a new plugin's demo never moves what the shared one gives the others
    demo.create_activity(k, tenant, today, random.Random(f"study:{tenant}"))
