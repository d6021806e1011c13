"""Pure rules of the Five Goods assessment (五个好) and the democratic evaluation of members (民主评议党员).

Sources: ../shared/DOMAIN.md §4 (evaluation, grades, 1/3 cap, handling of unqualified members) and
§5 (Five Goods criteria, the K-12 scoring sheet). Unconfirmed and local figures are defaults only:
the indicator set is district data (versioned per year), the excellent cap and the time limits are
plugin settings, and the default sheet is chosen by effective date (``template_for``).
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from core import congress
from core.dates import add_months  # noqa: F401  (used here and by the plugin's services)
from core.errors import N_

# -- the five criteria (五个好), DOMAIN.md §5.1 --------------------------------------------------
CRITERIA: dict[str, str] = {
    "leadership": "领导班子好",
    "membership": "党员队伍好",
    "mechanism": "工作机制好",
    "results": "工作业绩好",
    "public": "群众反映好",
}

# Evidence item codes other plugins measure (core.plugins.Evidence.item), and our own.
EVIDENCE_SOURCES: dict[str, str] = {
    "members.committee": "支部委员会健全、任期届满按时换届（党员名册）",
    "meetings.compliance": "“三会一课”等会议按规定召开（会议）",
    "dues.full_on_time": "党费足额按时交纳（党费）",
    "development.quality": "发展党员程序规范、时限合规（发展党员）",
    "development.conversion_on_time": "预备党员按期转正（发展党员）",
    "integrity.commitments": "党员承诺践诺（廉政与师德）",
    "integrity.ethics": "师德师风考核、无一票否决（廉政与师德）",
    "assessment.evaluation": "按年开展民主评议党员（考核评议）",
    "study.hours": "党员达到年度学习学时要求（学习学时）",
    "study.integrity_education": "党员参加廉洁教育（学习学时）",
}


def _item(code, title, points, guidance="", source=None, confirmed=True) -> dict:
    return {"code": code, "title": title, "points": points, "guidance": guidance, "source": source,
            "confirmed": confirmed}


# A. K-12 schools (中小学校、幼儿园、职业中学党组织分类定级评分参考标准) [S59]: five blocks of 20.
# Items marked confirmed=False were not visible on the published sheet: configurable defaults.
K12_SHEET: list[dict] = [
    {"code": "leadership", "title": "领导班子好", "points": 20, "items": [
        _item("L1", "班子健全、团结，发挥政治核心作用", 3, "支委会按规定设置、任期内按时换届", "members.committee"),
        _item("L2", "支部书记具有中级及以上职称", 3, "查看书记职称证书"),
        _item("L3", "班子成员是业务骨干、作风好", 3),
        _item("L4", "熟悉教育方针政策，发展思路清晰", 3),
        _item("L5", "书记与校长协调配合", 3),
        _item("L6", "清正廉洁、师德良好", 2),
        _item("L7", "干部选拔任用机制健全", 3),
    ]},
    {"code": "membership", "title": "党员队伍好", "points": 20, "items": [
        _item("M1", "党员履行义务", 2),
        _item("M2", "教育理念不断更新", 2),
        _item("M3", "政治上保持一致、积极参加组织生活", 3),
        _item("M4", "教师及骨干教师中党员比例", 2),
        _item("M5", "发展党员质量好、入党积极分子充足", 2, "发展党员各环节按时限、守程序", "development.quality"),
        _item("M6", "党费足额按时交纳", 2, "按月足额交纳的比例", "dues.full_on_time"),
        _item("M7", "党员发挥先锋模范作用", 2),
        _item("M8", "预备党员按期转正", 2, "未见原表，本项为可配置默认", "development.conversion_on_time", False),
        _item("M9", "党员公开承诺践诺", 3, "未见原表，本项为可配置默认", "integrity.commitments", False),
    ]},
    {"code": "mechanism", "title": "工作机制好", "points": 20, "items": [
        _item("W1", "“三会一课”制度落实", 6, "支部党员大会每季度、支委会和党小组会每月、党课每季度",
              "meetings.compliance", False),
        _item("W2", "按年开展民主评议党员", 4, "评议结果报告上级并告知本人", "assessment.evaluation", False),
        _item("W3", "党务公开及时规范", 3, "", None, False),
        _item("W4", "各项制度健全、管理措施到位", 4, "", None, False),
        _item("W5", "党建工作档案完整", 3, "", None, False),
    ]},
    {"code": "results", "title": "工作业绩好", "points": 20, "items": [
        _item("R1", "教育教学质量显著", 8, "未见原表，本项为可配置默认", None, False),
        _item("R2", "围绕中心、服务大局成效突出", 6, "未见原表，本项为可配置默认", None, False),
        _item("R3", "党建工作特色品牌", 6, "未见原表，本项为可配置默认", None, False),
    ]},
    {"code": "public", "title": "群众反映好", "points": 20, "items": [
        _item("P1", "师德师风考核良好、无一票否决", 6, "未见原表，本项为可配置默认", "integrity.ethics", False),
        _item("P2", "师生、家长满意度测评", 8, "未见原表，本项为可配置默认", None, False),
        _item("P3", "党员形象好、党群关系密切", 6, "未见原表，本项为可配置默认", None, False),
    ]},
]

# Grade bands for branch classification (分类定级): unconfirmed, set locally. Lowest bound first wins
# from the top: a total is given the first band whose minimum it reaches.
DEFAULT_GRADE_BANDS: list[dict] = [
    {"grade": "好", "min": 90}, {"grade": "较好", "min": 80}, {"grade": "一般", "min": 60}, {"grade": "差", "min": 0},
]

# Default sheets by effective date (a new published sheet is a new row, never an edit).
TEMPLATES: list[tuple[date, str, list[dict]]] = [
    (date(2010, 1, 1), "中小学校党组织“五个好”考核评分（参考 K-12 分类定级标准）", K12_SHEET),
]


def template_for(on: date) -> tuple[str, list[dict], list[dict]]:
    """The default (title, criteria, grade bands) in force on ``on``."""
    chosen = TEMPLATES[0]
    for row in TEMPLATES:
        if row[0] <= on:
            chosen = row
    return chosen[1], [dict(c, items=[dict(i) for i in c["items"]]) for c in chosen[2]], \
        [dict(b) for b in DEFAULT_GRADE_BANDS]


def items_of(criteria: list[dict]) -> dict[str, dict]:
    """Item code → item (with its criterion code), in sheet order."""
    return {i["code"]: dict(i, criterion=c["code"]) for c in criteria for i in c["items"]}


def criteria_error(criteria: list[dict]) -> tuple[str, str] | None:
    """(field, sentence) saying why an indicator set's criteria are not usable, or None."""
    if not criteria:
        return "criteria", N_("指标体系至少要有一项考核内容")
    seen: set[str] = set()
    for c in criteria:
        if not str(c.get("title") or "").strip():
            return "criteria", N_("每项考核内容须有名称")
        if not c.get("items"):
            return "criteria", N_("「%(title)s」下至少要有一个考核要点", title=c['title'])
        total = 0.0
        for i in c["items"]:
            code = str(i.get("code") or "").strip()
            if not code or code in seen:
                return "criteria", N_("考核要点编号重复或为空：%(code)s", code=code or N_('（空）'))
            seen.add(code)
            if not str(i.get("title") or "").strip():
                return "criteria", N_("考核要点 %(code)s 须有名称", code=code)
            try:
                points = float(i.get("points"))
            except (TypeError, ValueError):
                return "criteria", N_("考核要点 %(code)s 的分值不是数字", code=code)
            if points <= 0:
                return "criteria", N_("考核要点 %(code)s 的分值须大于 0", code=code)
            if i.get("source") and i["source"] not in EVIDENCE_SOURCES:
                return "criteria", N_("考核要点 %(code)s 的数据来源未知：%(source)s", code=code, source=i['source'])
            total += points
        if abs(total - float(c.get("points") or 0)) > 1e-6:
            return "criteria", N_("「%(title)s」各要点分值合计 %(total)s 分，与该项满分 %(points)s 分不符",
                                  title=c['title'], total=format(total, "g"), points=c.get('points'))
    return None


def grade_bands_error(bands: list[dict]) -> tuple[str, str] | None:
    if not bands:
        return "grade_bands", N_("请设置至少一个等次")
    if not any(float(b.get("min", 1)) <= 0 for b in bands):
        return "grade_bands", N_("最低一档等次的分数下限应为 0")
    names = [str(b.get("grade") or "").strip() for b in bands]
    if "" in names or len(set(names)) != len(names):
        return "grade_bands", N_("等次名称不能为空或重复")
    return None


# -- scores --------------------------------------------------------------------------------------
TENTH = Decimal("0.1")


def round_score(value) -> float:
    """Scores are kept to one decimal place, rounded half up."""
    return float(Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP))


def evidence_score(ratio: float, points) -> float:
    """The pre-filled score of an item: its points × the evidence's share (clamped to 0..1)."""
    share = min(1.0, max(0.0, float(ratio)))
    return float((Decimal(str(points)) * Decimal(str(share))).quantize(TENTH, rounding=ROUND_HALF_UP))


def grade_for(total: float, bands: list[dict]) -> str:
    for band in sorted(bands, key=lambda b: -float(b["min"])):
        if total >= float(band["min"]):
            return band["grade"]
    return bands[-1]["grade"]


# -- democratic evaluation (民主评议党员), DOMAIN.md §4 ---------------------------------------------
GRADES: dict[str, str] = {"excellent": "优秀", "qualified": "合格", "basic": "基本合格", "unqualified": "不合格"}


def excellent_cap(full_members: int, numerator: int = 1, denominator: int = 3) -> int:
    """Most members that may be graded excellent: floor(full members × numerator / denominator).

    The share counts full members only (probationary members are not graded). Rounding is down:
    7 full members → at most 2 excellent (7/3 = 2.33); 9 → 3.
    """
    return (full_members * numerator) // denominator


# -- unqualified members (不合格党员组织处置), DOMAIN.md §4 ------------------------------------------
MEASURES: dict[str, str] = {"correct": "限期改正", "advise": "劝其退党", "remove": "除名"}
OUTCOMES: dict[str, dict[str, str]] = {
    "correct": {"corrected": "已按期改正", "not_corrected": "逾期未改正"},
    "advise": {"left": "本人同意退党", "refused": "本人坚持不退党（可另行除名）"},
    "remove": {"removed": "已除名"},
}


def congress_refusal(entitled: int, present: int, yes: int, no: int = 0, abstain: int = 0,
                     written: int = 0) -> str | None:
    """Why the counts cannot be those of a vote (they are not recorded), or None."""
    return congress.count_error(entitled, present, written, yes, no, abstain)


def congress_result(entitled: int, present: int, yes: int, no: int = 0, abstain: int = 0,
                    written: int = 0) -> str | None:
    """Why a congress vote on a handling fails (None when it passes).

    Same rule as admission (DOMAIN.md §1.3, ``core.congress``): more than half of those entitled
    present, written opinions of absent members given before the meeting counted in the vote, and
    yes votes more than half of those entitled to attend.
    """
    refusal = congress_refusal(entitled, present, yes, no, abstain, written)
    if refusal:
        return refusal
    quorum = congress.quorum_error(entitled, present)
    if quorum:
        return quorum
    if not congress.passes(entitled, yes):
        return f"赞成 {yes} 票，未超过应到 {entitled} 人的半数，未获通过"
    return None


# -- periodic self-checks (季度自查、半年初评、年终总评) ------------------------------------------------
PERIODS: dict[str, str] = {"Q1": "第一季度自查", "Q2": "第二季度自查", "Q3": "第三季度自查",
                           "Q4": "第四季度自查", "H1": "半年初评", "Y": "年终总评"}
MEMBER_PERIODS = ("Q1", "Q2", "Q3", "Q4")      # by each member
BRANCH_PERIODS = ("H1", "Y")                   # by the branch
_PERIOD_END = {"Q1": (3, 31), "Q2": (6, 30), "Q3": (9, 30), "Q4": (12, 31), "H1": (6, 30), "Y": (12, 31)}


def period_end(year: int, period: str) -> date:
    month, day = _PERIOD_END[period]
    return date(year, month, day)


def period_due(year: int, period: str, grace_days: int = 15) -> date:
    """The last day for a period's entry: the period's end plus a grace (local; a setting)."""
    return period_end(year, period) + timedelta(days=grace_days)


def period_opens(year: int, period: str) -> date:
    """Entries are taken from the first day of the period's last month."""
    end = period_end(year, period)
    return date(year, end.month, 1) if period != "Y" else date(year, 12, 1)
