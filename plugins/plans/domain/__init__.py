"""Aggregates of the plans plugin. Pure: eventsourcing.domain, the standard library, core.errors."""
from plugins.plans.domain.base import PlansError
from plugins.plans.domain.budget_rules import BudgetRuleBook
from plugins.plans.domain.funds import FundsYear
from plugins.plans.domain.plan import WorkPlan
from plugins.plans.domain.room import ActivityRoom

AGGREGATES = (WorkPlan, FundsYear, ActivityRoom, BudgetRuleBook)

__all__ = ["PlansError", "AGGREGATES", "BudgetRuleBook", "WorkPlan", "FundsYear", "ActivityRoom"]
