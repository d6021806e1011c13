"""Rows → what pages, the API and exports show. Pure: no I/O, no framework."""
from __future__ import annotations

from plugins.meetings.rules.talks import KINDS as TALK_KINDS, TalkCompliance, may_read_content


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
