"""The integrity plugin's per-school settings schema (every unconfirmed/local rule of DOMAIN.md §5.3, §7);
read through ``queries.get_settings``."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, validate, validates, validates_schema

from core.errors import N_
from core.fields import Integer, Text
from plugins.integrity import rules


class IntegritySettingsSchema(Schema):
    weight_self = Integer(load_default=20, validate=validate.Range(min=0, max=100),
                          metadata={"label": "评诺权重：个人自评（%）"})
    weight_members = Integer(load_default=50, validate=validate.Range(min=0, max=100),
                             metadata={"label": "评诺权重：党员互评（%）"})
    weight_public = Integer(load_default=30, validate=validate.Range(min=0, max=100),
                            metadata={"label": "评诺权重：群众评议（%）",
                                             "description": "没有群众评议时，按其余两项的权重折算"})
    rating_scale = Text(load_default="90:优秀;75:良好;60:合格;0:不合格",
                        metadata={"label": "评诺等次（分数线:等次，用分号分隔）"})
    ethics_grades = Text(load_default="优秀,良好,合格,不合格", metadata={"label": "师德考核等次"})
    ethics_veto_grades = Text(load_default="不合格", metadata={"label": "一票否决的师德等次"})
    post_grades = Text(load_default="优秀,称职,基本称职,不称职", metadata={"label": "岗位履职评议等次"})
    late_entry_days = Integer(load_default=7, validate=validate.Range(min=0, max=365),
                              metadata={"label": "补记超过多少天标记为补录"})
    deadline_warning_days = Integer(load_default=14, validate=validate.Range(min=0, max=120),
                                    metadata={"label": "承诺到期前多少天提醒"})

    @validates("rating_scale")
    def _scale(self, value, **_):
        try:
            rules.parse_scale(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    @validates("ethics_grades")
    def _grades(self, value, **_):
        if not rules.parse_list(value):
            raise ValidationError(N_("请至少填写一个等次"))

    @validates_schema(skip_on_field_errors=False)
    def _weights(self, data, **_):
        weights = [data.get(f"weight_{s}") for s in ("self", "members", "public")]
        total = sum(w for w in weights if w is not None)
        errors = {}
        if None not in weights and total != 100:
            errors["weight_public"] = [N_("三项评诺权重之和应为 100%%，现为 %(total)s%%", total=total)]
        veto = rules.parse_list(data.get("ethics_veto_grades", ""))
        grades = rules.parse_list(data.get("ethics_grades", ""))
        if "ethics_grades" in data and any(v not in grades for v in veto):
            errors["ethics_veto_grades"] = [N_("一票否决的等次须在师德考核等次之中")]
        if errors:
            raise ValidationError(errors)
