"""The browser journeys' harness: one real gunicorn serving a fresh demo district, one Chromium.

The server under test runs once per session, on SQLite by default (``make test-browser``): the journeys
test what a person sees and does in a browser, and the store behind the pages is the same code the
rest of the suite already runs on both databases. With ZHIBU_TEST_DATABASE_URL set, the same server
runs on a fresh PostgreSQL schema instead.

Chromium is Debian's (/usr/bin/chromium, or ZHIBU_CHROMIUM); Playwright's own browsers are never
downloaded. Without Chromium every journey is skipped with one reason; in CI (CI=true) that fails.
Screenshots of failed journeys are kept in test-artifacts/browser/.
"""
from __future__ import annotations

import os
import re
import uuid

import pytest

from tests.browser.harness import ARTIFACTS, Server, User, find_chromium


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        where = os.environ.get("ZHIBU_CHROMIUM") or "/usr/bin/chromium (or chromium on PATH)"
        reason = f"Chromium not found at {where}; browser journeys not run"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} — CI requires it (.ci/run installs it with apt-get)", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def playwright_browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415  (only the journeys need it)
    except ImportError:
        reason = "the playwright package is not installed (pip install -e '.[test]'); browser journeys not run"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory, chromium_path):
    """gunicorn (2 workers) on 127.0.0.1:81xx serving a fresh demo district in a temporary instance folder.

    ZHIBU_BROWSER_SERVER=http://127.0.0.1:81xx points the journeys at a server already running instead
    (while writing a journey); the journeys name what they create uniquely, so they can run again."""
    running = os.environ.get("ZHIBU_BROWSER_SERVER")
    if running:
        yield Server.running(running)
        return
    folder = tmp_path_factory.mktemp("browser-server")
    url = os.environ.get("ZHIBU_TEST_DATABASE_URL")
    schema = f"zb_{uuid.uuid4().hex[:12]}" if url else ""
    if url:
        import psycopg  # noqa: PLC0415  (only the PostgreSQL run needs it)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    srv = Server(folder, database_url=url, schema=schema)
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()
        if url:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def page(playwright_browser, server, request):
    """A fresh browser context (no cookies) on a desktop screen, zh-CN."""
    context = playwright_browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900},
                                             base_url=server.base_url)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    request.node.browser_page = pg
    yield pg
    context.close()


@pytest.fixture
def phone(playwright_browser, server, request):
    """A fresh browser context the size of a phone (375×812, touch), zh-CN."""
    context = playwright_browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812},
                                             device_scale_factor=2, is_mobile=True, has_touch=True,
                                             base_url=server.base_url)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    request.node.browser_page = pg
    yield pg
    context.close()


@pytest.fixture
def user(page, request):
    """The person at the desktop browser; ``user.actions`` counts their clicks, fills and selects."""
    u = User(page)
    request.node.browser_user = u
    return u


@pytest.fixture
def phone_user(phone, request):
    u = User(phone)
    request.node.browser_user = u
    return u


ACTIONS = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed journey leaves a full-page screenshot and the page's HTML in test-artifacts/browser/."""
    report = yield
    pg = getattr(item, "browser_page", None)
    if report.failed and report.when == "call" and pg is not None and not pg.is_closed():
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", item.nodeid)[-150:]
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
            (ARTIFACTS / f"{stem}.html").write_text(pg.content(), encoding="utf-8")
            report.sections.append(("browser", f"screenshot: {ARTIFACTS / stem}.png (page {pg.url})"))
        except Exception as exc:  # noqa: BLE001  (a screenshot must never hide the failure itself)
            report.sections.append(("browser", f"no screenshot: {exc}"))
    u = getattr(item, "browser_user", None)
    if report.when == "call" and u is not None:
        item.config.stash.setdefault(ACTIONS, []).append((item.nodeid, u.actions, u.visits))
    return report


def pytest_terminal_summary(terminalreporter, config):
    """Each journey's count of user actions, on the terminal and in test-artifacts/browser/actions.tsv."""
    rows = config.stash.get(ACTIONS, [])
    if not rows:
        return
    terminalreporter.section("browser journeys: user actions (clicks + fills + selects; pages opened by address)")
    for nodeid, actions, visits in rows:
        terminalreporter.write_line(f"{actions:4d} actions {visits:3d} addresses  {nodeid.split('::')[-1]}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "actions.tsv").write_text("journey\tactions\taddresses\n" + "".join(
        f"{nodeid}\t{actions}\t{visits}\n" for nodeid, actions, visits in rows), encoding="utf-8")
