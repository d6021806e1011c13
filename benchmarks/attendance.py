"""Recording attendance for 51 people at one school while the district has 20 or 200 schools (issue 19.4).

The school that records is real (51 members on its roll, a congress of the branch scheduled through the
services); the district's other schools are their read-model rows only — a year of meetings each
(24 meetings × 51 attendees, with history rows), inserted directly — because that is all a statement
of the meetings projection could meet. Each round schedules a meeting (not timed), then times
``record_attendance`` with the catch-up of the projections it causes, as a request would.

    .venv/bin/python -m benchmarks.attendance [SCHOOLS ...]      # default: 20 200; ROUNDS=7
    ZHIBU_BENCH_DATABASE_URL=postgresql://… .venv/bin/python -m benchmarks.attendance --pg
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from benchmarks.core.common import _drop, _make_app, _member_fields
from core import context
from plugins.meetings import services as meetings
from plugins.meetings.models import attendees, history, meetings as meeting_rows
from plugins.members import public as members
from tenants import services as tenants

PEOPLE = 51
MEETINGS_A_YEAR = 24
ROUNDS = int(os.environ.get("ROUNDS", "7"))
PG_URL = os.environ.get("ZHIBU_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _other_schools(k, count: int) -> None:
    """A year of meetings of ``count`` other schools, as the meetings projection would have written them."""
    now = datetime.now(timezone.utc)
    for s in range(count):
        tenant = f"other{s:04d}"
        meeting_list, people, trail = [], [], []
        for m in range(MEETINGS_A_YEAR):
            mid = uuid.uuid4()
            day = date(2026, 1, 5) + timedelta(days=14 * m)
            meeting_list.append(dict(
                id=mid, tenant=tenant, type_code="congress", type_name="支部党员大会", body="congress",
                title=f"会议{m}", starts_at=datetime.combine(day, datetime.min.time()), held_on=day,
                agenda=[], counts_as=[], status="held", recorded_on=day, observers=[], version=2,
                expected_count=PEOPLE, entitled=PEOPLE, present=PEOPLE - 3, created_at=now, updated_at=now))
            people += [dict(tenant=tenant, meeting_id=mid, member_id=uuid.uuid4(), name=f"党员{p}", vote=True,
                            status="present" if p > 2 else "absent") for p in range(PEOPLE)]
            trail += [dict(tenant=tenant, meeting_id=mid, version=v, kind="attendance", data={}, at=now)
                      for v in (1, 2)]
        with k.engine.begin() as conn:
            conn.execute(insert(meeting_rows), meeting_list)
            conn.execute(insert(attendees), people)
            conn.execute(insert(history), trail)


def measure(workdir: Path, schools: int, pg_url: str | None) -> list[float]:
    app, k, schema = _make_app(workdir, pg_url, f"att{schools}")
    try:
        with context.acting(context.system("bench", source="cli")):
            tenants.create_school(k, "target", "测试学校", plugins=k.registry.optional(),
                                  records_from=date(2000, 1, 1))
            ids = [members.register_member(k, "target", _member_fields(i)) for i in range(PEOPLE)]
            _other_schools(k, schools - 1)
            timings = []
            for r in range(ROUNDS):
                meeting = meetings.schedule_meeting(k, "target", "congress", f"支部党员大会{r}",
                                                    datetime(2026, 11, 2 + r, 15), "会议室")
                entries = {m: {"status": "present"} for m in ids}
                started = time.perf_counter()
                meetings.record_attendance(k, "target", meeting.id, entries)
                timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        k.close()
        _drop(pg_url, schema)


def main(argv: list[str]) -> None:
    pg_url = PG_URL if "--pg" in argv else None
    sizes = [int(a) for a in argv if a.isdigit()] or [20, 200]
    with tempfile.TemporaryDirectory() as tmp:
        for schools in sizes:
            timings = measure(Path(tmp), schools, pg_url)
            print(f"{'PostgreSQL' if pg_url else 'SQLite'} {schools:>5} schools: median "
                  f"{statistics.median(timings):7.1f} ms  (rounds: {', '.join(f'{t:.0f}' for t in timings)})",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
