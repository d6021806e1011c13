"""Scaling curves (issue 19.6): the district dashboard, the school home page, the dues overview, the
console's first page and recording a congress's attendance (51 people at 50 members), at 20, 200 and 2,000 schools and at 50 and
500 members per school, on SQLite and PostgreSQL, one request at a time through the Flask test client.

Each page is shown beside "the same output from precomputed rows" (its floor): the same URL through the
same client and the whole request pipeline (session, user, permission, tenant, headers), its view replaced
by one that renders the templates the real view rendered, with the very context each was given (captured
once), so the ratio is what the page costs beyond a page that has nothing left to compute; the page and its
floor are timed one request each in turn. The templates alone rendered again ("render") are reported beside it. The dashboard's SQL statements per request are counted at every size. The run writes its table
into docs/benchmarks.md (section "Scaling curves") and the plot docs/benchmarks-scale.png.

    ZHIBU_BENCH_SCALE=20,200,2000 ZHIBU_BENCH_MEMBERS=50,500 .venv/bin/python -m benchmarks.scale [--pg]

ZHIBU_BENCH_PAGES=name,… (e.g. "console first page") measures only those pages ("record attendance" is one).
A district of more than ZHIBU_BENCH_MAX_MEMBERS members in all (default 200,000) is left out: 2,000
schools × 500 members is a million members, hours of generation on a 2-core machine.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, time as clock_time, timedelta
from pathlib import Path

from flask import request_finished, template_rendered
from sqlalchemy import event

from benchmarks.core.common import _drop, _make_app
from benchmarks.scale import district, report
from core import context, summaries
from core.testing import login
from plugins.meetings import services as meetings

REQUESTS = int(os.environ.get("ZHIBU_BENCH_REQUESTS", "15"))
PAGES = {   # name → (who asks, path)
    "district dashboard": ("admin", "/district/"),
    "school home page": ("secretary", f"/t/{district.TARGET}/"),
    "dues overview": ("secretary", f"/t/{district.TARGET}/dues/"),
    "console first page": ("admin", "/audit/"),
}
PG_URL = os.environ.get("ZHIBU_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def wanted(name: str) -> bool:
    """Whether ``name`` (a page, or "record attendance") is measured: every one unless ZHIBU_BENCH_PAGES
    names some."""
    names = {n.strip() for n in os.environ.get("ZHIBU_BENCH_PAGES", "").split(",") if n.strip()}
    return not names or name in names


def sizes() -> list[tuple[int, int]]:
    schools = [int(s) for s in os.environ.get("ZHIBU_BENCH_SCALE", "20,200,2000").split(",") if s.strip()]
    people = [int(s) for s in os.environ.get("ZHIBU_BENCH_MEMBERS", "50,500").split(",") if s.strip()]
    most = int(os.environ.get("ZHIBU_BENCH_MAX_MEMBERS", "200000"))
    return [(s, m) for m in people for s in schools if s * m <= most]


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Floor:
    """Every template a request renders, with the context it was given; when the request finishes
    (still inside it), all of them rendered again ``REQUESTS`` times: the same HTML from rows already
    computed (a widget's HTML is in the page's context, so each template is counted once)."""

    def __init__(self):
        self.rendered, self.samples, self.armed = [], [], False

    def template(self, sender, template, context, **extra):
        if self.armed:
            self.rendered.append((template, context))

    def finished(self, sender, response, **extra):
        if not self.armed:
            return
        self.armed = False
        for _ in range(REQUESTS):
            started = time.perf_counter()
            for template, values in self.rendered:
                template.render(values)
            self.samples.append((time.perf_counter() - started) * 1000)


def _statements(k, fn) -> int:
    count = [0]

    def tick(*_args, **_kwargs):
        count[0] += 1
    event.listen(k.engine, "before_cursor_execute", tick)
    try:
        fn()
    finally:
        event.remove(k.engine, "before_cursor_execute", tick)
    return count[0]


def _page(app, k, client, path: str) -> dict:
    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    # Warm-up, until two requests in a row make the same statements: summaries and caches as a running
    # server has them (a seal falling due during the generation marks a summary row, computed by the
    # next request, after which the page derives its overview again).
    statements, before = _statements(k, get), None
    for _ in range(8):
        if statements == before:
            break
        before, statements = statements, _statements(k, get)
    floor = Floor()   # the templates of one request, with their contexts
    template_rendered.connect(floor.template, app)
    request_finished.connect(floor.finished, app)
    try:
        floor.armed = True
        get()
    finally:
        template_rendered.disconnect(floor.template, app)
        request_finished.disconnect(floor.finished, app)
    # The page and its floor in turn: a slow moment falls on both (one after the other, floors swung by 2×)
    samples, floors = [], []
    for _ in range(REQUESTS):
        samples.append(_timed(client, path))
        if floor.rendered:
            with floor_view(app, path, floor.rendered):
                floors.append(_timed(client, path))
    median = statistics.median(samples)
    render_ms = statistics.median(floor.samples) if floor.samples else None
    out = {"median": median, "p95": _p95(samples), "floor": statistics.median(floors) if floors else None,
           "render": render_ms, "statements": statements}
    if path == PAGES["district dashboard"][1]:
        out["after_write"] = _after_a_write(k, get)
    return out


def _after_a_write(k, get) -> float:
    """The dashboard right after a write in one school that changes none of its figures (its members'
    summary row marked, as the event's projection marks it, and computed again to the same content)."""
    samples = []
    for _ in range(REQUESTS):
        with k.engine.begin() as conn:
            summaries.mark_stale(conn, district.TARGET, "members")
        started = time.perf_counter()
        get()
        samples.append((time.perf_counter() - started) * 1000)
    get()
    return statistics.median(samples)


def _after_a_registration(k, client) -> float:
    """The dashboard right after a member is registered in one school (not timed): a write that changes
    figures the page shows (its members' count and what follows from it), so the school's rows are
    computed again, its attention, alert groups and charts derived again and the page rendered anew."""
    from plugins.members import services as members
    samples, path = [], PAGES["district dashboard"][1]
    with context.acting(context.system("bench", source="cli")):
        for n in range(REQUESTS):
            members.register_member(k, district.TARGET, district._member(90_000 + n))
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def page_floor(app, client, path: str, rendered: list) -> float | None:
    """The median ms of the page rendering the same output from precomputed rows (``floor_view``)."""
    if not rendered:
        return None
    with floor_view(app, path, rendered):
        return statistics.median([_timed(client, path) for _ in range(REQUESTS)])


@contextmanager
def floor_view(app, path: str, rendered: list):
    """``path``'s view replaced by one rendering ``rendered`` (template, context) again, while inside."""
    endpoint = app.url_map.bind("localhost").match(path.split("?")[0])[0]
    real = app.view_functions[endpoint]

    def precomputed(**_arguments):
        html = ""
        for template, values in rendered:   # the page's own template is rendered last
            html = template.render(values)
        return html
    precomputed._zhibu_action = real._zhibu_action
    app.view_functions[endpoint] = precomputed
    try:
        yield
    finally:
        app.view_functions[endpoint] = real


def _timed(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def _attendance(k) -> dict:
    """A congress of the branch scheduled (not timed), then everyone it expects recorded present
    (51 people at 50 members per school: the real school's roll), with the catch-up it causes."""
    samples, time_of_day = [], clock_time(15)
    with context.acting(context.system("bench", source="cli")):
        for r in range(max(3, REQUESTS // 2)):
            meeting = meetings.schedule_meeting(k, district.TARGET, "congress", f"支部党员大会{r}",
                                                datetime.combine(k.today() - timedelta(days=1 + r), time_of_day),
                                                "会议室")
            entries = {e["member_id"]: {"status": "present"} for e in meeting.expected}
            started = time.perf_counter()
            meetings.record_attendance(k, district.TARGET, meeting.id, entries)
            samples.append((time.perf_counter() - started) * 1000)
    return {"median": statistics.median(samples), "p95": _p95(samples), "floor": None, "statements": None,
            "people": len(entries)}


def measure(workdir: Path, pg_url: str | None, schools: int, people: int) -> dict:
    """Every page at one size; name → {median, p95, floor, statements} and how the district was made."""
    app, k, schema = _make_app(workdir, pg_url, f"scale{schools}x{people}")
    app.config.update(SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False)
    try:
        with app.app_context():
            started = time.perf_counter()
            district.real_school(k, people)
            admin, secretary = app.test_client(), app.test_client()
            assert login(admin, "admin", district.PASSWORD).status_code == 302
            assert login(secretary, "secretary", district.PASSWORD).status_code == 302
            assert admin.get("/district/").status_code == 200   # the real school's summaries, fresh
            rows = district.copies(k, schools - 1)
            out = {"_generated": (time.perf_counter() - started, rows)}
            clients = {"admin": admin, "secretary": secretary}
            # A server's process, not one that has just generated a district: what the generation left is
            # collected and the rest frozen out of the cycle collector, as wsgi.py does at start (else full
            # collections over the generation's objects fall on measured requests, most often on the page
            # that allocates most: the console's, 1–2 ms of its median at 200 schools).
            gc.collect()
            gc.freeze()
            for name, (who, path) in PAGES.items():
                if wanted(name):
                    out[name] = _page(app, k, clients[who], path)
            if wanted("record attendance"):
                out["record attendance"] = _attendance(k)
            if wanted("district dashboard"):   # last: it adds members to the real school
                out["district dashboard"]["after_registration"] = _after_a_registration(k, admin)
            return out
    finally:
        gc.unfreeze()
        district.drop_shared_logs(k, schools - 1)
        k.close()
        _drop(pg_url, schema)
        shutil.rmtree(workdir / f"scale{schools}x{people}", ignore_errors=True)   # gigabytes at 2,000


def run(workdir: Path, pg_url: str | None, backends: tuple[str, ...] = ("SQLite", "PostgreSQL")) -> list[tuple]:
    """``make bench``: every size on both databases; rows (measurement, backend, value, target). The
    section and plot are written again after every size, so a run cut short still leaves its figures;
    with ZHIBU_BENCH_SCALE_RESULTS=file.json the results of earlier runs (other sizes, the other
    database) are kept beside this run's."""
    saved = Path(os.environ["ZHIBU_BENCH_SCALE_RESULTS"]) if os.environ.get("ZHIBU_BENCH_SCALE_RESULTS") else None
    results = [tuple(r) for r in json.loads(saved.read_text())] if saved and saved.exists() else []
    rows = []
    for backend, url in (("SQLite", None), ("PostgreSQL", pg_url)):
        if backend not in backends or (backend == "PostgreSQL" and not url):
            continue
        for schools, people in sizes():
            measured = measure(workdir, url, schools, people)
            seconds, inserted = measured.pop("_generated")
            print(f"   generated {schools} schools × {people} members ({backend}): {seconds:.0f} s, "
                  f"{inserted:,} rows copied", flush=True)
            results = [r for r in results if r[:3] != (backend, schools, people)]
            for page, figures in measured.items():
                results.append((backend, schools, people, page, figures))
                rows.append(report.row(backend, schools, people, page, figures))
                print("   " + " | ".join(rows[-1][:3]), flush=True)
            if saved:
                saved.write_text(json.dumps(results, ensure_ascii=False))
            report.write(results, sorted({(r[1], r[2]) for r in results}))
    return rows


def main(argv: list[str]) -> None:
    """``--pg``: PostgreSQL too; ``--only-pg``: PostgreSQL only."""
    pg = PG_URL if {"--pg", "--only-pg"} & set(argv) else None
    backends = ("PostgreSQL",) if "--only-pg" in argv else ("SQLite", "PostgreSQL")
    with tempfile.TemporaryDirectory(prefix="zhibu-scale-") as tmp:
        rows = run(Path(tmp), pg, backends)
    for row in rows:
        print(" | ".join(str(c) for c in row))


if __name__ == "__main__":
    main(sys.argv[1:])
