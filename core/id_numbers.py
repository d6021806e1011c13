"""The national ID number (公民身份号码, GB 11643-1999): format, birth date and check digit. Members
and development cases both take one; the rule is written once, here."""
from __future__ import annotations

import re
from datetime import date

from core.errors import N_

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID = re.compile(r"^\d{17}[\dX]$")


def id_number_error(value: str) -> str | None:
    """Why an 18-digit ID number is invalid (format, birth date, checksum), or None."""
    value = (value or "").strip().upper()
    if not _ID.match(value):
        return N_("身份证号应为 18 位，前 17 位为数字，末位为数字或 X")
    try:
        birth_date_from_id(value)
    except ValueError:
        return N_("身份证号中的出生日期无效")
    if id_check_digit(value[:17]) != value[17]:
        return N_("身份证号校验位不正确")
    return None


def id_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def birth_date_from_id(value: str) -> date:
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
