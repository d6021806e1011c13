"""Several ``zhibu worker`` processes share the logs (PostgreSQL): each log is caught up by one process
at a time, every event is applied exactly once, the logs spread across the workers, and a periodic job
runs once a round however many workers there are (core/worker.py)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from core import context
from core.worker import claim_round, job_lock, run_round
from tests import sample_plugin, worker_probe
from tests.sample_plugin import amend_note, notes, write_note
from tests.worker_probe import applied

ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRES = pytest.mark.skipif(not os.environ.get("ZHIBU_TEST_DATABASE_URL"),
                                 reason="several workers share the logs on PostgreSQL; SQLite is one machine "
                                        "with one worker (its write lock serialises the catch-up)")
# `zhibu worker` itself (core.cli), in an app that also loads the test-only plugins.
WORKER = """
from core.app import create_app
from core.cli import cli
from tests import sample_plugin, worker_probe
app = create_app(extra_plugins=(sample_plugin, worker_probe))
with app.app_context():
    cli.main(["worker", "--interval", "0.5"])
"""


@pytest.fixture
def extra_plugins():
    return (sample_plugin, worker_probe)


def worker_env(k) -> dict:
    store = k.store_config
    return {**os.environ, "ZHIBU_INSTANCE_PATH": str(store.instance_path),
            "ZHIBU_DATABASE_URL": store.database_url or "", "ZHIBU_DATABASE_SCHEMA": store.schema,
            "ZHIBU_SECRET_KEY": "test-secret", "ZHIBU_INLINE_PROJECTIONS": "0", "PYTHONPATH": str(ROOT)}


def note_notifications(k, slugs) -> set[tuple[str, int]]:
    """(log, notification id) of every sample note event in these logs."""
    return {(slug, n.id) for slug in slugs
            for n in k.stores.log(slug).recorder.select_notifications(start=1, limit=100_000)
            if ":Note." in n.topic}


def all_caught_up(k, slugs) -> bool:
    return all(s.position >= s.head and s.stopped_at is None for s in k.projector.states(slugs))


@ON_POSTGRES
def test_three_workers_on_thirty_schools_under_writes_apply_every_event_once_and_share_the_work(
        k, make_tenant, actor):
    k.inline_projections = False
    slugs = [make_tenant(f"w{i:02d}", plugins=["sample"]) for i in range(30)]
    with k.deferred_projections():  # a backlog the workers find waiting
        for i in range(5):
            for slug in slugs:
                write_note(k, slug, f"{slug}-{i}")
    gate = k.engine.connect()  # the workers wait at their first log until all three have started
    gate.execute(text("LOCK TABLE core_projection_positions IN EXCLUSIVE MODE"))
    workers = [subprocess.Popen([sys.executable, "-c", WORKER], env=worker_env(k), cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs: dict[int, list[str]] = {w.pid: [] for w in workers}
    errors: dict[int, list[str]] = {w.pid: [] for w in workers}
    readers = [threading.Thread(target=lambda w=w: errors[w.pid].extend(w.stderr), daemon=True) for w in workers]
    for reader in readers:
        reader.start()
    try:
        for w in workers:
            assert w.stdout.readline().strip() == f"worker {w.pid} started", errors[w.pid][-20:]
            readers.append(threading.Thread(target=lambda w=w: outputs[w.pid].extend(w.stdout), daemon=True))
            readers[-1].start()
        gate.rollback()
        # Writes while the workers run: most leave the catch-up to them, some catch up inline as a web
        # request does (it waits for a worker holding the log's rows).
        rng = random.Random(19)
        written = []
        for i in range(30):
            slug = rng.choice(slugs)
            if i % 4 == 0:
                written.append((slug, write_note(k, slug, f"live-{i}")))
            else:
                with k.deferred_projections():
                    written.append((slug, write_note(k, slug, f"live-{i}")))
            if i % 3 == 0:
                slug, note = written[rng.randrange(len(written))]
                with k.deferred_projections():
                    amend_note(k, slug, note.id, f"amended-{i}", None)
        deadline = time.monotonic() + 40
        while not all_caught_up(k, slugs) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all_caught_up(k, slugs), [s for s in k.projector.states(slugs) if s.position < s.head][:5]
    finally:
        gate.close()
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
                w.wait()
        for reader in readers:
            reader.join(timeout=5)
    assert [w.returncode for w in workers] == [0, 0, 0], errors
    problems = {pid: [line for line in lines if "Traceback" in line or "failed" in line or "ERROR" in line]
                for pid, lines in errors.items()}
    assert not any(problems.values()), problems

    expected = note_notifications(k, slugs)
    with k.engine.connect() as conn:
        counted = conn.execute(select(applied.c.tenant, applied.c.notification_id, func.count())
                               .group_by(applied.c.tenant, applied.c.notification_id)).all()
        by_pid = dict(conn.execute(select(applied.c.pid, func.count()).group_by(applied.c.pid)).all())
        stored = conn.scalar(select(func.count()).select_from(notes).where(notes.c.tenant.in_(slugs)))
    assert {(t, n) for t, n, _ in counted} == expected  # none skipped
    assert [(t, n, c) for t, n, c in counted if c != 1] == []  # none applied twice
    assert stored == 5 * 30 + 30
    shares = {w.pid: by_pid.get(w.pid, 0) for w in workers}
    assert all(shares.values()), f"a worker applied nothing: {shares}"
    assert all(any(line.startswith("applied ") for line in outputs[w.pid]) for w in workers), outputs


@ON_POSTGRES
def test_a_worker_leaves_a_log_another_process_is_catching_up_and_takes_it_once_free(k, make_tenant, actor):
    slug = make_tenant("held", plugins=["sample"])
    k.projector.catch_up(slug)  # its position rows exist
    with k.deferred_projections():
        for i in range(5):
            write_note(k, slug, f"n{i}")
    other = k.engine.connect()  # another process catching the log up: it holds the log's position rows
    other.execute(text("SELECT * FROM core_projection_positions WHERE log = :log FOR UPDATE"), {"log": slug})
    done: list[int] = []
    attempt = threading.Thread(target=lambda: done.append(k.projector.catch_up(slug, skip_if_busy=True)))
    attempt.start()
    attempt.join(timeout=30)  # a worker that waited for the rows instead would still be waiting
    other.rollback()
    other.close()
    attempt.join()
    assert done == [0]
    assert k.projector.catch_up(slug, skip_if_busy=True) >= 5
    with k.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(applied).where(applied.c.tenant == slug)) == 5
    assert all_caught_up(k, [slug])


def test_a_periodic_job_runs_once_a_round_however_many_workers_poll(k):
    ran = []

    def job(_k):
        ran.append(1)

    rng = random.Random(1)
    for _ in range(3):  # three workers' rounds within the same hour-long round
        run_round(k, [job], 3600, rng)
    assert ran == [1]
    assert claim_round(k, "tests.job", 10) and not claim_round(k, "tests.job", 10)
    assert claim_round(k, "tests.job", 11)


@ON_POSTGRES
def test_a_periodic_job_another_worker_is_running_is_not_started_again(k):
    with job_lock(k, "tests.long_job") as first:
        with job_lock(k, "tests.long_job") as second:
            assert first and not second
    with job_lock(k, "tests.long_job") as again:
        assert again  # released when the job ended
