"""Commands of the summary plugin: draft from the record, edit, adopt. The only writers of its records."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.kernel import Kernel
from core.plugins import build_url
from plugins.summary import queries, rules
from plugins.summary.domain import Summary, SummaryError


def fact_dicts(k: Kernel, tenant: str, year: int) -> list[dict]:
    """The year's facts as stored on the draft: key, section, sentence, value (text), unit and source link."""
    return [{"key": f.key, "section": f.section, "sentence": f.sentence,
             "value": str(f.value) if isinstance(f.value, Decimal) else f.value, "unit": f.unit,
             "endpoint": f.endpoint, "values": dict(f.values),
             "url": build_url(f.endpoint, dict(f.values)) if f.endpoint else None}
            for f in queries.facts_of(k, tenant, year) if f.section in rules.SECTIONS]


def draft(k: Kernel, tenant: str, year: int) -> Summary:
    """Draft the year's summary from the school's records (once a year; edit it afterwards)."""
    if year > k.today().year:
        raise SummaryError(N_("不能为未来的年度起草总结"), field="year")
    if k.exists(tenant, Summary.create_id(tenant, year)):
        raise SummaryError(N_("%(year)s 年度的总结已经起草", year=year), field="year")
    facts = fact_dicts(k, tenant, year)
    summary = Summary(tenant=tenant, year=year, facts=facts, sections=rules.draft_sections(facts))
    k.save(tenant, summary)
    return summary


def _load(k: Kernel, tenant: str, year: int, expected_version: int | None) -> Summary:
    summary_id = Summary.create_id(tenant, year)
    if not k.exists(tenant, summary_id):
        raise NotFoundError("summary")
    summary = k.get(tenant, summary_id, Summary)
    check_version(summary, expected_version)
    return summary


def edit(k: Kernel, tenant: str, year: int, sections: dict, overrides: dict,
         expected_version: int | None = None) -> Summary:
    summary = _load(k, tenant, year, expected_version)
    summary.edit(sections, overrides)
    k.save(tenant, summary)
    return summary


def adopt(k: Kernel, tenant: str, year: int, adopted_on: date, meeting_id: UUID | None = None,
          expected_version: int | None = None) -> Summary:
    """The committee adopts the summary, optionally at a meeting of the school (meetings' public.py)."""
    summary = _load(k, tenant, year, expected_version)
    if meeting_id is not None:
        from plugins.meetings import public as meetings   # noqa: PLC0415  (optional: meetings may be off)
        if meetings.get_meeting(k, tenant, meeting_id) is None:
            raise SummaryError(N_("本支部没有这次会议"), field="meeting_id")
    summary.adopt(adopted_on, str(meeting_id) if meeting_id else None, k.today())
    k.save(tenant, summary)
    return summary
