"""Pure rules of integrity building (廉洁与承诺): vocabularies, the year-end evaluation arithmetic,
grade lists, privacy of helped persons, terms and half-years. No I/O.

Sources: ../shared/DOMAIN.md §5.3 (承诺践诺评诺, 设岗定责, 先锋岗, 结对帮扶) and §7 (党风廉政, 师德).
Every figure here is **unconfirmed/local** in DOMAIN.md, so each one is a versioned default
(``EVALUATION_RULES``, effective dates) that a school's settings override.
"""
from __future__ import annotations
from core.errors import N_

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# -- vocabularies ---------------------------------------------------------------------------------
AREAS: dict[str, str] = {"study": "学习", "work": "工作", "self_discipline": "自律", "service": "服务"}
OWNER_KINDS: dict[str, str] = {"member": "党员", "branch": "支部"}
ITEM_STATUSES: dict[str, str] = {"submitted": "待审核", "returned": "退回修改", "accepted": "已通过"}
OUTCOMES: dict[str, str] = {"fulfilled": "已兑现", "partial": "部分兑现", "missed": "未兑现"}
POST_KINDS: dict[str, str] = {"duty": "设岗定责", "pioneer": "党员先锋岗"}
PAIR_KINDS: dict[str, str] = {"member": "党员结对", "branch": "支部结对"}
HELPED_KINDS: dict[str, str] = {"teacher": "困难教师", "young_teacher": "青年教师", "student": "学生",
                                "family": "家庭", "organisation": "单位/组织"}
PAIR_OUTCOMES: dict[str, str] = {"achieved": "目标达成", "partly": "部分达成", "not_achieved": "未达成"}
EDUCATION_KINDS: dict[str, str] = {"warning": "警示教育", "discipline": "党纪学习", "lecture": "廉政党课",
                                   "other": "其他廉政教育"}
INSPECTION_KINDS: dict[str, str] = {"half": "半年自查", "annual": "年度自查"}
PLEDGE_KINDS: dict[str, str] = {"ethics": "师德师风承诺书", "gifts": "拒收礼品礼金承诺书"}

# -- the year-end evaluation (评诺), versioned by effective date ----------------------------------
SOURCES: dict[str, str] = {"self": "个人自评", "members": "党员互评", "public": "群众评议"}
HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class EvaluationRule:
    """Weights of the three sources (percent) and the rating scale (threshold → label, high first)."""

    weights: dict = field(default_factory=dict)
    scale: tuple = ()

    def as_dict(self) -> dict:
        return {"weights": dict(self.weights), "scale": [list(s) for s in self.scale]}

    @classmethod
    def from_dict(cls, data: dict) -> "EvaluationRule":
        return cls(weights=dict(data["weights"]), scale=tuple((int(t), str(lbl)) for t, lbl in data["scale"]))


# (effective from, rule). The last one whose date is on or before the evaluation day applies.
EVALUATION_RULES: tuple[tuple[date, EvaluationRule], ...] = (
    (date(2010, 1, 1), EvaluationRule(weights={"self": 20, "members": 50, "public": 30},
                                      scale=((90, "优秀"), (75, "良好"), (60, "合格"), (0, "不合格")))),
)
DEFAULT_ETHICS_GRADES = ("优秀", "良好", "合格", "不合格")
DEFAULT_ETHICS_VETO = ("不合格",)
DEFAULT_POST_GRADES = ("优秀", "称职", "基本称职", "不称职")


def parse_scale(text: str) -> tuple[tuple[int, str], ...]:
    """``"90:优秀;75:良好;60:合格;0:不合格"`` → ((90, "优秀"), …), highest threshold first."""
    out = []
    for part in re.split(r"[;；,，]", text or ""):
        part = part.strip()
        if not part:
            continue
        threshold, _, label = part.replace("：", ":").partition(":")
        if not label.strip() or not threshold.strip().isdigit():
            raise ValueError(f"等级「{part}」应写成 分数线:等级，例如 90:优秀")
        value = int(threshold)
        if not 0 <= value <= 100:
            raise ValueError("分数线应在 0 到 100 之间")
        out.append((value, label.strip()))
    if not out:
        raise ValueError("请至少填写一个等级")
    out.sort(key=lambda s: -s[0])
    if out[-1][0] != 0:
        raise ValueError("最低一档的分数线应为 0")
    return tuple(out)


def parse_list(text: str) -> tuple[str, ...]:
    """``"优秀,良好,合格"`` → ("优秀", "良好", "合格")."""
    return tuple(p.strip() for p in re.split(r"[;；,，、]", text or "") if p.strip())


def evaluation_rule(on: date, settings: dict | None = None) -> EvaluationRule:
    """The rule in force on ``on``: the versioned default, overridden by the school's settings."""
    rule = EVALUATION_RULES[0][1]
    for effective, candidate in EVALUATION_RULES:
        if effective <= on:
            rule = candidate
    settings = settings or {}
    weights = {s: int(settings.get(f"weight_{s}", rule.weights[s])) for s in SOURCES}
    scale = parse_scale(settings["rating_scale"]) if settings.get("rating_scale") else rule.scale
    return EvaluationRule(weights=weights, scale=scale)


def average(scores) -> Decimal | None:
    """Mean of 0–100 scores, to the hundredth (half up); None when there are none."""
    values = [Decimal(str(s)) for s in scores or ()]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def score_error(scores) -> str | None:
    for s in scores or ():
        if not 0 <= Decimal(str(s)) <= 100:
            return N_("评分应在 0 到 100 之间")
    return None


@dataclass(frozen=True)
class EvaluationResult:
    parts: dict          # source → average score (Decimal) or None
    weights: dict        # source → weight used (percent, after leaving out absent sources)
    total: Decimal       # weighted total, to the tenth (half up)
    rating: str


def evaluate(self_score, member_scores, public_scores, rule: EvaluationRule) -> EvaluationResult:
    """Weighted year-end evaluation of one commitment letter.

    total = Σ weight × average / Σ weight, over the sources that gave scores (a source without
    scores, e.g. no public evaluation, is left out and the other weights count in proportion).
    """
    parts = {"self": average([self_score] if self_score is not None else []),
             "members": average(member_scores), "public": average(public_scores)}
    used = {s: rule.weights.get(s, 0) for s, v in parts.items() if v is not None and rule.weights.get(s, 0) > 0}
    if not used:
        raise ValueError("至少需要一项有权重的评分")
    weight_sum = sum(used.values())
    total = sum(Decimal(w) * parts[s] for s, w in used.items()) / Decimal(weight_sum)
    total = total.quantize(TENTH, rounding=ROUND_HALF_UP)
    return EvaluationResult(parts=parts, weights=used, total=total, rating=rating_for(total, rule.scale))


def rating_for(total: Decimal, scale) -> str:
    for threshold, label in sorted(scale, key=lambda s: -s[0]):
        if total >= threshold:
            return label
    return scale[-1][1]


def fulfilment_ratio(outcomes: list[str]) -> float:
    """Share of concluded items fulfilled; a partly fulfilled item counts half."""
    if not outcomes:
        return 0.0
    points = sum(1.0 if o == "fulfilled" else 0.5 if o == "partial" else 0.0 for o in outcomes)
    return round(points / len(outcomes), 4)


def missed_without_cause(outcome: str | None, cause: str | None) -> bool:
    """A commitment missed without a stated cause is flagged (通报批评 in DOMAIN.md §5.3)."""
    return outcome == "missed" and not (cause or "").strip()


# -- dates ----------------------------------------------------------------------------------------
def is_late_entry(described: date, recorded: date, grace_days: int) -> bool:
    """An entry recorded more than ``grace_days`` after the day it describes is marked late."""
    return (recorded - described).days > grace_days


def half_year(on: date) -> str:
    return f"{on.year}H1" if on.month <= 6 else f"{on.year}H2"


def school_term(on: date) -> str:
    """Autumn term runs September–January, spring term February–August (学年学期)."""
    if on.month >= 9:
        return f"{on.year}-{on.year + 1}学年第一学期"
    if on.month == 1:
        return f"{on.year - 1}-{on.year}学年第一学期"
    return f"{on.year - 1}-{on.year}学年第二学期"


def inspection_period(kind: str, year: int, half: int | None = None) -> str:
    return f"{year}" if kind == "annual" else f"{year}H{half or 1}"


def period_label(period: str) -> str:
    if "H" in period:
        year, half = period.split("H")
        return f"{year}年{'上' if half == '1' else '下'}半年"
    return f"{period}年度"


# -- privacy of helped persons (结对帮扶) -----------------------------------------------------------
def initials(name: str | None) -> str:
    """What everyone else sees of a helped person's name: 王小明 → 王某某, John Smith → J. S."""
    name = (name or "").strip()
    if not name:
        return ""
    if re.search(r"[\u4e00-\u9fff]", name):
        return name[0] + "某" * max(1, min(2, len(name) - 1))
    return " ".join(p[0].upper() + "." for p in name.split())


def ethics_is_veto(grade: str, veto_grades) -> bool:
    return grade in tuple(veto_grades or ())


# -- grades of a school's settings ------------------------------------------------------------------
def ethics_grades(settings: dict) -> tuple[str, ...]:
    return parse_list(settings["ethics_grades"]) or DEFAULT_ETHICS_GRADES


def ethics_veto_grades(settings: dict) -> tuple[str, ...]:
    return parse_list(settings["ethics_veto_grades"])


def post_grades(settings: dict) -> tuple[str, ...]:
    return parse_list(settings["post_grades"]) or DEFAULT_POST_GRADES
