"""Demo care records for a demo school: a member in hardship helped twice, two visits this year, one
member working away contacted recently and one abroad not contacted for over 6 months (an alert)."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from core.dates import add_months
from core.kernel import Kernel
from plugins.care import services
from plugins.members import public as members

PLACES = ["深圳市南山区", "杭州市西湖区", "成都市高新区", "上海市浦东新区"]


def create_care(k: Kernel, tenant: str, today: date, rng: random.Random) -> None:
    roll = members.full_members(k, tenant)
    if len(roll) < 4:
        return
    chosen = rng.sample(roll, 4)
    needy, visited, away, abroad = chosen
    kind = services.hardship_kinds(k, tenant)[1]
    case = services.open_hardship(k, tenant, needy.id, kind, add_months(today, -10), "本人患病住院，家庭负担较重")
    services.give_help(k, tenant, case.id, "送去慰问金", add_months(today, -9), Decimal(rng.choice([500, 800, 1000])),
                       "支部书记")
    services.give_help(k, tenant, case.id, "协助申请医疗救助", add_months(today, -6), 0, "组织委员")
    year_start = date(today.year, 1, 1)
    for member, what in ((needy, "春节慰问：米、油和慰问金"), (visited, "七一走访老党员")):
        on = min(today, year_start + timedelta(days=rng.randint(10, 120)))
        services.record_visit(k, tenant, member.id, on, "支部书记", what, Decimal(rng.choice([200, 300, 500])),
                              "节日慰问", "慰问经费：在支部活动经费中列支（手工记账）")
    record = services.register_away(k, tenant, away.id, "mobile", rng.choice(PLACES), add_months(today, -14),
                                    "手机、微信群", f"LD{rng.randint(100000, 999999)}")
    services.log_contact(k, tenant, record.id, add_months(today, -2), "wechat", "汇报思想和工作情况")
    services.register_away(k, tenant, abroad.id, "abroad", "新加坡（访问学者）", add_months(today, -8), "电子邮件")
