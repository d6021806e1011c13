"""Member fields (DOMAIN.md §8.2): labels, the national ID number (GB 11643-1999), party age, checks."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.errors import N_
from core.id_numbers import birth_date_from_id, id_check_digit, id_number_error  # noqa: F401  (re-exported)


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
            errors[name] = N_("未知字段：%(name)s", name=name)
    if "name" in fields and not str(fields["name"] or "").strip():
        errors["name"] = N_("请填写姓名")
    if "gender" in fields and fields["gender"] not in GENDERS:
        errors["gender"] = N_("性别应为 男 或 女")
    if "category" in fields and fields["category"] not in (None, "", *CATEGORIES):
        errors["category"] = N_("人员类别应为 教师、职工、离退休、学生 或 其他")
    if "id_number" in fields:
        error = id_number_error(fields["id_number"])
        if error:
            errors["id_number"] = error
    if "phone" in fields and fields["phone"] and not re.fullmatch(r"1\d{10}", str(fields["phone"])):
        errors["phone"] = N_("手机号码应为 11 位数字，以 1 开头")
    for name in DATE_FIELDS & set(fields):
        if fields[name] is not None and not isinstance(fields[name], date):
            errors[name] = N_("%(label)s不是有效日期", label=FIELD_LABELS[name])
    if "party_age_correction" in fields and not isinstance(fields["party_age_correction"] or 0, int):
        errors["party_age_correction"] = N_("党龄校正值应为整数（月）")
    joined, converted = fields.get("joined_on"), fields.get("converted_on")
    if isinstance(joined, date) and isinstance(converted, date) and converted < joined:
        errors["converted_on"] = N_("转正日期不能早于入党日期")
    birth = fields.get("birth_date")
    if isinstance(birth, date) and isinstance(joined, date) and age_on(birth, joined) < 18:
        errors["joined_on"] = N_("入党时未满 18 周岁")
    return errors


def first_field_error(fields: dict, among=None) -> tuple[str, str] | None:
    """The first of ``field_errors`` (among the fields ``among``, when given) as (field, "label：sentence")."""
    errors = {f: m for f, m in field_errors(fields).items() if among is None or f in among}
    if not errors:
        return None
    field, message = next(iter(errors.items()))
    return field, f"{FIELD_LABELS.get(field, field)}：{message}"


def registration_error(fields: dict, status: str) -> tuple[str, str] | None:
    """(field, sentence) when a member cannot be registered with these fields and status, else None."""
    if status not in ("probationary", "full"):
        return "status", N_("新登记的党员只能是预备党员或正式党员")
    missing = [f for f in REQUIRED_FIELDS if not fields.get(f)]
    if missing:
        return missing[0], "请填写：" + "、".join(FIELD_LABELS[f] for f in missing)
    if status == "full" and not fields.get("converted_on"):
        return "converted_on", N_("正式党员须填写转正日期")
    return first_field_error(fields)
