"""`make bench` for the audit plugin: a generated district of 200 schools and 1,000,000 events.

Events are real member-registry events (``Member.Registered`` and ``Member.FieldsCorrected``)
stamped with a command context, written in large batches straight through each log's recorder
(the mapper builds the stored events), then indexed by the audit projection. Measured: the
console's first page filtered by school and month, by actor and by event type; verification of
one school's full log; the district dashboard.
"""
from __future__ import annotations

import gc
import os
import statistics
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import text

from core import context
from core.app import create_app
from core.benching import bench_app
from core.auth import services as accounts
from core.projections import Projector
from core.testing import login
from plugins.audit.queries import storedrows
from plugins.audit.services import seals
from plugins.members.public import Member
from tenants import services as tenants

SCHOOLS = int(os.environ.get("ZHIBU_AUDIT_BENCH_SCHOOLS", "200"))
EVENTS = int(os.environ.get("ZHIBU_AUDIT_BENCH_EVENTS", "1000000"))
PG_EVENTS = int(os.environ.get("ZHIBU_AUDIT_BENCH_PG_EVENTS", "200000"))
ACTORS = [f"user{i:02d}" for i in range(40)]
START = datetime(2024, 1, 1, tzinfo=timezone.utc)
SPAN = timedelta(days=730)
REPEAT = 20


def _templates():
    """One real Registered and one real FieldsCorrected event to clone."""
    with context.acting(context.system("bench", source="bench")):
        member = Member.register({"name": "模板", "gender": "female", "id_number": "110105198001010016",
                                  "joined_on": date(2010, 7, 1), "converted_on": date(2011, 7, 1)}, "full")
        member.correct({"job_post": "数学教师"})
    registered, corrected = member.collect_events()
    return registered, corrected


def _clone(template, originator_id, version, timestamp, meta, **values):
    event = object.__new__(type(template))
    event.__dict__.update({**vars(template), "originator_id": originator_id, "originator_version": version,
                           "timestamp": timestamp, "meta": meta, **values})
    return event


def generate(k, slug: str, count: int, seed: int) -> None:
    """``count`` events of members of one school, spread over two years, in notification order."""
    registered, corrected = _templates()
    app = k.stores.log(slug)
    per_member = 20
    members = -(-count // per_member)
    stored, made = [], 0
    step = SPAN / count
    posts = ["语文教师", "数学教师", "英语教师", "年级组长", "教务处主任"]
    for m in range(members):
        mid = uuid.uuid5(uuid.NAMESPACE_URL, f"{slug}/{m}")
        for v in range(1, per_member + 1):
            if made >= count:
                break
            actor = ACTORS[(seed * 7 + made) % len(ACTORS)]
            meta = {"actor_id": f"user:{actor}", "actor_name": actor, "role": "org", "tenant": slug,
                    "correlation_id": uuid.uuid4().hex, "reason": None, "source": "bench"}
            at = START + step * made
            if v == 1:
                event = _clone(registered, mid, 1, at, meta,
                               fields={**registered.fields, "name": f"党员{m}", "id_number": f"{m:017d}X"})
            else:
                before, after = posts[(v - 1) % len(posts)], posts[v % len(posts)]
                event = _clone(corrected, mid, v, at, meta,
                               changes={"job_post": {"before": before, "after": after}})
            stored.append(app.mapper.to_stored_event(event))
            made += 1
    for i in range(0, len(stored), 5000):
        app.recorder.insert_events(stored[i:i + 5000])


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def _time(fn, repeat: int = REPEAT) -> float:
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return _p95(samples)


def _run(workdir: Path, pg_url: str | None, total: int, backend: str) -> list[tuple]:
    rows = []
    with bench_app(workdir, pg_url, f"audit-{backend}") as (app, k):
        with app.app_context():
            k.init_storage()
            per_school = total // SCHOOLS
            started = time.perf_counter()
            with context.acting(context.system("bench", source="bench")):
                accounts.create_user(k, "admin", "区级管理员", "bench-password")
                accounts.grant_role(k, "admin", "district_admin")
                slugs = [f"s{i:03d}" for i in range(SCHOOLS)]
                for i, slug in enumerate(slugs):
                    tenants.create_school(k, slug, f"第{i + 1}学校", plugins=[])
                    generate(k, slug, per_school, i)
            written = time.perf_counter() - started
            # Only the audit index is built here (the member registry's own read model is not
            # what this plugin measures; its projection would double the set-up time).
            index = Projector(k.stores, k.engine,
                              lambda log: [p for p in k.projections_for(log) if p.name == "audit.index"])
            started = time.perf_counter()
            for slug in slugs:
                index.catch_up(slug)
            indexed = time.perf_counter() - started
            if pg_url:   # what autovacuum does after a bulk load: statistics for the planner
                with k.engine.begin() as conn:
                    conn.execute(text("ANALYZE audit_events"))
            events = per_school * SCHOOLS
            rows.append((f"generate {events:,} events in {SCHOOLS} logs (write)", backend,
                         f"{written:.0f} s ({events / written:,.0f} events/s)", "a few minutes"))
            rows.append(("build the audit index projection", backend,
                         f"{indexed:.0f} s ({events / indexed:,.0f} events/s)", "—"))

            # A server's process, not one that has just generated a million events: what setup left is
            # collected and the rest frozen out of the cycle collector, as wsgi.py does at start (else a
            # full collection over setup's objects, 130–300 ms, falls on one measured request).
            gc.collect()
            gc.freeze()
            client = app.test_client()
            assert login(client, "admin", "bench-password").status_code == 302
            target = "p95 < 200 ms"

            def page(url):
                def get():
                    r = client.get(url)
                    assert r.status_code == 200, (url, r.status_code)
                return get
            rows.append(("console first page, by school and month", backend,
                         f"{_time(page(f'/audit/?school={slugs[len(slugs) * 2 // 3]}&month=2025-06')):.0f} ms", target))
            rows.append(("console first page, by actor", backend,
                         f"{_time(page('/audit/?actor=user17')):.0f} ms", target))
            rows.append(("console first page, by event type", backend,
                         f"{_time(page('/audit/?event_type=Member.Registered')):.0f} ms", target))
            rows.append(("console first page, no filter", backend, f"{_time(page('/audit/')):.0f} ms", target))

            key = seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])
            started = time.perf_counter()
            probe = slugs[len(slugs) * 21 // 100]
            seals.seal_log(k, probe, key)
            sealed = time.perf_counter() - started
            started = time.perf_counter()
            result = seals.verify_log(k, probe, key)
            verified = time.perf_counter() - started
            assert result.ok and result.checked == per_school, result
            rows.append((f"seal one school's log ({per_school:,} events)", backend,
                         f"{per_school / sealed:,.0f} events/s", "—"))
            rows.append((f"verify one school's full log ({per_school:,} events)", backend,
                         f"{per_school / verified:,.0f} events/s", "—"))
            started = time.perf_counter()
            seals.seal_all(k, key)
            sealed = time.perf_counter() - started
            started = time.perf_counter()
            results = seals.verify_all(k, key)
            verified = time.perf_counter() - started
            assert all(r.ok for r in results), [r for r in results if not r.ok][:3]
            checked = sum(r.checked for r in results)
            rows.append((f"checkpoint the whole district ({checked:,} events in {len(results)} logs)", backend,
                         f"{checked / sealed:,.0f} events/s", "—"))
            rows.append((f"verify the whole district ({checked:,} events, every row, copy and snapshot)", backend,
                         f"{checked / verified:,.0f} events/s", "—"))
            gc.collect()   # what sealing and verifying left, as above
            gc.freeze()
            # Sealing moved every school's seal figures: each of these requests computes up to
            # ZHIBU_SUMMARY_REFRESH_PER_READ of the due summary rows before it answers (a quiet dashboard:
            # "scale: district dashboard" below).
            limit = app.config["ZHIBU_SUMMARY_REFRESH_PER_READ"]
            rows.append((f"district dashboard ({SCHOOLS} schools) right after every school was sealed, each "
                         f"request computing up to {limit} due summary rows (one school's figures from one "
                         "module each) before it answers", backend,
                         f"{_time(page('/district/'), 10):.0f} ms p95", "—"))
    gc.unfreeze()      # the benchmarks after this one start as before
    return rows


def seal_rates(workdir: Path, pg_url: str | None, events: int = 5000, backend: str = "SQLite") -> list[tuple]:
    """Checkpoint and verification rates (events/s) of one school of ``events`` events: a first
    checkpoint over the whole log (Merkle root + Ed25519 signature + copy into the district log), and a
    full verification (every row, every copy's signature, every snapshot)."""
    with bench_app(workdir, pg_url, f"seal-{backend}") as (app, k):
        with app.app_context(), context.acting(context.system("bench", source="bench")):
            k.init_storage()
            tenants.create_school(k, "seal-bench", "封存基准学校", plugins=[])
            generate(k, "seal-bench", events, 1)
            total = sum(1 for _ in storedrows.iter_rows(k.stores.log("seal-bench")))
            key = seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])
            started = time.perf_counter()
            assert seals.seal_log(k, "seal-bench", key).size == total
            sealed = time.perf_counter() - started
            started = time.perf_counter()
            result = seals.verify_log(k, "seal-bench", key)
            verified = time.perf_counter() - started
            assert result.ok and result.checked == total, result
    return [(f"checkpoint a school of {total:,} events (Merkle root, Ed25519)", backend,
             f"{total / sealed:,.0f} events/s", "—"),
            (f"verify a school of {total:,} events (every row, copy and snapshot)", backend,
             f"{total / verified:,.0f} events/s", "—")]


def demo_export_times(workdir: Path) -> list[tuple]:
    """The full audit export of the demo district (every event of every log, with its seals), as the
    district administrator downloads it, in each format (best of three)."""
    from core.demo import DEMO_PASSWORD, create_demo  # noqa: PLC0415  (only this benchmark needs them)
    from core.testing import login  # noqa: PLC0415
    app = create_app({"INSTANCE_PATH": str(workdir / "export-demo"), "SECRET_KEY": "bench", "TESTING": True,
                      "SESSION_COOKIE_SECURE": False})
    k = app.extensions["zhibu"]
    out = []
    try:
        with app.app_context():
            k.init_storage()
            create_demo(k, progress=lambda _m: None)
        client = app.test_client()
        assert login(client, "admin", DEMO_PASSWORD).status_code == 302
        for fmt in ("xlsx", "csv", "jsonl"):
            times = []
            for _ in range(3):
                started = time.perf_counter()
                response = client.get(f"/audit/export?format={fmt}")
                body = response.get_data()   # the body is streamed: written as it is read
                times.append(time.perf_counter() - started)
                assert response.status_code == 200 and body, response.status_code
            out.append((f"full audit export of the demo district ({fmt}, best of 3)", "SQLite",
                        f"{min(times):.2f} s", "< 1 s"))
    finally:
        k.close()
    return out


def run(workdir: Path, pg_url: str | None) -> list[tuple[str, str, str, str]]:
    rows = demo_export_times(workdir) + seal_rates(workdir, None)
    if pg_url:
        rows += seal_rates(workdir, pg_url, backend="PostgreSQL")
    rows += _run(workdir, None, EVENTS, "SQLite") if EVENTS else []
    if pg_url and PG_EVENTS:
        rows += _run(workdir, pg_url, PG_EVENTS, "PostgreSQL")
    return rows
