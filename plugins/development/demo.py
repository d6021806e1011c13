"""Demo development cases: a handful of people at different stages, one of them overdue."""
from __future__ import annotations

from datetime import date, timedelta

from core.kernel import Kernel
from plugins.development import rules, services
from plugins.members import public as members

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯"
GIVEN = "晨曦悦然子墨思彤雨桐欣妍浩宇梓涵一诺佳怡俊熙"
POSTS = {"teacher": ["语文教师", "数学教师", "英语教师", "物理教师", "美术教师"], "staff": ["教务员", "会计"],
         "student": ["高三（1）班", "高三（2）班"]}

# Days after the previous step (step → gap); step 7 waits for the year as an activist.
GAPS = {2: 10, 3: 45, 4: 7, 5: 3, 6: 60, 7: 0, 8: 10, 9: 5, 10: 20, 11: 20, 12: 10, 13: 10, 14: 5, 15: 10,
        16: 10, 17: 20, 18: 7, 19: 3, 20: 10, 21: 60, 22: 0, 23: 0, 24: 20, 25: 10}


def _person(rng, category: str, today: date, seen: set) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    while name in seen:
        name += rng.choice(GIVEN)
    seen.add(name)
    age = rng.randint(19, 20) if category == "student" else rng.randint(24, 40)
    birth = date(today.year - age - 3, rng.randint(1, 12), rng.randint(1, 28))
    first17 = "110105" + birth.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return {"name": name, "gender": rng.choice(("male", "female")), "id_number": first17 + rules.id_check_digit(first17),
            "birth_date": birth, "category": category, "job_post": rng.choice(POSTS[category]), "ethnicity": "汉族"}


def _data(step: int, full_ids: list, rng) -> dict:
    if step == 5:
        return {"contacts": full_ids[:2]}
    if step == 9:
        return {"introducers": full_ids[2:4]}
    if step == 11:
        return {"days": 3, "hours": 24}
    if step in rules.VOTE_STEPS:
        entitled = len(full_ids)
        present = entitled - rng.randint(1, 3)
        return {"entitled": entitled, "present": present, "written_opinions": 1, "yes": present, "no": 0,
                "abstain": 1}
    return {}


def _walk(k: Kernel, tenant: str, case_id, upto: int, today: date, full_ids: list, rng) -> None:
    """Record steps 2..upto on plausible dates, stopping at today."""
    case = k.get(tenant, case_id)
    day = case.applied_on
    for step in range(2, upto + 1):
        case = k.get(tenant, case_id)
        if step == 7:
            day = rules.add_months(case.steps[3]["on"], 12) + timedelta(days=5)
        elif step == 22:
            day = case.probation_end - timedelta(days=10)
        elif step == 23:
            day = case.probation_end + timedelta(days=3)
        else:
            day = day + timedelta(days=GAPS[step])
        kind = {8: "target", 13: "admission", 23: "conversion"}.get(step)
        if kind:
            start = max(case.last_date + timedelta(days=1), day - timedelta(days=9))
            if start > today:
                return
            services.open_publicity(k, tenant, case_id, kind, start)
            day = max(day, rules.add_working_days(start, 5) + timedelta(days=1))
        if day > today:
            return
        if step == 7 and 6 in case.steps:   # the six-monthly assessment before the decision
            services.record_assessment(k, tenant, case_id, case.steps[6]["on"] + timedelta(days=150),
                                       notes="半年考察：表现良好")
        services.record_step(k, tenant, case_id, step, day, notes=f"{rules.STEPS[step].title}：按规定办理",
                             data=_data(step, full_ids, rng))


def create_cases(k: Kernel, tenant: str, today: date, rng) -> None:
    k.catch_up(tenant)  # the registry's demo members, written with projections deferred
    full_ids = [str(m.id) for m in members.full_members(k, tenant)]
    if len(full_ids) < 4:
        return
    rng.shuffle(full_ids)
    seen: set = set()
    plan = [  # (category, days since application, last step to record)
        ("teacher", 20, 1),           # talk still due
        ("student", 45, 1),           # talk overdue (more than a month)
        ("teacher", 250, 6),          # activist under cultivation
        ("staff", 700, 11),           # development target, trained
        ("teacher", 800, 21),         # probationary member
        ("teacher", 1000, 25),        # converted on time, file complete
    ]
    for category, ago, upto in plan:
        case = services.open_case(k, tenant, _person(rng, category, today, seen), today - timedelta(days=ago),
                                  notes="本人递交书面入党申请书")
        _walk(k, tenant, case.id, upto, today, full_ids, rng)
        if upto >= 1:
            case = k.get(tenant, case.id)
            for code in rules.required_records(case.steps)[:3]:
                services.attach_document(k, tenant, case.id, code,
                                         f"{rules.RECORDS[code]}（示例）".encode(), f"{rules.RECORDS[code]}.txt")
