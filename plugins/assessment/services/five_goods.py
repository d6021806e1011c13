"""Commands of the Five Goods assessment: indicator sets (district log), a school's assessment, evidence."""
from __future__ import annotations
from core.errors import N_

from datetime import date
from decimal import Decimal
from uuid import UUID

from core.eventstore import DISTRICT
from core.files import store_file
from core.kernel import Kernel
from core.plugins import Evidence, flatten
from plugins.assessment import rules
from plugins.assessment.domain import ids
from plugins.assessment.domain import Assessment, AssessmentError, IndicatorSet
from plugins.assessment.services.common import load_checked


# -- district: indicator sets ------------------------------------------------------------------
def create_indicator_set(k: Kernel, year: int, title: str | None = None, criteria: list | None = None,
                         grade_bands: list | None = None, copy_from: int | None = None) -> IndicatorSet:
    """A year's set: given explicitly, copied from another year, or the default sheet in force that year."""
    if k.exists(DISTRICT, ids.set_id(year)):
        raise AssessmentError(N_("%(year)s年度的考核指标体系已存在，请修订"), year=year, field="year")
    if criteria is None and copy_from is not None:
        source = load_checked(k, DISTRICT, ids.set_id(copy_from), IndicatorSet)
        title = title or source.title.replace(str(copy_from), str(year))
        criteria, grade_bands = source.criteria, grade_bands or source.grade_bands
        based_on = f"复制 {copy_from} 年度指标体系"
    else:
        default_title, default_criteria, default_bands = rules.template_for(date(year, 1, 1))
        based_on = default_title if criteria is None else "自定义"
        criteria = criteria if criteria is not None else default_criteria
        grade_bands = grade_bands or default_bands
        title = title or f"{year}年度五好支部考核指标（{default_title}）"
    indicator_set = IndicatorSet.create(ids.set_id(year), year, title, criteria, grade_bands, based_on)
    k.save(DISTRICT, indicator_set)
    return indicator_set


def ensure_indicator_set(k: Kernel, year: int) -> None:
    if not k.exists(DISTRICT, ids.set_id(year)):
        create_indicator_set(k, year)


def revise_indicator_set(k: Kernel, year: int, title: str, criteria: list, grade_bands: list, reason: str,
                         expected_version: int | None = None) -> IndicatorSet:
    indicator_set = load_checked(k, DISTRICT, ids.set_id(year), IndicatorSet, expected_version)
    indicator_set.revise(title, criteria, grade_bands, reason)
    k.save(DISTRICT, indicator_set)
    return indicator_set


# -- school: the Five Goods assessment -----------------------------------------------------------
def _assessment(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> Assessment:
    return load_checked(k, tenant, ids.assessment_id(tenant, year), Assessment, expected_version)


def open_assessment(k: Kernel, tenant: str, year: int) -> Assessment:
    """Start a year's assessment with the district's indicator set of that year, evidence pre-filled."""
    if k.exists(tenant, ids.assessment_id(tenant, year)):
        raise AssessmentError(N_("%(year)s年度考核已经开始"), year=year, field="year")
    if not k.exists(DISTRICT, ids.set_id(year)):
        raise AssessmentError(N_("区里尚未发布%(year)s年度的考核指标体系"), year=year, field="year")
    indicator_set = k.get(DISTRICT, ids.set_id(year), IndicatorSet)
    assessment = Assessment.start(ids.assessment_id(tenant, year), year, indicator_set.version,
                                  indicator_set.title, indicator_set.criteria, indicator_set.grade_bands)
    items = evidence_items(k, tenant, year, assessment.criteria)
    if items:
        assessment.record_evidence(items)
    k.save(tenant, assessment)
    return assessment


def adopt_current_set(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    indicator_set = k.get(DISTRICT, ids.set_id(year), IndicatorSet)
    assessment.adopt_set(indicator_set.version, indicator_set.title, indicator_set.criteria,
                         indicator_set.grade_bands)
    k.save(tenant, assessment)
    return assessment


def _plain(value):
    """Evidence figures as JSON: decimals and dates as text, containers walked."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _links(evidence: Evidence) -> list[dict]:
    out = []
    for link in evidence.links or ():
        events = [{"id": str(e["id"]), "version": int(e["version"])} for e in link.get("events") or ()]
        events += [{"id": str(i), "version": None} for i in link.get("event_ids") or ()]
        out.append({"label": str(link.get("label") or ""), "url": link.get("url"), "events": events})
    return out


def missing_events(k: Kernel, tenant: str, links: list[dict]) -> list[dict]:
    """The links' events that are not in the school's log (an empty list: every one exists)."""
    recorder = k.stores.log(tenant).recorder
    missing = []
    for link in links:
        for ref in link["events"]:
            try:
                originator = UUID(ref["id"])
            except (ValueError, TypeError):
                missing.append(ref)
                continue
            version = ref.get("version")
            found = recorder.select_events(originator, gt=version - 1 if version else None,
                                           lte=version, limit=1)
            if not found or (version and found[0].originator_version != version):
                missing.append(ref)
    return missing


def collect_evidence(k: Kernel, tenant: str, year: int) -> dict[str, Evidence]:
    """The evidence every enabled plugin measures for the year, by item code."""
    results = flatten(k.hooks(tenant).zhibu_assessment_evidence(tenant=tenant, year=year))
    return {e.item: e for e in results if isinstance(e, Evidence)}


def evidence_items(k: Kernel, tenant: str, year: int, criteria: list) -> dict:
    """Pre-filled scores of the items whose source has evidence this year, with verified links."""
    evidence = collect_evidence(k, tenant, year)
    items = {}
    for code, item in rules.items_of(criteria).items():
        found = evidence.get(item.get("source") or "")
        if found is None:
            continue
        links = _links(found)
        missing = missing_events(k, tenant, links)
        items[code] = {"source": found.item, "ratio": round(float(found.score_ratio), 4),
                       "score": rules.evidence_score(found.score_ratio, item["points"]),
                       "summary": found.summary, "figures": _plain(found.figures), "links": links,
                       "verified": not missing, "missing": len(missing)}
    return items


def refresh_evidence(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.record_evidence(evidence_items(k, tenant, year, assessment.criteria))
    k.save(tenant, assessment)
    return assessment


def self_score(k: Kernel, tenant: str, year: int, item: str, score, comment: str = "",
               expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.self_score(item, score, comment)
    k.save(tenant, assessment)
    return assessment


def self_score_items(k: Kernel, tenant: str, year: int, scores: dict,
                     expected_version: int | None = None) -> Assessment:
    """Several self-scores in one command: item code → (score, comment)."""
    assessment = _assessment(k, tenant, year, expected_version)
    for item, (score, comment_text) in scores.items():
        assessment.self_score(item, score, comment_text)
    k.save(tenant, assessment)
    return assessment


def save_self_assessment(k: Kernel, tenant: str, year: int, scores: dict, summary: str = "",
                         submit: bool = False, expected_version: int | None = None) -> Assessment:
    """The whole self-assessment sheet in one command: item code → (score, comment), a blank score
    leaving its item as it is; saved as a draft, or with ``submit`` checked complete and submitted.
    Every problem is refused at once (``AssessmentError.problems``, by item code); nothing half-written."""
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.self_assess(scores, summary, complete=submit)
    if submit:
        assessment.submit(summary)
    k.save(tenant, assessment)
    return assessment


def score_items(k: Kernel, tenant: str, year: int, scores: dict,
                expected_version: int | None = None) -> Assessment:
    """Several district scores in one command: item code → (score, reason)."""
    assessment = _assessment(k, tenant, year, expected_version)
    for item, (score, reason) in scores.items():
        assessment.score(item, score, reason)
    k.save(tenant, assessment)
    return assessment


def attach_evidence(k: Kernel, tenant: str, year: int, data: bytes, filename: str, item: str | None = None,
                    note: str = "") -> Assessment:
    assessment = _assessment(k, tenant, year)
    if assessment.status == "published":
        raise AssessmentError(N_("考核结果已公布，不能再补充佐证材料"))
    ref = store_file(k, data, filename)
    assessment.attach(item, ref.as_dict(), note)
    k.save(tenant, assessment)
    return assessment


def submit_self_assessment(k: Kernel, tenant: str, year: int, comment: str = "",
                           expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.submit(comment)
    k.save(tenant, assessment)
    return assessment


def send_back(k: Kernel, tenant: str, year: int, reason: str, expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.send_back(reason)
    k.save(tenant, assessment)
    return assessment


def score_item(k: Kernel, tenant: str, year: int, item: str, score, reason: str = "",
               expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.score(item, score, reason)
    k.save(tenant, assessment)
    return assessment


def comment(k: Kernel, tenant: str, year: int, text: str) -> Assessment:
    assessment = _assessment(k, tenant, year)
    assessment.comment(text)
    k.save(tenant, assessment)
    return assessment


def publish(k: Kernel, tenant: str, year: int, grade: str | None = None, reason: str = "",
            expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.publish(grade, reason)
    k.save(tenant, assessment)
    return assessment


def reassess(k: Kernel, tenant: str, year: int, reason: str, expected_version: int | None = None) -> Assessment:
    assessment = _assessment(k, tenant, year, expected_version)
    assessment.reassess(reason)
    k.save(tenant, assessment)
    return assessment
