"""`make bench` for reporting up (issue 20): aggregating one report form across 200 schools.

Every school is created, opens the form (pre-filled through ``zhibu_report_figures``), confirms it and
submits it through the real services; then the district's aggregate — the receipts read from the
district's read model, one line per school with totals, corrections and the pre-fill rate, and the
Excel workbook of all schools — is timed (median of 5). Beside it, in the same run, the way without
the district's receipts table: each school's report replayed from its own log (one log per school).

    python -m benchmarks.reports_aggregate [postgresql://…]
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import psycopg

from core import context
from core.app import create_app
from core.excel import workbook
from plugins.reports import present, queries, services
from plugins.reports.domain import Report
from tenants import services as tenants

SCHOOLS = int(os.environ.get("ZHIBU_BENCH_REPORTS_SCHOOLS", 200))
TARGET = 2.0   # seconds, on SQLite (issue 20)
FIELDS = ([{"label": label, "kind": "count", "figure": figure} for label, figure in (
    ("党员总数", "members.total"), ("正式党员", "members.full"), ("预备党员", "members.probationary"),
    ("新发展党员", "members.new"), ("教师党员", "members.category.teacher"), ("职工党员", "members.category.staff"),
    ("离退休党员", "members.category.retiree"), ("学生党员", "members.category.student"))]
    + [{"label": "活动次数", "kind": "count", "figure": None}, {"label": "经费（元）", "kind": "money", "figure": None},
       {"label": "亮点", "kind": "text", "figure": None}, {"label": "问题", "kind": "text", "figure": None}])


def _fill(k, n_schools: int):
    with context.acting(context.system("bench", source="cli")):
        slugs = [f"s{n:04d}" for n in range(n_schools)]
        for slug in slugs:
            tenants.create_school(k, slug, f"第{slug[1:]}学校", plugins=["reports"])
        form = services.define_form(k, "党建工作年报", "2026", date(2026, 12, 31), FIELDS)
        for n, slug in enumerate(slugs):
            report = services.open_report(k, slug, form.id)
            services.confirm_all(k, slug, report.id)
            if n % 10 == 0:
                services.correct_value(k, slug, report.id, "f1", "1", "一名党员转入手续在办")
            for key, value in (("f9", n % 7), ("f10", f"{n * 13 % 900}.50"), ("f11", "主题党日"), ("f12", "无")):
                services.enter_value(k, slug, report.id, key, value)
            services.submit_report(k, slug, report.id)
    return form.id, slugs


def _aggregate(k, form_id) -> tuple[int, int]:
    form = queries.get_form(k, form_id)
    view = present.aggregate(form, queries.list_receipts(k, str(form.id), form.period), queries.schools(k))
    return len(view["lines"]), len(workbook(present.aggregate_sheets(form, view)))


def _replayed(k, form_id, slugs) -> tuple[int, int]:
    """The same table from each school's own log (no district read model)."""
    form = queries.get_form(k, form_id)
    rows = []
    for slug in slugs:
        report = k.get(slug, Report.create_id(slug, str(form.id), form.period), Report)
        rows.append([slug, *[report.values[f["key"]]["value"] for f in form.fields]])
    return len(rows), len(workbook([("汇总", ["学校", *[f["label"] for f in form.fields]], rows)]))


def _median(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _measure(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    backend = "PostgreSQL" if pg_url else "SQLite"
    schema = f"zb_bench_{uuid.uuid4().hex[:8]}" if pg_url else ""
    if pg_url:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app({"INSTANCE_PATH": str(workdir / f"reports-{backend}"), "DATABASE_URL": pg_url,
                      "DATABASE_SCHEMA": schema, "SECRET_KEY": "bench"})
    k = app.extensions["zhibu"]
    k.clock = lambda: datetime(2026, 12, 20, 2, 0, tzinfo=timezone.utc)
    try:
        with app.app_context():
            k.init_storage()
            started = time.perf_counter()
            form_id, slugs = _fill(k, SCHOOLS)
            filled = time.perf_counter() - started
            lines, size = _aggregate(k, form_id)
            assert lines == SCHOOLS, lines
            after = _median(lambda: _aggregate(k, form_id), 5)
            before = _median(lambda: _replayed(k, form_id, slugs), 3)
    finally:
        k.close()
        if pg_url:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    what = f"{SCHOOLS} schools × {len(FIELDS)} fields"
    return [
        (f"reports: one form aggregated across {what} (submissions read model → lines, totals, Excel of {size // 1024} KB)",
         backend, f"{after * 1000:.0f} ms", f"< {TARGET:.0f} s on SQLite"),
        (f"reports: the same table replayed from each school's log (no district read model), {what}",
         backend, f"{before * 1000:.0f} ms", "baseline"),
        (f"reports: {SCHOOLS} schools created, each opening (pre-filled), confirming and submitting the form",
         backend, f"{filled:.1f} s", "setup"),
    ]


def run(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    rows = _measure(workdir, None)
    if pg_url:
        rows += _measure(workdir, pg_url)
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="zhibu-bench-") as tmp:
        for row in run(Path(tmp), sys.argv[1] if len(sys.argv) > 1 else None):
            print(" | ".join(row), flush=True)
