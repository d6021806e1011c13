"""Deadlines of the steps: when a step is due, its hard limit, the first day it may happen."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plugins.development.rules.dates import add_months
from plugins.development.rules.rulesets import RuleSet


@dataclass(frozen=True)
class Deadline:
    due: date                     # late one day after this
    limit: date | None = None     # never after this (beyond ``due`` only with a special reason)
    earliest: date | None = None  # not before this
    label: str = ""


def deadline(step: int, dates: dict[int, date], rs: RuleSet, probation_end: date | None = None,
             last_assessment: date | None = None) -> Deadline | None:
    """The deadline of ``step`` given the dates of the steps done (``dates``: step → date)."""
    if step == 2 and 1 in dates:
        return Deadline(add_months(dates[1], rs.talk_within_months),
                        label=f"收到申请后{rs.talk_within_months}个月内谈话")
    if step == 6 and 3 in dates:
        return Deadline(add_months(last_assessment or dates[3], rs.assessment_interval_months),
                        label=f"每{rs.assessment_interval_months}个月考察一次")
    if step == 7 and 3 in dates:
        return None  # only an earliest date: see earliest()
    if step == 15 and 13 in dates:
        return Deadline(add_months(dates[13], rs.congress_after_prereview_months),
                        label=f"预审后{rs.congress_after_prereview_months}个月内召开支部大会")
    if step == 17 and 15 in dates:
        return Deadline(add_months(dates[15], rs.approval_months),
                        limit=add_months(dates[15], rs.approval_max_months),
                        label=f"支部大会后{rs.approval_months}个月内审批（特殊情况不超过{rs.approval_max_months}个月）")
    if step == 22 and probation_end:
        return Deadline(probation_end, label="预备期满时提出转正申请")
    if step == 23 and probation_end:
        return Deadline(add_months(probation_end, rs.conversion_vote_within_months),
                        earliest=probation_end,
                        label=f"预备期满后{rs.conversion_vote_within_months}个月内讨论转正")
    if step == 24 and 23 in dates:
        return Deadline(add_months(dates[23], rs.conversion_approval_months),
                        label=f"支部大会后{rs.conversion_approval_months}个月内审批转正")
    return None


def earliest(step: int, dates: dict[int, date], rs: RuleSet) -> date | None:
    """The first day a step may happen, where a rule sets one."""
    if step == 7 and 3 in dates:
        return add_months(dates[3], rs.activist_min_months)
    return None


def probation_end(congress_on: date, rs: RuleSet, extension_months: int = 0) -> date:
    """Probation lasts a year from the congress date; an extension adds to it."""
    return add_months(congress_on, rs.probation_months + extension_months)
