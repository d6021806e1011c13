"""What the audit hands to the core's pages and loops: the home widget, alerts and district figures of
findings and seals, and the sealing callables run after writes and by ``zhibu worker`` (no Flask here)."""
from __future__ import annotations


from core.plugins import Alert, Figure, Widget
from plugins.audit import queries
from plugins.audit.services import seals


def widget(k, tenant, today) -> list[Widget]:
    """Open, overdue and answered findings of the school, when there are any."""
    counts = queries.finding_counts(k, [tenant], today)
    if not (counts["open"] or counts["overdue"] or counts["answered"]):
        return []
    return [Widget(title="督查整改", template="audit/widgets/findings.html",
                   context={"counts": dict(counts), "tenant": tenant}, order=80, action="audit.findings.view")]


def _school(k, tenant, today):
    """The school's findings and seal state, read once for its figures and alerts (its district
    summary is computed school by school: core.summaries)."""
    def read():
        counts, overdue = queries.school_findings(k, tenant, today)
        return counts, overdue, seals.seal_status(k, [tenant])[tenant]
    return k.per_request(("audit.school", tenant, today), read)


def alerts(k, tenant, today) -> list[Alert]:
    """Overdue findings, and a broken seal of the school's log."""
    _counts, overdue, status = _school(k, tenant, today)
    alerts = [Alert(level="danger", text=f"督查发现「{f.title}」已逾期未整改（期限 {f.deadline}）",
                    endpoint="audit_school.school_finding", values={"tenant": tenant, "finding_id": f.id},
                    source="audit", due=f.deadline)
              for f in overdue]
    if status["state"] == "broken":
        alerts.append(Alert(level="danger", text=f"事件日志封存校验未通过：{status['problem']}",
                            endpoint="audit.index", source="audit"))
    return alerts


def figures(k, tenant, today) -> list[Figure]:
    """Findings open and overdue, and the state of the school's seal."""
    counts, _overdue, status = _school(k, tenant, today)
    open_count = counts["open"] + counts["overdue"] + counts["answered"]
    state = status["state"]
    labels = {"ok": "通过", "broken": "未通过", "unverified": "未校验", "unsealed": "未封存"}
    return [
        Figure(key="audit.findings_open", label="未销号问题", value=open_count, unit="项",
               status="warning" if open_count else "ok", order=90),
        Figure(key="audit.findings_overdue", label="逾期未整改", value=counts["overdue"], unit="项",
               status="danger" if counts["overdue"] else "ok", order=91),
        Figure(key="audit.seal", label="封存校验", value=labels[state],
               status={"ok": "ok", "broken": "danger"}.get(state, "warning"), order=92),
    ]


# -- sealing, after writes and in the worker ------------------------------------------------------
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
