"""Demo roster for the demo district: 20–30 members per school with plausible, valid data."""
from __future__ import annotations

from datetime import date, timedelta

from core.auth.queries import get_user_row
from core.kernel import Kernel
from plugins.members import queries, rules, services

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉梅建国志红海燕晓东春雪慧琳欣怡子涵宇轩浩然思远佳琪雨萱博文俊杰"
POSTS = ["语文教师", "数学教师", "英语教师", "物理教师", "化学教师", "历史教师", "政治教师", "体育教师",
         "教务处主任", "德育处干事", "总务处职工", "校医", "图书管理员", "年级组长", "信息技术教师"]
TITLES = ["中学高级教师", "中学一级教师", "中学二级教师", "正高级教师", "小学高级教师", ""]
REGIONS = ["110105", "110108", "310104", "440305", "510107", "330106", "420106"]


def fake_id_number(rng, birth: date) -> str:
    first17 = rng.choice(REGIONS) + birth.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return first17 + rules.id_check_digit(first17)


def create(k: Kernel, tenant: str, today: date, rng) -> None:
    """The school's demo roster, and the demo accounts linked to members of it."""
    create_members(k, tenant, today, rng)
    link_accounts(k, tenant, today)


def create_members(k: Kernel, tenant: str, today: date, rng, count: int | None = None) -> None:
    count = count or rng.randint(22, 28)
    groups = ["第一党小组", "第二党小组", "第三党小组"]
    seen = set()
    for i in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        while name in seen:
            name += rng.choice(GIVEN)
        seen.add(name)
        category = "retiree" if i >= count - 2 else ("staff" if i % 7 == 6 else "teacher")
        age = rng.randint(62, 75) if category == "retiree" else rng.randint(26, 58)
        birth = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        probationary = i < 2
        joined = (today - timedelta(days=rng.randint(60, 300))) if probationary else \
            date(birth.year + rng.randint(20, max(21, min(age - 1, 40))), rng.randint(1, 12), rng.randint(1, 28))
        joined = min(joined, today - timedelta(days=30))
        fields = {
            "name": name, "gender": rng.choice(("male", "female")), "ethnicity": rng.choice(["汉族"] * 9 + ["回族", "满族"]),
            "birth_date": birth, "id_number": fake_id_number(rng, birth),
            "education": rng.choice(["研究生", "大学本科", "大学本科", "大学本科", "大学专科"]),
            "category": category, "job_post": "退休教师" if category == "retiree" else rng.choice(POSTS),
            "title": rng.choice(TITLES), "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            "party_group": groups[i % 3], "applied_on": joined - timedelta(days=rng.randint(800, 1500)),
            "joined_on": joined,
        }
        if not probationary:
            fields["converted_on"] = date(joined.year + 1, joined.month, min(joined.day, 28))
        services.register_member(k, tenant, {k2: v for k2, v in fields.items() if v not in ("", None)},
                                 status="probationary" if probationary else "full", source="demo")
    k.catch_up(tenant)   # the organisation below reads the roll
    create_organisation(k, tenant, today, rng, groups)
    k.catch_up(tenant)   # other plugins' demo data reads the roll next


def create_organisation(k: Kernel, tenant: str, today: date, rng, groups: list[str]) -> None:
    """A committee elected some years ago (its term near its end at one school), party groups with
    leaders, one transfer out (receipt back), one overdue, and one transfer in."""
    full = [m for m in queries.list_members(k, tenant) if m.status == "full" and m.category != "retiree"]
    rng.shuffle(full)
    # elected 14 or 32 months ago: at most schools the term ends within 6 months and the warning shows
    start = rules.add_months(today, -rng.choice((14, 32, 32)))
    posts = ["secretary", "deputy", "organisation", "publicity", "discipline"]
    services.elect_committee(k, tenant, start, [{"member_id": m.id, "post": p} for m, p in zip(full, posts)])
    for i, name in enumerate(groups):
        leader = next((m for m in full[5:] if m.party_group == name), None)
        services.set_group(k, tenant, name, leader.id if leader else None)
    leaving = full[5:7]
    if leaving:
        first = leaving[0]
        issued = today - timedelta(days=rng.randint(40, 80))
        transfer = services.transfer_out(k, tenant, first.id, f"组转字〔{today.year}〕{rng.randint(10, 99)}号",
                                         "区教师进修学校党支部", issued,
                                         dues_paid_to=f"{issued.year}-{issued.month:02d}")
        services.return_receipt(k, tenant, transfer.id, issued + timedelta(days=rng.randint(5, 20)))
    if len(leaving) > 1:
        issued = today - timedelta(days=rng.randint(100, 140))
        services.transfer_out(k, tenant, leaving[1].id, f"组转字〔{issued.year}〕{rng.randint(100, 199)}号",
                              "市第三中学党总支", issued, dues_paid_to=f"{issued.year}-{issued.month:02d}")
    birth = date(today.year - rng.randint(28, 40), rng.randint(1, 12), rng.randint(1, 28))
    joined = date(birth.year + 22, rng.randint(1, 12), rng.randint(1, 28))
    issued = today - timedelta(days=rng.randint(20, 60))
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    services.transfer_in(k, tenant, f"教组转〔{issued.year}〕{rng.randint(1, 99)}号", "区实验中学党支部", issued,
                         dues_paid_to=f"{issued.year}-{issued.month:02d}",
                         fields={"name": name, "gender": rng.choice(("male", "female")), "ethnicity": "汉族",
                                 "birth_date": birth, "id_number": fake_id_number(rng, birth),
                                 "education": "研究生", "category": "teacher", "job_post": rng.choice(POSTS),
                                 "party_group": groups[0], "joined_on": joined,
                                 "converted_on": date(joined.year + 1, joined.month, joined.day)})


def link_accounts(k: Kernel, tenant: str, today: date) -> None:
    """Link the demo district's accounts of a school to member records: ``<slug>-secretary`` to the
    branch secretary, ``<slug>-org`` to the organisation member, ``<slug>-member`` to a plain member."""
    seats = {s.post: s.member_id for s in queries.committee_on(k, tenant, today)}
    committee = set(seats.values())
    plain = next((m.id for m in queries.list_members(k, tenant, statuses=("full",)) if m.id not in committee), None)
    for username, member_id in ((f"{tenant}-secretary", seats.get("secretary")),
                                (f"{tenant}-org", seats.get("organisation")), (f"{tenant}-member", plain)):
        with k.reading() as conn:
            exists = get_user_row(conn, username) is not None
        if member_id is not None and exists:
            services.link_account(k, tenant, username, member_id)
    k.catch_up(tenant)   # other plugins' demo data asks who the demo accounts are
