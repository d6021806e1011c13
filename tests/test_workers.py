"""Several ``zhibu worker`` processes share the logs (PostgreSQL): each log is caught up by one process
at a time, every event is applied exactly once, the logs spread across the workers, and a periodic job
runs once a round however many workers there are (core/worker.py)."""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
import threading
import time
from importlib.metadata import entry_points
from multiprocessing import forkserver
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


def zhibu_worker(env: dict, out: str) -> None:
    """`zhibu worker` itself (core.cli), in an app that also loads the test-only plugins, its output in
    ``out`` (.stdout, .stderr). Run in a process forked by a server that imported the app's code once:
    three workers do not import every plugin three times (most of a worker's start)."""
    os.environ.clear()
    os.environ.update(env)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        os.dup2(os.open(f"{out}.{name}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.stdout, sys.stderr = open(1, "w", buffering=1, closefd=False), open(2, "w", buffering=1, closefd=False)
    from core.app import create_app  # noqa: PLC0415  (imported already: the fork server preloads it)
    from core.cli import cli  # noqa: PLC0415
    app = create_app(extra_plugins=(sample_plugin, worker_probe))
    with app.app_context():
        cli.main(["worker", "--interval", "0.5"])


def fork_server():
    """A multiprocessing context whose processes are forked from one server that imported the app, the
    plugins and this module; started now, so that it imports while the test writes its backlog."""
    context_ = multiprocessing.get_context("forkserver")
    context_.set_forkserver_preload(["core.app", "core.cli", __name__,
                                     *sorted({e.module for e in entry_points(group="zhibu")})])
    forkserver.ensure_running()
    return context_


def lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8", errors="replace").splitlines() if Path(path).exists() else []


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
        k, make_tenant, actor, tmp_path):
    k.inline_projections = False
    processes = fork_server()
    slugs = [make_tenant(f"w{i:02d}", plugins=["sample"]) for i in range(30)]
    with k.deferred_projections():  # a backlog the workers find waiting
        for i in range(3):
            for slug in slugs:
                write_note(k, slug, f"{slug}-{i}")
    gate = k.engine.connect()  # the workers wait at their first log until all three have started
    gate.execute(text("LOCK TABLE core_projection_positions IN EXCLUSIVE MODE"))
    outs = [str(tmp_path / f"worker{i}") for i in range(3)]
    workers = [processes.Process(target=zhibu_worker, args=(worker_env(k), out)) for out in outs]
    for w in workers:
        w.start()
    try:
        deadline = time.monotonic() + 120
        for w, out in zip(workers, outs):
            while f"worker {w.pid} started" not in lines(f"{out}.stdout"):
                assert w.is_alive() and time.monotonic() < deadline, lines(f"{out}.stderr")[-20:]
                time.sleep(0.05)
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
            if w.pid is not None and w.is_alive():
                os.kill(w.pid, signal.SIGTERM)
        for w in workers:
            w.join(timeout=20)
            if w.is_alive():
                w.kill()
                w.join()
    errors = {w.pid: lines(f"{out}.stderr") for w, out in zip(workers, outs)}
    outputs = {w.pid: lines(f"{out}.stdout") for w, out in zip(workers, outs)}
    assert [w.exitcode for w in workers] == [0, 0, 0], errors
    problems = {pid: [line for line in found if "Traceback" in line or "failed" in line or "ERROR" in line]
                for pid, found in errors.items()}
    assert not any(problems.values()), problems

    expected = note_notifications(k, slugs)
    with k.engine.connect() as conn:
        counted = conn.execute(select(applied.c.tenant, applied.c.notification_id, func.count())
                               .group_by(applied.c.tenant, applied.c.notification_id)).all()
        by_pid = dict(conn.execute(select(applied.c.pid, func.count()).group_by(applied.c.pid)).all())
        stored = conn.scalar(select(func.count()).select_from(notes).where(notes.c.tenant.in_(slugs)))
    assert {(t, n) for t, n, _ in counted} == expected  # none skipped
    assert [(t, n, c) for t, n, c in counted if c != 1] == []  # none applied twice
    assert stored == 3 * 30 + 30
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
