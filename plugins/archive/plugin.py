"""文书档案 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.plugins import PluginInfo
from plugins.archive import contributions, demo, describe, projections, web
from plugins.archive.domain import AGGREGATES
from plugins.archive.schemas import ArchiveSettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="archive", title="文书档案",
                      description="上级来文与本级文件分类归档、由记录生成公文、目录索引与年度移交",
                      settings_schema=ArchiveSettingsSchema, always_on=False, order=80)


@hookimpl
def zhibu_permissions():
    return contributions.permissions()


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
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS


@hookimpl
def zhibu_summary_facts(k, tenant, year):
    return contributions.summary_facts(k, tenant, year)


@hookimpl(trylast=True)   # after the other demos: it files papers generated from their records
def zhibu_demo_data(k, tenant, today, rng):
    demo.create_activity(k, tenant, today, random.Random(f"archive:{tenant}"))
