"""The plans plugin's per-school settings: the budget rule (local, from a date) and the room's elements."""
from __future__ import annotations

from marshmallow import Schema, validate

from core.fields import Date, Money, Text
from plugins.plans import rules

_DEFAULT = rules.BUDGET_RULES[-1][1]


class PlansSettingsSchema(Schema):
    budget_per_member = Money(load_default=_DEFAULT.per_member, validate=validate.Range(min=0, max=100000),
                              metadata={"label": "党建经费：每名党员每年（元）"})
    budget_minimum = Money(load_default=_DEFAULT.minimum, validate=validate.Range(min=0, max=10000000),
                           metadata={"label": "党建经费：每个支部每年不少于（元）"})
    budget_from = Date(load_default=None, allow_none=True,
                       metadata={"label": "本校经费标准自何日起执行",
                                 "description": "留空时按默认标准（每人 100 元，每支部不少于 3000 元）"})
    overspend = Text(load_default="allow", validate=validate.OneOf(list(rules.OVERSPEND)),
                     metadata={"label": "党建经费超出预算时", "choices": rules.OVERSPEND})
    room_elements = Text(load_default="、".join(rules.DEFAULT_ROOM_ELEMENTS), validate=validate.Length(max=2000),
                         metadata={"label": "党员活动室检查项目（用顿号或逗号分隔）"})
    adopt_by_month = Text(load_default="03", validate=validate.OneOf([f"{m:02d}" for m in range(1, 13)]),
                          metadata={"label": "年度计划应在几月底前通过",
                                    "choices": {f"{m:02d}": f"{m} 月" for m in range(1, 13)}})
