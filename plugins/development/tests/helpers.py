"""Shared test helpers: people, full members for introducers, and walking a case through its steps."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from plugins.development import rules, services
from plugins.members import public as members


def id_number(birth: date, seq: int = 123) -> str:
    first17 = "110105" + birth.strftime("%Y%m%d") + f"{seq:03d}"
    return first17 + rules.id_check_digit(first17)


def person(birth: date = date(1995, 3, 15), name: str = "李晓明", seq: int = 123, category: str = "teacher") -> dict:
    return {"name": name, "gender": "male", "id_number": id_number(birth, seq), "category": category,
            "job_post": "数学教师"}


def set_today(clock, day: date) -> None:
    """Set the clock to 10:00 Beijing time on ``day``."""
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc))


def full_members(k, tenant: str, count: int = 6, seq: int = 500) -> list[str]:
    """``count`` full members; another school's members need another ``seq`` (a person is on one
    roll in the district)."""
    ids = []
    for i in range(count):
        birth = date(1970 + i, 1, 10)
        ids.append(str(members.register_member(k, tenant, {
            "name": f"老党员{i}", "gender": "female", "id_number": id_number(birth, seq + i), "birth_date": birth,
            "joined_on": date(2000, 1, 1), "converted_on": date(2001, 1, 1), "category": "teacher"})))
    return ids


def vote(entitled: int = 10, present: int = 8, written: int = 1, yes: int = 8, no: int = 1, abstain: int = 0) -> dict:
    return {"entitled": entitled, "present": present, "written_opinions": written, "yes": yes, "no": no,
            "abstain": abstain}


def step_data(step: int, full_ids: list[str]) -> dict:
    if step == 5:
        return {"contacts": full_ids[:2]}
    if step == 9:
        return {"introducers": full_ids[2:4]}
    if step == 11:
        return {"days": 3}
    if step in rules.VOTE_STEPS:
        return vote()
    return {}


def walk(k, tenant: str, clock, case_id, upto: int, full_ids: list[str], gap: int = 5) -> date:
    """Record steps up to ``upto`` on the earliest allowed days, ``gap`` days apart; returns the last day.

    Opens the publicity windows that steps 8, 13 and 23 need. The clock follows the steps.
    """
    case = k.get(tenant, case_id)
    day = case.last_date
    while case.next_step and case.next_step <= upto:
        step = case.next_step
        day = day + timedelta(days=gap)
        if step == 7:
            day = max(day, rules.add_months(case.steps[3]["on"], 12))
        if step in (22, 23) and case.probation_end:
            day = max(day, case.probation_end)
        kind = {8: "target", 13: "admission", 23: "conversion"}.get(step)
        if kind:
            start = day
            set_today(clock, start)
            services.open_publicity(k, tenant, case_id, kind, start)
            day = rules.add_working_days(start, 5) + timedelta(days=1)
        set_today(clock, day)
        services.record_step(k, tenant, case_id, step, day, data=step_data(step, full_ids))
        case = k.get(tenant, case_id)
    return day
