"""The demo district: schools, accounts and a few months of activity from every plugin."""
from __future__ import annotations

import random
from datetime import date
from typing import Callable

from core import context
from core.auth import services as accounts
from core.eventstore import DISTRICT
from core.kernel import Kernel
from tenants import services as tenants

DEMO_PASSWORD = "zhibu-demo"
SCHOOLS = [("no1", "第一中学"), ("shiyan", "实验小学"), ("no2", "第二中学")]
SCHOOL_ACCOUNTS = [("secretary", "secretary", "支部书记"), ("org", "org", "组织委员"),
                   ("member", "member", "党员")]


def create_demo(k: Kernel, progress: Callable[[str], None] = print, seed: int = 20261123,
                schools: list[tuple[str, str]] = SCHOOLS) -> str:
    """The demo district; tests that need one school only pass ``schools=SCHOOLS[:1]``."""
    rng = random.Random(seed)
    today = k.today()
    with context.acting(context.system("demo", source="demo")):
        accounts.create_user(k, "admin", "区级管理员", DEMO_PASSWORD)
        accounts.grant_role(k, "admin", "district_admin")
        accounts.create_user(k, "inspector", "督查员", DEMO_PASSWORD)
        accounts.grant_role(k, "inspector", "inspector")
        for slug, name in schools:
            progress(f"creating {name} ({slug}) …")
            tenants.create_school(k, slug, name, plugins=k.registry.optional(),
                                  records_from=date(today.year, 1, 1))  # the demo keeps a whole year
            for suffix, role, label in SCHOOL_ACCOUNTS:
                username = f"{slug}-{suffix}"
                accounts.create_user(k, username, f"{name}{label}", DEMO_PASSWORD)
                accounts.grant_role(k, username, role, slug)
            with k.deferred_projections():
                k.hooks(slug).zhibu_demo_data(tenant=slug, today=today, rng=rng)
            k.catch_up(slug)
            k.catch_up(DISTRICT)   # the school's demo data may write there too (its checkpoint's copy)
    lines = ["demo district created. Accounts (password: zhibu-demo, demo only):",
             "  admin       district administrator", "  inspector   district inspector"]
    for slug, name in schools:
        lines.append(f"  {slug}-secretary / {slug}-org / {slug}-member   {name}")
    return "\n".join(lines)
