"""督查审计 plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from __future__ import annotations

from core.hookspecs import hookimpl
from core.permissions import AUTHENTICATED, COMMITTEE, READERS
from core.plugins import NavItem, PluginInfo
from plugins.audit import cli, contributions, demo, describe, projections, queries, web
from plugins.audit.domain import AccessRecord, Assignment, Finding, SealRegister, SigningKeys
from plugins.audit.schemas import AuditSettingsSchema


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="audit", title="督查审计", description="区级总览、事件史、时间回溯、封存校验与整改",
                      settings_schema=AuditSettingsSchema, always_on=True, order=90,
                      # findings and seal states; not assignments, access records or signing keys
                      district_figures_from=("Finding", "SealRegister"))


@hookimpl
def zhibu_permissions():
    return {
        "audit.console": {"district_admin", "inspector"},
        "audit.admin": {"district_admin"},
        # full ID numbers and phones in the console, with a reason, recorded; an inspector only for
        # the schools of a live assignment (core.permissions.can checks the assignment)
        "audit.reveal": {"district_admin", "inspector"},
        "audit.findings.record": {"district_admin", "inspector"},
        "audit.findings.view": COMMITTEE | READERS,
        "audit.findings.answer": {"secretary", "deputy"},
        "audit.api": {AUTHENTICATED},
    }


@hookimpl
def zhibu_projections():
    return [projections.AuditIndexProjection(), projections.AuditDistrictProjection()]


@hookimpl
def zhibu_blueprints():
    return [web.bp, web.school_bp, web.api_bp]


@hookimpl
def zhibu_cli_commands():
    return [cli.audit]


@hookimpl
def zhibu_event_classes():
    return [Assignment, Finding, AccessRecord, SealRegister, SigningKeys]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return [NavItem(label="督查整改", endpoint="audit_school.school_findings", order=95)]


@hookimpl
def zhibu_home_widgets(k, tenant, user, today):
    return contributions.widget(k, tenant, today)


@hookimpl
def zhibu_alerts(k, tenant, today):
    return contributions.alerts(k, tenant, today)


@hookimpl
def zhibu_district_figures(k, tenant, today):
    return contributions.figures(k, tenant, today)


@hookimpl
def zhibu_describe_event(event, locale):
    return describe.describe(event)


@hookimpl
def zhibu_event_names():
    return describe.EVENT_NAMES


@hookimpl
def zhibu_field_labels():
    return describe.FIELDS


@hookimpl(wrapper=True, tryfirst=True)   # around every other demo (and the dues wrapper): seals cover them all
def zhibu_demo_data(k, tenant, today, rng):
    result = yield
    demo.create(k, tenant, today, rng, k.config["ZHIBU_SEAL_KEY_PATH"])
    return result


@hookimpl
def zhibu_write_records():
    return [contributions.record_leaves]


@hookimpl
def zhibu_save_listeners():
    return [contributions.seal_when_due]


@hookimpl
def zhibu_worker_jobs():
    return [contributions.seal_job]


@hookimpl
def zhibu_inspector_scope(k, user, tenant, today):
    return queries.inspector_may_see(k, user.username, tenant, today)


@hookimpl
def zhibu_district_nav_items(k, user):
    return [NavItem(label="督查审计", endpoint="audit.index", order=20),
            NavItem(label="督查整改", endpoint="audit.findings", order=30)]
