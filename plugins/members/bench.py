"""``make bench`` figures of the registry: roster list API p95 at 200 members; a 500-row import."""
from __future__ import annotations

import io
import random
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from core import context
from core.benching import bench_app
from core.auth import services as accounts
from plugins.members import rules, services
from plugins.members.schemas import importing
from tenants import services as tenants

PASSWORD = "bench-password-1"


def _id(rng: random.Random, birth: date, gender: str, area: str = "110105") -> str:
    """An ID number of the birth date whose 17th digit says the gender (odd: male)."""
    first17 = f"{area}{birth:%Y%m%d}{rng.randint(0, 499) * 2 + (gender == 'male'):03d}"
    return first17 + rules.id_check_digit(first17)


def _person(rng: random.Random, i: int) -> dict:
    birth = date(1960 + i % 35, 1 + i % 12, 1 + i % 28)
    gender = rng.choice(("male", "female"))
    return {"name": f"党员{i:04d}", "gender": gender, "ethnicity": "汉族",
            "birth_date": birth, "id_number": _id(rng, birth, gender), "education": "大学本科", "category": "teacher",
            "party_group": f"第{1 + i % 4}党小组", "joined_on": date(birth.year + 25, 7, 1),
            "converted_on": date(birth.year + 26, 7, 1)}


def _workbook(rng: random.Random, count: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(importing.template_headers())
    seen = set()
    for i in range(count):
        p = _person(rng, 10_000 + i)
        p["id_number"] = _id(rng, p["birth_date"], p["gender"], "110106")   # none of the registered members'
        while p["id_number"] in seen:
            p["id_number"] = _id(rng, p["birth_date"], p["gender"], "110106")
        seen.add(p["id_number"])
        ws.append([p["name"], "男" if p["gender"] == "male" else "女", p["ethnicity"], p["birth_date"],
                   p["id_number"], p["education"], "教师", "", "", "", p["party_group"], None,
                   p["joined_on"], p["converted_on"], None, "正式党员"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _run_one(workdir: Path, pg_url: str | None, backend: str) -> list[tuple[str, str, str, str]]:
    rows = []
    with bench_app(workdir, pg_url, f"members-{backend}", TESTING=True) as (app, k):
        k.init_storage()
        rng = random.Random(3)
        with app.app_context(), context.acting(context.system("bench", source="cli")):
            tenants.create_school(k, "bench", "测试学校", plugins=[])
            accounts.create_user(k, "bench", "bench", PASSWORD)
            accounts.grant_role(k, "bench", "secretary", "bench")
            token = accounts.issue_token(k, "bench", "bench")
            with k.deferred_projections():
                for i in range(200):
                    services.register_member(k, "bench", _person(rng, i))
            k.catch_up("bench")
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        timings = []
        for i in range(60):
            started = time.perf_counter()
            response = client.get(f"/api/v1/t/bench/members/members?per_page=50&page={1 + i % 4}", headers=headers)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        timings = sorted(timings[10:])
        p95 = timings[int(len(timings) * 0.95) - 1] * 1000
        rows.append(("members: roster list API p95 (200 members, 50 per page)", backend, f"{p95:.1f} ms", "< 200 ms"))

        data = _workbook(random.Random(5), 500)
        with app.app_context(), context.acting(context.system("bench", source="cli")):
            started = time.perf_counter()
            batch = services.import_members(k, "bench", data, "bench.xlsx")
            elapsed = time.perf_counter() - started
        assert batch.rows == 500
        rows.append(("members: import of a 500-row workbook (check, save, project)", backend, f"{elapsed:.2f} s", "< 10 s"))
    return rows


def run(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    rows = _run_one(workdir, None, "sqlite")
    if pg_url:
        rows += _run_one(workdir, pg_url, "postgresql")
    return rows
