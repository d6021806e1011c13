"""``make bench`` figures of the summary: drafting a year's work summary for a school of 50 members with a
year of records (the committee monthly, the congress quarterly), the facts gathered from every plugin,
and the adopted summary as DOCX (and PDF, with the 50-member roster, where a Chinese font is installed).

Alone: ``python -m plugins.summary.bench [postgresql://…]``."""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from core import context, paper_pdf
from core.benching import bench_app, timed
from core.auth import services as accounts
from core.papers import papers
from plugins.members import public as members
from plugins.summary import queries, services
from tenants import services as tenants

MEMBERS = 50
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def _timed_cpu(fn, times: int) -> tuple[float, float, object]:
    """Median wall and CPU milliseconds (a PDF is CPU work: on a busy machine the wall time says more
    about the neighbours)."""
    walls, cpus, result = [], [], None
    for _ in range(times):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, result


def _year_of_records(k, client, headers) -> None:
    """Members registered and the committee elected (members' public.py); the year's meetings entered
    through the meetings API's late entries, as a school enters the meetings it held."""
    ids = [members.register_member(k, "bench", {
        "name": f"党员{n}", "gender": "female", "id_number": id_number(n), "joined_on": date(2005, 3, 1),
        "converted_on": date(2006, 3, 1), "category": "teacher"}) for n in range(1, MEMBERS + 1)]
    members.elect_committee(k, "bench", date(2024, 9, 1), [
        {"member_id": m, "post": post} for m, post in zip(ids, ("secretary", "deputy", "organisation"))])
    rows = [{"held_on": f"2025-{month:02d}-10", "type": "committee", "title": f"{month}月支委会", "place": "会议室"}
            for month in range(1, 13)]
    rows += [{"held_on": f"2025-{month:02d}-20", "type": "congress", "title": f"{month}月党员大会", "place": "报告厅"}
             for month in (3, 6, 9, 12)]
    response = client.post("/api/v1/t/bench/meetings/late-entries", json={"meetings": rows}, headers=headers)
    assert response.status_code == 201, response.get_json()


def _run_one(workdir: Path, pg_url: str | None, backend: str) -> list[tuple[str, str, str, str]]:
    rows = []
    with bench_app(workdir, pg_url, f"summary-{backend}", TESTING=True) as (app, k):
        k.init_storage()
        with app.test_request_context(), context.acting(context.system("bench", source="cli")):
            tenants.create_school(k, "bench", "测试学校", records_from=date(2024, 1, 1), plugins=k.registry.optional())
            accounts.create_user(k, "bench", "bench", "bench-password-1")
            accounts.grant_role(k, "bench", "secretary", "bench")
            headers = {"Authorization": f"Bearer {accounts.issue_token(k, 'bench', 'bench')}"}
            _year_of_records(k, app.test_client(), headers)
            ms, facts = timed(lambda: services.fact_dicts(k, "bench", 2025), 10)
            by_key = {f["key"]: f["value"] for f in facts}
            assert (by_key["members.total"], by_key["meetings.held.committee"], by_key["meetings.held.congress"]) == \
                (MEMBERS, 12, 4), by_key
            rows.append((f"summary: the year's facts gathered from every plugin ({len(facts)} facts, "
                         f"{MEMBERS} members, a year of meetings)", backend, f"{ms:.1f} ms", "< 300 ms"))
            started = time.perf_counter()
            summary = services.draft(k, "bench", 2025)
            rows.append(("summary: the year's draft (facts gathered, drafted, saved, projected)", backend,
                         f"{(time.perf_counter() - started) * 1000:.1f} ms", "< 500 ms"))
            services.adopt(k, "bench", 2025, k.today(), expected_version=summary.version)
            assert queries.get_summary(k, "bench", 2025).adopted_on is not None
            render = papers(k, "bench")["summary.annual"].render
            ms, made = timed(lambda: render(k, "bench", 2025), 5)
            rows.append((f"summary: the adopted summary as DOCX ({len(made.content) // 1024} KB)", backend,
                         f"{ms:.0f} ms", "< 1 s"))
            if paper_pdf.available():   # PDF: fonts-noto-cjk (or ZHIBU_PDF_FONT) is installed
                render(k, "bench", 2025).as_format("pdf")   # the font opened once per process
                ms, cpu, pdf = _timed_cpu(lambda: render(k, "bench", 2025).as_format("pdf"), 5)
                rows.append((f"summary: the adopted summary as PDF ({len(pdf.content) // 1024} KB)", backend,
                             f"{ms:.0f} ms (CPU {cpu:.0f} ms)", "< 2 s"))
                roster = papers(k, "bench")["members.roster"].render
                ms, cpu, pdf = _timed_cpu(lambda: roster(k, "bench", 2025).as_format("pdf"), 5)
                rows.append((f"papers: the {MEMBERS}-member roster as PDF ({len(pdf.content) // 1024} KB)", backend,
                             f"{ms:.0f} ms (CPU {cpu:.0f} ms)", "< 2 s"))
    return rows


def run(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    rows = _run_one(workdir, None, "sqlite")
    if pg_url:
        rows += _run_one(workdir, pg_url, "postgresql")
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="zhibu-bench-summary-") as folder:
        for row in run(Path(folder), sys.argv[1] if len(sys.argv) > 1 else None):
            print(" | ".join(row))
