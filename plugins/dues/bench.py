"""`make bench` for dues: a year of obligations and the annual report for 200 schools × 50 members.

Writing 200 × 50 members with bases and payments through the services takes minutes (≈90
events/s measured on SQLite with projections deferred), so the district-scale figure is measured
on **generated read-model rows**: dues_bases and dues_paid_months rows are bulk-inserted for every
school, the rosters are held in memory, and each school's annual report is computed from its
rows (three queries per school plus the pure rule functions). One school is also written through
the real services to give the cost of a payment. Time and tracemalloc peak are measured
separately (tracemalloc slows Python down).
"""
from __future__ import annotations

import os
import random
import re
import statistics
import time
import tracemalloc
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from core import context
from core.benching import bench_app
from core.auth import services as accounts
from plugins.dues import queries, rules, services
from plugins.dues.queries import standing
from plugins.dues.rules import reports
from plugins.dues.models import bases, paid_months
from plugins.members.public import register_member
from tenants import services as tenants

SCHOOLS = int(os.environ.get("ZHIBU_BENCH_DUES_SCHOOLS", 200))
MEMBERS = 50
YEAR = 2026
TODAY = date(2026, 12, 20)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class Person:
    """The fields of a roster entry the report needs (members.public.MemberView has them too)."""

    id: uuid.UUID
    name: str
    joined_on: date


def _id_number(n: int) -> str:
    first17 = "110105" + "19800303" + f"{n % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def _generate(k, rng) -> dict[str, list[Person]]:
    """Rosters in memory and dues rows in the read model, as the projection would write them."""
    rosters, base_rows, month_rows = {}, [], []
    now = datetime.now(timezone.utc)
    for s in range(SCHOOLS):
        slug = f"bench{s:03d}"
        people = [Person(uuid.uuid4(), f"党员{m}", date(2005, 1, 1) if m % 10 else date(YEAR, rng.randint(1, 11), 5))
                  for m in range(MEMBERS)]
        rosters[slug] = people
        for m, person in enumerate(people):
            category = "retired" if m % 12 == 0 else "employed"
            base = Decimal(rng.randrange(2500, 12000, 10))
            amount = rules.monthly_amount(category, base, date(YEAR, 1, 1))
            base_rows.append({"tenant": slug, "account_id": uuid.uuid4(), "member_id": person.id, "year": YEAR,
                              "from_month": 1, "starts": date(YEAR, 1, 1), "category": category,
                              "base_fen": rules.fen_int(base), "amount_fen": rules.fen_int(amount), "note": "",
                              "before": None, "current": True, "version": 2, "actor": "bench", "at": now})
            first = max(1, person.joined_on.month if person.joined_on.year == YEAR else 1)
            for month in range(first, rng.choice((6, 9, 10, 11, 11, 12)) + 1):
                month_rows.append({"tenant": slug, "member_id": person.id, "month": date(YEAR, month, 1),
                                   "amount_fen": rules.fen_int(amount), "paid_on": date(YEAR, month, 15),
                                   "receipt_no": f"{YEAR}-{len(month_rows) % 10000:04d}"})
    with k.engine.begin() as conn:
        for chunk in range(0, len(base_rows), 5000):
            conn.execute(insert(bases), base_rows[chunk:chunk + 5000])
        for chunk in range(0, len(month_rows), 5000):
            conn.execute(insert(paid_months), month_rows[chunk:chunk + 5000])
    return rosters, len(month_rows)


def _reports(k, rosters) -> tuple[Decimal, int]:
    due, members = Decimal(0), 0
    policy = rules.Policy()
    for slug, people in rosters.items():
        accounts = queries.load_accounts(k, slug, people, policy)
        report = reports.annual_report(accounts, YEAR, TODAY)
        due += report.due
        members += len(report.members)
    return due, members


def _payments_through_services(k) -> float:
    """Seconds per payment written through the services (one school, 50 members)."""
    with context.acting(context.system("bench", source="cli")):
        tenants.create_school(k, "bench-real", "基准学校", plugins=["dues"])
        with k.deferred_projections():
            ids = [register_member(k, "bench-real", {"name": f"党员{m}", "gender": "male", "id_number": _id_number(m),
                                                     "joined_on": date(2005, 1, 1), "converted_on": date(2006, 1, 1)})
                   for m in range(MEMBERS)]
        k.catch_up("bench-real")
        for member in ids:
            services.record_base(k, "bench-real", member, YEAR, 1, "employed", Decimal(5000))
        started = time.perf_counter()
        for member in ids:
            services.record_payment(k, "bench-real", member, [date(YEAR, 1, 1), date(YEAR, 2, 1)], "cash")
        return (time.perf_counter() - started) / len(ids)


def _measure(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    backend = "PostgreSQL" if pg_url else "SQLite"
    with bench_app(workdir, pg_url, f"dues-{backend}") as (app, k):
        k.clock = lambda: datetime(2026, 12, 20, 2, 0, tzinfo=timezone.utc)
        with app.app_context():
            k.init_storage()
            per_payment = _payments_through_services(k)
            started = time.perf_counter()
            rosters, month_rows = _generate(k, random.Random(7))
            generated = time.perf_counter() - started

            started = time.perf_counter()
            due, members = _reports(k, rosters)
            elapsed = time.perf_counter() - started
            tracemalloc.start()
            _reports(k, rosters)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

            accounts = [a for slug, people in rosters.items()
                        for a in queries.load_accounts(k, slug, people, rules.Policy())]
            started = time.perf_counter()
            pure = reports.annual_report(accounts, YEAR, TODAY)
            pure_elapsed = time.perf_counter() - started
            tracemalloc.start()
            reports.annual_report(accounts, YEAR, TODAY)
            _current, pure_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            assert pure.due == due and members == SCHOOLS * MEMBERS
    size = f"{SCHOOLS} schools × {MEMBERS} members"
    return [
        ("dues: one payment through the services (receipt book + account, projections inline)", backend,
         f"{per_payment * 1000:.0f} ms", "< 100 ms"),
        (f"dues: generate read-model rows ({size}: {SCHOOLS * MEMBERS:,} bases, {month_rows:,} paid months)",
         backend, f"{generated:.1f} s", "— (setup)"),
        (f"dues: year of obligations + annual report of every school ({size}; generated read-model rows, "
         "3 queries per school + rules)", backend,
         f"{elapsed:.2f} s ({elapsed / SCHOOLS * 1000:.1f} ms per school)", "< 10 s"),
        ("dues: memory peak of the same, school after school (tracemalloc)", backend, f"{peak / 1e6:.1f} MB",
         "< 200 MB"),
        (f"dues: pure computation only, one report over {members:,} members × 12 months in memory", backend,
         f"{pure_elapsed:.2f} s, peak {pure_peak / 1e6:.1f} MB", "< 2 s, < 200 MB"),
    ]


# -- the school home page and the dues overview at 50 and 500 members (issue 19) ----------------------
PAGE_SIZES = tuple(int(n) for n in os.environ.get("ZHIBU_BENCH_DUES_PAGE_SIZES", "50,500").split(","))
PAGE_RUNS = 20


def _school_with_a_year(k, slug: str, size: int, rng, first_id: int) -> None:
    """A school of ``size`` members with a base each and this year's payments (one to four receipts,
    some members behind), written through the services."""
    with context.acting(context.system("bench", source="cli")):
        tenants.create_school(k, slug, f"基准学校{size}", plugins=k.registry.optional(),
                              records_from=date(2025, 1, 1))
        with k.deferred_projections():
            ids = [register_member(k, slug, {"name": f"党员{m}", "gender": "male", "id_number": _id_number(first_id + m),
                                             "joined_on": date(2005, 1, 1), "converted_on": date(2006, 1, 1)})
                   for m in range(size)]
        k.catch_up(slug)
        with k.deferred_projections():
            for member in ids:
                services.record_base(k, slug, member, YEAR, 1, "employed", Decimal(rng.randrange(2500, 12000, 10)))
                paid_to = rng.choice((5, 8, 10, 11, 11, 12))
                for first in range(1, paid_to + 1, 3):
                    months = [date(YEAR, m, 1) for m in range(first, min(first + 2, paid_to) + 1)]
                    services.record_payment(k, slug, member, months, "cash", paid_on=months[-1].replace(day=10))
        k.catch_up(slug)


def _ledger_figures() -> dict:
    """The figures computed from every member's ledger, as before issue 19 (for the A/B)."""
    saved = {n: getattr(standing, n) for n in ("annual_totals", "arrears", "missing_bases")}
    standing.annual_totals = lambda k, tenant, year, today: queries.annual(k, tenant, year, today)
    standing.arrears, standing.missing_bases = queries.arrears_from_ledger, queries.missing_bases_from_ledger
    return saved


def _median_ms(client, path: str) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the machine is shared: CPU time is the
    steadier figure on SQLite; on PostgreSQL the server's time is only in the wall time)."""
    client.get(path)
    timings, cpu = [], []
    for _ in range(PAGE_RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings) * 1000, statistics.median(cpu) * 1000


def _measure_pages(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    backend = "PostgreSQL" if pg_url else "SQLite"
    rows = []
    with bench_app(workdir, pg_url, f"dues-pages-{backend}") as (app, k):
        k.clock = lambda: datetime(2026, 12, 20, 2, 0, tzinfo=timezone.utc)
        with app.app_context():
            k.init_storage()
        for size in PAGE_SIZES:
            slug = f"pages{size}"
            with app.app_context():
                _school_with_a_year(k, slug, size, random.Random(size), sum(PAGE_SIZES[:PAGE_SIZES.index(size)]))
                with context.acting(context.system("bench", source="cli")):
                    accounts.create_user(k, f"sec{size}", "书记", "bench-password-1")
                    accounts.grant_role(k, f"sec{size}", "secretary", slug)
            client = app.test_client()
            html = client.get("/login").get_data(as_text=True)
            token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
            client.post("/login", data={"username": f"sec{size}", "password": "bench-password-1", "csrf_token": token})
            if os.environ.get("ZHIBU_BENCH_PROFILE"):
                import cProfile    # noqa: PLC0415  (only when asked for)
                cProfile.runctx("for _ in range(5): client.get(path)", globals(),
                                {"client": client, "path": os.environ["ZHIBU_BENCH_PROFILE"].format(slug=slug)},
                                f"/tmp/dues-pages-{size}.prof")
            for label, path in (("school home page", f"/t/{slug}/"), ("dues overview", f"/t/{slug}/dues/")):
                after = _median_ms(client, path)
                saved = _ledger_figures()
                try:
                    before = _median_ms(client, path)
                finally:
                    for name, function in saved.items():
                        setattr(standing, name, function)
                target = "< 15 ms" if not pg_url else "< 25 ms"
                rows.append((f"dues: {label} at {size} members, median of {PAGE_RUNS} (Flask client): "
                             f"ledger replay → per-member read model", backend,
                             f"{before[0]:.1f} → {after[0]:.1f} ms (CPU {before[1]:.1f} → {after[1]:.1f} ms)",
                             target))
    return rows


def run(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    rows = _measure(workdir, None) + _measure_pages(workdir, None)
    if pg_url:
        rows += _measure(workdir, pg_url) + _measure_pages(workdir, pg_url)
    return rows


if __name__ == "__main__":       # python -m plugins.dues.bench pages [postgresql://…]: the pages only
    import sys
    import tempfile
    with tempfile.TemporaryDirectory(prefix="zhibu-bench-") as tmp:
        for row in _measure_pages(Path(tmp), sys.argv[2] if len(sys.argv) > 2 else None):
            print(" | ".join(row))
