"""A summary row → what pages and the API show (pure)."""
from __future__ import annotations

from plugins.summary import rules


def summary_out(row) -> dict:
    facts = {f["key"]: f for f in row.facts}
    return {"year": row.year, "version": row.version, "adopted_on": row.adopted_on, "meeting_id": row.meeting_id,
            "sections": [{"code": code, "title": title, "text": row.sections.get(code, ""),
                          "segments": rules.segments(row.sections.get(code, ""), facts, row.overrides),
                          "rendered": rules.plain(row.sections.get(code, ""), facts, row.overrides)}
                         for code, title in rules.SECTIONS.items()],
            "facts": [{**f, "shown": rules.shown(f, row.overrides),
                       "changed": f["key"] in row.overrides and str(row.overrides[f["key"]]) != str(f["value"])}
                      for f in row.facts]}
