"""Demo oversight: the demo inspector assigned to every demo school for the year, a finding per
school at different stages of rectification, an export by the inspector, and the logs sealed."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from core import context
from core.auth.models import users
from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit import queries, services
from plugins.audit.domain import AuditError
from plugins.audit.services import seals

DEMO_INSPECTOR = "inspector"
DEMO_NOTE = "年度督查（演示）"
TOPICS = [("三会一课记录不完整", "部分支委会会议记录缺少出席人员与表决情况，请补充完善并说明原因。"),
          ("党员信息更正缺少依据", "党员信息更正未附证明材料，请补充更正依据。"),
          ("党费收缴台账需核对", "个别党员党费交纳基数与工资收入不符，请核对并说明。")]


def _inspector_exists(k: Kernel) -> bool:
    with k.reading() as conn:
        return conn.scalar(select(users.c.id).where(users.c.username == DEMO_INSPECTOR)) is not None


def assign_inspector(k: Kernel, tenant: str, today: date) -> None:
    """One assignment for the year; each school joins it when its demo data is made."""
    if not _inspector_exists(k):
        return
    for a in queries.list_assignments(k, DEMO_INSPECTOR):
        if a.note == DEMO_NOTE and not a.revoked:
            if tenant not in a.schools:
                services.add_school_to_assignment(k, a.id, tenant)
            return
    services.create_assignment(k, DEMO_INSPECTOR, [tenant], date(today.year, 1, 1), date(today.year, 12, 31),
                               DEMO_NOTE)


def _some_events(k: Kernel, tenant: str, count: int) -> list[dict]:
    found = k.stores.log(tenant).recorder.select_notifications(start=1, limit=40)
    return [{"id": str(n.originator_id), "version": n.originator_version} for n in found[-count:]]


def record_findings(k: Kernel, tenant: str, today: date, rng) -> None:
    links = _some_events(k, tenant, 2)
    if not links or not _inspector_exists(k):
        return
    stage = rng.randint(0, 2)
    title, description = TOPICS[rng.randrange(len(TOPICS))]
    inspector = context.CommandContext(actor_id=f"user:{DEMO_INSPECTOR}", actor_name=DEMO_INSPECTOR,
                                       role="inspector", source="demo")
    secretary = context.CommandContext(actor_id=f"user:{tenant}-secretary", actor_name=f"{tenant}-secretary",
                                       role="secretary", tenant=tenant, source="demo")
    try:
        with context.acting(inspector):
            finding = services.record_finding(k, tenant, title, description, links,
                                              today + timedelta(days=rng.randint(10, 40)), DEMO_INSPECTOR)
            services.record_access(k, "export", [tenant], "导出事件记录（XLSX，演示）", {"format": "xlsx"})
        if stage >= 1:
            with context.acting(secretary):
                services.answer_finding(k, finding.id, "已组织支委会补充会议记录，并由支部书记逐项核对签字。")
        if stage >= 2:
            with context.acting(inspector):
                services.close_finding(k, finding.id, "整改到位，予以销号。")
    except AuditError:
        pass  # demo data never stops the demo


def create(k: Kernel, tenant: str, today: date, rng, key_path) -> None:
    assign_inspector(k, tenant, today)
    record_findings(k, tenant, today, rng)
    # The demo defers projections and catches up only the school's log afterwards: the district
    # log's (assignments, findings, access records) is caught up here.
    k.catch_up(DISTRICT)
    key = seals.load_key(key_path)
    seals.seal_log(k, tenant, key)
    seals.seal_log(k, DISTRICT, key)
