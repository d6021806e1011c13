"""上级任务督办与信息报送 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.tasks import contributions, demo, describe, projections, web
from plugins.tasks.domain import AGGREGATES
from plugins.tasks.schemas import TasksSettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="tasks", title="上级任务与信息报送",
                      description="区里下发任务、学校办理上报、催办与审核；党报党刊征订；信息报送",
                      settings_schema=TasksSettingsSchema, always_on=False, order=80)


@hookimpl
def zhibu_permissions():
    return {
        "tasks.view": SCHOOL_PEOPLE | READERS,
        "tasks.respond": COMMITTEE,
        # an inspector reads the district's pages for the schools of their assignment only (web.visible_slugs)
        "tasks.district_view": {"district_admin", "inspector"},
        "tasks.district": {"district_admin"},
    }


@hookimpl
def zhibu_projections():
    return [cls() for cls in projections.PROJECTIONS]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.api_bp, web.district_bp, web.district_api_bp]


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
    demo.create_activity(k, tenant, today, random.Random(f"tasks:{tenant}"))


@hookimpl
def zhibu_report_figures(k, tenant, period):
    return contributions.report_figures(k, tenant, period)


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
