"""Development cases already under way, entered late (补录) several at once, all or none: each is
taken through the steps already done as the case page would record them one by one."""
from __future__ import annotations

from datetime import date

from core.errors import N_, DomainError, refusal_message, row_problems
from core.kernel import Kernel
from core.retrying import retrying
from plugins.development import rules
from plugins.development.domain import CaseRegister, DevelopmentCase, DevelopmentError
from plugins.development.rules import RuleBook
from plugins.development.services.cases import RETRIES, _admission_fields, _people, _register, rule_book
from plugins.members import public as members

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
            raise DevelopmentError(row_problems(errors), field="rows")
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
            errors[number] = refusal_message(exc)
    return built, errors, register, admitted


def _late_case(k: Kernel, tenant: str, row: dict, book: RuleBook, today: date, register: CaseRegister):
    """One row: the case taken through its steps, and the member it admitted (or None)."""
    notes = LATE_NOTE + (f"：{row['notes']}" if row.get("notes") else "")
    late_reason = row.get("late_reason") or ""
    dates = dict(sorted(row["dates"].items()))
    if list(dates) != list(range(1, len(dates) + 1)):
        raise DevelopmentError(N_("已办理步骤须从第1步起依次填写"), field="dates")
    _check_data_reached(row)
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
                raise DevelopmentError(N_("%(problem)s（请填写「%(kind)s」的起止日期）"),
                                       problem=exc.message, kind=rules.PUBLICITY_KINDS[_kind_before(step)],
                                       field="publicity") from exc
            raise
        if case.status == "refused":
            raise DevelopmentError(N_("「%(title)s」未通过，该档案已结束：不予发展的档案请在档案页面登记"), title=rules.STEPS[step].title,
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


def _check_data_reached(row: dict) -> None:
    """The data of a step not done is refused rather than dropped (the dates say how far a case is)."""
    given = {5: bool(row.get("contacts")), 9: bool(row.get("introducers")), 13: row.get("leaving_on") is not None,
             11: any(v is not None for v in (row.get("training") or {}).values()),
             **{step: True for step in (row.get("votes") or {})}}
    labels = {5: "培养联系人", 9: "入党介绍人", 11: "培训天数或学时", 13: "预计离开本单位日期",
              15: "接收预备党员表决", 23: "转正表决"}
    for step, filled in given.items():
        if filled and step not in row["dates"]:
            raise DevelopmentError(N_("填写了「%(labels)s」，但未填写「%(title)s」日期"),
                                   labels=labels[step], title=rules.STEPS[step].title, field="dates")


def _kind_before(step: int) -> str:
    return next(kind for kind, before in rules.PUBLICITY_BEFORE_STEP.items() if before == step)


def _open_window(case: DevelopmentCase, kind: str, window: dict, today: date, book: RuleBook) -> None:
    case.open_publicity(kind, window["start"], today, book, window.get("end"))
