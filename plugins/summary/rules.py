"""Pure rules of the year's work summary (年度党建工作总结): its sections, the draft's wording around the
facts, and the fact tokens ``{{fact:key}}`` that keep a figure linked to its record."""
from __future__ import annotations

import re

SECTIONS = {
    "mechanism": "完善机制，落实制度",
    "affairs": "党务管理",
    "development": "发展党员",
    "excellence": "创先争优与五个好",
    "integrity": "党风廉政建设",
    "disclosure": "党务公开",
}
OWN_WORDS = "【请书记补充：本项工作的做法、成效与不足】"
TOKEN = re.compile(r"\{\{fact:([a-z0-9_.]+)\}\}")


def shown(fact: dict, overrides: dict) -> str:
    """The value the text shows: the hand-changed one when there is one."""
    return str(overrides.get(fact["key"], fact["value"]))


def draft_sections(facts: list[dict]) -> dict[str, str]:
    """Each section's first text: its facts' sentences (each figure a token), then a place for the
    secretary's own words."""
    out = {}
    for code in SECTIONS:
        sentences = [f["sentence"].replace("{value}", "{{fact:%s}}" % f["key"]).replace("{unit}", f["unit"] or "")
                     for f in facts if f["section"] == code]
        out[code] = "".join(sentences) + ("\n\n" if sentences else "") + OWN_WORDS
    return out


def segments(text: str, facts: dict[str, dict], overrides: dict) -> list[dict]:
    """A section's text split into plain text and facts, for pages and papers (a token naming no
    fact stays as typed)."""
    out, at = [], 0
    for match in TOKEN.finditer(text):
        fact = facts.get(match.group(1))
        if fact is None:
            continue
        if match.start() > at:
            out.append({"text": text[at:match.start()]})
        key = fact["key"]
        out.append({"fact": key, "text": shown(fact, overrides), "original": str(fact["value"]),
                    "changed": key in overrides and str(overrides[key]) != str(fact["value"]), "url": fact.get("url")})
        at = match.end()
    if at < len(text):
        out.append({"text": text[at:]})
    return out


def plain(text: str, facts: dict[str, dict], overrides: dict) -> str:
    """A section's text with every token replaced by its value; a hand-changed value is marked."""
    return "".join(s["text"] + ("（手工修改，记录为 %s）" % s["original"] if s.get("changed") else "")
                   for s in segments(text, facts, overrides))
