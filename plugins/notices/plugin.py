"""通知与回执 plugin: metadata and one-line hook implementations, delegating to the modules beside it."""
import random

from core.hookspecs import hookimpl
from core.permissions import COMMITTEE, SCHOOL_PEOPLE
from core.plugins import PluginInfo
from plugins.notices import contributions, demo, describe, projections, services, web
from plugins.notices.domain import AGGREGATES
from plugins.notices.schemas import NoticesSettingsSchema
from plugins.notices.services.email import EmailChannel


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="notices", title="通知与回执",
                      description="每人的通知收件箱（会议通知、上级任务、到期提醒、本人档案变动）、阅读回执、邮件通知与每周摘要",
                      settings_schema=NoticesSettingsSchema, always_on=False, order=95)


@hookimpl
def zhibu_permissions():
    return {
        "notices.view": SCHOOL_PEOPLE,          # one's own inbox and delivery choice
        "notices.receipts": COMMITTEE,          # who has read the school's notices
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
    return contributions.nav_items(k, tenant, user)


@hookimpl
def zhibu_worker_jobs():
    return [services.run_delivery]


@hookimpl
def zhibu_notice_channels(k, tenant):
    return [EmailChannel(k.config)]


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
    demo.create_activity(k, tenant, today, random.Random(f"notices:{tenant}"))
