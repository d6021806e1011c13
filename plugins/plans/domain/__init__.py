"""Aggregates of the plans plugin. Pure: eventsourcing.domain, the standard library, core.errors."""
from plugins.plans.domain.base import PlansError
from plugins.plans.domain.funds import FundsYear
from plugins.plans.domain.plan import WorkPlan
from plugins.plans.domain.room import ActivityRoom

AGGREGATES = (WorkPlan, FundsYear, ActivityRoom)

__all__ = ["PlansError", "AGGREGATES", "WorkPlan", "FundsYear", "ActivityRoom"]
