"""What other plugins may use of party development. Nothing else of this package is public."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from plugins.development import queries

from plugins.development.domain import DevelopmentCase
from plugins.development.rules import STEPS

__all__ = ["CaseAdmitted", "StepRecorded", "figures", "step_days", "step_title"]

# Events other plugins may listen to in projections of their own (notices: once admitted, the
# probationary member is told of the steps recorded on their case). Fields promised: an admission's
# ``member_id`` (the case is the event's ``originator_id``); a step's ``step``, ``happened_on`` and
# ``passed``.
CaseAdmitted = DevelopmentCase.Admitted
StepRecorded = DevelopmentCase.StepRecorded


def step_title(step: int) -> str:
    """The Chinese title of one of the 25 steps (发展党员二十五个步骤)."""
    found = STEPS.get(int(step))
    return found.title if found else str(step)


def figures(k: Kernel, tenant: str, first: date, last: date) -> dict[str, int]:
    """Development counts by the dates of the cases: people at each stage on ``last`` (``applicants``,
    ``activists``, ``targets``, ``probationary``) and the steps taken between ``first`` and ``last``
    (``applied``, ``became_activists``, ``became_targets``, ``admitted``, ``converted``)."""
    roster = queries.roster(k, tenant, last)
    cases = queries.list_cases(k, tenant)

    def within(day) -> int:
        return int(day is not None and first <= day <= last)
    return {"applicants": len(roster["applicant"]), "activists": len(roster["activist"]),
            "targets": len(roster["target"]), "probationary": len(roster["probationary"]),
            "applied": sum(within(r.applied_on) for r in cases),
            "became_activists": sum(within(r.activist_on) for r in cases),
            "became_targets": sum(within(r.target_on) for r in cases),
            "admitted": sum(within(r.joined_on) for r in cases),
            "converted": sum(within(r.converted_on) for r in cases)}


TRAINING_STEP = 11   # 开展集中培训 (concentrated training of development targets)


def step_days(k: Kernel, tenant: str, year: int) -> dict[str, list[date]]:
    """The days in ``year`` of each case's development steps, one per case: ``activists`` (确定入党积极分子),
    ``trained`` (集中培训), ``admitted`` (接收预备党员) and ``converted`` (转正), by the dates of the cases."""
    out: dict[str, list[date]] = {"activists": [], "trained": [], "admitted": [], "converted": []}
    for row in queries.list_cases(k, tenant):
        trained = (row.dates or {}).get(str(TRAINING_STEP))
        for key, day in (("activists", row.activist_on), ("admitted", row.joined_on), ("converted", row.converted_on),
                         ("trained", date.fromisoformat(trained) if trained else None)):
            if day is not None and day.year == year:
                out[key].append(day)
    return {key: sorted(days) for key, days in out.items()}
