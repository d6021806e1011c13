"""Pure rules of member development (发展党员): the 25 steps, deadlines, guards, the congress vote.

Sources: ../shared/DOMAIN.md §1 (2014 Development Rules). Every number lives in a ``RuleSet``
with an effective date; a case is judged by the rule set in force on the day each step happened.
Local or unconfirmed rules can be overridden per school (plugin settings) from a chosen date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, fields, replace
from datetime import date

from core import calendar as calendar_days
from core import congress

# -- the five stages and twenty-five steps (五个阶段二十五个步骤), DOMAIN.md §1.1 -------------
STAGES: dict[int, str] = {
    1: "入党申请",
    2: "入党积极分子的确定和培养教育",
    3: "发展对象的确定和考察",
    4: "预备党员的接收",
    5: "预备党员的教育考察和转正",
}

# Records a case's file should hold (一人一档), DOMAIN.md §1.5: code → label.
RECORDS: dict[str, str] = {
    "application": "入党申请书",
    "talk_record": "谈话记录",
    "recommendation": "推荐表（推优材料）",
    "activist_minutes": "确定入党积极分子的支委会会议记录",
    "activist_filing": "入党积极分子备案报告",
    "activist_register": "入党积极分子培养教育考察登记表",
    "thought_reports": "思想汇报",
    "autobiography": "自传",
    "target_minutes": "确定发展对象的支委会会议记录及征求意见记录",
    "target_filing": "发展对象备案报告及批复",
    "political_review": "政审材料",
    "training_certificate": "集中培训结业证书",
    "review_minutes": "支部委员会审查记录",
    "prereview_notice": "上级党委预审通知",
    "volunteer_form": "入党志愿书",
    "congress_minutes": "支部大会会议记录及选票",
    "committee_talk": "上级党委谈话记录",
    "approval": "上级党委审批意见",
    "oath_record": "入党宣誓记录",
    "probation_assessment": "预备期考察记录",
    "conversion_application": "转正申请书",
    "conversion_minutes": "讨论转正的支部大会会议记录及选票",
    "conversion_approval": "转正审批意见",
    "publicity_result": "公示结果",
}


@dataclass(frozen=True)
class Step:
    no: int
    stage: int
    title: str
    actor: str
    records: tuple[str, ...] = ()


STEPS: dict[int, Step] = {s.no: s for s in (
    Step(1, 1, "递交入党申请书", "申请人", ("application",)),
    Step(2, 1, "党组织派人谈话", "支部书记、副书记或组织委员", ("talk_record",)),
    Step(3, 2, "推荐和确定入党积极分子", "支部委员会", ("recommendation", "activist_minutes")),
    Step(4, 2, "上级党委备案", "支部", ("activist_filing",)),
    Step(5, 2, "指定培养联系人", "支部", ()),
    Step(6, 2, "培养教育考察", "支部、培养联系人", ("activist_register", "thought_reports")),
    Step(7, 3, "确定发展对象", "支部委员会", ("target_minutes", "autobiography")),
    Step(8, 3, "报上级党委备案", "支部", ("target_filing", "publicity_result")),
    Step(9, 3, "确定入党介绍人", "支部", ()),
    Step(10, 3, "进行政治审查", "支部、上级党委", ("political_review",)),
    Step(11, 3, "开展集中培训", "基层党委或县级组织部门", ("training_certificate",)),
    Step(12, 4, "支部委员会审查", "支部委员会", ("review_minutes",)),
    Step(13, 4, "上级党委预审", "基层党委", ("prereview_notice",)),
    Step(14, 4, "填写入党志愿书", "发展对象（在介绍人指导下）", ("volunteer_form",)),
    Step(15, 4, "支部大会讨论", "支部党员大会", ("congress_minutes",)),
    Step(16, 4, "上级党委派人谈话", "党委委员或组织员", ("committee_talk",)),
    Step(17, 4, "上级党委审批", "基层党委", ("approval",)),
    Step(18, 4, "再上一级党委组织部门备案", "基层党委", ()),
    Step(19, 5, "编入党支部和党小组", "支部", ()),
    Step(20, 5, "入党宣誓", "预备党员", ("oath_record",)),
    Step(21, 5, "继续教育考察", "支部", ("probation_assessment",)),
    Step(22, 5, "提出转正申请", "预备党员", ("conversion_application",)),
    Step(23, 5, "支部大会讨论转正", "支部党员大会", ("conversion_minutes",)),
    Step(24, 5, "上级党委审批转正", "基层党委", ("conversion_approval",)),
    Step(25, 5, "材料归档", "支部、基层党委", ()),
)}
LAST_STEP = 25
VOTE_STEPS = (15, 23)

# Case status (DOMAIN.md §1.2 state machine) and the step after which it is reached.
STATUSES: dict[str, str] = {
    "applicant": "入党申请人",
    "activist": "入党积极分子",
    "target": "发展对象",
    "probationary": "预备党员",
    "full": "正式党员",
    "refused": "未予发展",
    "cancelled": "取消预备党员资格",
}
OPEN_STATUSES = ("applicant", "activist", "target", "probationary")  # before admission and conversion
STATUS_AFTER_STEP = {3: "activist", 7: "target", 17: "probationary", 24: "full"}

# Publicity (公示) windows and the step each must end before (when publicity is required).
PUBLICITY_KINDS: dict[str, str] = {"target": "发展对象公示", "admission": "拟接收预备党员公示",
                                   "conversion": "拟转正公示"}
PUBLICITY_BEFORE_STEP = {"target": 8, "admission": 13, "conversion": 23}

CATEGORIES = {"teacher": "教师", "staff": "职工", "student": "学生"}
GENDERS = {"male": "男", "female": "女"}


# -- rule sets, versioned by effective date --------------------------------------------------
@dataclass(frozen=True)
class RuleSet:
    """The numbers of one version of the rules (month counts are calendar months)."""

    name: str
    effective_from: date
    min_age: int = 18                          # at application [S3][S4]
    talk_within_months: int = 1                # talk after the application [S3][S4]
    assessment_interval_months: int = 6        # activist assessment [S4]
    activist_min_months: int = 12              # activist before development target [S4][S5]
    introducers: int = 2                       # full members, not under 留党察看 [S7]
    training_min_days: int = 3                 # concentrated training [S4][S8]
    training_min_hours: int = 24
    review_valid_months: int = 12              # political review validity (local) [S4]
    congress_after_prereview_months: int = 1   # [S4][S7]
    leave_block_months: int = 3                # candidate leaving the unit [S9]
    approval_months: int = 3                   # higher approval after the congress [S10]
    approval_max_months: int = 6               # with a recorded special reason [S10]
    probation_months: int = 12                 # from the congress date [S11][S12]
    conversion_vote_within_months: int = 1     # after expiry (local) [S14]
    conversion_approval_months: int = 3        # [S14][S15]
    extension_min_months: int = 6              # [S14][S15]
    extension_max_months: int = 12
    extensions_allowed: int = 1
    publicity_working_days: int = 5            # unconfirmed nationally [S61]
    publicity_required: bool = True

    def describe(self) -> str:
        return f"{self.name}（{self.effective_from.isoformat()} 起施行）"


# 《中国共产党发展党员工作细则》 2014 (issue date as commonly cited; exact date unconfirmed).
RULES_2014 = RuleSet(name="2014年细则", effective_from=date(2014, 6, 10))
BUILT_IN: tuple[RuleSet, ...] = (RULES_2014,)

# Names of the numbers a school may set for itself (plugin settings).
LOCAL_FIELDS = tuple(f.name for f in fields(RuleSet) if f.name not in ("name", "effective_from"))


class RuleBook:
    """The rule sets a school's cases are judged by, oldest first."""

    def __init__(self, sets: tuple[RuleSet, ...] | list[RuleSet] = BUILT_IN):
        self.sets = tuple(sorted(sets, key=lambda s: s.effective_from))

    def on(self, day: date) -> RuleSet:
        """The rule set in force on ``day`` (the oldest one for days before every set)."""
        current = self.sets[0]
        for rule_set in self.sets:
            if rule_set.effective_from <= day:
                current = rule_set
        return current

    @classmethod
    def from_settings(cls, settings: dict | None, base: tuple[RuleSet, ...] = BUILT_IN) -> "RuleBook":
        """Built-in sets plus the school's own numbers (本校规则) from the date it chose."""
        settings = settings or {}
        overrides = {name: settings[name] for name in LOCAL_FIELDS if name in settings}
        latest = max(base, key=lambda s: s.effective_from)
        changed = {n: v for n, v in overrides.items() if getattr(latest, n) != v}
        if not changed:
            return cls(base)
        start = parse_date(settings.get("local_rules_from")) or latest.effective_from
        local = replace(latest, name="本校规则", effective_from=start, **changed)
        return cls(tuple(s for s in base if s.effective_from < start) + (local,))


# -- dates -----------------------------------------------------------------------------------
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if not value or not _DATE.match(str(value)):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day: 31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def add_working_days(start: date, days: int) -> date:
    """The last day of a window of ``days`` working days that starts on ``start``: the official
    calendar of public holidays and make-up working days (``core.calendar``)."""
    return calendar_days.add_working_days(start, days)


# -- deadlines -------------------------------------------------------------------------------
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


# -- guards ----------------------------------------------------------------------------------
def age_error(birth: date, applied_on: date, rs: RuleSet) -> str | None:
    if age_on(birth, applied_on) < rs.min_age:
        return f"申请入党时须年满{rs.min_age}周岁（申请日 {applied_on.isoformat()} 时未满）"
    return None


def training_error(days: float | None, hours: float | None, rs: RuleSet) -> str | None:
    if (days or 0) >= rs.training_min_days or (hours or 0) >= rs.training_min_hours:
        return None
    return f"集中培训须不少于{rs.training_min_days}天或{rs.training_min_hours}个学时"


@dataclass(frozen=True)
class IntroducerCheck:
    """What the registry says about a proposed introducer on the day they were decided."""

    member_id: str
    name: str
    is_full: bool
    under_party_probation: bool


def introducers_error(people: list[IntroducerCheck], rs: RuleSet) -> str | None:
    ids = {p.member_id for p in people}
    if len(people) != rs.introducers or len(ids) != len(people):
        return f"入党介绍人须为{rs.introducers}名不同的正式党员（现为{len(ids)}名）"
    for p in people:
        if not p.is_full:
            return f"{p.name}不是正式党员，不能担任入党介绍人"
        if p.under_party_probation:
            return f"{p.name}正在留党察看期间，不能担任入党介绍人"
    return None


def leaving_error(leaving_on: date | None, on: date, rs: RuleSet) -> str | None:
    if leaving_on and on <= leaving_on <= add_months(on, rs.leave_block_months):
        return f"发展对象将于{rs.leave_block_months}个月内离开本单位（{leaving_on.isoformat()}），暂不办理接收"
    return None


@dataclass(frozen=True)
class Vote:
    """A branch congress vote on one candidate (支部大会表决, DOMAIN.md §1.3)."""

    entitled: int          # full members with voting rights who should attend
    present: int           # of them, present
    written_opinions: int  # absent, but gave a written opinion before the meeting
    yes: int
    no: int
    abstain: int
    meeting_id: str | None = None

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def vote_error(v: Vote) -> str | None:
    """Why the counts cannot be a valid vote (a refusal, not a failed vote), or None (``core.congress``)."""
    return (congress.count_error(v.entitled, v.present, v.written_opinions, v.yes, v.no, v.abstain)
            or congress.quorum_error(v.entitled, v.present))


def vote_passes(v: Vote) -> bool:
    """Passes only if yes votes exceed half of those entitled to attend (not of those present)."""
    return congress.passes(v.entitled, v.yes)


# -- the national ID number (GB 11643-1999) ---------------------------------------------------
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_number_error(value: str) -> str | None:
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "身份证号应为 18 位，前 17 位为数字，末位为数字或 X"
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "身份证号中的出生日期无效"
    if _CHECK[sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS)) % 11] != value[17]:
        return "身份证号校验位不正确"
    return None


def id_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def birth_date_from_id(value: str) -> date:
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def stage_of(step: int) -> int:
    return STEPS[min(max(step, 1), LAST_STEP)].stage


def required_records(done_steps) -> list[str]:
    """The records a case's file should hold for the steps done so far, in step order."""
    out: list[str] = []
    for no in sorted(done_steps):
        for code in STEPS[no].records:
            if code not in out:
                out.append(code)
    return out


@dataclass
class Completeness:
    required: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [c for c in self.required if c not in self.present]

    @property
    def ratio(self) -> float:
        return 1.0 if not self.required else (len(self.required) - len(self.missing)) / len(self.required)


def completeness(done_steps, attached_codes) -> Completeness:
    required = required_records(done_steps)
    return Completeness(required=required, present=[c for c in required if c in set(attached_codes)])
