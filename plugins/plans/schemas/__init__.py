"""marshmallow schemas of the plans plugin, shared by the API and the page forms: the school's
settings (``settings``), the plan (``plan``), funds and the room (``funds``)."""
from plugins.plans.schemas.district import (
    BudgetRuleOutSchema, BudgetRuleSchema, PageQuerySchema, RoomPageOutSchema,
)
from plugins.plans.schemas.funds import (
    BudgetSchema, RoomCheckOutSchema, RoomCheckSchema, RoomElementOutSchema, SpendingOutSchema, SpendingSchema,
    StatementOutSchema, WithdrawSchema,
)
from plugins.plans.schemas.plan import (
    AdoptSchema, ItemOutSchema, ItemSchema, PlanCreateSchema, PlanOutSchema, PlanReportSchema, RemoveSchema,
    ReviewSchema,
)
from plugins.plans.schemas.settings import PlansSettingsSchema

__all__ = ["BudgetRuleOutSchema", "BudgetRuleSchema", "PageQuerySchema", "RoomPageOutSchema",
           "BudgetSchema", "RoomCheckOutSchema", "RoomCheckSchema", "RoomElementOutSchema", "SpendingOutSchema",
           "SpendingSchema", "StatementOutSchema", "WithdrawSchema", "AdoptSchema", "ItemOutSchema", "ItemSchema",
           "PlanCreateSchema", "PlanOutSchema", "PlanReportSchema", "RemoveSchema", "ReviewSchema",
           "PlansSettingsSchema"]
