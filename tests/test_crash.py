"""A server killed with SIGKILL under write load loses no acknowledged write, and once restarted its
read models equal a rebuild from the log."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from core import context
from core.app import create_app
from core.auth import services as accounts
from tests import sample_plugin
from tests.sample_plugin import notes

SERVER = """
import sys
from werkzeug.serving import make_server
from core.app import create_app
from tests import sample_plugin
app = create_app(extra_plugins=(sample_plugin,))
server = make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True)
print("ready", flush=True)
server.serve_forever()
"""
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def extra_plugins():
    return (sample_plugin,)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_models(k) -> dict:
    """Every row of every read model of the school's log, as comparable values."""
    out = {}
    with k.engine.connect() as conn:
        for projection in k.projections:
            for table in projection.tables:
                rows = conn.execute(select(table)).all()
                out[table.name] = sorted(repr(tuple(r)) for r in rows)
    return out


def test_kill_9_under_writes_loses_no_acknowledged_write_and_restart_equals_a_rebuild(k, tenant, make_user):
    with context.acting(context.system("test", source="test")):
        user = make_user("secretary", tenant)
        token = accounts.issue_token(k, user, "crash")
    store = k.store_config
    env = {**os.environ, "ZHIBU_INSTANCE_PATH": str(store.instance_path), "ZHIBU_DATABASE_URL": store.database_url or "",
           "ZHIBU_DATABASE_SCHEMA": store.schema, "ZHIBU_SECRET_KEY": "test-secret", "ZHIBU_SECURE_COOKIES": "0",
           "PYTHONPATH": str(ROOT)}
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    acknowledged: list[str] = []
    refused: list[str] = []
    stop = threading.Event()

    def write(worker: int) -> None:  # bounded: at most 400 requests or 30 s a writer
        deadline = time.monotonic() + 30
        for i in range(400):
            if stop.is_set() or time.monotonic() > deadline:
                return
            text = f"w{worker}-{i}"
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/t/{tenant}/sample/notes", method="POST",
                data=json.dumps({"text": text}).encode(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    if response.status == 201:
                        acknowledged.append(text)
            except urllib.error.HTTPError as exc:
                refused.append(f"{exc.code} {exc.read()[:200]!r}")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server is gone

    try:
        assert server.stdout.readline().strip() == "ready"
        writers = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for w in writers:
            w.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.send_signal(signal.SIGKILL)  # mid-load: requests are in flight
        server.wait(timeout=10)
        stop.set()
        for w in writers:
            w.join(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
    assert len(acknowledged) >= 60, refused[:3]

    restarted = create_app(extra_plugins=(sample_plugin,), config={
        "INSTANCE_PATH": str(store.instance_path), "DATABASE_URL": store.database_url,
        "DATABASE_SCHEMA": store.schema, "SECRET_KEY": "test-secret", "TESTING": True})
    k2 = restarted.extensions["zhibu"]
    try:
        with k2.engine.connect() as conn:
            stored = set(conn.scalars(select(notes.c.text).where(notes.c.tenant == tenant)))
        assert set(acknowledged) <= stored, f"lost acknowledged writes: {sorted(set(acknowledged) - stored)[:5]}"
        logged = [n for n in k2.stores.log(tenant).recorder.select_notifications(start=1, limit=10_000)
                  if n.topic.endswith("Note.Written")]
        assert len(logged) == len(stored)  # every stored event applied once: none missing, none twice
        incremental = read_models(k2)
        k2.projector.rebuild(tenant)
        assert read_models(k2) == incremental
    finally:
        k2.close()
