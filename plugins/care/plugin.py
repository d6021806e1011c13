"""党内关怀与流动党员 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE
from core.plugins import PluginInfo
from plugins.care import contributions, demo, describe, projections, web
from plugins.care.domain import AGGREGATES
from plugins.care.schemas import CareSettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="care", title="党内关怀与流动党员",
                      description="困难党员帮扶、走访慰问、政治生日、光荣在党50年纪念章；流动党员与出国（境）党员的联系",
                      settings_schema=CareSettingsSchema, always_on=False, order=85)


@hookimpl
def zhibu_permissions():
    return {
        # personal data (hardship, whereabouts): the committee only
        "care.view": COMMITTEE,
        "care.edit": COMMITTEE,
        "care.district_view": {"district_admin"},
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


@hookimpl
def zhibu_demo_data(k, tenant, today, rng):
    # a stream of its own: a new plugin's demo never moves what the shared one gives the others
    demo.create_care(k, tenant, today, random.Random(f"care:{tenant}"))
