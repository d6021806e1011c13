"""What the care plugin hands to shared pages: navigation, the month's political birthdays on the home
page, and alerts for members away not contacted for more than 6 months (each saying why)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.plugins import Alert, NavItem, RecordLink, Widget
from plugins.care import queries, rules


def nav_items() -> list[NavItem]:
    return [NavItem(label="党内关怀", endpoint="care.index", order=85),
            NavItem(label="流动党员", endpoint="care.away", order=86)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="光荣在党50年", endpoint="care_district.district_medals", order=60)]


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    days = queries.birthdays(k, tenant, today.year, today.month)
    return [Widget(title="本月政治生日", template="care/widgets/birthdays.html", order=40, action="care.view",
                   context={"birthdays": days[:8], "more": max(0, len(days) - 8), "year": today.year,
                            "month": today.month})]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out = []
    for r in queries.overdue_away(k, tenant, today):
        due = rules.contact_due(r.last_contact)
        out.append(Alert("warning", N_("外出党员 %(name)s（%(place)s）自 %(last)s 起已超过 %(months)s 个月未联系"
                                       "（应于 %(due)s 前联系）", name=r.member_name, place=r.place,
                                       last=r.last_contact.isoformat(), months=rules.CONTACT_EVERY_MONTHS,
                                       due=due.isoformat()),
                         source="care", due=due, action="care.view", endpoint="care.away_record",
                         values={"tenant": tenant, "away_id": r.id}))
    return out


def record_links(k: Kernel, tenant: str, record: str, record_id) -> list[RecordLink]:
    """On the activity funds' statement: the visit a spending was booked from (record "plans.spending",
    id "care.visit:<visit id>")."""
    kind, _, visit_id = str(record_id).partition(":")
    if record != "plans.spending" or kind != "care.visit":
        return []
    try:
        row = queries.get_visit(k, tenant, UUID(visit_id))
    except ValueError:
        return []
    if row is None:
        return []
    return [RecordLink(N_("走访慰问 %(name)s（%(on)s）", name=row.member_name, on=row.on.isoformat()), "care.visit",
                       {"tenant": tenant, "visit_id": row.id}, 1)]
