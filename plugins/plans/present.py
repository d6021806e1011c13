"""Rows → what the pages, the API and Excel show (pure)."""
from __future__ import annotations

from core.errors import N_
from core.money import from_fen

from plugins.plans import rules


def item_out(row: dict) -> dict:
    item, p = row["item"], row["progress"]
    return {**item._mapping, "done": p.done, "status": p.status, "counted": p.counted,
            "reports": [dict(r._mapping) for r in row["reports"]]}


def plan_out(view: dict) -> dict:
    return {**view["plan"]._mapping, "as_of": view["as_of"], "items": [item_out(r) for r in view["items"]],
            "reviews": [dict(r._mapping) for r in view["reviews"]]}


def link_label(link: str | None, choices: dict) -> str:
    return choices.get(link, link or "") if link else ""


def plan_rows(view: dict, choices: dict) -> list[tuple]:
    """The plan's items as Excel rows."""
    return [(r["item"].item_id, r["item"].what, r["item"].measure or "", r["item"].target or "", r["item"].owner,
             r["item"].due_on, link_label(r["item"].link, choices), r["progress"].done,
             "按记录统计" if r["progress"].counted else "负责人报告", rules.STATUSES[r["progress"].status])
            for r in view["items"]]


def statement(year: int, budget, spendings: list) -> dict:
    """The year's statement: budget, spent, left, and each spending (withdrawn ones shown as such)."""
    spent = sum(s.amount_fen for s in spendings if not s.withdrawn)
    rows = [{**s._mapping, "amount": from_fen(s.amount_fen),
             "corrections": [{"before": from_fen(c["before_fen"]), "after": from_fen(c["amount_fen"]),
                              "reason": c["reason"]} for c in (s._mapping.get("corrections") or [])]}
            for s in spendings]
    if budget is None:
        return {"year": year, "version": None, "members": None, "per_member": None, "minimum": None,
                "rule_from": None, "budget": None, "spent": from_fen(spent), "left": None, "spendings": rows}
    return {"year": year, "version": budget.version, "members": budget.members,
            "per_member": from_fen(budget.per_member_fen), "minimum": from_fen(budget.minimum_fen),
            "rule_from": budget.rule_from, "budget": from_fen(budget.amount_fen), "spent": from_fen(spent),
            "left": from_fen(budget.amount_fen - spent), "spendings": rows}


def room_out(status: list[dict]) -> list[dict]:
    return [{"element": r["element"], "last_checked": r["latest"].on if r["latest"] else None,
             "present": r["latest"].present if r["latest"] else None,
             "problem": str(r["problem"]) if r["problem"] else None,
             "checks": [dict(c._mapping) for c in r["history"]]} for r in status]


DEFAULT_NOTE = N_("系统默认（本地标准，未经上级文件确认）")


def budget_rules_out(table: tuple, district_rows: list, today) -> list[dict]:
    """Every budget rule version, newest first: the district's (who, when) and the defaults it did not
    replace; the one in force today marked."""
    own = {r.effective_from: r for r in district_rows}
    in_force = max((start for start, _rule in table if start <= today), default=table[0][0])
    out = []
    for start, rule in reversed(table):
        row = own.get(start)
        out.append({"effective_from": start, "per_member": rule.per_member, "minimum": rule.minimum,
                    "note": row.note if row else DEFAULT_NOTE,
                    "source": "district" if row else "default", "in_force": start == in_force,
                    "actor": row.actor if row else None, "recorded_at": row.recorded_at if row else None})
    return out


def room_school_out(slug: str, name: str, status: list[dict] | None) -> dict:
    """One school's room checklist, for the district's table (``status`` None: the plugin not enabled)."""
    if status is None:
        return {"school": slug, "name": name, "enabled": False, "problems": 0, "elements": []}
    elements = [{"element": r["element"], "last_checked": r["latest"].on if r["latest"] else None,
                 "present": r["latest"].present if r["latest"] else None,
                 "problem": str(r["problem"]) if r["problem"] else None} for r in status]
    return {"school": slug, "name": name, "enabled": True, "problems": sum(1 for e in elements if e["problem"]), "elements": elements}
