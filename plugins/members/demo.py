"""Demo roster for the demo district: 20–30 members per school with plausible, valid data."""
from __future__ import annotations

from datetime import date, timedelta

from core.kernel import Kernel
from plugins.members import rules, services

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉梅建国志红海燕晓东春雪慧琳欣怡子涵宇轩浩然思远佳琪雨萱博文俊杰"
POSTS = ["语文教师", "数学教师", "英语教师", "物理教师", "化学教师", "历史教师", "政治教师", "体育教师",
         "教务处主任", "德育处干事", "总务处职工", "校医", "图书管理员", "年级组长", "信息技术教师"]
TITLES = ["中学高级教师", "中学一级教师", "中学二级教师", "正高级教师", "小学高级教师", ""]
REGIONS = ["110105", "110108", "310104", "440305", "510107", "330106", "420106"]


def fake_id_number(rng, birth: date) -> str:
    first17 = rng.choice(REGIONS) + birth.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return first17 + rules.id_check_digit(first17)


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
