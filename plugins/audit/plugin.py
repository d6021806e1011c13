"""督查审计 plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from __future__ import annotations

import logging
from collections import Counter

from core.hookspecs import hookimpl
from core.permissions import AUTHENTICATED, COMMITTEE, READERS
from core.plugins import Alert, Figure, NavItem, PluginInfo, Widget
from plugins.audit import api, cli, demo, describe, projections, queries, seals, views
from plugins.audit.domain import AccessRecord, Assignment, Finding, SealRegister, SigningKeys
from plugins.audit.schemas import AuditSettingsSchema

logger = logging.getLogger("zhibu")


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="audit", title="督查审计", description="区级总览、事件史、时间回溯、封存校验与整改",
                      settings_schema=AuditSettingsSchema, always_on=True, order=90)


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
    return [views.bp, views.school_bp, api.api]


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
    counts = queries.finding_counts(k, [tenant], today)
    if not (counts["open"] or counts["overdue"] or counts["answered"]):
        return []
    return [Widget(title="督查整改", template="audit/widgets/findings.html",
                   context={"counts": dict(counts), "tenant": tenant}, order=80, action="audit.findings.view")]


def _district(k, today):
    """Findings and seal states of every school, read once per request: the district dashboard asks
    the hooks below once per school (200 schools: 2 queries instead of 800)."""
    def read():
        counts, overdue = queries.district_findings(k, today)
        return counts, overdue, seals.seal_status(k, k.tenant_slugs())
    return k.per_request(("audit.district", today), read)


@hookimpl
def zhibu_alerts(k, tenant, today):
    _counts, overdue, status = _district(k, today)
    alerts = [Alert(level="danger", text=f"督查发现「{f.title}」已逾期未整改（期限 {f.deadline}）",
                    url=f"/t/{tenant}/audit/findings/{f.id}", source="audit", due=f.deadline)
              for f in overdue.get(tenant, [])]
    status = status.get(tenant) or seals.seal_status(k, [tenant])[tenant]
    if status["state"] == "broken":
        alerts.append(Alert(level="danger", text=f"事件日志封存校验未通过：{status['problem']}",
                            url="/audit/", source="audit"))
    return alerts


@hookimpl
def zhibu_district_figures(k, tenant, today):
    all_counts, _overdue, status = _district(k, today)
    counts = all_counts.get(tenant, Counter())
    open_count = counts["open"] + counts["overdue"] + counts["answered"]
    state = (status.get(tenant) or seals.seal_status(k, [tenant])[tenant])["state"]
    labels = {"ok": "通过", "broken": "未通过", "unverified": "未校验", "unsealed": "未封存"}
    return [
        Figure(key="audit.findings_open", label="未销号问题", value=open_count, unit="项",
               status="warning" if open_count else "ok", order=90),
        Figure(key="audit.findings_overdue", label="逾期未整改", value=counts["overdue"], unit="项",
               status="danger" if counts["overdue"] else "ok", order=91),
        Figure(key="audit.seal", label="封存校验", value=labels[state],
               status={"ok": "ok", "broken": "danger"}.get(state, "warning"), order=92),
    ]


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


def _key(k):
    return seals.load_key(k.config["ZHIBU_SEAL_KEY_PATH"])


def seal_job(k) -> None:
    """``zhibu worker``: seal whatever was appended since the last poll."""
    seals.seal_all(k, _key(k))


def record_leaves(k, conn, log_name, recordings) -> None:
    """The new events' leaves as written, in the transaction that catches their projections up."""
    seals.record_written(k, conn, log_name, recordings)


def seal_when_due(k, log_name, recordings) -> None:
    """The automatic checkpoint, once the interval passed since the log's last one (not amid a batch of
    writes whose catch-up waits for its end: the next write after it checkpoints; not for a kernel
    made without the app's settings). The key is read only when a checkpoint is due."""
    if "ZHIBU_SEAL_KEY_PATH" in k.config and not k.deferred:
        seals.seal_if_due(k, log_name, lambda: _key(k), k.config["ZHIBU_SEAL_INTERVAL_SECONDS"])


@hookimpl
def zhibu_write_records():
    return [record_leaves]


@hookimpl
def zhibu_save_listeners():
    return [seal_when_due]


@hookimpl
def zhibu_worker_jobs():
    return [seal_job]


@hookimpl
def zhibu_inspector_scope(k, user, tenant, today):
    return queries.inspector_may_see(k, user.username, tenant, today)


@hookimpl
def zhibu_district_nav_items(k, user):
    return [NavItem(label="督查审计", endpoint="audit.index", order=20),
            NavItem(label="督查整改", endpoint="audit.findings", order=30)]
