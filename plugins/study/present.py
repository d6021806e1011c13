"""Rows → what pages, the API and Excel show (pure)."""
from __future__ import annotations

from plugins.study import rules


def session(r) -> dict:
    return {"id": r.id, "kind": r.kind, "kind_name": rules.KINDS.get(r.kind, r.kind), "title": r.title,
            "held_on": r.held_on, "hours": r.hours_x10 / 10, "meeting_id": r.meeting_id, "member_id": r.member_id,
            "evidence": r.evidence, "quiz": list(r.quiz or []), "status": r.status, "accepted": r.accepted,
            "comment": r.comment,
            "version": r.version}


def standing(s) -> dict:
    return {"member_id": s.member_id, "name": s.name, "category": s.category, "hours": s.hours_x10 / 10,
            "elsewhere_hours": s.elsewhere_x10 / 10,
            "required": s.required, "met": s.met, "reason": str(s.reason) if s.reason else None}


def standing_row(s) -> tuple:
    return (s.name, rules.CATEGORIES.get(s.category or "", s.category or ""), s.hours_x10 / 10, s.required,
            "是" if s.met else "否", str(s.reason or ""))


def elsewhere(r) -> dict:
    return {"id": r.id, "member_id": r.member_id, "member_name": r.member_name, "title": r.title,
            "organiser": r.organiser, "held_on": r.held_on, "hours": r.hours_x10 / 10, "category": r.category,
            "category_name": rules.KINDS.get(r.category, r.category), "proof": r.proof, "active": r.active,
            "version": r.version}


def quiz(r) -> dict:
    return {"id": r.id, "session_id": r.session_id, "title": r.title, "questions": list(r.questions),
            "taken": r.taken, "version": r.version}


def quiz_result(r) -> dict:
    return {"member_id": r.member_id, "name": r.name, "answers": list(r.answers), "right": r.right, "total": r.total}
