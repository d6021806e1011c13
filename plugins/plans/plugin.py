"""年度计划与经费 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.plans import contributions, demo, describe, projections, web
from plugins.plans.domain import AGGREGATES
from plugins.plans.schemas import PlansSettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="plans", title="年度计划与经费",
                      description="年度党建工作计划、党建活动经费、党员活动室",
                      settings_schema=PlansSettingsSchema, always_on=False, order=45,
                      district_figures_from=())   # its district events (the budget rule) change no figure


@hookimpl
def zhibu_permissions():
    return {
        "plans.view": SCHOOL_PEOPLE | READERS,
        "plans.edit": COMMITTEE,
        "plans.adopt": {"secretary", "deputy"},
        # the district's pages name every school: an inspector's scope is some schools
        "plans.district_view": {"district_admin"},
        "plans.district_admin": {"district_admin"},
    }


@hookimpl
def zhibu_projections():
    return [cls() for cls in projections.PROJECTIONS]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.district_bp, web.api_bp, web.district_api_bp]


@hookimpl
def zhibu_event_classes():
    return list(AGGREGATES)


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return contributions.nav_items()


@hookimpl
def zhibu_district_nav_items(k, user):
    return contributions.district_nav_items()


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return contributions.home_widgets(k, tenant, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.district_figures(k, tenant, today)


@hookimpl
def zhibu_record_links(k, tenant, record, record_id):
    return contributions.record_links(k, tenant, record, record_id)


@hookimpl
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS


@hookimpl(trylast=True)   # after the meetings plugin's demo: the plan links to its meetings
def zhibu_demo_data(k, tenant, today, rng):
    # a stream of its own: a new plugin's demo never moves what the shared one gives the others
    demo.create_activity(k, tenant, today, random.Random(f"plans:{tenant}"))


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
