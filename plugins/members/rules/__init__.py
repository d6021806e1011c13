"""Pure rules of the member registry: ID-number checksum, masking, statuses, party age.

Sources: ../shared/DOMAIN.md §3.1–3.2, §4 (lapse rules), §8 (fields). GB 11643-1999 for the ID checksum.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

# ID number and phone are masked unless the role may see them; one masking for every page, in core
from core.masking import PERSONAL_FIELDS, mask, mask_id_number, mask_phone  # noqa: F401  (re-exported)
# A member's standing on a day of the world (the "as of" axis of rosters and statistics)
from plugins.members.rules.standing import Change, Standing, standing_on  # noqa: F401  (re-exported)

# -- membership status (党籍状态) ------------------------------------------------------------
STATUSES: dict[str, str] = {
    "probationary": "预备党员",
    "full": "正式党员",
    "transferred_out": "已转出",
    "lost_contact": "失联",
    "suspended": "停止党籍",
    "left": "自行脱党",
    "removed": "除名",
    "deceased": "去世",
    "expelled": "开除党籍",
}
# Members counted on the roll of the branch.
ON_ROLL = frozenset({"probationary", "full", "lost_contact", "suspended"})

TRANSITIONS: dict[str, frozenset] = {
    "probationary": frozenset({"full", "removed", "transferred_out", "lost_contact", "deceased"}),
    "full": frozenset({"transferred_out", "lost_contact", "left", "removed", "deceased", "expelled"}),
    "lost_contact": frozenset({"full", "probationary", "suspended", "left", "deceased", "expelled"}),
    "suspended": frozenset({"full", "removed", "left", "deceased", "expelled"}),
    "transferred_out": frozenset({"full", "probationary"}),   # transferred back in
    "left": frozenset(),
    "removed": frozenset(),
    "deceased": frozenset(),
    "expelled": frozenset(),
}


def transition_error(before: str, after: str) -> str | None:
    """A sentence saying why ``before → after`` is refused, or None when allowed."""
    if after not in STATUSES:
        return f"未知的党籍状态：{after}"
    if after == before:
        return f"该党员已是「{STATUSES[after]}」状态"
    if after not in TRANSITIONS.get(before, frozenset()):
        return f"不能从「{STATUSES[before]}」直接变为「{STATUSES[after]}」"
    return None


# -- fields (DOMAIN.md §8.2) --------------------------------------------------------------------
GENDERS = {"male": "男", "female": "女"}
CATEGORIES = {"teacher": "教师", "staff": "职工", "retiree": "离退休", "student": "学生", "other": "其他"}
EDUCATION = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下"]

FIELD_LABELS: dict[str, str] = {
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生日期",
    "id_number": "身份证号", "education": "学历", "category": "人员类别", "job_post": "工作岗位",
    "title": "专业技术职务", "phone": "手机号码", "party_group": "党小组",
    "applied_on": "申请入党日期", "joined_on": "入党日期", "converted_on": "转正日期",
    "party_age_correction": "党龄校正值（月）",
}
DATE_FIELDS = frozenset({"birth_date", "applied_on", "joined_on", "converted_on"})
REQUIRED_FIELDS = ("name", "gender", "id_number", "joined_on")

# -- national ID number (公民身份号码), GB 11643-1999 -------------------------------------------
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID = re.compile(r"^\d{17}[\dX]$")


def id_number_error(value: str) -> str | None:
    """Why an 18-digit ID number is invalid (format, birth date, checksum), or None."""
    value = (value or "").strip().upper()
    if not _ID.match(value):
        return "身份证号应为 18 位，前 17 位为数字，末位为数字或 X"
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "身份证号中的出生日期无效"
    total = sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS))
    if _CHECK[total % 11] != value[17]:
        return "身份证号校验位不正确"
    return None


def id_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def birth_date_from_id(value: str) -> date:
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


# -- party age (党龄), DOMAIN.md §1.2 --------------------------------------------------------
@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int

    def __str__(self) -> str:
        return f"{self.years}年{self.months}个月" if self.months else f"{self.years}年"


def party_age(converted_on: date | None, on: date, correction_months: int = 0) -> PartyAge | None:
    """Whole years and months from the conversion date to ``on``, plus the correction.

    Party age counts from conversion to full member; probationary members have none.
    """
    if converted_on is None or on < converted_on:
        return None
    months = (on.year - converted_on.year) * 12 + (on.month - converted_on.month)
    if on.day < converted_on.day:
        months -= 1
    months = max(0, months + (correction_months or 0))
    return PartyAge(months // 12, months % 12)


def age_on(birth_date: date | None, on: date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def field_errors(fields: dict) -> dict[str, str]:
    """Check the values of member fields (only those present). Returns field → sentence."""
    errors: dict[str, str] = {}
    for name in fields:
        if name not in FIELD_LABELS:
            errors[name] = f"未知字段：{name}"
    if "name" in fields and not str(fields["name"] or "").strip():
        errors["name"] = "请填写姓名"
    if "gender" in fields and fields["gender"] not in GENDERS:
        errors["gender"] = "性别应为 男 或 女"
    if "category" in fields and fields["category"] not in (None, "", *CATEGORIES):
        errors["category"] = "人员类别应为 教师、职工、离退休、学生 或 其他"
    if "id_number" in fields:
        error = id_number_error(fields["id_number"])
        if error:
            errors["id_number"] = error
    if "phone" in fields and fields["phone"] and not re.fullmatch(r"1\d{10}", str(fields["phone"])):
        errors["phone"] = "手机号码应为 11 位数字，以 1 开头"
    for name in DATE_FIELDS & set(fields):
        if fields[name] is not None and not isinstance(fields[name], date):
            errors[name] = f"{FIELD_LABELS[name]}不是有效日期"
    if "party_age_correction" in fields and not isinstance(fields["party_age_correction"] or 0, int):
        errors["party_age_correction"] = "党龄校正值应为整数（月）"
    joined, converted = fields.get("joined_on"), fields.get("converted_on")
    if isinstance(joined, date) and isinstance(converted, date) and converted < joined:
        errors["converted_on"] = "转正日期不能早于入党日期"
    birth = fields.get("birth_date")
    if isinstance(birth, date) and isinstance(joined, date) and age_on(birth, joined) < 18:
        errors["joined_on"] = "入党时未满 18 周岁"
    return errors


# -- dates -----------------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(day.day, last))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


# -- versioned organisation rules (DOMAIN.md §3.1–3.2, §4, §8.1) --------------------------------
@dataclass(frozen=True)
class OrganisationRules:
    """One version of the numeric rules; a school's settings may override the local ones."""

    effective_from: date
    term_years: int = 3                   # schools: normally 3 years [S31][S38]
    term_warning_months: int = 6          # remind about 6 months before the term ends [S39]
    branch_min_full: int = 3              # a branch needs ≥ 3 full members
    committee_required_full: int = 7      # a committee is required with ≥ 7 full members
    committee_min: int = 3                # 3–5 members, normally ≤ 7
    committee_max: int = 7
    branch_max: int = 50                  # normally ≤ 50 members
    transfer_validity_months: int = 3     # letter valid at most 3 months [S72][S73] (local: ≤ 6)
    lost_contact_months: int = 6          # out of contact ≥ 6 months → suspend [S46]
    source: str = "中国共产党支部工作条例（试行）2018；党员教育管理工作条例 2019"


# Newest last. A new version of the regulations is a new row with its effective date.
RULE_SETS: tuple[OrganisationRules, ...] = (
    OrganisationRules(effective_from=date(2018, 10, 28)),
)
OVERRIDABLE = ("term_years", "term_warning_months", "branch_max", "transfer_validity_months",
               "lost_contact_months")


def rules_on(day: date, overrides: dict | None = None) -> OrganisationRules:
    """The rule set in force on ``day``, with a school's local overrides applied."""
    current = RULE_SETS[0]
    for rule_set in RULE_SETS:
        if rule_set.effective_from <= day:
            current = rule_set
    values = {k: v for k, v in (overrides or {}).items() if k in OVERRIDABLE and v is not None}
    if values:
        current = replace(current, **values)
    return current


def default_term_end(start: date, years: int = 3) -> date:
    """A term that starts on ``start`` ends the day before the same date ``years`` later."""
    return add_months(start, 12 * years) - timedelta(days=1)


def term_status(term_end: date | None, today: date, warning_months: int) -> str | None:
    """"expired" after the end, "ending" inside the warning window, else None."""
    if term_end is None:
        return None
    if today > term_end:
        return "expired"
    if today >= add_months(term_end, -warning_months):
        return "ending"
    return None


# -- committee posts (支委分工) -------------------------------------------------------------------
POSTS: dict[str, str] = {
    "secretary": "书记", "deputy": "副书记", "organisation": "组织委员", "publicity": "宣传委员",
    "discipline": "纪检委员", "other": "委员",
}
SINGLE_POSTS = frozenset({"secretary", "deputy"})


def committee_errors(seats: list[dict], term_start: date, term_end: date, max_size: int = 7) -> dict:
    """Why a committee as elected cannot be recorded: field → sentence."""
    errors: dict[str, str] = {}
    if term_end <= term_start:
        errors["term_end"] = "任期结束日期须晚于开始日期"
    if not seats:
        errors["seats"] = "请至少填写书记"
        return errors
    posts = [s.get("post") for s in seats]
    unknown = [p for p in posts if p not in POSTS]
    if unknown:
        errors["seats"] = f"未知的职务：{unknown[0]}"
    elif posts.count("secretary") != 1:
        errors["seats"] = "支部须有且只有一名书记"
    elif posts.count("deputy") > 1:
        errors["seats"] = "副书记最多一名"
    elif len({str(s.get("member_id")) for s in seats}) != len(seats):
        errors["seats"] = "同一党员不能担任两个职务"
    elif len(seats) > max_size:
        errors["seats"] = f"支部委员会一般不超过 {max_size} 人"
    return errors


def size_warnings(full: int, total: int, committee_size: int, has_secretary: bool,
                  rules: OrganisationRules) -> list[str]:
    """Branch-size rules of DOMAIN.md §3.1 as warnings (sentences)."""
    out = []
    if full < rules.branch_min_full:
        out.append(f"正式党员 {full} 名，少于 {rules.branch_min_full} 名，应成立联合党支部")
    if total > rules.branch_max:
        out.append(f"党员 {total} 名，超过 {rules.branch_max} 名，应考虑分设支部或成立党总支")
    if full >= rules.committee_required_full and committee_size == 0:
        out.append(f"正式党员 {full} 名（≥ {rules.committee_required_full}），应设立支部委员会")
    elif full >= rules.committee_required_full and committee_size < rules.committee_min:
        out.append(f"支部委员会仅 {committee_size} 人，一般应为 {rules.committee_min}–5 人")
    elif 0 < full < rules.committee_required_full and committee_size > 2:
        out.append(f"正式党员不足 {rules.committee_required_full} 名，一般不设委员会，只设书记（必要时设副书记）")
    if committee_size > rules.committee_max:
        out.append(f"支部委员会 {committee_size} 人，一般不超过 {rules.committee_max} 人")
    if not has_secretary and total > 0:
        out.append("支部尚未登记书记")
    return out


# -- party discipline sanctions (党纪处分) --------------------------------------------------------
SANCTIONS = ("警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍")
PARTY_PROBATION = "留党察看"


def sanction_error(kind: str, start: date, end: date | None) -> tuple[str, str] | None:
    """(field, sentence) when a sanction cannot be recorded, else None."""
    if kind not in SANCTIONS:
        return "kind", f"未知的处分种类：{kind}；应为 " + "、".join(SANCTIONS)
    if kind == PARTY_PROBATION:
        if end is None:
            return "end", "留党察看须填写察看期满日期"
        if end <= start or end > add_months(start, 24):
            return "end", "留党察看期为一年或两年"
    elif end is not None and end < start:
        return "end", "结束日期不能早于开始日期"
    return None


def under_party_probation(sanctions: list[dict], on: date) -> bool:
    """Whether one of the sanctions is a 留党察看 in force on ``on`` (rights not yet restored)."""
    return any(s["kind"] == PARTY_PROBATION and not s.get("revoked")
               and s["start"] <= on <= s["end"] for s in sanctions)


# -- transfers (组织关系转接) --------------------------------------------------------------------
DIRECTIONS = {"out": "转出", "in": "转入"}
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def transfer_errors(issued_on: date, valid_until: date, dues_paid_to: str | None,
                    validity_months: int) -> dict:
    errors = {}
    if valid_until < issued_on:
        errors["valid_until"] = "有效期不能早于开具日期"
    elif valid_until > add_months(issued_on, validity_months):
        errors["valid_until"] = f"介绍信有效期最长 {validity_months} 个月"
    if dues_paid_to and not _MONTH.match(dues_paid_to):
        errors["dues_paid_to"] = "党费交至应为 年-月，如 2026-10"
    return errors


def transfer_overdue(direction: str, valid_until: date, receipt_returned: bool, today: date) -> bool:
    """An outgoing letter past its validity without the receipt back is overdue."""
    return direction == "out" and not receipt_returned and today > valid_until


# -- statistics ----------------------------------------------------------------------------
AGE_BANDS = ((30, "30岁及以下"), (35, "31–35岁"), (40, "36–40岁"), (45, "41–45岁"), (50, "46–50岁"),
             (55, "51–55岁"), (60, "56–60岁"), (200, "61岁及以上"))


def age_band(age: int | None) -> str:
    if age is None:
        return "未知"
    for top, label in AGE_BANDS:
        if age <= top:
            return label
    return AGE_BANDS[-1][1]


# Movements of the roll (增加 / 减少) by kind.
ADDED = {"admitted": "发展（接收预备党员）", "transferred_in": "转入", "restored": "恢复党籍/重新转回"}
REMOVED = {"transferred_out": "转出", "deceased": "去世", "left": "自行脱党", "removed": "除名",
           "expelled": "开除党籍"}
