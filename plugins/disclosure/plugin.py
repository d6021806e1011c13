"""党务公开 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.disclosure import contributions, demo, describe, projections, web
from plugins.disclosure.domain import AGGREGATES


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="disclosure", title="党务公开",
                      description="公开目录、由记录生成的公开事项、公开证明与意见、对外公开栏",
                      always_on=False, order=48, district_figures_from=("DisclosureCatalogue",))


@hookimpl
def zhibu_permissions():
    return {
        "disclosure.view": SCHOOL_PEOPLE | READERS,
        # what is due and what the records offer name people before they are disclosed: not for members
        "disclosure.prepare": COMMITTEE | READERS,
        "disclosure.edit": COMMITTEE,
        "disclosure.district_view": {"district_admin"},
        "disclosure.district_admin": {"district_admin"},
    }


@hookimpl
def zhibu_projections():
    return [cls() for cls in projections.PROJECTIONS]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.district_bp, web.public_bp, web.api_bp, web.district_api_bp]


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


@hookimpl(trylast=True)   # after the other plugins' demos: it discloses what their records offer
def zhibu_demo_data(k, tenant, today, rng):
    # a stream of its own: a new plugin's demo never moves what the shared one gives the others
    demo.create_activity(k, tenant, today, random.Random(f"disclosure:{tenant}"))


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)
