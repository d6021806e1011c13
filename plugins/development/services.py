"""Member development commands: load, ask the registry what the guards need, call the case, save.

The only writers of development cases. Admission and conversion go through the member registry's
public interface (``plugins.members.public``), never its tables.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import DomainError, NotFoundError, check_version
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
            raise DevelopmentError("所选党员不在本支部名册中", field=field)
        out.append(IntroducerCheck(member_id=str(member.id), name=member.name, is_full=member.is_full,
                                   under_party_probation=members.is_under_party_probation(k, tenant, member.id, on)))
    return out


def _attendance(k: Kernel, tenant: str, meeting_id) -> dict | None:
    """The congress as the meetings plugin recorded it, when the school uses that plugin."""
    if not meeting_id or "meetings" not in k.enabled_plugins(tenant):
        return None
    if meetings is None or not hasattr(meetings, "congress_attendance"):
        raise DevelopmentError("会议模块暂不能提供出席情况，请不填会议编号", field="meeting_id")
    try:
        attendance = meetings.congress_attendance(k, tenant, UUID(str(meeting_id)))
    except ValueError:
        attendance = None
    if not attendance:
        raise DevelopmentError("找不到该支部党员大会的会议记录", field="meeting_id")
    if not attendance.get("finalised", True):
        raise DevelopmentError("该次会议的记录尚未定稿", field="meeting_id")
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
        raise DevelopmentError("未知的材料类别", field="code")
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


LATE_NOTE = "补录（纸质档案）"


def open_late_cases(k: Kernel, tenant: str, rows: list[dict], save: bool = True) -> list[DevelopmentCase]:
    """Enter cases already under way (补录), all or none: each is opened and taken through the
    steps already done, on their own dates, with the data each step needs, as the case page would
    record them one by one; every event keeps the day it happened and the day it was recorded, and
    its notes say it was entered from the paper file. A case past step 17 puts the person on the
    roll as a probationary member (joined on the congress date), past step 24 as a full member,
    saved in the same transaction as the cases.

    ``rows``: {"number", "person", "dates": {step: date} (steps 1.. in order), "contacts": [member
    id], "introducers": [member id], "training": {"days", "hours"}, "publicity": {kind: {"start",
    "end"}}, "leaving_on", "votes": {15 / 23: counts}, "late_reason", "notes"} (the data of steps
    not reached may be left out). The guards of each step apply (order, dates, deadlines, publicity,
    quorum, one open case per ID number). With ``save=False`` the rows are only checked (the
    preview). Errors name the row: "第 3 行：…"; ``check_late_cases`` gives them row by row.
    """
    def attempt() -> list[DevelopmentCase]:
        built, errors, register, admitted = _late_cases(k, tenant, rows)
        if errors:
            raise DevelopmentError("；".join(f"第 {n} 行：{e}" for n, e in errors.items()), field="rows")
        if save and admitted:
            members.save_new_members(k, tenant, admitted, register, *built)
        elif save and built:
            k.save(tenant, register, *built)
        return built
    return retrying(attempt, RETRIES) if save else attempt()


def check_late_cases(k: Kernel, tenant: str, rows: list[dict]) -> tuple[list, dict, CaseRegister]:
    """The cases the rows would open, the problem of each row that fails (row number → message),
    and the school's case register with the new cases entered."""
    built, errors, register, _ = _late_cases(k, tenant, rows)
    return built, errors, register


def _late_cases(k: Kernel, tenant: str, rows: list[dict]):
    """``check_late_cases`` plus the members the cases admit, built but not saved."""
    book, today, register = rule_book(k, tenant), k.today(), _register(k, tenant)
    built, errors, admitted = [], {}, []
    for number, row in enumerate(rows, start=1):
        number = row.get("number", number)
        try:
            case, member = _late_case(k, tenant, row, book, today, register)
            built.append(case)
            admitted += [member] if member is not None else []
        except DomainError as exc:
            errors[number] = exc.message
    return built, errors, register, admitted


def _late_case(k: Kernel, tenant: str, row: dict, book: RuleBook, today: date, register: CaseRegister):
    """One row: the case taken through its steps, and the member it admitted (or None)."""
    notes = LATE_NOTE + (f"：{row['notes']}" if row.get("notes") else "")
    late_reason = row.get("late_reason") or ""
    dates = dict(sorted(row["dates"].items()))
    if list(dates) != list(range(1, len(dates) + 1)):
        raise DevelopmentError("已办理步骤须从第1步起依次填写", field="dates")
    publicity = dict(row.get("publicity") or {})
    case = DevelopmentCase.open(row["person"], dates.pop(1), today, book, notes=notes)
    register.check_free(case.person["id_number"])
    member = None
    for step, on in dates.items():
        for kind in [kd for kd, before in rules.PUBLICITY_BEFORE_STEP.items() if before == step and kd in publicity]:
            _open_window(case, kind, publicity.pop(kind), today, book)
        people, data = None, {}
        if step in (5, 9):
            key = "contacts" if step == 5 else "introducers"
            people = _people(k, tenant, row.get(key), on, key)
        elif step == 11:
            data = dict(row.get("training") or {})
        elif step == 13:
            data = {"leaving_on": row.get("leaving_on")}
        elif step in rules.VOTE_STEPS:
            data = dict((row.get("votes") or {}).get(step) or {})
        try:
            case.record_step(step, on, today, book, notes=notes, late_reason=late_reason, people=people, data=data)
        except DevelopmentError as exc:
            if exc.field == "publicity" and _kind_before(step) not in (row.get("publicity") or {}):
                raise DevelopmentError(f"{exc.message}（请填写「{rules.PUBLICITY_KINDS[_kind_before(step)]}」"
                                       "的起止日期）", field="publicity") from exc
            raise
        if case.status == "refused":
            raise DevelopmentError(f"「{rules.STEPS[step].title}」未通过，该档案已结束：不予发展的档案请在档案页面登记",
                                   field="votes")
        if step == 17:
            member = members.new_probationary(k, tenant, _admission_fields(case, case.steps[15]["on"]))
            case.admit(member.id, book)
        elif step == 24:
            members.convert_new(member, case.convert(), "按期转正" if case.extensions == 0 else "延长预备期后转正")
    for kind, window in publicity.items():   # a window still open, or ended, before its step
        _open_window(case, kind, window, today, book)
    register.enter(case.person["id_number"], case.id)
    if not case.is_open:   # archived (step 25): the person may apply again, as on the case page
        register.release(case.person["id_number"], case.id, case.status)
    return case, member


def _kind_before(step: int) -> str:
    return next(kind for kind, before in rules.PUBLICITY_BEFORE_STEP.items() if before == step)


def _open_window(case: DevelopmentCase, kind: str, window: dict, today: date, book: RuleBook) -> None:
    case.open_publicity(kind, window["start"], today, book, window.get("end"))
