"""Demo activity for the demo district: indicator sets, last year's published assessment and evaluation,
this year's self-assessment in progress, an open evaluation round with ballots, and self-checks."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from plugins.assessment import rules, services
from plugins.assessment.domain import ids
from plugins.members import public as members

SELF_TEXTS = ["认真学习党的创新理论，按时参加组织生活，教学工作中发挥骨干作用；不足是理论学习深度不够。",
              "能够履行党员义务，带头承担班主任工作；今后要加强与群众的沟通。",
              "坚持立德树人，积极参加志愿服务；批评与自我批评还不够大胆。"]


def create_activity(k: Kernel, tenant: str, today: date, rng) -> None:
    k.catch_up(tenant)  # the roster was written with projections deferred
    roster = members.list_members(k, tenant, ("full", "probationary"))
    full = [m for m in roster if m.status == "full"]
    if len(full) < 3:
        return
    year, last = today.year, today.year - 1
    for y in (last, year):
        services.ensure_indicator_set(k, y)
    _last_year(k, tenant, last, roster, rng)
    _this_year(k, tenant, year, roster, rng)
    period = {1: "Q1", 2: "Q1", 3: "Q1", 4: "Q1", 5: "Q2", 6: "Q2", 7: "Q2", 8: "Q3", 9: "Q3", 10: "Q3"}.get(
        today.month, "Q4")
    if rules.period_opens(year, period) <= today:
        for m in rng.sample(full, k=len(full) // 2):
            services.record_self_check(k, tenant, year, period, str(m.id), m.name, rng.choice(SELF_TEXTS))


def _evaluate(k: Kernel, tenant: str, year: int, roster, rng, finish: bool) -> None:
    services.open_evaluation(k, tenant, year)
    full = [m for m in roster if m.status == "full"]
    for m in roster[: len(roster) // 2]:
        services.write_self_assessment(k, tenant, year, m.id, rng.choice(SELF_TEXTS))
    for voter in rng.sample(roster, k=len(roster) // 2 if not finish else len(roster) * 2 // 3):
        choices = {str(c.id): rng.choice(["excellent", "qualified", "qualified", "qualified", "basic"])
                   for c in full if c.id != voter.id}
        services.cast_ballot(k, tenant, year, voter.id, choices)
    if not finish:
        return
    services.close_ballot(k, tenant, year)
    cap = rules.excellent_cap(len(full))
    services.propose_grades(k, tenant, year, {
        m.id: "excellent" if n < cap else ("basic" if n == len(full) - 1 else "qualified") for n, m in enumerate(full)})
    services.publish_results(k, tenant, year)


def _score_all(k: Kernel, tenant: str, year: int, rng, district: bool) -> None:
    assessment = k.get(tenant, ids.assessment_id(tenant, year))
    scores = {}
    for code, item in assessment.items.items():
        prefilled = (assessment.evidence.get(code) or {}).get("score")
        value = prefilled if prefilled is not None else rules.round_score(item["points"] * rng.uniform(0.75, 1.0))
        scores[code] = (value, "" if district else "按年度工作台账自评")
    if district:
        services.score_items(k, tenant, year, scores)
    else:
        services.self_score_items(k, tenant, year, scores)


def _last_year(k: Kernel, tenant: str, year: int, roster, rng) -> None:
    _evaluate(k, tenant, year, roster, rng, finish=True)
    k.catch_up(tenant)
    services.open_assessment(k, tenant, year)
    _score_all(k, tenant, year, rng, district=False)
    services.submit_self_assessment(k, tenant, year, "全年支部建设各项工作按计划完成。")
    _score_all(k, tenant, year, rng, district=True)
    services.comment(k, tenant, year, "班子团结，制度落实较好；建议进一步提升党建工作特色。")
    services.publish(k, tenant, year)


def _this_year(k: Kernel, tenant: str, year: int, roster, rng) -> None:
    _evaluate(k, tenant, year, roster, rng, finish=False)
    k.catch_up(tenant)
    services.open_assessment(k, tenant, year)
    assessment = k.get(tenant, ids.assessment_id(tenant, year))
    services.self_score_items(k, tenant, year, {
        code: (rules.round_score(item["points"] * rng.uniform(0.8, 1.0)), "对照年度台账自评")
        for code, item in list(assessment.items.items())[:8]})
