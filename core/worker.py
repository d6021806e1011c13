"""``zhibu worker``'s round, safe beside other workers (several machines, one PostgreSQL).

Each log is caught up by one process at a time: a worker locks the log's position rows without
waiting (``FOR UPDATE SKIP LOCKED``) and leaves a log someone else holds to them for this round; a
web request that catches up the log it wrote waits for the rows instead. Positions move in the
transaction that writes the rows, so nothing is applied twice and nothing is skipped. Each worker
takes the schools in its own random order, so the logs spread across the workers.

A periodic job (``zhibu_worker_jobs``) runs once a round across all workers: the first worker to
move the job's row in ``core_worker_jobs`` to the current round runs it, and on PostgreSQL it holds
an advisory lock while it runs, so a job longer than a round never runs twice at once. On SQLite
(one machine, one worker) the same rows serialise through the database's write lock.
"""
from __future__ import annotations

import hashlib
import logging
import random
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from sqlalchemy import exc as sa_exc, insert, text, update

from core.db import worker_jobs

logger = logging.getLogger("zhibu")


def run_round(k, jobs: list[Callable], interval: float, rng: random.Random,
              stop: Callable[[], bool] = lambda: False) -> int:
    """Catch up what no other worker is catching up, then the jobs whose round is unclaimed; how
    many notifications this worker applied. ``stop()`` (SIGTERM) ends the round at the next log."""
    applied = k.catch_up_everything(order=lambda slugs: rng.sample(slugs, len(slugs)), skip_if_busy=True,
                                    stop=stop)
    round_no = int(time.time() // max(interval, 0.001))
    for job in jobs:
        if stop():
            break
        name = job_name(job)
        try:
            with job_lock(k, name) as held:
                if held and claim_round(k, name, round_no):
                    job(k)
        except Exception:  # noqa: BLE001  (one job's trouble must not stop the worker)
            logger.exception("worker job %s failed; it runs again next round", name)
    return applied


def job_name(job: Callable) -> str:
    return f"{job.__module__}.{getattr(job, '__qualname__', repr(job))}"[:200]


def claim_round(k, name: str, round_no: int) -> bool:
    """Whether this worker is the one to run the job this round (moves its row to ``round_no``)."""
    with k.engine.begin() as conn:
        moved = conn.execute(update(worker_jobs).where(worker_jobs.c.job == name, worker_jobs.c.round < round_no)
                             .values(round=round_no)).rowcount
    if moved:
        return True
    try:
        with k.engine.begin() as conn:
            conn.execute(insert(worker_jobs).values(job=name, round=round_no))
        return True
    except sa_exc.IntegrityError:
        return False  # the row is there: another worker claimed this round


@contextmanager
def job_lock(k, name: str) -> Iterator[bool]:
    """PostgreSQL: an advisory lock on the job (for this database and schema) held while it runs;
    whether it was free. SQLite: always free (one worker)."""
    if k.engine.dialect.name != "postgresql":
        yield True
        return
    digest = hashlib.blake2b(f"zhibu-job:{k.store_config.schema}:{name}".encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    with k.engine.connect() as conn:
        held = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar())
        conn.commit()
        try:
            yield held
        finally:
            if held:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()
