"""Whether a member's data is plausible (registration, correction, import — new input only): dates
not in the future and in the order of a member's life, old enough when applying and joining, gender
and birth date as the national ID number says (GB 11643-1999: birth date in digits 7–14, digit 17
odd for a man).

The records of earlier releases are never checked again: these rules apply to what a person types
now. Each problem is a message id (Chinese) with its values, so the caller can translate it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from plugins.members.rules.fields import FIELD_LABELS, age_on, birth_date_from_id, id_number_error

# 党章: 年满十八岁 — the minimum age at application (DOMAIN.md §1.2 "minimum age at application 18",
# [S3][S4]); joining comes after applying, so the same minimum holds for the day of joining.
MIN_AGE = 18

# The order of a member's dates: born, applied (申请入党), joined (入党, probationary), converted (转正).
ORDER = ("birth_date", "applied_on", "joined_on", "converted_on")
_AFTER = {
    ("birth_date", "applied_on"): "申请入党日期应晚于出生日期",
    ("birth_date", "joined_on"): "入党日期应晚于出生日期",
    ("birth_date", "converted_on"): "转正日期应晚于出生日期",
    ("applied_on", "joined_on"): "入党日期应晚于申请入党日期",
    ("applied_on", "converted_on"): "转正日期应晚于申请入党日期",
    ("joined_on", "converted_on"): "转正日期应晚于入党日期",
}
_AGE = {"applied_on": "申请入党时应年满 %(min)s 周岁，当时为 %(age)s 周岁",
        "joined_on": "入党时应年满 %(min)s 周岁，当时为 %(age)s 周岁"}


@dataclass(frozen=True)
class Problem:
    """One implausible value: the field shown at fault, the message id and its values, and every
    field the problem involves (a correction is refused only for problems touching what it changes)."""

    field: str
    message: str
    params: dict = field(default_factory=dict)
    involves: frozenset = frozenset()

    def text(self, translate: Callable[[str], str] = str) -> str:
        message = translate(self.message)
        return message % self.params if self.params else message

    def labelled(self, translate: Callable[[str], str] = str) -> str:
        return f"{translate(FIELD_LABELS.get(self.field, self.field))}：{self.text(translate)}"


def _id_facts(fields: dict) -> tuple[date | None, str | None]:
    """The birth date and gender an ID number states (None, None when it is missing or invalid)."""
    number = str(fields.get("id_number") or "").strip().upper()
    if not number or id_number_error(number):
        return None, None
    return birth_date_from_id(number), ("male" if int(number[16]) % 2 else "female")


def plausibility_problems(fields: dict, today: date) -> list[Problem]:
    """Every implausible value among ``fields`` (the member's fields as they would be stored)."""
    problems: list[Problem] = []
    dates = {name: fields[name] for name in ORDER if isinstance(fields.get(name), date)}
    for name, value in dates.items():
        if value > today:
            problems.append(Problem(name, "不能晚于今天", involves=frozenset({name})))
    id_birth, id_gender = _id_facts(fields)
    if id_birth is not None:
        if id_birth > today:
            problems.append(Problem("id_number", "身份证号中的出生日期晚于今天",
                                    involves=frozenset({"id_number"})))
        if "birth_date" in dates and dates["birth_date"] != id_birth:
            problems.append(Problem("birth_date", "出生日期与身份证号不符：身份证号中的出生日期为 %(date)s",
                                    {"date": id_birth.isoformat()}, frozenset({"birth_date", "id_number"})))
    if id_gender is not None and fields.get("gender") in ("male", "female") and fields["gender"] != id_gender:
        problems.append(Problem("gender", "性别与身份证号不符：身份证号第 17 位表示男性" if id_gender == "male"
                                else "性别与身份证号不符：身份证号第 17 位表示女性",
                                involves=frozenset({"gender", "id_number"})))
    # each date after the nearest earlier one that is known
    known = [name for name in ORDER if name in dates]
    for earlier, later in zip(known, known[1:]):
        if dates[later] <= dates[earlier]:
            problems.append(Problem(later, _AFTER[(earlier, later)], involves=frozenset({earlier, later})))
    birth = dates.get("birth_date") or id_birth
    birth_source = "birth_date" if "birth_date" in dates else "id_number"
    for name in ("applied_on", "joined_on"):
        if birth is not None and name in dates and dates[name] > birth:
            age = age_on(birth, dates[name])
            if age < MIN_AGE:
                problems.append(Problem(name, _AGE[name], {"min": MIN_AGE, "age": age},
                                        frozenset({name, birth_source})))
    return problems


def plausibility_errors(fields: dict, today: date, changed=None,
                        translate: Callable[[str], str] = str) -> dict[str, str]:
    """Field → sentence(s) of every problem (only those involving ``changed`` fields, when given)."""
    errors: dict[str, str] = {}
    for p in plausibility_problems(fields, today):
        if changed is not None and not (p.involves & set(changed)):
            continue
        errors[p.field] = f"{errors[p.field]}；{p.text(translate)}" if p.field in errors else p.text(translate)
    return errors


def future_errors(dates: dict, today: date, translate: Callable[[str], str] = str) -> dict[str, str]:
    """Field → sentence for each of ``dates`` (a transfer's issue day, a receipt's day) after today."""
    return {name: translate("不能晚于今天") for name, value in dates.items()
            if isinstance(value, date) and value > today}
