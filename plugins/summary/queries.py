"""Read side of the summary plugin; every statement filters by tenant first."""
from __future__ import annotations

from sqlalchemy import select

from core.kernel import Kernel
from core.plugins import flatten
from plugins.summary import models as m


def get_summary(k: Kernel, tenant: str, year: int):
    t = m.summaries
    with k.reading() as conn:
        return conn.execute(select(t).where(t.c.tenant == tenant, t.c.year == year)).first()


def list_summaries(k: Kernel, tenant: str) -> list:
    t = m.summaries
    with k.reading() as conn:
        return conn.execute(select(t.c.year, t.c.adopted_on, t.c.version).where(t.c.tenant == tenant)
                            .order_by(t.c.year.desc())).all()


def facts_of(k: Kernel, tenant: str, year: int) -> list:
    """The year's facts from every enabled plugin (``zhibu_summary_facts``), in section order."""
    return sorted(flatten(k.hooks(tenant).zhibu_summary_facts(tenant=tenant, year=year)),
                  key=lambda f: (f.order, f.key))


def committee_meetings(k: Kernel, tenant: str, years: tuple[int, ...]) -> list[dict]:
    """Committee meetings held in ``years`` that may adopt the summary (meetings' public.py; none when
    the meetings plugin is disabled for the school)."""
    if "meetings" not in k.enabled_plugins(tenant):
        return []
    from plugins.meetings import public as meetings   # noqa: PLC0415  (optional: meetings may be off)
    return [m for y in years for m in meetings.list_meetings(k, tenant, type="committee", year=y)
            if m["status"] == "held"]


def years_adopted_at(k: Kernel, tenant: str, meeting_id: str) -> list[int]:
    """The years whose summary (any adopted version) a meeting adopted; a school keeps one row a year."""
    t = m.summaries
    with k.reading() as conn:
        rows = conn.execute(select(t.c.year, t.c.meetings).where(t.c.tenant == tenant)).all()
    return sorted(r.year for r in rows if meeting_id in (r.meetings or []))
