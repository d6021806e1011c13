"""组织生活 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.orglife import contributions, demo, describe, projections, web
from plugins.orglife.domain import AGGREGATES


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="orglife", title="组织生活",
                      description="民主生活会和组织生活会（发言材料、会前谈心谈话、相互批评、整改清单）、"
                                  "支委双重组织生活、支委换届提醒与选举",
                      always_on=False, order=35)


@hookimpl
def zhibu_permissions():
    return {
        "orglife.view": SCHOOL_PEOPLE | READERS,
        # statements and criticisms: only the committee reads them all (a member reads their own)
        "orglife.read_statements": COMMITTEE,
        "orglife.statement": COMMITTEE | {"member"},
        "orglife.edit": {"secretary", "deputy", "org"},
        "orglife.district_view": {"district_admin", "inspector"},
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
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.district_figures(k, tenant, today)


@hookimpl
def zhibu_my_sections(k, tenant, member_id, today):
    return contributions.my_sections(k, tenant, member_id)


@hookimpl
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS


@hookimpl(trylast=True)
def zhibu_demo_data(k, tenant, today, rng):
    # a stream of its own: a new plugin's demo never moves what the shared one gives the others
    demo.create_activity(k, tenant, today, random.Random(f"orglife:{tenant}"))
