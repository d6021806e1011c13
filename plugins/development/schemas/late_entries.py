"""Development cases already under way before they were entered (补录), several at once: the input
read (pasted or uploaded rows → commands, pure) and the API's schemas of the same cases.

One row per person: 姓名, 性别, 身份证号, 人员类别; then the date of each step already done, one
column per step in the plugin's order (steps 1–25); then the data some steps need, in step order:
培养联系人 (step 5) and 入党介绍人 (step 9): names of full members on the roll, separated by ``、``;
发展对象公示 (before step 8), 拟接收预备党员公示 (before 13), 拟转正公示 (before 23): start and end,
``2025-09-11至2025-09-17`` (the end may be left out: the rules' window is counted); 培训天数,
培训学时 (step 11); 预计离开本单位日期 (step 13, if any); 接收预备党员表决 (step 15) and 转正表决
(step 23): the counts as minuted, ``应到 20 实到 18 书面 1 赞成 18 反对 1 弃权 0`` (书面, 反对 and
弃权 may be left out when 0); last 逾期原因 (for a step past its deadline) and 备注. Columns of steps
a case has not reached stay empty. The last date given is the case's current step.

With a header row the columns are read by their names (in any order; the 7-step sheets of the first
version still read); without one, by position: rows of at most the old sheet's width in its layout.
``services.open_late_cases`` checks every row against the rules and saves all or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from marshmallow import Schema, fields, validate

from core.fields import Date, Float, Integer, Text
from core.table_input import TableInputError, parse_date
from plugins.development import rules
from plugins.development.schemas import DevelopmentPersonSchema

STEP_COLUMNS = [(no, rules.STEPS[no].title) for no in range(1, rules.LAST_STEP + 1)]
PERSON_COLUMNS = ["姓名", "性别", "身份证号", "人员类别"]
PUBLICITY_COLUMNS = {kind: label for kind, label in rules.PUBLICITY_KINDS.items()}   # kind → column
VOTE_COLUMNS = {15: "接收预备党员表决", 23: "转正表决"}
PEOPLE_COLUMNS = {5: "培养联系人", 9: "入党介绍人"}
# The data columns, in the order of the steps that need them, and the step each belongs to.
DATA_COLUMNS = {"培养联系人": 5, "发展对象公示": 8, "入党介绍人": 9, "培训天数": 11, "培训学时": 11,
                "拟接收预备党员公示": 13, "预计离开本单位日期": 13, "接收预备党员表决": 15,
                "拟转正公示": 23, "转正表决": 23}
COLUMNS = [*PERSON_COLUMNS, *(title for _, title in STEP_COLUMNS), *DATA_COLUMNS, "逾期原因", "备注"]
# The first version's sheet (steps 1–7 only): still read, by header or by its width.
OLD_COLUMNS = [*PERSON_COLUMNS, *(title for no, title in STEP_COLUMNS if no <= 7), "培养联系人", "逾期原因", "备注"]
# Where a publicity must have started: after this step (development target, congress review, application).
PUBLICITY_AFTER_STEP = {"target": 7, "admission": 12, "conversion": 22}
VOTE_FORMAT = "应到 20 实到 18 书面 1 赞成 18 反对 1 弃权 0"

_EXAMPLE_CELLS = {
    "姓名": "李晓明", "性别": "男", "身份证号": "110105199503151235", "人员类别": "教师",
    **{rules.STEPS[no].title: on for no, on in enumerate((
        "2024-03-01", "2024-03-20", "2024-09-10", "2024-09-20", "2024-09-25", "2024-09-25", "2025-09-10",
        "2025-09-19", "2025-09-22", "2025-10-15", "2025-10-20", "2025-11-03", "2025-11-12", "2025-11-14",
        "2025-11-28", "2025-12-05", "2025-12-20", "2026-01-10", "2026-01-12", "2026-01-15"), start=1)},
    "培养联系人": "老党员0、老党员1", "发展对象公示": "2025-09-11至2025-09-17", "入党介绍人": "老党员2、老党员3",
    "培训天数": "3", "培训学时": "24", "拟接收预备党员公示": "2025-11-04至2025-11-10",
    "接收预备党员表决": VOTE_FORMAT,
}
EXAMPLE = "\t".join(_EXAMPLE_CELLS.get(c, "") for c in COLUMNS)   # a probationary member, through step 20

GENDER_BY_LABEL = {**{label: code for code, label in rules.GENDERS.items()}, **{c: c for c in rules.GENDERS}}
CATEGORY_BY_LABEL = {**{label: code for code, label in rules.CATEGORIES.items()}, **{c: c for c in rules.CATEGORIES}}
# The words of each count as minutes write them (应到会 20人, 实到 18, 书面意见 1, 赞成 18票 …).
_VOTE_WORDS = {"entitled": r"应到(?:会)?", "present": r"(?:实到(?:会)?|(?<!应)到会)", "written_opinions": r"书面(?:意见)?",
               "yes": r"赞成(?:票)?", "no": r"反对(?:票)?", "abstain": r"弃权(?:票)?"}


@dataclass
class LateCase:
    number: int
    person: dict = field(default_factory=dict)
    dates: dict[int, date] = field(default_factory=dict)
    contacts: list[str] = field(default_factory=list)   # member ids
    contact_names: list[str] = field(default_factory=list)
    introducers: list[str] = field(default_factory=list)   # member ids
    introducer_names: list[str] = field(default_factory=list)
    training: dict = field(default_factory=dict)          # days, hours
    publicity: dict[str, dict] = field(default_factory=dict)   # kind → {start, end (or None)}
    leaving_on: date | None = None
    votes: dict[int, dict] = field(default_factory=dict)   # 15 / 23 → the counts
    late_reason: str = ""
    notes: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def current_step(self) -> str:
        return rules.STEPS[max(self.dates)].title if self.dates else ""

    def command(self) -> dict:
        return {"number": self.number, "person": dict(self.person), "dates": dict(self.dates),
                "contacts": list(self.contacts), "introducers": list(self.introducers),
                "training": dict(self.training), "publicity": {k: dict(v) for k, v in self.publicity.items()},
                "leaving_on": self.leaving_on, "votes": {k: dict(v) for k, v in self.votes.items()},
                "late_reason": self.late_reason, "notes": self.notes}


def _layout(rows: list[list[str]]) -> tuple[dict[str, int] | None, int]:
    """Column name → position from the header row (and 1 to skip it), or None without a header."""
    if not rows or not rows[0] or rows[0][0] != COLUMNS[0]:
        return None, 0
    header = [c.strip() for c in rows[0]]
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        raise TableInputError("表头中有无法识别的列：" + "、".join(unknown) + "。列名应为：" + "、".join(COLUMNS))
    return {name: i for i, name in enumerate(header) if name}, 1


def _cells_by_name(cells: list[str], positions: dict[str, int] | None) -> dict[str, str]:
    if positions is None:   # no header: by position, in the old layout when the row is no wider
        names = OLD_COLUMNS if len(cells) <= len(OLD_COLUMNS) else COLUMNS
        positions = {name: i for i, name in enumerate(names)}
    return {name: (cells[positions[name]].strip() if positions.get(name, len(cells)) < len(cells) else "")
            for name in COLUMNS}


def _names(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、，,；;]", text or "") if p.strip()]


def _number(text: str) -> float:
    value = float(text.replace("天", "").replace("学时", "").strip())
    if value < 0:
        raise ValueError(text)
    return value


def read_vote(text: str) -> dict | None:
    """``应到 20 实到 18 书面 1 赞成 18 反对 1 弃权 0`` → the counts (书面, 反对, 弃权 default to 0)."""
    counts = {}
    for key, words in _VOTE_WORDS.items():
        found = re.search(words + r"(?:人数)?\s*[:：]?\s*(\d+)", text)
        if found:
            counts[key] = int(found[1])
    if not all(k in counts for k in ("entitled", "present", "yes")):
        return None
    return {"written_opinions": 0, "no": 0, "abstain": 0, **counts}


def read_window(text: str) -> dict:
    """``2025-09-11至2025-09-17`` (or the start alone) → {start, end}; ValueError if unreadable."""
    parts = [p for p in re.split(r"\s*(?:至|到|~|～|—)\s*|\s+", text.strip()) if p]
    if not 1 <= len(parts) <= 2:
        raise ValueError(text)
    start, end = parse_date(parts[0]), parse_date(parts[1]) if len(parts) == 2 else None
    if end is not None and end < start:
        raise ValueError(text)
    return {"start": start, "end": end}


def read(rows: list[list[str]], people: dict[str, list[str]]) -> list[LateCase]:
    """``people``: a member's name → their ids (for the cultivation contacts and the introducers)."""
    positions, start = _layout(rows)
    return [_row(number + 1, _cells_by_name(cells, positions), people)
            for number, cells in enumerate(rows) if number >= start]


def _row(number: int, cell: dict[str, str], people: dict[str, list[str]]) -> LateCase:
    get = cell.__getitem__   # every column; one the sheet leaves out is empty
    row = LateCase(number, late_reason=get("逾期原因"), notes=get("备注"),
                   person={"name": get("姓名"), "gender": GENDER_BY_LABEL.get(get("性别"), get("性别")),
                           "id_number": get("身份证号"),
                           "category": CATEGORY_BY_LABEL.get(get("人员类别"), get("人员类别"))})
    for no, title in STEP_COLUMNS:
        if not get(title):
            continue
        try:
            row.dates[no] = parse_date(get(title))
        except ValueError:
            row.errors.append(f"「{title}」日期「{get(title)}」无法识别（如 2024-03-15）")
    done = [no for no, title in STEP_COLUMNS if get(title)]
    missing = [title for no, title in STEP_COLUMNS if done and no < max(done) and no not in done]
    if not done:
        row.errors.append(f"请至少填写「{STEP_COLUMNS[0][1]}」日期")
    elif missing:
        row.errors.append("请按顺序填写已办理步骤的日期，缺少：" + "、".join(missing))

    def reached(column: str, step: int) -> bool:
        """A data column filled for a step not done is refused; one left empty for a step done is
        said here when the step cannot be without it."""
        if get(column) and step not in done:
            row.errors.append(f"填写了「{column}」，但未填写「{rules.STEPS[step].title}」日期")
            return False
        return bool(get(column))

    for step, column in PEOPLE_COLUMNS.items():
        ids, names = (row.contacts, row.contact_names) if step == 5 else (row.introducers, row.introducer_names)
        if step in done and not get(column):
            row.errors.append(f"已填写「{rules.STEPS[step].title}」日期，请填写「{column}」（名册上正式党员的姓名）")
        if not reached(column, step):
            continue
        for name in _names(get(column)):
            found = people.get(name, [])
            if len(found) != 1:
                row.errors.append(f"{column}「{name}」" + ("不在名册上" if not found else "有重名，请在档案页面逐个登记"))
            else:
                ids.append(found[0])
                names.append(name)
    for column in ("培训天数", "培训学时"):
        if reached(column, 11):
            try:
                row.training["days" if column == "培训天数" else "hours"] = _number(get(column))
            except ValueError:
                row.errors.append(f"「{column}」应为数字（如 3）")
    if 11 in done:
        row.training = {"days": row.training.get("days"), "hours": row.training.get("hours")}
    if reached("预计离开本单位日期", 13):
        try:
            row.leaving_on = parse_date(get("预计离开本单位日期"))
        except ValueError:
            row.errors.append(f"「预计离开本单位日期」「{get('预计离开本单位日期')}」无法识别（如 2026-07-15）")
    for kind, column in PUBLICITY_COLUMNS.items():
        after = PUBLICITY_AFTER_STEP[kind]
        if get(column) and after not in done:
            row.errors.append(f"填写了「{column}」，但未填写「{rules.STEPS[after].title}」日期")
        elif get(column):
            try:
                row.publicity[kind] = read_window(get(column))
            except ValueError:
                row.errors.append(f"「{column}」应写作起止日期，如「2025-09-11至2025-09-17」")
    for step, column in VOTE_COLUMNS.items():
        if step in done and not get(column):
            row.errors.append(f"已填写「{rules.STEPS[step].title}」日期，请填写「{column}」（如「{VOTE_FORMAT}」）")
        if reached(column, step):
            counts = read_vote(get(column))
            if counts is None:
                row.errors.append(f"「{column}」应写作「{VOTE_FORMAT}」（书面、反对、弃权为 0 时可不写）")
            else:
                row.votes[step] = counts
    return row


# -- the API: the same cases as JSON ---------------------------------------------------------
class LateStepSchema(Schema):
    step = Integer(required=True, validate=validate.Range(min=1, max=rules.LAST_STEP), metadata={"label": "步骤"})
    happened_on = Date(required=True, metadata={"label": "办理日期（早于或等于今天）"})


class LatePublicitySchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(list(rules.PUBLICITY_KINDS)), metadata={"label": "公示类型"})
    start = Date(required=True, metadata={"label": "公示开始日期"})
    end = Date(load_default=None, metadata={"label": "公示结束日期（空为按规则计算）"})


class LateVoteSchema(Schema):
    """The counts of a past congress vote as minuted (no meeting record to check them against)."""

    entitled = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "应到会有表决权的正式党员"})
    present = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "实到会"})
    written_opinions = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "书面意见"})
    yes = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "赞成"})
    no = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "反对"})
    abstain = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "弃权"})


class LateCaseSchema(DevelopmentPersonSchema):
    """A case already under way: the person, the dates of the steps done (from step 1, in order)
    and the data those steps need."""

    steps = fields.List(fields.Nested(LateStepSchema), required=True,
                        validate=validate.Length(min=1, max=rules.LAST_STEP))
    contacts = fields.List(fields.UUID(), load_default=list, metadata={"label": "培养联系人（第5步）"})
    introducers = fields.List(fields.UUID(), load_default=list, metadata={"label": "入党介绍人（第9步）"})
    training_days = Float(load_default=None, validate=validate.Range(min=0), metadata={"label": "培训天数（第11步）"})
    training_hours = Float(load_default=None, validate=validate.Range(min=0), metadata={"label": "培训学时（第11步）"})
    leaving_on = Date(load_default=None, metadata={"label": "预计离开本单位日期（第13步）"})
    publicity = fields.List(fields.Nested(LatePublicitySchema), load_default=list,
                            metadata={"label": "公示（第8、13、23步之前）"})
    admission_vote = fields.Nested(LateVoteSchema, load_default=None, metadata={"label": "接收预备党员表决（第15步）"})
    conversion_vote = fields.Nested(LateVoteSchema, load_default=None, metadata={"label": "转正表决（第23步）"})
    late_reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "逾期原因"})
    notes = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "备注"})


LATE_FIELDS = ("steps", "contacts", "introducers", "training_days", "training_hours", "leaving_on", "publicity",
               "admission_vote", "conversion_vote", "late_reason", "notes")


class LateCasesSchema(Schema):
    cases = fields.List(fields.Nested(LateCaseSchema), required=True, validate=validate.Length(min=1, max=200))


class LateCaseOutSchema(Schema):
    id = fields.UUID()
    name = fields.String()
    status = fields.String()
    current_step = fields.Integer(metadata={"description": "已办理到的步骤"})
    applied_on = fields.Date(metadata={"description": "申请入党日期（事情发生的日期）"})
    recorded_on = fields.Date(metadata={"description": "登记日期"})
    member_id = fields.UUID(allow_none=True, metadata={"description": "党员名册中的记录（接收为预备党员后）"})
    late = fields.Boolean(metadata={"description": "是否为补录"})
