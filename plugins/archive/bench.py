"""``make bench`` figures of the archive: the directory index of a year of 500 documents (read and
numbered, as a page, as Excel) and the year's ZIP with the index inside.

Alone: ``python -m plugins.archive.bench [postgresql://…]``."""
from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from core import context
from core.benching import bench_app, timed
from core.auth import services as accounts
from plugins.archive import present, queries, rules, services
from tenants import services as tenants

PASSWORD = "bench-password-1"
DOCUMENTS = 500


def _file_year(k, rng: random.Random) -> None:
    codes = [c for c, _ in rules.DEFAULT_CATEGORIES]
    for i in range(DOCUMENTS):
        on = date(2026, 1, 1) + timedelta(days=rng.randint(0, 330))
        category = rng.choice(codes)
        origin = "upper" if category == "upper" else "own"
        data = b"%PDF-1.4\n% " + f"document {i}".encode() + b"\n%%EOF\n"
        services.file_upload(k, "bench", {
            "title": f"文件{i:03d}", "category": category, "year": 2026, "number": f"〔2026〕{i}号",
            "issued_on": on, "issuer": "区委教育工委" if origin == "upper" else "本支部",
            "retention": rng.choice(list(rules.RETENTIONS)), "origin": origin, "note": ""}, data, f"文件{i:03d}.pdf")


def _run_one(workdir: Path, pg_url: str | None, backend: str) -> list[tuple[str, str, str, str]]:
    rows = []
    with bench_app(workdir, pg_url, f"archive-{backend}", TESTING=True) as (app, k):
        k.init_storage()
        with app.app_context(), context.acting(context.system("bench", source="cli")):
            tenants.create_school(k, "bench", "测试学校", plugins=["archive"])
            accounts.create_user(k, "bench", "bench", PASSWORD)
            accounts.grant_role(k, "bench", "secretary", "bench")
            token = accounts.issue_token(k, "bench", "bench")
            started = time.perf_counter()
            with k.deferred_projections():
                _file_year(k, random.Random(7))
            k.catch_up("bench")
            setup = time.perf_counter() - started
        with app.test_request_context():
            ms, index = timed(lambda: queries.directory_index(k, "bench", 2026), 20)
            assert len(index) == DOCUMENTS
            rows.append((f"archive: directory index of a year of {DOCUMENTS} documents (read, order, number)",
                         backend, f"{ms:.1f} ms", "< 200 ms"))
            names = queries.category_names(k, "bench")
            ms, book = timed(lambda: present.index_workbook(2026, index, names), 5)
            rows.append((f"archive: the index as Excel ({len(book) // 1024} KB)", backend, f"{ms:.0f} ms", "< 1 s"))
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        timings = []
        for _ in range(25):
            started = time.perf_counter()
            response = client.get("/api/v1/t/bench/archive/directory?year=2026", headers=headers)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200 and len(response.get_json()) == DOCUMENTS
        timings = sorted(timings[5:])
        rows.append((f"archive: directory index API p95 ({DOCUMENTS} documents)", backend,
                     f"{timings[int(len(timings) * 0.95) - 1] * 1000:.0f} ms", "< 500 ms"))
        started = time.perf_counter()
        response = client.get("/api/v1/t/bench/archive/export?year=2026", headers=headers)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        rows.append((f"archive: the year's ZIP ({DOCUMENTS} files + index, {len(response.data) // 1024} KB)", backend,
                     f"{elapsed * 1000:.0f} ms", "< 5 s"))
        rows.append((f"archive: setup, {DOCUMENTS} uploads filed and projected", backend, f"{setup:.1f} s", "—"))
    return rows


def run(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    rows = _run_one(workdir, None, "sqlite")
    if pg_url:
        rows += _run_one(workdir, pg_url, "postgresql")
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="zhibu-bench-archive-") as folder:
        for row in run(Path(folder), sys.argv[1] if len(sys.argv) > 1 else None):
            print(" | ".join(row))
