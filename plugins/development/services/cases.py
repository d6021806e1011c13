"""Member development commands on one case: load, ask the registry what the guards need, call the
case, save.

The only writers of development cases. Admission and conversion go through the member registry's
public interface (``plugins.members.public``), never its tables.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.files import store_file
from core.kernel import Kernel
from core.retrying import retrying
from plugins.development import queries, rules
from plugins.development.domain import CaseRegister, DevelopmentCase, DevelopmentError
from plugins.development.rules import IntroducerCheck, RuleBook
from plugins.members import public as members

try:  # the meetings plugin offers congress attendance; it may not be installed
    from plugins.meetings import public as meetings
except ImportError:  # pragma: no cover - depends on the installation
    meetings = None


def rule_book(k: Kernel, tenant: str) -> RuleBook:
    """The 2014 rules plus the school's own numbers (plugin settings), by effective date."""
    return RuleBook.from_settings(queries.settings(k, tenant))


def _load(k: Kernel, tenant: str, case_id: UUID, expected_version: int | None = None) -> DevelopmentCase:
    case = k.get(tenant, case_id, DevelopmentCase)
    check_version(case, expected_version)
    return case


RETRIES = 8


def _register(k: Kernel, tenant: str) -> CaseRegister:
    """The school's register of open cases; opened from the school's own log the first time
    (every case opened so far, as its events leave it)."""
    try:
        return k.get_remembered(tenant, CaseRegister.create_id(tenant), CaseRegister)
    except NotFoundError:
        pass
    opened, through = k.history(tenant, DevelopmentCase.Opened)
    open_cases = {}
    for e in opened:
        case = k.get(tenant, e.originator_id, DevelopmentCase)
        if case.is_open:
            open_cases[case.person["id_number"]] = str(case.id)
    return CaseRegister(tenant=tenant, open_cases=open_cases,
                        derived_from={"source": "log", "cases": len(opened), "through": through})


def _save(k: Kernel, tenant: str, case: DevelopmentCase, was_open: bool = True) -> None:
    """Save a case; one that has just closed frees its person in the register, in the same
    transaction."""
    if was_open and not case.is_open:
        register = _register(k, tenant)
        register.release(case.person["id_number"], case.id, case.status)
        k.save(tenant, register, case)
    else:
        k.save(tenant, case)


def open_case(k: Kernel, tenant: str, person: dict, applied_on: date, actor: str = "", notes: str = "",
              records: list | None = None) -> DevelopmentCase:
    """Step 1: a written application opens a case (the person is not yet in the member registry).

    One open case per person: the school's case register is saved with the case, so a concurrent
    application of the same person collides on its version; we load it again and retry, and the
    retry is refused."""
    book = rule_book(k, tenant)

    def attempt() -> DevelopmentCase:
        case = DevelopmentCase.open(person, applied_on, k.today(), book, actor, notes, records)
        register = _register(k, tenant)
        register.enter(case.person["id_number"], case.id)
        k.save(tenant, register, case)
        return case
    return retrying(attempt, RETRIES)


def _people(k: Kernel, tenant: str, ids: list, on: date, field: str) -> list[IntroducerCheck]:
    out = []
    for raw in ids or []:
        try:
            member = members.get_member(k, tenant, UUID(str(raw)))
        except ValueError:
            member = None
        if member is None:
            raise DevelopmentError(N_("所选党员不在本支部名册中"), field=field)
        out.append(IntroducerCheck(member_id=str(member.id), name=member.name, is_full=member.is_full,
                                   under_party_probation=members.is_under_party_probation(k, tenant, member.id, on)))
    return out


def _attendance(k: Kernel, tenant: str, meeting_id) -> dict | None:
    """The congress as the meetings plugin recorded it, when the school uses that plugin."""
    if not meeting_id or "meetings" not in k.enabled_plugins(tenant):
        return None
    if meetings is None or not hasattr(meetings, "congress_attendance"):
        raise DevelopmentError(N_("会议模块暂不能提供出席情况，请不填会议编号"), field="meeting_id")
    try:
        attendance = meetings.congress_attendance(k, tenant, UUID(str(meeting_id)))
    except ValueError:
        attendance = None
    if not attendance:
        raise DevelopmentError(N_("找不到该支部党员大会的会议记录"), field="meeting_id")
    if not attendance.get("finalised", True):
        raise DevelopmentError(N_("该次会议的记录尚未定稿"), field="meeting_id")
    return attendance


def _admission_fields(case: DevelopmentCase, joined_on: date) -> dict:
    fields = {k: v for k, v in case.person.items()
              if k in ("name", "gender", "id_number", "birth_date", "category", "ethnicity", "education",
                       "job_post", "phone")}
    return {**fields, "applied_on": case.applied_on, "joined_on": joined_on}


def record_step(k: Kernel, tenant: str, case_id: UUID, step: int, happened_on: date, actor: str = "",
                notes: str = "", records: list | None = None, late_reason: str = "", data: dict | None = None,
                expected_version: int | None = None) -> DevelopmentCase:
    """Record one of the 25 steps. On approval the person joins the registry as a probationary
    member (joined on the congress date); on conversion approval they become a full member."""
    case = _load(k, tenant, case_id, expected_version)
    data = dict(data or {})
    book = rule_book(k, tenant)
    people = None
    if step == 5:
        people = _people(k, tenant, data.pop("contacts", []), happened_on, "contacts")
    elif step == 9:
        people = _people(k, tenant, data.pop("introducers", []), happened_on, "introducers")
    attendance = _attendance(k, tenant, data.get("meeting_id")) if step in rules.VOTE_STEPS else None
    case.record_step(step, happened_on, k.today(), book, actor=actor, notes=notes, records=records,
                     late_reason=late_reason, people=people, data=data, attendance=attendance)
    if step == 17 and case.status == "probationary":
        member_id = members.admit_probationary(k, tenant, _admission_fields(case, case.steps[15]["on"]))
        case.admit(member_id, book)
    elif step == 24 and case.status == "full":
        converted_on = case.convert()
        members.convert_to_full(k, tenant, UUID(case.member_id), converted_on,
                                reason="按期转正" if case.extensions == 0 else "延长预备期后转正")
    _save(k, tenant, case)
    return case


def record_assessment(k: Kernel, tenant: str, case_id: UUID, happened_on: date, actor: str = "",
                      notes: str = "", late_reason: str = "", expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.record_assessment(happened_on, k.today(), rule_book(k, tenant), actor, notes, late_reason)
    k.save(tenant, case)
    return case


def extend_probation(k: Kernel, tenant: str, case_id: UUID, decided_on: date, months: int, reason: str,
                     expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.extend_probation(decided_on, months, reason, k.today(), rule_book(k, tenant))
    k.save(tenant, case)
    return case


def cancel_probation(k: Kernel, tenant: str, case_id: UUID, decided_on: date, reason: str,
                     expected_version: int | None = None) -> DevelopmentCase:
    """Cancel probationary status; the registry records the member as removed from the roll."""
    case = _load(k, tenant, case_id, expected_version)
    case.cancel_probation(decided_on, reason, k.today())
    if case.member_id:
        members.change_status(k, tenant, UUID(case.member_id), "removed", decided_on,
                              f"取消预备党员资格：{reason.strip()}")
    _save(k, tenant, case)
    return case


def refuse(k: Kernel, tenant: str, case_id: UUID, refused_on: date, reason: str,
           expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.refuse(refused_on, reason, k.today())
    _save(k, tenant, case)
    return case


def open_publicity(k: Kernel, tenant: str, case_id: UUID, kind: str, start: date,
                   expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.open_publicity(kind, start, k.today(), rule_book(k, tenant))
    k.save(tenant, case)
    return case


def record_objection(k: Kernel, tenant: str, case_id: UUID, kind: str, received_on: date, text: str,
                     expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.record_objection(kind, received_on, text)
    k.save(tenant, case)
    return case


def resolve_objection(k: Kernel, tenant: str, case_id: UUID, kind: str, index: int, resolution: str,
                      expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.resolve_objection(kind, index, resolution)
    k.save(tenant, case)
    return case


def attach_document(k: Kernel, tenant: str, case_id: UUID, code: str, data: bytes, filename: str,
                    expected_version: int | None = None) -> DevelopmentCase:
    """Store an uploaded record (by content hash) and add it to the person's file (一人一档)."""
    case = _load(k, tenant, case_id, expected_version)
    if code not in rules.RECORDS:
        raise DevelopmentError(N_("未知的材料类别"), field="code")
    ref = store_file(k, data, filename)
    case.attach(code, ref.as_dict())
    k.save(tenant, case)
    return case


def correct_step(k: Kernel, tenant: str, case_id: UUID, step: int, reason: str, notes: str | None = None,
                 actor: str | None = None, expected_version: int | None = None) -> DevelopmentCase:
    case = _load(k, tenant, case_id, expected_version)
    case.correct_step(step, notes, actor, reason)
    k.save(tenant, case)
    return case
