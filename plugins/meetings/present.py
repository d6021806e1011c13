"""Rows → what pages, the API and exports show. Pure: no I/O, no framework."""
from __future__ import annotations

from datetime import timedelta, timezone

from icalendar import Calendar, Event

from core.clock import LOCAL_TZ
from plugins.meetings import rules
from plugins.meetings.domain import ATTENDANCE
from plugins.meetings.rules.talks import KINDS as TALK_KINDS, TalkCompliance, may_read_content


def meeting(row) -> dict:
    """A meeting row as pages and the API show it: with its quorum and plain lists."""
    data = dict(row._mapping)
    data["quorate"] = rules.meeting_quorate(row.body, row.entitled, row.present_voters)
    data["agenda"] = list(row.agenda or [])
    data["observers"] = list(row.observers or [])
    return data


def attendee(row) -> dict:
    """An expected attendee with the word for their attendance."""
    data = dict(row._mapping)
    data["status_label"] = ATTENDANCE.get(row.status, "未登记") if row.status else "未登记"
    return data


def talk(row, reader_member_id, reads_all: bool) -> dict:
    """A talk as pages and the API show it: the content only to those who may read it."""
    readable = may_read_content({row.first_id, row.second_id}, reader_member_id, reads_all)
    return {"id": row.id, "held_on": row.held_on, "kind": row.kind, "kind_label": TALK_KINDS.get(row.kind, row.kind),
            "first": {"member_id": row.first_id, "name": row.first_name},
            "second": {"member_id": row.second_id, "name": row.second_name},
            "place": row.place, "content": row.content if readable else None, "readable": readable,
            "recorded_on": row.recorded_on, "actor": row.actor}


def talk_compliance(counted: TalkCompliance) -> dict:
    """Talk compliance as the API shows it: members who came on the roll during the year with their
    start, and whether each should have had a talk by the year's end."""
    return {"year": counted.year, "total": counted.total, "talked": counted.talked,
            "missing": list(counted.missing), "expected_missing": list(counted.expected_missing),
            "min_months": counted.min_months,
            "started": [{"name": m.name, "started_on": m.start.on, "how": m.start.how, "talked": m.talked,
                         "expected": m.expected} for m in counted.started]}


def ics(rows, school_name: str, host: str) -> bytes:
    """Meetings as an iCalendar (.ics) feed, for the calendar apps people already use."""
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
