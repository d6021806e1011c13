"""Rows → what pages, the API and Excel show, and who may read what: a statement only by the committee
and its author; a criticism by the committee and the two members concerned (pure)."""
from __future__ import annotations

from datetime import date

from plugins.orglife import rules


def statement_visible(row, viewer: str | None, committee: bool) -> bool:
    return committee or (viewer is not None and row.member_id == str(viewer))


def statement_dict(row) -> dict:
    return {"id": row.id, "meeting_id": row.meeting_id, "member_id": row.member_id, "author": row.author,
            "sections": dict(row.sections), "status": row.status, "submitted_on": row.submitted_on,
            "version": row.version}


def visible_statements(rows, viewer: str | None, committee: bool) -> list[dict]:
    return [statement_dict(r) for r in rows if statement_visible(r, viewer, committee)]


def visible_criticisms(record, viewer: str | None, committee: bool) -> list[dict]:
    if record is None:
        return []
    return [c for c in record.criticisms if committee or str(viewer) in (c["from_id"], c["to_id"])]


def rectification_dict(row, today: date) -> dict:
    return {"id": row.id, "meeting_id": row.meeting_id, "meeting_title": row.meeting_title, "item": row.item,
            "owner": row.owner, "deadline": row.deadline, "status": row.status,
            "status_label": rules.STATUSES.get(row.status, row.status),
            "overdue": rules.is_overdue(row.deadline, row.status, today), "progress": list(row.progress or []),
            "closed_on": row.closed_on, "evidence": row.evidence, "late": bool(row.late), "version": row.version}


def election_dict(row) -> dict:
    return {"id": row.id, "meeting_id": row.meeting_id, "held_on": row.held_on, "entitled": row.entitled,
            "present": row.present, "seats": row.seats, "candidates": list(row.candidates),
            "elected": list(row.elected), "term_start": row.term_start, "term_end": row.term_end,
            "posts": row.posts, "version": row.version}


TERM_HEADERS = ["学校", "本届任期开始", "任期届满", "状态", "未销号整改事项"]


def term_rows(terms: list[dict]) -> list[list]:
    return [[t["name"], t["term_start"], t["term_end"], _status_words(t["status"]), t["open_items"]]
            for t in terms]


def _status_words(status: str) -> str:
    return {"ok": "任期内", "warning": "即将届满或未登记", "danger": "已届满未换届"}.get(status, status)
