"""A user's meetings as an iCalendar (.ics) feed, for the calendar apps people already use."""
from __future__ import annotations

from datetime import timedelta, timezone
from uuid import UUID

from icalendar import Calendar, Event

from core.auth.queries import load_user
from core.clock import LOCAL_TZ
from core.kernel import Kernel
from core.permissions import COMMITTEE
from plugins.meetings import queries
from plugins.members import public as members


def _user(k: Kernel, user_id: str):
    try:
        uid = UUID(user_id)
    except ValueError:
        return None
    with k.engine.connect() as conn:
        user = load_user(conn, uid)
    return user if user is not None and user.active else None


def feed_for(k: Kernel, tenant: str, school_name: str, profile, host: str) -> bytes:
    """Meetings from 90 days ago on: those of the member the account is linked to, or every meeting
    for committee members; nothing for an account that is inactive or no longer of this school."""
    user = _user(k, profile.user_id)
    roles = user.roles_in(tenant) if user is not None else set()
    everyone = bool(roles & COMMITTEE)
    member_id = members.member_for_user(k, tenant, user.username) if roles else None
    since = k.today() - timedelta(days=90)
    rows = queries.meetings_for_feed(k, tenant, member_id, everyone, since)
    cal = Calendar()
    cal.add("prodid", "-//Zhibu//meetings//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{school_name} 三会一课")
    cal.add("x-wr-timezone", LOCAL_TZ.key)
    for row in rows:
        event = Event()
        event.add("uid", f"{row.id}@{host or 'zhibu'}")
        event.add("summary", ("【已取消】" if row.status == "cancelled" else "") + f"{row.type_name}：{row.title}")
        start = row.starts_at.replace(tzinfo=LOCAL_TZ)
        event.add("dtstart", start)
        event.add("dtend", row.ends_at.replace(tzinfo=LOCAL_TZ) if row.ends_at else start + timedelta(hours=1))
        stamp = row.updated_at
        event.add("dtstamp", stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc))
        event.add("location", row.place or "")
        lines = [f"主持人：{row.chair}" if row.chair else "", f"记录人：{row.recorder}" if row.recorder else ""]
        lines += [f"{i}. {item}" for i, item in enumerate(row.agenda or [], start=1)]
        event.add("description", "\n".join(x for x in lines if x))
        event.add("status", "CANCELLED" if row.status == "cancelled" else "CONFIRMED")
        event.add("sequence", row.version)
        cal.add_component(event)
    return cal.to_ical()
