"""A summary row → what pages and the API show (pure)."""
from __future__ import annotations

from core.plugins import build_url
from plugins.summary import rules

ROUTES = {"task": ("tasks.task", "task_id"), "info": ("tasks.info_report", "report_id")}


def sent_out(tenant: str, sent: dict) -> dict:
    """One sending to the district, with the school's page of what it became (the task or the report)."""
    endpoint, key = ROUTES.get(sent.get("route"), (None, None))
    return {**sent, "url": build_url(endpoint, {"tenant": tenant, key: sent["record_id"]}) if endpoint else None}


def summary_out(row) -> dict:
    facts = {f["key"]: f for f in row.facts}
    sends = [sent_out(row.tenant, s) for s in row.sends or []]
    adoptions = row.adoptions or 0
    return {"year": row.year, "version": row.version, "adopted_on": row.adopted_on, "meeting_id": row.meeting_id,
            "meeting_url": build_url("meetings.detail", {"tenant": row.tenant, "meeting_id": row.meeting_id})
            if row.meeting_id else None,
            "adoptions": adoptions, "sends": sends, "reopened": list(row.reopened or []),
            "sendable": row.adopted_on is not None and not any(s["adoption"] == adoptions for s in sends),
            "sections": [{"code": code, "title": title, "text": row.sections.get(code, ""),
                          "segments": rules.segments(row.sections.get(code, ""), facts, row.overrides),
                          "rendered": rules.plain(row.sections.get(code, ""), facts, row.overrides)}
                         for code, title in rules.SECTIONS.items()],
            "facts": [{**f, "shown": rules.shown(f, row.overrides),
                       "changed": f["key"] in row.overrides and str(row.overrides[f["key"]]) != str(f["value"])}
                      for f in row.facts]}
