"""年度党建工作总结 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, READERS
from core.plugins import PluginInfo
from plugins.summary import contributions, demo, describe, papers, projections, web
from plugins.summary.domain import AGGREGATES


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="summary", title="年度工作总结", description="由记录起草年度党建工作总结、书记修改、支委会通过、生成公文",
                      always_on=False, order=49)


@hookimpl
def zhibu_permissions():
    return {"summary.view": COMMITTEE | READERS, "summary.edit": COMMITTEE, "summary.adopt": frozenset({"secretary", "deputy"}),
            "summary.send": frozenset({"secretary"})}


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
def zhibu_papers():
    return papers.PAPERS


@hookimpl(trylast=True)   # after the other plugins' demos: it drafts from their records
def zhibu_demo_data(k, tenant, today, rng):
    demo.create_activity(k, tenant, today, random.Random(f"summary:{tenant}"))
