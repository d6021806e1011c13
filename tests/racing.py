"""Race real processes on one store: each builds its own app on the store under test, waits at a
barrier with its log open, then runs one command. What each got back says who won.

The processes are spawned once per test session and kept (importing the app costs seconds on a
busy machine); every race builds fresh apps in them.
"""
from __future__ import annotations

import atexit
import importlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime

TIMEOUT = 60
_spawn = multiprocessing.get_context("spawn")
_shared: dict = {}


def _warm() -> None:
    from core.plugins import Registry  # noqa: PLC0415 - imported in the worker, not the test process
    Registry()


def _run(config: dict, now: str, barrier, command: str, args: tuple) -> tuple:
    from core import context  # noqa: PLC0415 - as above
    from core.app import create_app  # noqa: PLC0415
    from core.errors import ConflictError, DomainError  # noqa: PLC0415

    app = create_app(config=config)
    k = app.extensions["zhibu"]
    k.clock = lambda: datetime.fromisoformat(now)
    module, _, name = command.rpartition(".")
    function = getattr(importlib.import_module(module), name)
    tenant = args[0]
    try:
        with app.app_context(), context.acting(context.system("race", source="test")):
            k.stores.log(tenant).recorder.max_notification_id()   # the log is open and connected
            k.enabled_plugins(tenant)
            barrier.wait(TIMEOUT)
            try:
                result = function(k, *args)
                return ("won", str(getattr(result, "id", result)))
            except ConflictError as exc:
                return ("conflict", exc.message)
            except DomainError as exc:
                return ("refused", exc.message, exc.field)
            except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
                return ("error", repr(exc))
    finally:
        k.close()


def _workers(count: int) -> tuple[ProcessPoolExecutor, object]:
    if _shared.get("count", 0) < count:
        if "pool" in _shared:
            _shared["pool"].shutdown()
        _shared["manager"] = _shared.get("manager") or _spawn.Manager()
        _shared["pool"] = ProcessPoolExecutor(max_workers=count, mp_context=_spawn, initializer=_warm)
        _shared["count"] = count
        atexit.register(lambda: (_shared["pool"].shutdown(), _shared["manager"].shutdown()))
    return _shared["pool"], _shared["manager"]


def race(k, command: str, *args_of_each: tuple) -> list[tuple]:
    """Run ``command(k, *args)`` once per ``args`` (the first argument is the log the command
    writes), each in its own process with its own app, all released at once; the outcomes,
    winners first."""
    outcomes = race_commands(k, *((command, args) for args in args_of_each))
    return sorted(outcomes, key=lambda o: o[0] != "won")


def race_commands(k, *jobs: tuple[str, tuple]) -> list[tuple]:
    """Like ``race``, with a command of its own for each process; the outcomes in the jobs' order."""
    pool, manager = _workers(len(jobs))
    barrier = manager.Barrier(len(jobs))
    store = k.store_config
    config = {"INSTANCE_PATH": str(store.instance_path), "DATABASE_URL": store.database_url,
              "DATABASE_SCHEMA": store.schema, "SECRET_KEY": "test-secret", "TESTING": True}
    futures = [pool.submit(_run, config, k.now().isoformat(), barrier, command, args) for command, args in jobs]
    return [f.result(timeout=TIMEOUT * 2) for f in futures]


def one_winner(outcomes: list[tuple]) -> bool:
    """Exactly one process won; every other got a conflict or the rule's refusal."""
    return ([o[0] for o in outcomes].count("won") == 1
            and all(o[0] in ("conflict", "refused") for o in outcomes[1:]))
