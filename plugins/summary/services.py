"""Commands of the summary plugin: draft from the record, edit, adopt. The only writers of its records."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.kernel import Kernel
from core.plugins import build_url
from plugins.summary import papers, queries, rules
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


def reopen(k: Kernel, tenant: str, year: int, reason: str, expected_version: int | None = None) -> Summary:
    """Reopen the adopted summary for a correction (更正), with a reason; the committee adopts it again."""
    summary = _load(k, tenant, year, expected_version)
    summary.reopen(reason)
    k.save(tenant, summary)
    return summary


def send_to_district(k: Kernel, tenant: str, year: int, reason: str = "",
                     expected_version: int | None = None) -> Summary:
    """报送区委: the adopted summary goes to the district through the tasks plugin's public function —
    as the answer to the district's year-summary task (the DOCX attached) when there is one to answer,
    otherwise as an information report. Once per adopted version (409 again); a corrected, re-adopted
    version again with a reason."""
    summary = _load(k, tenant, year, expected_version)
    summary.check_sendable(reason)
    if "tasks" not in k.enabled_plugins(tenant):
        raise SummaryError(N_("本校未启用上级任务与信息报送，无法报送区委"), field="year")
    from plugins.tasks import public as tasks   # noqa: PLC0415  (optional: tasks may be off)
    row = queries.get_summary(k, tenant, year)
    paper = papers.annual_summary(k, tenant, year)
    title = f"{year}年度党建工作总结"
    facts = {f["key"]: f for f in row.facts}
    lead = f"《{title}》已于 {row.adopted_on.isoformat()} 经支部委员会通过。" + (f"更正说明：{reason.strip()}" if reason.strip() else "")
    body = "\n\n".join(f"{name}\n{rules.plain(row.sections.get(code, ''), facts, row.overrides)}"
                        for code, name in rules.SECTIONS.items())
    try:
        sent = tasks.submit_to_district(k, tenant, task_kind="summary", years=(year, year + 1), title=title,
                                        text=lead + "\n\n" + body, file=(paper.content, paper.filename))
    except tasks.TasksError as exc:
        raise SummaryError(N_("报送区委未成功：%(why)s", why=exc.message), field="year") from exc
    summary.record_sent(k.today(), sent.route, str(sent.record_id), sent.title, reason)
    k.save(tenant, summary)
    return summary
