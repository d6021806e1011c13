"""Commands on one member: register, correct, status, conversion, personal data records, sanctions."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.kernel import Kernel
from core.messages import translated
from core.retrying import retrying
from plugins.members import rules
from plugins.members.domain.errors import MemberError
from plugins.members.domain import Member, PersonalDataExported, PersonalDataRead
from plugins.members.services.register import RETRIES, _claim, _register, clean, load, save_members, was


def implausible(k: Kernel, fields: dict, changed=None) -> dict[str, str]:
    """Field → sentence of every implausible value (``rules.plausibility_problems``, as of today)."""
    return rules.plausibility_errors(clean(fields), k.today(), changed, translate=translated)


def check_plausible(k: Kernel, fields: dict, changed=None, dates: dict | None = None,
                    labels: dict | None = None) -> None:
    """Refuse implausible new input with every problem at once (``MemberError.problems``): the member's
    ``fields``, and ``dates`` of the command (a transfer's issue day) that cannot lie in the future."""
    errors = {**rules.future_errors(dates or {}, k.today(), translate=translated), **implausible(k, fields, changed)}
    if errors:
        labels = {**rules.FIELD_LABELS, **(labels or {})}
        message = "；".join(f"{translated(labels.get(f, f))}：{m}" for f, m in errors.items())
        raise MemberError(message, field=next(iter(errors)), problems=errors)


def register_member(k: Kernel, tenant: str, fields: dict, status: str = "full",
                    source: str = "manual", *, typed: bool = False) -> Member:
    """Put a member on the roll: unique ID number in the school, on one roll in the district.

    ``typed``: the fields were typed in now (a page, the API): they must also be plausible."""
    fields = clean(fields)
    if typed:
        check_plausible(k, fields)

    def attempt() -> Member:
        member = Member.register(fields, status=status, source=source)
        save_members(k, tenant, [(member, None, False)])
        return member
    return retrying(attempt, RETRIES)


def build_member(k: Kernel, tenant: str, fields: dict, status: str = "full", source: str = "manual") -> Member:
    """A member checked as ``register_member`` checks one (fields, the school's ID numbers, the
    district's roll) but not saved: ``save_new_members`` saves it with the records of the command
    that built it (e.g. development cases entered late, all or none)."""
    member = Member.register(clean(fields), status=status, source=source)
    number = member.fields.get("id_number")
    if number:
        _register(k, tenant).check_free(number, member.id)
        _claim(k, number, presume_new=True).check_free(tenant, member.id)
    return member


def save_new_members(k: Kernel, tenant: str, new: list[Member], *others) -> None:
    """Save members built by ``build_member`` and ``others`` of the school in one transaction, with
    the school's register of ID numbers and the district's roll claims (``save_members``)."""
    save_members(k, tenant, [(m, None, False) for m in new], *others)


def correct_member(k: Kernel, tenant: str, member_id: UUID, values: dict,
                   expected_version: int | None = None, *, typed: bool = False) -> Member:
    """Record new values of some fields. ``typed``: typed in now, so the member's fields as they
    would be must be plausible where the correction touches them (older values are not judged)."""
    values = clean(values)

    def attempt() -> Member:
        member = load(k, tenant, member_id, expected_version)
        before = was(member)
        if typed:
            check_plausible(k, {**member.fields, **values},
                            changed={f for f, v in values.items() if member.fields.get(f) != v})
        member.correct(values)
        if member.fields.get("id_number") == before[0]:
            k.save(tenant, member)
        else:
            save_members(k, tenant, [(member, *before)])
        return member
    return retrying(attempt, RETRIES)


def change_status(k: Kernel, tenant: str, member_id: UUID, status: str, effective_on: date,
                  reason: str, expected_version: int | None = None) -> Member:
    """A change of party-membership status; leaving the roll releases the district claim, coming
    back to it takes the claim again."""
    def attempt() -> Member:
        member = load(k, tenant, member_id, expected_version)
        before = was(member)
        member.change_status(status, effective_on, reason)
        save_members(k, tenant, [(member, *before)], reason=reason)
        return member
    return retrying(attempt, RETRIES)


def convert_member(k: Kernel, tenant: str, member_id: UUID, converted_on: date,
                   reason: str = "按期转正", expected_version: int | None = None) -> Member:
    member = load(k, tenant, member_id, expected_version)
    member.convert(converted_on, reason)
    k.save(tenant, member)
    return member


def record_personal_read(k: Kernel, tenant: str, member_id: UUID, fields: list[str], purpose: str) -> None:
    """Every display of a full ID number or phone is recorded (who, whose, which fields, when)."""
    k.save(tenant, PersonalDataRead(member_id=str(member_id), fields=sorted(fields), purpose=purpose))


def record_personal_export(k: Kernel, tenant: str, member_ids: list, fields: list[str], purpose: str) -> None:
    """An export with full personal values is recorded once, naming every member it carried."""
    if member_ids:
        k.save(tenant, PersonalDataExported(member_ids=[str(m) for m in member_ids],
                                            fields=sorted(fields), purpose=purpose))


# -- party discipline ----------------------------------------------------------------------
def record_sanction(k: Kernel, tenant: str, member_id: UUID, kind: str, start: date, end: date | None,
                    reason: str, expected_version: int | None = None) -> Member:
    """Record a sanction; 开除党籍 also ends the membership (status 开除党籍) from its date."""
    def attempt() -> Member:
        member = load(k, tenant, member_id, expected_version)
        before = was(member)
        member.record_sanction(kind, start, end, reason)
        if kind == "开除党籍":
            member.change_status("expelled", start, reason)
            save_members(k, tenant, [(member, *before)], reason=reason)
        else:
            k.save(tenant, member)
        return member
    return retrying(attempt, RETRIES)
