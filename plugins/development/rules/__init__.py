"""Pure rules of member development (发展党员): the 25 steps, deadlines, guards, the congress vote.

Sources: ../shared/DOMAIN.md §1 (2014 Development Rules). Every number lives in a ``RuleSet``
with an effective date; a case is judged by the rule set in force on the day each step happened.
Local or unconfirmed rules can be overridden per school (plugin settings) from a chosen date.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Each topic in its own module, all read as ``rules.<name>``:
from plugins.development.rules.dates import add_months, add_working_days, age_on, parse_date  # noqa: F401
from plugins.development.rules.deadlines import Deadline, deadline, earliest, probation_end  # noqa: F401
from plugins.development.rules.guards import (  # noqa: F401
    IntroducerCheck, Vote, age_error, attendance_error, introducers_error, leaving_error, training_error,
    vote_error, vote_passes,
)
from core.id_numbers import birth_date_from_id, id_check_digit, id_number_error  # noqa: F401
from plugins.development.rules.rulesets import BUILT_IN, LOCAL_FIELDS, RULES_2014, RuleBook, RuleSet  # noqa: F401

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
