"""Member registry commands: load, call the aggregate, save. The only writers of members."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import check_version
from core.kernel import Kernel
from plugins.members import queries
from plugins.members.domain import Member, MemberError, PersonalDataRead


def _clean(fields: dict) -> dict:
    out = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
            if key == "id_number":
                value = value.upper()
            if value == "":
                value = None
        out[key] = value
    return out


def _check_unique_id_number(k: Kernel, tenant: str, id_number: str | None, exclude: UUID | None = None):
    if id_number:
        other = queries.find_by_id_number(k, tenant, id_number)
        if other is not None and other != exclude:
            raise MemberError("本支部已有相同身份证号的党员", field="id_number")


def register_member(k: Kernel, tenant: str, fields: dict, status: str = "full",
                    source: str = "manual") -> Member:
    fields = _clean(fields)
    _check_unique_id_number(k, tenant, fields.get("id_number"))
    member = Member.register(fields, status=status, source=source)
    k.save(tenant, member)
    return member


def _load(k: Kernel, tenant: str, member_id: UUID, expected_version: int | None = None) -> Member:
    member = k.get(tenant, member_id, Member)
    check_version(member, expected_version)
    return member


def correct_member(k: Kernel, tenant: str, member_id: UUID, values: dict,
                   expected_version: int | None = None) -> Member:
    member = _load(k, tenant, member_id, expected_version)
    values = _clean(values)
    if "id_number" in values:
        _check_unique_id_number(k, tenant, values["id_number"], exclude=member_id)
    member.correct(values)
    k.save(tenant, member)
    return member


def change_status(k: Kernel, tenant: str, member_id: UUID, status: str, effective_on: date,
                  reason: str, expected_version: int | None = None) -> Member:
    member = _load(k, tenant, member_id, expected_version)
    member.change_status(status, effective_on, reason)
    k.save(tenant, member)
    return member


def convert_member(k: Kernel, tenant: str, member_id: UUID, converted_on: date,
                   reason: str = "按期转正", expected_version: int | None = None) -> Member:
    member = _load(k, tenant, member_id, expected_version)
    member.convert(converted_on, reason)
    k.save(tenant, member)
    return member


def record_personal_read(k: Kernel, tenant: str, member_id: UUID, fields: list[str], purpose: str) -> None:
    """Every display of a full ID number or phone is recorded (who, whose, which fields, when)."""
    k.save(tenant, PersonalDataRead(member_id=str(member_id), fields=sorted(fields), purpose=purpose))
