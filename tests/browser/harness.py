"""What the journeys stand on: finding Chromium, the gunicorn under test, and the counted user."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
import urllib.error
import urllib.request
from pathlib import Path

from core.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PORTS = range(8100, 8200)   # this suite's own range; 127.0.0.1 only
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

__all__ = ["ARTIFACTS", "DEMO_PASSWORD", "Server", "User", "find_chromium", "unique"]


def unique(prefix: str = "") -> str:
    """A short suffix so a journey can run again against the same server (ZHIBU_BROWSER_SERVER)."""
    return f"{prefix}{uuid.uuid4().hex[:4]}"


def find_chromium() -> str | None:
    """ZHIBU_CHROMIUM when set (and only it), else Debian's chromium."""
    named = os.environ.get("ZHIBU_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}–{PORTS.stop - 1} on 127.0.0.1")


def _tool(name: str) -> list[str]:
    """The virtual environment's own ``name`` run from the checkout (gunicorn puts the working folder first)."""
    script = Path(sys.executable).parent / name
    return [str(script)] if script.exists() else [sys.executable, "-m", name]


class Server:
    """``zhibu demo`` into a fresh instance folder, then ``gunicorn wsgi:app`` (2 workers) on 127.0.0.1."""

    STARTUP_SECONDS = 60

    def __init__(self, folder: Path, database_url: str | None = None, schema: str = ""):
        self.folder = folder
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "gunicorn.log"
        self.env = {**os.environ, "ZHIBU_INSTANCE_PATH": str(folder / "instance"),
                    "ZHIBU_SECURE_COOKIES": "0", "ZHIBU_SECRET_KEY": "browser-journeys"}
        for name in ("ZHIBU_DATABASE_URL", "ZHIBU_DATABASE_SCHEMA", "ZHIBU_PRODUCTION", "ZHIBU_TEST_WORKER"):
            self.env.pop(name, None)
        if database_url:
            self.env.update(ZHIBU_DATABASE_URL=database_url, ZHIBU_DATABASE_SCHEMA=schema)
        self.process: subprocess.Popen | None = None
        self.demo_made_after: datetime | None = None   # a moment before every demo record existed

    @classmethod
    def running(cls, base_url: str) -> "Server":
        srv = cls.__new__(cls)
        srv.base_url, srv.process, srv.log_path = base_url.rstrip("/"), None, None
        srv.demo_made_after = None
        return srv

    def start(self) -> None:
        self.demo_made_after = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=1)
        # The checkout's code, not whatever the virtual environment's console script would import.
        demo = subprocess.run([sys.executable, "-c", "from core.cli import main; main()", "demo"], cwd=ROOT,
                              env=self.env, capture_output=True, text=True, timeout=300)
        if demo.returncode != 0:
            raise RuntimeError(f"zhibu demo failed:\n{demo.stdout}\n{demo.stderr}")
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [*_tool("gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT),
             "--access-logfile", "-", "--graceful-timeout", "5", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + self.STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)   # polling a starting server; the journeys themselves wait on selectors
        raise RuntimeError(f"gunicorn did not answer /healthz within {self.STARTUP_SECONDS} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path and self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)   # the arbiter stops its own workers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()


class User:
    """The person at the browser. Every click, fill, select and check goes through here and is counted
    in ``actions``; opening a page by its address counts in ``visits`` (not an action on the page).

    Locators are Playwright's; waits are Playwright's auto-waiting and ``expect``, never sleeps."""

    def __init__(self, page):
        self.page = page
        self.actions = 0
        self.visits = 0
        self.log: list[str] = []
        page.on("dialog", self._confirm)

    def _confirm(self, dialog) -> None:
        """A confirmation the page asks for (data-confirm) is answered yes: one more click."""
        self._count(f"confirm {dialog.message}")
        dialog.accept()

    def _count(self, what: str) -> None:
        self.actions += 1
        self.log.append(re.sub(r"^(\w+) <Locator .*selector='(.*)'>$", r"\1 \2", what))

    def _loc(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    def go(self, path: str) -> None:
        self.visits += 1
        self.log.append(f"go {path}")
        self.page.goto(path)

    def click(self, target, **kwargs) -> None:
        self._count(f"click {target}")
        self._loc(target).click(**kwargs)

    def fill(self, target, value: str) -> None:
        self._count(f"fill {target}")
        self._loc(target).fill(value)

    def select(self, target, value=None, *, label: str | None = None) -> None:
        self._count(f"select {target}")
        if label is not None:
            self._loc(target).select_option(label=label)
        else:
            self._loc(target).select_option(value)

    def check(self, target) -> None:
        self._count(f"check {target}")
        self._loc(target).check()

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> None:
        """The login page: 3 actions (user name, password, 登录)."""
        self.go("/login")
        self.fill("#username", username)
        self.fill("#password", password)
        with self.page.expect_navigation():
            self.click(self.page.get_by_role("button", name="登录"))

    def submit(self, target, **kwargs) -> None:
        """A click that posts a form: waits for the page the server answers with."""
        with self.page.expect_navigation():
            self.click(target, **kwargs)
